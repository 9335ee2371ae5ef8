"""A workspace's installation: paused when dealbot is uninstalled there, resumed on reinstall.

While paused, nothing runs for the team (no digests or nudges are claimed, its outbox
rows wait) and nothing of its data is deleted; a new install resumes it where it was.
"""

import logging

from sqlmodel import Session

from storage import install_queries as q
from storage.types import utcnow

log = logging.getLogger("dealbot")

UNINSTALLED = "app_uninstalled"
TOKENS_REVOKED = "tokens_revoked"


def pause(*, session: Session, team_id: str, reason: str) -> bool:
    """Pause the team's scheduled work and deliveries; False if it never used dealbot."""
    paused = q.pause(session=session, team_id=team_id, reason=reason, at=utcnow())
    log.info("paused workspace %s (%s); its data is kept", team_id, reason)
    return paused


def resume(*, session: Session, team_id: str) -> bool:
    """Resume the team after a new install; True if it had been paused."""
    resumed = q.resume(session=session, team_id=team_id)
    if resumed:
        log.info("resumed workspace %s after a new install", team_id)
    return resumed


def is_paused(*, session: Session, team_id: str) -> bool:
    """Whether the team's work is paused."""
    return q.paused_at(session=session, team_id=team_id) is not None
