"""Issue 13, import from Slack: a CSV file shared in dealbot's DM is previewed (a dry run)
with Import and Cancel; Import runs the same import as `dealbot import`."""

import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import sqlmodel
from slack_sdk import WebClient

from bot.imports.fields import IMPORT_ACTOR
from handlers.kit.ids import Import
from storage import db
from storage.models import Activity, Deal
from tests.e2e.helpers import TEAM, text_of, writes_held

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
GENERIC = (FIXTURES / "generic.csv").read_text(encoding="utf-8")
BAD_ROWS = (
    "name,value,stage,owner,created,close_date\n"
    "Good one,1000,prospect,U0ANN,2026-01-02,\n"  # line 2
    ",500,prospect,U0ANN,2026-01-02,\n"  # line 3: no name
    "Bad date,500,prospect,U0ANN,2026-13-45,\n"  # line 4
    "Bad value,lots,prospect,ann@example.com,2026-01-02,\n"  # line 5
    "By email,700,proposal,bob@example.com,2026-01-03,\n"  # line 6
)


def names() -> list[str]:
    with db.session_scope() as s:
        found = s.exec(sqlmodel.select(Deal.name).where(Deal.team_id == TEAM))
        return sorted(found)


def acts(name: str) -> list[tuple]:
    with db.session_scope() as s:
        d = s.exec(sqlmodel.select(Deal).where(Deal.name == name)).one()
        q = sqlmodel.select(Activity).where(Activity.deal_id == d.id).order_by(Activity.id)
        return [(a.actor_id, a.at, a.kind, a.to_value) for a in s.exec(q)]


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def answer(slack, user: str = "U0ANN"):
    """dealbot's latest message in the user's DM."""
    bot = slack.standin.bot_user_id
    mine = [m for m in slack.standin.messages(slack.standin.dm_id(user)) if m.user == bot]
    return mine[-1] if mine else None


def buttons(message) -> list[str]:
    return [
        e["text"]["text"] for b in message.blocks if b["type"] == "actions" for e in b["elements"]
    ]


def test_an_admin_shares_a_csv_sees_a_preview_and_imports_it(slack, driver):
    driver.share_file("generic.csv", GENERIC)
    preview = answer(slack)
    assert preview.text == (
        "*generic.csv* (3 rows): an import would create 3, update 0; 0 unchanged, 0 refused. "
        "Nothing is written until you click *Import*."
    )
    assert buttons(preview) == ["Import", "Cancel"]
    assert names() == []  # the preview is a dry run
    again = driver.click_body(Import.confirm, message=preview)

    driver.click(Import.confirm, message=preview)
    done = answer(slack)
    assert done.ts == preview.ts  # the preview became the result, without its buttons
    assert done.text == "Imported *generic.csv*: 3 created, 0 updated, 0 unchanged, 0 refused."
    assert buttons(done) == []
    assert names() == ["Massive Dynamic trial", "Soylent office plan", "Tyrell replicant fleet"]
    assert acts("Soylent office plan") == [
        (IMPORT_ACTOR, day("2026-01-05"), "created", "Prospect identified"),
        (IMPORT_ACTOR, day("2026-02-20"), "won", "Won"),
    ]
    # the click fetched the file again (files.info, then its download with the bot token)
    assert slack.standin.call_count("files.info", ok=True) == 2
    assert slack.standin.call_count("chat.postMessage") == 1  # imported deals post no cards

    driver.post(again)  # a second click on the same preview
    assert answer(slack).text == (
        "*generic.csv* was already imported: nothing changed (3 rows unchanged)."
    )
    assert len(names()) == 3

    driver.share_file("generic.csv", GENERIC)  # the same file shared again
    shown = answer(slack)
    assert shown.text == (
        "*generic.csv* is already imported: its 3 rows match the deals as they are, "
        "nothing would change."
    )
    assert buttons(shown) == []


def test_dealbots_own_files_in_its_dm_are_not_offered_for_import(slack, driver):
    s = slack.standin
    channel = s.open_dm(["U0ANN"])
    file = {"id": "F0000000042", "name": "dealbot-T0DEMO-2026-11-30.csv", "filetype": "csv"}
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": channel,
        "user": s.bot_user_id,
        "bot_id": s.bot_id,
        "text": "Your export",
        "files": [file],
        "ts": s.next_ts(),
    }
    assert driver.event(event).status == 200
    assert s.call_count("files.info") == 0 and answer(slack) is None


def test_cancel_imports_nothing(slack, driver):
    driver.share_file("generic.csv", GENERIC)
    driver.click(Import.cancel, message=answer(slack))
    shown = answer(slack)
    assert shown.text == "Cancelled: nothing was imported from *generic.csv*."
    assert buttons(shown) == [] and names() == []


def test_a_non_admin_is_told_who_can_import(slack, driver):
    driver.share_file("generic.csv", GENERIC, user="U0BOB")
    told = answer(slack, "U0BOB").text
    assert told.startswith("Only an admin can import deals from a CSV file: ")
    assert "Slack's workspace admins and owners" in told
    assert names() == []
    assert not buttons(answer(slack, "U0BOB"))


def test_a_file_that_is_not_csv_gets_a_clear_reply(slack, driver):
    driver.share_file("deck.pdf", b"%PDF-1.4 not a table")
    assert answer(slack).text == (
        "I import deals from CSV files (`.csv`), and *deck.pdf* is a PDF file. Export or save "
        "your deals as CSV (the first row naming the columns) and share that here. "
        "Nothing was imported."
    )


def test_bad_rows_are_listed_with_their_lines_and_the_others_import(slack, driver):
    driver.share_file("rows.csv", BAD_ROWS)
    preview = answer(slack)
    shown = text_of(preview)
    assert preview.text.startswith(
        "*rows.csv* (5 rows): an import would create 2, update 0; 0 unchanged, 3 refused."
    )
    assert "• line 3: the deal has no name" in shown
    assert "• line 4: the date “2026-13-45” is not a date" in shown
    assert "• line 5: the value “lots” is not an amount" in shown
    assert buttons(preview) == ["Import", "Cancel"]
    driver.click(Import.confirm, message=preview)
    done = answer(slack)
    assert done.text == "Imported *rows.csv*: 2 created, 0 updated, 0 unchanged, 3 refused."
    assert "• line 5: the value “lots” is not an amount" in text_of(done)
    assert names() == ["By email", "Good one"]
    with db.session_scope() as s:
        owner = s.exec(sqlmodel.select(Deal.owner_id).where(Deal.name == "By email")).one()
    assert owner == "U0BOB"  # found by email through users.lookupByEmail


def test_unknown_stages_are_listed_and_there_is_nothing_to_click(slack, driver):
    driver.share_file("odd.csv", "name,stage,owner\nA,Engaging,U0ANN\nB,Engaging,U0ANN\n")
    shown = answer(slack)
    assert shown.text == "*odd.csv* (2 rows): nothing can be imported yet. Nothing was imported."
    assert "• “Engaging” (lines 2, 3)" in text_of(shown)
    assert buttons(shown) == [] and names() == []


def test_the_download_needs_the_bot_token(slack, driver):
    driver.share_file("generic.csv", GENERIC)
    [upload] = slack.standin.uploads.values()
    client = WebClient(token="xoxb-local-stand-in", base_url=slack.standin.api_url)
    download = client.files_info(file=upload.file_id)["file"]["url_private_download"]
    assert download.startswith(slack.standin.base_url + "/files-pri/T0DEMO-")

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(Stay)
    for headers in ({}, {"Authorization": "Bearer xoxp-not-a-bot-token"}):
        try:
            opener.open(urllib.request.Request(download, headers=headers))
            raise AssertionError("downloaded without the bot token")
        except urllib.error.HTTPError as e:
            assert e.code == 302 and "/signin" in e.headers["Location"]
    with_token = {"Authorization": "Bearer xoxb-local-stand-in"}
    with opener.open(urllib.request.Request(download, headers=with_token)) as r:
        assert r.read().decode() == GENERIC


def test_without_files_read_the_user_is_told_what_is_missing(slack, driver):
    slack.standin.scopes = slack.standin.scopes - {"files:read"}
    driver.share_file("generic.csv", GENERIC)
    told = answer(slack).text
    assert "lacks Slack's `files:read` permission" in told and "Nothing was imported" in told
    assert [c.method for c in slack.standin.calls if c.error == "missing_scope"] == ["files.info"]
    assert names() == []
    slack.standin.scopes = None
    slack.standin.contract_failures.clear()  # the refusal was the point of this test


def test_a_file_over_the_size_limit_is_refused(slack, driver, monkeypatch):
    from handlers.imports import download

    monkeypatch.setattr(download, "MAX_BYTES", 100)
    driver.share_file("big.csv", GENERIC)
    assert answer(slack).text.startswith("*big.csv* is 0.0 MB; I import files of up to 5 MB")
    assert names() == []


def test_many_refused_rows_fit_one_message(slack, driver):
    rows = "".join(f"Deal {n},lots,prospect,U0ANN,2026-01-02,\n" for n in range(200))
    driver.share_file("many.csv", "name,value,stage,owner,created,close_date\n" + rows)
    shown = answer(slack)
    assert shown.text.startswith("*many.csv* (200 rows): nothing to import; 0 unchanged, 200")
    assert "• line 51: the value “lots” is not an amount" in text_of(shown)
    assert "… and 150 more refused rows" in text_of(shown)
    assert buttons(shown) == []  # contract_failures (checked at teardown) holds no block error


def test_slack_is_asked_with_no_transaction_open(slack, driver, database_url):
    seen: list[tuple[str, str, bool]] = []
    for method, key in (("users.lookupByEmail", "email"), ("users.info", "user")):
        slack.standin.faults.watch(
            method, lambda a, m=method, k=key: seen.append((m, a[k], writes_held(database_url)))
        )
    driver.share_file("rows.csv", BAD_ROWS)
    driver.click(Import.confirm, message=answer(slack))
    assert names() == ["By email", "Good one"]
    asked = {(method, who) for method, who, _ in seen}
    assert {("users.info", "U0ANN"), ("users.lookupByEmail", "bob@example.com")} <= asked
    assert not [s for s in seen if s[2]]  # nothing held while Slack answered
