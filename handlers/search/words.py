"""What the user reads when a search cannot run, and around its results."""

from bot.common.errors import DomainError
from handlers.kit.text import echo

EXAMPLE = "`/deal find acme` (names, companies, contacts, notes, next steps)"

WORDS: dict[str, str] = {
    "find_empty": "What should I look for? Try " + EXAMPLE + ", or `/deal find all acme` "
    "to include archived deals.",
    "find_too_long": "That search is {length} characters long; I take at most {limit}. Try a "
    "few distinctive words, e.g. `/deal find acme renewal`.",
    "find_no_words": "There is nothing to search for in “{text}”: I match words and numbers, "
    "and punctuation such as `%`, `_`, `*` or quotes only separates them. Try " + EXAMPLE + ".",
    "find_too_many_words": "That search has {count} words; I match at most {limit}, all in the "
    "same text. Try the most distinctive ones, e.g. `/deal find acme renewal`.",
    "find_bad_page": "`page {text}` is not a page number; add `page 2` (or 3, …) after the "
    "words, e.g. `/deal find acme page 2`.",
    "find_broken_button": "That button is broken; search again with `/deal find`, adding "
    "`page 2` for more.",
}

NOTHING = (
    "No deal matches “{query}”. Every word must be in one text (a deal's name, its "
    "company, a contact, its next step or a note); the last may be the start of a word."
)
NOTHING_ARCHIVED = " Archived deals are left out: `/deal find all {query}` includes them."
NO_PAGE = "There is no page {page}: “{query}” found {total} on {pages}."

PLACES = {"name": "name", "company": "company", "contact": "contact", "next": "next step"}


def words(exc: DomainError) -> str:
    """The wording of a search refusal, the user's text quoted back escaped."""
    wording = WORDS.get(exc.code, WORDS["find_empty"])
    return wording.format(**{k: echo(v) if isinstance(v, str) else v for k, v in exc.data.items()})
