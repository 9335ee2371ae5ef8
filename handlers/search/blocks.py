"""A page of search results: each deal's line, then where it matched, the words in bold."""

import re
import unicodedata

from bot.common.numbers import number
from bot.i18n import _, n_
from bot.search.service import PAGE, Found, Results, folded
from handlers.deals.blocks import deal_line
from handlers.kit import layout
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.mrkdwn import escape, plain_text
from handlers.search import words as w

ACTION = "deal_find_page"  # the Next page button
_WORD = re.compile(r"[^\W_]+")
BEFORE, AFTER = 50, 110  # characters of a long text shown around its first matched word


def marked(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the searched words are in a text: whole words, and the last one as a start."""
    spans = []
    for m in _WORD.finditer(text):
        word = folded(m.group())
        if word in terms or (terms and word.startswith(terms[-1])):
            spans.append(m.span())
    return spans


def snippet(raw: str, terms: list[str]) -> str:
    """The text (one line) around its first match, escaped, the matched words in bold."""
    line = unicodedata.normalize("NFC", " ".join(raw.split()))
    spans = marked(line, terms)
    start = max(0, spans[0][0] - BEFORE) if spans else 0
    end = min(len(line), start + BEFORE + AFTER)
    if start:  # begin at a word, unless that would skip the match
        space = line.find(" ", start, spans[0][0])
        start = space + 1 if space >= 0 else start
    out, at = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out += [escape(line[at:a]), f"*{escape(line[a:b])}*"]
        at = b
    out.append(escape(line[at:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(line) else "")


def where(f: Found, terms: list[str]) -> str:
    """`note by @bob, Nov 2: …called *Acme*…`: where the deal matched."""
    m = f.match
    if m.kind == "note":
        who = (
            _("reply in the thread by {user}, {day}")
            if m.note_kind == "reply"
            else _("note by {user}, {day}")
        )
        day = layout.reader_day(m.at) if m.at else ""
        place = who.format(user=fmt.user(m.actor), day=day)
        body = snippet(plain_text(m.text), terms)
    else:
        known = w.PLACES.get(m.kind)
        place, body = _(known) if known else m.kind, snippet(m.text, terms)
    more = " " + _("(+{n} more)").format(n=number(f.places - 1)) if f.places > 1 else ""
    return f"      ↳ {place}: {body}{more}"


def hit_line(f: Found, terms: list[str]) -> str:
    """The deal's list line (archived ones say so) and where it matched."""
    line = deal_line(f.view)
    if f.view.deal.archived_at is not None:
        line += layout.SEPARATOR + _("archived")
    return line + "\n" + where(f, terms)


def title(r: Results) -> str:
    """`Deals matching “acme” · 12 deals`."""
    said = (
        _("Deals matching “{query}” (archived too) · {deals}")
        if r.archived
        else _("Deals matching “{query}” · {deals}")
    )
    return said.format(query=fmt.echo(r.query), deals=deals(r.total))


def deals(n: int) -> str:
    """`12 deals`."""
    return n_("{n} deal", "{n} deals", n).format(n=number(n))


def result_blocks(r: Results, raw: str) -> list[dict]:
    """A page of results; `raw` is what was typed after `find`, for the Next page button."""
    query = fmt.echo(r.query)
    if not r.hits:
        if r.total:
            pages = -(-r.total // PAGE)
            return [
                text(
                    n_(
                        "There is no page {page}: “{query}” found {total} on {pages} page.",
                        "There is no page {page}: “{query}” found {total} on {pages} pages.",
                        pages,
                    ).format(
                        page=r.offset // PAGE + 1,
                        query=query,
                        total=deals(r.total),
                        pages=number(pages),
                    )
                )
            ]
        said = _(w.NOTHING).format(query=query)
        if not r.archived:
            said += " " + _(w.NOTHING_ARCHIVED).format(query=query)
        return [text(said)]
    blocks = [text(f"*{title(r)}*")]
    blocks += [text(t) for t in layout.pack([hit_line(f, r.words) for f in r.hits])]
    shown_to = r.offset + len(r.hits)
    if shown_to < r.total:
        blocks.append(
            context(
                _("Showing {first}–{last} of {total}.").format(
                    first=r.offset + 1, last=shown_to, total=r.total
                )
            )
        )
        value = f"{shown_to}|{raw}"
        blocks.append({"type": "actions", "elements": [button(_("Next page"), ACTION, value)]})
    return blocks[: layout.MESSAGE_BLOCKS]
