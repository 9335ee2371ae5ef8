"""Issue 15: after a `/deal new` is answered, its card is posted from the view the command
built as it wrote the deal (read back only when it is sent later), with no thread line of
its creation (the card says who created it); each change's line lands in its thread."""

import threading

from bot.app import deliverer
from bot.deals import edits
from bot.deals import reads as deal_reads
from bot.local.statements import StatementLog
from handlers.deals.card import deal_card
from handlers.deals.posting import card_text
from storage import db
from tests.e2e.helpers import SALES, TEAM, card, deal, text_of
from tests.e2e.test_outbox import rows

READS = ("FROM deal", "FROM activity", "FROM stage", "FROM collaborator", "FROM qualification")


def _deal_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if s.startswith("SELECT") and any(r in s for r in READS)]


def _stored(number: int):
    with db.read_scope() as s:
        return deal_reads.card(session=s, team_id=TEAM, deal_id=deal(number).id)[0]


def test_a_new_deal_s_card_reads_nothing_back_and_says_who_created_it(slack, driver):
    driver.slash("new Warm up 1k")  # the workspace, its stages; a card in the channel
    with StatementLog(db.engine()) as log:
        driver.slash("new Acme Corp 12k <@U0BOB>")
        slack.settle()
    assert _deal_reads(log.after_ack) == []
    posted = card(slack, 2)
    assert deal(2).card_ts == posted.ts
    assert [m for m in slack.standin.thread(SALES, posted.ts) if m.ts != posted.ts] == []
    assert "Created by <@U0ANN>" in text_of(posted)
    assert slack.standin.call_count("chat.postMessage") == 2  # the two cards, nothing else
    stored = _stored(2)  # what was posted is the card of the deal as stored, to the block
    assert posted.blocks == deal_card(stored) and posted.text == card_text(stored)
    assert slack.standin.call_count("chat.update") == 0  # and it is not made again
    assert "<@U0BOB>" in text_of(posted) and "12" in text_of(posted)


def test_a_thread_line_reads_where_the_card_is(slack, driver):
    driver.slash("new Acme 12k")
    with StatementLog(db.engine()) as log:
        driver.slash("note 1 called them")
        slack.settle()
    assert len(_deal_reads(log.after_ack)) >= 1
    posted = card(slack, 1)
    lines = [text_of(m) for m in slack.standin.thread(SALES, posted.ts) if m.ts != posted.ts]
    assert len(lines) == 1 and "called them" in lines[0]


def test_a_change_made_while_the_card_is_on_its_way_is_on_the_card(slack, driver):
    driver.slash("new Warm up 1k")
    slack.settle()
    changed = []

    def meanwhile(args) -> bool:  # Slack is taking the card: the deal changes just before
        if not changed and "Acme" in str(args.get("text", "")):
            with db.session_scope() as s:  # as `/deal set 2 value 20k` does (the stand-in
                changed.append(  # is busy with this call: no request through it now)
                    edits.change(
                        session=s,
                        team_id=TEAM,
                        actor="U0ANN",
                        ref="2",
                        field="value",
                        value="20k",
                    ).deal.value_minor
                )
        return False  # and the card is posted as it was sent

    slack.standin.faults.fail("chat.postMessage", "unused", match=meanwhile)
    driver.slash("new Acme 12k")
    slack.settle()
    slack.standin.faults.reset()
    assert changed == [2_000_000]
    # That change found no card to update: the card is made again once it is posted.
    posted = card(slack, 2)
    assert posted.text.startswith("#2 Acme · $20,000")
    assert posted.blocks == deal_card(_stored(2))


def test_a_card_that_waited_for_a_free_sender_is_still_not_read_back(slack, driver, monkeypatch):
    driver.slash("new Warm up 1k")
    slack.settle()
    monkeypatch.setattr(driver, "settle", lambda: None)
    sends, release = deliverer(slack.app).sends, threading.Event()
    busy = [sends.try_submit(release.wait, 10) for _ in range(sends.size)]
    assert all(busy)
    with StatementLog(db.engine()) as log:
        driver.slash("new Acme Corp 12k")
        assert [r.status for r in rows("card_post")][-1] == "pending"  # waits in the database
        release.set()
        slack.settle()
    assert _deal_reads(log.after_ack) == []
    assert card(slack, 2).blocks == deal_card(_stored(2))
    assert slack.standin.call_count("chat.update") == 0


def test_a_card_sent_by_a_process_that_kept_no_view_reads_the_deal(slack, driver, monkeypatch):
    driver.slash("new Warm up 1k")
    slack.settle()
    monkeypatch.setattr(deliverer(slack.app)._handed, "keep", lambda handed: None)
    with StatementLog(db.engine()) as log:
        driver.slash("new Acme Corp 12k")
        slack.settle()
    assert len(_deal_reads(log.after_ack)) == 1  # as another replica, or after a restart
    assert card(slack, 2).blocks == deal_card(_stored(2))
    assert slack.standin.call_count("chat.update") == 0  # unchanged: not made again
