"""Splitting a deal reference off the front of a command's text."""

from bot.common.errors import InvalidInput


def split_ref(rest: str, usage: str) -> tuple[str, str]:
    """The deal (a number, one word, or a "quoted name") and the rest of the text."""
    rest = rest.strip()
    if not rest:
        raise InvalidInput(f"Which deal? {usage}")
    if rest.startswith('"'):
        ref, quote, tail = rest[1:].partition('"')
        if not quote or not ref.strip():
            raise InvalidInput(f'Close the quoted deal name with `"`. {usage}')
        return ref.strip(), tail.strip()
    ref, _, tail = rest.partition(" ")
    return ref, tail.strip()
