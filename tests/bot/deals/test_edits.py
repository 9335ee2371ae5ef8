"""Field changes, notes, tags and outcomes on a real database."""

from datetime import date

import pytest

from bot.common.errors import InvalidInput
from bot.deals import edits
from bot.deals import service as deals
from storage import db, queries
from tests.words import refused

T = "T0TEST"


def make(s, name="Acme"):
    return deals.create(session=s, team_id=T, actor="U0ANN", name=name).deal


@pytest.mark.usefixtures("everyone_admin")
def test_a_change_made_from_an_old_read_is_refused(database):
    with db.session_scope() as s:
        seen = make(s)  # ann reads version 1 ...
    with db.session_scope() as s:  # ... bob renames it meanwhile
        edits.change(session=s, team_id=T, actor="U0BOB", ref="1", field="name", value="Bob's")
    with db.session_scope() as s:
        changed = queries.update_if_version(
            session=s,
            team_id=T,
            deal_id=seen.id,
            version=seen.version,
            now=seen.updated_at,
            name="Ann's",
        )
        assert changed is None
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
    assert edits.parse_close("31.12.2026", today) == date(2026, 12, 31)  # issue 16: local forms
    for bad in ("yesterday", "2026-02-30", "31.12.26"):
        with refused(InvalidInput, "is not a date"):
            edits.parse_close(bad, today)
    with refused(InvalidInput, "in the past"):
        edits.parse_close("2026-11-21", today)


def test_sources_by_key_or_label_part():
    assert edits.parse_source("referral") == "referral"
    assert edits.parse_source("LinkedIn") == "social"
    with refused(InvalidInput, "not a lead source"):
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


def test_a_note_goes_into_the_history_and_marks_the_deal_worked_on(session):
    d = make(session)
    before = (d.updated_at, d.version)
    v = edits.note(session=session, team_id=T, actor="U0BOB", ref="1", text="  called them  ")
    assert [(a.kind, a.actor_id, a.note) for a in v.changes][-1] == ("note", "U0BOB", "called them")
    assert v.deal.updated_at > before[0]
    assert v.deal.version == before[1]  # a note changes no field: a card read before stays good


def test_an_empty_or_long_note_is_refused_and_nothing_recorded(session):
    make(session)
    with refused(InvalidInput, "What should the note say"):
        edits.note(session=session, team_id=T, actor="U0ANN", ref="1", text="   ")
    with refused(InvalidInput, "That note is 3,001 characters; keep it under 3,000"):
        edits.note(session=session, team_id=T, actor="U0ANN", ref="1", text="x" * 3001)
    assert [a.kind for a in queries.history(session=session, team_id=T, deal_id=1)] == ["created"]


def test_unknown_field_and_bad_values_say_what_would_work(session):
    make(session)
    fields = "value, close, owner, source, next, name, company"
    with refused(InvalidInput, f"I can set {fields}; not `colour`"):
        edits.change(session=session, team_id=T, actor="U0ANN", ref="1", field="colour", value="x")
    with refused(InvalidInput, "Name the new owner with an @mention"):
        edits.change(session=session, team_id=T, actor="U0ANN", ref="1", field="owner", value="bob")
    with refused(InvalidInput, "Keep the next step under 500 characters"):
        edits.change(
            session=session, team_id=T, actor="U0ANN", ref="1", field="next", value="x" * 501
        )
    with refused(InvalidInput, "Who should I tag?"):
        edits.tag(session=session, team_id=T, actor="U0ANN", ref="1", user_ids=[])
    assert deals.get(session=session, team_id=T, ref="1").version == 1


def test_a_source_refusal_lists_every_source():
    with refused(InvalidInput, "`&lt;radio&gt;` is not a lead source. Use one of: `inbound`, "):
        edits.parse_source("<radio>")
