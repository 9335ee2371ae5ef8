"""Generic modal pieces: Slack's limits, optional fields and hints."""

from slack_sdk.models.views import View

from handlers.kit.metadata import ModalMeta
from handlers.kit.modals import field_block, modal, option, text_input


def test_a_modal_with_every_kind_of_field_is_a_valid_view():
    blocks = [
        text_input("b1", "a1", "Name", placeholder="Acme", max_length=150, hint="Its name"),
        text_input("b2", "a2", "Details", optional=True, multiline=True),
        field_block(
            "b3",
            "Reason",
            {"type": "static_select", "action_id": "a3", "options": [option("x" * 90, "x")]},
        ),
    ]
    v = modal("cb", "A title longer than Slack allows", "Save", ModalMeta(deal=12), blocks)
    assert View(**v).to_dict() == v
    assert v["title"]["text"] == "A title longer than Slack"[:24]
    assert len(blocks[2]["element"]["options"][0]["text"]["text"]) == 75
    assert (blocks[0]["optional"], blocks[1]["optional"]) == (False, True)
    assert blocks[0]["hint"]["text"] == "Its name" and "hint" not in blocks[1]
    assert ModalMeta.load(v["private_metadata"]).deal == 12
