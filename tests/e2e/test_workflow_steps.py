"""Workflow Builder steps end to end: Slack sends a signed `function_executed` event, dealbot
creates or moves the deal through the same code as `/deal new` and `/deal move`, and
completes the step with functions.completeSuccess (its outputs) or completeError (why)."""

import pytest
import sqlmodel

from bot.deals import service as deals
from bot.local.standin.functions import redeliver, run
from bot.runtime import links
from storage import db
from storage.models import Deal
from tests.e2e.helpers import SALES, TEAM, card, deal, history, qualify, stage_key, text_of

PUBLIC = "https://dealbot.example.com"
LEAD = {"name": "Acme Corp", "company": "Acme", "amount": "12k", "owner": "U0BOB", "channel": SALES}


@pytest.fixture(autouse=True)
def deal_links(slack):
    """Deals have links (DEALBOT_PUBLIC_URL) while the test runs."""
    links.configure(PUBLIC)
    yield
    links.configure(None)


def deal_count(team: str = TEAM) -> int:
    with db.session_scope() as s:
        return len(s.exec(sqlmodel.select(Deal).where(Deal.team_id == team)).all())


def completions(slack, method: str) -> list:
    return [c for c in slack.standin.calls if c.method == method]


def test_create_lead_makes_the_deal_posts_its_card_and_outputs_number_and_link(slack, driver):
    reply, ex = run(driver, "create_lead", LEAD, user="U0ANN")
    assert reply.status == 200
    assert ex.state == "completed", ex.error
    assert ex.outputs == {
        "deal_number": 1,
        "deal_name": "Acme Corp",
        "deal_link": f"{PUBLIC}/d/{TEAM}/1",
    }
    d = deal(1)
    assert (d.owner_id, d.created_by, d.value_minor, d.channel_id) == (
        "U0BOB",
        "U0ANN",
        1_200_000,
        SALES,
    )
    assert "Acme" in text_of(card(slack, 1))  # the card, as /deal new posts it
    assert [a.kind for a in history(1)] == ["created"]
    [done] = completions(slack, "functions.completeSuccess")
    assert done.ok and done.args["function_execution_id"] == ex.id
    assert ex.token in slack.standin.directory.tokens_used(TEAM)  # the event's own token


def test_a_workflow_nobody_ran_by_hand_acts_as_the_owner(slack, driver):
    _, ex = run(driver, "create_lead", {"name": "Globex", "owner": "U0CAT", "channel": SALES})
    assert ex.state == "completed", ex.error
    assert (deal(1).owner_id, deal(1).created_by, deal(1).value_minor) == ("U0CAT", "U0CAT", None)


def test_create_lead_joins_a_public_channel_for_the_card(slack, driver):
    _, ex = run(driver, "create_lead", {**LEAD, "channel": "C0RANDOM"}, user="U0ANN")
    assert ex.state == "completed", ex.error
    assert card(slack, 1, "C0RANDOM")


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"amount": "lots"}, "The step's *Value* input: `lots` is not an amount"),
        ({"amount": "12kk"}, "is not an amount"),
        ({"name": "  "}, "The step's *Deal name* input is empty"),
        ({"name": ["Acme"]}, "The step's *Deal name* input is not text"),
        ({"channel": "G0PRIV"}, "I can't post the deal's card in <#G0PRIV>"),
        ({"channel": "CNOSUCH"}, "I can't post the deal's card in <#CNOSUCH>"),
        ({"channel": "#sales"}, "is not a channel"),
        ({"owner": "UDEALBOT"}, "The step's *Owner* input (<@UDEALBOT>) is a bot"),
        ({"owner": "U0NOBODY"}, "is no one I can find in this workspace"),
        ({"owner": "bob"}, "The step's *Owner* input (bob) is not a person"),
        ({"name": "x" * 151}, "a deal name can have at most 150"),
    ],
)
def test_create_lead_with_a_bad_input_fails_the_step_and_writes_nothing(
    slack, driver, change, said
):
    _, ex = run(driver, "create_lead", {**LEAD, **change}, user="U0ANN")
    assert ex.state == "failed"
    assert ex.error.startswith("Create lead: ") and said in ex.error, ex.error
    assert "Nothing was created" in ex.error or "nothing was" in ex.error.lower()
    assert deal_count() == 0
    assert not [m for m in slack.standin.messages(SALES) if m.blocks]
    assert completions(slack, "functions.completeSuccess") == []


def test_create_lead_without_owner_or_runner_says_who_is_missing(slack, driver):
    _, ex = run(driver, "create_lead", {"name": "Initech", "channel": SALES})
    assert ex.state == "failed"
    assert "The step's *Owner* input is empty" in ex.error
    assert deal_count() == 0


def test_a_repeated_delivery_creates_the_lead_once(slack, driver):
    _, ex = run(driver, "create_lead", LEAD, user="U0ANN")
    assert redeliver(driver, ex).status == 200
    assert deal_count() == 1
    assert len(completions(slack, "functions.completeSuccess")) == 1
    assert completions(slack, "functions.completeError") == []


def test_move_deal_moves_it_as_the_runner_and_outputs_the_new_stage(slack, driver):
    driver.slash("new Acme Corp 12k")
    qualify(slack, driver, 1)
    _, ex = run(driver, "move_deal", {"deal": "#1", "stage": "proposal"}, user="U0ANN")
    assert ex.state == "completed", ex.error
    assert ex.outputs == {
        "stage_name": "Proposal received",
        "stage_key": "proposal",
        "deal_number": 1,
    }
    assert stage_key(1) == "proposal"
    moved = history(1)[-1]
    assert (moved.kind, moved.actor_id) == ("moved", "U0ANN")
    assert "Proposal received" in text_of(card(slack, 1))  # updated in place
    thread = slack.standin.thread(SALES, card(slack, 1).ts)
    assert any("Proposal received" in text_of(m) for m in thread[1:])


def test_move_deal_by_name_and_stage_name(slack, driver):
    driver.slash("new Acme Corp 12k")
    qualify(slack, driver, 1)
    _, ex = run(driver, "move_deal", {"deal": "acme", "stage": "terms negotiated"}, user="U0ANN")
    assert ex.state == "completed", ex.error
    assert stage_key(1) == "negotiation"


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"deal": "#9", "stage": "proposal"}, "There is no deal #9."),
        ({"deal": "nothing like it", "stage": "proposal"}, "No deal matches “nothing like it”"),
        ({"deal": "1", "stage": "nowhere"}, "There is no stage “nowhere”. The stages are:"),
        ({"deal": "1", "stage": "lost"}, "A lost deal needs a reason"),
        ({"deal": "", "stage": "proposal"}, "The step's *Deal* input is empty"),
        ({"deal": "1", "stage": ""}, "The step's *Stage* input is empty"),
        ({"deal": "1", "stage": "qualified"}, "is not qualified yet"),
        ({"deal": "1", "stage": "prospect"}, "is already at Prospect identified"),
    ],
)
def test_move_deal_with_a_bad_input_fails_the_step_and_changes_nothing(slack, driver, given, said):
    driver.slash("new Acme Corp 12k")
    before = len(history(1))
    _, ex = run(driver, "move_deal", given, user="U0ANN")
    assert ex.state == "failed"
    assert ex.error.startswith("Move deal: ") and said in ex.error, ex.error
    assert stage_key(1) == "prospect" and len(history(1)) == before


def test_move_deal_follows_the_roles_rule_for_the_person_who_ran_it(slack, driver):
    driver.slash("new Acme Corp 12k")  # ann's deal; bob is a seller, not on it
    qualify(slack, driver, 1)
    _, ex = run(driver, "move_deal", {"deal": "1", "stage": "proposal"}, user="U0BOB")
    assert ex.state == "failed"
    assert "Only the deal's owner (<@U0ANN>)" in ex.error and "Nothing was changed" in ex.error
    assert stage_key(1) == "qualified"
    driver.slash("tag 1 <@U0BOB|bob> helps with the proposal")
    _, ex = run(driver, "move_deal", {"deal": "1", "stage": "proposal"}, user="U0BOB")
    assert ex.state == "completed", ex.error
    assert history(1)[-1].actor_id == "U0BOB"


def test_move_deal_needs_the_runner(slack, driver):
    driver.slash("new Acme Corp 12k")
    _, ex = run(driver, "move_deal", {"deal": "1", "stage": "contacted"})
    assert ex.state == "failed"
    assert "The step's *Moved by* input is empty" in ex.error
    assert "Slack fills it with whoever starts the workflow" in ex.error
    _, ex = run(
        driver, "move_deal", {"deal": "1", "stage": "contacted", "moved_by": {"id": "nobody"}}
    )
    assert "is not a person" in ex.error
    assert stage_key(1) == "prospect"


def test_a_deal_of_another_workspace_is_not_found(slack, driver):
    with db.session_scope() as s:
        deals.create(session=s, team_id="T0OTHER", actor="U0ZED", name="Elsewhere Ltd")
    _, ex = run(driver, "move_deal", {"deal": "1", "stage": "contacted"}, user="U0ANN")
    assert ex.state == "failed" and "There is no deal #1." in ex.error
    _, ex = run(driver, "move_deal", {"deal": "elsewhere", "stage": "contacted"}, user="U0ANN")
    assert ex.state == "failed" and "No deal matches “elsewhere”" in ex.error
    assert [a.kind for a in history(1)] == ["created"]  # the other workspace's #1, untouched


def test_user_text_in_an_error_is_escaped(slack, driver):
    driver.slash("new Acme Corp 12k")
    _, ex = run(driver, "move_deal", {"deal": "<!channel>", "stage": "x"}, user="U0ANN")
    assert ex.state == "failed"
    assert "<!channel>" not in ex.error and "&lt;!channel&gt;" in ex.error


def test_an_unexpected_failure_fails_the_step_with_a_reference_and_no_traceback(
    slack, driver, monkeypatch
):
    def broken(**_):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(deals, "create", broken)
    _, ex = run(driver, "create_lead", LEAD, user="U0ANN")
    assert ex.state == "failed"
    assert ex.error.startswith("Create lead: Something went wrong on my side")
    assert "Reference `" in ex.error and "disk on fire" not in ex.error
    assert deal_count() == 0
