"""The stage editor, end to end: `/deal stages edit` and its button open a modal; an admin
renames, reorders, adds and removes stages and sets odds and quiet days; history keeps
reading right after a rename; every change is recorded and shown."""

import pytest
import sqlmodel

from storage import db
from storage.models import Member, Stage, StageChange
from tests.e2e.helpers import SALES, TEAM, card, history, qualify, stage_key, text_of, told


@pytest.fixture
def admin(driver):
    """ann is a named admin (whatever Slack says), bob and cat are not."""
    driver.slash("stages")  # the workspace exists
    with db.session_scope() as s:
        s.add(Member(team_id=TEAM, user_id="U0ANN", role="admin", set_by="U0ANN"))
    return driver


def stages() -> list[Stage]:
    """The active stages in pipeline order."""
    with db.session_scope() as s:
        q = sqlmodel.select(Stage).where(Stage.team_id == TEAM, Stage.active)
        return list(s.exec(q.order_by(Stage.position)))


def sid(key: str) -> int:
    return next(s.id for s in stages() if s.key == key)


def open_editor(slack, driver, user: str = "U0ANN") -> dict:
    reply = driver.slash("stages edit", user=user)
    assert reply.status == 200 and not reply.body.strip(), reply.body
    view = slack.standin.open_views(user)[-1]
    assert view["callback_id"] == "pipeline_stage_editor"
    return view


def field(stage: str, name: str) -> str:
    return f"stage:{sid(stage) if stage != 'new' else 'new'}:{name}"


def test_the_editor_opens_from_the_command_and_the_button_within_slacks_limits(slack, admin):
    view = open_editor(slack, admin)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels[0] == "1. Name (0 deals)" and "Won stage (100%, 0 deals)" in labels
    assert len(view["blocks"]) <= 100
    name = next(b for b in view["blocks"] if b.get("block_id") == field("prospect", "name"))
    assert name["element"]["initial_value"] == "Prospect identified"
    slack.standin.close_modal("U0ANN", view["id"], clear=False)
    shown = admin.slash("stages").message
    admin.click("pipeline_edit_stages", message=shown)
    assert slack.standin.open_views("U0ANN")[-1]["callback_id"] == "pipeline_stage_editor"


def test_rename_odds_quiet_and_order_are_saved_recorded_and_cards_updated(slack, admin):
    admin.slash("new Acme Corp 12k")
    assert "Prospect identified (1/7)" in text_of(card(slack, 1))
    view = open_editor(slack, admin)
    reply = admin.submit(
        view["id"],
        {
            field("prospect", "name"): "Prospect spotted",
            field("qualified", "probability"): "15%",
            field("contacted", "quiet"): "10",
            field("needs", "place"): "1",
        },
    )
    assert not reply.errors, reply.errors
    keys = [s.key for s in stages()]
    assert keys[:3] == ["needs", "prospect", "qualified"]
    by_key = {s.key: s for s in stages()}
    assert by_key["prospect"].name == "Prospect spotted"
    assert by_key["qualified"].probability == 15 and by_key["contacted"].stale_days == 10
    said = told(slack)
    assert "Saved: <@U0ANN> " in said
    assert "<@U0ANN> renamed “Prospect identified” to “Prospect spotted”" in said
    assert "set Lead qualified's win probability from 10% to 15%" in said
    assert "set First meeting held's quiet-after days from 14 (default) to 10" in said
    assert "moved Needs confirmed from place 4 to 1" in said
    assert "Prospect spotted (2/7)" in text_of(card(slack, 1))  # the card, updated in place
    shown = text_of(admin.slash("stages").message)
    assert "1. *Needs confirmed*" in shown and "2. *Prospect spotted* · `prospect`" in shown
    assert "*Last change:* <@U0ANN>" in shown
    changes = text_of(admin.slash("stages history").message)
    assert "renamed “Prospect identified” to “Prospect spotted”" in changes
    with db.session_scope() as s:
        rows = s.exec(sqlmodel.select(StageChange).where(StageChange.team_id == TEAM)).all()
    assert {r.kind for r in rows} == {"renamed", "probability", "quiet", "moved"}
    assert {r.actor_id for r in rows} == {"U0ANN"}


def test_history_undo_and_reopen_follow_a_renamed_stage(slack, admin):
    admin.slash("new Acme Corp 12k")
    qualify(slack, admin, 1)
    admin.slash("move 1 proposal")
    admin.slash("stages rename proposal Proposal sent")
    shown = text_of(admin.slash("show 1").message)
    assert "to Proposal sent (then called Proposal received)" in shown
    assert "created the deal in Prospect identified" in shown
    moved = history(1)[-1]
    assert moved.to_stage_id == sid("proposal") and moved.to_value == "Proposal received"
    admin.slash("won 1")
    admin.slash("reopen 1")
    assert stage_key(1) == "proposal"
    admin.slash("won 1")
    admin.slash("undo")
    assert stage_key(1) == "proposal"


def test_wrong_fields_are_shown_next_to_them_and_nothing_changes(slack, admin):
    before = [(s.name, s.probability, s.stale_days, s.position) for s in stages()]
    view = open_editor(slack, admin)
    reply = admin.submit(
        view["id"],
        {
            field("prospect", "name"): "Demo",
            field("qualified", "name"): "needs confirmed",
            field("contacted", "probability"): "150",
            field("needs", "quiet"): "soon",
            field("new", "probability"): "30",
        },
    )
    assert "not, e.g. “Demo held”" in reply.errors[field("prospect", "name")]
    assert "past tense" in reply.errors[field("prospect", "name")]
    assert "Another stage is already called" in reply.errors[field("qualified", "name")]
    assert "0 to 100" in reply.errors[field("contacted", "probability")]
    assert "not a number of days" in reply.errors[field("needs", "quiet")]
    assert "Give the stage a name" in reply.errors[field("new", "name")]
    assert [(s.name, s.probability, s.stale_days, s.position) for s in stages()] == before


def test_a_stage_with_deals_is_not_removed_an_empty_one_is(slack, admin):
    admin.slash("new Acme Corp 12k")
    view = open_editor(slack, admin)
    reply = admin.submit(view["id"], {field("prospect", "place"): "remove"})
    error = reply.errors[field("prospect", "place")]
    assert "still has 1 deal" in error and "/deal list prospect" in error
    assert "prospect" in [s.key for s in stages()]
    reply = admin.submit(view["id"], {field("committed", "place"): "remove"})
    assert not reply.errors, reply.errors
    assert "committed" not in [s.key for s in stages()]
    assert "removed the stage Verbal commitment given" in told(slack)
    assert "Prospect identified (1/6)" in text_of(card(slack, 1))
    shown = text_of(admin.slash("stages remove 1").message)
    assert "still has 1 deal" in shown


def test_a_new_stage_goes_where_asked_and_takes_deals(slack, admin):
    admin.slash("new Acme Corp 12k")
    qualify(slack, admin, 1)
    view = open_editor(slack, admin)
    reply = admin.submit(
        view["id"],
        {
            field("new", "name"): "Demo held",
            field("new", "probability"): "30",
            field("new", "place"): "4",
        },
    )
    assert not reply.errors, reply.errors
    shown = text_of(admin.slash("stages").message)
    assert "4. *Demo held* · `demo_held` · 30% · 0 deals" in shown
    assert "8. *Verbal commitment given*" in shown
    admin.slash("move 1 demo held")
    assert stage_key(1) == "demo_held"
    assert history(1)[-1].to_stage_id == sid("demo_held")


def test_closing_stages_are_renamed_only_and_keep_their_kind(slack, admin):
    admin.slash("new Acme Corp 12k")
    view = open_editor(slack, admin)
    assert field("won", "probability") not in [b.get("block_id") for b in view["blocks"]]
    reply = admin.submit(view["id"], {field("won", "name"): "Contract signed"})
    assert not reply.errors, reply.errors
    admin.slash("won 1")
    won = next(s for s in stages() if s.key == "won")
    assert (won.name, won.kind, won.probability) == ("Contract signed", "won", 100)
    assert stage_key(1) == "won"
    refused = text_of(admin.slash("stages probability won 50").message)
    assert "its odds are fixed" in refused


def test_text_commands_change_one_thing_or_say_what_would_work(slack, admin):
    said = text_of(admin.slash("stages rename 3 Demo held").message)
    assert "renamed “First meeting held” to “Demo held”" in said
    assert "40" in text_of(admin.slash("stages probability 3 40").message)
    admin.slash("stages quiet 3 10")
    contacted = next(s for s in stages() if s.key == "contacted")
    assert (contacted.name, contacted.probability, contacted.stale_days) == ("Demo held", 40, 10)
    assert "not a win probability" in text_of(admin.slash("stages probability 3 lots").message)
    assert "There is no open stage 9" in text_of(admin.slash("stages rename 9 Demo held").message)
    assert "Try `/deal stages edit`" in text_of(admin.slash("stages rename 3").message)
    assert "already; nothing was changed" in text_of(admin.slash("stages quiet 3 10").message)


def test_only_admins_edit_stages(slack, admin):
    refused = text_of(admin.slash("stages edit", user="U0BOB").message)
    assert "Only an admin can edit the pipeline's stages" in refused
    assert slack.standin.open_views("U0BOB") == []
    refused = text_of(admin.slash("stages rename 3 Demo held", user="U0BOB").message)
    assert "Only an admin can edit the pipeline's stages" in refused
    assert "contacted" in [s.key for s in stages()]
    assert next(s for s in stages() if s.key == "contacted").name == "First meeting held"


def test_an_editor_opened_before_another_change_saves_nothing(slack, admin):
    view = open_editor(slack, admin)
    admin.slash("stages rename 3 Demo held")
    reply = admin.submit(view["id"], {field("prospect", "name"): "Prospect found"})
    assert "changed since this editor was opened" in str(reply.errors)
    assert next(s for s in stages() if s.key == "prospect").name == "Prospect identified"


def test_switching_templates_still_works_after_an_edit(slack, admin):
    admin.slash("new Acme Corp 12k")
    view = open_editor(slack, admin)
    admin.submit(
        view["id"],
        {
            field("new", "name"): "Demo held",
            field("new", "probability"): "30",
            field("new", "place"): "1",
        },
    )
    admin.slash("move 1 demo held")
    shown = text_of(admin.slash("stages use inbound").message)
    assert "Demo held → Needs confirmed: 1 deal" in shown  # the nearest odds (30% → 35%)
    assert "demo_held" not in [s.key for s in stages()]
    assert "switched the pipeline from the generic to the inbound template" in text_of(
        admin.slash("stages history").message
    )


def test_the_digest_counts_moves_into_a_renamed_stage_by_its_current_name(slack, admin):
    admin.slash("new Acme Corp 12k")
    qualify(slack, admin, 1)
    admin.slash("move 1 proposal")
    admin.slash("stages rename proposal Proposal sent")
    admin.slash("digest now")
    digest = "\n".join(text_of(m) for m in slack.standin.messages(SALES))
    assert "#1 Acme Corp · $12k · Lead qualified → Proposal sent" in digest  # moved forward
    assert "→ Proposal received" not in digest


def test_a_report_counts_a_loss_under_the_stages_new_name(slack, admin):
    admin.slash("new Acme Corp 12k")
    qualify(slack, admin, 1)
    admin.slash("move 1 proposal")
    admin.slash("lost 1 price")
    admin.slash("stages rename proposal Proposal sent")
    said = text_of(admin.slash("report 30").message)
    assert "Proposal sent:" in said and "1 lost there" in said
    assert "Proposal received" not in said
