"""bench/statement_cost.py compares like with like: every layer it times reads the same
workspace's stamp (the empty unit of work reads nothing)."""

import sys
from pathlib import Path

from bot.workspaces.service import ensure_workspace
from storage import db
from storage.models import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from statement_cost import TEAM, layers


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
