"""Claims read the open rows a page at a time: what a claim takes does not depend on where
the pages end, and a page is found through the index of open rows."""

from datetime import timedelta

from sqlalchemy import text

from bot.deals import service as deals
from storage.models import Outbox
from storage.outbox_claim import _PAGE, PAGE, claim
from storage.types import utcnow

T = "T0CLAIM"
LEASE = timedelta(seconds=60)


def _rows(session, deal_id: int, count: int, **values) -> list[int]:
    now = utcnow()
    row = dict(team_id=T, kind="thread_line", deal_id=deal_id, status="pending", attempts=0,
               uncertain=False, created_at=now, due_at=now) | values  # fmt: skip
    table = Outbox.__table__
    return [
        session.execute(table.insert().values(**row).returning(table.c.id)).scalar_one()
        for _ in range(count)
    ]


def _deal(session, name: str) -> int:
    return deals.create(session=session, team_id=T, actor="U0ANN", name=name).deal.id


def test_a_ready_row_pages_away_behind_a_busy_deal_is_claimed(session):
    busy, other = _deal(session, "Busy Oy"), _deal(session, "Other SA")
    # The busy deal's card is being sent; its lines wait behind it, more than a page.
    [card] = _rows(session, busy, 1, status="sending", lease_until=utcnow() + LEASE)
    _rows(session, busy, PAGE + 5)
    [line] = _rows(session, other, 1)
    taken = claim(session=session, now=utcnow(), limit=10, lease=LEASE)
    assert [r.id for r in taken] == [line]
    assert card not in [r.id for r in taken]


def test_a_deals_row_on_a_later_page_waits_for_its_first_row(session):
    first, filler = _deal(session, "First Oy"), _deal(session, "Filler SRL")
    [head] = _rows(session, first, 1, due_at=utcnow() + timedelta(hours=1))  # not due yet
    busy = dict(status="sending", lease_until=utcnow() + timedelta(hours=3))
    _rows(session, filler, PAGE + 5, **busy)
    _rows(session, first, 1)  # due, but behind its deal's head
    assert claim(session=session, now=utcnow(), limit=10, lease=LEASE) == []
    later = utcnow() + timedelta(hours=2)
    assert [r.id for r in claim(session=session, now=later, limit=10, lease=LEASE)] == [head]


def test_a_lapsed_lease_is_taken_again_as_uncertain_and_counted(session):
    d = _deal(session, "Lapsed AB")
    [row] = _rows(session, d, 1, status="sending", attempts=1, lease_until=utcnow())
    [again] = claim(session=session, now=utcnow() + timedelta(seconds=1), limit=1, lease=LEASE)
    assert (again.id, again.status, again.attempts, again.uncertain) == (row, "sending", 2, True)


def test_pages_are_read_through_the_index_of_open_rows(session):
    """Done rows stay in the table; a page reads only open ones, in order, from the index."""
    dialect = session.get_bind().dialect.name
    page = _PAGE[dialect].compile(dialect=session.get_bind().dialect)
    sql = str(page).replace("%(after)s", "0").replace("%(page)s", "64")
    sql = sql.replace("?", "0", 1).replace("?", "64", 1)
    if dialect == "postgresql":
        # What the planner picks depends on the table's statistics; asked for an index
        # walk, it must find one that yields the open rows in order, with no sort.
        session.execute(text("SET LOCAL enable_seqscan = off"))
        session.execute(text("SET LOCAL enable_bitmapscan = off"))
        plan = " ".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))
        assert "ix_outbox_open" in plan and "Sort" not in plan
    else:
        plan = " ".join(str(r[-1]) for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert "ix_outbox_open" in plan and "TEMP B-TREE" not in plan
