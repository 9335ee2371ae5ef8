"""Cards, lists, forms, history lines and refusals in Finnish, French and Romanian: translated,
with each language's plural forms, and still within Slack's limits."""

from datetime import date, timedelta

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.accounts.service import check_role
from bot.common.errors import InvalidInput
from bot.deals.edits import parse_source
from bot.deals.listing import Page
from bot.followups.service import NURTURE_WHAT, Due
from bot.i18n import speaking
from handlers.commands import HELP
from handlers.deals.blocks import list_blocks
from handlers.deals.card import deal_card
from handlers.deals.modals import (
    contact_modal,
    lost_modal,
    new_lead_modal,
    next_step_modal,
    note_modal,
    snooze_modal,
    tag_modal,
)
from handlers.followups.dms import reminder_blocks, what_shown
from handlers.kit import text as fmt
from handlers.kit.blocks import help_blocks
from handlers.kit.errors import words
from handlers.kit.metadata import ModalMeta
from handlers.nudges.dms import nudge_blocks
from storage.models import Reminder
from tests.handlers.deals.test_card import view
from tests.handlers.kit.test_text import act
from tests.handlers.nudges.test_dms import NOW, nudge
from tests.handlers.nudges.test_dms import deal as nudge_deal

LANGUAGES = ("fi", "fr", "ro")
FORMS = (
    contact_modal,
    lost_modal,
    next_step_modal,
    note_modal,
    snooze_modal,
    tag_modal,
)


def labels(blocks: list[dict]) -> list[str]:
    """The text of every button and select option in the blocks."""
    out = []
    for b in blocks:
        for e in b.get("elements", []):
            if e.get("type") == "button":
                out.append(e["text"]["text"])
            out += [o["text"]["text"] for o in e.get("options", [])]
    return out


def test_english_is_the_source_and_stays_as_written():
    card = deal_card(view())
    assert "Add note" in labels(card)
    assert card[1]["fields"][0]["text"].startswith("*Company*\n")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_card_speaks_the_language_and_slack_accepts_it(lang):
    english = labels(deal_card(view()))
    with speaking(lang):
        card = deal_card(view())
    for b in card:
        assert Block.parse(b) is not None
    shown = labels(card)
    assert all(len(label) <= 75 for label in shown)
    translated = [e for e, t in zip(english, shown, strict=True) if e != t]
    assert len(translated) >= 6, shown  # the buttons, not the stage names in the menu
    fields = [f["text"] for f in card[1]["fields"]]
    assert not any(f.startswith(("*Company*", "*Value*", "*Owner*")) for f in fields)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_deal_form_is_translated_and_within_slack_s_limits(lang):
    meta = ModalMeta(channel="C1", deal=12, stage=3)
    builds = [lambda m, t: new_lead_modal(m, "U0ANN", pick_channel=True), *FORMS]
    for build in builds:
        english = build(meta, "#12 Acme")
        with speaking(lang):
            v = build(meta, "#12 Acme")
        assert View(**v).to_dict() == v  # titles ≤ 24, labels, options ≤ 75: Slack's models
        assert v["title"]["text"] != english["title"]["text"]
        assert v["close"]["text"] != "Cancel"


def test_plural_forms_follow_each_language():
    def header(total: int) -> str:
        views = [view(number=n) for n in range(1, min(total, 3) + 1)]
        page = Page(kind="open", views=views, total=total, offset=0, scope="")
        return list_blocks(page)[0]["text"]["text"]

    assert header(1).endswith("· 1 deal") and header(2).endswith("· 2 deals")
    with speaking("fi"):
        assert header(1).endswith("· 1 kauppa") and header(2).endswith("· 2 kauppaa")
    with speaking("ro"):  # one, few, other
        assert header(1).endswith("· 1 tranzacție")
        assert header(2).endswith("· 2 tranzacții")
        assert header(20).endswith("· 20 de tranzacții")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_history_line_is_translated(lang):
    kinds = [
        "created",
        "moved",
        "won",
        "lost",
        "reopened",
        "note",
        "value",
        "close",
        "source",
        "next",
        "name",
        "owner",
        "tagged",
        "company",
        "contact",
        "reply",
        "qualified",
        "nurture",
        "snoozed",
        "archived",
        "restored",
        "undone",
        "reminder",
        "reminder_done",
        "reminder_snoozed",
        "contact_edited",
        "contact_removed",
        "from_message",
    ]
    for kind in kinds:
        a = act(kind, frm="value", to="Proposal")
        english = fmt.activity(a)
        with speaking(lang):
            line = fmt.activity(a)
        assert line != english, kind
        assert line.startswith("<@U0ANN>") or "<@U0ANN>" in line, line
        assert "{" not in line, line


@pytest.mark.parametrize("lang", LANGUAGES)
def test_refusals_are_translated_with_the_user_s_text_still_escaped(lang):
    e = InvalidInput("stage_unknown", text="<!channel>", stages=[("lead", "Lead")])
    english = words(e)
    with speaking(lang):
        told = words(e)
    assert told != english
    assert "&lt;!channel&gt;" in told and "<!channel>" not in told
    template = InvalidInput("deal_closed", number=12, name="A<b>", stage="Won")
    with speaking(lang):
        assert "A&lt;b&gt;" in words(template)
        assert words(template) != "#12 A&lt;b&gt; is Won. Reopen it first with `/deal reopen 12`."


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_help_is_translated_and_keeps_the_commands(lang):
    english = help_blocks(HELP)
    with speaking(lang):
        shown = help_blocks(HELP)
    text = "\n".join(b["text"]["text"] for b in shown)
    assert text != "\n".join(b["text"]["text"] for b in english)
    for command in ("`/deal new Acme Corp 12k @bob`", "`/deal move 12 proposal`", "`/deal help`"):
        assert command in text
    assert all(len(b["text"]["text"]) <= 3000 for b in shown)


def test_sources_and_buying_roles_are_understood_in_every_language():
    assert parse_source("suosittelu") == "referral"  # Finnish: a customer's referral
    assert parse_source("salon") == "event"  # French: a trade fair
    assert parse_source("recomandare") == "referral"  # Romanian
    assert check_role("Päättäjä") == "decision_maker"
    assert check_role("décideur") == "decision_maker"
    with pytest.raises(InvalidInput):
        check_role("kahvinkeittäjä")


def test_a_picked_lost_reason_is_shown_in_the_reader_s_language_and_the_details_as_typed():
    stored = "Price too high: their budget halved"
    assert fmt.lost_reason(stored) == stored
    with speaking("fr"):
        assert fmt.lost_reason(stored) == "Prix trop élevé : their budget halved"
        assert fmt.lost_reason("our own words") == "our own words"


def test_reminders_dealbot_wrote_itself_are_shown_in_the_reader_s_language():
    nurture = Reminder(team_id="T", deal_id=1, source="nurture", what=NURTURE_WHAT)
    step = Reminder(team_id="T", deal_id=1, source="next", what="next step: demo <b>")
    mine = Reminder(team_id="T", deal_id=1, source="manual", what="next step: call")
    assert what_shown(step) == "next step: demo &lt;b&gt;"
    with speaking("fi"):
        assert what_shown(nurture) == "seuranta (Jatka hoitamista)"
        assert what_shown(step) == "seuraava askel: demo &lt;b&gt;"
        assert what_shown(mine) == "next step: call"  # typed by a seller: as typed


def test_nudge_and_reminder_dms_speak_the_owner_s_language():
    one = [(nudge_deal(1), NOW - timedelta(days=1))]
    many = [(nudge_deal(i), NOW - timedelta(days=20)) for i in range(1, 6)]
    with speaking("fi"):
        assert nudge_blocks(nudge(one), NOW)[0]["text"]["text"].startswith(
            "*1 kauppasi on hiljentynyt.*"
        )
        blocks = nudge_blocks(nudge(many), NOW)
    assert blocks[0]["text"]["text"].startswith("*5 kauppaasi on hiljentynyt.*")
    assert "hiljaa 20 päivää" in blocks[1]["text"]["text"]
    assert [Block.parse(b).to_dict() for b in blocks] == blocks
    due = Due(
        reminder=Reminder(
            id=7, team_id="T", deal_id=1, source="manual", what="send it", due_on=date(2026, 12, 1)
        ),
        deal=nudge_deal(1),
    )
    with speaking("ro"):
        shown = reminder_blocks(due)
    assert shown[0]["text"]["text"].startswith("*Memento:* #1 Acme: send it")
    buttons = [e["text"]["text"] for e in shown[1]["elements"]]
    assert buttons[0] == "Gata" and buttons[1].startswith("Amână 7 zile")
