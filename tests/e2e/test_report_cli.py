"""`dealbot digest --print` over a period: --as-of/--window and --from/--to on a history with
closes at known past dates, equal to figures computed by hand, as plain text."""

import pytest

from bot.cli import main
from bot.workspaces.service import ensure_workspace
from storage import db
from tests.e2e.helpers import TEAM
from tests.e2e.report_history import HISTORY, figures, owner_line, seed, summary_lines, t

MARKUP = ("<!date^", "&amp;", "&lt;", "<@U", "\u200b", "*", "`")


@pytest.fixture
def cli(slack, monkeypatch, capsys, database_url):
    """Run `dealbot …`: (exit code, what it printed)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)

    def run(*argv: str) -> tuple[int, str]:
        code = main(list(argv))
        return code, capsys.readouterr().out

    return run


def report(cli, *argv: str) -> list[str]:
    code, out = cli("digest", "--print", "--team", TEAM, *argv)
    assert code == 0, out
    assert not any(m in out for m in MARKUP), out
    return out.splitlines()


def test_as_of_and_window_cover_the_days_before_the_start_of_day_d(cli):
    seed()
    lines = report(cli, "--as-of", "2026-04-01", "--window", "90")
    start, end = t(2026, 1, 1), t(2026, 4, 1)  # [D - 90 days, D)
    f = figures(start, end)
    assert (f.won, f.lost) == (3, 2)  # Zeta at 01-01 00:00 in, Epsilon at 04-01 00:00 out
    assert lines[0] == "Pipeline report · 2026-01-01 to 2026-03-31 (90 days, UTC)"
    assert lines[1:5] == summary_lines(f)
    for owner in ("U0ANN", "U0BOB", "U0CAT"):
        assert owner_line(owner, figures(start, end, owner)) in lines
    # Open at the end: Theta, and Epsilon (won at 04-01 00:00, after the period).
    velocity = 2 * (f.won / (f.won + f.lost)) * (sum(f.sizes) / len(f.sizes)) / f.cycle
    assert lines[5] == f"Sales velocity ${velocity:,.2f}/day (2 deals open at the end)"


def test_one_second_either_side_of_the_boundaries(cli):
    seed()
    before = report(cli, "--as-of", "2026-01-01", "--window", "1")  # 2025-12-31 only
    assert before[1:3] == ["Win rate 100% (1 won, 0 lost)", "Won 1 · $30,000"]  # Eta 23:59
    first = report(cli, "--as-of", "2026-01-02", "--window", "1")  # 2026-01-01 only
    assert first[1:3] == ["Win rate 100% (1 won, 0 lost)", "Won 1 · $12,000"]  # Zeta 00:00
    last = report(cli, "--as-of", "2026-04-01", "--window", "1")  # 2026-03-31 only
    assert last[1:4] == ["Win rate 0% (0 won, 1 lost)", "Won 0", "Lost 1 · 1 of unknown value"]
    after = report(cli, "--as-of", "2026-04-02", "--window", "1")  # 2026-04-01 only
    assert after[1:3] == ["Win rate 100% (1 won, 0 lost)", "Won 1 · $8,000"]  # Epsilon


def test_from_to_includes_both_days(cli):
    seed()
    lines = report(cli, "--from", "2026-01-01", "--to", "2026-04-01")
    f = figures(t(2026, 1, 1), t(2026, 4, 2))
    assert (f.won, f.lost) == (4, 2)  # Epsilon on the last day is in
    assert lines[0] == "Pipeline report · 2026-01-01 to 2026-04-01 (91 days, UTC)"
    assert lines[1:5] == summary_lines(f)
    assert owner_line("U0CAT", figures(t(2026, 1, 1), t(2026, 4, 2), "U0CAT")) in lines
    one_day = report(cli, "--from", "2026-03-31", "--to", "2026-03-31")
    assert one_day[1:4] == ["Win rate 0% (0 won, 1 lost)", "Won 0", "Lost 1 · 1 of unknown value"]


def test_every_history_date_is_counted_once_over_a_long_window(cli):
    seed()
    lines = report(cli, "--as-of", "2027-01-01", "--window", "3660")
    closed = [p for p in HISTORY if p.closed]
    assert lines[1] == "Win rate 71% (5 won, 2 lost)" and len(closed) == 7
    assert "By stage (deals created in the period; days and losses in the period)" in lines
    assert any(x.startswith("Lead qualified: ") and "2 lost there" in x for x in lines)


def test_print_without_a_channel_is_the_workspaces_digest_in_plain_text(cli, driver):
    driver.slash("new Acme & Sons *big* 12k")
    driver.slash("lost 1 price & terms")
    code, out = cli("digest", "--print", "--team", TEAM)
    assert code == 0 and out.startswith("Pipeline digest\n")
    assert "#1 Acme & Sons *big* · $12k" in out and "(price & terms ×1)" in out
    assert "@U0ANN" in out and "Win rate 0% (0 won, 1 lost)" in out
    assert not any(m in out for m in ("<!date^", "&amp;", "<@U", "\u200b", "```"))


@pytest.mark.parametrize(
    "argv, said",
    [
        (
            ["--print", "--as-of", "2026-13-01", "--window", "30"],
            "dealbot: --as-of takes a day as YYYY-MM-DD, e.g. 2026-03-31, not '2026-13-01'.\n",
        ),
        (
            ["--print", "--as-of", "2026-04-01", "--window", "0"],
            "dealbot: --window takes 1 to 3660 days.\n",
        ),
        (
            ["--print", "--from", "2026-04-01", "--to", "2026-03-01"],
            "dealbot: --to 2026-03-01 is before --from 2026-04-01.\n",
        ),
        (
            ["--print", "--to", "2026-03-01"],
            "dealbot: --to needs --from (the first day of the period).\n",
        ),
        (
            ["--print", "--window", "30", "--from", "2026-03-01"],
            "dealbot: give either --as-of/--window or --from/--to, not both.\n",
        ),
        (
            ["--print", "--window", "30", "--channel", "C0SALES"],
            "dealbot: a report covers the whole workspace: leave out --channel.\n",
        ),
        (["--window", "30"], "dealbot: a report over a period is printed: add --print.\n"),
        ([], "dealbot: say which channel to post the digest in with --channel (or add --print).\n"),
    ],
)
def test_options_that_do_not_go_together_are_refused_in_one_line(cli, argv, said):
    assert cli("digest", "--team", TEAM, *argv) == (2, said)


def test_an_unknown_workspace_is_refused_and_not_created(cli):
    said = "dealbot: this database has no workspace T0TYPO.\n"
    assert cli("digest", "--print", "--team", "T0TYPO") == (2, said)
    assert cli("digest", "--print", "--team", "T0TYPO", "--window", "30") == (2, said)
