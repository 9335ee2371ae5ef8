"""Text folded for search: the same fold in Python, in SQLite and in PostgreSQL.

`fold` is the rule: ß becomes ss, compatibility forms their plain letters (NFKD: `ﬁ` is
`fi`, `Ä` is `A` and a diaeresis), combining marks are dropped, letters are lower-cased
and ASCII punctuation becomes a space (so `ann@acme.com` is the words ann, acme, com on
both databases). SQLite calls this very function (each connection registers it as
`dealbot_fold`); PostgreSQL gets the same rule as an SQL function (`pg_fold_function`),
written from the same list of marks, so a word folds alike on both sides of a match.
"""

import re
import sys
import unicodedata

PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TO_SPACE = str.maketrans(PUNCTUATION, " " * len(PUNCTUATION))
_WORD = re.compile(r"[^\W_]+")


def fold(text: str | None) -> str:
    """Text as the search index holds it: no accents, no case, ASCII punctuation as spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().translate(_TO_SPACE)


def words(text: str) -> list[str]:
    """The folded words of a query, in order, each once."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))


def _mark_ranges() -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or not unicodedata.combining(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def pg_fold_function() -> str:
    """CREATE FUNCTION dealbot_fold(text): `fold` in PostgreSQL (its database must be UTF-8)."""
    marks = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in _mark_ranges())
    punct = PUNCTUATION.replace("'", "''")
    return (
        "CREATE OR REPLACE FUNCTION dealbot_fold(t text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fold$ SELECT translate(lower("
        f"regexp_replace(normalize(replace(replace(t, 'ß', 'ss'), 'ẞ', 'ss'), NFKD), "
        f"'[{marks}]', '', 'g')), '{punct}', '{' ' * len(PUNCTUATION)}') $fold$"
    )


def register_sqlite(dbapi_conn) -> None:
    """Make `dealbot_fold` callable on a SQLite connection (the index's triggers call it)."""
    dbapi_conn.create_function("dealbot_fold", 1, fold, deterministic=True)
