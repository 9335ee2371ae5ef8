"""Small pieces of text in the reader's language: a deal's value, date and stage, and the
history's stored English values shown the reader's way (issue 16)."""

from datetime import date

import pytest

from bot.deals.service import DealView
from bot.i18n import speaking
from bot.pipeline.templates import GENERIC
from handlers.kit import text as fmt
from storage.models import Activity, Deal, Stage

NBSP = "\u00a0"
STAGES = [
    Stage(id=i + 1, team_id="T", key=s.key, name=s.name, position=i, probability=s.probability,
          kind=s.kind)
    for i, s in enumerate(GENERIC)
]  # fmt: skip


def entry(kind: str, frm: str | None, to: str | None, **ids: int) -> Activity:
    return Activity(team_id="T", deal_id=1, actor_id="U0ANN", kind=kind, from_value=frm,
                    to_value=to, **ids)  # fmt: skip


def deal() -> Deal:
    return Deal(id=1, team_id="T", number=12, name="Acme", value_minor=1_200_000,
                currency="EUR", close_date=date(2026, 12, 31), stage_id=5, owner_id="U0ANN",
                created_by="U0ANN")  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "value", "day", "place"),
    [
        ("en", "€12,000", "2026-12-31", "Proposal received (5/7)"),
        ("fi", f"12{NBSP}000{NBSP}€", "31.12.2026", "Tarjous vastaanotettu (5/7)"),
        ("fr", f"12\u202f000{NBSP}€", "31/12/2026", "Proposition reçue (5/7)"),
        ("ro", f"12.000{NBSP}€", "31.12.2026", "Ofertă primită (5/7)"),
    ],
)
def test_a_deals_facts_in_the_readers_language(lang, value, day, place) -> None:
    d = deal()
    with speaking(lang):
        assert fmt.value(d) == value
        assert fmt.day(d.close_date) == day
        assert fmt.stage_place(DealView(deal=d, stage=STAGES[4], stages=STAGES)) == place


def test_history_shows_stored_english_values_the_readers_way() -> None:
    moved = entry("moved", "Lead qualified", "Proposal received", from_stage_id=2, to_stage_id=5)
    value = entry("value", "$12,000", "$15,000.50")
    close = entry("close", None, "2026-12-31")
    names = {s.id: s.name for s in STAGES}
    with speaking("fi"):
        lines = [fmt.activity(a, names) for a in (moved, value, close)]
    said = " | ".join(lines)
    assert "Liidi kvalifioitu" in said and "Tarjous vastaanotettu" in said
    assert f"12{NBSP}000{NBSP}$" in said and f"15{NBSP}000,50{NBSP}$" in said
    assert "31.12.2026" in said
    assert value.from_value == "$12,000"  # stored data never changes
    with speaking("en"):
        assert "$12,000" in fmt.activity(value)
        assert "Proposal received" in fmt.activity(moved, names)


def test_a_renamed_stage_in_history_says_its_old_template_name_locally() -> None:
    moved = entry("moved", "Lead qualified", "Proposal received", from_stage_id=2, to_stage_id=5)
    names = {**{s.id: s.name for s in STAGES}, 5: "Offer in hand"}
    with speaking("fr"):
        line = fmt.activity(moved, names)
    assert "Offer in hand" in line and "Proposition reçue" in line  # (then called …)
