"""Field changes, notes, tags and outcomes on a real database."""

from datetime import date

import pytest

from bot.common.errors import InvalidInput, NotAllowed, StaleDeal
from bot.deals import edits, outcomes
from bot.deals import service as deals
from storage import db, queries

T = "T0TEST"


def make(s, name="Acme"):
    return deals.create(session=s, team_id=T, actor="U0ANN", name=name).deal


def test_a_change_made_from_an_old_read_is_refused(database):
    with db.session_scope() as s:
        seen = make(s)  # ann reads version 1 ...
    with db.session_scope() as s:  # ... bob renames it meanwhile
        edits.change(session=s, team_id=T, actor="U0BOB", ref="1", field="name", value="Bob's")
    with db.session_scope() as s:
        ok = queries.update_if_version(
            session=s,
            team_id=T,
            deal_id=seen.id,
            version=seen.version,
            now=seen.updated_at,
            name="Ann's",
        )
        assert ok is False
    with db.session_scope() as s:
        assert deals.get(session=s, team_id=T, ref="1").name == "Bob's"


def test_owner_handoff_keeps_the_previous_owner_as_collaborator(session):
    make(session)
    v = edits.change(
        session=session, team_id=T, actor="U0ANN", ref="1", field="owner", value="U0BOB"
    )
    assert v.deal.owner_id == "U0BOB" and v.collaborators == ["U0ANN"]


def test_close_date_rules():
    today = date(2026, 11, 22)
    assert edits.parse_close("2026-12-31", today) == date(2026, 12, 31)
    for bad in ("yesterday", "2026-02-30", "31.12.2026"):
        with pytest.raises(InvalidInput, match="is not a date"):
            edits.parse_close(bad, today)
    with pytest.raises(InvalidInput, match="in the past"):
        edits.parse_close("2026-11-21", today)


def test_sources_by_key_or_label_part():
    assert edits.parse_source("referral") == "referral"
    assert edits.parse_source("LinkedIn") == "social"
    with pytest.raises(InvalidInput, match="not a lead source"):
        edits.parse_source("radio")


def test_tagging_twice_is_said_not_duplicated(session):
    make(session)
    _, added, already = edits.tag(
        session=session, team_id=T, actor="U0ANN", ref="1", user_ids=["U0BOB", "U0CAT"]
    )
    assert (added, already) == (["U0BOB", "U0CAT"], [])
    v, added, already = edits.tag(
        session=session, team_id=T, actor="U0ANN", ref="1", user_ids=["U0BOB", "U0ANN"]
    )
    assert (added, already) == ([], ["U0BOB", "U0ANN"])  # the owner is on it already
    assert v.collaborators == ["U0BOB", "U0CAT"]


def test_lost_deal_cannot_be_won_and_open_deal_cannot_be_reopened(session):
    make(session)
    with pytest.raises(NotAllowed, match="only won or lost deals can be reopened"):
        outcomes.reopen(session=session, team_id=T, actor="U0ANN", ref="1")
    outcomes.lost(session=session, team_id=T, actor="U0ANN", ref="1", reason="budget")
    with pytest.raises(NotAllowed, match="already Lost"):
        outcomes.won(session=session, team_id=T, actor="U0ANN", ref="1")
    with pytest.raises(InvalidInput, match="needs a reason"):
        outcomes.lost(session=session, team_id=T, actor="U0ANN", ref="1", reason="  ")


def test_stale_won_is_refused(session):
    d = make(session)
    first = d.stage_id
    deals.move(session=session, team_id=T, actor="U0BOB", ref="1", to="needs", force=True)
    with pytest.raises(StaleDeal, match="already moved to Needs confirmed by <@U0BOB>"):
        outcomes.won(session=session, team_id=T, actor="U0ANN", ref="1", expected_stage_id=first)
