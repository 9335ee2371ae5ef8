"""Issue 12, everyday verbs: /deal archive takes a junk lead out of everything; restore."""

from datetime import timedelta

import time_machine

from tests.e2e.helpers import card, deal, history, text_of, told
from tests.e2e.test_digests import THU_0900_HEL, age, digest_posts, subscribe, tick
from tests.e2e.test_home import texts


def test_archive_leaves_lists_home_digests_and_the_warning_and_restore_brings_it_back(
    slack, driver
):
    driver.slash("new Junk lead 1k")
    driver.slash("new Globex 9k")
    reply = driver.slash("archive 1")
    assert "Archived #1 Junk lead" in text_of(reply.message)
    assert deal(1).archived_at is not None
    for scope in ("", "all", "mine", "prospect"):
        listed = text_of(driver.slash(f"list {scope}").message)
        assert "Junk lead" not in listed and "#2 Globex" in listed, scope
    driver.app_home_opened("U0ANN")
    assert "Junk lead" not in texts(slack.standin.home("U0ANN"))
    subscribe(driver)
    driver.slash("digest now")
    [post] = digest_posts(slack)
    assert "$9,000" in text_of(post) and "$10,000" not in text_of(post)
    assert "Created #3" in text_of(driver.slash("new Junk lead 2k").message)  # no warning
    assert "U0ANN> archived it" in text_of(card(slack, 1))  # the thread line and the card
    assert "Archived: `/deal restore 1`" in text_of(card(slack, 1))
    assert "Junk lead" in text_of(driver.slash("show 1").message)  # history stays

    assert "Restored #1 Junk lead, at Prospect identified" in text_of(
        driver.slash("restore 1").message)
    assert deal(1).archived_at is None
    assert "#1 Junk lead" in text_of(driver.slash("list").message)
    assert [a.kind for a in history(1)][-2:] == ["archived", "restored"]
    assert "Archived:" not in text_of(card(slack, 1))


def test_an_archived_deal_gets_no_nudge(slack, driver):
    driver.slash("new Quiet junk 5k")
    subscribe(driver)
    driver.slash("archive 1")
    age(1, 20)
    tick(slack, THU_0900_HEL)
    tick(slack, THU_0900_HEL + timedelta(minutes=5))
    dms = [m for m in slack.standin.feed() if m.channel == "D0ANN" and m.kind == "message"]
    assert dms == []
    with time_machine.travel(THU_0900_HEL, tick=False):
        assert "Quiet junk" not in text_of(driver.slash("list stale").message)


def test_only_people_on_the_deal_may_archive_and_twice_is_refused(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("archive 1", user="U0CAT")
    assert "Only the deal's owner (<@U0ANN>), its collaborators or an admin can archive #1" \
        in told(slack, "U0CAT")
    assert deal(1).archived_at is None
    driver.slash(f"tag 1 {driver.mention('U0BOB')} help")
    driver.slash("archive acme", user="U0BOB")
    assert deal(1).archived_at is not None
    assert "archived already" in text_of(driver.slash("archive 1").message)
    driver.slash("restore 1", user="U0BOB")
    assert "is not archived" in text_of(driver.slash("restore 1").message)
    assert "Which deal?" in text_of(driver.slash("archive").message)
