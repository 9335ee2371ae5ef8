"""What the user reads when a search cannot run, and around its results."""

from bot.common.errors import DomainError
from bot.i18n import N_, _
from handlers.kit.text import echo

EXAMPLE = N_("`/deal find acme` (names, companies, contacts, notes, next steps)")

WORDS: dict[str, str] = {
    "find_empty": N_(
        "What should I look for? Try {example}, or `/deal find all acme` "
        "to include archived deals."
    ),
    "find_too_long": N_(
        "That search is {length} characters long; I take at most {limit}. Try a "
        "few distinctive words, e.g. `/deal find acme renewal`."
    ),
    "find_no_words": N_(
        "There is nothing to search for in “{text}”: I match words and numbers, "
        "and punctuation such as `%`, `_`, `*` or quotes only separates them. Try {example}."
    ),
    "find_too_many_words": N_(
        "That search has {count} words; I match at most {limit}, all in the "
        "same text. Try the most distinctive ones, e.g. `/deal find acme renewal`."
    ),
    "find_bad_page": N_(
        "`page {text}` is not a page number; add `page 2` (or 3, …) after the "
        "words, e.g. `/deal find acme page 2`."
    ),
    "find_broken_button": N_(
        "That button is broken; search again with `/deal find`, adding `page 2` for more."
    ),
}

NOTHING = N_(
    "No deal matches “{query}”. Every word must be in one text (a deal's name, its "
    "company, a contact, its next step or a note); the last may be the start of a word."
)
NOTHING_ARCHIVED = N_("Archived deals are left out: `/deal find all {query}` includes them.")

PLACES = {
    "name": N_("name"),
    "company": N_("company"),
    "contact": N_("contact"),
    "next": N_("next step"),
}


def words(exc: DomainError) -> str:
    """The wording of a search refusal, the user's text quoted back escaped."""
    wording = WORDS.get(exc.code, WORDS["find_empty"])
    data = {k: echo(v) if isinstance(v, str) else v for k, v in exc.data.items()}
    return _(wording).format(**data, example=_(EXAMPLE))
