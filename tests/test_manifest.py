"""manifest.yml: what dealbot relies on, and Slack's own schema and event catalog agree with it."""

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT.parent / "shared" / "slack-contract"
SCHEMA = CONTRACT / "manifest-schema" / "schemas" / "manifest.schema.1.0.0.json"
EVENTS = CONTRACT / "docs-slack-dev" / "events" / "events.json"
METHODS = CONTRACT / "docs-slack-dev" / "methods"
SKIP_REASON = (
    "../shared/slack-contract not present beside the repo: cannot validate against Slack's schema"
)

# Scopes Slack's method and event references never list, though they are real:
# `commands` comes with slash commands, `chat:write.public` widens chat:write.
NOT_IN_REFERENCE = {"commands", "chat:write.public"}


def _manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def _contract(path: Path) -> Path:
    if not path.exists():
        pytest.skip(SKIP_REASON)
    return path


def _validator() -> jsonschema.Draft7Validator:
    schema = json.loads(_contract(SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)  # its $refs are all local (#/definitions/...)


def _errors(manifest: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator().iter_errors(manifest)
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
    assert settings["org_deploy_enabled"] is False
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


def test_bot_scopes_are_exactly_what_the_features_use() -> None:
    assert sorted(_manifest()["oauth_config"]["scopes"]["bot"]) == sorted(
        [
            "commands",
            "chat:write",
            "chat:write.public",
            "channels:join",
            "channels:read",
            "groups:read",
            "im:write",
            "users:read",
            "channels:history",
            "groups:history",
            "im:history",
        ]
    )


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
