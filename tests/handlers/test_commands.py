"""The /deal router: help, an unknown subcommand, and a refusal, each as an ephemeral answer."""

import re
from pathlib import Path

from slack_bolt import BoltContext

from bot.common.errors import InvalidInput
from handlers import commands
from handlers.kit.blocks import text


class Ack:
    """Records what the command was acknowledged with."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def __call__(self, **kw) -> None:
        self.calls.append(kw)


def run(text_typed: str) -> dict:
    ack = Ack()
    command = {"team_id": "T0TEST", "user_id": "U0ANN", "channel_id": "C1", "text": text_typed}
    context = BoltContext(team_id="T0TEST")
    commands.on_deal(ack, command, client=None, respond=lambda **kw: None, context=context)
    [answer] = ack.calls
    return answer


def test_no_words_or_help_is_the_help():
    for typed in ("", "help", "  HELP "):
        answer = run(typed)
        assert answer["response_type"] == "ephemeral"
        shown = [b["text"]["text"] for b in answer["blocks"]]
        assert "\n".join(shown) == commands.HELP  # all of it, none cut at Slack's limit
        assert all(len(t) <= 3000 and t.startswith("*") for t in shown[1:])  # topics whole


def test_an_unknown_subcommand_says_so_above_the_help_without_pinging():
    answer = run("<!channel> now")
    assert answer["text"] == "I don't know `/deal &lt;!channel&gt;`. Here is what I can do:"
    assert answer["blocks"][1:] == [text(commands.HELP)]


def test_a_refusal_is_told_in_the_user_s_words(monkeypatch):
    def refuse(ctx, rest):
        raise InvalidInput("deal_missing")

    monkeypatch.setitem(commands.SUBCOMMANDS, "show", refuse)
    answer = run("show")
    assert answer["text"].startswith("Which deal? Give its number")


def test_every_subcommand_of_the_help_is_routed():
    for sub in ("new", "list", "show", "move", "won", "lost", "reopen", "note", "set", "tag",
                "contact", "account", "notify", "qualify", "qualify-rule", "stages"):
        assert f"/deal {sub}" in commands.HELP or f"`{sub}" in commands.HELP, sub
        assert sub in commands.SUBCOMMANDS


def test_every_routed_subcommand_has_an_example_in_the_help_and_a_row_in_the_readme():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    for sub in (s for s in commands.SUBCOMMANDS if s):
        example = re.compile(rf"`/deal {re.escape(sub)}(`| [^`]+`)")
        assert example.search(commands.HELP), f"/deal {sub} has no example in the help"
        assert re.search(rf"^\|[^|]*`/deal {re.escape(sub)}[ `]", readme, re.M), \
            f"/deal {sub} has no row in README's /deal table"
