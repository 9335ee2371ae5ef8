"""The outbox's one-statement reads (storage/card_queries.py) show what the ORM reads show:
a card's view as deals.view builds it, and a thread line's card place and activity."""

from datetime import timedelta

from sqlalchemy import update

from bot.deals import reads
from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from storage import db, deal_queries, queries
from storage.models import Activity, Collaborator, Deal, Qualification, Stage
from storage.shortcut_queries import FROM_MESSAGE
from storage.types import utcnow


def _deal(name: str, team: str = "T1", company: str | None = None) -> int:
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=team)
        v = deals.create(
            session=s, team_id=team, actor="U1", name=name, company=company, channel_id="C1"
        )
        return v.deal.id


def _everything(deal_id: int) -> None:
    """Collaborators (added out of name order), a BANT check, a source message, a note."""
    now = utcnow()
    with db.session_scope() as s:
        for user, ago in (("U9", 3), ("U2", 2)):
            s.add(
                Collaborator(
                    team_id="T1",
                    deal_id=deal_id,
                    user_id=user,
                    added_by="U1",
                    added_at=now - timedelta(minutes=ago),
                )
            )
        for temperature, ago in (("cold", 5), ("hot", 1)):  # the newest one is shown
            s.add(
                Qualification(
                    team_id="T1",
                    deal_id=deal_id,
                    asked_by="U1",
                    at=now - timedelta(minutes=ago),
                    budget="confirmed",
                    authority="decision_maker",
                    need="critical",
                    timeline="month",
                    score=4,
                    qualified=True,
                    temperature=temperature,
                )
            )
        s.add(
            Activity(
                team_id="T1",
                deal_id=deal_id,
                actor_id="U1",
                kind=FROM_MESSAGE,
                message_ts="111.222",
                from_value="C1",
            )
        )
        s.add(Activity(team_id="T1", deal_id=deal_id, actor_id="U2", kind="note", note="called"))
        s.execute(update(Deal).where(Deal.id == deal_id).values(qualified=True))


def _columns(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in type(obj).__table__.c}


def _orm_view(deal_id: int):
    with db.read_scope() as s:
        return reads.current(session=s, team_id="T1", deal_id=deal_id)


def _same(card, orm) -> None:
    assert _columns(card.deal) == _columns(orm.deal)
    assert _columns(card.stage) == _columns(orm.stage)
    assert [_columns(s) for s in card.stages] == [_columns(s) for s in orm.stages]
    assert card.company == orm.company
    assert card.collaborators == orm.collaborators
    assert (card.last and _columns(card.last)) == (orm.last and _columns(orm.last))
    assert card.bant == orm.bant
    assert card.changes == orm.changes == []


def test_a_card_reads_what_deals_view_reads(database):
    deal_id = _deal("Acme", company="Acme Corp")
    _deal("Other", company="Globex")  # another deal's rows are not this one's
    _everything(deal_id)
    with db.read_scope() as s:
        card, origin = reads.card(session=s, team_id="T1", deal_id=deal_id)
    orm = _orm_view(deal_id)
    _same(card, orm)
    assert card.company == "Acme Corp"
    assert card.collaborators == ["U9", "U2"]
    assert card.bant is not None and "hot" in card.bant
    assert card.last.kind == "note"
    assert origin == ("111.222", "C1")
    assert reads.thread_in(origin, card.deal.channel_id) == "111.222"
    assert reads.thread_in(origin, "C2") is None


def test_a_new_deal_s_card_has_no_extras(database):
    deal_id = _deal("Acme")
    with db.read_scope() as s:
        card, origin = reads.card(session=s, team_id="T1", deal_id=deal_id)
    _same(card, _orm_view(deal_id))
    assert (card.company, card.collaborators, card.bant) == (None, [], None)
    assert card.last.kind == "created"
    assert origin == (None, None)


def test_a_deal_on_a_retired_stage_shows_that_stage(database):
    deal_id = _deal("Acme")
    with db.session_scope() as s:
        stage_id = deal_queries.deal_by_id(session=s, team_id="T1", deal_id=deal_id).stage_id
        s.execute(update(Stage).where(Stage.id == stage_id).values(active=False))
    with db.read_scope() as s:
        card, _origin = reads.card(session=s, team_id="T1", deal_id=deal_id)
        active = queries.stages(session=s, team_id="T1")
    assert card.stage.id == stage_id and stage_id not in [st.id for st in active]
    _same(card, _orm_view(deal_id))


def test_another_workspace_s_deal_is_not_read(database):
    deal_id = _deal("Acme", team="T2")
    with db.read_scope() as s:
        assert reads.card(session=s, team_id="T1", deal_id=deal_id) == (None, (None, None))
        assert reads.line(session=s, team_id="T1", deal_id=deal_id, activity_id=1) is None


def test_a_thread_line_reads_the_card_place_and_its_activity(database):
    deal_id = _deal("Acme")
    other = _deal("Globex", team="T2")
    _everything(deal_id)
    with db.session_scope() as s:
        deals.set_card(session=s, team_id="T1", deal_id=deal_id, channel_id="C1", ts="5.5")
        created = queries.history(session=s, team_id="T1", deal_id=deal_id)[0]
        foreign = queries.history(session=s, team_id="T2", deal_id=other)[0]
    with db.read_scope() as s:
        line = reads.line(session=s, team_id="T1", deal_id=deal_id, activity_id=created.id)
        [change] = reads.changes(session=s, team_id="T1", ids=[created.id])
        assert (line.number, line.channel_id, line.card_ts) == (1, "C1", "5.5")
        assert line.origin == ("111.222", "C1")
        assert _columns(line.change) == _columns(change)
        gone = reads.line(session=s, team_id="T1", deal_id=deal_id, activity_id=foreign.id)
        assert gone.change is None  # another workspace's activity is not told
        assert reads.line(session=s, team_id="T1", deal_id=deal_id, activity_id=None).change is None
