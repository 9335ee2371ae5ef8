"""Workflow Builder steps in the stand-in: Slack runs one of the app's functions (a signed
`function_executed` event) and the app completes it with `functions.completeSuccess` or
`functions.completeError`.

Slack's rules, from the method reference and the event's documentation:
- the event carries a `bot_access_token` for that execution; the completion is made with
  it (another token, even the app's own bot token, is refused: `access_denied`), and the
  app may use it for its other calls while the step runs;
- a completion names an execution Slack started (else `function_execution_not_found`),
  once (a second one: `execution_not_in_running_state`);
- `outputs` fit the function's `output_parameters` in manifest.yml: every required one,
  nothing undeclared, each of its type (else `parameter_validation_failed`);
- `error` is a human-readable message, so an empty one is refused here as missing.
The functions come from manifest.yml: a step the manifest does not declare cannot run.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

from bot import manifest
from bot.local.standin.checks import decode_json_arg
from bot.local.standin.errors import ApiError
from bot.local.standin.models import Reply
from bot.local.standin.workspaces import Grant

Workspace = Any  # the stand-in (server.py imports this module)

USER_CONTEXT = "slack#/types/user_context"
# What a value of each parameter type looks like (the types dealbot's steps use).
SHAPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "slack#/types/user_id": lambda v: isinstance(v, str) and re.fullmatch(r"[UW][A-Z0-9]+", v),
    "slack#/types/channel_id": lambda v: isinstance(v, str) and re.fullmatch(r"[CGD][A-Z0-9]+", v),
    USER_CONTEXT: lambda v: isinstance(v, dict) and isinstance(v.get("id"), str),
}


@dataclass
class Execution:
    """One run of a function as a workflow step, and how the app completed it."""

    id: str
    callback_id: str
    team_id: str
    token: str
    inputs: dict[str, Any]
    event_id: str
    state: str = "running"  # then "completed" or "failed"
    outputs: dict[str, Any] | None = None
    error: str | None = None


def definition(callback_id: str) -> dict[str, Any]:
    """The function as manifest.yml declares it."""
    declared = manifest.load().get("functions") or {}
    if callback_id not in declared:
        raise LookupError(f"manifest.yml declares no function {callback_id!r}: {sorted(declared)}")
    return declared[callback_id]


def parameters(part: dict[str, Any]) -> list[dict[str, Any]]:
    """A manifest's input/output_parameters as the event lists them."""
    required = set(part.get("required") or [])
    return [
        {
            **{k: v for k, v in p.items() if k in ("type", "title", "description")},
            "name": name,
            "is_required": name in required,
        }
        for name, p in (part.get("properties") or {}).items()
    ]


def start(ws: Workspace, callback_id: str, inputs: dict[str, Any]) -> Execution:
    """Slack starts a step: an execution and its token (good for this workspace's calls)."""
    declared = definition(callback_id)["input_parameters"]["properties"]
    undeclared = sorted(set(inputs) - set(declared))
    if undeclared:  # Workflow Builder only offers the inputs the manifest declares
        raise ValueError(f"{callback_id} has no inputs {undeclared}")
    token = f"xwfp-{ws.team_id}-{secrets.token_hex(12)}"
    with ws.directory.lock:
        ws.directory.tokens[token] = Grant(ws.team_id, "workflow", frozenset(ws.scopes))
    fx = "Fx" + secrets.token_hex(5).upper()
    ex = Execution(fx, callback_id, ws.team_id, token, dict(inputs), "Ev" + fx)
    with ws.lock:
        ws.executions[fx] = ex
    return ex


def event(ws: Workspace, ex: Execution) -> dict[str, Any]:
    """The `function_executed` event Slack sends for the execution."""
    declared = definition(ex.callback_id)
    return {
        "type": "function_executed",
        "function": {
            "id": "Fn" + ex.callback_id.upper().replace("_", "")[:10],
            "callback_id": ex.callback_id,
            "title": declared["title"],
            "description": declared.get("description", ""),
            "type": "app",
            "input_parameters": parameters(declared["input_parameters"]),
            "output_parameters": parameters(declared["output_parameters"]),
            "app_id": ws.app_id,
            "date_created": 1764500000,
            "date_updated": 1764500000,
            "date_deleted": 0,
        },
        "inputs": ex.inputs,
        "function_execution_id": ex.id,
        "workflow_execution_id": "Wx" + ex.id[2:],
        "event_ts": f"{time.time():.6f}",
        "bot_access_token": ex.token,
    }


def run(
    driver: Any, callback_id: str, inputs: dict[str, Any], *, user: str | None = None
) -> tuple[Reply, Execution]:
    """Run the step as a workflow started by `user` would: each user_context input the
    caller left out is that person (Workflow Builder fills a user_context input so: a
    builder cannot set one)."""
    ws = driver.standin
    given = dict(inputs)
    for name, p in definition(callback_id)["input_parameters"]["properties"].items():
        if p["type"] == USER_CONTEXT and user and name not in given:
            given[name] = {"id": user, "secret": secrets.token_hex(16)}
    ex = start(ws, callback_id, given)
    return driver.event(event(ws, ex), event_id=ex.event_id), ex


def redeliver(driver: Any, ex: Execution) -> Reply:
    """Slack delivers the same event again (a retry: same event_id)."""
    return driver.event(event(driver.standin, ex), retry_num=1, event_id=ex.event_id)


# Web API --------------------------------------------------------------------------------------
def _running(ws: Workspace, args: dict[str, Any]) -> Execution:
    ex = ws.executions.get(str(args.get("function_execution_id")))
    if ex is None:
        raise ApiError("function_execution_not_found")
    if ws.caller_token != ex.token:
        raise ApiError("access_denied", ["complete a step with its event's bot_access_token"])
    if ex.state != "running":
        raise ApiError("execution_not_in_running_state", [f"{ex.id} is already {ex.state}"])
    return ex


def output_problems(callback_id: str, outputs: Any) -> list[str]:
    """How `outputs` fail the function's output_parameters in manifest.yml."""
    if not isinstance(outputs, dict):
        return [f"outputs is not an object: {outputs!r:.60}"]
    part = definition(callback_id)["output_parameters"]
    declared = part.get("properties") or {}
    problems = [f"output {n!r} is not declared" for n in outputs if n not in declared]
    problems += [
        f"required output {n!r} is missing"
        for n in part.get("required") or []
        if outputs.get(n) is None
    ]
    for name, value in outputs.items():
        kind = (declared.get(name) or {}).get("type")
        if value is not None and kind in SHAPES and not SHAPES[kind](value):
            problems.append(f"output {name!r} is not a {kind}: {value!r:.40}")
    return problems


def complete_success(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """functions.completeSuccess: the step's outputs go to the workflow's next steps."""
    ex = _running(ws, args)
    outputs, problem = decode_json_arg(args.get("outputs"))
    problems = [f"outputs: {problem}"] if problem else output_problems(ex.callback_id, outputs)
    if problems:
        raise ApiError("parameter_validation_failed", problems)
    ex.state, ex.outputs = "completed", outputs
    return {"ok": True}


def complete_error(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """functions.completeError: the workflow stops and shows the error to its runner."""
    ex = _running(ws, args)
    error = args.get("error")
    if not isinstance(error, str) or not error.strip():
        raise ApiError("invalid_arguments", ["error: give a human-readable message"])
    ex.state, ex.error = "failed", error
    return {"ok": True}


HANDLERS = {
    "functions.completeSuccess": complete_success,
    "functions.completeError": complete_error,
}
