"""The message catalogs kept: extract, update, merge the translators' fragments, compile, check.

    python -m bot.i18n.catalogs update   # extract, update fi/fr/ro .po, merge parts, compile .mo
    python -m bot.i18n.catalogs check    # exit 1 listing what is missing, stale, fuzzy or wrong

`update` is `pybabel extract` (keywords _, n_:1,2, N_ over bot/ and handlers/), `pybabel
update` (translations kept, entries gone from the code dropped, new ones left empty), then
fills each empty msgstr from the fragments in bot/locales/parts/<who>.<lang>.po (a fragment's
non-empty msgstr wins over the catalog's: the fragment is where its author keeps it), then
`pybabel compile`. A file is rewritten only when more than its dates changed.
"""

import copy
import io
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from bot.i18n import DOMAIN, LANGUAGES, LOCALES, SOURCE

ROOT = LOCALES.parent.parent  # beside bot/: handlers/
SOURCES = ("bot", "handlers")
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}
TARGETS = tuple(lang for lang in LANGUAGES if lang != SOURCE)
PARTS = LOCALES / "parts"
_DATES = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


def extract(root: Path = ROOT) -> Catalog:
    """Every marked message of the code under `root` (the template, `pybabel extract`)."""
    template = Catalog(domain=DOMAIN, project="dealbot", fuzzy=False)
    for top in SOURCES:
        found = extract_from_dir(
            root / top,
            [("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            where = (f"{top}/{Path(filename).as_posix()}", lineno)
            template.add(message, None, [where], auto_comments=comments, context=context)
    return template


def po_path(lang: str, locales: Path = LOCALES) -> Path:
    """Where the catalog of `lang` lives."""
    return locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, lang: str) -> Catalog:
    """A .po file as a catalog."""
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def _empty(lang: str) -> Catalog:
    return Catalog(locale=lang, domain=DOMAIN, project="dealbot", version="1", fuzzy=False,
                   copyright_holder="the dealbot authors", msgid_bugs_address="-",
                   last_translator="bot/locales/parts/*.po", language_team=lang)


def fragments(lang: str, parts: Path = PARTS) -> list[tuple[str, Catalog]]:
    """Each translator's fragment for `lang`: (file name, catalog), in name order."""
    return [(p.name, read(p, lang)) for p in sorted(parts.glob(f"*.{lang}.po"))]


def _given(string_: str | tuple | list) -> list[str]:
    """A fragment's forms, without trailing empty ones."""
    forms = list(string_) if isinstance(string_, tuple | list) else [string_]
    while forms and not forms[-1]:
        forms.pop()
    return forms


def _forms(string_: str | tuple, count: int) -> tuple[str, ...]:
    forms = _given(string_)
    # A fragment written with fewer forms than Babel's rule (French: one, many, other)
    # gives its last form to the rest: "many" reads like "other".
    return tuple((forms + [forms[-1]] * count)[:count])


def _translated(message: Message) -> bool:
    forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(forms) and all(forms)


def merge(catalog: Catalog, found: list[tuple[str, Catalog]]) -> list[str]:
    """Fill the catalog from the fragments; notes on what did not fit (conflicts, unused)."""
    notes, taken = [], {}
    for name, part in found:
        for m in part:
            given = _given(m.string)
            if not m.id or not given or not all(given):
                continue
            target = catalog.get(m.id, m.context)
            if target is None:
                notes.append(f"{name}: not in the code (yet): {_show(m.id)}")
                continue
            value = _forms(m.string, catalog.num_plurals) if target.pluralizable else (
                m.string[0] if isinstance(m.string, tuple | list) else m.string)
            key = (target.id if isinstance(target.id, str) else target.id[0], target.context)
            if key in taken and taken[key][1] != value:
                notes.append(f"{name}: {_show(m.id)} translated differently in {taken[key][0]}")
                continue
            taken[key] = (name, value)
            target.string = value
            target.flags.discard("fuzzy")
    return notes


def updated(lang: str, template: Catalog, found: list[tuple[str, Catalog]],
            locales: Path = LOCALES) -> tuple[Catalog, list[str]]:
    """The catalog of `lang` brought up to the template and filled from the fragments."""
    path = po_path(lang, locales)
    catalog = read(path, lang) if path.exists() else _empty(lang)
    # A copy: Babel's update adopts the template's Message objects, which the next
    # language's catalog would then share.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()  # a message gone from the code leaves the catalog
    catalog.fuzzy = False
    return catalog, merge(catalog, found)


def po_bytes(catalog: Catalog) -> bytes:
    """The .po text of a catalog, as it is kept (file names, no line numbers: calm diffs)."""
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalog (`pybabel compile`), fuzzy entries left out."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def _undated(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_DATES)]


def _write_po(path: Path, data: bytes) -> bool:
    if path.exists() and _undated(path.read_bytes()) == _undated(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update(locales: Path = LOCALES, root: Path = ROOT, parts: Path | None = None) -> list[str]:
    """Extract, update, merge and compile every language; what it did and noticed."""
    template, said = extract(root), []
    for lang in TARGETS:
        catalog, notes = updated(lang, template, fragments(lang, parts or locales / "parts"),
                                 locales)
        if _write_po(po_path(lang, locales), po_bytes(catalog)):
            said.append(f"{lang}: catalog updated")
        mo = po_path(lang, locales).with_suffix(".mo")
        compiled = mo_bytes(read(po_path(lang, locales), lang))
        if not mo.exists() or mo.read_bytes() != compiled:
            mo.write_bytes(compiled)
            said.append(f"{lang}: compiled")
        said += [f"{lang}: {n}" for n in notes]
    return said


def _show(msgid: str | tuple) -> str:
    text = msgid if isinstance(msgid, str) else msgid[0]
    return repr(text if len(text) <= 70 else text[:67] + "...")


def fields(text: str) -> set[str]:
    """The named placeholders of a text (`{deal}` gives "deal")."""
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def _mismatches(m: Message) -> list[str]:
    ids = [m.id] if isinstance(m.id, str) else list(m.id)
    strings = [m.string] if isinstance(m.string, str) else list(m.string)
    want = set().union(*(fields(i) for i in ids))
    found = []
    for s in filter(None, strings):
        if fields(s) != want:
            found.append(f"placeholders {sorted(fields(s))} where the English has {sorted(want)}")
        if s.count(chr(96)) % 2:  # code spans (backticks) must stay paired
            found.append("an odd number of backticks")
    return found


def problems(lang: str, template: Catalog | None = None, locales: Path = LOCALES) -> list[str]:
    """What is wrong with the catalog of `lang` against the code (empty: nothing)."""
    template = template or extract()
    path = po_path(lang, locales)
    if not path.exists():
        return [f"{lang}: no catalog at {path}"]
    catalog, found = read(path, lang), []
    rule = get_plural(lang).num_plurals
    if catalog.num_plurals != rule:
        found.append(f"{lang}: {catalog.num_plurals} plural forms, Babel's rule has {rule}")
    for m in template:
        if not m.id:
            continue
        have = catalog.get(m.id, m.context)
        if have is None or not _translated(have):
            found.append(f"{lang}: missing {_show(m.id)}")
        elif have.fuzzy:
            found.append(f"{lang}: fuzzy {_show(m.id)}")
        else:
            found += [f"{lang}: {_show(m.id)}: {p}" for p in _mismatches(have)]
    for m in list(catalog) + list(catalog.obsolete.values()):
        if m.id and template.get(m.id, m.context) is None:
            found.append(f"{lang}: stale {_show(m.id)} (no longer in the code)")
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
        found.append(f"{lang}: {mo.name} is not compiled from the current .po")
    return found


def main(argv: list[str] | None = None) -> int:
    """`update` or `check`."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["update"]:
        for line in update():
            print(line)
        return 0
    if args == ["check"]:
        template = extract()
        found = [p for lang in TARGETS for p in problems(lang, template)]
        for line in found:
            print(line)
        print(f"{len(template)} messages; {len(found)} problems")
        return 1 if found else 0
    print("usage: python -m bot.i18n.catalogs update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
