"""Plain user text made tidy before it is stored."""


def clean_line(text: str) -> str:
    """One line of user text: control characters dropped, white space folded."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
