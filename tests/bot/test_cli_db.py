"""dealbot db upgrade|current|history|downgrade REV, with Alembic's own commands."""

from bot.cli import main
from storage import db


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_current_history_downgrade_and_upgrade_again(monkeypatch, capsys, empty_database_url):
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    head = db.head_revision()
    assert _run(capsys, "db", "current") == (
        0,
        "none: the database has no schema yet ('dealbot db upgrade' makes it)\n",
        "",
    )
    assert _run(capsys, "db", "upgrade") == (
        0,
        f"database upgraded from revision none to {head}\n",
        "",
    )
    assert _run(capsys, "db", "upgrade") == (0, f"database is up to date (revision {head})\n", "")
    code, current, _ = _run(capsys, "db", "current")
    assert (code, current) == (0, f"{head} (head)\n")
    code, history, _ = _run(capsys, "db", "history")
    lines = history.splitlines()
    assert code == 0 and lines[0].startswith(f"{db.revisions()[1]} -> {head} (head), ")
    assert lines[-1].startswith("<base> -> 0001, initial schema")
    assert current.split()[0] in history  # what current prints, history lists
    assert _run(capsys, "db", "downgrade", "0004") == (
        0,
        "database downgraded to revision 0004\n",
        "",
    )
    assert _run(capsys, "db", "current")[1] == "0004\n"
    code, _, err = _run(capsys, "db", "downgrade", "nonsense")
    assert code == 2
    assert err == "dealbot: db downgrade: Can't locate revision identified by 'nonsense'\n"
    assert _run(capsys, "db", "upgrade")[1] == f"database upgraded from revision 0004 to {head}\n"


def test_db_commands_do_not_migrate_on_their_own(monkeypatch, capsys, empty_database_url):
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    assert _run(capsys, "db", "history")[0] == 0
    assert db.current_revision(empty_database_url) is None


def test_unreachable_database_is_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/no/such/folder/dealbot.db")
    code, out, err = _run(capsys, "db", "current")
    assert code == 2 and out == ""
    assert err == (
        f"dealbot: cannot reach the database at "
        f"DATABASE_URL=sqlite:///{tmp_path}/no/such/folder/dealbot.db.\n"
    )


def test_a_schema_newer_than_this_code_stops_the_start_with_one_line(
    monkeypatch, capsys, database_url
):
    from sqlalchemy import text

    monkeypatch.setenv("DATABASE_URL", database_url)
    with db.configure(database_url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    code, out, err = _run(capsys, "digest", "--channel", "C0SALES", "--print", "--team", "T1")
    assert (code, out) == (2, "")
    assert err == (
        "dealbot: cannot bring the database schema up to date (Can't locate revision "
        "identified by '0099'); is it from a newer dealbot? Run that version's "
        "'dealbot db downgrade', or start with --no-migrate.\n"
    )
