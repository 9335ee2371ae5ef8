"""The digest, a report and the Home tab in Finnish, French and Romanian: still valid for
Slack within its limits, in that language, with its plural forms, and no English left."""

import re
from datetime import date

import pytest

from bot.common.money import Money
from bot.i18n import speaking
from bot.reports.period import between
from handlers.digests.blocks import digest_blocks
from handlers.digests.sections import late_by, quiet
from handlers.home.blocks import home_view
from handlers.reports.blocks import period_line
from tests.handlers.digests.test_blocks import check_slack, sample, texts
from tests.handlers.home.test_blocks import PROPOSAL, PROSPECT, dv, group, my, valid
from tests.handlers.home.test_blocks import texts as home_texts

# A phrase each language's digest and Home tab must say, and English they must not.
SAYS = {
    "fi": ("Painotettu ennuste", "*Vaatii huomiota*", "Omat kaupat"),
    "fr": ("Prévision pondérée", "*À surveiller*", "Mes affaires"),
    "ro": ("Prognoză ponderată", "*Necesită atenție*", "Tranzacțiile mele"),
}
ENGLISH = (
    "Weighted forecast",
    "Needs attention",
    "Pipeline by stage",
    "Win rate",
    "open deals",
    "more prospecting",
    "weighted forecast",
    "days",
    "My deals",
)


@pytest.mark.parametrize("lang", sorted(SAYS))
def test_the_digest_speaks_the_channels_language(lang):
    with speaking(lang):
        blocks = digest_blocks(sample())
    check_slack(blocks)
    said = "\n".join(texts(blocks))
    forecast, attention, __ = SAYS[lang]
    assert forecast in said and attention in said
    assert not [e for e in ENGLISH if e in said]
    assert "`/deal list`" in said  # commands stay English


NBSP = "\u00a0"
# Some of each language's headers: French puts a no-break space before a colon (it never
# starts a line alone); English, Finnish and Romanian put the colon right after the word.
HEADERS = {
    "en": ("*Stale:* 1", "*Past expected close:* 2", "*New leads:* 3", "*Won:* 1", "*Lost:* 1"),
    "fr": (
        f"*Inactives{NBSP}:* 1",
        f"*Date de closing prévue dépassée{NBSP}:* 2",
        f"*Nouveaux leads{NBSP}:* 3",
        f"*Gagné{NBSP}:* 1",
        f"*Perdu{NBSP}:* 1",
    ),
    "fi": (
        "*Hiljaiset:* 1",
        "*Arvioitu päättymispäivä ohitettu:* 2",
        "*Uudet liidit:* 3",
        "*Voitettu:* 1",
        "*Hävitty:* 1",
    ),
    "ro": (
        "*Inactive:* 1",
        "*Data estimată de închidere depășită:* 2",
        "*Lead-uri noi:* 3",
        "*Câștigat:* 1",
        "*Pierdut:* 1",
    ),
}


@pytest.mark.parametrize("lang", sorted(HEADERS))
def test_a_colon_is_spaced_as_the_language_writes_it(lang):
    with speaking(lang):
        said = "\n".join(texts(digest_blocks(sample())))
    assert [h for h in HEADERS[lang] if h not in said] == []
    spaced = re.findall(rf"\S( ?{NBSP}?):", said)  # what comes before each colon
    if lang == "fr":
        assert spaced and set(spaced) == {NBSP}  # never a plain space a line could break at
    else:
        assert set(spaced) <= {""}


@pytest.mark.parametrize("lang", sorted(SAYS))
def test_the_home_tab_speaks_the_readers_language(lang):
    a, c = dv(1, PROSPECT, "Acme", days=5), dv(3, PROPOSAL, "Gamma", value=None)
    data = my(
        [group(PROSPECT, [a], [Money(1_200_000, "USD")]), group(PROPOSAL, [c])],
        totals=[Money(1_200_000, "USD")],
        forecast=[Money(120_000, "USD")],
        quiet={a.deal.id: 23},
    )
    with speaking(lang):
        view = valid(home_view(data))
    said = "\n".join(home_texts(view))
    assert view["blocks"][0]["text"]["text"] == SAYS[lang][2]
    assert not [e for e in ENGLISH if e in said]


def test_plurals_follow_each_languages_rules():
    # Romanian: 1, 2-19 and 101-119 ("zile"), 20 and more ("de zile"); Finnish: 1 and others.
    with speaking("ro"):
        assert [quiet(n) for n in (1, 2, 20, 101)] == [
            "inactivă de 1 zi",
            "inactivă de 2 zile",
            "inactivă de 20 de zile",
            "inactivă de 101 zile",
        ]
    with speaking("fi"):
        assert [late_by(n) for n in (1, 3)] == ["1 päivän myöhässä", "3 päivää myöhässä"]
    with speaking("fr"):  # French counts 0 and 1 as one
        assert [late_by(n) for n in (0, 1, 2)] == [
            "0 jour de retard",
            "1 jour de retard",
            "2 jours de retard",
        ]
    with speaking("en"):
        assert [late_by(n) for n in (1, 2)] == ["1 day late", "2 days late"]


def test_a_reports_period_reads_in_the_language_with_local_numbers():
    p = between(date(2024, 1, 1), date(2026, 12, 31))  # 1,096 days
    with speaking("fr"):
        assert period_line(p) == "du 2024-01-01 au 2026-12-31 (1\u202f096 jours, UTC)"
    with speaking("ro"):
        assert period_line(p) == "2024-01-01 – 2026-12-31 (1.096 de zile, UTC)"
    assert period_line(p) == "2024-01-01 to 2026-12-31 (1,096 days, UTC)"
