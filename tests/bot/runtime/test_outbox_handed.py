"""What a change hands on (sending.hand_on) reaches its deal's first row only: the rows
its chain takes after it, and a row delivered on its own, read what they need."""

from datetime import timedelta

from bot.deals import service as deals
from bot.runtime.outbox import Deliverer
from bot.runtime.sending import Sent, handed
from bot.workspaces.service import ensure_workspace
from storage import db, outbox_batch
from storage.outbox_claim import claim
from storage.types import utcnow

T = "T0HANDED"


def _rows(kinds: list[str]) -> tuple[int, list[int]]:
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=T)
        d = deals.create(session=s, team_id=T, actor="U0ANN", name="Acme").deal
        ids = [
            outbox_batch.enqueue_one(session=s, team_id=T, kind=kind, deal_id=d.id)
            for kind in kinds
        ]
        return d.id, ids


def _claim_first(kind: str):
    with db.session_scope() as s:
        rows = claim(session=s, now=utcnow(), limit=50, lease=timedelta(seconds=60))
    return next(r for r in rows if r.kind == kind)


def test_what_a_change_hands_on_reaches_its_deals_first_row_only(database):
    seen = []

    def taking(_client, row):
        seen.append(handed())
        return Sent(ts="1.2")

    deal_id, _ids = _rows(["taking", "taking"])
    deliverer = Deliverer(lambda _team: None, {"taking": taking})
    try:
        deliverer._handed.keep({deal_id: "the view as written"})
        assert deliverer.deliver_chain(_claim_first("taking")) == 2
        _rows(["taking"])
        assert deliverer.deliver(_claim_first("taking")) is None
    finally:
        deliverer.close()
    assert seen == ["the view as written", None, None]  # the next row, a row alone: nothing
    assert handed() is None


def test_a_failed_send_takes_no_next_row(database):
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
