"""The stand-in's Workflow Builder steps: the function_executed event it sends, and
functions.completeSuccess / completeError refused where Slack refuses them."""

from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.standin import SlackStandIn
from bot.local.standin.functions import event, start
from tests.bot.local.standin.conftest import shared_or_skip

LEAD = {"name": "Acme", "channel": "C0SALES", "created_by": {"id": "U0ANN", "secret": "s"}}


def _as(standin: SlackStandIn, token: str) -> WebClient:
    return WebClient(token=token, base_url=standin.api_url)


def _error(call) -> str:
    with pytest.raises(SlackApiError) as err:
        call()
    return err.value.response["error"]


def test_the_event_has_slacks_shape_and_the_manifests_parameters(standin: SlackStandIn) -> None:
    ex = start(standin, "create_lead", LEAD)
    sent = event(standin, ex)
    assert sent["type"] == "function_executed"
    assert (sent["function_execution_id"], sent["bot_access_token"]) == (ex.id, ex.token)
    assert sent["inputs"] == LEAD and sent["function"]["callback_id"] == "create_lead"
    names = {p["name"]: p for p in sent["function"]["input_parameters"]}
    assert names["name"]["is_required"] and not names["company"]["is_required"]
    assert names["owner"]["type"] == "slack#/types/user_id"
    outputs = {p["name"] for p in sent["function"]["output_parameters"]}
    assert {"deal_number", "deal_link"} <= outputs
    assert ex.token.startswith("xwfp-")


def test_a_step_the_manifest_does_not_declare_or_an_undeclared_input_cannot_run(
    standin: SlackStandIn,
) -> None:
    with pytest.raises(LookupError):
        start(standin, "delete_everything", {})
    with pytest.raises(ValueError):
        start(standin, "create_lead", {**LEAD, "colour": "red"})


def test_complete_success_with_the_events_token_records_the_outputs(standin) -> None:
    ex = start(standin, "create_lead", LEAD)
    client = _as(standin, ex.token)
    assert client.auth_test()["team_id"] == standin.team_id  # the token works while it runs
    client.functions_completeSuccess(
        function_execution_id=ex.id, outputs={"deal_number": 3, "deal_name": "Acme"}
    )
    assert (ex.state, ex.outputs) == ("completed", {"deal_number": 3, "deal_name": "Acme"})
    again = _error(lambda: client.functions_completeError(function_execution_id=ex.id, error="x"))
    assert again == "execution_not_in_running_state"
    standin.contract_failures.clear()


def test_another_token_or_an_unknown_execution_is_refused(standin: SlackStandIn) -> None:
    ex = start(standin, "move_deal", {"deal": "1", "stage": "won"})
    bot = _as(standin, "xoxb-the-apps-own-token")
    outputs = {"stage_name": "Won", "stage_key": "won", "deal_number": 1}
    assert (
        _error(lambda: bot.functions_completeSuccess(function_execution_id=ex.id, outputs=outputs))
        == "access_denied"
    )
    workflow = _as(standin, ex.token)
    assert (
        _error(
            lambda: workflow.functions_completeError(function_execution_id="Fx0NOSUCH", error="x")
        )
        == "function_execution_not_found"
    )
    assert ex.state == "running"
    standin.contract_failures.clear()


@pytest.mark.parametrize(
    ("outputs", "problem"),
    [
        ({"deal_name": "Acme"}, "required output 'deal_number' is missing"),
        ({"deal_number": "3", "deal_name": "Acme"}, "'deal_number' is not a integer"),
        ({"deal_number": 3, "deal_name": "Acme", "colour": "red"}, "'colour' is not declared"),
    ],
)
def test_outputs_that_do_not_fit_the_manifest_are_refused(standin, outputs, problem) -> None:
    ex = start(standin, "create_lead", LEAD)
    client = _as(standin, ex.token)
    error = _error(
        lambda: client.functions_completeSuccess(function_execution_id=ex.id, outputs=outputs)
    )
    assert error == "parameter_validation_failed"
    assert any(problem in f for f in standin.contract_failures), standin.contract_failures
    assert ex.state == "running"
    standin.contract_failures.clear()


def test_complete_error_needs_a_readable_message(standin: SlackStandIn) -> None:
    ex = start(standin, "create_lead", LEAD)
    client = _as(standin, ex.token)
    assert (
        _error(lambda: client.functions_completeError(function_execution_id=ex.id, error=" "))
        == "invalid_arguments"
    )
    client.functions_completeError(function_execution_id=ex.id, error="Create lead: no name.")
    assert (ex.state, ex.error) == ("failed", "Create lead: no name.")
    standin.contract_failures.clear()


@pytest.mark.parametrize("method", ["functions.completeSuccess", "functions.completeError"])
def test_the_errors_answered_are_the_documented_ones(method: str) -> None:
    path = shared_or_skip("docs-slack-dev", "methods", f"{method}.json")
    documented = set(json.loads(path.read_text())["errors"])
    answered = {"function_execution_not_found", "access_denied", "execution_not_in_running_state"}
    if method == "functions.completeSuccess":
        answered.add("parameter_validation_failed")
    assert answered <= documented
