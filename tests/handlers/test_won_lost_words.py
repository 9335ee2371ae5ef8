"""Won and Lost are one word per language: the card's buttons, the digest's and the report's
headers and the closed stages' names say the same thing, so a seller who presses "Hävitty"
finds the deal under "Hävitty" in the digest and the stage list."""

import pytest

from bot.i18n import speaking
from bot.pipeline.templates import local_name
from handlers.deals.card import card_actions
from handlers.digests.blocks import digest_blocks
from tests.handlers.deals.test_card import view
from tests.handlers.digests.test_blocks import sample, texts


@pytest.mark.parametrize("lang", ["fi", "fr", "ro"])
def test_won_and_lost_read_the_same_on_the_card_the_digest_and_the_stage(lang):
    with speaking(lang):
        won, lost = local_name("Won"), local_name("Lost")
        buttons = [
            e["text"]["text"] for e in card_actions(view())["elements"] if e.get("type") == "button"
        ]
        said = "\n".join(texts(digest_blocks(sample())))
    assert won != "Won" and lost != "Lost" and won != lost
    assert won in buttons and lost in buttons
    colon = "\u00a0:" if lang == "fr" else ":"  # French spaces its colons (no-break)
    assert f"*{won}{colon}*" in said and f"*{lost}{colon}*" in said
    assert "Won" not in buttons and "Lost" not in buttons
