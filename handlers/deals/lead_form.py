"""The New lead form of `/deal new` and the lead shortcuts. Pure: data in, view dict out."""

from bot.deals.vocab import SOURCES
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
