"""Issue 5, team selling: the card's thread is the deal's record; tags, handoffs, replies."""

from tests.e2e.helpers import (
    SALES,
    card,
    everyone_may_change,
    history,
    move_unqualified,
    qualify,
    text_of,
)


def thread_lines(slack, number: int) -> list[str]:
    c = card(slack, number)
    return [m.text for m in slack.standin.thread(SALES, c.ts) if m.ts != c.ts]


def test_every_change_is_one_line_in_the_card_thread(slack, driver):
    everyone_may_change(driver)
    driver.slash("new Acme 12k")
    qualify(slack, driver, 1)
    driver.slash("move 1 needs")
    driver.click("deal_advance", message=card(slack, 1), user="U0BOB")
    driver.slash("set 1 value 15k")
    driver.slash("note 1 budget is &lt;confirmed&gt;")
    driver.slash(f"tag 1 {driver.mention('U0CAT')} security review")
    driver.slash("won 1")
    assert thread_lines(slack, 1) == [  # its creation is on the card, not in the thread
        "<@U0ANN> qualified it as SQL · hot: B✓ A✓ N✓ T✓, 4 of 4 met",
        "<@U0ANN> moved it from Prospect identified to Lead qualified: qualified (BANT)",
        "<@U0ANN> moved it from Lead qualified to Needs confirmed",
        "<@U0BOB> moved it from Needs confirmed to Proposal received",
        "<@U0ANN> changed the value from $12,000 to $15,000",
        "<@U0ANN> added a note: budget is &lt;confirmed&gt;",
        "<@U0ANN> tagged <@U0CAT>: security review",
        "<@U0ANN> marked it won 🎉",
    ]
    assert len(slack.standin.messages(SALES)) == 1  # the channel itself only has the card
    shown = text_of(card(slack, 1))
    assert "Created by <@U0ANN>" in shown and "Last: <@U0ANN> marked it won" in shown


def test_a_refused_change_posts_nothing_in_the_thread(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("move 1 banana")
    driver.slash("set 1 close yesterday")
    driver.slash("note 1 called them")
    assert thread_lines(slack, 1) == ["<@U0ANN> added a note: called them"]


def test_contacts_by_command_and_form_show_as_stakeholders(slack, driver):
    driver.slash("new Renewal 12k")
    assert "has no company yet" in text_of(
        driver.slash("contact 1 Ann Lee ann@acme.com CFO").message
    )
    driver.slash("set 1 company Acme Corp")
    reply = driver.slash("contact 1 Ann Lee <mailto:ann@acme.com|ann@acme.com> CFO")
    assert "Added *Ann Lee* · CFO · ann@acme.com to Acme Corp." in text_of(reply.message)
    driver.click("deal_add_contact", message=card(slack, 1))
    [form] = slack.standin.open_views("U0ANN")
    bad = driver.submit(form["id"], {"contact_name": "Bo", "contact_email": "bo@acme"})
    assert "is not an email address" in bad.errors["contact_email"]
    driver.submit(
        form["id"],
        {"contact_name": "Bo Chen", "contact_email": "bo@acme.com", "contact_role": "champion"},
    )
    shown = text_of(driver.slash("show 1").message)
    assert "*Stakeholders*" in shown and "*Ann Lee* · CFO · ann@acme.com" in shown
    assert "*Bo Chen* · Champion · bo@acme.com" in shown
    assert "<@U0ANN> added Ann Lee as a contact: CFO" in thread_lines(slack, 1)


def test_account_shows_every_deal_contact_and_the_combined_history(slack, driver):
    driver.slash("new Renewal 12k")
    driver.slash("set 1 company Acme Corp")
    driver.slash("new Upsell 3k")
    driver.slash("set 2 company acme  corp")
    driver.slash("new Other 1k")
    driver.slash("contact 2 Ann Lee ann@acme.com")
    move_unqualified(slack, driver, "move 1 qualified")
    shown = text_of(driver.slash("account acme corp").message)
    assert "#1 Renewal" in shown and "#2 Upsell" in shown and "#3 Other" not in shown
    assert "*Ann Lee*" in shown
    assert shown.index("#2 Upsell: <@U0ANN> added Ann Lee") < shown.index(
        "#1 Renewal: <@U0ANN> moved it from Prospect identified to Lead qualified"
    )
    assert "No account is called “globex”" in text_of(driver.slash("account globex").message)


def test_long_history_is_paged_newest_first(slack, driver):
    driver.slash("new Acme 12k")
    for i in range(40):
        driver.slash(f"note 1 call number {i}")
    first = driver.slash("show 1").message
    assert "call number 39" in text_of(first) and "call number 5 " not in text_of(first)
    assert "created the deal" not in text_of(first)
    driver.click("deal_history_page", message=first)
    older = slack.standin.ephemerals("U0ANN")[-1]
    assert "page 2 (older)" in text_of(older)
    assert "created the deal" in text_of(older) and "call number 38" not in text_of(older)


def reply_event(slack, number: int, text: str, user: str = "U0BOB", ts: str = "1800000000.000100"):
    c = card(slack, number)
    return {
        "type": "message",
        "channel": SALES,
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": c.ts,
        "channel_type": "channel",
    }


def test_a_reply_in_the_thread_is_a_note_edits_follow_and_deletions_are_marked(slack, driver):
    driver.slash("new Acme 12k")
    driver.event(reply_event(slack, 1, "they want SSO"), event_id="EvREPLY1")
    shown = text_of(driver.slash("show 1").message)
    assert "<@U0BOB> replied in the thread: they want SSO" in shown
    c = card(slack, 1)
    changed = {
        "type": "message",
        "subtype": "message_changed",
        "channel": SALES,
        "message": {
            "type": "message",
            "user": "U0BOB",
            "text": "they want SAML SSO",
            "ts": "1800000000.000100",
            "thread_ts": c.ts,
        },
        "previous_message": {
            "type": "message",
            "user": "U0BOB",
            "text": "they want SSO",
            "ts": "1800000000.000100",
            "thread_ts": c.ts,
        },
        "ts": "1800000001.000000",
        "hidden": True,
    }
    driver.event(changed, event_id="EvEDIT1")
    assert "replied in the thread: they want SAML SSO" in text_of(driver.slash("show 1").message)
    deleted = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": SALES,
        "deleted_ts": "1800000000.000100",
        "ts": "1800000002.000000",
        "hidden": True,
        "previous_message": changed["message"],
    }
    driver.event(deleted, event_id="EvDEL1")
    shown = text_of(driver.slash("show 1").message)
    assert "<@U0BOB> replied in the thread (deleted)" in shown and "SAML" not in shown


def test_a_retried_event_is_applied_once(slack, driver):
    driver.slash("new Acme 12k")
    event = reply_event(slack, 1, "pricing call moved to Monday")
    driver.event(event, event_id="EvONCE")
    driver.event(event, event_id="EvONCE", retry_num=1)
    driver.event(event, event_id="EvONCE", retry_num=2, retry_reason="http_error")
    replies = [a for a in history(1) if a.kind == "reply"]
    assert [a.note for a in replies] == ["pricing call moved to Monday"]


def test_bots_other_threads_and_unknown_channels_are_ignored(slack, driver):
    driver.slash("new Acme 12k")
    bot = {**reply_event(slack, 1, "beep"), "bot_id": "B123", "subtype": "bot_message"}
    driver.event(bot)
    driver.event({**reply_event(slack, 1, "elsewhere"), "thread_ts": "1700000000.000001"})
    driver.event({**reply_event(slack, 1, "other channel"), "channel": "C0RANDOM"})
    driver.event(
        {
            "type": "message",
            "channel": SALES,
            "user": "U0BOB",
            "text": "top level",
            "ts": "1800000009.000000",
        }
    )
    assert [a.kind for a in history(1)] == ["created"]


def test_handoff_dms_the_new_owner_the_card_and_keeps_the_old_owner(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash(f"set 1 owner {driver.mention('U0BOB')}")
    [dm] = [m for m in slack.standin.feed() if m.channel == "D0BOB" and m.kind == "message"]
    assert dm.text == "<@U0ANN> handed #1 Acme over to you."
    assert dm.blocks[0]["text"]["text"] == "#1 Acme"
    assert "handed it over from <@U0ANN> to <@U0BOB>" in thread_lines(slack, 1)[-1]
    assert "With <@U0ANN>" in text_of(card(slack, 1))


def test_owner_hears_of_others_changes_unless_they_turn_it_off(slack, driver):
    everyone_may_change(driver)
    driver.slash("new Acme 12k")
    driver.slash("set 1 value 20k")  # my own change: no DM

    def dms():
        return [
            m.text for m in slack.standin.feed() if m.channel == "D0ANN" and m.kind == "message"
        ]

    assert dms() == []
    move_unqualified(slack, driver, "move 1 qualified", user="U0BOB")
    assert dms() == [
        "#1 Acme: <@U0BOB> moved it from Prospect identified to Lead qualified. "
        "(`/deal notify off` stops these.)"
    ]
    assert "No more DMs" in text_of(driver.slash("notify off").message)
    driver.slash("set 1 value 30k", user="U0BOB")
    assert len(dms()) == 1
    driver.slash("notify on")
    driver.slash("note 1 hello", user="U0CAT")
    assert len(dms()) == 2
    assert "Try `/deal notify off`" in text_of(driver.slash("notify maybe").message)


def test_tagging_a_bot_or_an_unknown_id_is_refused_and_changes_nothing(slack, driver):
    driver.slash("new Acme 12k")
    reply = driver.slash("tag 1 <@UDEALBOT|dealbot> <@U0NOBODY|ghost>")
    said = text_of(reply.message)
    assert "<@UDEALBOT> is a bot" in said and "I can't find <@U0NOBODY>" in said
    driver.click("deal_tag", message=card(slack, 1))
    [form] = slack.standin.open_views("U0ANN")
    refused = driver.submit(form["id"], {"tag_people": ["U0BOB", "UDEALBOT"]})
    assert "@dealbot is a bot" in refused.errors["tag_people"]  # plain text: no mention
    assert [a.kind for a in history(1)] == ["created"]


def test_a_deleted_card_does_not_stop_the_thread_line_or_the_owners_dm(slack, driver):
    everyone_may_change(driver)
    driver.slash("new Acme 12k")
    slack.standin.fail_next("chat.update", "message_not_found")
    reply = driver.slash("set 1 value 15k", user="U0BOB")
    assert "Updated #1" in text_of(reply.message)
    assert "could not finish" not in "\n".join(
        text_of(m) for m in slack.standin.ephemerals("U0BOB")
    )
    assert thread_lines(slack, 1)[-1] == "<@U0BOB> changed the value from $12,000 to $15,000"
    dms = [m.text for m in slack.standin.feed() if m.channel == "D0ANN" and m.kind == "message"]
    assert len(dms) == 1 and "changed the value" in dms[0]


def test_a_bot_cannot_become_owner(slack, driver):
    driver.slash("new Acme 12k")
    said = text_of(driver.slash("set 1 owner <@UDEALBOT|dealbot>").message)
    assert "<@UDEALBOT> is a bot" in said
    assert "<@UDEALBOT> is a bot" in text_of(
        driver.slash("new Beta 5k <@UDEALBOT|dealbot>").message
    )
    assert [a.kind for a in history(1)] == ["created"]


def test_a_reply_is_stored_as_typed_and_shown_literally(slack, driver):
    driver.slash("new Acme 12k")
    driver.event(reply_event(slack, 1, "R&amp;D wants &lt;SSO&gt;"), event_id="EvAMP")
    assert [a.note for a in history(1) if a.kind == "reply"] == ["R&D wants <SSO>"]
    assert "R&amp;D wants &lt;SSO&gt;" in text_of(driver.slash("show 1").message)
