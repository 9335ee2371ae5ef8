"""Block Kit builders for modals. Pure: data in, view dict out."""

from bot.accounts.service import ROLES
from bot.deals.vocab import LOSS_REASONS, SOURCES
from bot.i18n import _
from handlers.kit.ids import Block, Callback, Field, Shortcut
from handlers.kit.metadata import ModalMeta
from handlers.kit.modals import field_block, modal, option, plain, text_input


def new_lead_modal(
    meta: ModalMeta,
    owner: str,
    *,
    prefill: dict[str, str] | None = None,
    intro: str | None = None,
    pick_channel: bool = False,
) -> dict:
    """The New lead form; a shortcut's form comes `prefill`ed (text fields by block id), with
    an `intro` (mrkdwn) above, and a required channel picker for the card (`pick_channel`)."""
    view = _new_lead_form(meta, owner)
    blocks = view["blocks"]
    for block in blocks:
        value = (prefill or {}).get(block["block_id"])
        if value and block["element"]["type"] == "plain_text_input":
            block["element"]["initial_value"] = value[: block["element"].get("max_length", 3000)]
    if intro:
        blocks.insert(0, {"type": "section", "text": {"type": "mrkdwn", "text": intro[:3000]}})
    if pick_channel:
        picker = {
            "type": "conversations_select",
            "action_id": Shortcut.card_channel_input,
            "placeholder": plain(_("Choose a channel")),
            "filter": {
                "include": ["public", "private"],
                "exclude_bot_users": True,
                "exclude_external_shared_channels": True,
            },
        }
        hint = _("A channel I'm in, or a public one I can join: the card and its thread go there.")
        blocks.append(field_block(Shortcut.card_channel, _("Post the card in"), picker, hint=hint))
    return view


def _new_lead_form(meta: ModalMeta, owner: str) -> dict:
    sources = [option(_(label), key) for key, label in SOURCES.items()]
    return modal(
        Callback.new_lead,
        _("New lead"),
        _("Create"),
        meta,
        [
            text_input(
                Block.name,
                Field.name,
                _("Deal name"),
                placeholder=_("Acme Corp renewal"),
                max_length=150,
            ),
            text_input(
                Block.company,
                Field.company,
                _("Company"),
                optional=True,
                placeholder=_("Acme Corp"),
                max_length=200,
                hint=_("A company that already has deals is matched by its name."),
            ),
            text_input(
                Block.value,
                Field.value,
                _("Value"),
                optional=True,
                placeholder=_("12k"),
                hint=_("e.g. 12k, $12,000, €4 500, 1.2m"),
            ),
            field_block(
                Block.source,
                _("Source"),
                {
                    "type": "static_select",
                    "action_id": Field.source,
                    "options": sources,
                    "placeholder": plain(_("Where did the lead come from?")),
                },
                optional=True,
            ),
            field_block(
                Block.owner,
                _("Owner"),
                {"type": "users_select", "action_id": Field.owner, "initial_user": owner},
            ),
            field_block(
                Block.close,
                _("Expected close"),
                {"type": "datepicker", "action_id": Field.close},
                optional=True,
            ),
            text_input(
                Block.next_step,
                Field.next_step,
                _("Next step"),
                optional=True,
                placeholder=_("Intro call by 2026-12-05"),
                hint=_("End with `by YYYY-MM-DD` and the owner is reminded on that day."),
                max_length=500,
            ),
        ],
    )


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
