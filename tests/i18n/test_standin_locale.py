"""The stand-in answers users.info's `locale` as Slack does: only when asked for it."""

from slack_sdk import WebClient

from bot.local.standin import SlackStandIn


def test_users_info_gives_a_locale_only_with_include_locale_and_as_set():
    with SlackStandIn() as standin:
        client = WebClient(token="xoxb-local-stand-in", base_url=standin.api_url)
        assert "locale" not in client.users_info(user="U0ANN")["user"]
        assert client.users_info(user="U0ANN", include_locale=True)["user"]["locale"] == "en-US"
        standin.users["U0ANN"]["locale"] = "ro-RO"
        assert client.users_info(user="U0ANN", include_locale=True)["user"]["locale"] == "ro-RO"
        assert standin.contract_failures == []
