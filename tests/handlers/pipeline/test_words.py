"""What the user reads when a pipeline switch refuses."""

from bot.common.errors import InvalidInput
from bot.pipeline.templates import TEMPLATES
from handlers.kit.errors import words
from handlers.pipeline.words import template_list


def test_an_unknown_template_is_escaped_and_the_templates_are_listed():
    said = words(InvalidInput("unknown_template", text="<!channel>", templates=list(TEMPLATES)))
    assert said == (
        "There is no template “&lt;!channel&gt;”. The templates are: `generic`, `inbound`, "
        "`outbound`, `account-based`, `relationship`, `team`; e.g. `/deal stages use inbound`."
    )


def test_template_list_is_code_spans_in_order():
    assert template_list(["generic", "team"]) == "`generic`, `team`"
