"""The stand-in installs apps as slack.com does, never more kindly: the authorize page,
oauth.v2.access and its refusals, tokens that belong to one workspace each."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.standin import SlackStandIn
from bot.local.standin.workspaces import visit

CLIENT_ID, SECRET, REDIRECT = "4242.1717", "s3cret", "https://app.example/slack/oauth_redirect"


@pytest.fixture
def slack(standin: SlackStandIn) -> SlackStandIn:
    standin.directory.register_app(CLIENT_ID, SECRET, [REDIRECT])
    standin.add_workspace(team_id="T0SECOND", team_name="Second Co")
    return standin


def code_for(slack: SlackStandIn, team: str = "T0DEMO", scope: str = "chat:write,commands",
             **extra: str) -> str:
    """Sign in to `team`, open the authorize page, and take the code from the redirect."""
    query = urlencode({"client_id": CLIENT_ID, "scope": scope, "state": "st", **extra})
    page = visit(f"{slack.base_url}/oauth/v2/authorize?{query}",
                 {"d": slack.directory.sign_in(team, "U0ANN")})
    assert page.status == 302 and page.location.startswith(REDIRECT)
    got = parse_qs(urlsplit(page.location).query)
    assert got["state"] == ["st"]
    return got["code"][0]


def exchange(slack: SlackStandIn, code: str, secret: str = SECRET, client_id: str = CLIENT_ID,
             **kw: str):
    return WebClient(base_url=slack.api_url).oauth_v2_access(
        client_id=client_id, client_secret=secret, code=code, **kw)


def test_a_code_buys_a_token_of_that_workspace_with_the_scopes_asked_for(slack):
    answer = exchange(slack, code_for(slack, "T0SECOND"))
    assert answer["team"] == {"id": "T0SECOND", "name": "Second Co"}
    assert answer["scope"] == "chat:write,commands" and answer["token_type"] == "bot"
    who = WebClient(token=answer["access_token"], base_url=slack.api_url).auth_test()
    assert who["team_id"] == "T0SECOND" and who["user_id"] == answer["bot_user_id"]
    second = slack.directory.workspaces["T0SECOND"]
    assert second.scopes == {"chat:write", "commands"}
    assert [c.method for c in second.calls] == ["auth.test"] and slack.call_count("auth.test") == 0
    assert "client_secret" not in str(slack.calls)


@pytest.mark.parametrize(("change", "error"), [
    ({"secret": "wrong"}, "bad_client_secret"),
    ({"client_id": "9999.0000"}, "invalid_client_id"),
])
def test_bad_credentials_are_refused(slack, change, error):
    with pytest.raises(SlackApiError) as refused:
        exchange(slack, code_for(slack), **change)
    assert refused.value.response["error"] == error


def test_the_exchange_must_repeat_the_redirect_uri_the_authorize_url_gave(slack):
    with pytest.raises(SlackApiError) as refused:
        exchange(slack, code_for(slack, redirect_uri=REDIRECT), redirect_uri=REDIRECT + "/x")
    assert refused.value.response["error"] == "bad_redirect_uri"


def test_a_code_works_once_and_a_made_up_one_never(slack):
    code = code_for(slack)
    exchange(slack, code)
    for bad in (code, "made-up"):
        with pytest.raises(SlackApiError) as refused:
            exchange(slack, bad)
        assert refused.value.response["error"] == "invalid_code"


def test_the_authorize_page_refuses_what_slack_refuses(slack):
    session = {"d": slack.directory.sign_in("T0DEMO", "U0ANN")}
    base = f"{slack.base_url}/oauth/v2/authorize?"
    assert visit(base + urlencode({"client_id": CLIENT_ID, "scope": "commands"})).status == 401
    for query, error in (({"client_id": "nope", "scope": "commands"}, "invalid_client_id"),
                         ({"client_id": CLIENT_ID, "scope": ""}, "invalid_scope"),
                         ({"client_id": CLIENT_ID, "scope": "commands",
                           "redirect_uri": "https://evil.example/"}, "bad_redirect_uri")):
        page = visit(base + urlencode(query), session)
        assert page.status == 400 and error in page.body


def test_tokens_are_their_workspaces_and_die_when_revoked(slack):
    token = exchange(slack, code_for(slack, "T0SECOND"))["access_token"]
    client = WebClient(token=token, base_url=slack.api_url)
    client.chat_postMessage(channel="C0SALES", text="hello second")
    second = slack.directory.workspaces["T0SECOND"]
    assert [m.text for m in second.messages("C0SALES")] == ["hello second"]
    assert slack.messages("C0SALES") == []
    slack.directory.revoke("T0SECOND")
    with pytest.raises(SlackApiError) as revoked:
        client.auth_test()
    assert revoked.value.response["error"] == "token_revoked"
    with pytest.raises(SlackApiError) as unknown:
        WebClient(token="xoxb-never-issued", base_url=slack.api_url).auth_test()
    assert unknown.value.response["error"] == "invalid_auth"
    slack.contract_failures.clear()  # the made-up token is recorded as the app's mistake


def test_rotating_tokens_refresh_with_the_refresh_token(standin):
    standin.directory.register_app(CLIENT_ID, SECRET, [REDIRECT], token_rotation=True,
                                   token_lifetime_s=60)
    first = exchange(standin, code_for(standin))
    assert first["expires_in"] == 60 and first["access_token"].startswith("xoxe.xoxb-")
    standin.directory.expire("T0DEMO")
    with pytest.raises(SlackApiError) as expired:
        WebClient(token=first["access_token"], base_url=standin.api_url).auth_test()
    assert expired.value.response["error"] == "token_expired"
    fresh = WebClient(base_url=standin.api_url).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=SECRET, grant_type="refresh_token",
        refresh_token=first["refresh_token"])
    assert WebClient(token=fresh["access_token"], base_url=standin.api_url).auth_test()["ok"]
    with pytest.raises(SlackApiError) as bad:
        WebClient(base_url=standin.api_url).oauth_v2_access(
            client_id=CLIENT_ID, client_secret=SECRET, grant_type="refresh_token",
            refresh_token="xoxe-1-made-up")
    assert bad.value.response["error"] == "invalid_refresh_token"


def test_api_test_needs_no_token(standin):
    assert WebClient(base_url=standin.api_url).api_test()["ok"]
    assert standin.contract_failures == []
