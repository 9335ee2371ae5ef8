"""When a deal has gone quiet: the one rule Home, `/deal list stale`, digests and nudges share.

An open deal is quiet when the whole days since its newest activity (or its creation,
when it has none) are more than its stage allows: the stage's own `stale_days`, or
STALE_DAYS. A deal snoozed until a later date than the reader's today is not quiet;
a snooze ending today is over.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlmodel import Session

from storage import digest_lists as dl
from storage import digest_queries as dq
from storage import queries
from storage.models import Deal, Stage

STALE_DAYS = 14  # a stage without its own limit flags deals quiet for more whole days than this


def limit_days(stage: Stage) -> int:
    """How many whole days a deal may stay quiet in this stage."""
    return stage.stale_days or STALE_DAYS


def cutoffs(stages: Sequence[Stage], now: datetime) -> dict[int, datetime]:
    """Per open stage, the latest time a deal's newest activity can have for it to be quiet.

    More than N whole days quiet means at least N + 1 days, hence the extra day.
    """
    return {s.id: now - timedelta(days=limit_days(s) + 1) for s in stages if s.kind == "open"}


def quiet_deals(
    *,
    session: Session,
    team_id: str,
    now: datetime,
    today: date,
    limit: int,
    where: dq.Where | None = None,
    deal_ids: Sequence[int] | None = None,
) -> tuple[int, list[tuple[Deal, datetime]]]:
    """How many deals are quiet, and the first `limit` as (deal, newest activity), quietest first.

    `today` is the reader's date (snoozes end on it); `where` narrows the deals (a digest's
    filters), `deal_ids` to those deals. Every stage counts, retired ones too.
    """
    stages = queries.all_stages(session=session, team_id=team_id)
    return dl.stale(
        session=session,
        where=where if where is not None else dq.scope(team_id),
        cutoffs=cutoffs(stages, now),
        today=today,
        limit=limit,
        deal_ids=deal_ids,
    )


def days_quiet(last: datetime, now: datetime) -> int:
    """Whole days since the newest activity."""
    return (now - last).days
