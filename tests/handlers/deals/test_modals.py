"""The deal forms: valid views that carry where they were opened."""

from slack_sdk.models.views import View

from handlers.deals.modals import (
    contact_modal,
    lost_modal,
    new_lead_modal,
    next_step_modal,
    note_modal,
    snooze_modal,
    tag_modal,
)
from handlers.kit.metadata import ModalMeta


def test_new_lead_modal_is_a_valid_view():
    v = new_lead_modal(ModalMeta(channel="C1"), owner="U0ANN")
    assert View(**v).to_dict() == v
    assert ModalMeta.load(v["private_metadata"]).channel == "C1"


def test_every_deal_form_is_a_valid_view_about_its_deal():
    meta = ModalMeta(channel="C1", deal=12, stage=3)
    for build in (lost_modal, note_modal, tag_modal, contact_modal, next_step_modal, snooze_modal):
        v = build(meta, "#12 Acme")
        assert View(**v).to_dict() == v, build.__name__
        assert "#12 Acme" in v["blocks"][0]["text"]["text"]
        assert ModalMeta.load(v["private_metadata"]) == meta
