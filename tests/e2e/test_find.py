"""Issue 14, /deal find: ranked search over names, companies, contacts, next steps and notes."""

import pytest
import sqlmodel

from bot.deals import service as deals
from storage import db
from storage.models import Activity, Outbox
from tests.e2e.helpers import TEAM, payload_of, send_payload, text_of, told
from tests.e2e.test_team import reply_event


def found(driver, words: str, user: str = "U0ANN") -> str:
    return text_of(driver.slash(f"find {words}", user=user).message)


def make(*names: str, team: str = TEAM, **fields) -> None:
    """Deals made directly (no duplicate warnings), in order."""
    with db.session_scope() as s:
        for name in names:
            deals.create(session=s, team_id=team, actor="U0ANN", name=name, **fields)


def test_each_source_is_found_and_says_where_it_matched(slack, driver):
    driver.slash("new Northwind renewal 12k")
    driver.slash("set 1 company Globex Industries")
    driver.slash("contact 1 Ann Lee ann@initech.com Procurement lead")
    driver.slash("set 1 next demo for the Hooli board")
    driver.slash("note 1 called Umbrella about pricing")
    said = found(driver, "northwind")
    assert "#1 Northwind renewal" in said and "name: *Northwind* renewal" in said
    assert "company: *Globex* Industries" in found(driver, "globex")
    assert "contact: Ann Lee, Procurement lead, ann@*initech*.com" in found(driver, "initech")
    assert "contact: Ann Lee, *Procurement* lead" in found(driver, "procurement")
    assert "next step: demo for the *Hooli* board" in found(driver, "hooli")
    note = found(driver, "umbrella")
    assert "note by <@U0ANN>, <!date^" in note and "called *Umbrella* about pricing" in note
    assert "#1 Northwind renewal" in found(driver, "globex", user="U0BOB")  # anyone may search
    assert "No deal matches “zebra”" in found(driver, "zebra")


def test_a_name_hit_ranks_above_a_note_hit_and_closed_deals_are_found(slack, driver):
    make("Zeta holdings", "Orion upgrade", "Orion expansion")
    driver.slash("note 1 Orion's CTO called")
    driver.slash("won 3")
    said = found(driver, "orion")
    assert "3 deals" in said
    assert said.index("#3 Orion expansion") < said.index("#1 Zeta") and "Won" in said
    assert said.index("#2 Orion upgrade") < said.index("#1 Zeta")
    assert "note by <@U0ANN>" in said and "*Orion*'s CTO called" in said
    # Every word must be in one text; the last may be the start of a word.
    assert "#2 Orion upgrade" in found(driver, "orion upg")
    assert "#1 Zeta" not in found(driver, "orion upg")
    assert "#1 Zeta" in found(driver, "cto orion")


def test_accents_case_and_scripts_do_not_matter(slack, driver):
    make("Ärzte GmbH", "Straße Bau", "Ștefan Țară SRL", "ÉCOLE Privée", "Åbo Akademi")
    for words in ("arzte", "ärzte", "ÄRZTE", "Arzte", "a\u0308rzte", "arz"):
        assert "#1 Ärzte GmbH" in found(driver, words), words
    assert "#2 Straße Bau" in found(driver, "strasse")
    assert "#2 Straße Bau" in found(driver, "STRASSE bau")
    assert "#3 Ștefan Țară SRL" in found(driver, "stefan tara")
    assert "#3 Ștefan Țară SRL" in found(driver, "șTEFAN")
    assert "#4 ÉCOLE Privée" in found(driver, "ecole privee")
    assert "#5 Åbo Akademi" in found(driver, "abo")
    assert "name: *Ärzte* GmbH" in found(driver, "arzte")


def test_another_workspace_is_never_found(slack, driver):
    driver.slash("new Acme 12k")
    make("Acme secret merger", "Hidden Co", team="T0OTHER", company="Acme Holdings")
    assert "1 deal" in found(driver, "acme") and "secret" not in found(driver, "acme")
    assert "No deal matches" in found(driver, "secret")
    assert "No deal matches" in found(driver, "holdings")


def test_the_index_follows_every_change_at_once(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("note 1 they asked about Kerberos")
    assert "*Kerberos*" in found(driver, "kerberos")
    driver.slash("undo")  # the note taken back
    assert "No deal matches" in found(driver, "kerberos")
    driver.event(reply_event(slack, 1, "they want SSO with Okta"), event_id="EvFIND1")
    assert "reply in the thread by <@U0BOB>" in found(driver, "okta")
    edited = reply_event(slack, 1, "they want SSO with Azure AD")
    message = {k: edited[k] for k in ("type", "user", "text", "ts", "thread_ts")}
    driver.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": edited["channel"],
            "message": message,
            "previous_message": {**message, "text": "x"},
            "ts": "1800000001.000000",
            "hidden": True,
        },
        event_id="EvFIND2",
    )
    assert "No deal matches" in found(driver, "okta") and "*Azure*" in found(driver, "azure")
    driver.event(
        {
            "type": "message",
            "subtype": "message_deleted",
            "channel": edited["channel"],
            "deleted_ts": edited["ts"],
            "ts": "1800000002.000000",
            "hidden": True,
        },
        event_id="EvFIND3",
    )
    assert "No deal matches" in found(driver, "azure")
    driver.slash("set 1 name Acme renewal")
    assert "#1 Acme renewal" in found(driver, "renewal")
    driver.slash("set 1 company Initech")
    driver.slash("contact 1 Bo Ek bo@initech.com CFO")
    assert "contact: Bo Ek, *CFO*" in found(driver, "cfo")
    driver.slash("contact 1 edit bo@initech.com title Treasurer")
    assert "No deal matches" in found(driver, "cfo") and "*Treasurer*" in found(driver, "treasurer")
    driver.slash("contact 1 remove bo@initech.com")
    assert "No deal matches" in found(driver, "treasurer")


def test_archived_deals_only_with_all(slack, driver):
    driver.slash("new Junk lead 1k")
    driver.slash("archive 1")
    said = found(driver, "junk")
    assert "No deal matches “junk”" in said and "/deal find all junk" in said
    assert "#1 Junk lead" in found(driver, "all junk") and "archived" in found(driver, "all junk")
    assert "#1 Junk lead" not in found(driver, "all")  # `all` alone is a word to find


def test_results_are_paged_with_a_next_page_button(slack, driver):
    make(*(f"Widget {chr(97 + i)}" for i in range(12)))
    first = driver.slash("find widget").message
    assert "12 deals" in text_of(first) and "Showing 1–10 of 12" in text_of(first)
    forged = payload_of(driver.click_body("deal_find_page", message=first))
    forged["actions"][0]["value"] = "abc|widget"
    driver.click("deal_find_page", message=first)
    page2 = slack.standin.ephemerals("U0ANN")[-1]
    assert "12 deals" in text_of(page2) and "Showing" not in text_of(page2)
    assert text_of(page2).count("name: *Widget*") == 2
    assert text_of(page2) == text_of(driver.slash("find widget page 2").message)
    no_page = "There is no page 3: “widget” found 12 deals on 2 pages"
    assert no_page in found(driver, "widget page 3")
    assert "`page x` is not a page number" in found(driver, "widget page x")
    assert send_payload(driver, forged).status == 200
    assert "That button is broken; search again with `/deal find`" in told(slack)


def rows() -> tuple[int, int]:
    with db.session_scope() as s:
        return (
            len(s.exec(sqlmodel.select(Activity)).all()),
            len(s.exec(sqlmodel.select(Outbox)).all()),
        )


@pytest.mark.parametrize(
    "words, answer",
    [
        ("", "What should I look for?"),
        ("%", "There is nothing to search for in “%”"),
        ("_", "There is nothing to search for in “\u200b_”"),
        ("*", "There is nothing to search for in “\u200b*”"),
        ('"', 'There is nothing to search for in “"”'),
        ("' ''", "There is nothing to search for"),
        ("x" * 500, "That search is 500 characters long; I take at most 200"),
        ("a b c d e f g h i", "That search has 9 words; I match at most 8"),
    ],
)
def test_bad_input_gets_a_clear_answer_and_writes_nothing(slack, driver, words, answer):
    driver.slash("new Acme 12k")
    before = rows()
    assert answer in found(driver, words)
    assert rows() == before


@pytest.mark.parametrize(
    "words",
    [
        "<!channel>",
        "acme' OR 1=1 --",
        "NEAR(acme b)",
        "acme AND",
        "-acme",
        "acme*",
        '"acme"',
        "acme:*",
        "acme & !x | y",
        "\\",
        "acme%",
        "ac_me",
        "{team} : acme",
        "😀 acme",
    ],
)
def test_query_syntax_is_only_words(slack, driver, words):
    driver.slash("new Acme 12k")
    driver.slash("note 1 ping <!channel> now")
    said = found(driver, words)
    assert "<!channel>" not in said and "Something went wrong" not in said
    assert any(x in said for x in ("Deals matching", "No deal matches", "nothing to search"))
    if words in ("-acme", "acme*", '"acme"', "acme:*", "acme%", "😀 acme"):
        assert "#1 Acme" in said, words
    if words == "<!channel>":
        assert "“&lt;!channel&gt;”" in said and "ping @*channel* now" in said
