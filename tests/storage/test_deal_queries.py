"""Deal writes outside moves and edits: scoped to the workspace, and safe when they race."""

import threading

from sqlmodel import select

from bot.deals import service as deals
from storage import db, deal_queries
from storage.models import Collaborator
from storage.types import utcnow

T = "T0TEST"


def test_card_and_touch_write_only_a_deal_of_the_workspace(session):
    d = deals.create(session=session, team_id=T, actor="U0ANN", name="Acme").deal
    kw = {"session": session, "deal_id": d.id}
    assert deal_queries.set_card(team_id="T0OTHER", channel_id="C9", ts="9", **kw) is None
    assert deal_queries.touch(team_id="T0OTHER", now=utcnow(), **kw) is False
    assert deal_queries.set_card(team_id=T, channel_id="C1", ts="1.5", **kw) == (
        deal_queries.changed(d)  # as the deal was written: nothing changed it since
    )
    later = utcnow()
    assert deal_queries.touch(team_id=T, now=later, **kw) is True
    session.refresh(d)
    assert (d.channel_id, d.card_ts, d.updated_at, d.version) == ("C1", "1.5", later, 1)


def test_a_collaborator_is_added_once(session):
    d = deals.create(session=session, team_id=T, actor="U0ANN", name="Acme").deal
    kw = {"session": session, "team_id": T, "deal_id": d.id, "added_by": "U0ANN", "now": utcnow()}
    assert deal_queries.add_collaborator(user_id="U0BOB", reason="pricing", **kw) is True
    assert deal_queries.add_collaborator(user_id="U0BOB", reason="again", **kw) is False
    rows = session.exec(select(Collaborator)).all()
    assert [(c.user_id, c.reason) for c in rows] == [("U0BOB", "pricing")]


def test_two_people_tagging_the_same_teammate_at_once_add_them_once(database):
    with db.session_scope() as s:
        deal_id = deals.create(session=s, team_id=T, actor="U0ANN", name="Acme").deal.id
    barrier = threading.Barrier(4)
    results: list[bool] = []

    def tag(actor: str) -> None:
        barrier.wait()
        with db.session_scope() as s:
            results.append(
                deal_queries.add_collaborator(
                    session=s,
                    team_id=T,
                    deal_id=deal_id,
                    user_id="U0CAT",
                    added_by=actor,
                    reason=None,
                    now=utcnow(),
                )
            )

    threads = [threading.Thread(target=tag, args=(f"U{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
