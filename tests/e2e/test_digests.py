"""Issue 6 end to end: digest schedules, exactly-once runs, failures, nudges; time controlled."""

import threading
from datetime import UTC, datetime, timedelta

import sqlmodel
import time_machine

from bot.cli import main
from handlers.digests import posting as digests
from handlers.nudges import dms as nudges
from storage import db
from storage.models import Activity, Deal, DigestRun, DigestSubscription
from tests.e2e.helpers import SALES, card, text_of

WED_NOON = datetime(2026, 1, 14, 12, tzinfo=UTC)  # 14:00 in Helsinki
THU_0900_HEL = datetime(2026, 1, 15, 7, tzinfo=UTC)


def digest_posts(slack, channel=SALES):
    return [m for m in slack.standin.messages(channel) if "pipeline" in (m.text or "").lower()
            or (m.blocks and "Pipeline" in str(m.blocks[0]))]


def tick(slack, now):
    """One clock tick at `now`: claims, then what the outbox delivers for them."""
    with time_machine.travel(now, tick=False):
        digests.run_due(now)
        nudges.run_due(now)
        slack.settle()


def subscribe(driver, text="daily 09:00 Europe/Helsinki", channel=SALES, user="U0ANN"):
    with time_machine.travel(WED_NOON, tick=False):
        return driver.slash(f"digest {text}", channel=channel, user=user)


def test_subscribe_and_show_the_schedule(slack, driver):
    reply = subscribe(driver)
    assert "This channel gets the *daily 09:00 Europe/Helsinki* digest" in text_of(reply.message)
    with time_machine.travel(WED_NOON, tick=False):
        shown = text_of(driver.slash("digest").message)
    assert "daily 09:00 Europe/Helsinki" in shown and "Next:" in shown
    assert "is not a time of day" in text_of(subscribe(driver, "daily 9am").message)
    assert "is not a time zone" in text_of(subscribe(driver, "daily 09:00 Mars/Base").message)
    assert "is not a weekday" in text_of(subscribe(driver, "weekly someday 08:30").message)


def test_zone_defaults_to_the_callers_slack_time_zone(slack, driver):
    reply = subscribe(driver, "weekly mon 08:30", user="U0BOB")
    assert "weekly mon 08:30 America/New_York" in text_of(reply.message)


def test_posted_at_its_time_once_whatever_the_ticks(slack, driver):
    driver.slash("new Acme 12k")
    subscribe(driver)
    tick(slack, THU_0900_HEL - timedelta(minutes=1))
    assert digest_posts(slack) == []
    tick(slack, THU_0900_HEL)
    tick(slack, THU_0900_HEL + timedelta(minutes=1))
    tick(slack, THU_0900_HEL + timedelta(hours=3))
    [post] = digest_posts(slack)
    assert "Late" not in text_of(post)
    with db.session_scope() as s:
        [run] = s.exec(sqlmodel.select(DigestRun)).all()
        assert (run.message_ts, run.late) == (post.ts, False)


def test_racing_schedulers_post_exactly_once(slack, driver):
    driver.slash("new Acme 12k")
    subscribe(driver)
    barrier = threading.Barrier(4)

    def replica():
        barrier.wait()
        digests.run_due(THU_0900_HEL + timedelta(seconds=30))

    with time_machine.travel(THU_0900_HEL, tick=False):
        threads = [threading.Thread(target=replica) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        slack.settle()
    assert len(digest_posts(slack)) == 1


def test_missed_during_downtime_is_posted_late_once(slack, driver):
    driver.slash("new Acme 12k")
    subscribe(driver)
    tick(slack, THU_0900_HEL + timedelta(hours=5))
    tick(slack, THU_0900_HEL + timedelta(hours=6))
    [post] = digest_posts(slack)
    assert "Late: this is the digest of" in text_of(post)


def test_a_broken_channel_is_paused_its_owner_told_and_others_still_post(slack, driver):
    driver.slash("new Acme 12k")
    slack.standin.invite("G0PRIV")
    subscribe(driver, channel="G0PRIV", user="U0BOB")
    slack.standin.kick("G0PRIV")  # removed from the private channel after the subscription
    subscribe(driver)
    tick(slack, THU_0900_HEL)
    assert len(digest_posts(slack)) == 1
    with db.session_scope() as s:
        sub = s.exec(sqlmodel.select(DigestSubscription).where(
            DigestSubscription.channel_id == "G0PRIV")).one()
        assert not sub.active and sub.paused_reason == "channel_not_found"
    [dm] = [m for m in slack.standin.feed() if m.channel == "D0BOB" and m.kind == "message"]
    assert "I paused the digest for <#G0PRIV>" in dm.text
    assert "/deal digest daily 09:00 Europe/Helsinki" in dm.text
    with time_machine.travel(WED_NOON, tick=False):
        shown = text_of(driver.slash("digest", channel="G0PRIV").message)
    assert "paused: Slack said `channel_not_found`" in shown


def test_now_off_and_filters(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash(f"new Big one 50k {driver.mention('U0BOB')}")
    subscribe(driver)
    reply = driver.slash("digest filter min 20k")
    assert "worth at least $20,000" in text_of(reply.message)
    driver.slash("digest now")
    [post] = digest_posts(slack)
    assert "#2 Big one" in text_of(post) or "$50,000" in text_of(post)
    assert "$12,000" not in text_of(post) and "$62,000" not in text_of(post)
    assert "owned by <@U0BOB>" in text_of(driver.slash(
        f"digest filter owner {driver.mention('U0BOB')}").message)
    assert "counts every deal again" in text_of(driver.slash("digest filter clear").message)
    assert "The digest here is off." in text_of(driver.slash("digest off").message)
    tick(slack, THU_0900_HEL)
    assert len(digest_posts(slack)) == 1


def age(number: int, days: int) -> None:
    """Make deal #number look `days` old and quiet (its history moved back in time)."""
    with db.session_scope() as s:
        deal = s.exec(sqlmodel.select(Deal).where(Deal.number == number)).one()
        then = THU_0900_HEL - timedelta(days=days)
        deal.created_at = deal.stage_changed_at = then
        for a in s.exec(sqlmodel.select(Activity).where(Activity.deal_id == deal.id)):
            a.at = then
            s.add(a)
        s.add(deal)


def test_quiet_deals_nudge_their_owner_once_a_day_and_snooze_works(slack, driver):
    driver.slash("new Quiet one 5k")
    driver.slash("new Busy one 5k")
    subscribe(driver)
    age(1, 20)
    tick(slack, THU_0900_HEL)
    tick(slack, THU_0900_HEL + timedelta(minutes=5))
    dms = [m for m in slack.standin.feed() if m.channel == "D0ANN" and m.kind == "message"]
    assert len(dms) == 1
    nudge = dms[0]
    assert "1 of your deals went quiet" in text_of(nudge) and "#1 Quiet one" in text_of(nudge)
    assert "#2 Busy one" not in text_of(nudge)
    actions = [e["action_id"] for b in nudge.blocks if b["type"] == "actions"
               for e in b["elements"]]
    assert actions == ["deal_next_step", "deal_snooze", "deal_stage_select", "deal_lost"]
    with time_machine.travel(THU_0900_HEL + timedelta(minutes=10), tick=False):
        driver.click("deal_snooze", message=nudge)
        [form] = slack.standin.open_views("U0ANN")
        reply = driver.submit(form["id"], {"snooze_until": "2026-02-01",
                                           "snooze_reason": "budget opens in February"})
    assert not reply.errors
    tick(slack, THU_0900_HEL + timedelta(days=1))
    dms = [m for m in slack.standin.feed() if m.channel == "D0ANN" and m.kind == "message"]
    assert len(dms) == 1  # snoozed: no nudge the next day
    assert "snoozed it until 2026-02-01: budget opens in February" in text_of(card(slack, 1))


def test_cli_prints_a_channels_digest(slack, driver, monkeypatch, capsys, database_url):
    driver.slash("new Acme & Sons 12k")
    age(1, 20)  # listed as quiet, with its owner
    subscribe(driver)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert main(["digest", "--channel", SALES, "--print"]) == 0
    out = capsys.readouterr().out
    assert "$12,000" in out and "#1 Acme & Sons" in out and "@U0ANN" in out
    assert not any(markup in out for markup in ("<!date^", "&amp;", "<@U", "\u200b"))


def test_list_stale_shows_quiet_deals_that_are_not_snoozed(slack, driver):
    driver.slash("new Quiet one 5k")
    driver.slash("new Busy one 5k")
    driver.slash("new Snoozed one 5k")
    age(1, 20)
    age(3, 20)
    with db.session_scope() as s:
        deal = s.exec(sqlmodel.select(Deal).where(Deal.number == 3)).one()
        deal.snoozed_until = (datetime.now(UTC) + timedelta(days=10)).date()
        s.add(deal)
    with time_machine.travel(THU_0900_HEL, tick=False):
        shown = text_of(driver.slash("list stale").message)
    assert "Quiet deals* · 1 deal" in shown and "#1 Quiet one" in shown
    assert "#2 Busy one" not in shown and "#3 Snoozed one" not in shown
