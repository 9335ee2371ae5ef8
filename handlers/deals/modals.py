"""Block Kit builders for the forms of a deal's buttons. Pure: data in, view dict out.

The New lead form lives in lead_form and is importable from here too.
"""

from bot.accounts.service import ROLES
from bot.deals.vocab import LOSS_REASONS
from bot.i18n import _
from handlers.deals.lead_form import new_lead_modal
from handlers.kit.ids import Block, Callback, Field
from handlers.kit.metadata import ModalMeta
from handlers.kit.modals import field_block, modal, option, plain, text_input

__all__ = [
    "contact_modal",
    "lost_modal",
    "new_lead_modal",
    "next_step_modal",
    "note_modal",
    "snooze_modal",
    "tag_modal",
]


def lost_modal(meta: ModalMeta, title: str) -> dict:
    """Ask why the deal was lost: a reason from the list, and details."""
    reasons = [option(_(label), key) for key, label in LOSS_REASONS.items()]
    return modal(
        Callback.lost_reason,
        _("Mark as lost"),
        _("Mark lost"),
        meta,
        [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": _(
                        "Why was *{title}* lost? The deal keeps its history and can be reopened."
                    ).format(title=title),
                },
            },
            field_block(
                Block.reason,
                _("Reason"),
                {
                    "type": "static_select",
                    "action_id": Field.reason,
                    "options": reasons,
                    "placeholder": plain(_("Pick a reason")),
                },
            ),
            text_input(
                Block.reason_text,
                Field.reason_text,
                _("Details"),
                optional=True,
                multiline=True,
                max_length=400,
            ),
        ],
    )


def note_modal(meta: ModalMeta, title: str) -> dict:
    """Add a note to a deal."""
    return modal(
        Callback.note,
        _("Add note"),
        _("Add"),
        meta,
        [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": _("A note on *{title}*").format(title=title)},
            },
            text_input(Block.note, Field.note, _("Note"), multiline=True, max_length=3000),
        ],
    )


def tag_modal(meta: ModalMeta, title: str) -> dict:
    """Tag teammates on a deal, saying why."""
    return modal(
        Callback.tag,
        _("Tag teammates"),
        _("Tag"),
        meta,
        [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": _("Bring teammates into *{title}*").format(title=title),
                },
            },
            field_block(
                Block.people,
                _("Teammates"),
                {
                    "type": "multi_users_select",
                    "action_id": Field.people,
                    "placeholder": plain(_("Choose people")),
                },
            ),
            text_input(
                Block.why,
                Field.why,
                _("Why"),
                optional=True,
                max_length=500,
                placeholder=_("Need a security review"),
            ),
        ],
    )


def contact_modal(meta: ModalMeta, title: str) -> dict:
    """Add a person of the deal's account."""
    roles = [option(_(label), key) for key, label in ROLES.items()]
    return modal(
        Callback.contact,
        _("Add contact"),
        _("Add"),
        meta,
        [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": _("A contact for *{title}*").format(title=title),
                },
            },
            text_input(Block.contact_name, Field.contact_name, _("Name"), max_length=200),
            field_block(
                Block.contact_email,
                _("Email"),
                {"type": "email_text_input", "action_id": Field.contact_email},
            ),
            text_input(
                Block.contact_title,
                Field.contact_title,
                _("Title"),
                optional=True,
                max_length=200,
                placeholder=_("CFO"),
            ),
            field_block(
                Block.contact_role,
                _("Buying role"),
                {
                    "type": "static_select",
                    "action_id": Field.contact_role,
                    "options": roles,
                    "placeholder": plain(_("Pick a role")),
                },
                optional=True,
            ),
        ],
    )


def next_step_modal(meta: ModalMeta, title: str) -> dict:
    """Write the deal's next step."""
    return modal(
        Callback.next_step,
        _("Next step"),
        _("Save"),
        meta,
        [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": _("What happens next on *{title}*?").format(title=title),
                },
            },
            text_input(
                Block.next_text,
                Field.next_text,
                _("Next step"),
                max_length=500,
                placeholder=_("Demo with their IT lead on Friday"),
            ),
        ],
    )


def snooze_modal(meta: ModalMeta, title: str) -> dict:
    """Keep a deal off the stale lists until a date."""
    return modal(
        Callback.snooze,
        _("Snooze"),
        _("Snooze"),
        meta,
        [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": _("Leave *{title}* off the stale lists until:").format(title=title),
                },
            },
            field_block(
                Block.snooze_until,
                _("Until"),
                {"type": "datepicker", "action_id": Field.snooze_until},
            ),
            text_input(
                Block.snooze_reason,
                Field.snooze_reason,
                _("Why it can wait"),
                max_length=500,
                placeholder=_("Their budget opens in March"),
            ),
        ],
    )
