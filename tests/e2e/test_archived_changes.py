"""Issue 12: an archived deal is not moved or changed until it is restored; notes still go in."""

from tests.e2e.helpers import card, deal, history, text_of

REFUSED = "#1 is archived; `/deal restore 1` brings it back."


def answer(slack, reply) -> str:
    """What the user was told: the command's reply, or the last message shown only to them."""
    if reply is not None and reply.message is not None:
        return text_of(reply.message)
    shown = slack.standin.ephemerals("U0ANN")
    return text_of(shown[-1]) if shown else ""


def test_commands_on_an_archived_deal_are_refused_and_change_nothing(slack, driver):
    driver.slash("new Junk lead 5k")
    driver.slash("set 1 company Junk Co")
    driver.slash("archive 1")
    before, kinds = deal(1), [a.kind for a in history(1)]
    for typed in (
        "move 1 qualified",
        "won 1",
        "lost 1 price",
        "reopen 1",
        "set 1 value 9k",
        "set 1 next call by 2099-01-05",
        "set 1 owner <@U0BOB|bob>",
        "tag 1 <@U0BOB|bob>",
        "qualify 1",
        "remind 1 2099-01-05 call them",
        "contact 1 Ann Buyer ann@example.com",
    ):
        assert REFUSED in answer(slack, driver.slash(typed)), typed
    after = deal(1)
    assert (after.stage_id, after.value_minor, after.next_step, after.owner_id) == (
        before.stage_id,
        before.value_minor,
        before.next_step,
        before.owner_id,
    )
    assert [a.kind for a in history(1)] == kinds
    assert slack.standin.open_views("U0ANN") == []  # no BANT form was opened


def test_card_buttons_of_an_archived_deal_are_refused(slack, driver):
    driver.slash("new Junk lead 5k")
    driver.slash("archive 1")
    kinds = [a.kind for a in history(1)]
    for action in (
        "deal_advance",
        "deal_won",
        "deal_lost",
        "deal_tag",
        "deal_qualify",
        "deal_add_contact",
    ):
        driver.click(action, message=card(slack, 1))
        assert REFUSED in answer(slack, None), action
    assert slack.standin.open_views("U0ANN") == []
    assert [a.kind for a in history(1)] == kinds
    assert deal(1).archived_at is not None


def test_notes_still_go_in_and_restore_lets_it_move_again(slack, driver):
    driver.slash("new Junk lead 5k")
    driver.slash("archive 1")
    reply = driver.slash("note 1 bought from a competitor")
    assert "archived" not in answer(slack, reply)
    assert history(1)[-1].kind == "note"
    driver.click("deal_add_note", message=card(slack, 1))  # the Add note form opens
    assert len(slack.standin.open_views("U0ANN")) == 1
    driver.slash("restore 1")
    assert "Updated #1" in answer(slack, driver.slash("set 1 value 9k"))
    assert deal(1).value_minor == 900_000
