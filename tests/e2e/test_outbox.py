"""Every Slack effect exactly once: lost replies, 429s, channels that refuse us."""

from datetime import timedelta

import pytest
import sqlmodel
import time_machine

from bot.app import deliverer
from bot.runtime import outbox_outcomes
from storage import db
from storage.models import DigestRun, Outbox
from storage.types import utcnow
from tests.e2e.helpers import SALES, TEAM, card, deal, text_of


@pytest.fixture
def no_backoff(monkeypatch):
    """An uncertain row is due again at once (how long it waits is not what is tested)."""
    monkeypatch.setattr(outbox_outcomes, "backoff", lambda attempts: timedelta(0))


def rows(kind: str | None = None) -> list[Outbox]:
    with db.session_scope() as s:
        q = sqlmodel.select(Outbox).where(Outbox.team_id == TEAM)
        if kind:
            q = q.where(Outbox.kind == kind)
        return list(s.exec(q.order_by(Outbox.id)))


def posted_with(slack, channel: str, needle: str, thread_ts: str | None = None) -> list:
    found = (
        slack.standin.thread(channel, thread_ts) if thread_ts else slack.standin.messages(channel)
    )
    return [m for m in found if needle in text_of(m)]


def test_every_third_reply_lost_each_card_line_and_dm_appears_once(slack, driver, no_backoff):
    slack.standin.faults.drop_reply("chat.postMessage", every=3, times=1000)
    for name in ("Acme", "Beta", "Gamma", "Delta"):
        driver.slash(f"new {name} 12k")
    for n in (1, 2, 3, 4):
        driver.slash(f"note {n} called them", user="U0BOB")  # a thread line and an owner DM
    slack.settle()
    for n, name in enumerate(("Acme", "Beta", "Gamma", "Delta"), start=1):
        [posted] = posted_with(slack, SALES, f"#{n} {name}")
        assert deal(n).card_ts == posted.ts
        lines = [m for m in slack.standin.thread(SALES, posted.ts) if m.ts != posted.ts]
        assert ["called them" in m.text for m in lines] == [True]  # no line of its creation
    dms = [m for m in slack.standin.messages("D0ANN") if "called them" in m.text]
    assert len(dms) == 4
    assert {r.status for r in rows()} == {"done"}
    assert any(r.attempts > 1 for r in rows()), "no reply was lost: the test proves nothing"


def test_a_lost_digest_reply_posts_the_digest_once(slack, driver, no_backoff):
    from tests.e2e.test_digests import THU_0900_HEL, digest_posts, subscribe, tick

    driver.slash("new Acme 12k")
    subscribe(driver)
    slack.standin.faults.drop_reply("chat.postMessage", times=1)
    tick(slack, THU_0900_HEL + timedelta(minutes=1))
    [post] = digest_posts(slack)
    with db.session_scope() as s:
        [run] = s.exec(sqlmodel.select(DigestRun)).all()
    assert run.message_ts == post.ts
    [row] = rows("digest")
    assert (row.status, row.attempts, row.uncertain) == ("done", 2, True)


def test_a_rate_limit_waits_out_retry_after_without_holding_the_ack(slack, driver):
    slack.standin.faults.rate_limit("chat.postMessage", times=1, retry_after=30)
    reply = driver.slash("new Acme 12k")
    assert "Created #1 Acme" in text_of(reply.message)
    [row] = rows("card_post")
    assert (row.status, row.error) == ("pending", "ratelimited")
    assert row.due_at >= utcnow() + timedelta(seconds=25)
    assert posted_with(slack, SALES, "#1 Acme") == []
    with time_machine.travel(utcnow() + timedelta(seconds=31), tick=False):
        deliverer(slack.app).deliver_due()
    assert len(posted_with(slack, SALES, "#1 Acme")) == 1
    assert deal(1).card_ts is not None


def test_a_channel_that_removed_us_pauses_and_the_owner_hears_once(slack, driver):
    driver.slash("new Acme 12k")
    slack.standin.kick(SALES)
    driver.slash("move 1 qualified", user="U0BOB")
    driver.slash("note 1 still going", user="U0BOB")
    notices = [m for m in slack.standin.messages("D0ANN") if "can no longer post" in m.text]
    assert len(notices) == 1 and "<#C0SALES>" in notices[0].text
    paused = {r.kind for r in rows() if r.status == "paused"}
    assert {"thread_line", "card_update"} <= paused
    assert card(slack, 1).text.endswith("Prospect identified")  # as it was when we left
