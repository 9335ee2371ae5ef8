"""Stage names per language: every template stage named in fi, fr and ro in the past tense,
shown in the reader's language while the stage keeps its template name, and found by its
name in any of the four languages."""

import pytest

from bot.common.errors import StageNotFound
from bot.deals.matching import match_stage
from bot.i18n import LANGUAGES, speaking
from bot.pipeline.stage_rules import NAME_MAX, past_tense
from bot.pipeline.templates import GENERIC, NAMES, RELATIONSHIP, TEMPLATES, local_name
from storage.models import Stage
from tests.words import told


def stages(specs, renamed: dict[str, str] | None = None) -> list[Stage]:
    renamed = renamed or {}
    return [
        Stage(id=i, team_id="T", key=s.key, name=renamed.get(s.key, s.name), position=i,
              probability=s.probability, kind=s.kind)
        for i, s in enumerate(specs)
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "fr", "ro"])
def test_every_template_stage_has_a_past_tense_name_in_each_language(lang: str) -> None:
    for template, specs in TEMPLATES.items():
        names = [NAMES[s.name][lang] for s in specs]
        assert len({n.casefold() for n in names}) == len(names), (template, names)
        for name in names:
            assert len(name) <= NAME_MAX
            assert past_tense(name, lang), (lang, name)
            assert not past_tense(name, "en") or lang == "fr", (lang, name)  # not by chance


def test_a_template_stage_shows_in_the_readers_language() -> None:
    shown = {lang: local_name("Proposal received", lang) for lang in LANGUAGES}
    assert shown == {"en": "Proposal received", "fi": "Tarjous vastaanotettu",
                     "fr": "Proposition reçue", "ro": "Ofertă primită"}  # fmt: skip
    with speaking("fr"):
        assert local_name("Won") == "Gagné"


def test_a_renamed_or_custom_stage_stays_as_typed_in_every_language() -> None:
    for lang in LANGUAGES:
        assert local_name("Demo held", lang) == "Demo held"
        assert local_name("proposal received", lang) == "proposal received"  # renamed: case


@pytest.mark.parametrize(
    ("lang", "typed", "key"),
    [
        ("fi", "tarjous", "proposal"),  # `/deal move 12 tarjous`
        ("fi", "Tarjous vastaanotettu", "proposal"),
        ("fi", "voitettu", "won"),
        ("fr", "proposition reçue", "proposal"),
        ("fr", "négociées", "negotiation"),
        ("ro", "ofertă", "proposal"),
        ("ro", "câștigat", "won"),
        ("en", "tarjous", "proposal"),  # any of the four languages, whoever types it
        ("en", "Gagné", "won"),
        ("fi", "proposal", "proposal"),  # and English and the keys, whoever types them
        ("ro", "negotiation", "negotiation"),
    ],
)
def test_a_stage_is_found_by_its_name_in_any_language(lang: str, typed: str, key: str) -> None:
    with speaking(lang):
        assert match_stage(stages(GENERIC), typed).key == key


def test_the_readers_language_settles_a_part_that_fits_several_in_others() -> None:
    # `premier` is in two French names of the relationship template; a French reader is
    # asked which, like an English reader for `first`.
    with speaking("fr"), pytest.raises(StageNotFound) as caught:
        match_stage(stages(RELATIONSHIP), "premier")
    assert caught.value.code == "stage_ambiguous"
    names = [name for __, name in caught.value.data["stages"]]
    assert names == ["Premier rendez-vous effectué", "Premier point de suivi effectué"]


def test_a_renamed_stage_is_found_only_by_its_own_name() -> None:
    mine = stages(GENERIC, renamed={"proposal": "Offer sent"})
    with speaking("fi"):
        assert match_stage(mine, "offer sent").key == "proposal"
        with pytest.raises(StageNotFound) as caught:
            match_stage(mine, "tarjous")
        assert "tarjous" in told(caught)


def test_a_refusal_lists_the_stages_in_the_readers_language() -> None:
    with speaking("fi"), pytest.raises(StageNotFound) as caught:
        match_stage(stages(GENERIC), "banaani")
    assert ("proposal", "Tarjous vastaanotettu") in caught.value.data["stages"]


def test_a_team_may_name_its_own_stages_in_its_language() -> None:
    for lang, name in (("fi", "Demo pidetty"), ("fr", "Démo réalisée"), ("ro", "Demo susținut")):
        assert past_tense(name, lang)
        assert not past_tense(name, "en")  # an English reader's check stays as it was
    for lang, name in (("fi", "Demo"), ("fr", "Négociation"), ("ro", "Negociere")):
        assert not past_tense(name, lang)
