"""The command line's digest: which workspace, printed as text (posting runs end to end)."""

from bot.cli import main
from bot.digests import subscriptions
from bot.workspaces.service import ensure_workspace
from storage import db


def test_digest_without_a_workspace_asks_which_one(monkeypatch, capsys, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert main(["digest", "--channel", "C0SALES", "--print"]) == 2
    out = capsys.readouterr().out
    assert out == "dealbot: say which workspace with --team (this database has several, or none).\n"


def test_digest_prints_the_named_workspaces_digest(monkeypatch, capsys, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    db.configure(database_url)
    with db.session_scope() as s:
        for team in ("T0ONE", "T0TWO"):
            ensure_workspace(session=s, team_id=team)
        subscriptions.subscribe(session=s, team_id="T0TWO", channel="C0SALES", actor="U0ANN",
                                cadence="daily", weekday=None, at_time="09:00", tz="UTC")
    assert main(["digest", "--channel", "C0SALES", "--print", "--team", "T0TWO"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pipeline digest\n\nNo open deals.")  # plain text: no *bold*


def test_digest_print_refuses_a_channel_without_a_digest(monkeypatch, capsys, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    db.configure(database_url)
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id="T0ONE")
    assert main(["digest", "--channel", "C0NOPE", "--print"]) == 2
    assert capsys.readouterr().out == (
        "dealbot: channel C0NOPE has no digest in workspace T0ONE; "
        "set one up there with `/deal digest daily 09:00`.\n")
