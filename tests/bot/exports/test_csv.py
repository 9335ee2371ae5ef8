"""The export's cells: amounts, contacts, formula-looking text, owners' names."""

import csv
import io
from datetime import date

from bot.exports.csv_file import csv_text, file_name
from bot.exports.names import names_of, person_name
from bot.exports.rows import HEADERS, ExportRow, contacts_text, value_text
from storage.models import Contact


def test_amounts_are_plain_major_units_and_unknown_is_empty():
    assert value_text(1_200_000, "USD") == "12000"
    assert value_text(1_200_050, "USD") == "12000.5"
    assert value_text(1_200_001, "EUR") == "12000.01"
    assert value_text(5000, "JPY") == "5000"
    assert value_text(0, "USD") == "0"
    assert value_text(None, "USD") == ""


def test_contacts_are_one_cell():
    people = [
        Contact(
            team_id="T",
            company_id=1,
            name="Ann Lee",
            email="ann@acme.com",
            title="CFO",
            role="decision_maker",
        ),
        Contact(team_id="T", company_id=1, name="Bo"),
    ]
    assert contacts_text(people) == "Ann Lee <ann@acme.com>, CFO, Decision maker; Bo"
    assert contacts_text([]) == ""


def test_a_formula_is_kept_text_but_a_value_is_not_touched():
    values = dict.fromkeys(HEADERS, "")
    values.update(name="=cmd|' /C calc'!A0", company="@SUM(1)", next_step="-call", value="12")
    text = csv_text([ExportRow(values=values, owner_id="U1")], {"U1": "+Ann"})
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["name"] == "'=cmd|' /C calc'!A0" and row["company"] == "'@SUM(1)"
    assert row["next_step"] == "'-call" and row["owner"] == "'+Ann" and row["value"] == "12"


def test_the_owner_column_has_the_name_or_else_the_id():
    values = dict.fromkeys(HEADERS, "")
    rows = [ExportRow(values=values, owner_id="U1"), ExportRow(values=values, owner_id="U2")]
    text = csv_text(rows, {"U1": "Ann Lee"})
    assert [(r["owner"]) for r in csv.DictReader(io.StringIO(text))] == ["Ann Lee", "U2"]
    assert text.startswith(",".join(HEADERS) + "\r\n")


def test_names_come_from_slack_or_stay_out():
    users = {
        "U1": {"name": "ann", "profile": {"real_name": "Ann Lee", "display_name": "ann"}},
        "U2": {"name": "bob", "real_name": "", "profile": {"display_name": "Bobby"}},
    }
    assert names_of(["U1", "U2", "U3"], users.get) == {"U1": "Ann Lee", "U2": "Bobby"}
    assert names_of(["U1"], None) == {}
    assert person_name({"name": "cat"}) == "cat"


def test_the_file_is_named_by_workspace_and_day():
    assert file_name("T0123", date(2026, 11, 30)) == "dealbot-T0123-2026-11-30.csv"
