"""Digest subscriptions and their runs: claimed once per local date, whatever the replicas."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.deals import matching
from bot.digests import schedule
from bot.digests.build import build_digest
from bot.digests.digest import Digest, Filters, Snapshot
from bot.workspaces.service import ensure_workspace
from storage import claims, outbox_batch, queries
from storage import subscription_queries as sq
from storage.models import DigestRun, DigestSubscription
from storage.types import utcnow


@dataclass(frozen=True)
class Claim:
    """A run this process won: post it, then record the message."""

    run_id: int
    subscription: DigestSubscription
    due: schedule.Due


def for_channel(*, session: Session, team_id: str, channel: str) -> DigestSubscription | None:
    """The channel's subscription, if it has one."""
    return sq.subscription_for_channel(session=session, team_id=team_id, channel=channel)


def subscribe(
    *,
    session: Session,
    team_id: str,
    channel: str,
    actor: str,
    cadence: str,
    weekday: int | None,
    at_time: str,
    tz: str,
) -> DigestSubscription:
    """Set (or change) the channel's schedule; it starts from now, not from the past."""
    ensure_workspace(session=session, team_id=team_id)
    sub = for_channel(session=session, team_id=team_id, channel=channel) or DigestSubscription(
        team_id=team_id,
        channel_id=channel,
        cadence=cadence,
        at_time=at_time,
        tz=tz,
        created_by=actor,
    )
    sub.cadence, sub.weekday, sub.at_time, sub.tz = cadence, weekday, at_time, tz
    sub.active, sub.paused_reason, sub.created_by, sub.created_at = True, None, actor, utcnow()
    session.add(sub)
    session.flush()
    return sub


def stop(*, session: Session, team_id: str, channel: str) -> bool:
    """Turn the channel's digest off; False when it had none running."""
    sub = for_channel(session=session, team_id=team_id, channel=channel)
    if sub is None or not sub.active:
        return False
    sub.active, sub.paused_reason = False, None
    session.add(sub)
    return True


def set_filter(
    *, session: Session, team_id: str, channel: str, kind: str, value: str | int | None
) -> DigestSubscription:
    """Narrow the channel's digest: owner, stage, min or max value, or sales team id (None
    clears it)."""
    sub = for_channel(session=session, team_id=team_id, channel=channel)
    if sub is None:
        raise InvalidInput("digest_none_here")
    if kind == "stage" and value is not None:
        value = matching.match_stage(
            queries.stages(session=session, team_id=team_id), str(value)
        ).key
    column = {
        "owner": "owner_filter",
        "stage": "stage_filter",
        "min": "min_value_minor",
        "max": "max_value_minor",
        "team": "sales_team_filter",
    }[kind]
    setattr(sub, column, value)
    session.add(sub)
    return sub


def describe(sub: DigestSubscription) -> str:
    """`daily 09:00 Europe/Helsinki` or `weekly mon 08:30 America/New_York`."""
    day = f" {schedule.DAYS[sub.weekday]}" if sub.cadence == "weekly" else ""
    return f"{sub.cadence}{day} {sub.at_time} {sub.tz}"


def filters_of(sub: DigestSubscription | None) -> Filters:
    """What the subscription's digest counts."""
    if sub is None:
        return Filters()
    return Filters(
        owner=sub.owner_filter,
        stage_key=sub.stage_filter,
        min_value_minor=sub.min_value_minor,
        max_value_minor=sub.max_value_minor,
        sales_team_id=sub.sales_team_filter,
    )


def last_run(session: Session, sub_id: int) -> DigestRun | None:
    """The subscription's most recent posted run."""
    return sq.last_posted_run(session=session, subscription_id=sub_id)


def since_and_previous(
    session: Session, sub: DigestSubscription | None, now: datetime
) -> tuple[datetime, Snapshot | None]:
    """Where 'since the last digest' starts, and that digest's headline numbers."""
    last = last_run(session, sub.id) if sub is not None and sub.id else None
    if last is not None and last.posted_at is not None:
        return last.posted_at, Snapshot.from_json(last.snapshot) if last.snapshot else None
    weekly = sub is not None and sub.cadence == "weekly"
    return now - timedelta(days=7 if weekly else 1), None


def digest_for(
    *, session: Session, team_id: str, sub: DigestSubscription | None, now: datetime
) -> Digest:
    """The digest a subscription (or a channel without one) gets now: since its last one."""
    since, previous = since_and_previous(session, sub, now)
    return build_digest(
        session=session,
        team_id=team_id,
        now=now,
        since=since,
        filters=filters_of(sub),
        previous=previous,
        tz=sub.tz if sub is not None else "UTC",
    )


def channel_digest(*, session: Session, team_id: str, channel: str, now: datetime) -> Digest:
    """The channel's digest now, as its subscription shapes it (its filters apply)."""
    sub = for_channel(session=session, team_id=team_id, channel=channel)
    return digest_for(session=session, team_id=team_id, sub=sub, now=now)


def only_workspace(*, session: Session) -> str | None:
    """The workspace id when the database holds exactly one."""
    teams = sq.team_ids(session=session, limit=2)
    return teams[0] if len(teams) == 1 else None


def claim_due(*, session: Session, now: datetime) -> list[Claim]:
    """Claim every run due now across workspaces; a run another process claimed is skipped."""
    won: list[Claim] = []
    for sub in sq.active_subscriptions(session=session):
        due = schedule.due(sub.cadence, sub.weekday, sub.at_time, sub.tz, now, sub.created_at)
        if due is None:
            continue
        run_id = _insert_claim(session, sub.id, due)
        if run_id is not None:
            won.append(Claim(run_id, sub, due))
            # Posted by the outbox: a crash after this commit still posts it, once.
            outbox_batch.enqueue_one(
                session=session,
                team_id=sub.team_id,
                kind="digest",
                ref_id=run_id,
                channel_id=sub.channel_id,
                payload=json.dumps({"late": due.late(now), "due_at": due.at.isoformat()}),
            )
    return won


def claimed_run(*, session: Session, team_id: str, run_id: int) -> DigestSubscription | None:
    """The subscription of a claimed run, if it is this workspace's and still active."""
    run = session.get(DigestRun, run_id)
    sub = session.get(DigestSubscription, run.subscription_id) if run else None
    return sub if sub is not None and sub.team_id == team_id and sub.active else None


def _insert_claim(session: Session, sub_id: int, due: schedule.Due) -> int | None:
    """Insert the unique (subscription, local date) row; its id, or None if it exists."""
    return claims.insert_new(
        session=session,
        column=DigestRun.id,
        subscription_id=sub_id,
        local_date=due.local_date,
        due_at=due.at,
        claimed_at=utcnow(),
    )


def posted(*, session: Session, run_id: int, ts: str, late: bool, snapshot: Snapshot) -> None:
    """Record the posted message of a claimed run."""
    run = session.get(DigestRun, run_id)
    run.posted_at, run.message_ts, run.late, run.snapshot = utcnow(), ts, late, snapshot.to_json()
    session.add(run)


def failed(*, session: Session, run_id: int, error: str, pause: bool) -> DigestSubscription:
    """Record a failed run; pause the subscription when the channel itself is the problem."""
    run = session.get(DigestRun, run_id)
    run.error = error[:500]
    sub = session.get(DigestSubscription, run.subscription_id)
    if pause:
        sub.active, sub.paused_reason = False, error[:500]
    session.add_all([run, sub])
    return sub
