"""/deal digest: routing and the replies that need no Slack call (the rest runs end to end)."""

from bot.common.errors import InvalidInput
from handlers.digests.command import USAGE, digest_command, filters_words
from handlers.kit.context import Ctx
from storage.models import DigestSubscription
from tests.words import refused


def ctx(channel="C0SALES"):
    return Ctx(team_id="T0TEST", user_id="U0ANN", channel_id=channel, client=None,
               tell=lambda text: None)


def test_outside_a_channel_it_says_where_to_run_it():
    reply = digest_command(ctx(channel=None), "daily 09:00")
    assert reply.text == "Run `/deal digest` in the channel that should get the digest."


def test_an_unknown_word_is_named_escaped_with_the_usage():
    reply = digest_command(ctx(), "<!here> now")
    assert reply.text == f"I don't know `/deal digest &lt;!here&gt;`. {USAGE}"


def test_weekly_needs_a_day_and_a_time():
    assert digest_command(ctx(), "weekly").text == f"Which day? {USAGE}"
    assert digest_command(ctx(), "weekly mon").text == f"At what time? {USAGE}"


def test_a_bad_time_is_refused_in_words():
    with refused(InvalidInput, "`9am` is not a time of day"):
        digest_command(ctx(), "daily 9am")


def test_now_acknowledges_at_once_and_posts_after():
    reply = digest_command(ctx(), "now")
    assert reply.text == "Posting the digest here now." and callable(reply.after)


def test_filters_in_words():
    sub = DigestSubscription(team_id="T", channel_id="C", cadence="daily", at_time="09:00",
                             tz="UTC", created_by="U0ANN", owner_filter="U0BOB",
                             stage_filter="proposal", min_value_minor=2_000_000)
    assert filters_words(sub, "USD") == [
        "owned by <@U0BOB>", "at stage `proposal`", "worth at least $20,000"]
