"""Teams in digests and lists (issue 12) end to end: `/deal digest filter team`, `/deal list
team`, and the digest's per-team and per-owner lines, with win rates checked against a count
made here. Teams and members are rows inserted directly (not through `/deal team`)."""

import sqlmodel

import handlers.deals.blocks as blocks
from bot.cli import main
from bot.deals import listing
from bot.digests import teams as team_lines
from bot.workspaces.service import ensure_workspace
from storage import db
from storage.models import CurrencyRate, Deal, DigestSubscription, Member, SalesTeam
from tests.e2e.helpers import SALES, TEAM, text_of, told
from tests.e2e.test_digests import digest_posts

EAST = {"manager": "U0ANN", "sellers": ["U0BOB"]}
WEST = {"manager": "U0DAN", "sellers": ["U0EVE"]}


def make_team(name: str, manager: str | None, sellers: list[str]) -> int:
    """A sales team and its sellers, as rows; its id."""
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
        team = SalesTeam(
            team_id=TEAM,
            name=name,
            name_key=name.casefold(),
            manager_id=manager,
            created_by="U0ANN",
        )
        s.add(team)
        s.flush()
        # A manager leads the team (salesteam.manager_id) without being one of its sellers.
        if manager:
            s.add(Member(team_id=TEAM, user_id=manager, role="manager", set_by="U0ANN"))
        for user in sellers:
            s.add(
                Member(
                    team_id=TEAM, user_id=user, role="seller", sales_team_id=team.id, set_by="U0ANN"
                )
            )
        return team.id


def own(number: int, owner: str) -> None:
    """Hand deal #number to owner, straight in the database."""
    with db.session_scope() as s:
        d = s.exec(sqlmodel.select(Deal).where(Deal.team_id == TEAM, Deal.number == number)).one()
        d.owner_id = owner
        s.add(d)


def said(driver, typed: str, user: str = "U0ANN") -> str:
    message = driver.slash(typed, user=user).message
    return mrkdwn(message) or text_of(message)


def mrkdwn(message) -> str:
    """The text of a message's blocks, one block a paragraph (as Slack shows them)."""
    texts = []
    for b in message.blocks or []:
        parts = [b["text"]] if isinstance(b.get("text"), dict) else b.get("elements", [])
        texts += [p["text"] for p in parts if isinstance(p.get("text"), str)]
    return "\n\n".join(texts)


def digest_now(slack, driver) -> str:
    driver.slash("digest now")
    slack.settle()
    return mrkdwn(digest_posts(slack)[-1])


# (name typed, owner, outcome): East is ann (manager) and bob, West dan (manager) and eve;
# cat is in no team.
DEALS = [
    ("Alpha 10k", "U0ANN", None),
    ("Bravo 5k", "U0BOB", "won"),
    ("Charlie €2000", "U0BOB", "won"),
    ("Delta 3k", "U0BOB", "lost"),
    ("Echo 8k", "U0EVE", "won"),
    ("Foxtrot 4k", "U0EVE", "lost"),
    ("Golf 6k", "U0DAN", "lost"),
    ("Hotel 1k", "U0CAT", "won"),
    ("India 9k", "U0CAT", None),
]


def pipeline(driver) -> None:
    """Two teams, the deals above, closed and handed to their owners."""
    make_team("East", EAST["manager"], EAST["sellers"])
    make_team("West", WEST["manager"], WEST["sellers"])
    for n, (typed, owner, outcome) in enumerate(DEALS, start=1):
        driver.slash(f"new {typed}")
        if outcome == "won":
            driver.slash(f"won {n}")
        elif outcome == "lost":
            driver.slash(f"lost {n} price")
        own(n, owner)


def expected_rate(members: set[str]) -> str:
    """The win rate of the deals owned by these people, counted here from DEALS."""
    won = sum(1 for _, o, out in DEALS if o in members and out == "won")
    closed = sum(1 for _, o, out in DEALS if o in members and out)
    return f"win rate {won / closed:.0%} ({won} of {closed} closed)"


def test_per_team_and_per_owner_lines_with_win_rates_counted_independently(slack, driver):
    pipeline(driver)
    driver.slash("digest daily 09:00 UTC")
    post = digest_now(slack, driver)
    east, west = {EAST["manager"], *EAST["sellers"]}, {WEST["manager"], *WEST["sellers"]}
    everyone = {o for _, o, _ in DEALS}
    assert "*By team* · open now; won and win rate over the last" in post
    assert (
        "*East* (<@U0ANN>) · 1 open deal · $10,000 · won 2 · €2,000 + $5,000 · "
        + expected_rate(east)
    ) in post
    assert "*West* (<@U0DAN>) · 0 open deals · won 1 · $8,000 · " + expected_rate(west) in post
    assert "*No team* · 1 open deal · $9,000 · won 1 · $1,000 · " in post
    assert expected_rate(everyone - east - west) in post
    assert expected_rate(east) == "win rate 67% (2 of 3 closed)"  # the count above is sane
    assert "*By owner*" in post
    assert "<@U0BOB> (East) · 0 open deals · won 2 · €2,000 + $5,000 · " in post
    assert "<@U0CAT> · 1 open deal · $9,000 · won 1 · $1,000 · win rate 100% (1 of 1" in post
    # Converted at a rate once there is one, saying so.
    with db.session_scope() as s:  # as `/deal rate EUR 1.10` sets it (an admin's command)
        s.add(CurrencyRate(team_id=TEAM, currency="EUR", rate="1.10", set_by="U0ANN"))
    post = digest_now(slack, driver)
    assert "won 2 · €2,000 + $5,000 (= $7,200 converted at your rates)" in post


def test_owner_lines_are_capped_and_the_rest_counted(slack, driver, monkeypatch):
    monkeypatch.setattr(team_lines, "OWNER_MAX", 2)
    pipeline(driver)
    driver.slash("digest daily 09:00 UTC")
    post = digest_now(slack, driver)
    owners = post.split("*By owner*")[1]
    assert owners.count("open deal") == 2  # the top two: ann ($10,000) and cat ($10,000)
    assert "<@U0ANN>" in owners and "<@U0CAT>" in owners and "<@U0DAN>" not in owners
    assert "…and 3 more: see `/deal list @someone`" in owners


def test_no_team_lines_without_teams(slack, driver):
    driver.slash("new Alpha 10k")
    driver.slash("digest daily 09:00 UTC")
    post = digest_now(slack, driver)
    assert "By team" not in post and "No team" not in post
    assert "<@U0ANN> · 1 open deal · $10,000 · won 0 · win rate –" in post


def test_digest_filter_team_narrows_shows_and_clears(slack, driver):
    pipeline(driver)
    driver.slash("digest daily 09:00 UTC")
    answer = said(driver, "digest filter team north")
    assert "There is no sales team called `north`. The teams are `East`, `West`." in answer
    answer = said(driver, "digest filter team  EAST ")
    assert "counts only deals of team *East* (its sellers' and manager's)" in answer
    assert "Only deals of team *East*" in said(driver, "digest")
    post = digest_now(slack, driver)
    assert "*1 open deal* · $10,000\n" in post  # ann's Alpha; cat's India is not East's
    assert "Deals of team *East* (its sellers' and manager's)." in post
    assert "*West*" not in post and "No team" not in post and "<@U0CAT>" not in post
    assert "Win rate 67% (2 won, 1 lost)" in post
    assert "every deal again" in said(driver, "digest filter clear")
    post = digest_now(slack, driver)
    assert "*2 open deals*" in post and "of team" not in post and "*West*" in post


def test_filter_team_without_teams_says_how_to_make_one(slack, driver):
    driver.slash("digest daily 09:00 UTC")
    answer = said(driver, "digest filter team East")
    assert "this workspace has no teams yet" in answer and "/deal team" in answer
    with db.session_scope() as s:
        assert s.exec(sqlmodel.select(DigestSubscription.sales_team_filter)).one() is None


def test_list_team_mine_a_managers_by_name_and_pages(slack, driver, monkeypatch):
    answer = said(driver, "list team", user="U0CAT")
    assert "You are in no sales team yet" in answer and "`/deal team add …`" in answer
    pipeline(driver)
    mine = said(driver, "list team", user="U0BOB")
    assert "Open deals of team East* · 1 deal" in mine and "#1 Alpha" in mine
    assert "#9 India" not in mine and "#2 Bravo" not in mine  # cat's; a won deal
    assert "Open deals of team East" in said(driver, "list team")  # ann leads East
    assert "Open deals of team West*\nTeam West has no open deals" in said(driver, "list team west")
    assert "You are in no sales team yet" in said(driver, "list team", user="U0CAT")
    assert "The teams are `East`, `West`" in said(driver, "list team north")
    driver.slash("new Juliet 2k", user="U0BOB")
    driver.slash("new Kilo 2k", user="U0BOB")
    assert "There is no page 3: this list has 3 deals on 1 page" in said(driver, "list team page 3")
    monkeypatch.setattr(listing, "PAGE", 2)
    monkeypatch.setattr(blocks, "LIST_PAGE", 2)
    first = driver.slash("list team east", user="U0CAT").message
    assert "Showing 1–2 of 3" in text_of(first)
    driver.click("deal_list_page", message=first, user="U0CAT")
    page2 = slack.standin.ephemerals("U0CAT")[-1]
    assert "Open deals of team East* · 3 deals" in text_of(page2) and "Showing" not in text_of(
        page2
    )
    assert "#11 Kilo" in text_of(page2)
    assert "went wrong" not in told(slack, "U0CAT")


def test_print_has_the_team_and_owner_lines(slack, driver, monkeypatch, capsys, database_url):
    pipeline(driver)
    driver.slash("digest daily 09:00 UTC", channel=SALES)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert main(["digest", "--channel", SALES, "--print"]) == 0
    out = capsys.readouterr().out
    assert "By team" in out and "East" in out and "win rate 67% (2 of 3 closed)" in out
    assert "By owner" in out and "@U0BOB (East)" in out and "<@U" not in out
