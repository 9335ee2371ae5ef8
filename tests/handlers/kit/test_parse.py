"""Reading /deal's text: subcommand, deal reference, mentions."""

import pytest

from bot.common.errors import InvalidInput
from handlers.kit.parse import (
    Parsed,
    mentions,
    only_mention,
    split,
    split_ref,
    strip_mentions,
    unescape,
)
from tests.words import refused


def test_mentions_from_escaped_command_text():
    text = "Acme 12k <@U0BOB|bob> <@U0ANN> <@U0BOB|bob>"
    assert mentions(text) == ["U0BOB", "U0ANN"]
    assert strip_mentions(text) == "Acme 12k"


def test_only_mention_is_one_mention_and_nothing_else():
    assert only_mention(" <@U0BOB|bob> ") == "U0BOB"
    assert only_mention("<@W0ANN>") == "W0ANN"
    assert only_mention("<@U0BOB> and more") is None
    assert only_mention("proposal") is None


def test_split_and_unescape():
    assert split("  MOVE 12 proposal ") == Parsed("move", "12 proposal")
    assert split("") == Parsed("", "")
    assert unescape("&lt;!channel&gt; &amp;") == "<!channel> &"


@pytest.mark.parametrize(
    ("rest", "ref", "tail"),
    [
        ("12 proposal", "12", "proposal"),
        ("#12", "#12", ""),
        ('"Acme Corp" needs confirmed', "Acme Corp", "needs confirmed"),
        ("acme   called them ", "acme", "called them"),
    ],
)
def test_split_ref(rest, ref, tail):
    assert split_ref(rest, "Try `/deal move 12 proposal`.") == (ref, tail)


def test_split_ref_says_what_is_missing_with_the_usage():
    with refused(InvalidInput, "^Which deal\\? Try `/deal move 12 proposal`\\.$"):
        split_ref("  ", "Try `/deal move 12 proposal`.")
    with refused(InvalidInput, '^Close the quoted deal name with `"`\\. Try `/deal won 12`\\.$'):
        split_ref('"Acme Corp won', "Try `/deal won 12`.")


def test_a_mention_longer_than_any_user_id_is_no_one():
    long = "<@U" + "A" * 40 + "|long>"
    assert mentions(f"{long} <@U0BOB|bob>") == ["U0BOB"] and only_mention(long) is None
