"""The scheduled digest's metrics window: how many days each workspace chooses (default 90)."""

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.reports.period import MAX_DAYS
from bot.teams.access import require_admin
from bot.workspaces.service import ensure_workspace
from storage.models import Workspace


def days(*, session: Session, team_id: str) -> int:
    """The workspace's digest window in days."""
    return ensure_workspace(session=session, team_id=team_id).digest_window_days


def known(*, session: Session, team_id: str) -> bool:
    """Whether the database holds the workspace (a read-only command creates none)."""
    return session.get(Workspace, team_id) is not None


def parse_days(text: str) -> int:
    """A window length typed by a user: 1 to MAX_DAYS whole days (a trailing d is allowed)."""
    word = text.strip().lower().removesuffix("days").removesuffix("d").strip()
    if not word.isdigit() or not 1 <= int(word) <= MAX_DAYS:
        raise InvalidInput("window_bad_days", text=text, most=MAX_DAYS)
    return int(word)


def set_days(*, session: Session, team_id: str, actor: str, days: int) -> int:
    """Set the workspace's digest window (admins only, as every workspace setting); returns
    the length it replaced."""
    require_admin(
        session=session, team_id=team_id, user_id=actor, action="change the digest window"
    )
    ws = ensure_workspace(session=session, team_id=team_id)
    before, ws.digest_window_days = ws.digest_window_days, days
    session.add(ws)
    session.flush()
    return before
