"""Issue 5, team selling: the card's thread is the deal's record; tags, handoffs, replies."""

from tests.e2e.helpers import SALES, card, text_of


def thread_lines(slack, number: int) -> list[str]:
    c = card(slack, number)
    return [m.text for m in slack.standin.thread(SALES, c.ts) if m.ts != c.ts]


def test_every_change_is_one_line_in_the_card_thread(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("move 1 needs")
    driver.click("deal_advance", message=card(slack, 1), user="U0BOB")
    driver.slash("set 1 value 15k")
    driver.slash("note 1 budget is &lt;confirmed&gt;")
    driver.slash(f"tag 1 {driver.mention('U0CAT')} security review")
    driver.slash("won 1")
    assert thread_lines(slack, 1) == [
        "<@U0ANN> created the deal in Prospect identified",
        "<@U0ANN> moved it from Prospect identified to Needs confirmed",
        "<@U0BOB> moved it from Needs confirmed to Proposal received",
        "<@U0ANN> changed the value from $12,000 to $15,000",
        "<@U0ANN> added a note: budget is &lt;confirmed&gt;",
        "<@U0ANN> tagged <@U0CAT>: security review",
        "<@U0ANN> marked it won 🎉",
    ]
    assert len(slack.standin.messages(SALES)) == 1  # the channel itself only has the card


def test_a_refused_change_posts_nothing_in_the_thread(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("move 1 banana")
    driver.slash("set 1 close yesterday")
    assert thread_lines(slack, 1) == ["<@U0ANN> created the deal in Prospect identified"]


def test_contacts_by_command_and_form_show_as_stakeholders(slack, driver):
    driver.slash("new Renewal 12k")
    assert "has no company yet" in text_of(
        driver.slash("contact 1 Ann Lee ann@acme.com CFO").message)
    driver.slash("set 1 company Acme Corp")
    reply = driver.slash("contact 1 Ann Lee <mailto:ann@acme.com|ann@acme.com> CFO")
    assert "Added *Ann Lee* · CFO · ann@acme.com to Acme Corp." in text_of(reply.message)
    driver.click("deal_add_contact", message=card(slack, 1))
    [form] = slack.standin.open_views("U0ANN")
    bad = driver.submit(form["id"], {"contact_name": "Bo", "contact_email": "bo@acme"})
    assert "is not an email address" in bad.errors["contact_email"]
    driver.submit(form["id"], {"contact_name": "Bo Chen", "contact_email": "bo@acme.com",
                               "contact_role": "champion"})
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
    driver.slash("move 1 proposal")
    shown = text_of(driver.slash("account acme corp").message)
    assert "#1 Renewal" in shown and "#2 Upsell" in shown and "#3 Other" not in shown
    assert "*Ann Lee*" in shown
    assert shown.index("#2 Upsell: <@U0ANN> added Ann Lee") < shown.index(
        "#1 Renewal: <@U0ANN> moved it from Prospect identified to Proposal received")
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
