"""Settings are checked once at start; a bad one stops the start with one clear line."""

import re

import pytest

from bot.cli import main
from bot.settings import SettingsError, load

GOOD = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s"}


def test_defaults():
    s = load("serve", dict(GOOD))
    assert s.api_url == "https://slack.com/api/"
    assert s.database_url == "sqlite:///dealbot.db"
    assert "xoxb" not in repr(s)


def test_api_url_gets_its_trailing_slash():
    assert load("serve", {**GOOD, "SLACK_API_URL": "http://127.0.0.1:9/api"}).api_url.endswith("/")


@pytest.mark.parametrize(
    ("mode", "missing"),
    [("run", "SLACK_APP_TOKEN"), ("run", "SLACK_BOT_TOKEN"), ("serve", "SLACK_SIGNING_SECRET")],
)
def test_missing_token_for_the_mode_is_named(mode, missing):
    env = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(SettingsError, match=f"^{missing} is not set: `dealbot {mode}` needs it"):
        load(mode, env)


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [("SLACK_BOT_TOKEN", "xapp-oops", "should start with 'xoxb-'"),
     ("LOG_LEVEL", "LOUD", "is not a log level"),
     ("DATABASE_URL", "mysql://x", "DATABASE_URL must be"),
     ("SLACK_API_URL", "slack.com", "is not an http(s) URL")],
)
def test_bad_values_are_refused(name, value, says):
    with pytest.raises(SettingsError, match=re.escape(says)):
        load("serve", {**GOOD, name: value})


def test_cli_start_without_tokens_prints_one_line_and_exits_2(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in GOOD:
        monkeypatch.delenv(name, raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "dealbot: SLACK_BOT_TOKEN is not set: `dealbot run` needs it (see .env.example)."


def test_cli_db_upgrade_creates_the_schema(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert main(["db", "upgrade"]) == 0
    assert "database upgraded from revision none to " in capsys.readouterr().out
    assert (tmp_path / "x.db").exists()


OAUTH = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "c-secret",
         "SLACK_STATE_SECRET": "st", "SLACK_SIGNING_SECRET": "s"}


def test_oauth_distribution_serves_without_a_bot_token():
    s = load("serve", dict(OAUTH))
    assert s.oauth and s.bot_token is None and (s.client_id, s.state_secret) == ("1.2", "st")
    assert "c-secret" not in repr(s)
    assert not load("serve", dict(GOOD)).oauth


def test_a_missing_oauth_setting_is_named_and_both_modes_at_once_refused():
    with pytest.raises(SettingsError, match=r"^SLACK_STATE_SECRET is not set: installing"):
        load("serve", {k: v for k, v in OAUTH.items() if k != "SLACK_STATE_SECRET"})
    with pytest.raises(SettingsError, match="not both"):
        load("serve", {**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(SettingsError, match="or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and"):
        load("serve", {"SLACK_SIGNING_SECRET": "s"})
