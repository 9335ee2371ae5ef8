"""What the outbox delivers speaks its reader's language: a channel's cards and thread lines,
a person's DMs; the person who typed the command changes neither."""

import json
import re
from types import SimpleNamespace

from bot.deals import reads
from bot.i18n import _, speaking
from handlers.deals.card import deal_card
from handlers.kit import text as fmt
from handlers.languages.choosing import LOCALES, of_row
from storage.db import read_scope
from tests.e2e.helpers import SALES, TEAM, card, deal, everyone_may_change, history


def words(blocks: list[dict]) -> str:
    """A view's text without its digits (a time shown may have turned a minute meanwhile)."""
    return re.sub(r"\d", "0", json.dumps(blocks))


def card_in(lang: str, number: int) -> list[dict]:
    with read_scope() as s:
        view = reads.current(session=s, team_id=TEAM, deal_id=deal(number).id)
    with speaking(lang):
        return deal_card(view)


def test_the_card_speaks_the_channels_language_whoever_typed(slack, driver):
    everyone_may_change(driver)  # bob may write on ann's deal
    slack.standin.users["U0ANN"]["locale"] = "fi-FI"
    slack.standin.users["U0BOB"]["locale"] = "ro-RO"
    driver.slash("language fr", user="U0CAT")
    driver.slash("new Acme Corp 12k")  # ann, in Finnish: the card is the channel's, French
    posted = card(slack, 1).blocks
    assert posted == card_in("fr", 1)
    assert posted != card_in("en", 1)  # the French catalog words the card
    assert "Créé par <@U0ANN>" in str(posted)  # who created it, in French
    driver.slash("note 1 rappeler lundi", user="U0BOB")
    line = slack.standin.thread(SALES, card(slack, 1).ts)[-1]
    assert line.ts != card(slack, 1).ts  # the note's line
    with read_scope() as s:
        noted = reads.changes(session=s, team_id=TEAM, ids=[history(1)[-1].id])[0]
    with speaking("fr"):
        assert line.text == fmt.activity(noted)
    assert card(slack, 1).blocks == card_in("fr", 1)  # updated in place, still French


def test_a_handoff_dm_speaks_the_new_owners_language(slack, driver):
    slack.standin.users["U0BOB"]["locale"] = "ro-RO"
    driver.slash("language fr")
    driver.slash("new Acme Corp 12k")
    driver.slash(f"set 1 owner {driver.mention('U0BOB')}")
    dm = slack.standin.messages(slack.standin.dm_id("U0BOB"))[-1]
    with speaking("ro"):
        said = _("{who} handed {deal} over to you.").format(
            who=fmt.user("U0ANN"), deal=fmt.deal_title(deal(1)))
    assert dm.text == said
    assert dm.blocks == card_in("ro", 1)


def test_rows_pick_the_person_or_the_channel(slack, driver):
    slack.standin.users["U0BOB"]["locale"] = "fi-FI"
    driver.slash("language ro")
    client = slack.app.client

    def row(kind: str, **kw) -> SimpleNamespace:
        return SimpleNamespace(kind=kind, team_id=TEAM, user_id=kw.get("user"),
                               channel_id=kw.get("channel"))

    assert of_row(client, row("thread_line", channel=SALES)) == "ro"
    assert of_row(client, row("digest", channel="C0RANDOM")) == "en"
    assert of_row(client, row("owner_dm", user="U0BOB")) == "fi"
    assert of_row(client, row("nudge", user="U0CAT")) == "en"  # en-US: English, not the default


def test_home_speaks_the_persons_language_and_follows_a_change(slack, driver):
    driver.slash("language ro")  # the channel's: not what Home follows
    driver.slash("new Acme Corp 12k")
    driver.app_home_opened("U0ANN")
    english = slack.standin.home("U0ANN")["blocks"]
    slack.standin.users["U0ANN"]["locale"] = "fi-FI"
    LOCALES.forget()  # (or ten minutes)
    driver.app_home_opened("U0ANN")
    finnish = slack.standin.home("U0ANN")["blocks"]
    assert finnish != english
    slack.standin.users["U0ANN"]["locale"] = "en-GB"
    LOCALES.forget()
    driver.app_home_opened("U0ANN")
    assert words(slack.standin.home("U0ANN")["blocks"]) == words(english)


def test_a_channel_language_changed_here_shows_on_the_very_next_card(slack, driver):
    driver.slash("new Acme Corp 12k")  # English: the channel's language is now remembered
    driver.slash("language fi")
    driver.slash("new Globex 5k")
    assert card(slack, 2).blocks == card_in("fi", 2)
    driver.slash("language default ro")  # the workspace default changes what "clear" gives
    driver.slash("language clear")
    driver.slash("new Initech 7k")
    assert card(slack, 3).blocks == card_in("ro", 3)


def test_a_change_another_process_made_shows_once_the_remembered_one_expires(slack, driver):
    from sqlmodel import Session

    from bot.i18n import choice
    from handlers.languages.choosing import ChannelLanguages
    from storage import db

    now = [0.0]
    channels = ChannelLanguages(ttl=10, clock=lambda: now[0])
    assert channels.language(TEAM, SALES) == "en"
    with Session(db.engine()) as s:  # another process's `/deal language fr`, not this one's
        choice.set_channel(session=s, team_id=TEAM, channel_id=SALES, language="fr",
                           actor="U0ANN")
        s.commit()
    now[0] = 9.9
    assert channels.language(TEAM, SALES) == "en"  # remembered
    now[0] = 10.1
    assert channels.language(TEAM, SALES) == "fr"  # read again
