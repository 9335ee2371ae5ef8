"""My deals for the Home tab, on a real database (SQLite, and PostgreSQL in CI)."""

from datetime import timedelta

from sqlalchemy import update

from bot.common.money import Money, parse_amount
from bot.deals import service as deals
from bot.deals.quiet import STALE_DAYS
from bot.home.service import CLOSED_MAX, DEALS_MAX, my_deals
from storage import queries
from storage.models import Activity, Collaborator
from storage.types import utcnow

T = "T0TEST"
ANN, BOB = "U0ANN", "U0BOB"


def new(s, name, amount=None, *, actor=ANN, team=T):
    return deals.create(
        session=s,
        team_id=team,
        actor=actor,
        name=name,
        amount=parse_amount(amount) if amount else None,
    ).deal


def tag(s, deal, user, team=T):
    s.add(Collaborator(team_id=team, deal_id=deal.id, user_id=user, added_by=BOB))
    s.flush()


def stage(s, key, team=T):
    return next(x for x in queries.stages(session=s, team_id=team) if x.key == key)


def move(s, deal, key, team=T):
    deals.move(session=s, team_id=team, actor=ANN, ref=str(deal.number), to=key, force=True)


def close(s, deal, key, when):
    """Won or lost at `when` (set directly: a lost deal needs the lost flow of another module)."""
    queries.move_if_at(
        session=s,
        team_id=deal.team_id,
        deal_id=deal.id,
        from_stage_id=deal.stage_id,
        to_stage_id=stage(s, key).id,
        now=when,
    )
    s.refresh(deal)


def quiet_since(s, deal, when):
    s.execute(update(Activity).where(Activity.deal_id == deal.id).values(at=when))


def mine(s, now=None):
    return my_deals(session=s, team_id=T, user_id=ANN, now=now or utcnow())


def numbers(my):
    return {g.stage.key: [v.deal.number for v in g.deals] for g in my.groups}


def test_nothing_yet(session):
    my = mine(session)
    assert (my.groups, my.count, my.totals, my.forecast, my.closed) == ([], 0, [], [], [])


def test_open_deals_i_own_or_am_tagged_on_grouped_in_pipeline_order(session):
    acme = new(session, "Acme", "12k")
    beta = new(session, "Beta", "€4 500")
    gamma = new(session, "Gamma", "$20,000")
    bobs = new(session, "Bob's own", "99k", actor=BOB)
    shared = new(session, "Shared", "3k", actor=BOB)
    tag(session, shared, ANN)
    tag(session, bobs, "U0CAT")
    move(session, gamma, "proposal")
    move(session, acme, "needs")
    my = mine(session)
    assert numbers(my) == {
        "prospect": [beta.number, shared.number],
        "needs": [acme.number],
        "proposal": [gamma.number],
    }
    assert my.count == 4
    assert bobs.name not in [v.deal.name for g in my.groups for v in g.deals]
    prospect, _needs, proposal = my.groups
    assert (prospect.count, prospect.totals) == (2, [Money(450_000, "EUR"), Money(300_000, "USD")])
    assert (proposal.count, proposal.totals) == (1, [Money(2_000_000, "USD")])
    # The currency with more deals first; one total per currency, never added across.
    assert my.totals == [Money(3_500_000, "USD"), Money(450_000, "EUR")]


def test_weighted_forecast_is_value_times_stage_probability(session):
    a = new(session, "A", "10k")  # prospect 5%: $500
    b = new(session, "B", "10k")
    move(session, b, "proposal")  # 50%: $5,000
    new(session, "C", "€1,000")  # 5%: €50
    new(session, "No value")
    close(session, new(session, "D", "50k"), "won", utcnow())  # closed: not forecast
    assert a.value_minor == 1_000_000
    my = mine(session)
    assert my.forecast == [Money(550_000, "USD"), Money(5_000, "EUR")]
    assert my.count == 4 and my.groups[0].count == 3


def test_forecast_rounds_to_whole_cents(session):
    new(session, "Odd", "$10.10")  # 5% of 1010 cents = 50.5 cents
    assert mine(session).forecast == [Money(51, "USD")]


def test_deal_without_value_is_counted_but_not_totalled(session):
    new(session, "No value")
    my = mine(session)
    assert (my.count, my.totals, my.groups[0].totals) == (1, [], [])


def test_quiet_for_more_than_stale_days_is_flagged_by_the_newest_activity(session):
    now = utcnow()
    quiet = new(session, "Quiet")
    edge = new(session, "Edge")
    busy = new(session, "Busy")
    quiet_since(session, quiet, now - timedelta(days=STALE_DAYS + 9, hours=1))
    quiet_since(session, edge, now - timedelta(days=STALE_DAYS, hours=23))
    quiet_since(session, busy, now - timedelta(days=40))
    deals.record(session, busy, BOB, "note", note="called them")  # newest row counts
    session.flush()
    assert mine(session, now).quiet == {quiet.id: STALE_DAYS + 9}


def test_recently_closed_newest_first_at_most_five_within_thirty_days(session):
    now = utcnow()
    won = [new(session, f"Won {i}", "1k") for i in range(6)]
    for i, d in enumerate(won):
        close(session, d, "won", now - timedelta(days=i + 1))
    lost = new(session, "Lost lately", "2k")
    close(session, lost, "lost", now - timedelta(hours=1))
    old = new(session, "Long ago")
    close(session, old, "won", now - timedelta(days=31))
    bobs = new(session, "Bob won", actor=BOB)
    close(session, bobs, "won", now)
    my = mine(session, now)
    assert len(my.closed) == CLOSED_MAX
    assert [v.deal.name for v in my.closed] == ["Lost lately", "Won 0", "Won 1", "Won 2", "Won 3"]
    assert [v.stage.kind for v in my.closed][:2] == ["lost", "won"]
    assert my.count == 0


def test_other_workspaces_never_show_even_for_the_same_user_id(session):
    new(session, "Ours", "1k")
    theirs = new(session, "Theirs", "50k", team="T0OTHER")
    tagged = new(session, "Tagged there", "50k", actor=BOB, team="T0OTHER")
    tag(session, tagged, ANN, team="T0OTHER")
    close(session, new(session, "Won there", team="T0OTHER"), "won", utcnow())
    assert theirs.number == 1
    my = mine(session)
    assert [v.deal.name for g in my.groups for v in g.deals] == ["Ours"]
    assert (my.count, my.totals, my.closed) == (1, [Money(100_000, "USD")], [])


def test_many_deals_are_all_counted_but_only_the_first_listed(session):
    for i in range(DEALS_MAX + 12):
        new(session, f"Deal {i}", "1k")
    my = mine(session)
    assert my.count == DEALS_MAX + 12
    assert sum(len(g.deals) for g in my.groups) == DEALS_MAX
    assert my.totals == [Money(100_000 * (DEALS_MAX + 12), "USD")]
