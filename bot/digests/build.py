"""What a pipeline digest says: every number computed in SQL, bounded lists, no Slack here."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.common.money import Money, Rates
from bot.deals import quiet
from bot.digests import teams
from bot.digests.digest import (
    Bottleneck,
    DealLine,
    Digest,
    Filters,
    Listed,
    Snapshot,
    StageRow,
)
from bot.digests.metrics import bottleneck, metrics
from bot.i18n import _
from bot.workspaces import currency as money_settings
from bot.workspaces.service import ensure_workspace
from storage import digest_lists as dl
from storage import digest_queries as dq
from storage import digest_totals as totals
from storage import queries
from storage.models import Deal, Stage


def closes(day: date) -> str:
    """`close 2026-12-05`: a deal's expected close, in the reader's language."""
    return _("close {date}").format(date=day)


LIST_MAX = 5  # deals listed per section; the rest are counted
PROSPECTING_MIN = 3  # fewer deals than this in the first stage asks for more prospecting


def _money(totals: dict[str, int], counts: dict[str, int]) -> list[Money]:
    """Money per currency, the currency with the most deals first."""
    return [Money(totals[c], c) for c in sorted(totals, key=lambda c: (-counts.get(c, 0), c))]


def _line(deal: Deal, detail: str | None = None, days: int | None = None) -> DealLine:
    value = None if deal.value_minor is None else Money(deal.value_minor, deal.currency)
    return DealLine(deal.number, deal.name, deal.owner_id, value, detail, days)


def _totals(rows, known: dict[int, Stage]) -> tuple[list[Money], list[Money]]:
    """Value and weighted value (rounded half up once per currency) of totals.per_stage rows."""
    counts: dict[str, int] = defaultdict(int)
    values: dict[str, int] = defaultdict(int)
    weighted: dict[str, int] = defaultdict(int)
    for sid, cur, n, total, _days in rows:
        counts[cur] += n
        if total is not None:
            values[cur] += total
            weighted[cur] += total * known[sid].probability
    return _money(values, counts), _money({c: (w + 50) // 100 for c, w in weighted.items()}, counts)


def _pipeline(d: Digest, rows, known: dict[int, Stage], stage_filter: bool) -> None:
    """Headline and per-stage table from (stage, currency, deals, value, days) rows."""
    by_stage = defaultdict(list)
    for row in rows:
        by_stage[row[0]].append(row)
    d.open_count = sum(r[2] for r in rows)
    d.open_value, d.weighted = _totals(rows, known)
    shown = [s for s in known.values() if s.kind == "open" and (s.active or s.id in by_stage)]
    for s in sorted(shown, key=lambda s: (s.position, s.id)):
        if s.id in by_stage or not stage_filter:
            mine = by_stage[s.id]
            d.stages.append(StageRow(s.key, s.name, sum(r[2] for r in mine), *_totals(mine, known)))
    first = d.stages[:2]
    d.prospecting_low = (
        not stage_filter
        and bool(first)
        and (
            first[0].count < PROSPECTING_MIN or (len(first) > 1 and first[0].count < first[1].count)
        )
    )


def _since(d: Digest, period: dict, today: date, since_day: date) -> None:
    """New leads, moves, wins and losses, and slipped close dates in the period."""
    d.new_leads = dq.new_leads(**period)
    d.moves, d.forward = dq.moves(**period)
    d.notable = [_line(x, f"{f} → {t}") for x, f, t in dq.forward_moves(**period, limit=LIST_MAX)]
    totals = dq.closed_totals(**period)
    for kind in ("won", "lost"):
        mine = [r for r in totals if r[0] == kind]
        listed = dq.closed_deals(kind=kind, **period, limit=LIST_MAX)
        value = _money({r[1]: r[4] for r in mine if r[4] is not None}, {r[1]: r[2] for r in mine})
        setattr(
            d, kind, Listed(sum(r[2] for r in mine), [_line(x, note) for x, note in listed], value)
        )
    d.loss_reasons = dq.loss_reasons(**period, limit=LIST_MAX)
    n, slipped = dl.slipped(**period, today=today, since_day=since_day, limit=LIST_MAX)
    d.slipped = Listed(n, [_line(x, closes(x.close_date)) for (x,) in slipped])


def _attention(
    d: Digest, session: Session, where: dq.Where, rows, known: dict[int, Stage], today: date
) -> None:
    """Quiet deals, deals past their close date, and the bottleneck stage."""
    now, team_id = d.now, d.team_id
    n, found = quiet.quiet_deals(
        session=session, team_id=team_id, now=now, today=today, limit=LIST_MAX, where=where
    )
    d.stale = Listed(
        n, [_line(x, known[x.stage_id].name, quiet.days_quiet(t, now)) for x, t in found]
    )
    n, late = dl.overdue(session=session, team_id=team_id, where=where, today=today, limit=LIST_MAX)
    d.overdue = Listed(
        n, [_line(x, closes(x.close_date), (today - x.close_date).days) for (x,) in late]
    )
    neck = bottleneck(
        session=session, team_id=team_id, where=where, now=now, rows=rows, known=known
    )
    if neck:
        lines = [_line(x, days=(now - x.stage_changed_at).days) for x in neck[3]]
        d.bottleneck = Bottleneck(*neck[:3], lines)


def _bounds(d: Digest, session: Session, rates: Rates) -> dict[str, dict[str, int] | None]:
    """The min and max filters per currency, converted at the rates; a currency without a
    rate is left out (and named), never compared as it is."""
    out: dict[str, dict[str, int] | None] = {"min_value": None, "max_value": None}
    bounds = (
        ("min_value", d.filters.min_value_minor, rates.at_least),
        ("max_value", d.filters.max_value_minor, rates.at_most),
    )
    if all(bound is None for _, bound, _ in bounds):
        return out  # no bound: the deals' currencies (a scan of the deals) are not needed
    codes = sorted({rates.base, *dq.currencies(session=session, team_id=d.team_id)})
    for name, bound, convert in bounds:
        if bound is None:
            continue
        out[name] = {}
        for cur in codes:
            found = convert(bound, cur)
            if found is None:
                d.min_left_out = sorted({*d.min_left_out, cur})
            else:
                out[name][cur] = found
                d.min_converted = d.min_converted or cur != rates.base
    return out


def _team(d: Digest, session: Session) -> list[str] | None:
    """The people whose deals the team filter keeps (none for a team gone), or None."""
    sales_team_id = d.filters.sales_team_id
    if sales_team_id is None:
        return None
    team = teams.get(session=session, team_id=d.team_id, sales_team_id=sales_team_id)
    if team is None:
        d.unknown_team = True
        return []
    d.team_name = team.name
    return teams.owners_of(session=session, team_id=d.team_id, sales_team_id=sales_team_id)


def _converted(d: Digest, rates: Rates) -> None:
    """The headline totals in the workspace currency, when every currency has a rate."""
    for attr, total in (("open_converted", d.open_value), ("weighted_converted", d.weighted)):
        converted, missing = rates.total(total)
        d.no_rate = sorted({*d.no_rate, *missing})
        setattr(d, attr, None if missing else converted)


def build_digest(
    *,
    session: Session,
    team_id: str,
    now: datetime,
    since: datetime,
    filters: Filters,
    previous: Snapshot | None,
    tz: str = "UTC",
) -> Digest:
    """The digest of the team's pipeline as of `now`, with what happened since `since`.

    Dates (overdue, slipped, snoozes) are the readers' dates, in the subscription's zone.
    """
    with dl.digest_settings(session):
        ws = ensure_workspace(session=session, team_id=team_id)
        stages = queries.all_stages(session=session, team_id=team_id)
        known = {s.id: s for s in stages}
        d = Digest(team_id, now, since, filters, ws.currency, previous=previous)
        stage_id = None
        if filters.stage_key is not None:
            match = next((s for s in stages if s.key == filters.stage_key), None)
            d.unknown_stage, stage_id = match is None, (match.id if match else -1)
        rates = money_settings.rates(session=session, team_id=team_id)
        base = dict(owner=filters.owner, owners=_team(d, session), **_bounds(d, session, rates))
        where = dq.scope(team_id, stage_id=stage_id, **base)
        zone = ZoneInfo(tz)
        today = now.astimezone(zone).date()

        # A stage filter narrows the lists; the metrics are about how deals flow through stages.
        wide = dq.scope(team_id, stage_id=None, **base)
        # The open deals read once, per stage and owner: the stage table (of the filter's stage),
        # the open count of the metrics, and the owners' lines all come from these rows.
        opened = totals.open_by_stage_owner(session=session, where=wide, now=now)
        rows = totals.per_stage(opened, stage_id)
        _pipeline(d, rows, known, stage_id is not None)
        _converted(d, rates)
        period = dict(session=session, team_id=team_id, where=where, start=since, end=now)
        _since(d, period, today, since.astimezone(zone).date())
        _attention(d, session, where, rows, known, today)
        open_count = sum(r[3] for r in opened)
        start = now - timedelta(days=ws.digest_window_days)  # `/deal digest window`
        # The metrics and the standings count the same window's closes: read them once.
        closed = totals.closed_per_owner(
            session=session, team_id=team_id, where=wide, start=start, end=now
        )
        d.metrics = metrics(
            session=session,
            team_id=team_id,
            where=wide,
            stages=stages,
            now=now,
            currency=ws.currency,
            open_count=open_count,
            rates=rates,
            start=start,
            closed=closed,
        )
        d.standings = teams.standings(
            session=session,
            team_id=team_id,
            where=wide,
            start=start,
            end=now,
            rates=rates,
            every_team=filters.owner is None and filters.sales_team_id is None,
            closed=closed,
            opened=totals.per_owner(opened),
        )
        return d
