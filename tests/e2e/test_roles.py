"""Roles (issue 12) end to end: admins set up the pipeline; a deal is changed by its owner,
its collaborators, the owner's manager and admins, or by everyone in an open workspace;
a refusal says who can and changes nothing, from a command, a button or a form.

In the stand-in, ann is a Slack workspace admin; bob and cat are sellers; dan joins as a
seller where a test needs a fourth person."""

from datetime import date, timedelta

import sqlmodel

from bot.local.loopback import LocalSlack
from storage import db
from storage.models import Activity, Member, RoleChange, Workspace
from tests.e2e.helpers import TEAM, card, deal, history, stage_key, text_of

SELLER_REFUSED = "Only the deal's owner (<@U0BOB>), its collaborators"


def said(driver, typed: str, user: str = "U0ANN") -> str:
    return text_of(driver.slash(typed, user=user).message)


def join_dan(slack) -> None:
    slack.standin.users["U0DAN"] = {
        "id": "U0DAN",
        "name": "dan",
        "real_name": "Dan Dawson",
        "tz": "Europe/London",
        "is_bot": False,
        "team_id": TEAM,
    }


def bobs_deal(driver) -> None:
    """ann creates #1 Acme, owned by bob."""
    assert "Created #1 Acme" in said(driver, f"new Acme 12k {driver.mention('U0BOB')}")


def changes_of(number: int) -> list[tuple[str, str]]:
    return [(a.kind, a.actor_id) for a in history(number)]


def role_changes() -> list[RoleChange]:
    with db.session_scope() as s:
        q = sqlmodel.select(RoleChange).where(RoleChange.team_id == TEAM).order_by(RoleChange.id)
        return list(s.exec(q))


def test_pipeline_settings_are_for_admins_and_a_seller_is_told_who_can(slack, driver):
    said(driver, "team admin " + driver.mention("U0CAT"))  # ann (a Slack admin) names cat
    for typed, what in (
        ("currency EUR", "change the workspace currency"),
        ("rate EUR 1.08", "set conversion rates"),
        ("stages use inbound", "switch the pipeline template"),
        ("qualify-rule 2", "change the qualification rule"),
        ("qualify-rule strict on", "change the qualification rule"),
        ("access open", "open or close the workspace"),
    ):
        answer = said(driver, typed, user="U0BOB")
        assert answer.startswith(f"Only an admin can {what}"), answer
        assert "Slack's workspace admins and owners, <@U0CAT>" in answer
        assert "nothing was changed" in answer
    with db.session_scope() as s:
        ws = s.get(Workspace, TEAM)
        assert (ws.currency, ws.pipeline_template, ws.qualify_threshold) == ("USD", "generic", 3)
        assert (ws.strict_qualification, ws.open_editing) == (False, False)
    assert "No conversion rates yet" in said(driver, "rate", user="U0BOB")  # reading is for all
    assert "now EUR" in said(driver, "currency EUR", user="U0CAT")  # a named admin
    assert "1 GBP = 0.5 EUR" in said(driver, "rate GBP 0.5")  # ann, a Slack admin, may
    assert "Saved" in said(driver, "qualify-rule 2")
    said(driver, "stages use inbound")
    with db.session_scope() as s:
        assert s.get(Workspace, TEAM).pipeline_template == "inbound"


def test_a_slack_owner_is_an_admin(slack, driver):
    slack.standin.users["U0BOB"]["is_owner"] = True
    assert "now EUR" in said(driver, "currency EUR", user="U0BOB")


def test_owner_collaborator_manager_and_admin_may_change_a_deal_another_seller_may_not(
    slack, driver
):
    join_dan(slack)
    bobs_deal(driver)
    before = changes_of(1)
    for typed in (
        "move 1 needs",
        "won 1",
        "lost 1 price",
        "lost 1",
        "set 1 value 1k",
        "archive 1",
        f"tag 1 {driver.mention('U0CAT')} me",
        "qualify 1",
        f"remind 1 {date.today() + timedelta(days=3)} call them",
    ):
        answer = said(driver, typed, user="U0CAT")
        assert answer.startswith(SELLER_REFUSED) and "or an admin can " in answer, typed
        assert "`/deal access open`" in answer
    assert changes_of(1) == before and stage_key(1) == "prospect"
    assert deal(1).value_minor == 1_200_000
    assert slack.standin.open_views("U0CAT") == []  # qualify opened no form
    assert "Updated #1" in said(driver, "set 1 value 13k", user="U0BOB")  # the owner
    assert "Updated #1" in said(driver, "set 1 value 14k")  # ann, an admin
    said(driver, f"tag 1 {driver.mention('U0DAN')} pricing", user="U0BOB")
    assert "Updated #1" in said(driver, "set 1 value 15k", user="U0DAN")  # a collaborator
    said(driver, f"team new Central {driver.mention('U0CAT')}")
    said(driver, f"team add Central {driver.mention('U0BOB')}")
    assert "Updated #1" in said(driver, "set 1 value 16k", user="U0CAT")  # bob's manager
    assert deal(1).value_minor == 1_600_000


def test_the_refusal_names_the_owners_manager_and_a_reopen_is_refused_too(slack, driver):
    join_dan(slack)
    bobs_deal(driver)
    said(driver, f"team new Central {driver.mention('U0CAT')}")
    said(driver, f"team add Central {driver.mention('U0BOB')}")
    said(driver, "won 1", user="U0BOB")
    answer = said(driver, "reopen 1", user="U0DAN")
    assert answer == (
        "Only the deal's owner (<@U0BOB>), its collaborators, <@U0BOB>'s manager (<@U0CAT>) "
        "or an admin can reopen #1. Ask one of them, or an admin can open the workspace with "
        "`/deal access open`."
    )
    assert stage_key(1) == "won"


def test_buttons_refuse_with_an_ephemeral_and_change_nothing(slack, driver):
    bobs_deal(driver)
    before = changes_of(1)
    for action in ("deal_advance", "deal_won"):
        driver.click(action, message=card(slack, 1), user="U0CAT")
        assert f"{SELLER_REFUSED} or an admin can" in text_of(
            slack.standin.ephemerals("U0CAT")[-1]
        ), action
    driver.click("deal_lost", message=card(slack, 1), user="U0CAT")
    assert "can mark #1 lost" in text_of(slack.standin.ephemerals("U0CAT")[-1])
    assert slack.standin.open_views("U0CAT") == []  # refused before the form opened
    driver.click("deal_add_note", message=card(slack, 1), user="U0CAT")  # notes are open
    assert len(slack.standin.open_views("U0CAT")) == 1
    assert changes_of(1) == before and stage_key(1) == "prospect"


def test_a_form_submitted_after_the_workspace_closed_gets_the_refusal_as_its_field_error(
    slack, driver
):
    bobs_deal(driver)
    said(driver, "access open")
    driver.click("deal_lost", message=card(slack, 1), user="U0CAT")
    [form] = slack.standin.open_views("U0CAT")
    said(driver, "access closed")
    reply = driver.submit(form["id"], {"lost_reason": "timing"}, user="U0CAT")
    assert reply.errors["lost_reason"].startswith(
        "Only the deal's owner (@bob), its collaborators or an admin can mark #1 lost."
    )
    assert stage_key(1) == "prospect" and deal(1).lost_reason is None


def test_an_open_workspace_lets_everyone_change_and_closing_it_is_recorded(slack, driver):
    bobs_deal(driver)
    assert "closed" in said(driver, "access", user="U0CAT")
    assert "is open" in said(driver, "access open")
    assert "already open" in said(driver, "access open")
    assert "Updated #1" in said(driver, "set 1 value 13k", user="U0CAT")
    assert "is closed" in said(driver, "access closed")
    assert said(driver, "set 1 value 14k", user="U0CAT").startswith(SELLER_REFUSED)
    assert deal(1).value_minor == 1_300_000
    assert [(c.kind, c.actor_id, c.to_value) for c in role_changes()] == [
        ("access", "U0ANN", "open"),
        ("access", "U0ANN", "closed"),
    ]
    history_text = said(driver, "team history", user="U0CAT")
    assert "<@U0ANN> opened the workspace" in history_text
    assert "<@U0ANN> closed the workspace" in history_text


def test_notes_stay_open_and_an_undo_needs_the_right_to_change(slack, driver):
    bobs_deal(driver)
    assert "Noted on #1" in said(driver, "note 1 met them at the fair", user="U0CAT")
    assert "Undone" in said(driver, "undo", user="U0CAT")  # her own note
    said(driver, "access open")
    said(driver, "set 1 value 20k", user="U0CAT")
    said(driver, "access closed")
    assert said(driver, "undo", user="U0CAT").startswith(SELLER_REFUSED)
    assert deal(1).value_minor == 2_000_000


def test_team_commands_build_teams_and_every_change_is_in_the_history(slack, driver):
    join_dan(slack)
    ann, bob, cat, dan = (driver.mention(u) for u in ("U0ANN", "U0BOB", "U0CAT", "U0DAN"))
    assert said(driver, f"team manager {cat}", user="U0BOB").startswith(
        "Only an admin can name managers"
    )
    assert said(driver, "team new Central", user="U0BOB").startswith(
        "Only a manager or an admin can create a sales team"
    )
    assert "<@U0CAT> is now a manager" in said(driver, f"team manager {cat}")
    assert "already a manager" in said(driver, f"team manager {cat}")
    assert "led by <@U0CAT>" in said(driver, "team new Central", user="U0CAT")
    assert "already a team called" in said(driver, "team new central", user="U0CAT")
    assert "led by themselves" in said(driver, f"team new West {dan}", user="U0CAT")
    assert "Added <@U0BOB> to *Central*" in said(driver, f"team add Central {bob}", user="U0CAT")
    assert "led by <@U0DAN>" in said(driver, f"team new East {dan}")  # ann names dan
    assert said(driver, f"team add Central {dan}", user="U0DAN").startswith(
        "Only its manager (<@U0CAT>) or an admin can change the team *Central*"
    )
    moved = said(driver, f"team add East {bob}", user="U0DAN")
    assert moved == "Added <@U0BOB> (moved from *Central*) to *East*."
    assert "Renamed the team *East* to *East Coast*" in said(
        driver, "team rename East East Coast", user="U0DAN"
    )
    assert "Took <@U0BOB> out of *East Coast*" in said(
        driver, f"team remove east coast {bob}", user="U0DAN"
    )
    assert "is not in *Central* (they are in no team)" in said(
        driver, f"team remove Central {bob}", user="U0CAT"
    )
    assert "no team called “Nowhere”" in said(driver, f"team add Nowhere {bob}")
    assert "<@U0DAN> is now an admin" in said(driver, f"team admin {dan}")
    assert "cannot take that away" in said(driver, f"team admin {ann} off", user="U0DAN")
    assert "<@U0CAT> is no longer a manager" in said(driver, f"team manager {cat} off")
    overview = said(driver, "team", user="U0BOB")
    assert "• *Central* · no manager · no sellers yet" in overview
    assert "• *East Coast* · manager <@U0DAN> · no sellers yet" in overview
    assert "*Admins:* Slack's workspace admins and owners, <@U0DAN>" in overview
    assert "*Changing deals:* closed" in overview
    lines = said(driver, "team history", user="U0BOB")
    for line in (
        "<@U0ANN> made <@U0CAT> a manager (was a seller)",
        "<@U0CAT> created the team *Central*, led by <@U0CAT>",
        "<@U0CAT> added <@U0BOB> to *Central*",
        "<@U0ANN> made <@U0DAN> a manager (was a seller)",
        "<@U0DAN> moved <@U0BOB> from *Central* to *East*",
        "<@U0DAN> renamed the team *East* to *East Coast*",
        "<@U0DAN> removed <@U0BOB> from *East Coast*",
        "<@U0ANN> made <@U0DAN> an admin (was a manager)",
        "<@U0ANN> left *Central* without a manager (<@U0CAT> no longer one)",
    ):
        assert line in lines, line
    assert "<!date^" in lines  # each line says when, in the reader's time zone
    with db.session_scope() as s:
        rows = {m.user_id: (m.role, m.sales_team_id) for m in s.exec(sqlmodel.select(Member))}
    assert rows["U0BOB"] == ("seller", None) and rows["U0DAN"][0] == "admin"


def test_team_refusals_change_nothing(slack, driver):
    bob = driver.mention("U0BOB")
    said(driver, f"team new Central {driver.mention('U0CAT')}")
    count = len(role_changes())
    for typed, user in (
        (f"team add Central {bob}", "U0BOB"),
        ("team rename Central X", "U0BOB"),
        (f"team admin {bob}", "U0CAT"),
        ("team new", "U0ANN"),
        ("team new " + "x" * 81, "U0ANN"),
        ("team manager", "U0ANN"),
        ("team history 0", "U0ANN"),
        ("team frobnicate", "U0ANN"),
        ("access maybe", "U0ANN"),
    ):
        answer = said(driver, typed, user=user)
        assert answer and "Created" not in answer and "Added" not in answer, typed
    assert len(role_changes()) == count
    assert "Try `/deal team`" in said(driver, "team frobnicate")
    assert "Keep a team's name to 80 characters" in said(driver, "team new " + "x" * 81)


def test_activity_of_a_refused_change_is_not_written(slack, driver):
    bobs_deal(driver)
    said(driver, "set 1 owner " + driver.mention("U0CAT"), user="U0CAT")  # take it: refused
    said(driver, f"tag 1 {driver.mention('U0CAT')} mine now", user="U0CAT")  # join it: refused
    assert deal(1).owner_id == "U0BOB"
    with db.session_scope() as s:
        kinds = s.exec(sqlmodel.select(Activity.kind).where(Activity.actor_id == "U0CAT")).all()
    assert kinds == []


def test_whoever_installed_dealbot_is_an_admin(database_url, paced_on_test_time):
    with LocalSlack(database_url, oauth=True) as local:
        assert "slack://app?team=T0DEMO" in local.install(user="U0BOB").body
        d = local.driver
        assert "now EUR" in said(d, "currency EUR", user="U0BOB")  # bob is no Slack admin
        answer = said(d, "currency GBP", user="U0CAT")
        assert answer.startswith(
            "Only an admin can change the workspace currency: Slack's "
            "workspace admins and owners, <@U0BOB> (installed dealbot)."
        )
        assert "<@U0BOB> (installed dealbot)" in said(d, "team", user="U0CAT")
        assert local.standin.directory.contract_failures() == []


def test_slack_is_asked_only_when_needed_once_a_request_and_nothing_is_kept(slack, driver):
    bobs_deal(driver)

    def asked(user: str) -> int:
        return sum(
            1 for c in slack.standin.calls if c.method == "users.info" and c.args["user"] == user
            and not c.args.get("include_locale")  # the language's lookup (handlers/languages)
        )

    bob, ann = asked("U0BOB"), asked("U0ANN")  # (creating it checked that bob is a person)
    said(driver, "set 1 value 13k", user="U0BOB")  # the owner: no need to ask
    assert asked("U0BOB") == bob
    assert "Updated #1" in said(driver, "set 1 value 14k")  # ann: asked once
    assert asked("U0ANN") == ann + 1
    assert "Updated #1" in said(driver, "set 1 value 15k")  # asked again: nothing stored
    assert asked("U0ANN") == ann + 2
    slack.standin.fail_next("users.info", "fatal_error")  # Slack cannot say: not an admin
    assert said(driver, "set 1 value 16k").startswith(SELLER_REFUSED)
    assert deal(1).value_minor == 1_500_000
