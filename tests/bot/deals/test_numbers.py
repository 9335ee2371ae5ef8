"""Deal numbers from their own counter, creating beside template switches, and the duplicate
warning's lookup, on a real database (SQLite, and PostgreSQL in CI)."""

import threading

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.deals import duplicates
from bot.deals import service as deals
from bot.pipeline import stages
from storage import db, import_queries, number_queries, queries
from storage.models import Deal, Stage
from storage.types import utcnow

T = "T0TEST"


def run_at_once(jobs) -> list[Exception]:
    """Run the jobs in threads started together; the errors they raised."""
    barrier, errors = threading.Barrier(len(jobs)), []

    def run(job) -> None:
        barrier.wait()
        try:
            job()
        except Exception as exc:  # reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def create(name: str, team: str = T) -> None:
    with db.session_scope() as s:
        deals.create(session=s, team_id=team, actor="U0ANN", name=name)


def test_many_creates_at_once_get_distinct_consecutive_numbers(database):
    create("First")  # the workspace exists before the rush
    errors = run_at_once([lambda i=i: create(f"Deal {i}") for i in range(12)])
    assert errors == []
    with db.session_scope() as s:
        numbers = sorted(s.exec(select(Deal.number).where(Deal.team_id == T)).all())
        assert numbers == list(range(1, 14))
        assert number_queries.last_number(session=s, team_id=T) == 13


def test_each_workspace_counts_its_own_numbers_from_its_first_deal(database):
    errors = run_at_once([lambda t=t: create("Acme", team=t) for t in ("T0A", "T0B", "T0C")])
    assert errors == []
    create("Globex", team="T0B")
    with db.session_scope() as s:
        rows = s.exec(select(Deal.team_id, Deal.number).order_by(Deal.team_id, Deal.number))
        assert list(rows) == [("T0A", 1), ("T0B", 1), ("T0B", 2), ("T0C", 1)]


def test_deals_created_while_the_template_switches_land_on_active_stages(database):
    create("First")
    templates = ["inbound", "outbound", "relationship"]

    def switch(name: str) -> None:
        with db.session_scope() as s:
            stages.use_template(session=s, team_id=T, actor="U0ANN", template=name)

    jobs = [lambda i=i: create(f"Lead {i}") for i in range(6)]
    jobs += [lambda t=t: switch(t) for t in templates]
    assert run_at_once(jobs) == []
    with db.session_scope() as s:
        active = {st.id for st in queries.stages(session=s, team_id=T)}
        placed = s.exec(select(Deal.number, Deal.stage_id).where(Deal.team_id == T)).all()
        assert sorted(n for n, _ in placed) == list(range(1, 8))
        assert all(stage_id in active for _, stage_id in placed), "a deal on a retired stage"


def switch_could_start(url) -> bool:
    """Whether a template switch could take the workspace now (from another connection,
    without waiting): PostgreSQL's workspace lock held alone (as lock_workspace takes
    it), SQLite's write lock."""
    probe = create_engine(url, connect_args={"timeout": 0} if url.drivername == "sqlite" else {})
    try:
        with probe.connect() as conn:
            if url.drivername == "sqlite":
                conn.connection.driver_connection.isolation_level = None
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                conn.exec_driver_sql("ROLLBACK")
            else:
                lock = "SELECT pg_try_advisory_xact_lock(:space, hashtext(:t))"
                found = conn.execute(text(lock), {"space": queries.WORKSPACE_LOCK, "t": T})
                taken = found.scalar_one()
                conn.rollback()
                return taken
        return True
    except OperationalError:
        return False
    finally:
        probe.dispose()


def test_no_template_switch_can_start_while_a_deal_picks_its_first_stage(database, monkeypatch):
    create("First")
    seen = []
    numbered = number_queries.next_number

    def next_number(**kw):  # after the stages are read, before the deal is written
        seen.append(switch_could_start(database.url))
        return numbered(**kw)

    monkeypatch.setattr(number_queries, "next_number", next_number)
    create("Second")
    assert seen == [False]
    assert switch_could_start(database.url)  # and once it is written, it can


def test_an_import_reserves_numbers_from_the_same_counter(database):
    create("Acme")
    with db.session_scope() as s:
        assert import_queries.allocate_numbers(session=s, team_id=T, count=3) == 2
    with db.session_scope() as s:
        made = deals.create(session=s, team_id=T, actor="U0ANN", name="Globex")
        assert made.deal.number == 5


def test_a_similar_open_deal_is_found_however_many_other_deals_are_open(session):
    deals.create(session=session, team_id=T, actor="U0ANN", name="Acme Corp")
    prospect = session.exec(select(Stage).where(Stage.team_id == T, Stage.key == "prospect")).one()
    first = import_queries.allocate_numbers(session=session, team_id=T, count=2500)
    now = utcnow()
    rows = [
        {"team_id": T, "number": first + i, "name": f"Filler {i}", "currency": "USD",
         "stage_id": prospect.id, "owner_id": "U0ANN", "created_by": "U0ANN",
         "created_at": now, "updated_at": now, "stage_changed_at": now, "version": 1}
        for i in range(2500)
    ]
    import_queries.insert_deals(session=session, team_id=T, rows=rows)
    # #1 is older than the 2,000 newest open deals the warning used to read
    assert duplicates.similar_open(session=session, team_id=T, name="acme  corp") == [
        (1, "Acme Corp")
    ]
    assert duplicates.similar_open(session=session, team_id=T, name="Acme Crop") == [
        (1, "Acme Corp")
    ]
    assert duplicates.similar_open(session=session, team_id=T, name="Initech") == []


def test_the_warning_leaves_out_closed_archived_and_other_workspaces_deals(session):
    for team, name in ((T, "Acme Corp"), (T, "Acme Labs"), (T, "Acme Inc"), ("T0B", "Acme")):
        deals.create(session=session, team_id=team, actor="U0ANN", name=name)
    deals.move(session=session, team_id=T, actor="U0ANN", ref="2", to="won", force=True)
    session.execute(
        text("UPDATE deal SET archived_at = :now WHERE team_id = :t AND number = 3"),
        {"now": utcnow(), "t": T},
    )
    assert duplicates.similar_open(session=session, team_id=T, name="Acme") == [(1, "Acme Corp")]
