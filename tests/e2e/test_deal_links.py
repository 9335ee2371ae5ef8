"""Deal links end to end: <DEALBOT_PUBLIC_URL>/d/<team>/<number> on the card and in /deal
show, its redirect to the card in Slack, and its unfurl (link_shared -> chat.unfurl) with
Advance and Show working from the unfurl."""

import http.client
import logging
from urllib.parse import urlsplit

import pytest
import sqlmodel

from bot.local.loopback import LocalSlack
from bot.local.standin import links as pasted
from storage import db
from storage.models import Deal
from tests.e2e.helpers import SALES, TEAM, card, everyone_may_change, qualify, stage_key, text_of

PUBLIC = "https://deals.example.com"
HOST = "deals.example.com"  # what `dealbot manifest --url` puts in unfurl_domains


@pytest.fixture
def linked(database_url, paced_on_test_time):
    """dealbot with DEALBOT_PUBLIC_URL set, its host registered as the app's unfurl domain."""
    with LocalSlack(database_url, public_url=PUBLIC) as local:
        local.standin.unfurl_domains = [HOST]
        yield local
        assert local.standin.contract_failures == [], "calls that real Slack would refuse"


def link(number: int, team: str = TEAM) -> str:
    return f"{PUBLIC}/d/{team}/{number}"


def request(local, path: str, method: str = "GET") -> http.client.HTTPResponse:
    """One request to the app, redirects not followed."""
    host, port = urlsplit(local.url).hostname, urlsplit(local.url).port
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request(method, path)
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def unfurled(local) -> list:
    return [c for c in local.standin.calls if c.method == "chat.unfurl"]


def new_deal(local, text: str = "new Acme Corp 12k", user: str = "U0ANN") -> None:
    assert "Created" in text_of(local.driver.slash(text, user=user).message)


# the link on the card and in /deal show ------------------------------------------------------


def test_the_card_and_deal_show_carry_the_deals_link(linked):
    new_deal(linked)
    assert f"<{link(1)}>" in text_of(card(linked, 1))
    shown = linked.driver.slash("show 1").message
    assert f"<{link(1)}>" in text_of(shown)


def test_without_a_public_url_the_card_has_no_link(slack, driver):
    driver.slash("new Acme Corp 12k")
    assert "/d/T0DEMO/1" not in text_of(card(slack, 1))
    assert "Link to this deal" not in text_of(driver.slash("show 1").message)
    assert request(slack, "/d/T0DEMO/1").status == 404  # no link was ever given out


# the redirect ---------------------------------------------------------------------------------


def test_the_link_redirects_to_the_cards_permalink_and_says_nothing_else(linked):
    new_deal(linked)
    c = card(linked, 1)
    answer = request(linked, "/d/T0DEMO/1")
    assert answer.status == 302
    assert answer.getheader("Location") == (
        f"https://demo-co.slack.com/archives/{SALES}/p{c.ts.replace('.', '')}"
    )
    assert answer.body == b"" and b"Acme" not in answer.body
    assert answer.getheader("Cache-Control") == "no-store"
    head = request(linked, "/d/T0DEMO/1/", "HEAD")
    assert head.status == 302 and head.getheader("Location") == answer.getheader("Location")
    assert linked.standin.call_count("chat.getPermalink", ok=True) == 1  # asked once per card


@pytest.mark.parametrize(
    "path",
    [
        "/d/T0DEMO/2",  # no such deal
        "/d/T0OTHER/1",  # no such workspace
        "/d/t0demo/1",
        "/d/T0DEMO/abc",
        "/d/x/abc",
        "/d/T0DEMO/0",
        "/d/T0DEMO/-1",
        "/d/T0DEMO/2147483648",  # past the database's integers
        "/d/T0DEMO/" + "9" * 400,
        "/d/T0DEMO/1/extra",
        "/d/T0DEMO",
        "/d/",
        "/d",
        "/d/%E2%82%AC/1",  # unicode
        "/d/T0DEMO/%D9%A1",  # an Arabic-Indic digit one
        "/d/T0DEMO/1%00",
        "/d/T0DEMO//1",
    ],
)
def test_unknown_or_odd_links_are_a_plain_404(linked, path):
    new_deal(linked)
    for method in ("GET", "HEAD"):
        answer = request(linked, path, method)
        assert answer.status == 404, (path, method)
        assert answer.getheader("Location") is None
        assert b"Acme" not in answer.body and b"#1" not in answer.body
    assert request(linked, path).body == b"No such deal link.\n"


def test_other_methods_are_refused_without_a_500(linked):
    new_deal(linked)
    for method in ("POST", "PUT", "DELETE"):
        assert request(linked, "/d/T0DEMO/1", method).status == 405


def test_a_deal_whose_card_is_gone_or_not_posted_yet_goes_to_its_channel(linked):
    new_deal(linked)
    new_deal(linked, "new Globex 5k")
    linked.standin.change_message(card(linked, 1), deleted=True)  # someone deleted the card
    gone = request(linked, "/d/T0DEMO/1")
    assert gone.status == 302
    assert gone.getheader("Location") == (
        f"https://slack.com/app_redirect?team=T0DEMO&channel={SALES}"
    )
    with db.session_scope() as s:  # a card still on its way (the outbox has not posted it)
        deal = s.exec(sqlmodel.select(Deal).where(Deal.team_id == TEAM, Deal.number == 2)).one()
        deal.card_ts = None
    assert request(linked, "/d/T0DEMO/2").getheader("Location").endswith(f"channel={SALES}")
    with db.session_scope() as s:  # never posted anywhere (an imported deal)
        deal = s.exec(sqlmodel.select(Deal).where(Deal.team_id == TEAM, Deal.number == 2)).one()
        deal.channel_id = None
    assert request(linked, "/d/T0DEMO/2").status == 404


# unfurls --------------------------------------------------------------------------------------


def test_a_pasted_deal_link_unfurls_as_a_compact_card(linked):
    new_deal(linked, f"new Acme Corp 12k {linked.driver.mention('U0BOB')}")
    msg, reply = pasted.paste(linked.driver, f"Where are we with {link(1)}? Call tomorrow.")
    assert reply.status == 200
    u = pasted.unfurl_of(linked.standin, link(1), msg.ts)
    assert u is not None and (u.channel, u.source) == (SALES, "conversations_history")
    shown = str(u.blocks)
    for part in (
        "#1 Acme Corp",
        "Prospect identified",
        "$12,000",
        "<@U0BOB>",
        "Advance to Lead qualified",
        "Show",
    ):
        assert part in shown, part
    assert unfurled(linked)[-1].args["channel"] == SALES
    assert unfurled(linked)[-1].args["ts"] == msg.ts
    assert [m.ts for m in linked.standin.messages(SALES)][-1] == msg.ts  # nothing posted


def test_a_link_in_the_message_composer_unfurls_by_its_unfurl_id(linked):
    new_deal(linked)
    assert pasted.compose(linked.driver, f"look: {link(1)}").status == 200
    call = unfurled(linked)[-1]
    assert call.ok and call.args["source"] == "composer" and "unfurl_id" in call.args
    assert pasted.unfurl_of(linked.standin, link(1)).channel == "COMPOSER"


def test_a_closed_deal_unfurls_without_advance(linked):
    new_deal(linked)
    linked.driver.slash("won 1")
    msg, _ = pasted.paste(linked.driver, link(1))
    shown = str(pasted.unfurl_of(linked.standin, link(1), msg.ts).blocks)
    assert "deal_advance" not in shown and "deal_show" in shown and "reopen 1" in shown


@pytest.mark.parametrize(
    "text",
    [
        f"{PUBLIC}/d/T0DEMO/7",  # no deal #7
        f"{PUBLIC}/d/T0DEMO/abc",
        f"{PUBLIC}/d/T0DEMO/99999999999999999999",
        f"{PUBLIC}/d/T0OTHER/1",  # another workspace's
        f"{PUBLIC}/pricing",
        "https://www.deals.example.com/d/T0DEMO/1",  # a subdomain: Slack sends it, not ours
        f"{PUBLIC}/d/T0DEMO/١",
    ],
)
def test_links_that_are_not_this_workspaces_deals_do_not_unfurl(linked, caplog, text):
    caplog.set_level(logging.INFO, logger="dealbot.links")
    new_deal(linked)
    before = len(linked.standin.messages(SALES))
    _, reply = pasted.paste(linked.driver, f"see {text}")
    assert reply.status == 200  # Slack sent link_shared; dealbot answered it
    assert unfurled(linked) == []
    assert len(linked.standin.messages(SALES)) == before + 1  # only the pasted message
    assert linked.standin.ephemerals("U0BOB") == []
    assert "not unfurled" in caplog.text


def test_links_on_other_domains_never_reach_dealbot(linked):
    new_deal(linked)
    _, reply = pasted.paste(linked.driver, "see https://example.org/d/T0DEMO/1")
    assert reply.status == 0 and unfurled(linked) == []


def test_without_links_read_slack_sends_no_link_shared(linked):
    new_deal(linked)
    linked.standin.scopes = set(linked.standin.scopes) - {"links:read"}
    _, reply = pasted.paste(linked.driver, link(1))
    assert reply.status == 0 and unfurled(linked) == []


# buttons on an unfurl -------------------------------------------------------------------------


def test_show_on_an_unfurl_answers_only_the_clicker(linked):
    new_deal(linked)
    msg, _ = pasted.paste(linked.driver, link(1))
    pasted.click_unfurl(linked.driver, "deal_show", link(1), user="U0CAT", ts=msg.ts)
    seen = linked.standin.ephemerals("U0CAT")
    assert len(seen) == 1 and "#1 Acme Corp" in text_of(seen[0]) and "History" in text_of(seen[0])
    assert linked.standin.find_message(SALES, msg.ts).text == f"<{link(1)}>"  # untouched


def test_advance_on_an_unfurl_moves_the_deal_and_says_so(linked):
    new_deal(linked)
    qualify(linked, linked.driver, 1)  # an SQL moves to Lead qualified
    msg, _ = pasted.paste(linked.driver, f"{link(1)} is hot", user="U0ANN")
    pasted.click_unfurl(linked.driver, "deal_advance", link(1), user="U0ANN", ts=msg.ts)
    assert stage_key(1) == "contacted"
    said = text_of(linked.standin.ephemerals("U0ANN")[-1])
    assert said == "Done: #1 Acme Corp is now at *First meeting held*; its card is updated."
    assert "First meeting held" in text_of(card(linked, 1))  # the card, updated in place
    assert linked.standin.find_message(SALES, msg.ts).text == f"<{link(1)}> is hot"


def test_advance_on_an_unfurl_asks_about_an_unqualified_deal_then_moves_anyway(linked):
    new_deal(linked)
    msg, _ = pasted.paste(linked.driver, link(1), user="U0ANN")
    pasted.click_unfurl(linked.driver, "deal_advance", link(1), user="U0ANN", ts=msg.ts)
    assert stage_key(1) == "prospect"
    offer = linked.standin.ephemerals("U0ANN")[-1]
    assert "not qualified yet" in text_of(offer)
    linked.driver.click("bant_move_anyway", message=offer, user="U0ANN")
    assert stage_key(1) == "qualified"


def test_advance_on_an_unfurl_is_refused_to_whoever_may_not_change_the_deal(linked):
    new_deal(linked)  # ann's deal
    msg, _ = pasted.paste(linked.driver, link(1))
    pasted.click_unfurl(linked.driver, "deal_advance", link(1), user="U0CAT", ts=msg.ts)
    assert stage_key(1) == "prospect"
    assert "Only the deal's owner (<@U0ANN>)" in text_of(linked.standin.ephemerals("U0CAT")[-1])


def test_advance_on_an_old_unfurl_says_the_deal_has_moved(linked):
    new_deal(linked)
    everyone_may_change(linked.driver)
    qualify(linked, linked.driver, 1)
    msg, _ = pasted.paste(linked.driver, link(1))
    linked.driver.slash("move 1 proposal")  # after the link was pasted
    pasted.click_unfurl(linked.driver, "deal_advance", link(1), user="U0BOB", ts=msg.ts)
    assert stage_key(1) == "proposal"
    assert "Done" not in text_of(linked.standin.ephemerals("U0BOB")[-1])


# another workspace ------------------------------------------------------------------------------


@pytest.fixture
def two(database_url, paced_on_test_time):
    """dealbot distributed to two workspaces, with deal links on."""
    with LocalSlack(database_url, oauth=True, public_url=PUBLIC) as local:
        other = local.standin.add_workspace(team_id="T0SECOND", team_name="Second Co")
        for ws in (local.standin, other):
            ws.unfurl_domains = [HOST]
        local.install(user="U0ANN")
        local.install(other, user="U0BOB")
        yield local, other
        assert local.standin.directory.contract_failures() == []


def test_a_link_pasted_in_another_workspace_does_not_unfurl(two, caplog):
    caplog.set_level(logging.INFO, logger="dealbot.links")
    local, other = two
    new_deal(local)
    theirs = local.driver_for(other)
    assert "Created #1 Globex" in text_of(theirs.slash("new Globex 5k", user="U0BOB").message)
    _, reply = pasted.paste(theirs, f"is this ours? {link(1)}")
    assert reply.status == 200 and pasted.unfurl_of(other, link(1)) is None
    assert "another workspace" in caplog.text
    own, _ = pasted.paste(theirs, link(1, team="T0SECOND"))
    assert "Globex" in str(pasted.unfurl_of(other, link(1, team="T0SECOND"), own.ts).blocks)
    assert request(local, "/d/T0SECOND/1").status == 302  # each link to its own workspace's card
    assert "second-co.slack.com" in request(local, "/d/T0SECOND/1").getheader("Location")


def test_the_demo_steps_unfurl_a_pasted_link_and_redirect(database_url, paced_on_test_time):
    from bot.local import demo_links

    with LocalSlack(database_url, public_url=demo_links.PUBLIC_URL) as local:
        new_deal(local, f"new Acme Corp 12k {local.driver.mention('U0BOB')}")
        printed: list[str] = []
        for _say, act in demo_links.link_steps(printed.append, local):
            act(local.driver, local.standin)
        out = "\n".join(printed)
        assert "── unfurl under @bob's message" in out and "#1 Acme Corp" in out
        assert "302 Found → https://demo-co.slack.com/archives/C0SALES/p" in out
        assert "#1 Acme Corp" in text_of(local.standin.ephemerals("U0CAT")[-1])
        assert local.standin.contract_failures == []
