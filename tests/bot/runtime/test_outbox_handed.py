"""A sender may hand what it knows to its deal's next row (Sent.handed): only to the row
that the transaction finishing it takes, never to a row delivered on its own."""

from datetime import timedelta

from bot.deals import service as deals
from bot.runtime.outbox import Deliverer
from bot.runtime.sending import Sent, handed
from bot.workspaces.service import ensure_workspace
from storage import db, outbox_batch
from storage.outbox_claim import claim
from storage.types import utcnow

T = "T0HANDED"


def _rows(kinds: list[str]) -> list[int]:
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=T)
        d = deals.create(session=s, team_id=T, actor="U0ANN", name="Acme").deal
        return [
            outbox_batch.enqueue_one(session=s, team_id=T, kind=kind, deal_id=d.id)
            for kind in kinds
        ]


def _claim_first(kind: str):
    with db.session_scope() as s:
        rows = claim(session=s, now=utcnow(), limit=50, lease=timedelta(seconds=60))
    return next(r for r in rows if r.kind == kind)


def test_what_a_row_hands_on_reaches_the_next_row_of_its_chain_only(database):
    seen = []

    def giving(_client, row):
        seen.append(("giving", handed()))
        return Sent(ts="1.1", handed=f"known by {row.id}")

    def taking(_client, _row):
        seen.append(("taking", handed()))
        return Sent(ts="1.2")

    first, _second, _third = _rows(["giving", "taking", "taking"])
    deliverer = Deliverer(lambda _team: None, {"giving": giving, "taking": taking})
    try:
        assert deliverer.deliver_chain(_claim_first("giving")) == 3
        _rows(["taking"])
        assert deliverer.deliver(_claim_first("taking")) is None
    finally:
        deliverer.close()
    assert seen == [
        ("giving", None),
        ("taking", f"known by {first}"),
        ("taking", None),  # the row before it handed nothing on
        ("taking", None),  # delivered alone
    ]
    assert handed() is None


def test_a_failed_send_hands_nothing_on(database):
    seen = []

    def failing(_client, _row):
        raise RuntimeError("a bug")

    def taking(_client, _row):
        seen.append(handed())
        return Sent()

    _rows(["failing", "taking"])
    deliverer = Deliverer(lambda _team: None, {"failing": failing, "taking": taking})
    try:
        assert deliverer.deliver_chain(_claim_first("failing")) == 1  # put back, no next row
    finally:
        deliverer.close()
    assert seen == [] and handed() is None
