"""Block Kit builders for BANT qualification. Pure: data in, view or block dicts out."""

from datetime import date

from bot.i18n import N_, _
from bot.pipeline.templates import local_name
from bot.qualification.bant import Qualified, answers_of
from bot.qualification.rule import PARTS, TITLES, disqualifiers, mark, shortfall, summary_text
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.ids import Bant
from handlers.kit.metadata import DealAt, ModalMeta, MoveValue
from handlers.kit.modals import field_block, modal, option, text_input
from handlers.kit.mrkdwn import escape
from storage.models import Qualification

NOTE_MAX = 500
NOTES = {
    "budget": Bant.budget_note,
    "authority": Bant.authority_note,
    "need": Bant.need_note,
    "timeline": Bant.timeline_note,
}
CHOICES = {
    "budget": Bant.budget,
    "authority": Bant.authority,
    "need": Bant.need,
    "timeline": Bant.timeline,
}
PLACEHOLDERS = {
    "budget": N_("What did they say about money?"),
    "authority": N_("Who decides, who signs?"),
    "need": N_("What hurts, in their words?"),
    "timeline": N_("What drives the date?"),
}
NOTE_LABELS = {
    "budget": N_("Budget note"),
    "authority": N_("Authority note"),
    "need": N_("Need note"),
    "timeline": N_("Timeline note"),
}


def _choice(part: str, last: Qualification | None) -> dict:
    options = [option(_(label), key) for key, label in PARTS[part].items()]
    element: dict = {"type": "radio_buttons", "action_id": Bant.choice, "options": options}
    chosen = getattr(last, part, None) if last else None
    if chosen in PARTS[part]:
        element["initial_option"] = option(_(PARTS[part][chosen]), chosen)
    return field_block(CHOICES[part], _(TITLES[part]), element)


def _note(part: str, last: Qualification | None) -> dict:
    block = text_input(
        NOTES[part],
        Bant.text,
        _(NOTE_LABELS[part]),
        optional=True,
        placeholder=_(PLACEHOLDERS[part]),
        max_length=NOTE_MAX,
    )
    said = getattr(last, f"{part}_note", None) if last else None
    if said:
        block["element"]["initial_value"] = said
    return block


def bant_modal(
    meta: ModalMeta,
    title: str,
    last: Qualification | None,
    *,
    threshold: int = 3,
    value: str | None = None,
) -> dict:
    """The BANT form: four graded choices with notes, filled with the last answers if any."""
    intro = _(
        "Qualify *{title}*. It becomes an SQL when the need is critical and at least "
        "{threshold} of the four are met."
    ).format(title=title, threshold=threshold)
    blocks: list[dict] = [text(intro)]
    for part in PARTS:
        blocks.append(_choice(part, last))
        if part == "budget":
            hint = _("Sets the deal's value. e.g. 12k, $12,000, €4 500")
            if value:
                hint = _("Sets the deal's value. e.g. 12k, $12,000, €4 500. Empty keeps {value}")
                hint = hint.format(value=value)
            blocks.append(
                text_input(
                    Bant.amount,
                    Bant.text,
                    _("Confirmed budget amount"),
                    optional=True,
                    placeholder="12k",
                    hint=hint,
                    max_length=64,
                )
            )
        blocks.append(_note(part, last))
    return modal(Bant.modal, _("Qualify (BANT)"), _("Save"), meta, blocks)


def result_blocks(q: Qualified) -> list[dict]:
    """What the seller sees after a BANT check: the verdict, and what to do about it."""
    d, v = q.view.deal, q.verdict
    title = f"#{d.number} {escape(d.name)}"
    if v.qualified:
        head = _("✅ *{title}* is qualified: *{headline}* ({score} of 4 met).").format(
            title=title, headline=v.said(), score=v.score
        )
        if q.moved_to:
            head += " " + _("Moved to {stage}.").format(stage=escape(local_name(q.moved_to.name)))
    else:
        why = shortfall(q.answers, v)
        head = _("*{title}* is not qualified yet: *{headline}* ({why}).").format(
            title=title, headline=v.said(), why=why
        )
    blocks = [
        text(head),
        context(" · ".join(_answer_line(part, q.answers.get(part)) for part in PARTS)),
    ]
    at = DealAt(deal=d.number, stage=q.view.stage.id).dump()
    if q.view.stage.kind != "open":
        return blocks
    if v.suggest_disqualify:
        reasons = _(" and ").join(disqualifiers(q.answers))
        said = _(
            "With {reasons}, this lead is a candidate for disqualification. Disqualify it "
            "(it keeps its history and can be reopened), or keep nurturing it with a follow-up "
            "date."
        )
        blocks.append(text(said.format(reasons=reasons)))
        buttons = [
            button(_("Disqualify"), Bant.disqualify, at, "danger"),
            button(_("Keep nurturing"), Bant.nurture, at),
        ]
    elif not v.qualified:
        blocks.append(text(_("Keep nurturing it: set a date to follow up.")))
        buttons = [button(_("Keep nurturing"), Bant.nurture, at)]
    else:
        return blocks
    return [*blocks, {"type": "actions", "block_id": Bant.result, "elements": buttons}]


def _answer_line(part: str, choice: str) -> str:
    return f"{_(TITLES[part])} {mark(part, choice)} {_(PARTS[part][choice])}"


def gate_blocks(deal_number: int, from_stage_id: int, to_stage_id: int, message: str) -> list[dict]:
    """The offer when a move needs qualification first: Qualify now, or Move anyway."""
    at = DealAt(deal=deal_number, stage=from_stage_id).dump()
    move = MoveValue(deal=deal_number, frm=from_stage_id, to=to_stage_id).dump()
    return [
        text(message),
        {
            "type": "actions",
            "block_id": Bant.gate,
            "elements": [
                button(_("Qualify now"), Bant.qualify_now, at, "primary"),
                button(_("Move anyway"), Bant.move_anyway, move),
            ],
        },
    ]


def disqualify_modal(meta: ModalMeta, title: str) -> dict:
    """Ask why the lead is disqualified; the deal becomes lost with that reason."""
    return modal(
        Bant.disqualify_modal,
        _("Disqualify lead"),
        _("Disqualify"),
        meta,
        [
            text(
                _(
                    "Why is *{title}* disqualified? It keeps its history and can be reopened."
                ).format(title=title)
            ),
            text_input(
                Bant.reason,
                Bant.text,
                _("Reason"),
                multiline=True,
                max_length=400,
                placeholder=_("No budget this year"),
            ),
        ],
    )


def nurture_modal(meta: ModalMeta, title: str, follow_up: date) -> dict:
    """Keep the lead as an MQL and pick the day to follow up on it."""
    picker = {"type": "datepicker", "action_id": Bant.date, "initial_date": follow_up.isoformat()}
    return modal(
        Bant.nurture_modal,
        _("Keep nurturing"),
        _("Save"),
        meta,
        [
            text(_("Keep *{title}* as an MQL and follow up on it later.").format(title=title)),
            field_block(Bant.follow_up, _("Follow up on"), picker),
            text_input(
                Bant.follow_note,
                Bant.text,
                _("Note"),
                optional=True,
                max_length=NOTE_MAX,
                placeholder=_("Ask again after their budget round"),
            ),
        ],
    )


def bant_section(q: Qualification | None) -> list[dict]:
    """The last BANT answers for `/deal show`: the summary line and each answer with its note."""
    if q is None:
        return [context(_("Not qualified yet: `/deal qualify` runs the BANT check."))]
    answers = answers_of(q)
    lines = [
        _("*BANT* {summary} · checked by {who} {when}").format(
            summary=summary_text(q.qualified, q.temperature, answers),
            who=fmt.user(q.asked_by),
            when=fmt.when(q.at),
        )
    ]
    for part in PARTS:
        said = getattr(q, f"{part}_note")
        lines.append(
            f"{_answer_line(part, answers.get(part))}" + (f": {escape(said)}" if said else "")
        )
    return [text("\n".join(lines))]
