"""Reminders: set by hand or from Keep nurturing's date; claimed once on their day.

The day is the owner's local day on the nudges' clock (the workspace's first active
digest schedule: its time and zone; 09:00 UTC without one), and the claim writes a
"reminder" outbox row, which sends the DM once, as nudges do.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.common.days import day_ahead
from bot.common.errors import InvalidInput
from bot.common.text import clean_line
from bot.deals import service as deals
from bot.digests import schedule
from bot.i18n import N_
from bot.nudges.service import nudge_clock
from storage import outbox_batch
from storage import reminder_queries as rq
from storage.models import Deal, Reminder
from storage.types import utcnow

WHAT_MAX = 500
# What a nurture follow-up reminds of; stored in English, translated where it is shown.
NURTURE_WHAT = N_("follow up (Keep nurturing)")
NEXT_STEP = "next step: "  # the start of a next step's reminder, stored in English
SNOOZE_DAYS = 7
DEFAULT_CLOCK = ("09:00", "UTC")  # when no channel has a digest schedule


@dataclass
class Due:
    """A claimed reminder with its deal, as it is now."""

    reminder: Reminder
    deal: Deal


def parse_day(text: str, today: date) -> date:
    """A reminder's day (2026-12-01, 1.12.2026, 01/12/2026), today or later (read like an
    expected close date)."""
    return day_ahead(text, today, "remind")


def local_today(session: Session, team_id: str, now: datetime) -> date:
    """The team's day on the nudges' clock: it turns at the digest time, in its zone."""
    sub = nudge_clock(session).get(team_id)
    at_time, tz = (sub.at_time, sub.tz) if sub else DEFAULT_CLOCK
    return schedule.latest("daily", None, at_time, tz, now).local_date


def remind(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    day: str,
    what: str,
    today: date | None = None,
) -> tuple[Deal, Reminder]:
    """/deal remind: a reminder on a day for the deal's owner."""
    today = today or local_today(session, team_id, utcnow())
    when = parse_day(day, today)
    what = clean_line(what)[:WHAT_MAX]
    if not what:
        raise InvalidInput("remind_no_what")
    deal = deals.changeable(deals.get(session=session, team_id=team_id, ref=ref))
    rid = rq.add(
        session=session,
        team_id=team_id,
        deal_id=deal.id,
        source="manual",
        what=what,
        due_on=when,
        created_by=actor,
    )
    deals.record(session, deal, actor, "reminder", to=when.isoformat(), note=what)
    return deal, rq.get(session=session, team_id=team_id, reminder_id=rid)


def _from_nurture(session: Session, team_id: str, today: date) -> None:
    for deal in rq.nurture_dates(session=session, team_id=team_id, upto=today):
        rq.add(
            session=session,
            team_id=team_id,
            deal_id=deal.id,
            source="nurture",
            origin=deal.follow_up,
            what=NURTURE_WHAT,
            due_on=deal.follow_up,
            created_by=deal.owner_id,
        )


def claim_due(*, session: Session, now: datetime) -> list[Reminder]:
    """Claim each reminder whose day has come, once; each claim writes its outbox row."""
    won: list[Reminder] = []
    for team_id in rq.teams_with_reminders(session=session, upto=now.date() + timedelta(days=1)):
        today = local_today(session, team_id, now)
        _from_nurture(session, team_id, today)
        for r in rq.due(session=session, team_id=team_id, upto=today):
            deal = session.get(Deal, r.deal_id)
            if deal.archived_at is not None or not rq.claim(session=session, reminder=r):
                continue  # archived, or a replica claimed it first
            won.append(r)
            outbox_batch.enqueue_one(
                session=session,
                team_id=team_id,
                kind="reminder",
                user_id=deal.owner_id,
                ref_id=r.id,
                payload=json.dumps({"due": r.due_on.isoformat()}),
            )
    return won


def claimed(*, session: Session, team_id: str, reminder_id: int) -> Due | None:
    """The reminder an outbox row stands for, unless it was done or its deal archived."""
    r = rq.get(session=session, team_id=team_id, reminder_id=reminder_id)
    if r is None or r.done_at is not None:
        return None
    deal = session.get(Deal, r.deal_id)
    return None if deal.archived_at is not None else Due(r, deal)


def _mine(session: Session, team_id: str, reminder_id: int) -> Reminder:
    r = rq.get(session=session, team_id=team_id, reminder_id=reminder_id)
    if r is None:
        raise InvalidInput("broken_reminder_button")
    return r


def done(*, session: Session, team_id: str, actor: str, reminder_id: int) -> Due:
    """Done: the reminder ends (recorded in the deal's history once)."""
    r = _mine(session, team_id, reminder_id)
    deal = session.get(Deal, r.deal_id)
    if r.done_at is None:
        r.done_at = utcnow()
        session.add(r)
        deals.record(session, deal, actor, "reminder_done", to=r.due_on.isoformat(), note=r.what)
    return Due(r, deal)


def snooze(
    *, session: Session, team_id: str, actor: str, reminder_id: int, now: datetime | None = None
) -> Due:
    """Snooze: the reminder comes again a week after today (or its day, if later)."""
    r = _mine(session, team_id, reminder_id)
    if r.done_at is not None:
        raise InvalidInput("reminder_already_done")
    deal = session.get(Deal, r.deal_id)
    today = local_today(session, team_id, now or utcnow())
    before = r.due_on
    r.due_on = max(today, r.due_on) + timedelta(days=SNOOZE_DAYS)
    session.add(r)
    deals.record(
        session,
        deal,
        actor,
        "reminder_snoozed",
        frm=before.isoformat(),
        to=r.due_on.isoformat(),
        note=r.what,
    )
    return Due(r, deal)


def find(*, session: Session, team_id: str, reminder_id: int) -> Due:
    """A reminder of the team and its deal, done or not."""
    r = _mine(session, team_id, reminder_id)
    return Due(r, session.get(Deal, r.deal_id))


# A next step's due day, at its end: a day as `parse_day` reads it (2026-12-05, 5.12.2026,
# 05/12/2026) after "by" or its Finnish, French or Romanian word, or before Finnish
# "mennessä". Any language's word is read whatever the reader's language (as stage names are).
_DAY = r"\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{4}"
_BY = r"by|viimeistään|d['’]ici (?:le )?|avant (?:le )?|au plus tard (?:le )?|până (?:pe|la|în)"
NEXT_DUE = re.compile(
    rf"(?:\b(?:{_BY})\s*(?P<after>{_DAY})|(?:^|(?<=\s))(?P<before>{_DAY})\s+mennessä)[\s.]*$",
    re.IGNORECASE,
)


def due_day(step: str, today: date) -> date | None:
    """The day a next step ending in `by 2026-12-05` (or `5.12.2026 mennessä`, `d'ici le
    05/12/2026`, `până pe 05.12.2026`) is due, today or later; None when it names none."""
    found = NEXT_DUE.search(step)
    return None if found is None else parse_day(found["after"] or found["before"], today)


def next_step_due(session: Session, deal: Deal, actor: str, step: str, today: date) -> None:
    """A new next step ends the old one's reminder; `… by 2026-12-05` sets one on that day."""
    for old in rq.open_for(session=session, team_id=deal.team_id, deal_id=deal.id):
        if old.source == "next":
            old.done_at = utcnow()
            session.add(old)
    when = due_day(step, today)
    if when is None:
        return
    found = NEXT_DUE.search(step)
    rq.add(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        source="next",
        what=f"{NEXT_STEP}{step[: found.start()].strip() or step}"[:WHAT_MAX],
        due_on=when,
        created_by=actor,
    )
