"""GET /healthz on the HTTP server as `dealbot serve` runs it."""

from tests.bot.runtime.test_health import _get


def test_healthz_is_200_when_database_and_slack_answer(slack):
    assert _get(slack.url + "/healthz") == (200, {"ok": True, "database": "up", "slack": "up"})


def test_healthz_is_503_when_slack_refuses_the_token(slack):
    slack.standin.fail_next("auth.test", "account_inactive")
    assert _get(slack.url + "/healthz") == (
        503,
        {"ok": False, "database": "up", "slack": "account_inactive"},
    )
