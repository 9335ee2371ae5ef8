"""The language dealbot speaks in: one gettext catalog per language (Babel), English the source.

Text is written in English and marked where it is written:
- `_("Created {deal} in {stage}.").format(deal=…, stage=…)` translates now, in the language
  of the current context (never an f-string inside `_()`: the catalog needs the template);
- `n_("{n} deal", "{n} deals", n).format(n=n)` picks the plural form by the language's own
  rules (Babel's plural rules, never `if n == 1`);
- `N_("…")` only marks a module-level constant for extraction; translate it where it is
  used, with `_(CONSTANT)`.

The language is a context variable: `with speaking("fi"): …` around what one reader sees.
"""

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.support import Translations

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "dealbot"
SOURCE = "en"
LANGUAGES = ("en", "fi", "fr", "ro")  # the source first
NAMES = {"en": "English", "fi": "suomi", "fr": "français", "ro": "română"}

_current: ContextVar[str] = ContextVar("dealbot_language", default=SOURCE)


def language() -> str:
    """The language of the current context ("en" unless someone said otherwise)."""
    return _current.get()


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Speak `lang` inside the block (None or an unknown code: keep the current one)."""
    chosen = lang if lang in LANGUAGES else language()
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def speak(lang: str | None) -> str:
    """Speak `lang` from now on in this context, with no block to end it: a Bolt middleware's
    way (Bolt calls the listener after the middleware has returned, on the same thread or
    in a copy of this context: bot/runtime/executor.py); the next request sets its own."""
    chosen = lang if lang in LANGUAGES else SOURCE
    _current.set(chosen)
    return chosen


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (English: the text as written)."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALES), [lang], domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(language()).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (its own plural rules)."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it (translate at use: `_(it)`)."""
    return message
