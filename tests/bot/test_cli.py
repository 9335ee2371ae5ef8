"""The command line's digest: which workspace, printed as text (posting runs end to end)."""

from bot.cli import main
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
    assert main(["digest", "--channel", "C0SALES", "--print", "--team", "T0TWO"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pipeline digest\n\n*No open deals.*")
