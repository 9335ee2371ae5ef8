"""The digest message: what it says, Slack's limits, escaping, and that Slack's models accept it."""

import re
from datetime import UTC, datetime, timedelta

from slack_sdk.models.blocks import Block
from sqlalchemy import insert, select

from bot.common.money import Money
from bot.digests.build import build_digest
from bot.digests.digest import (
    Bottleneck,
    DealLine,
    Digest,
    Filters,
    Listed,
    Snapshot,
    StageRow,
)
from bot.digests.metrics import Metrics, Step
from bot.workspaces.service import ensure_workspace
from handlers.digests.blocks import digest_blocks, digest_text
from handlers.kit.layout import MESSAGE_BLOCKS, SECTION_TEXT
from storage import queries
from storage.models import Activity, Deal

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
SINCE = NOW - timedelta(days=1)
ANN, BOB = "U0ANN", "U0BOB"
T = "T0TEST"


def usd(major):
    return Money(major * 100, "USD")


TWELVE_K = Money(1_200_000, "USD")


def line(number, name="Acme", value=TWELVE_K, detail=None, days=None, owner=ANN):
    return DealLine(number, name, owner, value, detail, days)


def sample(**kw) -> Digest:
    d = Digest(
        team_id="T", now=NOW, since=SINCE, filters=Filters(), currency="USD", open_count=10,
        open_value=[usd(177_000), Money(500_000, "EUR")], weighted=[usd(69_500)],
        stages=[StageRow("prospect", "Prospect identified", 2, [usd(10_000)], [usd(500)]),
                StageRow("proposal", "Proposal received", 4, [usd(97_000)], [usd(48_500)]),
                StageRow("committed", "Verbal commitment given", 0, [], [])],
        prospecting_low=True, new_leads=[("inbound", 2), (None, 1)], moves=3, forward=2,
        notable=[line(4, "Delta", usd(30_000), "First meeting held → Needs confirmed", owner=BOB)],
        won=Listed(1, [line(10, "Kappa", usd(25_000))], [usd(25_000)]),
        lost=Listed(1, [line(11, "Lambda", usd(15_000), "Price too high", owner=BOB)],
                    [usd(15_000)]),
        loss_reasons=[("Price too high", 1)],
        slipped=Listed(2, [line(6, "Zeta", usd(50_000), "close 2026-04-30")]),
        stale=Listed(1, [line(3, "Gamma", usd(20_000), "Lead qualified", 30)]),
        overdue=Listed(2, [line(5, "Epsilon", usd(40_000), "close 2026-02-20", 10)]),
        bottleneck=Bottleneck("Proposal received", 25.0, 21.6111, [line(5, "Epsilon", days=50)]),
        metrics=Metrics(won=2, lost=2, avg_size=[usd(30_000)], cycle_days=49.9167,
                        steps=[Step("Prospect identified", "Lead qualified", 14, 11)],
                        created=14, qualified=12, velocity=Money(300_501, "USD")),
    )
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def texts(blocks):
    """Every text of the blocks, with the kind of block it is in."""
    for b in blocks:
        if b["type"] == "section":
            yield b["text"]["text"]
        elif b["type"] == "context":
            yield from (e["text"] for e in b["elements"])
        elif b["type"] == "header":
            yield b["text"]["text"]


def check_slack(blocks):
    assert 0 < len(blocks) <= MESSAGE_BLOCKS
    for b in blocks:
        assert Block.parse(b).to_dict() == b
    assert all(len(t) <= SECTION_TEXT for t in texts(blocks))


def test_what_the_digest_says():
    blocks = digest_blocks(sample(), late_note="Posted late: dealbot was down at 08:00.")
    check_slack(blocks)
    all_text = "\n".join(texts(blocks))
    assert blocks[1]["elements"][0]["text"] == "⏰ Posted late: dealbot was down at 08:00."
    assert "*10 open deals* · $177,000 + €5,000\nWeighted forecast $69,500" in all_text
    assert "more prospecting needed" in all_text
    assert "*New leads:* 3 (2 inbound, 1 no source)\n*Moves:* 3 (2 forward)" in all_text
    assert "↗ #4 Delta · $30k · First meeting held → Needs confirmed · <@U0BOB>" in all_text
    assert "*Lost:* 1 · $15,000 (Price too high ×1)" in all_text
    assert "*Close dates slipped:* 2\n#6 Zeta · $50k · close 2026-04-30 · <@U0ANN>\n" in all_text
    assert "…and 1 more: see `/deal list`" in all_text
    assert "#3 Gamma · $20k · Lead qualified · quiet 30 days · <@U0ANN>" in all_text
    assert "*Bottleneck:* Proposal received: deals there now 25.0 days on average, usually " \
           "21.6 (1.2×)" in all_text
    assert "Win rate 50% (2 won, 2 lost) · average deal $30,000 · cycle 49.9 days" in all_text
    assert "Sales velocity $3,005.01/day · qualified 86% (12 of 14 new deals)" in all_text
    assert "Prospect identified → Lead qualified 79% (11/14)" in all_text


def test_the_stage_table_aligns_and_shows_the_funnel_shape():
    text = next(t for t in texts(digest_blocks(sample())) if "Pipeline by stage" in t)
    table = re.search(r"```\n(.*)\n```", text, re.S).group(1).split("\n")
    assert table == [
        "Prospect identified █████░░░░░    2",  # 2 of the largest 4: half the bar
        "  $10k · weighted $500",
        "Proposal received   ██████████    4",
        "  $97k · weighted $48.5k",
        "Verbal commitment … ░░░░░░░░░░    0",
    ]


def test_change_since_the_previous_digest():
    prev = Snapshot(SINCE, 8, {"USD": 16_500_000, "EUR": 600_000}, {"USD": 6_950_000})
    d = sample(previous=prev)
    ctx = digest_blocks(d)[2]["elements"][0]["text"]
    assert ctx == ("Since <!date^1772366400^{date_short_pretty}|2026-03-01>: +2 open deals · "
                   "open value +$12,000, -€1,000")
    same = Snapshot(SINCE, 10, {"USD": 17_700_000, "EUR": 500_000}, {"USD": 6_950_000})
    assert digest_blocks(sample(previous=same))[2]["elements"][0]["text"].startswith(
        "No change since <!date^")


def test_two_thousand_stale_deals_are_counted_not_listed():
    many = [line(n, "&" * 150, days=40) for n in range(2_000)]  # escaping quintuples each name
    d = sample(stale=Listed(2_000, many), overdue=Listed(2_000, many), slipped=Listed(2_000, many),
               notable=many, won=Listed(2_000, many), lost=Listed(2_000, many))
    blocks = digest_blocks(d)
    check_slack(blocks)
    all_text = "\n".join(texts(blocks))
    assert re.search(r"…and 1,9\d\d more: see `/deal list stale`", all_text)
    assert "*Stale:* 2,000" in all_text


def test_user_text_is_escaped():
    evil = "<!channel> *bold* & <@U0BOSS>"
    d = sample(
        stale=Listed(1, [line(3, evil, detail="<!here>")]),
        lost=Listed(1, [line(11, evil, detail="<!everyone> went away")]),
        loss_reasons=[("<!everyone> went away", 1)],
        stages=[StageRow("x", "<!here> stage", 1, [usd(1)], [usd(1)])],
        filters=Filters(stage_key="<!here>"),
    )
    for out in ["\n".join(texts(digest_blocks(d))), digest_text(d)]:
        assert "<!channel>" not in out and "<!here>" not in out and "<!everyone>" not in out
        assert "<@U0BOSS>" not in out
        assert "&lt;!channel&gt;" in out and "in stage `&lt;!here&gt;`" in out
        assert set(re.findall(r"<([!@][^|>^]*)", out)) <= {"!date", "@U0ANN", "@U0BOB"}


def test_an_empty_digest_and_the_filters():
    d = sample(open_count=0, open_value=[], weighted=[], stages=[], new_leads=[], moves=0,
               notable=[], won=Listed(), lost=Listed(), loss_reasons=[], slipped=Listed(),
               stale=Listed(), overdue=Listed(), bottleneck=None, metrics=Metrics(),
               filters=Filters(owner=BOB, min_value_minor=1_000_000))
    blocks = digest_blocks(d)
    check_slack(blocks)
    out = "\n".join(texts(blocks))
    assert "*No open deals.*" in out
    assert "\nDeals owned by <@U0BOB>, worth at least $10,000.\n" in out
    assert "Win rate – (0 won, 0 lost) · average deal – · cycle –" in out
    assert "*Bottleneck" not in out


def test_the_text_version_reads_on_its_own():
    out = digest_text(sample())
    assert out.startswith("Pipeline digest\n\n*10 open deals* · $177,000 + €5,000\n")
    assert "*Stale:* 1" in out and "Sales velocity $3,005.01/day" in out


def test_two_thousand_stale_deals_are_counted_and_five_listed(session):
    ensure_workspace(session=session, team_id=T)
    first = queries.stages(session=session, team_id=T)[0]
    old = NOW - timedelta(days=40)
    session.execute(insert(Deal), [
        dict(team_id=T, number=n, name=f"<!channel> {n}", value_minor=100_00, currency="USD",
             stage_id=first.id, owner_id=ANN, created_by=ANN, created_at=old, updated_at=old,
             stage_changed_at=old) for n in range(1, 2_001)])
    ids = session.scalars(select(Deal.id).where(Deal.team_id == T)).all()
    session.execute(insert(Activity), [
        dict(team_id=T, deal_id=i, actor_id=ANN, at=old, kind="created",
             to_value=first.name) for i in ids])
    d = build_digest(session=session, team_id=T, now=NOW, since=SINCE, filters=Filters(),
                     previous=None)
    assert (d.open_count, d.stale.count, len(d.stale.items)) == (2_000, 2_000, 5)
    assert d.stale.items[0].days == 40
    blocks = digest_blocks(d)
    check_slack(blocks)
    assert "…and 1,995 more: see `/deal list stale`" in str(blocks)
    assert "<!channel>" not in str(blocks)


def test_the_change_under_the_weighted_forecast_is_labelled_and_weighted():
    prev = Snapshot(SINCE, 11, {"USD": 17_200_000, "EUR": 950_000}, {"USD": 5_950_000})
    ctx = digest_blocks(sample(previous=prev))[2]["elements"][0]["text"]
    assert ctx.endswith(": -1 open deal · open value +$5,000, -€4,500 · weighted forecast +$10,000")


def test_a_digest_with_no_stage_to_show_says_so_instead_of_an_empty_table():
    d = sample(stages=[], open_count=0, filters=Filters(min_value_minor=10**9))
    text = str(digest_blocks(d))
    assert "```" not in text and "No open deals match this digest's filters." in text
