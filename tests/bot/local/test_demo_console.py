"""`dealbot demo` and `dealbot console` as a person runs them."""

from bot.local.console import run_console
from bot.local.demo import run_demo


def test_demo_tours_create_list_move_show_without_a_slack_contract_failure():
    lines: list[str] = []
    assert run_demo(out=lines.append) == 0
    out = "\n".join(lines)
    assert "== #1 Acme Corp ==" in out and "== #2 Globex renewal ==" in out
    assert "[ Advance to Lead qualified ]" in out
    assert "already moved to Lead qualified by @bob" in out
    assert "Proposal received (5/7)" in out
    assert "There is no stage “banana”" in out
    assert "moved it from Prospect identified to Lead qualified" in out
    assert "[ Won ]" in out and "[ Lost ]" in out and "Stage* Won" in out
    assert "[ Qualify now ]  [ Move anyway ]" in out and "SQL · hot · B✓ A✓ N✓ T✓" in out
    assert "=== Mark as lost ===" in out and "Lost because* Went with a competitor: cheaper" in out
    assert "@cat replied in the thread: Reviewed their security questionnaire" in out
    assert "With @cat" in out and "added a note: Budget confirmed at 15k" in out
    assert "DM  ·" not in out  # closed forms are not shown as messages
    assert out.count("== My deals ==") == 1 and "Closed in the last 30 days" in out
    assert "daily 09:00 Europe/Helsinki" in out and "== Pipeline digest ==" in out
    # OAuth: both workspaces install through Slack's authorize page; the second has its own data
    assert "installed in Demo Co (T0DEMO)" in out and "installed in Globex Inc (T0GLOBEX)" in out
    second = out[out.index("A second workspace, Globex Inc"):]
    assert "No deals yet" in second and "#1 Acme" not in second and "Globex renewal" not in second
    assert "[Globex Inc] == #1 Hooli ==" in second
    assert out.rstrip().endswith("Every Slack call above was checked against Slack's method "
                                 "reference and Block Kit.")


def test_console_types_clicks_and_fills_a_form():
    blank = ["", "", "", "", "", "", ""]  # the seven fields of the New lead form
    typed = iter(["/deal new Acme Corp 12k", "1", "2",  # Advance; not qualified: Move anyway
                  "/deal new",
                  *blank,  # name left empty
                  "Big Co", "", "abc", "", "", "", "",  # a value that is not an amount
                  "Big Co", "", "5k", "b", "bob", "", "call Friday",  # source b)
                  "/deal list", "quit"])
    lines: list[str] = []
    assert run_console(ask=lambda prompt: next(typed), out=lines.append) == 0
    out = "\n".join(lines)
    assert "[1: Qualify now ]  [2: Move anyway ]" in out  # the gate before Lead qualified
    assert "Lead qualified (2/7)" in out  # the click on 2 moved Acme anyway
    assert "! Deal name: this field is required" in out
    assert "`abc` is not an amount" in out
    assert "#2 Big Co* · $5k · Prospect identified · @bob" in out


def test_console_letters_choices_so_a_number_only_ever_clicks():
    typed = iter(["/deal new Acme Corp 12k", "/deal qualify 1",
                  "a", "", "", "a", "", "a", "", "a", "",  # Budget, Authority, Need, Timeline: a)
                  "1", "quit"])  # 1 is the card's first button again: Advance
    lines: list[str] = []
    assert run_console(ask=lambda prompt: next(typed), out=lines.append) == 0
    out = "\n".join(lines)
    assert "a) Confirmed  b) Being allocated  c) Unknown  d) No budget" in out
    assert "SQL · hot · B✓ A✓ N✓ T✓" in out
    assert "First meeting held (3/7)" in out
