"""`/deal language`: who reads what in which language, through the real app and the stand-in."""

from sqlmodel import select

from handlers.languages.choosing import UserLocales
from storage import db
from storage.models import ChannelLanguage, Workspace
from tests.e2e.helpers import SALES, TEAM, text_of

RANDOM = "C0RANDOM"


def said(driver, typed: str, user: str = "U0ANN", channel: str = SALES) -> str:
    return text_of(driver.slash(typed, user=user, channel=channel).message)


def stored() -> tuple[dict, str | None]:
    with db.session_scope() as s:
        rows = {r.channel_id: (r.language, r.set_by) for r in s.exec(select(ChannelLanguage))}
        ws = s.get(Workspace, TEAM)
        return rows, ws.language if ws else None


def test_replies_follow_each_persons_slack_language(slack, driver):
    slack.standin.users["U0ANN"]["locale"] = "fi-FI"
    slack.standin.users["U0BOB"]["locale"] = "fr-FR"
    assert "Työtilan oletuskieli on *English* (`en`)." in said(driver, "language")
    assert "La langue par défaut de l'espace de travail est *English*" in said(
        driver, "language", user="U0BOB")
    assert "The workspace default is *English* (`en`)." in said(driver, "language", user="U0CAT")


def test_a_channel_member_sets_the_channels_language_and_anyone_sees_who(slack, driver):
    answer = said(driver, "language fr", user="U0CAT")
    assert answer.startswith("This channel now reads me in *français* (`fr`): new cards")
    assert stored() == ({SALES: ("fr", "U0CAT")}, None)
    shown = said(driver, "language", user="U0BOB")
    assert "This channel reads me in *français* (`fr`), set by <@U0CAT>." in shown
    assert "*suomi* (`fi`)" in shown and "*română* (`ro`)" in shown  # the choices
    assert "already reads me in *français*" in said(driver, "language français")
    assert "follows the workspace default, *English*" in said(driver, "language clear")
    assert stored() == ({}, None)


def test_someone_slack_speaks_no_dealbot_language_to_reads_the_channels(slack, driver):
    said(driver, "language ro", user="U0BOB")
    slack.standin.users["U0CAT"]["locale"] = "de-DE"
    assert "Limba implicită a spațiului de lucru este *English*" in said(
        driver, "language", user="U0CAT")
    assert "The workspace default is *English*" in said(  # #random set nothing: English
        driver, "language", user="U0CAT", channel=RANDOM)


def test_only_an_admin_sets_the_workspace_default_which_channels_without_one_read(slack, driver):
    refused = said(driver, "language default fr", user="U0CAT")
    assert refused.startswith("Only an admin can set the workspace's default language")
    assert stored() == ({}, None)
    answer = said(driver, "language default fr")  # ann: a Slack admin
    assert "The workspace default is now *français* (`fr`) (was *English* (`en`))" in answer
    assert stored() == ({}, "fr")
    assert "This channel reads me in *français* (`fr`), the workspace default." in said(
        driver, "language", channel=RANDOM)
    said(driver, "language fi", user="U0BOB")
    assert "This channel reads me in *suomi* (`fi`), set by <@U0BOB>" in said(driver, "language")
    assert "already *français*" in said(driver, "language default french")


def test_a_language_dealbot_does_not_speak_is_refused_and_nothing_changes(slack, driver):
    answer = said(driver, "language klingon")
    assert answer.startswith("`klingon` is not a language I speak. I speak *English* (`en`)")
    assert "`de` is not a language" in said(driver, "language default de")
    assert "`&lt;!channel&gt;` is not a language" in said(driver, "language <!channel>")
    assert stored() == ({}, None)


def test_in_a_dm_the_persons_slack_language_rules_and_no_channel_is_set(slack, driver):
    dm = slack.standin.dm_id("U0BOB")
    answer = said(driver, "language fi", user="U0BOB", channel=dm)
    assert answer.startswith("Here, in our DM, I speak your Slack language.")
    assert "This channel" not in said(driver, "language", user="U0BOB", channel=dm)
    assert stored() == ({}, None)


def test_slack_is_asked_a_persons_locale_once_for_many_requests(slack, driver):
    for _n in range(3):
        said(driver, "language")
    asked = [c for c in slack.standin.calls if c.method == "users.info"
             and c.args.get("user") == "U0ANN" and c.args.get("include_locale")]
    assert len(asked) == 1


def test_when_slack_cannot_say_the_channels_language_serves(slack, driver):
    said(driver, "language fr", user="U0BOB")
    slack.standin.fail_next("users.info", "fatal_error")
    assert "La langue par défaut" in said(driver, "language", user="U0CAT")


def test_a_locale_is_remembered_for_its_time_then_asked_again(slack):
    now = [0.0]
    locales = UserLocales(ttl=600, clock=lambda: now[0])
    client = slack.app.client

    def asked() -> int:
        return sum(1 for c in slack.standin.calls
                   if c.method == "users.info" and c.args.get("include_locale"))

    before = asked()
    assert locales.language(client, TEAM, "U0ANN") == "en"
    slack.standin.users["U0ANN"]["locale"] = "ro-RO"
    now[0] = 599
    assert locales.language(client, TEAM, "U0ANN") == "en"  # remembered
    now[0] = 601
    assert locales.language(client, TEAM, "U0ANN") == "ro"  # asked again
    assert asked() == before + 2
    slack.standin.fail_next("users.info", "ratelimited")
    assert locales.language(client, TEAM, "U0BOB") is None  # Slack could not say
    now[0] = 650
    assert locales.language(client, TEAM, "U0BOB") is None  # not asked again at once
    now[0] = 662
    assert locales.language(client, TEAM, "U0BOB") == "en"  # a minute later it is
