"""Block Kit of "Add to deal…": its form, the options of its deal picker, its answers. Pure."""

from bot.i18n import _, n_
from bot.pipeline.templates import local_name
from bot.shortcuts.service import OPTIONS_MAX
from handlers.kit import text as fmt
from handlers.kit.ids import Shortcut
from handlers.kit.metadata import ModalMeta
from handlers.kit.modals import OPTION_MAX, field_block, modal, plain
from handlers.shortcuts import words
from storage.models import Deal, Stage

QUOTE_MAX = 600  # of the message, shown in the form


def add_modal(meta: ModalMeta, quote: str) -> dict:
    """Pick the deal the message goes to: an external_select searched as the user types."""
    picker = {
        "type": "external_select",
        "action_id": Shortcut.deal_input,
        "placeholder": plain(_(words.ADD_PLACEHOLDER)),
        "min_query_length": 1,
    }
    shown = fmt.echo(quote, QUOTE_MAX) or _("(no text)")
    return modal(
        Shortcut.add_modal,
        _(words.ADD_TITLE),
        _("Add"),
        meta,
        [
            {"type": "section", "text": {"type": "mrkdwn", "text": f">{shown}"}},
            field_block(Shortcut.deal_block, _(words.ADD_LABEL), picker, hint=_(words.ADD_HINT)),
        ],
    )


def deal_option(deal: Deal, stage: Stage) -> dict:
    """One deal in the picker: `#12 Acme Corp · Proposal received` (plain text, cut)."""
    label = f"#{deal.number} {deal.name}"
    tail = f" · {local_name(stage.name)}" + (" · " + _("archived") if deal.archived_at else "")
    if len(label) + len(tail) > OPTION_MAX:
        label = label[: max(OPTION_MAX - len(tail) - 1, 8)] + "…"
    return {"text": plain((label + tail)[:OPTION_MAX]), "value": str(deal.number)}


def options(found: list[tuple[Deal, Stage]]) -> list[dict]:
    """The picker's options, at most Slack's 100."""
    return [deal_option(d, s) for d, s in found[:OPTIONS_MAX]]


def added_view(deal: Deal, people: list[str]) -> dict:
    """The form's last page: the note is added; mentioned teammates may be tagged at once."""
    blocks: list[dict] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": _(words.ADDED).format(deal=fmt.deal_title(deal))},
        }
    ]
    if people:
        offer = n_(
            "{people} is mentioned in it. Tag them on {deal}?",
            "{people} are mentioned in it. Tag them on {deal}?",
            len(people),
        ).format(people=", ".join(fmt.user(u) for u in people), deal=fmt.deal_title(deal))
        blocks += [
            {"type": "section", "text": {"type": "mrkdwn", "text": offer}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": Shortcut.tag_mentioned,
                        "text": plain(_(words.TAG_BUTTON)),
                        "style": "primary",
                        "value": f"{deal.number}:{','.join(people)}",
                    }
                ],
            },
        ]
    return done_view(blocks)


def done_view(blocks: list[dict]) -> dict:
    """A modal page with only a Done button."""
    return {
        "type": "modal",
        "title": plain(_(words.ADD_TITLE)),
        "close": plain(_("Done")),
        "blocks": blocks,
    }


def said_view(text: str) -> dict:
    """A modal page that says one thing (mrkdwn)."""
    return done_view([{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}])
