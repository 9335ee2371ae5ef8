"""Issue 14, shortcuts: "Create lead from message", "Add to deal…" and the global "New lead",
over signed message_action, shortcut and block_suggestion payloads."""

import pytest
import sqlmodel

from bot.local.standin import shortcuts as sc
from bot.local.standin.forms import FormError
from handlers.kit.ids import Block, Shortcut
from storage import db
from storage.models import Activity, Collaborator, Contact, Deal
from tests.e2e.helpers import SALES, TEAM, card, deal, history, text_of, told

INBOUND = "C0INBOUND"
HUMANS = ["U0ANN", "U0BOB", "U0CAT"]
LEAD = (
    "*Nordlys Oy* wants a demo for 40 seats\n"
    "Budget around €12,000 this quarter, reach me at pat@nordlys.fi"
)


def inbound(slack, *, private: bool = False, bot_in: bool = False) -> None:
    """#inbound, where a prospect (a guest) writes: dealbot not in it unless `bot_in`."""
    s = slack.standin
    sc.add_person(s, "U0PAT", "pat", "Pat Prospect", guest=True, email="pat@nordlys.fi")
    members = [*HUMANS, "U0PAT", *(["UDEALBOT"] if bot_in else [])]
    sc.add_channel(s, INBOUND, "inbound", members, is_private=private)


def deals() -> list[Deal]:
    with db.session_scope() as s:
        return list(s.exec(sqlmodel.select(Deal).where(Deal.team_id == TEAM)))


def form_of(slack, user: str = "U0ANN") -> dict:
    views = slack.standin.open_views(user)
    assert views, "no form was opened"
    return views[-1]


def fields(view: dict) -> dict:
    return {b.get("block_id"): b for b in view["blocks"]}


def test_a_lead_from_a_message_is_prefilled_and_its_card_goes_in_the_thread(slack, driver):
    inbound(slack)
    msg = sc.say(slack.standin, INBOUND, "U0PAT", LEAD)
    sc.message_shortcut(driver, Shortcut.lead_from_message, msg, user="U0ANN")
    form = form_of(slack)
    got = fields(form)
    assert got[Block.name]["element"]["initial_value"] == "Nordlys Oy wants a demo for 40 seats"
    assert got[Block.company]["element"]["initial_value"] == "Nordlys Oy"
    assert got[Block.value]["element"]["initial_value"] == "€12,000"
    assert Shortcut.card_channel not in got  # the card can go in the thread: no picker
    assert "Pat Prospect (pat@nordlys.fi) is not on your team" in str(form["blocks"])

    reply = driver.submit(form["id"], {})
    assert not reply.errors, reply.errors
    (d,) = deals()
    assert (d.name, d.value_minor, d.currency, d.channel_id) == (
        "Nordlys Oy wants a demo for 40 seats",
        1_200_000,
        "EUR",
        INBOUND,
    )
    assert "UDEALBOT" in slack.standin.channels[INBOUND]["members"]  # it joined #inbound
    assert "Created #1 Nordlys Oy wants a demo" in told(slack)  # an ephemeral there
    thread = slack.standin.thread(INBOUND, msg.ts)
    cards = [m for m in thread if m.blocks and "#1 Nordlys Oy" in str(m.blocks[0])]
    assert len(cards) == 1 and cards[0].thread_ts == msg.ts
    assert [m.ts for m in slack.standin.messages(INBOUND)] == [msg.ts]  # nothing at the top
    lines = " ".join(m.text for m in thread if not m.blocks)
    assert "created it from a message" in lines and "added Pat Prospect as a contact" in lines

    origin = next(a for a in history(1) if a.kind == "from_message")
    link = f"https://demo-co.slack.com/archives/{INBOUND}/p{msg.ts.replace('.', '')}"
    assert origin.to_value == link and origin.message_ts == msg.ts
    assert link in text_of(driver.slash("show 1").message)
    with db.session_scope() as s:
        contact = s.exec(sqlmodel.select(Contact).where(Contact.team_id == TEAM)).one()
    assert (contact.name, contact.email) == ("Pat Prospect", "pat@nordlys.fi")


def test_later_changes_go_in_the_same_thread(slack, driver):
    inbound(slack, bot_in=True)
    msg = sc.say(slack.standin, INBOUND, "U0PAT", LEAD)
    sc.message_shortcut(driver, Shortcut.lead_from_message, msg)
    driver.submit(form_of(slack)["id"], {})
    driver.slash("note 1 called Pat back")
    thread = slack.standin.thread(INBOUND, msg.ts)
    assert any("called Pat back" in m.text for m in thread)
    assert all(m.thread_ts == msg.ts for m in thread if m.ts != msg.ts)
    s = slack.standin  # a reply in that thread is the deal's record, as under a card
    reply = {"type": "message", "channel": INBOUND, "user": "U0PAT", "text": "Thanks, Friday works"}
    driver.event({**reply, "ts": s.next_ts(), "thread_ts": msg.ts})
    assert history(1)[-1].kind == "reply" and history(1)[-1].note == "Thanks, Friday works"


def test_a_teammates_message_gives_no_source_contact(slack, driver):
    msg = sc.say(slack.standin, SALES, "U0BOB", "New inbound from Acme Corp, about 12k")
    sc.message_shortcut(driver, Shortcut.lead_from_message, msg, user="U0ANN")
    form = form_of(slack)
    assert fields(form)[Block.company]["element"]["initial_value"] == "Acme Corp"
    assert "not on your team" not in str(form["blocks"])
    driver.submit(form["id"], {})
    assert deal(1).value_minor == 1_200_000 and deal(1).company_id is not None
    with db.session_scope() as s:
        assert s.exec(sqlmodel.select(Contact)).all() == []
    assert [m for m in slack.standin.thread(SALES, msg.ts) if m.blocks]  # card in its thread


def test_where_dealbot_cannot_post_the_seller_picks_the_channel(slack, driver):
    inbound(slack, private=True)  # private, dealbot not in it: Slack hides it from dealbot
    msg = sc.say(slack.standin, INBOUND, "U0PAT", LEAD)
    sc.message_shortcut(driver, Shortcut.lead_from_message, msg, user="U0ANN")
    form = form_of(slack)
    assert fields(form)[Shortcut.card_channel]["optional"] is False
    with pytest.raises(FormError):  # the picker is required
        driver.submit(form["id"], {})
    refused = driver.submit(form["id"], {Shortcut.card_channel: "G0PRIV"})
    assert "private and I'm not in it" in refused.errors[Shortcut.card_channel]
    assert deals() == []
    assert not driver.submit(form["id"], {Shortcut.card_channel: SALES}).errors
    assert deal(1).channel_id == SALES and card(slack, 1)  # a card of its own in #sales
    origin = next(a for a in history(1) if a.kind == "from_message")
    assert origin.to_value.startswith(f"https://demo-co.slack.com/archives/{INBOUND}/p")


def test_the_global_shortcut_opens_the_form_with_a_required_channel_picker(slack, driver):
    sc.global_shortcut(driver, Shortcut.new_lead, user="U0BOB")
    form = form_of(slack, "U0BOB")
    assert fields(form)[Shortcut.card_channel]["element"]["type"] == "conversations_select"
    with pytest.raises(FormError):
        driver.submit(form["id"], {Block.name: "Hooli"}, user="U0BOB")
    reply = driver.submit(
        form["id"], {Block.name: "Hooli", Shortcut.card_channel: "C0RANDOM"}, user="U0BOB"
    )
    assert not reply.errors
    assert deal(1).owner_id == "U0BOB" and deal(1).channel_id == "C0RANDOM"
    assert card(slack, 1, "C0RANDOM")  # dealbot joined the public channel to post it
    assert "Created #1 Hooli" in told(slack, "U0BOB")


@pytest.mark.parametrize(
    ("how", "words"),
    [
        ("bot", "posted by a bot or an app"),
        ("bot_user", "posted by a bot or an app"),
        ("shared", "another organization"),
        ("deleted", "was deleted"),
    ],
)
@pytest.mark.parametrize("shortcut", [Shortcut.lead_from_message, Shortcut.add_to_deal])
def test_bad_messages_get_a_clear_answer_and_nothing_is_written(
    slack, driver, how, words, shortcut
):
    s = slack.standin
    sc.add_person(s, "U0ZAP", "zap", "Zap Bot", bot=True)
    author = "U0ZAP" if how == "bot_user" else "U0BOB"
    msg = sc.say(s, SALES, author, "Acme Corp wants a demo, 12k")
    if how == "deleted":
        s.change_message(msg, deleted=True)
    reply = sc.message_shortcut(
        driver, shortcut, msg, bot=how == "bot", team="T0OTHER" if how == "shared" else ""
    )
    assert reply.status == 200
    assert words in told(slack)
    assert s.open_views("U0ANN") == []
    assert deals() == []
    with db.session_scope() as session:
        assert session.exec(sqlmodel.select(Activity)).all() == []


def test_add_to_deal_searches_as_you_type_and_tags_in_one_click(slack, driver):
    driver.slash("new Acme Corp 12k")
    driver.slash("new Globex 5k")
    driver.slash("won 2")
    s = slack.standin
    msg = sc.say(s, SALES, "U0CAT", "Acme called: <@U0BOB> should join the demo on Friday")
    sc.message_shortcut(driver, Shortcut.add_to_deal, msg, user="U0ANN")
    form = form_of(slack)
    closed = sc.suggest(driver, form["id"], Shortcut.deal_input, "glo")
    assert [o["text"]["text"] for o in closed] == ["#2 Globex · Won"]
    assert sc.suggest(driver, form["id"], Shortcut.deal_input, "#1")[0]["value"] == "1"
    assert sc.suggest(driver, form["id"], Shortcut.deal_input, "%") == []
    option = sc.pick(driver, form["id"], Shortcut.deal_input, "acme", "1")
    reply = driver.submit(form["id"], {Shortcut.deal_block: option})
    assert not reply.errors
    note = history(1)[-1]
    assert note.kind == "note"
    assert note.note.startswith("Message from Cat Chen in #sales, ")
    assert "Acme called: @bob should join the demo on Friday" in note.note
    assert f"/archives/{SALES}/p{msg.ts.replace('.', '')}" in note.note
    page = form_of(slack)
    assert "Added the message to #1 Acme Corp as a note." in str(page["blocks"])
    assert "<@U0BOB> is mentioned in it" in str(page["blocks"])
    driver.click(Shortcut.tag_mentioned, view=page["id"])
    with db.session_scope() as session:
        tagged = session.exec(sqlmodel.select(Collaborator.user_id)).all()
    assert tagged == ["U0BOB"]
    assert "Tagged <@U0BOB> on #1 Acme Corp" in str(form_of(slack)["blocks"])


def test_the_picker_shows_at_most_100_deals_of_this_workspace_only(slack, driver):
    from bot.deals import service

    with db.session_scope() as session:
        for n in range(120):
            service.create(session=session, team_id=TEAM, actor="U0ANN", name=f"Lead {n}")
        service.create(session=session, team_id="T0ELSE", actor="U0ZED", name="Lead elsewhere")
    msg = sc.say(slack.standin, SALES, "U0BOB", "Met them at the fair")
    sc.message_shortcut(driver, Shortcut.add_to_deal, msg)
    shown = sc.suggest(driver, form_of(slack)["id"], Shortcut.deal_input, "lead")
    assert len(shown) == 100 and all("elsewhere" not in o["text"]["text"] for o in shown)
    assert shown[0]["value"] == "120"  # newest first


def test_a_trigger_slack_no_longer_honours_opens_nothing_and_says_so(slack, driver):
    slack.standin.trigger_ttl = -1.0  # every trigger_id is older than Slack allows
    msg = sc.say(slack.standin, SALES, "U0BOB", "Acme Corp wants a demo")
    sc.message_shortcut(driver, Shortcut.lead_from_message, msg)
    refused = [c for c in slack.standin.calls if c.method == "views.open"]
    assert [c.error for c in refused] == ["expired_trigger_id"]
    assert "nothing was changed" in told(slack) and deals() == []
