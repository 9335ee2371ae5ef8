"""manifest.yml: what dealbot relies on, and Slack's own schema and event catalog agree with it."""

import ast
import copy
import functools
import inspect
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from slack_sdk import WebClient

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT.parent / "shared" / "slack-contract"
SCHEMAS = CONTRACT / "manifest-schema" / "schemas"
SCHEMA = SCHEMAS / "manifest.schema.2.0.0.json"  # manifest.yml's `_metadata.major_version`
EVENTS = CONTRACT / "docs-slack-dev" / "events" / "events.json"
METHODS = CONTRACT / "docs-slack-dev" / "methods"
SKIP_REASON = (
    "../shared/slack-contract not present beside the repo: cannot validate against Slack's schema"
)

# A scope Slack's method and event references never list, though it is real:
# `commands` comes with slash commands.
NOT_IN_REFERENCE = {"commands"}


def _manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def _contract(path: Path) -> Path:
    if not path.exists():
        pytest.skip(SKIP_REASON)
    return path


def _schema_for(manifest: dict) -> Path:
    """The schema Slack's dispatcher (manifest-schema/manifest.schema.json) picks for a
    manifest: by `_metadata.major_version`, 1 when it is absent."""
    major = (manifest.get("_metadata") or {}).get("major_version", 1)
    return SCHEMAS / f"manifest.schema.{major}.0.0.json"


def _validator(manifest: dict) -> jsonschema.Draft7Validator:
    schema = json.loads(_contract(_schema_for(manifest)).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)  # its $refs are all local (#/definitions/...)


def _errors(manifest: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(manifest).iter_errors(manifest)
    ]


def test_deal_command_escapes_mentions() -> None:
    commands = {c["command"]: c for c in _manifest()["features"]["slash_commands"]}
    assert list(commands) == ["/deal"]
    deal = commands["/deal"]
    assert deal["should_escape"] is True
    assert deal["url"] == "https://example.com/slack/events"
    assert "new Acme Corp 12k" in deal["usage_hint"]


def test_socket_mode_and_app_home() -> None:
    manifest = _manifest()
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["token_rotation_enabled"] is False
    assert settings["org_deploy_enabled"] is True  # Slack requires it for Workflow Builder steps
    assert settings["function_runtime"] == "remote"  # the steps run in dealbot (app.function)
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["bot_user"] == {"display_name": "dealbot", "always_online": True}


def test_every_request_url_points_at_slack_events() -> None:
    manifest = _manifest()
    urls = [
        manifest["settings"]["interactivity"]["request_url"],
        manifest["settings"]["event_subscriptions"]["request_url"],
        *(c["url"] for c in manifest["features"]["slash_commands"]),
    ]
    assert all(url.endswith("/slack/events") for url in urls), urls


def test_shortcuts_are_the_ones_the_code_listens_for() -> None:
    from handlers.kit.ids import Shortcut

    declared = {s["callback_id"]: s["type"] for s in _manifest()["features"]["shortcuts"]}
    assert declared == {
        Shortcut.lead_from_message: "message",
        Shortcut.add_to_deal: "message",
        Shortcut.new_lead: "global",
    }
    registered = {
        node.args[0].attr
        for node in _calls_to("shortcut")
        if node.args and isinstance(node.args[0], ast.Attribute)
    }
    assert {Shortcut(Shortcut[name]) for name in registered} == set(declared)
    # Slack asks for an external_select's options at this URL in HTTP mode.
    options_url = _manifest()["settings"]["interactivity"]["message_menu_options_url"]
    assert options_url.endswith("/slack/events")


# The conversations dealbot works in: public and private channels it is a member of, and
# its own DMs. It is never in a group DM (nobody can add it to one; Slack hides those from
# it, so `conversations.info` answers channel_not_found there), so no mpim:* scope.
WORKS_IN = ("channels", "groups", "im")
# Where a method's scope depends on the conversation, the kinds dealbot calls it for:
# it opens DMs with one person only (`conversations.open(users=...)`, never a group DM).
CALLED_FOR = {"conversations.open": ("im",)}
# A `message` listener hears one message.* event per conversation kind it works in.
EVENT_KINDS = {"message": [f"message.{kind}" for kind in WORKS_IN]}
APP_CODE = [ROOT / "handlers", ROOT / "bot", ROOT / "storage"]
NOT_APP_CODE = ROOT / "bot" / "local"  # the stand-in, demo and console play Slack itself


@functools.cache  # the code does not change during a run; parsing it all takes seconds
def _app_sources() -> tuple[ast.Module, ...]:
    files = [p for folder in APP_CODE for p in sorted(folder.rglob("*.py"))]
    app = [p for p in files if NOT_APP_CODE not in p.parents]
    return tuple(ast.parse(p.read_text(encoding="utf-8")) for p in app)


def _calls_to(method: str) -> list[ast.Call]:
    """Every call `<something>.<method>(...)` in the app's code (`app.event("...")`)."""
    return [
        node
        for tree in _app_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
    ]


@functools.cache
def _web_api_methods(name: str) -> frozenset[str]:
    """The Web API methods a WebClient method calls (`chat_postMessage` -> chat.postMessage);
    a helper such as `files_upload_v2` calls them through other WebClient methods."""
    fn = getattr(WebClient, name, None)
    if name.startswith("_") or not callable(fn):
        return frozenset()
    source = inspect.getsource(fn)
    found = re.findall(r'api_call\(\s*"([^"]+)"', source)
    if found:
        return frozenset({found[0]})
    inner = set(re.findall(r"self\.([a-z]\w*)\(", source)) - {name}
    return frozenset(method for other in inner for method in _web_api_methods(other))


def web_api_methods_called() -> set[str]:
    """Every Web API method the app's code calls through a WebClient method."""
    calls = {
        node.func.attr
        for tree in _app_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    return {m for name in calls for m in _web_api_methods(name)}


def events_listened_to() -> set[str]:
    """The Events API events the app's listeners are registered for (`app.event("...")`)."""
    names = {
        node.args[0].value
        for node in _calls_to("event")
        if node.args and isinstance(node.args[0], ast.Constant)
    }
    # `app.function(...)`: Workflow Builder steps come as function_executed
    steps = bool(_calls_to("function"))
    names |= {"function_executed"} if steps else set()
    return {e for name in names for e in EVENT_KINDS.get(name, [name])}


def _method_scopes(method: str) -> set[str]:
    path = _contract(METHODS / f"{method}.json")
    listed = (json.loads(path.read_text(encoding="utf-8")).get("scope") or {}).get("bot") or []
    if len(listed) <= 1:
        return set(listed)
    kinds = CALLED_FOR.get(method, WORKS_IN)  # one scope per conversation kind
    return {s for s in listed if s.split(":")[0] in kinds}


def derived_scopes() -> set[str]:
    """The bot scopes the code needs: its methods', its events', and `commands` for /deal."""
    catalog = {e["name"]: e for e in json.loads(_contract(EVENTS).read_text(encoding="utf-8"))}
    scopes = {"commands"} if _manifest()["features"].get("slash_commands") else set()
    for method in web_api_methods_called():
        scopes |= _method_scopes(method)
    for event in events_listened_to():
        scopes |= set(catalog[event].get("scopes", []))
    return scopes


def test_the_code_calls_the_methods_it_is_known_to_call() -> None:
    called = web_api_methods_called()
    assert {"chat.postMessage", "conversations.join", "conversations.info"} <= called
    assert {"message.channels", "message.groups", "message.im", "app_home_opened"} <= (
        events_listened_to()
    )


def test_bot_scopes_are_exactly_what_the_code_uses() -> None:
    asked = _manifest()["oauth_config"]["scopes"]["bot"]
    assert len(asked) == len(set(asked)), "a scope is listed twice"
    assert sorted(asked) == sorted(derived_scopes())


def test_bot_events_are_exactly_what_the_code_listens_to() -> None:
    subscribed = _manifest()["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(subscribed) == sorted(events_listened_to())


def test_a_scope_the_code_no_longer_needs_would_be_caught() -> None:
    assert "chat:write.public" not in derived_scopes()  # posts only where dealbot is a member
    assert not {"mpim:read", "mpim:history", "mpim:write", "channels:manage"} & derived_scopes()


def test_deal_links_derive_links_read_and_links_write() -> None:
    # link_shared needs links:read, chat.unfurl links:write (Slack's references say so).
    assert "link_shared" in events_listened_to() and "chat.unfurl" in web_api_methods_called()
    assert {"links:read", "links:write"} <= derived_scopes()
    assert _manifest()["features"]["unfurl_domains"] == ["example.com"]  # --url fills it


def test_every_bot_event_has_a_granted_scope() -> None:
    catalog = {e["name"]: e for e in json.loads(_contract(EVENTS).read_text(encoding="utf-8"))}
    manifest = _manifest()
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert events, "no bot events subscribed"
    for name in events:
        assert name in catalog, f"{name} is not an event Slack knows"
        assert "Events" in catalog[name]["APIs"], f"{name} is not delivered by the Events API"
        # Where Slack lists several scopes (one per conversation type), any one of them will do.
        needed = set(catalog[name].get("scopes", []))
        assert not needed or needed & granted, f"{name} needs one of {sorted(needed)}"


def test_every_bot_scope_is_one_slack_knows() -> None:
    events = json.loads(_contract(EVENTS).read_text(encoding="utf-8"))
    known = {s for e in events for s in e.get("scopes", [])}
    for path in _contract(METHODS).glob("*.*.json"):
        scope = json.loads(path.read_text(encoding="utf-8")).get("scope")
        if isinstance(scope, dict):
            known.update(scope.get("bot") or [])
    unknown = set(_manifest()["oauth_config"]["scopes"]["bot"]) - known - NOT_IN_REFERENCE
    assert not unknown, f"scopes no Slack method or event names: {sorted(unknown)}"


def test_manifest_validates_against_slacks_schema() -> None:
    assert _errors(_manifest()) == []


def test_background_color_matches_the_schemas_pattern() -> None:
    # The schema writes this pattern under a non-standard "regex" keyword that
    # jsonschema ignores, so it is checked here by hand.
    schema = json.loads(_contract(SCHEMA).read_text(encoding="utf-8"))
    display = schema["definitions"]["app-manifests.v1.display_information.schema"]
    pattern = display["properties"]["background_color"]["regex"]
    assert re.fullmatch(pattern, _manifest()["display_information"]["background_color"])


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda m: m["display_information"].pop("name"), "'name' is a required property"),
        (lambda m: m["features"]["slash_commands"][0].update(command="deal"), "does not match"),
        (lambda m: m["settings"].update(socket_mode=True), "Additional properties"),
        (lambda m: m["settings"]["interactivity"].update(request_url="example.com"), "match"),
    ],
)
def test_schema_catches_a_broken_manifest(breakage, expected: str) -> None:
    broken = copy.deepcopy(_manifest())
    breakage(broken)
    errors = _errors(broken)
    assert errors, "the validator accepted a broken manifest"
    assert any(expected in e for e in errors), errors
