"""The stage editor's modal and its change lines. Pure: data in, Block Kit out."""

from pydantic import BaseModel, Field, ValidationError

from bot.common.errors import InvalidInput
from bot.common.numbers import number, percent
from bot.deals.quiet import STALE_DAYS
from bot.i18n import N_, _, n_
from bot.pipeline.editor import MAX_OPEN, REMOVE, Editor, StageForm
from bot.pipeline.stage_rules import NAME_MAX
from bot.pipeline.templates import local_name
from handlers.kit import text as fmt
from handlers.kit.blocks import context, text
from handlers.kit.forms import form_values
from handlers.kit.ids import StageEdit
from handlers.kit.metadata import Channel
from handlers.kit.modals import field_block, option, plain, text_input
from storage.models import StageChange

MODAL_BLOCKS = 100  # Slack's limit of blocks in a modal
META_MAX = 3000  # Slack's limit on private_metadata
RULE = N_(
    "Name each stage for what the buyer has done, in the past tense (“Demo held”, "
    "“Contract sent”). Win probability: 0 to 100. Quiet after: the days without activity "
    "before a deal counts as quiet (blank: {days}). Place: its number in the order, "
    "or Remove (only a stage no deal is in). Won and lost stages can be renamed only."
)


def _default() -> str:
    return _("{days} (default)").format(days=STALE_DAYS)


def _deals(n: int) -> str:
    return n_("{n} deal", "{n} deals", n).format(n=number(n))


class EditorMeta(BaseModel):
    """private_metadata of the editor: where it was opened, and the pipeline it showed."""

    channel: Channel | None = None
    seen: str = Field(pattern=r"^[0-9a-f]{16}$")

    @classmethod
    def load(cls, raw: object) -> "EditorMeta":
        if not isinstance(raw, str):
            raise InvalidInput("broken_form")
        try:
            return cls.model_validate_json(raw)
        except ValidationError as e:
            raise InvalidInput("broken_form") from e


def block(key: str, field: str) -> str:
    """The block id of a stage's field: `stage:12:name`, `stage:new:probability`."""
    return f"{StageEdit.block}:{key}:{field}"


def _place(key: str, count: int, current: int | None, label: str, removable: bool) -> dict:
    options = [option(str(n), str(n)) for n in range(1, count + 1)]
    if removable:
        options.append(option(_("Remove this stage"), REMOVE))
    element: dict = {
        "type": "static_select",
        "action_id": StageEdit.place,
        "placeholder": plain(_("Last") if current is None else str(current)),
        "options": options,
    }
    if current is not None:
        element["initial_option"] = option(str(current), str(current))
    return field_block(block(key, "place"), label, element, optional=current is None)


def _odds(key: str, probability: str, quiet: str, *, new: bool = False) -> list[dict]:
    prob = text_input(
        block(key, "probability"), StageEdit.probability, _("Win probability (%)"),
        optional=new, placeholder=_("0 to 100"), max_length=4,
    )  # fmt: skip
    days = text_input(
        block(key, "quiet"), StageEdit.quiet, _("Quiet after (days)"),
        optional=True, placeholder=_("blank: {days}").format(days=STALE_DAYS), max_length=4,
    )  # fmt: skip
    if probability:
        prob["element"]["initial_value"] = probability
    if quiet:
        days["element"]["initial_value"] = quiet
    return [prob, days]


def _name(key: str, label: str, name: str | None, *, optional: bool = False) -> dict:
    out = text_input(
        block(key, "name"), StageEdit.name, label, optional=optional,
        max_length=max(NAME_MAX, len(name or "")),  # an older, longer name still opens
        placeholder=_("e.g. Demo held"),
    )  # fmt: skip
    if name:
        out["element"]["initial_value"] = name
    return out


def editor_modal(ed: Editor, channel: str | None) -> dict:
    """The editor: each open stage's name, odds, quiet days and place; closing names; a new one."""
    opens = ed.open()
    blocks: list[dict] = [context(_(RULE).format(days=STALE_DAYS))]
    for i, c in enumerate(opens, 1):
        s = c.stage
        label = _("{place}. Name ({deals})").format(place=i, deals=_deals(c.deals))
        blocks += [
            {"type": "divider"},
            _name(str(s.id), label, local_name(s.name)),
            *_odds(str(s.id), str(s.probability), str(s.stale_days or "")),
            _place(str(s.id), len(opens), i, _("Place"), removable=True),
        ]
    blocks += [{"type": "divider"}, text(_("*Closing stages*"))]
    for c in ed.closing():
        s = c.stage
        kind = (
            _("Won stage ({odds}, {deals})")
            if s.kind == "won"
            else _("Lost stage ({odds}, {deals})")
        )
        label = kind.format(odds=percent(s.probability), deals=_deals(c.deals))
        blocks.append(_name(str(s.id), label, local_name(s.name)))
    if len(opens) < MAX_OPEN:
        blocks += [
            {"type": "divider"},
            text(_("*Add a stage* (leave blank to add none)")),
            _name("new", _("New stage's name"), None, optional=True),
            *_odds("new", "", "", new=True),
            _place("new", len(opens) + 1, None, _("Its place (blank: last)"), removable=False),
        ]
    else:
        limit = _("A pipeline holds at most {limit} open stages.").format(limit=MAX_OPEN)
        blocks.append(context(limit))
    meta = EditorMeta(channel=channel, seen=ed.fingerprint).model_dump_json(exclude_none=True)
    return {
        "type": "modal",
        "callback_id": StageEdit.modal,
        "private_metadata": meta[:META_MAX],
        "title": plain(_("Edit stages")),
        "submit": plain(_("Save")),
        "close": plain(_("Cancel")),
        "blocks": blocks[:MODAL_BLOCKS],
    }


def forms_from(view: dict) -> list[StageForm]:
    """The stages a submitted editor gives, by the block ids it declared."""
    values = form_values(view)
    keys: list[str] = []
    for block_id in values:
        parts = str(block_id).split(":")
        if len(parts) != 3 or parts[0] != StageEdit.block:
            raise InvalidInput("broken_form")
        if parts[1] not in keys:
            keys.append(parts[1])
    out = []
    for key in keys:
        if key != "new" and not (key.isascii() and key.isdigit() and 0 < int(key) < 2**31):
            raise InvalidInput("broken_form")

        def get(field: str, key: str = key) -> str:
            return str(values.get(block(key, field)) or "")

        stage_id = None if key == "new" else int(key)
        out.append(StageForm(stage_id, get("name"), get("probability"), get("quiet"), get("place")))
    return out


def change_line(c: StageChange, names: dict[int, str]) -> str:
    """`@ann renamed “First meeting held” to “Demo held”` (a stage by its current name)."""
    named = names.get(c.stage_id or 0, c.from_value or c.to_value)
    stage = fmt.escape(local_name(named)) if named else _("a stage")
    frm, to = c.from_value or "", c.to_value or ""
    if c.kind in ("renamed", "added", "removed"):  # stage names: a template's in the reader's
        frm, to = local_name(frm), local_name(to)
    elif c.kind == "probability":
        frm, to = (
            percent(int(frm)) if frm.isdigit() else frm,
            percent(int(to)) if to.isdigit() else to,
        )
    frm, to = fmt.escape(frm), fmt.escape(to)
    what = {
        "renamed": _("{who} renamed “{frm}” to “{to}”"),
        "probability": _("{who} set {stage}'s win probability from {frm} to {to}"),
        "quiet": _("{who} set {stage}'s quiet-after days from {frm} to {to}"),
        "moved": _("{who} moved {stage} from place {frm} to {to}"),
        "added": _("{who} added the stage {to}"),
        "removed": _("{who} removed the stage {frm}"),
        "template": _("{who} switched the pipeline from the {frm} to the {to} template"),
    }.get(c.kind)
    if c.kind == "quiet":
        frm, to = frm or _default(), to or _default()
    if what is None:
        return f"{fmt.user(c.actor_id)} {fmt.escape(c.kind)}"
    return what.format(who=fmt.user(c.actor_id), stage=stage, frm=frm, to=to)


def changes_text(changes: list[StageChange], names: dict[int, str]) -> str:
    """The changes of one edit as one line: `Saved: … · …`."""
    return "; ".join(change_line(c, names) for c in changes)
