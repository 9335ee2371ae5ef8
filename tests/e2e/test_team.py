"""Issue 5, team selling: the card's thread is the deal's record; tags, handoffs, replies."""

from tests.e2e.helpers import SALES, card


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
