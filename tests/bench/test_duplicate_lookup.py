"""bench/duplicate_lookup.py measures what it says: a workspace whose every open deal's
name ends in SRL, and lookups for names it does not hold (so each one is compared, and
none is found)."""

import sys
from pathlib import Path

from bot.deals import duplicates
from storage import db, duplicate_queries

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
