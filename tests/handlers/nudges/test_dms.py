"""The nudge DM: a line and four ways forward per quiet deal, within Slack's limits."""

from datetime import UTC, date, datetime, timedelta

from slack_sdk.models.blocks import Block

from bot.common.errors import InvalidInput
from bot.nudges.service import Nudge
from handlers.kit.ids import Action
from handlers.kit.ids import Block as BlockId
from handlers.kit.layout import MESSAGE_BLOCKS
from handlers.kit.metadata import ModalMeta
from handlers.nudges.dms import SHOWN, nudge_blocks, snooze_change
from storage.models import Deal, Stage
from tests.words import refused

NOW = datetime(2026, 1, 15, 7, tzinfo=UTC)
STAGES = [
    Stage(id=1, team_id="T", key="prospect", name="Prospect", position=1, probability=5,
          kind="open"),
    Stage(id=2, team_id="T", key="old", name="Retired <b>", position=2, probability=9,
          kind="open", active=False),
    Stage(id=3, team_id="T", key="proposal", name="Proposal", position=3, probability=50,
          kind="open"),
    Stage(id=4, team_id="T", key="lost", name="Lost", position=4, probability=0, kind="lost"),
]


def deal(number, stage=1, name="Acme", next_step=None):
    return Deal(id=number, team_id="T", number=number, name=name, value_minor=500_000,
                currency="USD", stage_id=stage, owner_id="U0ANN", created_by="U0ANN",
                next_step=next_step)


def nudge(quiet):
    return Nudge("T", "U0ANN", date(2026, 1, 15), quiet, STAGES)


def test_each_quiet_deal_has_a_line_and_four_ways_forward():
    blocks = nudge_blocks(nudge([(deal(1, next_step="call <@U0BOB>"), NOW - timedelta(days=20)),
                                 (deal(2, stage=2, name="*Beta*"), NOW - timedelta(days=30))]),
                          NOW)
    assert [Block.parse(b).to_dict() for b in blocks] == blocks
    assert blocks[0]["text"]["text"].startswith("*2 of your deals went quiet.*")
    assert blocks[1]["text"]["text"] == (
        "*#1 Acme* · $5k · Prospect · quiet for 20 days · next: call &lt;@U0BOB&gt;")
    assert "Retired &lt;b&gt; · quiet for 30 days · next: –" in blocks[3]["text"]["text"]
    actions = [e["action_id"] for e in blocks[2]["elements"]]
    assert actions == [Action.next_step, Action.snooze, Action.stage_select, Action.lost]
    menu = blocks[2]["elements"][2]
    assert [o["text"]["text"] for o in menu["options"]] == ["Proposal"]  # active, open, others


def test_many_quiet_deals_are_counted_beyond_the_shown_ones():
    quiet = [(deal(i), NOW - timedelta(days=20)) for i in range(1, SHOWN + 8)]
    blocks = nudge_blocks(nudge(quiet), NOW)
    assert len(blocks) == 1 + 2 * SHOWN + 1 <= MESSAGE_BLOCKS
    assert blocks[-1]["elements"][0]["text"] == "And 7 more: `/deal list mine`."


def test_a_snooze_without_a_day_is_refused_in_words():
    meta = ModalMeta(deal=1)
    with refused(InvalidInput, "Pick the day the deal should come back."):
        snooze_change("T", "U0ANN", meta, {BlockId.snooze_until: "", BlockId.snooze_reason: "x"})
