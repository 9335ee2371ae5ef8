"""OAuth distribution end to end: workspaces install dealbot through the stand-in's authorize
page and oauth.v2.access, then each works with its own token and its own data only."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlmodel
import time_machine

from bot import manifest
from bot.app import scheduled
from bot.local.loopback import LocalSlack
from bot.local.standin.workspaces import uninstall, visit
from handlers.workspaces.words import NOT_INSTALLED
from storage import db, installations
from storage.models import Deal, DigestRun, Outbox, Workspace
from tests.e2e.helpers import SALES, text_of

HOME, SECOND, NEVER = "T0DEMO", "T0SECOND", "T0NEVER"
WED_NOON = datetime(2026, 1, 14, 12, tzinfo=UTC)
THU_0900 = datetime(2026, 1, 15, 9, tzinfo=UTC)


@pytest.fixture
def local(database_url, paced_on_test_time):
    """dealbot distributed (SLACK_CLIENT_ID …, no SLACK_BOT_TOKEN) beside a stand-in with a
    second workspace; nothing is installed yet."""
    with LocalSlack(database_url, oauth=True) as app:
        app.standin.add_workspace(team_id=SECOND, team_name="Second Co")
        yield app
        assert app.standin.directory.contract_failures() == []


def second(local):
    return local.standin.directory.workspaces[SECOND]


def install_both(local):
    assert "slack://app?team=T0DEMO" in local.install(user="U0ANN").body
    assert "slack://app?team=T0SECOND" in local.install(second(local), user="U0BOB").body
    return local.driver, local.driver_for(second(local))


def rows(model, team):
    with db.session_scope() as s:
        return list(s.exec(sqlmodel.select(model).where(model.team_id == team)))


def tick(local, now):
    with time_machine.travel(now, tick=False):
        scheduled(local.app)(now)
        local.settle()


def digests_in(ws):
    return [m for m in ws.messages(SALES) if m.blocks and "Pipeline" in str(m.blocks[0])]


def test_the_install_page_asks_for_exactly_the_manifests_bot_scopes(local):
    page = visit(local.url + "/slack/install")
    link = re.search(r'<a href="([^"]+)"', page.body).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)
    assert link.startswith(local.standin.base_url + "/oauth/v2/authorize?")
    assert query["scope"][0].split(",") == manifest.bot_scopes()
    assert query["client_id"] == [local.client_id] and "state" in query
    assert "slack-app-oauth-state" in page.cookies


def test_two_workspaces_each_with_its_own_token_and_its_own_data(local):
    home, other = install_both(local)
    assert "Created #1 Acme Corp" in text_of(home.slash("new Acme Corp 12k").message)
    assert "Created #1 Globex" in text_of(other.slash("new Globex 5k", user="U0BOB").message)
    d = local.standin.directory
    assert d.tokens_used(HOME) and d.tokens_used(SECOND)
    assert d.tokens_used(HOME) <= d.tokens_of(HOME) and d.tokens_used(SECOND) <= d.tokens_of(SECOND)
    assert not d.tokens_of(HOME) & d.tokens_of(SECOND)
    assert "Acme" in text_of(local.standin.messages(SALES)[-1])
    assert "Globex" in text_of(second(local).messages(SALES)[-1])
    mine = text_of(home.slash("list").message)
    theirs = text_of(other.slash("list", user="U0BOB").message)
    assert "Acme" in mine and "Globex" not in mine
    assert "Globex" in theirs and "Acme" not in theirs
    assert [x.name for x in rows(Deal, HOME)] == ["Acme Corp"]
    assert [x.name for x in rows(Deal, SECOND)] == ["Globex"]
    with db.engine().connect() as conn:
        stored = dict(conn.execute(sqlmodel.select(installations.installations.c.team_id,
                                                   installations.installations.c.bot_token)).all())
    assert stored.keys() == {HOME, SECOND}
    assert stored[HOME] in d.tokens_of(HOME) and stored[SECOND] in d.tokens_of(SECOND)


def test_scheduled_digests_post_with_each_teams_own_token(local):
    home, other = install_both(local)
    home.slash("new Acme Corp 12k")
    other.slash("new Globex 5k", user="U0BOB")
    with time_machine.travel(WED_NOON, tick=False):
        home.slash("digest daily 09:00 UTC")
        other.slash("digest daily 09:00 UTC", user="U0BOB")
    d = local.standin.directory
    before = len(d.used)
    tick(local, THU_0900)
    posted = [(team, token) for team, method, token in d.used[before:]
              if method == "chat.postMessage"]
    assert {team for team, _ in posted} == {HOME, SECOND}
    assert all(token in d.tokens_of(team) for team, token in posted)
    mine, theirs = str(digests_in(local.standin)), str(digests_in(second(local)))
    assert "$12,000" in mine and "$5,000" not in mine  # each counts its own deals only
    assert "$5,000" in theirs and "$12,000" not in theirs


def test_uninstall_pauses_that_team_only_and_a_reinstall_resumes_it(local):
    home, other = install_both(local)
    home.slash("new Acme Corp 12k")
    other.slash("new Globex 5k", user="U0BOB")
    with time_machine.travel(WED_NOON, tick=False):
        home.slash("digest daily 09:00 UTC")
        other.slash("digest daily 09:00 UTC", user="U0BOB")
    # A card Slack asked the second workspace to wait for (429) is still in the outbox...
    second(local).fail_next("chat.postMessage", "ratelimited", status=429, retry_after=30)
    other.slash("new Initech 3k", user="U0BOB")
    old_tokens = local.standin.directory.tokens_of(SECOND)
    # ...when its admin removes dealbot.
    uninstall(other)
    with db.session_scope() as s:
        assert s.get(Workspace, SECOND).paused_at is not None
        assert s.get(Workspace, HOME).paused_at is None
        s.execute(sqlmodel.update(Outbox).values(due_at=WED_NOON))  # the 429's wait is over
    other.slash("list", user="U0BOB")
    assert NOT_INSTALLED in second(local).ephemerals("U0BOB")[-1].text
    calls_before = len(second(local).calls)
    tick(local, THU_0900)
    assert len(digests_in(local.standin)) == 1  # the home workspace goes on
    assert digests_in(second(local)) == [] and runs_of(SECOND) == []  # not even claimed
    assert second(local).calls[calls_before:] == []  # no call with a revoked token
    waiting = sorted(r.kind for r in rows(Outbox, SECOND) if r.status == "pending")
    assert waiting == ["card_post"]  # the card waits
    # Installed again: the same data, the card that waited, and the next digest.
    assert "slack://app?team=T0SECOND" in local.install(second(local), user="U0BOB").body
    since_install = len(local.standin.directory.used)
    tick(local, THU_0900 + timedelta(minutes=1))
    with db.session_scope() as s:
        assert s.get(Workspace, SECOND).paused_at is None
    assert any("Initech" in text_of(m) for m in second(local).messages(SALES))
    fresh = local.standin.directory.tokens_of(SECOND) - old_tokens
    used = local.standin.directory.used[since_install:]
    recent = [t for team, _m, t in used if team == SECOND]
    assert recent and set(recent) <= fresh
    assert "Globex" in text_of(other.slash("list", user="U0BOB").message)
    tick(local, THU_0900 + timedelta(days=1))
    assert len(digests_in(second(local))) >= 1


def runs_of(team):
    from storage.models import DigestSubscription

    with db.session_scope() as s:
        q = sqlmodel.select(DigestRun).join(
            DigestSubscription, DigestSubscription.id == DigestRun.subscription_id
        ).where(DigestSubscription.team_id == team)
        return list(s.exec(q))


def test_a_team_that_never_installed_gets_nothing_done_and_nothing_written(local):
    install_both(local)
    never = local.standin.add_workspace(team_id=NEVER, team_name="Never Co")
    driver = local.driver_for(never)
    driver.slash("new Acme Corp 12k")
    driver.event({"type": "message", "channel": SALES, "user": "U0ANN", "ts": never.next_ts(),
                  "text": "hello"})
    assert NOT_INSTALLED in "\n".join(m.text for m in never.ephemerals("U0ANN"))
    assert [c.method for c in never.calls] == ["response_url"]  # Bolt's answer, nothing else
    assert rows(Workspace, NEVER) == [] and rows(Deal, NEVER) == [] and rows(Outbox, NEVER) == []


def test_a_forged_or_replayed_redirect_installs_nothing(local):
    forged = visit(local.url + "/slack/oauth_redirect?code=abc&state=forged.0000",
                   {"slack-app-oauth-state": "forged.0000"})
    assert forged.status == 401 and "no longer valid" in forged.body
    page = visit(local.url + "/slack/install")
    link = re.search(r'<a href="([^"]+)"', page.body).group(1).replace("&amp;", "&")
    session = local.standin.directory.sign_in(HOME, "U0ANN")
    allowed = visit(link, {"d": session})
    assert visit(allowed.location, page.cookies).status == 200
    again = visit(allowed.location, page.cookies)  # the same code and state, once more
    assert again.status == 401 and "no longer valid" in again.body
    with db.engine().connect() as conn:
        count = conn.execute(sqlmodel.select(sqlmodel.func.count()).select_from(
            installations.installations)).scalar_one()
    assert count == 1


def test_rotating_tokens_are_refreshed_before_use(database_url, paced_on_test_time):
    with LocalSlack(database_url, oauth=True, token_rotation=True) as local:
        local.install()
        d = local.standin.directory
        first = set(d.tokens_of(HOME))
        assert all(t.startswith("xoxe.xoxb-") for t in first)
        d.expire(HOME)  # every token issued so far has run out
        before = len(d.used)
        assert "Created #1 Acme Corp" in text_of(local.driver.slash("new Acme Corp 12k").message)
        used = {token for _team, _method, token in d.used[before:]}
        assert used and not used & first  # refreshed with the stored refresh token first
        assert [c for c in local.standin.calls if c.error == "token_expired"] == []
        with time_machine.travel(WED_NOON, tick=False):
            local.driver.slash("digest daily 09:00 UTC")
        tick(local, THU_0900)
        assert len(digests_in(local.standin)) == 1
        assert local.standin.contract_failures == []


def test_dealbot_serve_starts_without_a_bot_token_and_installs(database_url, tmp_path, monkeypatch):
    import os

    from bot.local.served import free_port, start_serve
    from bot.local.standin import Driver, SlackStandIn
    from bot.local.standin.workspaces import install

    port, log = free_port(), tmp_path / "serve.log"
    with SlackStandIn() as standin:
        url = f"http://127.0.0.1:{port}"
        standin.directory.register_app("4242.1717", "c-secret", [url + "/slack/oauth_redirect"])
        for name in [k for k in os.environ if k.startswith("SLACK_")]:
            monkeypatch.delenv(name)
        env = dict(SLACK_CLIENT_ID="4242.1717", SLACK_CLIENT_SECRET="c-secret",
                   SLACK_STATE_SECRET="state-secret", SLACK_SIGNING_SECRET="signing",
                   LOG_LEVEL="INFO")
        proc = start_serve(standin, database_url, port, env=env, log=log)
        try:
            assert "slack://app?team=T0DEMO" in install(standin, url).body, log.read_text()
            driver = Driver(standin, app_url=url + "/slack/events", signing_secret="signing")
            assert driver.slash("new Acme Corp 12k").status == 200
            assert standin.wait_for(lambda: standin.messages(SALES), timeout=10)
            assert standin.directory.tokens_used("T0DEMO") <= standin.directory.tokens_of("T0DEMO")
            assert standin.contract_failures == []
        finally:
            proc.terminate()
            proc.wait(30)
    assert "xoxb-" not in log.read_text() and "c-secret" not in log.read_text()


def test_one_workspace_mode_hears_an_uninstall_and_keeps_working(slack, driver):
    """With a pasted SLACK_BOT_TOKEN there is no installation to delete or resume: the
    event is acknowledged, logged, and nothing is paused."""
    driver.slash("new Acme Corp 12k")
    assert driver.event({"type": "app_uninstalled"}).status == 200
    with db.session_scope() as s:
        assert s.get(Workspace, HOME).paused_at is None
    assert "Created #2 Globex" in text_of(driver.slash("new Globex 5k").message)


def test_dealbot_digest_posts_with_the_workspaces_own_token(local, monkeypatch, capsys):
    from bot.cli import main

    _home, other = install_both(local)
    other.slash("new Globex 5k", user="U0BOB")
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_CLIENT_ID", local.client_id)
    monkeypatch.setenv("SLACK_CLIENT_SECRET", local.client_secret)
    monkeypatch.setenv("SLACK_STATE_SECRET", "any")
    monkeypatch.setenv("SLACK_API_URL", local.standin.api_url)
    monkeypatch.setenv("DATABASE_URL", local.database_url)
    before = len(local.standin.directory.used)
    assert main(["digest", "--channel", SALES, "--team", SECOND]) == 0
    assert "posted the digest" in capsys.readouterr().out
    assert "$5,000" in str(digests_in(second(local))) and digests_in(local.standin) == []
    used = local.standin.directory.used[before:]
    assert used and all(team == SECOND for team, _m, _t in used)
    assert main(["digest", "--channel", SALES, "--team", NEVER]) == 2
    assert "not installed in workspace T0NEVER" in capsys.readouterr().out
