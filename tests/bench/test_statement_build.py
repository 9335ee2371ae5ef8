"""bench/statement_build.py compares like with like: the statement it builds on each call
reads what dealbot's built-once one reads, for a deal created from a message or not."""

import sys
from pathlib import Path

from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from storage import db
from storage.models import Activity
from storage.shortcut_queries import FROM_MESSAGE, deal_with_origin

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from statement_build import built_each_call


def test_both_forms_read_the_same_deal_and_origin(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id="T1")
        plain = deals.create(session=s, team_id="T1", actor="U1", name="Acme").deal.id
        quoted = deals.create(session=s, team_id="T1", actor="U1", name="Globex").deal.id
        s.add(
            Activity(
                team_id="T1",
                deal_id=quoted,
                actor_id="U1",
                kind=FROM_MESSAGE,
                message_ts="111.222",
                from_value="C0SALES",
            )
        )
    with db.read_scope() as s:
        for deal_id in (plain, quoted, 999_999):
            once = deal_with_origin(session=s, team_id="T1", deal_id=deal_id)
            each = built_each_call(s, "T1", deal_id)
            assert once == (tuple(each) if each is not None else (None, None, None))
        assert deal_with_origin(session=s, team_id="T1", deal_id=quoted)[1:] == (
            "111.222",
            "C0SALES",
        )
        assert deal_with_origin(session=s, team_id="T2", deal_id=plain) == (None, None, None)
