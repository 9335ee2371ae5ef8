"""Whether dealbot can post where a command was typed, asked of the stand-in of Slack."""

from slack_sdk import WebClient

from bot.local.standin import SlackStandIn
from handlers.kit.channels import not_here, refusal
from handlers.kit.context import Ctx


def ask(standin: SlackStandIn, channel: str) -> str | None:
    client = WebClient(token="xoxb-test", base_url=standin.api_url)
    ctx = Ctx(team_id="T0DEMO", user_id="U0ANN", channel_id=channel, client=client,
              tell=lambda text: None)
    return not_here(ctx, nothing="nothing was created")


def test_a_private_channel_dealbot_is_not_in_is_refused_with_how_to_invite(database):
    with SlackStandIn() as standin:
        said = ask(standin, "G0PRIV")
        assert said == (
            "I'm not in this private channel, so I can't post here and nothing was created. "
            "Invite me with `/invite @dealbot`, then run the command again."
        )
        standin.invite("G0PRIV")
        assert ask(standin, "G0PRIV") is None


def test_a_public_channel_is_joined_and_a_member_channel_is_fine(database):
    with SlackStandIn() as standin:
        assert ask(standin, "C0RANDOM") is None
        assert "UDEALBOT" in standin.channels["C0RANDOM"]["members"]
        assert ask(standin, "C0SALES") is None
        assert standin.call_count("conversations.join") == 1


def test_a_dm_without_dealbot_is_refused_and_its_own_dm_is_fine(database):
    with SlackStandIn() as standin:
        assert "I'm not part of this DM" in ask(standin, "D0NOBODY")
        assert ask(standin, standin.open_dm(["U0ANN"])) is None


def test_when_slack_cannot_answer_the_command_goes_on(database):
    with SlackStandIn() as standin:
        standin.fail_next("conversations.info", "ratelimited", status=429, retry_after=30)
        assert ask(standin, "G0PRIV") is None  # posting will say what Slack says


def test_the_words_follow_the_kind_of_conversation_slack_names():
    assert "`/invite @dealbot`" in refusal("C0SECRET", "secret-plans")
    assert "`/invite @dealbot`" in refusal("G0SECRET", "privategroup")
    assert refusal("D0BOB", "directmessage").startswith("I'm not part of this DM")
    assert refusal("C0GROUP", "mpdm-ann--bob-1").startswith("I'm not part of this group DM")
