"""The digest in the reader's language: a loss reason as the card shows it, and counts,
rates and tenths laid out by the one formatter every screen uses (bot.common.numbers)."""

import ast
from pathlib import Path

import pytest

from bot.common import numbers
from bot.digests.digest import Listed
from bot.i18n import _, speaking
from handlers.digests import lines
from handlers.digests.blocks import digest_blocks, digest_text
from handlers.kit.text import lost_reason
from tests.handlers.digests.test_blocks import check_slack, line, sample, texts, usd

HANDLERS = Path(__file__).resolve().parents[3] / "handlers"
STORED = "Price too high: their budget halved"  # what /deal lost wrote, always English


@pytest.mark.parametrize("lang", ["fi", "fr", "ro"])
def test_the_digest_shows_a_loss_reason_in_the_channels_language(lang):
    d = sample(
        lost=Listed(2, [line(11, "Lambda", usd(15_000), STORED), line(12, "Mu", detail="Nope")],
                    [usd(15_000)]),
        loss_reasons=[(STORED, 1), ("No budget", 1)],
    )
    with speaking(lang):
        blocks = digest_blocks(d)
        text = digest_text(d)
        label, budget = _("Price too high"), _("No budget")
        card = lost_reason(STORED)
    check_slack(blocks)
    said = "\n".join(texts(blocks))
    assert label != "Price too high" and budget != "No budget"
    assert "Price too high" not in said and "No budget" not in said
    assert card in said  # as the card words it: the picked reason translated, details as typed
    assert f"{budget} ×1" in said
    assert "their budget halved" in said and "Nope" in said  # typed text left alone
    assert "Price too high" not in text


def test_an_english_digest_keeps_the_stored_reason():
    d = sample(lost=Listed(1, [line(11, "Lambda", usd(15_000), STORED)], [usd(15_000)]),
               loss_reasons=[(STORED, 1)])
    said = "\n".join(texts(digest_blocks(d)))
    assert f"{STORED} ×1" in said and f"· {STORED} ·" in said


@pytest.mark.parametrize("lang", ["en", "fi", "fr", "ro"])
def test_the_digest_and_the_pipeline_screens_write_figures_alike(lang):
    with speaking(lang):
        for n in (0, 7, 2_000, 1_234_567):
            assert lines.number(n) == numbers.number(n, lang)
        for rate, whole in ((None, None), (0.0, 0), (0.4, 40), (0.125, 12), (1.0, 100)):
            assert lines.percent(rate) == ("–" if whole is None else numbers.percent(whole, lang))
        assert lines.tenths(21.6111) == numbers.tenths(21.6111, lang)
    assert numbers.tenths(3.25, "fi") == "3,2" and numbers.tenths(1234.56, "en") == "1234.6"
    assert lines.percent(0.4) == "40%"  # English as it always was


def test_no_handler_formats_numbers_or_dates_itself():
    """Local layout lives in bot.common (numbers, days, money): a handler importing Babel's
    formatting is a second formatter that will drift from the first."""
    found = []
    for path in HANDLERS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("babel"):
                found.append(f"{path.relative_to(HANDLERS)}: {node.module}")
            if isinstance(node, ast.Import):
                found += [f"{path.relative_to(HANDLERS)}: {a.name}" for a in node.names
                          if a.name.startswith("babel")]
    assert found == []
