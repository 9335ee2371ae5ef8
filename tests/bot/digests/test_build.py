"""The digest's numbers on a hand-built pipeline (SQLite, and PostgreSQL with TEST_DATABASE_URL)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.common.money import Money
from bot.digests.build import build_digest
from bot.digests.digest import Filters, Snapshot
from bot.workspaces.service import ensure_workspace
from storage import queries
from storage.models import Activity, Deal, Stage

T, OTHER = "T0TEST", "T0OTHER"
ANN, BOB = "U0ANN", "U0BOB"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)  # a Monday
SINCE = NOW - timedelta(days=1)
D, H = timedelta(days=1), timedelta(hours=1)
NAMES = {"prospect": "Prospect identified", "qualified": "Lead qualified",
         "contacted": "First meeting held", "needs": "Needs confirmed",
         "proposal": "Proposal received", "negotiation": "Terms negotiated",
         "won": "Won", "lost": "Lost"}


def usd(major):
    return Money(major * 100, "USD")


def add(s, team, number, name, value, stage, owner, created, path=(), *, currency="USD",
        source=None, close=None, changed=None):
    """A deal created at `created` in the first stage, then the (at, kind, to, note) path."""
    stages = {x.key: x for x in queries.all_stages(session=s, team_id=team)}
    deal = Deal(team_id=team, number=number, name=name, value_minor=value, currency=currency,
                stage_id=stages[stage].id, owner_id=owner, created_by=owner, source=source,
                close_date=close, created_at=created, updated_at=created,
                stage_changed_at=changed or (path[-1][0] if path else created))
    s.add(deal)
    s.flush()
    where = "prospect"
    steps = [(created, "created", "prospect", None), *path]
    for at, kind, to, note in steps:
        frm, to_value = NAMES.get(where), NAMES.get(to, to)
        if kind == "close":
            frm, to_value = to
        elif kind in ("note", "qualified"):
            frm, to_value = None, to
        s.add(Activity(team_id=team, deal_id=deal.id, actor_id=owner, at=at, kind=kind,
                       from_value=None if kind == "created" else frm, to_value=to_value,
                       note=note))
        s.flush()
        if kind in ("moved", "won", "lost", "reopened"):
            where = to
    return deal


@pytest.fixture
def pipeline(session):
    """A dozen deals with known values, moves, closes, a slipped date and a stale deal."""
    s = session
    ensure_workspace(session=s, team_id=T)
    ensure_workspace(session=s, team_id=OTHER)
    add(s, OTHER, 1, "Elsewhere", 99_900_000, "proposal", ANN, NOW - 2 * D)
    add(s, T, 1, "Acme", 1_000_000, "prospect", ANN, NOW - 2 * H, source="inbound",
        path=[(NOW - H, "qualified", "SQL · hot", None)], changed=NOW - 2 * H)
    add(s, T, 2, "Beta", 500_000, "prospect", BOB, NOW - 5 * H, currency="EUR",
        source="referral", path=[(NOW - 4 * H, "qualified", "MQL · cold", None)],
        changed=NOW - 5 * H)
    add(s, T, 3, "Gamma", 2_000_000, "qualified", ANN, NOW - 40 * D, source="outbound",
        path=[(NOW - 30 * D, "moved", "qualified", None)], close=date(2026, 6, 30))
    add(s, T, 4, "Delta", 3_000_000, "needs", BOB, NOW - 20 * D, source="inbound",
        close=date(2026, 4, 1), path=[
            (NOW - 18 * D, "moved", "qualified", None), (NOW - 15 * D, "moved", "contacted", None),
            (NOW - 3 * H, "moved", "needs", None),
            (NOW - 2 * H, "close", ("2026-05-01", "2026-04-01"), None)], changed=NOW - 3 * H)
    add(s, T, 5, "Epsilon", 4_000_000, "proposal", ANN, NOW - 60 * D, close=date(2026, 2, 20),
        path=[(NOW - 50 * D, "moved", "proposal", None), (NOW - 2 * D, "note", None, "called")],
        changed=NOW - 50 * D)
    add(s, T, 6, "Zeta", 5_000_000, "proposal", BOB, NOW - 30 * D, close=date(2026, 4, 30),
        path=[(NOW - 20 * D, "moved", "proposal", None),
              (NOW - H, "close", ("2026-03-05", "2026-04-30"), None)], changed=NOW - 20 * D)
    add(s, T, 7, "Eta", 800_000, "negotiation", ANN, NOW - 25 * D, close=date(2026, 3, 1),
        path=[(NOW - 10 * D, "moved", "negotiation", None)])
    add(s, T, 8, "Theta", 1_000_000, "negotiation", BOB, NOW - 12 * D, currency="JPY",
        path=[(NOW - 6 * H, "moved", "negotiation", None)])
    add(s, T, 9, "Iota", 1_200_000, "contacted", ANN, NOW - 30 * D,
        path=[(NOW - 20 * D, "moved", "needs", None), (NOW - H, "moved", "contacted", None)])
    add(s, T, 10, "Kappa", 2_500_000, "won", ANN, NOW - 40 * D,
        path=[(NOW - 30 * D, "moved", "proposal", None), (NOW - 4 * H, "won", "won", None)])
    add(s, T, 11, "Lambda", 1_500_000, "lost", BOB, NOW - 20 * D,
        path=[(NOW - 15 * D, "moved", "qualified", None),
              (NOW - 3 * H, "lost", "lost", "Price too high")])
    add(s, T, 12, "Mu", 3_500_000, "won", BOB, NOW - 80 * D,
        path=[(NOW - 70 * D, "moved", "proposal", None),
              (NOW - 65 * D, "moved", "negotiation", None), (NOW - 20 * D, "won", "won", None)])
    add(s, T, 13, "Nu", 500_000, "lost", ANN, NOW - 50 * D,
        path=[(NOW - 30 * D, "lost", "lost", "Went with a competitor")])
    add(s, T, 14, "Xi", 900_000, "won", ANN, NOW - 120 * D,
        path=[(NOW - 100 * D, "won", "won", None)])
    add(s, T, 15, "Omicron", 700_000, "proposal", ANN, NOW - 45 * D, path=[
        (NOW - 40 * D, "moved", "proposal", None), (NOW - 10 * D, "lost", "lost", "Bad timing"),
        (NOW - 5 * D, "reopened", "proposal", None)])
    return s


def digest(s, filters=None, previous=None):
    return build_digest(session=s, team_id=T, now=NOW, since=SINCE, filters=filters or Filters(),
                        previous=previous)


def numbers(listed):
    return [x.number for x in listed.items]


def test_headline_and_stages(pipeline):
    d = digest(pipeline)
    assert d.open_count == 10  # #1-9 and the reopened #15; closed deals and T0OTHER left out
    # USD: 10k + 20k + 30k + 40k + 50k + 8k + 12k + 7k = 177k; one deal each in EUR and JPY.
    assert d.open_value == [usd(177_000), Money(500_000, "EUR"), Money(1_000_000, "JPY")]
    # 10k*5% + 20k*10% + 12k*20% + 30k*35% + 97k*50% + 8k*70% = 500+2000+2400+10500+48500+5600
    assert d.weighted == [usd(69_500), Money(25_000, "EUR"), Money(700_000, "JPY")]
    rows = {r.key: (r.count, r.value, r.weighted) for r in d.stages}
    assert [r.key for r in d.stages] == ["prospect", "qualified", "contacted", "needs",
                                         "proposal", "negotiation", "committed"]
    assert rows["prospect"] == (2, [Money(500_000, "EUR"), usd(10_000)],
                                [Money(25_000, "EUR"), usd(500)])  # 5% of €5k and of $10k
    assert rows["qualified"] == (1, [usd(20_000)], [usd(2_000)])
    assert rows["contacted"] == (1, [usd(12_000)], [usd(2_400)])
    assert rows["needs"] == (1, [usd(30_000)], [usd(10_500)])
    assert rows["proposal"] == (3, [usd(97_000)], [usd(48_500)])  # 40k + 50k + 7k, 50%
    assert rows["negotiation"] == (2, [Money(1_000_000, "JPY"), usd(8_000)],
                                   [Money(700_000, "JPY"), usd(5_600)])
    assert rows["committed"] == (0, [], [])
    assert d.prospecting_low  # 2 deals in the first stage, fewer than 3
    assert (d.currency, d.change, d.unknown_stage) == ("USD", None, False)


def test_since_the_last_digest(pipeline):
    d = digest(pipeline)
    assert d.new_leads == [("inbound", 1), ("referral", 1)]  # Acme and Beta, created today
    # Delta contacted→needs and Theta prospect→negotiation forward, Iota needs→contacted back.
    assert (d.moves, d.forward) == (3, 2)
    assert [(x.number, x.detail) for x in d.notable] == [
        (4, "First meeting held → Needs confirmed"), (8, "Prospect identified → Terms negotiated")]
    assert (d.won.count, numbers(d.won), d.won.value) == (1, [10], [usd(25_000)])
    assert (d.lost.count, numbers(d.lost), d.lost.value) == (1, [11], [usd(15_000)])
    assert d.lost.items[0].detail == "Price too high"
    assert d.loss_reasons == [("Price too high", 1)]
    # Zeta pushed 2026-03-05 → 04-30; Eta's 2026-03-01 passed; Delta moved earlier (no slip).
    assert (d.slipped.count, numbers(d.slipped)) == (2, [6, 7])


def test_needs_attention(pipeline):
    d = digest(pipeline)
    assert (d.stale.count, numbers(d.stale), d.stale.items[0].days) == (1, [3], 30)
    assert d.stale.items[0].owner_id == ANN
    # Epsilon due 2026-02-20 (10 days ago), Eta 2026-03-01 (1 day ago).
    assert [(x.number, x.days) for x in d.overdue.items] == [(5, 10), (7, 1)]
    b = d.bottleneck
    # Proposal: now (50 + 20 + 5) / 3 = 25 days; usual over 3 moves out (Kappa 29d20h,
    # Mu 5d, Omicron 30d) = 64.8333 / 3 = 21.6111 days. Other stages: under 3 moves out,
    # or (prospect, 12 moves, 9.9 days usual) deals there now for hours.
    assert (b.stage, b.now_days) == ("Proposal received", pytest.approx(25.0))
    assert b.usual_days == pytest.approx(64.8333333 / 3)
    assert [(x.number, x.owner_id, x.days) for x in b.deals] == [(5, ANN, 50), (6, BOB, 20),
                                                                 (15, ANN, 5)]


def test_metrics(pipeline):
    m = digest(pipeline).metrics
    # Closed in 90 days: won Kappa, Mu; lost Lambda, Nu. Omicron was reopened; Xi is older.
    assert (m.won, m.lost, m.win_rate) == (2, 2, 0.5)
    assert m.avg_size == [usd(30_000)]  # (25k + 35k) / 2
    assert m.cycle_days == pytest.approx((39 + 20 / 24 + 60) / 2)  # Kappa 39d20h, Mu 60d
    # Furthest stage of the 14 deals created in 90 days (all but Xi): positions 0 Acme,
    # Beta, Nu; 1 Gamma, Lambda; 3 Delta, Iota; 4 Epsilon, Zeta, Omicron; 5 Eta, Theta; won
    # Kappa, Mu.
    assert [(x.from_name, x.reached_from, x.reached_to) for x in m.steps] == [
        ("Prospect identified", 14, 11), ("Lead qualified", 11, 9), ("First meeting held", 9, 9),
        ("Needs confirmed", 9, 7), ("Proposal received", 7, 4), ("Terms negotiated", 4, 2)]
    assert m.steps[0].rate == pytest.approx(11 / 14)
    # 11 reached Lead qualified or later, and Acme got an SQL verdict (Beta only MQL).
    assert (m.created, m.qualified) == (14, 12)
    # 10 open x 50% x $30,000 / 49.9166 days = $3,005.0083/day
    assert m.velocity == Money(300_501, "USD")


def test_conversion_leaves_out_deals_created_before_the_window(pipeline):
    """A deal created 120 days ago that moved far inside the window is not a new deal of it:
    the conversion steps and the deals created stay those of test_metrics."""
    before = digest(pipeline).metrics
    add(pipeline, T, 16, "Pi", 100_000, "negotiation", BOB, NOW - 120 * D,
        path=[(NOW - 10 * D, "moved", "negotiation", None)])
    m = digest(pipeline).metrics
    assert (m.created, m.qualified) == (14, 12)
    assert m.steps == before.steps
    assert m.steps[-1].reached_to == 2  # Kappa and Mu: Pi's move to Terms negotiated is not one


def test_filters(pipeline):
    bob = digest(pipeline, Filters(owner=BOB))
    assert bob.open_count == 4  # Beta, Delta, Zeta, Theta
    assert bob.open_value == [usd(80_000), Money(500_000, "EUR"), Money(1_000_000, "JPY")]
    assert (bob.won.count, bob.lost.count, numbers(bob.slipped), bob.stale.count) == (0, 1, [6], 0)
    assert (bob.metrics.won, bob.metrics.lost, bob.metrics.avg_size) == (1, 1, [usd(35_000)])
    proposal = digest(pipeline, Filters(stage_key="proposal"))
    assert [(r.key, r.count) for r in proposal.stages] == [("proposal", 3)]
    assert (proposal.open_value, proposal.moves, proposal.new_leads) == ([usd(97_000)], 0, [])
    assert (numbers(proposal.overdue), numbers(proposal.slipped), proposal.won.count) == (
        [5], [6], 0)
    assert not proposal.prospecting_low
    assert proposal.metrics.won == 2  # metrics are about flow between stages: not narrowed
    assert proposal.metrics.velocity == Money(300_501, "USD")  # all 10 open deals
    # The owners' lines too: every open deal and every close of the window, per owner.
    whole = digest(pipeline).standings
    assert proposal.standings == whole
    assert sum(o.open_count for o in whole.owners) == 10
    assert (sum(o.won for o in whole.owners), sum(o.lost for o in whole.owners)) == (2, 2)
    big = digest(pipeline, Filters(min_value_minor=3_000_000))  # Delta, Epsilon, Zeta
    assert (big.open_count, big.open_value, big.won.count) == (3, [usd(120_000)], 0)
    assert big.metrics.won == 1  # Mu $35k; Kappa is $25k
    gone = digest(pipeline, Filters(stage_key="nope"))
    assert (gone.unknown_stage, gone.open_count, gone.stages) == (True, 0, [])


def test_change_since_previous_snapshot(pipeline):
    first = digest(pipeline)
    snap = Snapshot.from_json(first.snapshot().to_json())
    assert snap == first.snapshot()
    assert (snap.open_count, snap.open_value["USD"], snap.weighted["JPY"]) == (10, 17_700_000,
                                                                               700_000)
    before = Snapshot(SINCE, 8, {"USD": 16_500_000, "GBP": 100}, {"USD": 6_950_000})
    change = digest(pipeline, previous=before).change
    assert (change.since, change.count) == (SINCE, 2)
    # USD 177k - 165k; EUR and JPY new; GBP gone (last); weighted: only the new currencies.
    assert change.value == [usd(12_000), Money(500_000, "EUR"), Money(1_000_000, "JPY"),
                            Money(-100, "GBP")]
    assert change.weighted == [Money(25_000, "EUR"), Money(700_000, "JPY")]


def test_stage_limit_and_snooze(pipeline):
    s = pipeline
    s.execute(update(Stage).where(Stage.team_id == T, Stage.key == "negotiation")
              .values(stale_days=7))
    d = digest(s)
    assert [(x.number, x.days) for x in d.stale.items] == [(3, 30), (7, 10)]  # Eta: 10 > 7
    snooze(s, 3, date(2026, 3, 3))  # Gamma snoozed until tomorrow: not stale
    snooze(s, 7, date(2026, 3, 2))  # Eta's snooze ends today: stale again
    assert numbers(digest(s).stale) == [7]


def snooze(s, number, until):
    s.execute(update(Deal).where(Deal.team_id == T, Deal.number == number)
              .values(snoozed_until=until))


def test_an_empty_pipeline(session):
    d = build_digest(session=session, team_id=T, now=NOW, since=SINCE, filters=Filters(),
                     previous=None)
    assert (d.open_count, d.open_value, d.stale.count, d.bottleneck) == (0, [], 0, None)
    assert (d.metrics.win_rate, d.metrics.velocity, d.metrics.qualification_rate) == (
        None, None, None)
    assert d.prospecting_low and len(d.stages) == 7



def test_new_leads_without_a_source_come_last_among_equals_on_both_databases(session):
    """SQLite sorts NULL first and PostgreSQL last: the digest says the same on both."""
    ensure_workspace(session=session, team_id=T)
    for number, source in enumerate([None, "referral", "inbound"], start=1):
        add(session, T, number, f"Deal {number}", 1_000, "prospect", ANN, NOW - H, source=source)
    assert digest(session).new_leads == [("inbound", 1), ("referral", 1), (None, 1)]
