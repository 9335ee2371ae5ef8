"""`dealbot import`: the CRM layouts, safe re-runs, corrections, refusals and real dates.

The command line runs against the Slack stand-in (owners found by users.lookupByEmail with
the bot token) and the test database.
"""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlmodel

from bot.cli import main
from bot.imports.fields import FIELDS, IMPORT_ACTOR
from storage import db
from storage.models import Activity, Deal, Stage
from tests.e2e.helpers import TEAM

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
LAYOUTS = {
    "hubspot.csv": [
        "--stage",
        "Contract sent=proposal",
        "--owner",
        "Ann Andersson=U0ANN",
        "--owner",
        "Bob Brown=U0BOB",
    ],
    "pipedrive.csv": [
        "--stage",
        "Proposal Made=proposal",
        "--stage",
        "Negotiations Started=negotiation",
    ],
    "salesforce.csv": ["--stage", "Negotiation/Review=negotiation"],
    "generic.csv": [],
}


@pytest.fixture
def cli(slack, monkeypatch, database_url, capsys):
    """Run `dealbot import …` as a shell would; (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-local-stand-in")
    monkeypatch.setenv("SLACK_API_URL", slack.standin.api_url)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["import", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def deals() -> list[tuple]:
    """(name, stage key, owner, value, currency, close date, created) of every deal."""
    with db.session_scope() as s:
        q = (
            sqlmodel.select(Deal, Stage.key)
            .join(Stage, Stage.id == Deal.stage_id)
            .where(Deal.team_id == TEAM)
            .order_by(Deal.external_id)
        )
        return [
            (d.name, key, d.owner_id, d.value_minor, d.currency, d.close_date, d.created_at)
            for d, key in s.exec(q)
        ]


def acts(name: str) -> list[tuple]:
    """(actor, at, kind, from, to, note) of the named deal's history, in order."""
    with db.session_scope() as s:
        d = s.exec(sqlmodel.select(Deal).where(Deal.name == name)).one()
        q = (
            sqlmodel.select(Activity)
            .where(Activity.deal_id == d.id)
            .order_by(Activity.at, Activity.id)
        )
        return [(a.actor_id, a.at, a.kind, a.from_value, a.to_value, a.note) for a in s.exec(q)]


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def counts() -> tuple[int, int]:
    with db.session_scope() as s:
        return (
            len(s.exec(sqlmodel.select(Deal.id)).all()),
            len(s.exec(sqlmodel.select(Activity.id)).all()),
        )


def write(tmp_path: Path, text: str, name: str = "deals.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_layout_imports_and_a_rerun_changes_nothing(cli, slack, layout):
    code, out, err = cli(str(FIXTURES / layout), "--team", TEAM, *LAYOUTS[layout])
    assert (code, err) == (0, ""), out
    assert out.strip() == "Imported: 3 created, 0 updated, 0 unchanged, 0 refused."
    found = deals()
    assert [key for _, key, *_ in found] == ["won", "lost", found[2][1]]
    assert found[2][1] in ("proposal", "negotiation", "qualified")
    assert {owner for _, _, owner, *_ in found} <= {"U0ANN", "U0BOB", "U0CAT"}
    lost_value = {"pipedrive.csv": 700_000, "salesforce.csv": 900_000}.get(layout)
    assert found[1][3] == lost_value  # a lost deal of value 0 has an unknown value
    before = counts()
    code, out, _ = cli(str(FIXTURES / layout), "--team", TEAM, *LAYOUTS[layout])
    assert (code, out.strip()) == (0, "Imported: 0 created, 0 updated, 3 unchanged, 0 refused.")
    assert counts() == before and deals() == found
    assert slack.standin.call_count("chat.postMessage") == 0  # imported deals post no cards


def planned_rows(table: str) -> float | None:
    """How many rows the database's planner believes the table holds (its statistics:
    PostgreSQL's reltuples, SQLite's sqlite_stat1); None when it was never told."""
    with db.session_scope() as s:
        conn = s.connection()
        if conn.dialect.name == "postgresql":
            q = "SELECT reltuples FROM pg_class WHERE relname = :t AND relkind = 'r'"
            tuples = conn.execute(sqlmodel.text(q), {"t": table}).scalar()
            return None if tuples is None or tuples < 0 else tuples
        kept = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if kept.first() is None:
            return None
        q = "SELECT stat FROM sqlite_stat1 WHERE tbl = :t"
        stat = conn.execute(sqlmodel.text(q), {"t": table}).scalar()
        return None if stat is None else float(stat.split()[0])


def test_an_import_tells_the_planner_how_many_deals_there_now_are(cli):
    # Until then (autovacuum may be minutes away, or off) PostgreSQL plans the digest as for
    # empty tables: 104 s instead of 0.13 for 20,000 imported deals (docs/performance.md,
    # the ninth round).
    code, out, _ = cli(str(FIXTURES / "generic.csv"), "--team", TEAM)
    assert code == 0, out
    assert planned_rows("deal") == len(deals()) == 3
    assert planned_rows("activity") == counts()[1]


def test_owners_are_found_by_email_through_slack(cli, slack):
    code, _, _ = cli(str(FIXTURES / "salesforce.csv"), "--team", TEAM, *LAYOUTS["salesforce.csv"])
    assert code == 0
    assert [d[2] for d in deals()] == ["U0ANN", "U0BOB", "U0CAT"]
    assert slack.standin.call_count("users.lookupByEmail", ok=True) == 3
    found = deals()
    assert found[0][3:6] == (2_500_000, "USD", date(2026, 3, 15))  # $25,000.00, MM/DD/YYYY


def test_dates_and_outcomes_land_in_history_at_the_files_dates(cli):
    assert cli(str(FIXTURES / "generic.csv"), "--team", TEAM)[0] == 0
    assert acts("Soylent office plan") == [
        (IMPORT_ACTOR, day("2026-01-05"), "created", None, "Prospect identified", None),
        (IMPORT_ACTOR, day("2026-02-20"), "won", None, "Won", None),
    ]
    assert acts("Tyrell replicant fleet")[-1] == (
        IMPORT_ACTOR,
        day("2026-03-01"),
        "lost",
        None,
        "Lost",
        "No budget",
    )
    assert acts("Massive Dynamic trial") == [
        (IMPORT_ACTOR, day("2026-02-15"), "created", None, "Proposal received", None)
    ]
    tyrell = next(d for d in deals() if d[0] == "Tyrell replicant fleet")
    assert tyrell[3] is None  # lost with value 0: unknown, not $0
    with db.session_scope() as s:
        soylent = s.exec(sqlmodel.select(Deal).where(Deal.name == "Soylent office plan")).one()
    assert (soylent.created_at, soylent.stage_changed_at) == (day("2026-01-05"), day("2026-02-20"))
    assert soylent.created_by == IMPORT_ACTOR and soylent.card_ts is None
    # Quiet since its history's newest time, as the activities' trigger keeps it: the import
    # writes it with the deal, for every deal.
    with db.session_scope() as s:
        newest = dict(s.exec(sqlmodel.select(Activity.deal_id, sqlmodel.func.max(Activity.at))
                             .group_by(Activity.deal_id)).all())
        kept = {d.id: d.last_activity_at for d in s.exec(sqlmodel.select(Deal)).all()}
    assert kept == newest and soylent.last_activity_at == day("2026-02-20")


def test_pipedrive_status_and_won_time(cli):
    assert cli(str(FIXTURES / "pipedrive.csv"), "--team", TEAM, *LAYOUTS["pipedrive.csv"])[0] == 0
    assert acts("Umbrella CRM seats") == [
        (IMPORT_ACTOR, day("2026-01-03"), "created", None, "Proposal received", None),
        (IMPORT_ACTOR, day("2026-02-14"), "won", "Proposal received", "Won", None),
    ]
    hooli = next(d for d in deals() if d[0] == "Hooli analytics")
    assert hooli[1:6] == ("lost", "U0BOB", 700_000, "EUR", date(2026, 3, 2))


def test_a_corrected_file_updates_what_changed_with_history(cli, tmp_path):
    assert cli(str(FIXTURES / "generic.csv"), "--team", TEAM)[0] == 0
    text = (FIXTURES / "generic.csv").read_text()
    text = text.replace(
        "G-3,Massive Dynamic trial,Massive Dynamic,2500,USD,proposal,U0CAT,"
        "inbound,15.02.2026,30.12.2026,,Book the demo",
        "G-3,Massive Dynamic trial,Massive Dynamic,3000,USD,won,U0CAT,"
        "inbound,15.02.2026,10.03.2026,,",
    )
    code, out, _ = cli(write(tmp_path, text), "--team", TEAM)
    assert (code, out.strip()) == (0, "Imported: 0 created, 1 updated, 2 unchanged, 0 refused.")
    history = acts("Massive Dynamic trial")
    assert history[0][2] == "created"
    kinds = {a[2]: a for a in history[1:]}
    assert kinds["won"][1:5] == (day("2026-03-10"), "won", "Proposal received", "Won")
    assert kinds["value"][3:5] == ("$2,500", "$3,000")
    assert kinds["next"][3:5] == ("Book the demo", None)
    assert all(a[0] == IMPORT_ACTOR for a in history)
    assert (
        cli(write(tmp_path, text), "--team", TEAM)[1]
        .strip()
        .startswith("Imported: 0 created, 0 updated, 3 unchanged")
    )


def test_bad_rows_are_refused_with_their_line_and_the_others_go_in(cli, tmp_path):
    text = (
        "name,value,stage,owner,created,close_date,next_step\n"
        "Good one,1000,prospect,U0ANN,2026-01-02,,\n"  # line 2
        ",500,prospect,U0ANN,2026-01-02,,\n"  # line 3: no name
        "Bad date,500,prospect,U0ANN,2026-13-45,,\n"  # line 4
        'Two lines,500,prospect,U0ANN,2026-01-03,,"call\nback"\n'  # lines 5-6
        "Bad value,lots,prospect,U0ANN,2026-01-02,,\n"  # line 7
        "Closed early,500,won,U0ANN,2026-02-01,2026-01-01,\n"  # line 8
        "No owner,500,prospect,,2026-01-02,,\n"  # line 9
    )
    code, out, _ = cli(write(tmp_path, text), "--team", TEAM)
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0] == "Imported: 2 created, 0 updated, 0 unchanged, 5 refused."
    assert lines[1:] == [
        "  line 3: the deal has no name",
        "  line 4: the date “2026-13-45” is not a date in YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY",
        "  line 7: the value “lots” is not an amount",
        "  line 8: it closed on 2026-01-01, before it was created on 2026-02-01",
        "  line 9: the deal has no owner; name one, or give --default-owner U…",
    ]
    assert sorted(d[0] for d in deals()) == ["Good one", "Two lines"]


def test_dry_run_writes_nothing_and_says_how_many(cli):
    code, out, _ = cli(str(FIXTURES / "generic.csv"), "--team", TEAM, "--dry-run")
    assert code == 0
    assert out.strip() == (
        "Dry run: would import 3 of 3 rows (3 new, 0 updated); 0 unchanged, "
        "0 refused. Nothing was written."
    )
    assert deals() == []


def test_unknown_stages_and_people_are_listed_and_nothing_is_written(cli, tmp_path):
    text = (
        "name,stage,owner,created\n"
        "A,Engaging,nobody@example.com,2026-01-02\n"
        "B,Prospecting,Anna Snelling,2026-01-02\n"
        "C,Engaging,U0ANN,2026-01-02\n"
    )
    path = write(tmp_path, text)
    code, out, _ = cli(path, "--team", TEAM)
    assert code == 1
    assert out.strip().splitlines() == [
        "Nothing was imported.",
        "Stages that match no stage of the workspace:",
        "  “Engaging” (lines 2, 4)",
        "  “Prospecting” (line 3)",
        'Map each with --stage "NAME=stage"; the stages are prospect (Prospect identified), '
        "qualified (Lead qualified), contacted (First meeting held), needs (Needs confirmed), "
        "proposal (Proposal received), negotiation (Terms negotiated), committed (Verbal "
        "commitment given), won (Won), lost (Lost).",
        "People that match nobody in Slack:",
        "  “nobody@example.com” (line 2)",
        "  “Anna Snelling” (line 3)",
        'Map each with --owner "NAME=U012AB3CD", or give --default-owner U012AB3CD.',
    ]
    assert deals() == []
    code, out, _ = cli(
        path,
        "--team",
        TEAM,
        "--stage",
        "Engaging=contacted",
        "--stage",
        "prospecting=Prospect identified",
        "--owner",
        "anna snelling=U0BOB",
        "--default-owner",
        "U0CAT",
    )
    assert (code, out.strip()) == (0, "Imported: 3 created, 0 updated, 0 unchanged, 0 refused.")
    assert [(d[0], d[1], d[2]) for d in sorted(deals())] == [
        ("A", "contacted", "U0CAT"),
        ("B", "prospect", "U0BOB"),
        ("C", "contacted", "U0ANN"),
    ]


def test_explicit_mapping_and_date_format(cli, tmp_path):
    text = 'Opportunity,Amt,Phase,Rep,Opened\nDeal X,"1,200",Won,U0ANN,02/01/2026\n'
    mapping = write(tmp_path, "# mapping\nOpportunity=name\nAmt=value\n", "map.txt")
    code, out, _ = cli(
        write(tmp_path, text),
        "--team",
        TEAM,
        "--map-file",
        mapping,
        "--map",
        "Phase=stage",
        "--map",
        "Rep=owner",
        "--map",
        "Opened=created",
        "--date-format",
        "%d/%m/%Y",
    )
    assert code == 0, out
    assert deals()[0][:5] == ("Deal X", "won", "U0ANN", 120_000, "USD")
    assert acts("Deal X")[0][1] == day("2026-01-02")
    code, _, err = cli(write(tmp_path, text), "--team", TEAM, "--map", "Nope=name")
    assert code == 2 and "the file has no column Nope" in err
    code, _, err = cli(write(tmp_path, text), "--team", TEAM, "--map", "Amt=price")
    assert code == 2 and "price is not a field; the fields are external_id, name" in err


def test_help_lists_the_fields(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert all(f"  {f} " in out for f in FIELDS)


def test_imported_history_shows_the_import_as_actor(cli, slack, driver):
    assert cli(str(FIXTURES / "generic.csv"), "--team", TEAM)[0] == 0
    driver.slash("show 1")
    shown = "\n".join(str(m.blocks) + (m.text or "") for m in slack.standin.ephemerals("U0ANN"))
    assert "the import marked it won" in shown and "<@import>" not in shown


def test_the_demo_imports_its_shipped_csv(slack):
    from bot.local.demo_import import CSV, import_demo_csv

    assert CSV.parent.name == "local" and CSV.parent.parent.name == "bot"  # inside the wheel
    assert import_demo_csv(slack.standin) == (
        "Imported: 8 created, 0 updated, 0 unchanged, 0 refused."
    )
    assert len(deals()) == 8
    assert import_demo_csv(slack.standin).startswith("Imported: 0 created, 0 updated, 8 unchanged")


def test_without_a_slack_token_emails_are_not_looked_up(cli, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    code, out, _ = cli(str(FIXTURES / "salesforce.csv"), "--team", TEAM, *LAYOUTS["salesforce.csv"])
    assert code == 1 and "“ann@example.com” (line 2)" in out
    assert out.strip().endswith(
        "Emails were not looked up: there is no Slack token "
        "(SLACK_BOT_TOKEN, or an OAuth install of this workspace)."
    )
    assert deals() == []


def test_a_corrected_outcome_and_dates_keep_one_consistent_history(cli, tmp_path):
    assert cli(str(FIXTURES / "generic.csv"), "--team", TEAM)[0] == 0
    text = (
        (FIXTURES / "generic.csv")
        .read_text()
        .replace(
            "5000,USD,won,U0ANN,referral,05.01.2026,20.02.2026",
            "5000,USD,lost,U0ANN,referral,06.01.2026,25.02.2026",
        )
    )
    code, out, _ = cli(write(tmp_path, text), "--team", TEAM)
    assert (code, out.strip()) == (0, "Imported: 0 created, 1 updated, 2 unchanged, 0 refused.")
    history = acts("Soylent office plan")
    assert history[0][1:3] == (day("2026-01-06"), "created")  # the import's own entry, re-dated
    closes = [a[2] for a in history if a[2] in ("won", "lost", "reopened")]
    assert closes == ["won", "reopened", "lost"]
    assert next(d for d in deals() if d[0] == "Soylent office plan")[1] == "lost"
    assert cli(write(tmp_path, text), "--team", TEAM)[1].startswith(
        "Imported: 0 created, 0 updated, 3 unchanged"
    )


def test_a_row_the_database_refuses_is_reported_and_the_others_go_in(cli, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from storage import import_queries

    real = import_queries.insert_deals

    def refusing(*, session, team_id, rows):
        if any(r["name"] == "Tyrell replicant fleet" for r in rows):
            raise IntegrityError("INSERT INTO deal", {}, Exception("value too long"))
        return real(session=session, team_id=team_id, rows=rows)

    monkeypatch.setattr(import_queries, "insert_deals", refusing)
    code, out, _ = cli(str(FIXTURES / "generic.csv"), "--team", TEAM)
    assert code == 1
    assert out.strip().splitlines() == [
        "Imported: 2 created, 0 updated, 0 unchanged, 1 refused.",
        "  line 3: the database refused it (value too long)",
    ]
    assert sorted(d[0] for d in deals()) == ["Massive Dynamic trial", "Soylent office plan"]
    assert all(len(acts(name)) >= 1 for name in ("Massive Dynamic trial", "Soylent office plan"))
