"""The shared layout helpers: long lists are packed, not cut; plurals, clips and deal lines."""

from datetime import UTC, datetime

from handlers.kit.layout import (
    MESSAGE_BLOCKS,
    SECTION_TEXT,
    VIEW_BLOCKS,
    clip,
    deal_line,
    pack,
    plural,
    reader_day,
)


def test_pack_keeps_every_line_in_order_within_the_section_limit():
    lines = [f"line {i} " + "x" * 90 for i in range(100)]
    texts = pack(lines)
    assert len(texts) > 1 and all(len(t) <= SECTION_TEXT for t in texts)
    assert "\n".join(texts).split("\n") == lines
    assert pack([]) == []


def test_pack_fills_a_text_up_to_the_limit_and_gives_a_long_line_its_own():
    assert pack(["a" * 5, "b" * 4], limit=10) == ["aaaaa\nbbbb"]
    assert pack(["a" * 5, "b" * 5], limit=10) == ["aaaaa", "bbbbb"]
    assert pack(["a", "x" * 20, "b"], limit=10) == ["a", "x" * 20, "b"]


def test_plural_groups_thousands_and_defaults_to_deals():
    assert (plural(1), plural(3), plural(0, "day")) == ("1 deal", "3 deals", "0 days")
    assert plural(2_000, "open deal") == "2,000 open deals"


def test_clip_keeps_short_text_and_marks_a_cut():
    assert clip("Acme", 4) == "Acme"
    assert clip("Acme Corp", 5) == "Acme…"


def test_deal_line_leaves_out_empty_facts():
    assert deal_line("#1 Acme", "$12k", None, "", "<@U1>") == "#1 Acme · $12k · <@U1>"
    assert deal_line("#1 Acme") == "#1 Acme"


def test_reader_day_is_a_slack_date_with_a_plain_fallback():
    at = datetime(2026, 3, 2, 12, tzinfo=UTC)
    assert reader_day(at) == f"<!date^{int(at.timestamp())}^{{date_short_pretty}}|2026-03-02>"


def test_message_and_view_limits_are_slacks():
    assert (MESSAGE_BLOCKS, VIEW_BLOCKS, SECTION_TEXT) == (50, 100, 3000)
