"""Issue 15: after a `/deal new` is answered, its card is posted from the view the command
built as it wrote the deal (read back only when it is sent later), and its thread line,
sent right after the card, reads nothing again; both land where they belong."""

from bot.deals import reads as deal_reads
from bot.local.statements import StatementLog
from handlers.deals.card import deal_card
from handlers.deals.posting import card_text
from storage import db
from tests.e2e.helpers import SALES, TEAM, card, deal, text_of

READS = ("FROM deal", "FROM activity", "FROM stage", "FROM collaborator", "FROM qualification")


def _deal_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if s.startswith("SELECT") and any(r in s for r in READS)]


def test_a_new_deal_s_card_and_thread_line_read_nothing_back(slack, driver):
    driver.slash("new Warm up 1k")  # the workspace, its stages; a card in the channel
    with StatementLog(db.engine()) as log:
        driver.slash("new Acme Corp 12k <@U0BOB>")
        slack.settle()
    assert _deal_reads(log.after_ack) == []
    posted = card(slack, 2)
    assert deal(2).card_ts == posted.ts
    [line] = [m for m in slack.standin.thread(SALES, posted.ts) if m.ts != posted.ts]
    assert "created" in text_of(line)
    # What was posted is the card of the deal as stored, to the block.
    with db.read_scope() as s:
        stored, _origin = deal_reads.card(session=s, team_id=TEAM, deal_id=deal(2).id)
    assert posted.blocks == deal_card(stored) and posted.text == card_text(stored)
    assert "<@U0BOB>" in text_of(posted) and "12" in text_of(posted)


def test_a_thread_line_not_sent_right_after_its_card_reads_where_the_card_is(slack, driver):
    driver.slash("new Acme 12k")
    with StatementLog(db.engine()) as log:
        driver.slash("note 1 called them")
        slack.settle()
    assert len(_deal_reads(log.after_ack)) >= 1
    posted = card(slack, 1)
    lines = [text_of(m) for m in slack.standin.thread(SALES, posted.ts) if m.ts != posted.ts]
    assert len(lines) == 2 and "called them" in lines[1]
