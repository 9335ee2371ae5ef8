"""bench/statement_cost.py compares like with like: every layer it times reads the same
workspace's stamp (the empty unit of work reads nothing), and every way it inserts an
activity writes the same row."""

import sys
from pathlib import Path

from bot.workspaces.service import ensure_workspace
from storage import db
from storage.models import Activity, Workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from statement_cost import INSERTS, TEAM, a_deal, inserts, layers


def test_every_layer_reads_the_workspace_s_stamp(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
    with db.read_scope() as s:
        stamp = s.get(Workspace, TEAM).settings_stamp  # given by the database's trigger
    raw = database.raw_connection()
    try:
        read = {name: fn() for name, fn in layers(database, raw).items()}
    finally:
        raw.close()
    assert stamp != 0
    assert read.pop("unit of work, empty") is None
    assert read == {name: [stamp] for name in read}


def test_every_way_to_insert_writes_the_same_activity(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
    deal_id = a_deal()
    written = {name: fn() for name, fn in inserts(database, deal_id).items()}
    with db.read_scope() as s:
        for name, ids in written.items():
            rows = [s.get(Activity, i) for i in ids]
            shown = {(a.team_id, a.deal_id, a.actor_id, a.kind, a.note) for a in rows}
            assert len(set(ids)) == INSERTS, name
            assert shown == {(TEAM, deal_id, "U0", "note", "bench")}, name
            assert all(a.at is not None and a.at.tzinfo is not None for a in rows), name
