"""Odd input from Slack, end to end: a clear answer, nothing changed, never an unexpected error.

Each case was found by fuzzing the app (tests/e2e/test_fuzz.py, bench/fuzz.py).
"""

import time

from tests.e2e.helpers import (
    SALES,
    card,
    deal,
    history,
    payload_of,
    qualify,
    send_payload,
    stage_key,
    text_of,
    told,
)

ANN = "U0ANN"


def notes(number: int) -> list[str]:
    """The notes and replies of deal #number, oldest first."""
    return [a.note for a in history(number) if a.kind in ("note", "reply")]


def test_an_amount_split_after_its_decimals_is_refused_not_an_error(driver):
    reply = driver.slash("new Release 1.5 2k")
    assert "Created #1 Release 1.5 in Prospect identified" in text_of(reply.message)
    assert deal(1).value_minor == 200_000
    reply = driver.slash("set 1 value 94.27 16")
    assert text_of(reply.message).startswith(
        "`94.27 16` is not an amount: it has more than one number. Try `12k`"
    )
    assert deal(1).value_minor == 200_000 and deal(1).version == 1


def test_control_characters_are_dropped_where_text_arrives_and_notes_keep_their_lines(
    slack, driver
):
    driver.slash("new Ac\x00me\x07 Corp 12k")
    assert deal(1).name == "Acme Corp"
    assert "Noted on #1 Acme Corp" in text_of(driver.slash("note 1 called\x00 them").message)
    assert "#1 Acme Corp" in text_of(driver.slash("show ac\x00me").message)
    driver.click("deal_add_note", message=card(slack, 1))
    form = slack.standin.open_views(ANN)[-1]
    assert not driver.submit(form["id"], {"note_text": "line one\x00\r\nline\x1b two"}).errors
    reply = {"type": "message", "channel": SALES, "user": "U0BOB", "text": "they\x00 want SSO",
             "ts": "1800000000.000100", "thread_ts": card(slack, 1).ts}
    driver.event(reply)
    assert notes(1) == ["called them", "line one\nline two", "they want SSO"]
    assert "Something went wrong" not in told(slack)


def test_a_company_that_grows_when_folded_is_kept(driver):
    driver.slash("new Acme 12k")
    reply = driver.slash("set 1 company " + "ß" * 200)
    assert "Updated #1 Acme" in text_of(reply.message)
    assert "Something went wrong" not in text_of(reply.message)


def click(driver, slack, action_id: str, number: int = 1) -> dict:
    """The payload Slack would send for clicking `action_id` on deal #number's card."""
    return payload_of(driver.click_body(action_id, message=card(slack, number)))


def test_a_click_without_a_value_is_answered_as_a_broken_button(slack, driver):
    driver.slash("new Acme 12k")
    for action_id in ("deal_won", "deal_advance", "deal_add_note", "deal_qualify"):
        payload = click(driver, slack, action_id)
        del payload["actions"][0]["value"]
        start = time.monotonic()
        reply = send_payload(driver, payload)
        assert reply.status == 200 and time.monotonic() - start < 3
    said = told(slack)
    assert said.count("That button is broken; use `/deal show <deal>`.") == 3
    assert "That button is broken; use `/deal move <deal> <stage>`." in said
    assert "Something went wrong" not in said
    assert stage_key(1) == "prospect" and deal(1).version == 1


def test_a_forged_form_gets_a_form_error_and_changes_nothing(slack, driver):
    driver.slash("new Acme 12k")
    driver.click("deal_add_note", message=card(slack, 1))
    view = slack.standin.open_views(ANN)[-1]
    base = {"type": "view_submission", "team": {"id": "T0DEMO"}, "user": {"id": ANN},
            "api_app_id": slack.standin.app_id, "view": view}
    for odd in ({"state": "x"}, {"state": {"values": {"note_text": "x"}}},
                {"private_metadata": "[]"}, {"private_metadata": '{"deal": 99999999999}'}):
        reply = send_payload(driver, {**base, "view": {**view, **odd}})
        assert reply.status == 200
        assert reply.json == {"response_action": "errors",
                              "errors": {"note_text": "That form is broken; please open it again."}}
    assert notes(1) == []


def test_a_payload_slack_never_sends_is_refused_without_a_500(slack, driver):
    driver.slash("new Acme 12k")
    for odd in ({"actions": []}, {"actions": "x"}, {"actions": [{}]}, {"user": None}):
        assert send_payload(driver, {**click(driver, slack, "deal_advance"), **odd}).status == 400
    view = {"type": "view_submission", "team": {"id": "T0DEMO"}, "user": {"id": ANN}}
    for odd in (None, [], {"callback_id": "deal_note"}):
        assert send_payload(driver, {**view, "view": odd}).status == 400
    assert stage_key(1) == "prospect"


def test_a_click_from_an_org_wide_install_without_a_team_still_works(slack, driver):
    """Org-wide installs send `team: null`; Bolt's context knows the team from the user."""
    driver.slash("new Acme 12k")
    qualify(slack, driver, 1)  # past the qualification gate: Advance moves without asking
    payload = click(driver, slack, "deal_advance")
    payload["team"] = None
    assert send_payload(driver, payload).status == 200
    assert stage_key(1) == "contacted"


def test_what_the_user_typed_is_quoted_back_escaped_and_short(slack, driver):
    driver.slash("new Acme 12k")
    said = text_of(driver.slash("won <!channel> now").message)
    assert "&lt;!channel&gt;" in said and "<!channel>" not in said
    long_ref = "x" * 40_000
    for typed in (f"show {long_ref}", f"move 1 {long_ref}", long_ref, f"won {long_ref} x"):
        said = driver.slash(typed).message.text
        assert "x" * 60 not in said and "x…" in said and len(said) < 1000, said[:200]


def test_a_mention_longer_than_any_user_id_names_no_one(driver):
    driver.slash("digest daily 09:00")
    reply = driver.slash("digest filter owner <@U" + "A" * 40 + "|long>")
    assert text_of(reply.message) == "Name one owner: `/deal digest filter owner @ann`."
