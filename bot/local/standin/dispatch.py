"""Web API dispatch: which workspace answers a call, armed faults, argument checks, the handler.

`answer` runs with the stand-in's lock held; the stand-in (server.py) calls it for every
Web API request and records what it answered.
"""

from __future__ import annotations

from typing import Any

from bot.local.standin import (
    api_chat,
    api_files,
    api_files_read,
    api_history,
    api_links,
    api_oauth,
    api_people,
    api_views,
    functions,
)
from bot.local.standin import methods as m
from bot.local.standin.checks import check_required, decode_json_arg
from bot.local.standin.errors import ApiError
from bot.local.standin.http import JSON_ARGS, NO_REPLY
from bot.local.standin.ledger import Answer
from bot.local.standin.models import Call

SlackStandIn = Any  # the stand-in's class (server.py imports this module)

HANDLERS = {
    **api_chat.HANDLERS,
    **api_files.HANDLERS,
    **api_files_read.HANDLERS,
    **api_history.HANDLERS,
    **api_links.HANDLERS,
    **api_people.HANDLERS,
    **api_views.HANDLERS,
    **functions.HANDLERS,
}

FORMAT_ERRORS = {"blocks": "invalid_blocks_format", "metadata": "invalid_metadata_format"}


def answer(
    s: SlackStandIn, method: str, args: dict[str, Any], token: str | None, was_json: bool
) -> Answer:
    """Answer one Web API call in the workspace its token belongs to, as Slack would."""
    if method in api_oauth.NO_TOKEN:  # client credentials (oauth.v2.access), or nothing
        return api_oauth.NO_TOKEN[method](s, args)
    owner, refused, problems = s.directory.owner(method, token, s)
    if refused:
        with owner.lock:
            return owner.reject(method, args, refused, problems)
    if owner is not s:  # the token is another workspace's: the call is made there
        return owner.handle_api(method, args, token, was_json)
    spec = m.METHODS.get(method)
    if spec is None or not spec.allowed:
        return s.reject(method, args, "unknown_method", ["unknown or unsupported method"])
    rule = s.faults.refusal(method, args)
    if rule is not None:
        wait = rule.retry_after
        headers = {"Retry-After": str(wait)} if wait is not None else {}
        return s.reject(method, args, rule.error, [], rule.status, headers)
    s.caller_token = token  # functions.complete*: made with the execution's token
    answered = _apply(s, method, args, was_json, spec)
    if s.faults.drops(method, args):
        s.calls[-1].dropped = True
        return NO_REPLY, {}, {}
    return answered


def _apply(
    s: SlackStandIn, method: str, args: dict[str, Any], was_json: bool, spec: m.MethodSpec
) -> Answer:
    """Decode and check the arguments, then run the method's handler and record the call."""
    if was_json and not spec.json_ok:
        return s.reject(method, args, "invalid_arguments", ["does not accept a JSON body"])
    for key in JSON_ARGS:
        args[key], problem = decode_json_arg(args.get(key))
        if problem:
            error = FORMAT_ERRORS.get(key, "invalid_arguments")
            return s.reject(method, args, error, [f"{key}: {problem}"])
        if args[key] is None:
            del args[key]
    problems = check_required(method, args)
    if problems:
        return s.reject(method, args, "invalid_arguments", problems)
    try:
        s.check_scope(method, args)  # missing_scope, from the method reference's scopes
        body = HANDLERS[method](s, args)
    except ApiError as exc:
        return s.reject(method, args, exc.error, exc.problems, extra=exc.extra)
    s.calls.append(Call(method, args, True))
    return 200, {}, body
