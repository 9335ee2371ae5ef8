"""Issue 13, export: `dealbot export` writes every deal as CSV; `/deal export` uploads it."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.cli import main
from bot.imports.fields import FIELDS
from tests.e2e.helpers import text_of, told

CLOSE = (datetime.now(UTC).date() + timedelta(days=40)).isoformat()


def a_few_deals(driver) -> None:
    """#1 open with a contact, #2 won (bob's), #3 lost of unknown value, #4 archived."""
    driver.slash("new Acme Corp 12k")
    driver.slash("set 1 company Acme Corp")
    driver.slash(f"set 1 close {CLOSE}")
    driver.slash("set 1 source referral")
    driver.slash("set 1 next demo on Friday")
    driver.slash("contact 1 Ann Lee ann@acme.com CFO")
    driver.slash("contact 1 edit ann@acme.com role decision maker")
    driver.slash(f"new Globex 5.5k {driver.mention('U0BOB')}")
    driver.slash("won 2", user="U0BOB")
    driver.slash("new Initech")
    driver.slash("lost 3 price")
    driver.slash("new Junk lead 1k")
    driver.slash("archive 4")


def export(monkeypatch, capsys, slack, database_url, *flags: str) -> tuple[int, str, str]:
    """Run `dealbot export` with the stand-in's token; (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-local-stand-in")
    monkeypatch.setenv("SLACK_API_URL", slack.standin.api_url)
    capsys.readouterr()
    code = main(["export", *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows_of(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def test_export_writes_every_live_deal_with_its_fields(
    slack, driver, monkeypatch, capsys, database_url
):
    a_few_deals(driver)
    code, out, err = export(monkeypatch, capsys, slack, database_url)
    assert code == 0
    headers, rows = rows_of(out)
    assert headers[: len(FIELDS)] == list(FIELDS)  # the import's own names, in its order
    assert headers[len(FIELDS) :] == [
        "number",
        "owner_id",
        "outcome",
        "expected_close",
        "closed_on",
        "archived_on",
        "contacts",
    ]
    assert [r["number"] for r in rows] == ["1", "2", "3"]  # #4 is archived
    today = datetime.now(UTC).date().isoformat()
    acme, globex, initech = rows
    assert acme == {
        "external_id": "T0DEMO-1",
        "name": "Acme Corp",
        "company": "Acme Corp",
        "value": "12000",
        "currency": "USD",
        "stage": "Prospect identified",
        "owner": "Ann Andersson",
        "source": "referral",
        "created": today,
        "close_date": CLOSE,
        "lost_reason": "",
        "next_step": "demo on Friday",
        "number": "1",
        "owner_id": "U0ANN",
        "outcome": "open",
        "expected_close": CLOSE,
        "closed_on": "",
        "archived_on": "",
        "contacts": "Ann Lee <ann@acme.com>, CFO, Decision maker",
    }
    assert (globex["value"], globex["stage"], globex["outcome"]) == ("5500", "Won", "won")
    assert (globex["owner"], globex["owner_id"]) == ("Bob Brown", "U0BOB")
    assert globex["close_date"] == globex["closed_on"] == today  # the actual close
    assert initech["value"] == ""  # lost, value unknown: empty, not 0
    assert (initech["stage"], initech["outcome"], initech["lost_reason"]) == (
        "Lost",
        "lost",
        "Price too high",
    )
    assert "exported 3 deals of workspace T0DEMO" in err
    assert out.startswith("external_id,name,")  # nothing but the CSV on stdout


def test_export_all_includes_archived_deals(slack, driver, monkeypatch, capsys, database_url):
    a_few_deals(driver)
    code, out, _ = export(monkeypatch, capsys, slack, database_url, "--all", "--team", "T0DEMO")
    assert code == 0
    _, rows = rows_of(out)
    assert [r["number"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[3]["archived_on"] == datetime.now(UTC).date().isoformat()
    assert rows[0]["archived_on"] == ""


def test_without_a_token_the_owner_column_has_ids(slack, driver, monkeypatch, capsys, database_url):
    driver.slash("new Acme 1k")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert main(["export"]) == 0  # the only workspace of the database
    captured = capsys.readouterr()
    _, [row] = rows_of(captured.out)
    assert (row["owner"], row["owner_id"]) == ("U0ANN", "U0ANN")
    assert "no Slack token" in captured.err


def test_export_of_an_unknown_workspace_is_refused(
    slack, driver, monkeypatch, capsys, database_url
):
    driver.slash("new Acme 1k")
    code, out, err = export(monkeypatch, capsys, slack, database_url, "--team", "T0NOPE")
    assert code == 2 and out == ""
    assert "workspace T0NOPE has no deals in this database" in err


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_text(
    slack, driver, monkeypatch, capsys, database_url
):
    driver.slash('new "=HYPERLINK(1)" 1k')
    _, out, _ = export(monkeypatch, capsys, slack, database_url)
    _, [row] = rows_of(out)
    assert row["name"] == "'=HYPERLINK(1)"


def test_deal_export_uploads_the_csv_to_the_askers_dm(
    slack, driver, monkeypatch, capsys, database_url
):
    a_few_deals(driver)
    reply = driver.slash("export")
    assert "will be in your DM with dealbot" in text_of(reply.message)
    [upload] = slack.standin.uploads.values()
    assert upload.completed and upload.channels == ["D0ANN"]  # never the channel typed in
    assert upload.filename.startswith("dealbot-T0DEMO-") and upload.filename.endswith(".csv")
    [shared] = [m for m in slack.standin.messages("D0ANN") if m.files]
    assert shared.files[0]["id"] == upload.file_id and "3 deals" in shared.text
    assert f"Sent: `{upload.filename}` (3 deals)" in told(slack)
    _, out, _ = export(monkeypatch, capsys, slack, database_url)
    assert upload.text == out  # the same CSV as `dealbot export`
    assert [c.method for c in slack.standin.calls if c.method.startswith("files.")] == [
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]


def test_deal_export_all_and_bad_words(slack, driver):
    a_few_deals(driver)
    driver.slash("export all", user="U0BOB")
    [upload] = slack.standin.uploads.values()
    assert upload.channels == ["D0BOB"] and upload.text.count("\r\n") == 5  # header + 4
    reply = driver.slash("export <!channel> now")
    assert "`/deal export all` includes archived deals" in text_of(reply.message)
    assert "&lt;!channel&gt; now" in text_of(reply.message)
    assert len(slack.standin.uploads) == 1


def test_deal_export_of_an_empty_workspace_sends_nothing(slack, driver):
    driver.slash("export")
    assert "There are no deals to export yet" in told(slack)
    assert slack.standin.uploads == {}


@pytest.mark.parametrize("method", ["files.getUploadURLExternal", "files.completeUploadExternal"])
def test_without_files_write_the_stand_in_refuses_and_the_user_is_told(slack, driver, method):
    driver.slash("new Acme 1k")
    slack.standin.scopes = slack.standin.scopes - {"files:write"}
    if method == "files.completeUploadExternal":  # lost between the two calls
        slack.standin.scopes = None
        slack.standin.fail_next(method, "missing_scope")
    driver.slash("export")
    refused = [c for c in slack.standin.calls if c.error == "missing_scope"]
    assert [c.method for c in refused] == [method]
    assert "lacks Slack's `files:write` permission" in told(slack)
    assert not any(u.completed for u in slack.standin.uploads.values())
    assert not [m for m in slack.standin.messages("D0ANN") if m.files]
    slack.standin.contract_failures.clear()  # the refusal was the point of this test
