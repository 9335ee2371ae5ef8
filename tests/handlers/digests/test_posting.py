"""Posting digests: paced per channel, a notification text Slack accepts, the blocks attached."""

from datetime import UTC, datetime

from bot.digests.digest import Digest, Filters
from handlers.digests.posting import ChannelPacer, notification, post


def test_pacer_spaces_posts_in_one_channel_by_a_second_and_not_across_channels():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    pacer = ChannelPacer(sleep=sleep, clock=lambda: now[0])
    pacer.wait("C1")
    pacer.wait("C2")
    now[0] += 0.25
    pacer.wait("C1")
    assert slept == [0.75]
    now[0] += 5
    pacer.wait("C1")
    assert slept == [0.75]


def test_notification_is_cut_at_a_line_break_so_no_mention_is_split():
    assert notification("short") == "short"
    mentions = "<@U0ANN> " * 10
    text = "head\n" + mentions + "\n" + "x" * 50
    assert notification(text, limit=100) == "head\n" + mentions.rstrip()
    assert notification(text, limit=80) == "head"
    assert notification("x" * 100, limit=10) == "x" * 10  # one long line: its first characters


class Client:
    def __init__(self):
        self.calls = []

    def chat_postMessage(self, **kw):
        self.calls.append(kw)
        return {"ts": "1700000000.000100"}


def test_post_sends_text_and_blocks_with_the_late_note_and_returns_the_ts():
    now = datetime(2026, 1, 15, 7, tzinfo=UTC)
    d = Digest("T0TEST", now, now, Filters(), "USD")
    client = Client()
    assert post(client, "C0POST", d, "Late: sorry") == "1700000000.000100"
    [call] = client.calls
    assert call["channel"] == "C0POST" and call["text"].startswith("Pipeline digest")
    assert call["blocks"][1] == {"type": "context",
                                 "elements": [{"type": "mrkdwn", "text": "⏰ Late: sorry"}]}
