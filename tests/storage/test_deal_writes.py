"""A new deal and its history written by Core inserts (storage/deal_writes.py): the rows as
the objects hold them, the objects in the unit of work as if read there, a later change
to them kept, and the search index and last_activity_at triggers fired (SQLite and
PostgreSQL)."""

from sqlalchemy import event, select

from bot.common.money import parse_amount
from bot.deals import service as deals
from bot.search import service as search
from bot.workspaces.service import workspace_and_stages
from storage import db, queries
from storage.models import Activity, Deal, Stage, Workspace

T = "T0WRITES"


def _new(s, name="Acme Corp", amount="12k", **kw):
    return deals.create(
        session=s, team_id=T, actor="U0ANN", name=name, amount=parse_amount(amount), **kw
    )


def _row(s, model, id_):
    table = model.__table__
    return dict(s.execute(select(table).where(table.c.id == id_)).mappings().one())


def test_the_deal_and_its_created_activity_are_written_as_the_view_holds_them(database):
    with db.session_scope() as s:
        v = _new(s, channel_id="C0SALES", next_step="call Ann", source="referral")
        deal_row, activity_row = _row(s, Deal, v.deal.id), _row(s, Activity, v.last.id)
    # Every column of each row is what the object holds: ids, defaults, times, version.
    assert deal_row == {c.key: getattr(v.deal, c.key) for c in Deal.__table__.c}
    assert activity_row == {c.key: getattr(v.last, c.key) for c in Activity.__table__.c}
    assert (v.deal.number, v.deal.version, v.deal.value_minor) == (1, 1, 1_200_000)
    assert (v.deal.team_id, v.deal.stage_id, v.deal.card_ts) == (T, v.stage.id, None)
    assert v.changes == [v.last]
    assert (v.last.kind, v.last.deal_id, v.last.to_value) == ("created", v.deal.id, v.stage.name)
    assert (v.last.from_stage_id, v.last.to_stage_id) == (None, v.stage.id)
    # The trigger's last_activity_at (storage/last_activity.py), on the object too.
    assert v.deal.last_activity_at == v.last.at == deal_row["last_activity_at"]


def test_the_written_objects_are_in_the_unit_of_work_and_a_later_change_is_kept(database):
    with db.session_scope() as s:
        v = _new(s)
        assert s.get(Deal, v.deal.id) is v.deal and s.get(Activity, v.last.id) is v.last
        assert not s.dirty and not s.new
        v.deal.next_step = "send the quote"  # an ORM change, written by the flush
        moved = deals.record(s, v.deal, "U0ANN", "note", note="called")
    with db.session_scope() as s:
        assert s.get(Deal, v.deal.id).next_step == "send the quote"
        history = queries.history(session=s, team_id=T, deal_id=v.deal.id)
        assert [(a.id, a.kind, a.note) for a in history] == [
            (v.last.id, "created", None),
            (moved.id, "note", "called"),
        ]
        assert s.get(Deal, v.deal.id).last_activity_at == moved.at


def test_the_search_index_finds_the_new_deal_and_its_note(database):
    with db.session_scope() as s:
        v = _new(s, name="Zephyr Logistics")
        deals.record(s, v.deal, "U0ANN", "note", note="wants a pilot in Oslo")
    with db.session_scope() as s:
        by_name = search.find(session=s, team_id=T, text="zephyr")
        by_note = search.find(session=s, team_id=T, text="oslo")
    assert [h.view.deal.number for h in by_name.hits] == [v.deal.number]
    assert [(h.view.deal.number, h.match.kind) for h in by_note.hits] == [(v.deal.number, "note")]


def test_the_workspace_and_stages_read_are_the_rows_and_never_written_back(database):
    with db.session_scope() as s:
        workspace_and_stages(session=s, team_id=T)  # created on first use
    with db.session_scope() as s:
        ws, stages = workspace_and_stages(session=s, team_id=T, hold=True)
        orm = list(s.scalars(select(Stage).where(Stage.team_id == T, Stage.active)))
        orm_ws = s.get(Workspace, T)
        assert {c.key: getattr(ws, c.key) for c in Workspace.__table__.c} == orm_ws.model_dump()
        assert [st.model_dump() for st in stages] == [
            st.model_dump() for st in sorted(orm, key=lambda st: st.position)
        ]
        assert ws is not orm_ws and ws not in s and not any(st in s for st in stages)
    written = []
    with db.session_scope() as s:
        ws, stages = workspace_and_stages(session=s, team_id=T)
        event.listen(s.connection(), "before_cursor_execute", lambda *a: written.append(a[2]))
        s.add(stages[0])  # attached as the row it is: nothing inserted
        s.flush()
        assert s.get(Stage, stages[0].id) is stages[0]
        s.execute(select(Stage.id).where(Stage.team_id == T))
    assert [sql.split()[0].upper() for sql in written] == ["SELECT"]
