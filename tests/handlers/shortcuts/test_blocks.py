"""Block Kit of the shortcuts, checked with slack_sdk's models (handlers/shortcuts/blocks.py)."""

from slack_sdk.models.views import View

from handlers.deals.modals import new_lead_modal
from handlers.kit.ids import Block, Shortcut
from handlers.kit.metadata import MessageOrigin, ModalMeta
from handlers.shortcuts import blocks
from storage.models import Deal, Stage

ORIGIN = MessageOrigin(channel="C0IN", thread="1700000000.000100", link="https://x.slack.com/a")


def deal(name: str = "Acme Corp", number: int = 12) -> Deal:
    return Deal(team_id="T", number=number, name=name, stage_id=1, owner_id="U0ANN", created_by="U")


def test_the_add_form_has_an_external_select_searched_from_one_character() -> None:
    view = blocks.add_modal(ModalMeta(origin=ORIGIN), "Acme wants <!channel> a demo")
    View(**view).to_dict()
    picker = view["blocks"][1]["element"]
    assert picker["type"] == "external_select" and picker["min_query_length"] == 1
    assert picker["action_id"] == Shortcut.deal_input
    assert "<!channel>" not in view["blocks"][0]["text"]["text"]


def test_an_option_fits_slacks_75_characters() -> None:
    stage = Stage(team_id="T", key="p", name="Proposal received", position=1, probability=50)
    option = blocks.deal_option(deal("A" * 200), stage)
    assert len(option["text"]["text"]) <= 75 and option["value"] == "12"
    assert option["text"]["text"].endswith("· Proposal received")
    many = blocks.options([(deal(number=n), stage) for n in range(1, 300)])
    assert len(many) == 100


def test_the_added_page_offers_to_tag_the_people_mentioned() -> None:
    view = blocks.added_view(deal(), ["U0BOB", "U0CAT"])
    View(**view).to_dict()
    button = view["blocks"][2]["elements"][0]
    assert button["value"] == "12:U0BOB,U0CAT" and button["action_id"] == Shortcut.tag_mentioned
    assert len(blocks.added_view(deal(), [])["blocks"]) == 1


def test_the_new_lead_form_prefilled_with_a_channel_picker() -> None:
    view = new_lead_modal(
        ModalMeta(origin=ORIGIN),
        owner="U0ANN",
        prefill={Block.name: "N" * 400, Block.company: "Nordlys Oy", Block.value: "$12,000"},
        intro="From a message",
        pick_channel=True,
    )
    View(**view).to_dict()
    by_id = {b.get("block_id"): b for b in view["blocks"]}
    assert len(by_id[Block.name]["element"]["initial_value"]) == 150
    assert by_id[Block.company]["element"]["initial_value"] == "Nordlys Oy"
    assert by_id[Shortcut.card_channel]["element"]["type"] == "conversations_select"
    assert by_id[Shortcut.card_channel]["optional"] is False
    assert ModalMeta.load(view["private_metadata"]).origin == ORIGIN
