"""The catalogs: complete, consistent with the English, plural forms by Babel's rules, compiled.

The first test is the gate: a text wrapped in `_()` without a translation in every language,
an entry the code no longer has, a fuzzy one or a stale .mo fails it, naming each.
"""

import gettext
import string
import textwrap

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.i18n import LOCALES, catalogs

TARGETS = catalogs.TARGETS
TEMPLATE = catalogs.extract()


def po(lang: str):
    with catalogs.po_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def names(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def forms(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@pytest.mark.parametrize("lang", TARGETS)
def test_every_catalog_is_complete_current_and_compiled(lang):
    assert catalogs.problems(lang, TEMPLATE) == []


@pytest.mark.parametrize("lang", TARGETS)
def test_translations_keep_the_placeholders_and_the_code_spans(lang):
    wrong = []
    for m in po(lang):
        if not m.id:
            continue
        want = set().union(*(names(i) for i in forms(m.id)))
        for s in filter(None, forms(m.string)):
            if names(s) != want or s.count("`") % 2:
                wrong.append((forms(m.id)[0][:60], s[:60]))
    assert wrong == []


@pytest.mark.parametrize("lang", TARGETS)
def test_plural_forms_are_babels_and_each_number_gets_its_form(lang):
    rule = get_plural(lang)
    catalog = po(lang)
    assert catalog.num_plurals == rule.num_plurals
    pick = gettext.c2py(rule.plural_expr)
    compiled = gettext.GNUTranslations(catalogs.po_path(lang).with_suffix(".mo").open("rb"))
    plurals = [m for m in catalog if m.id and m.pluralizable and all(forms(m.string))]
    for m in plurals:
        assert len(forms(m.string)) == rule.num_plurals, m.id
        for n in (0, 1, 2, 3, 5, 11, 21, 101, 1_000_000):
            assert compiled.ngettext(m.id[0], m.id[1], n) == m.string[pick(n)], (m.id, n)


@pytest.mark.parametrize("lang", TARGETS)
def test_the_mo_file_says_what_the_po_file_says(lang):
    compiled = gettext.GNUTranslations(catalogs.po_path(lang).with_suffix(".mo").open("rb"))
    for m in po(lang):
        if m.id and not m.pluralizable and m.string and not m.fuzzy:
            assert compiled.gettext(m.id) == m.string


def test_the_tool_fails_on_a_new_text_until_a_fragment_translates_it(tmp_path):
    root, locales = tmp_path, tmp_path / "locales"
    (root / "handlers").mkdir()
    (root / "bot").mkdir()
    code = root / "bot" / "words.py"
    code.write_text(
        'from bot.i18n import _, n_\n_("Hello {name}.")\nn_("{n} deal", "{n} deals", 2)\n')
    part = locales / "parts" / "me.fi.po"
    part.parent.mkdir(parents=True)
    part.write_text(textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        msgid "Hello {name}."
        msgstr "Hei {name}."

        msgid "{n} deal"
        msgid_plural "{n} deals"
        msgstr[0] "{n} kauppa"
        msgstr[1] "{n} kauppaa"
        '''))

    def check(lang: str = "fi") -> list[str]:
        return catalogs.problems(lang, catalogs.extract(root), locales)

    catalogs.update(locales=locales, root=root)
    assert check() == []
    assert any("missing 'Hello {name}.'" in p for p in check("fr"))  # no French fragment
    code.write_text(code.read_text() + '_("Bye.")\n')
    assert check() == ["fi: missing 'Bye.'"]  # the code has it; the catalog does not
    catalogs.update(locales=locales, root=root)
    assert check() == ["fi: missing 'Bye.'"]  # updated, still untranslated
    part.write_text(part.read_text() + 'msgid "Bye."\nmsgstr "Hei hei."\n')
    catalogs.update(locales=locales, root=root)
    assert check() == []
    code.write_text('from bot.i18n import _\n_("Hello {name}.")\n')
    found = check()
    assert any("stale '{n} deal'" in p for p in found) and any("stale 'Bye.'" in p for p in found)
    catalogs.update(locales=locales, root=root)  # gone from the code: gone from the catalog
    assert check() == []
    mo = catalogs.po_path("fi", locales).with_suffix(".mo")
    mo.write_bytes(b"")
    assert check() == ["fi: dealbot.mo is not compiled from the current .po"]


def test_a_fragment_with_a_wrong_placeholder_is_reported(tmp_path):
    root, locales = tmp_path, tmp_path / "locales"
    (root / "handlers").mkdir()
    (root / "bot").mkdir()
    (root / "bot" / "w.py").write_text('from bot.i18n import _\n_("Moved {deal}.")\n')
    part = locales / "parts" / "me.ro.po"
    part.parent.mkdir(parents=True)
    part.write_text('msgid "Moved {deal}."\nmsgstr "Am mutat {afacere}."\n')
    catalogs.update(locales=locales, root=root)
    found = catalogs.problems("ro", catalogs.extract(root), locales)
    assert found == ["ro: 'Moved {deal}.': placeholders ['afacere'] where the English has ['deal']"]


def test_the_catalogs_live_where_the_package_finds_them():
    for lang in TARGETS:
        assert (LOCALES / lang / "LC_MESSAGES" / "dealbot.mo").exists()
