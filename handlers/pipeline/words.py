"""What the user reads when a pipeline operation refuses: wording per domain error code."""

from handlers.kit.text import echo
from handlers.kit.wording import Wording


def template_list(templates: list[str]) -> str:
    """The templates as code spans, for messages: `generic`, `inbound`, ..."""
    return ", ".join(f"`{name}`" for name in templates)


def _unknown_template(*, text: str, templates: list[str]) -> str:
    return (
        f"There is no template “{echo(text)}”. The templates are: {template_list(templates)}; "
        "e.g. `/deal stages use inbound`."
    )


WORDS: dict[str, Wording] = {
    "unknown_template": _unknown_template,
    "switch_raced": (
        "#{deal} changed while the pipeline was switching; nothing was changed. Try again."
    ),
}
