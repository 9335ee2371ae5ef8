"""OAuth distribution's pieces: signed single-use states, the authorize URL beside the Web
API, and a team without an installation getting no token."""

import pytest

from bot.runtime import oauth
from storage import db


@pytest.fixture
def states(database):
    return oauth.SignedStates("state-secret", db.engine())


def test_a_state_is_signed_and_works_once(states):
    state = states.issue()
    value, _, signature = state.rpartition(".")
    assert value and len(signature) == 32
    assert states.consume(state)
    assert not states.consume(state)  # used


def test_a_state_not_signed_with_our_secret_is_refused(states):
    value = states.issue().rpartition(".")[0]
    assert not states.consume(value)
    assert not states.consume(value + ".0123456789abcdef0123456789abcdef")
    assert not oauth.SignedStates("another-secret", db.engine()).consume(states.issue())
    assert not states.consume("")


def test_the_authorize_page_is_beside_the_web_api():
    assert oauth.authorize_url("https://slack.com/api/") == "https://slack.com/oauth/v2/authorize"
    assert oauth.authorize_url("https://slack-gov.com/api/") == (
        "https://slack-gov.com/oauth/v2/authorize")
    assert oauth.authorize_url("http://127.0.0.1:9/api/") == "http://127.0.0.1:9/oauth/v2/authorize"


def test_a_team_without_an_installation_gets_no_token(database):
    settings = oauth.oauth_settings(
        client_id="1.2", client_secret="s", state_secret="t", api_url="http://127.0.0.1:9/api/",
        engine=db.engine(), scopes=["commands"])
    tokens = oauth.TeamTokens(settings, "http://127.0.0.1:9/api/")
    assert not tokens.installed("T0NONE")
    with pytest.raises(oauth.NotInstalled):
        tokens("T0NONE")
