"""What a message says about a lead: its name, company and amount.

Pure functions over a message's plain text (the Slack layer turns its markup into plain
text first). The rules are kept simple on purpose, and the README's *Shortcuts* section
quotes them:

- the name is the message's first non-empty line, as plain text, cut to the name limit;
- a company is, in this order: words before a legal form (`Nordlys Oy`, `Acme GmbH`,
  `Foo SRL`, `Bar Inc`, `Baz Ltd`, …); capitalised words after "from" or "at"
  (`from Acme Corp`); the domain of an email address that is not a free mail provider
  (`ann@acme-corp.com` -> `Acme-corp`);
- an amount is a written one with a currency or a multiplier (`$12,000`, `€4 500`,
  `EUR 4500`, `12k`), read by the one money parser; a bare number (a date, a phone
  number, "3 seats") is never taken for one.
"""

import re

from bot.common.errors import InvalidAmount
from bot.common.money import Money, parse_amount

NAME_MAX = 150  # bot.deals.service.NAME_MAX: Slack's header block holds 150 characters

_SPACES = re.compile(r"[ \t\u00a0]+")

LEGAL_FORMS = (
    "Oy", "Oyj", "Ab", "AB", "GmbH", "AG", "SA", "S.A.", "SAS", "SRL", "S.R.L.", "Srl",
    "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "BV", "B.V.", "NV", "plc", "PLC", "Corp", "Corp.",
    "Oü", "OÜ", "AS", "ApS", "sp. z o.o.",
)  # fmt: skip
_WORD = r"[A-ZÅÄÖÜÉ0-9][\w&'’.-]*"
_FORM = "|".join(f.replace(".", r"\.") for f in sorted(LEGAL_FORMS, key=len, reverse=True))
_BEFORE_FORM = re.compile(rf"((?:{_WORD}\s+){{1,3}})({_FORM})(?![\w.])")
_AFTER_FROM = re.compile(rf"\b(?:from|at)\s+((?:{_WORD})(?:\s+{_WORD}){{0,2}})")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)*)\.[a-z]{2,}", re.IGNORECASE)
FREE_MAIL = frozenset(
    {"gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "icloud", "me", "aol",
     "proton", "protonmail", "gmx", "web", "mail", "yandex", "zoho", "hey", "fastmail"}
)  # fmt: skip
_NOT_NAMES = frozenset({"I", "We", "The", "A", "An", "Our", "My", "Hi", "Hello"})

_MONEY_MARK = r"(?:[$€£¥]|\b(?:USD|EUR|GBP|JPY|CHF|SEK|NOK|DKK|CAD|AUD|RON|PLN)\b)"
_NUMBER = r"\d[\d,.\u00a0\u202f ]*\d|\d"
_AMOUNT = re.compile(
    rf"{_MONEY_MARK}\s?(?:{_NUMBER})(?:\s?[kKmM]\b)?"  # $12,000 · EUR 4500 · €4 500
    rf"|(?:{_NUMBER})\s?(?:[kKmM]\b)?\s?{_MONEY_MARK}"  # 4500 EUR · 12k€
    rf"|\b(?:{_NUMBER})[kKmM]\b"  # 12k · 1.5m
)


def first_line(text: str, limit: int = NAME_MAX) -> str:
    """The first non-empty line as plain text, a quote's `>` dropped, cut to `limit` at a
    word where it can be (ending in `…`)."""
    for raw in (text or "").splitlines():
        line = _SPACES.sub(" ", raw.lstrip("> ").strip())
        if line:
            return cut(line, limit)
    return ""


def cut(line: str, limit: int) -> str:
    """`line` at most `limit` characters: cut at a space in its last fifth, else anywhere."""
    if len(line) <= limit:
        return line
    head = line[: limit - 1]
    space = head.rfind(" ")
    if space >= limit * 4 // 5:
        head = head[:space]
    return head.rstrip(" ,;:-") + "…"


def company(text: str) -> str | None:
    """The company the message names, if it names one plainly (see the module's rules)."""
    flat = _SPACES.sub(" ", (text or "").replace("\n", " "))
    m = _BEFORE_FORM.search(flat)
    if m:
        words = m.group(1).split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if words:
            return f"{' '.join(words)} {m.group(2)}"
    m = _AFTER_FROM.search(flat)
    if m:
        words = [w.rstrip(".,;:!?") for w in m.group(1).split()]
        words = [w for w in words if w]
        if words and words[0] not in _NOT_NAMES:
            return " ".join(words)
    for domain in _EMAIL.findall(flat):
        label = domain.split(".")[-1].lower()
        if label not in FREE_MAIL:
            return label[:1].upper() + label[1:]
    return None


def amount(text: str, currency: str = "USD") -> Money | None:
    """The first amount written with a currency or a multiplier, or None."""
    for m in _AMOUNT.finditer(text or ""):
        try:
            return parse_amount(m.group(0).strip(), currency)
        except InvalidAmount:
            continue
    return None


def amount_text(text: str) -> str | None:
    """The words of the first amount the message writes (`$12,000`), for a form's field."""
    for m in _AMOUNT.finditer(text or ""):
        try:
            parse_amount(m.group(0).strip())
        except InvalidAmount:
            continue
        return m.group(0).strip()
    return None
