"""manifest.yml's `functions` (Workflow Builder steps): Slack's 2.0.0 schema accepts them and
catches a broken one, and the code listens for exactly the steps, inputs and outputs declared."""

import ast
import copy
import inspect

import pytest

from handlers.kit.ids import Function
from handlers.workflows import steps
from tests.test_manifest import SCHEMA, _errors, _manifest, _schema_for


def _functions() -> dict:
    return _manifest()["functions"]


def test_the_manifest_is_checked_against_the_2_0_0_schema() -> None:
    manifest = _manifest()
    assert manifest["_metadata"] == {"major_version": 2}
    assert _schema_for(manifest) == SCHEMA
    assert SCHEMA.name == "manifest.schema.2.0.0.json"
    assert _errors(manifest) == []


def test_without_major_version_2_the_functions_are_refused() -> None:
    # Slack's dispatcher reads a manifest without `_metadata` as version 1, whose functions
    # take another shape: the steps only hold under the 2.0.0 schema.
    v1 = copy.deepcopy(_manifest())
    v1.pop("_metadata")
    assert any(e.startswith("functions/create_lead/input_parameters") for e in _errors(v1))


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            lambda f: f["create_lead"]["input_parameters"]["properties"]["owner"].update(
                type="user"
            ),
            "is not one of",
        ),
        (
            lambda f: f["move_deal"].pop("output_parameters"),
            "'output_parameters' is a required property",
        ),
        (lambda f: f["create_lead"].pop("title"), "'title' is a required property"),
        (
            lambda f: f["move_deal"]["input_parameters"].update(required="deal"),
            "is not of type 'array'",
        ),
        (lambda f: f["create_lead"].update(callback_id="create_lead"), "Additional properties"),
        (
            lambda f: f["move_deal"]["output_parameters"]["properties"]["stage_name"].pop("type"),
            "'type' is a required property",
        ),
    ],
)
def test_the_schema_catches_a_broken_function(breakage, expected: str) -> None:
    broken = copy.deepcopy(_manifest())
    breakage(broken["functions"])
    errors = _errors(broken)
    assert any(e.startswith("functions/") and expected in e for e in errors), errors


def test_steps_run_remotely_from_an_org_ready_app() -> None:
    settings = _manifest()["settings"]
    assert settings["function_runtime"] == "remote"
    assert settings["org_deploy_enabled"] is True
    assert "function_executed" in settings["event_subscriptions"]["bot_events"]


class _Recorder:
    """Stands in for the Bolt app: which callback ids get a function listener."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def function(self, callback_id: str, **_: object):
        self.ids.append(callback_id)
        return lambda listener: listener


def test_each_declared_function_has_a_listener_and_one_name_for_its_callback_id() -> None:
    app = _Recorder()
    steps.register(app)
    assert sorted(app.ids) == sorted(_functions()) == sorted(f.value for f in Function)


def _inputs_read(listener) -> set[str]:
    """The input names a listener reads: `read.<kind>(given, "<name>", ...)`."""
    tree = ast.parse(inspect.getsource(listener))
    return {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "read"
        and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant)
    }


@pytest.mark.parametrize("function", list(Function))
def test_the_code_reads_exactly_the_declared_inputs(function: Function) -> None:
    declared = _functions()[function.value]["input_parameters"]
    assert _inputs_read(getattr(steps, function.value)) == set(declared["properties"])
    assert set(declared["required"]) <= set(declared["properties"])


def test_the_contract_outputs_are_declared_and_required() -> None:
    create = _functions()["create_lead"]["output_parameters"]
    move = _functions()["move_deal"]["output_parameters"]
    assert {"deal_number", "deal_link"} <= set(create["properties"])
    assert create["properties"]["deal_number"]["type"] == "integer"
    assert "deal_number" in create["required"]
    assert {"stage_name", "stage_key"} <= set(move["required"])


def test_the_acting_person_is_a_user_context_only_slack_fills() -> None:
    move = _functions()["move_deal"]["input_parameters"]
    assert move["properties"]["moved_by"]["type"] == "slack#/types/user_context"
    assert "moved_by" in move["required"]
    create = _functions()["create_lead"]["input_parameters"]["properties"]
    assert create["owner"]["type"] == "slack#/types/user_id"
    assert create["channel"]["type"] == "slack#/types/channel_id"
