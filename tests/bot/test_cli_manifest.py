"""dealbot manifest [--url https://host]: the app manifest, for HTTP mode on that host."""

import yaml

from bot import manifest
from bot.cli import main
from bot.runtime.oauth import REDIRECT_PATH
from tests.test_manifest import _errors


def test_manifest_with_url_puts_every_url_on_the_host_and_validates(capsys):
    assert main(["manifest", "--url", "https://example.org"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    assert _errors(printed) == []
    events = "https://example.org/slack/events"
    assert [c["url"] for c in printed["features"]["slash_commands"]] == [events]
    assert printed["settings"]["interactivity"]["request_url"] == events
    assert printed["settings"]["event_subscriptions"]["request_url"] == events
    assert printed["oauth_config"]["redirect_urls"] == ["https://example.org/slack/oauth_redirect"]
    assert printed["oauth_config"]["redirect_urls"] == ["https://example.org" + REDIRECT_PATH]
    assert printed["settings"]["socket_mode_enabled"] is False
    assert printed["features"]["unfurl_domains"] == ["example.org"]
    # Everything else is the manifest as shipped.
    shipped = manifest.load()
    assert printed["oauth_config"]["scopes"] == shipped["oauth_config"]["scopes"]
    assert printed["display_information"] == shipped["display_information"]
    assert (
        printed["settings"]["event_subscriptions"]["bot_events"]
        == shipped["settings"]["event_subscriptions"]["bot_events"]
    )


def test_a_port_and_a_path_prefix_are_kept_in_urls_not_in_the_unfurl_domain(capsys):
    assert main(["manifest", "--url", "https://Bots.Example.org:8443/dealbot/"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    assert _errors(printed) == []
    assert printed["settings"]["event_subscriptions"]["request_url"] == (
        "https://bots.example.org:8443/dealbot/slack/events"
    )
    assert printed["features"]["unfurl_domains"] == ["bots.example.org"]


def test_without_url_it_prints_the_file_as_is(capsys):
    assert main(["manifest"]) == 0
    assert capsys.readouterr().out == manifest.path().read_text(encoding="utf-8")


def test_a_url_slack_cannot_call_is_one_line(capsys):
    assert main(["manifest", "--url", "http://example.org"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        "dealbot: --url 'http://example.org' is not an https:// URL; Slack only calls https.\n"
    )


def test_env_example_prints_the_settings_file(capsys):
    assert main(["env-example"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# dealbot settings.")
    assert "SLACK_BOT_TOKEN=" in out


def test_the_package_carries_the_manifest_and_the_settings_file():
    # bot/manifest.yml and bot/env.example are what the wheel ships (package data); in the
    # repository they are symlinks to the root copies, so the two never drift apart.
    import tomllib
    from pathlib import Path

    import bot

    here, root = Path(bot.__file__).parent, Path(bot.__file__).parents[1]
    assert (here / "manifest.yml").read_bytes() == (root / "manifest.yml").read_bytes()
    assert (here / "env.example").read_bytes() == (root / ".env.example").read_bytes()
    with (root / "pyproject.toml").open("rb") as f:
        data = tomllib.load(f)["tool"]["setuptools"]["package-data"]["bot"]
    assert {"manifest.yml", "env.example"} <= set(data)
