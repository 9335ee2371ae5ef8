"""Generic message pieces: Slack's limits are kept."""

from slack_sdk.models.blocks import Block

from handlers.kit.blocks import SECTION_TEXT, button, context, help_blocks, text


def test_pieces_are_cut_to_slack_limits_and_accepted_by_slack_models():
    long = "y" * (SECTION_TEXT + 10)
    for b in (text(long), context(long)):
        assert Block.parse(b).to_dict() == b
    assert len(text(long)["text"]["text"]) == SECTION_TEXT
    b = button("z" * 100, "act", "1", "danger")
    assert len(b["text"]["text"]) == 75 and b["style"] == "danger"


def test_help_has_the_hint_on_top_when_there_is_one():
    assert help_blocks("*help*") == [text("*help*")]
    hint = "I don't know that."
    assert help_blocks("*help*", hint) == [text(hint), text("*help*")]
