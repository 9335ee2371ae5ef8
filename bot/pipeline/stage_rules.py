"""What a stage edit must satisfy: names, win probabilities, quiet-after days, places.

A stage is named for what the buyer has done, in the past tense ("Demo held", "Contract
sent"), like the templates' stages. The check is deliberately plain: some word of the
name is a past participle, i.e. ends in -ed (not need, speed, ...) or is a common irregular
one (held, sent, won, done, ...). It refuses the obvious misses ("Demo", "Negotiation",
"Send proposal") and lets unusual but honest names through.
"""

import re

from bot.common.errors import InvalidInput
from bot.common.text import clean_line
from bot.i18n import language

NAME_MAX = 60  # the card's "Advance to <name>" button holds 75 characters
QUIET_MAX = 365
_IRREGULAR = """won lost held given built done made sent met seen written taken chosen known
shown paid bought sold told found got gotten begun drawn set put read brought thought sought
caught taught kept left led hit run understood spoken"""
IRREGULAR = frozenset(_IRREGULAR.split())
_NOT_PAST = "need seed speed feed breed greed deed weed bed red shed hundred embed"
NOT_PAST = frozenset(_NOT_PAST.split())


# A past participle in the other languages, for a team that names its stages in its own
# (checked in the reader's language only, so that English keeps its own plain check):
# Finnish passive (-ttu, -tty, -tu, -ty), French (-é, -i, -u, fait, agreed), Romanian (-at,
# -it, -ut, -s, agreed).
PARTICIPLES = {
    "fi": re.compile(r"\w(ttu|tty|tu|ty)\b"),
    "fr": re.compile(r"\w(é|ée|és|ées|i|ie|is|u|ue|us|aite?)\b"),
    "ro": re.compile(r"\w(at|ată|ate|ați|it|ită|ite|iți|ut|ută|ute|uți|us|să|se)\b"),
}


def past_tense(name: str, lang: str | None = None) -> bool:
    """Whether some word of the name is a past participle (see the module's docstring), in
    English or in the reader's language (`lang`, default the current one)."""
    words = re.findall(r"[a-z]+", name.casefold())
    local = PARTICIPLES.get(lang or language())
    return any(
        w in IRREGULAR or (len(w) > 3 and w.endswith("ed") and w not in NOT_PAST) for w in words
    ) or bool(local and local.search(name.casefold()))


def fold(text: str) -> str:
    """A name or key as it is compared: case and spacing ignored, _ as a space."""
    return " ".join(text.replace("_", " ").casefold().split())


def stage_name(text: str) -> str:
    """A stage name, cleaned, or an error saying what would work."""
    name = clean_line(text or "")
    if not name:
        raise InvalidInput("stage_name_missing")
    if len(name) > NAME_MAX:
        raise InvalidInput("stage_name_too_long", length=len(name), limit=NAME_MAX)
    if not past_tense(name):
        raise InvalidInput("stage_name_not_past", text=name)
    return name


def percent(text: str) -> int:
    """A win probability typed as `40` or `40%`: 0 to 100."""
    raw = (text or "").strip().removesuffix("%").strip()
    if not raw:
        raise InvalidInput("stage_probability_missing")
    if not (raw.isascii() and raw.isdigit()) or int(raw) > 100:
        raise InvalidInput("stage_probability_bad", text=text)
    return int(raw)


def quiet_days(text: str) -> int | None:
    """Quiet-after days: blank (or `default`) for the default, else 1 to QUIET_MAX."""
    raw = (text or "").strip().casefold().removesuffix("days").removesuffix("d").strip()
    if raw in ("", "default", "none"):
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= QUIET_MAX:
        raise InvalidInput("stage_quiet_bad", text=text, limit=QUIET_MAX)
    return int(raw)


def slug(name: str, taken: set[str]) -> str:
    """A key for a new stage from its name (`demo_held`), unlike every key in `taken`."""
    base = "_".join(re.findall(r"[a-z0-9]+", name.casefold()))[:30] or "stage"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key
