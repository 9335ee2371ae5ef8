"""bench/duplicate_lookup.py measures what it says: a workspace whose every open deal's
name ends in SRL, and lookups for names it does not hold (so each one is compared, and
none is found)."""

import sys
from pathlib import Path

from sqlmodel import select

from bot.deals import duplicates
from bot.workspaces.service import ensure_workspace
from storage import db, duplicate_queries
from storage.models import Deal

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from duplicate_lookup import TEAM, fill, lookup_ms


def test_the_bench_s_deals_all_share_srl_and_its_lookups_find_none(database):
    fill(60)
    with db.read_scope() as s:
        sharing = duplicate_queries.open_deals_sharing(session=s, team_id=TEAM, prefixes=["srl"])
        assert len(sharing) == 60
        assert all(name.endswith(" SRL") for _n, name in sharing)
        asked = duplicates.similar_open(session=s, team_id=TEAM, name="Bovela0 SRL")
        assert asked == []
    assert lookup_ms(3) > 0


def test_hot_path_s_prefill_adds_open_deals_of_made_up_names_to_the_workspace(database):
    from hot_path import prefill

    with db.session_scope() as s:
        ensure_workspace(session=s, team_id="T0HOT")
    prefill("T0HOT", 40)
    with db.read_scope() as s:
        rows = s.exec(select(Deal).where(Deal.team_id == "T0HOT")).all()
    assert len(rows) == 40
    assert len({d.name for d in rows}) > 30  # made-up, seldom the same
    assert all(d.archived_at is None for d in rows)
    assert len({d.stage_id for d in rows}) == 1  # the first stage, open
