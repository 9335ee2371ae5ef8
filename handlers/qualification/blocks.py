"""Block Kit builders for BANT qualification. Pure: data in, view or block dicts out."""

from datetime import date

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
    "budget": "What did they say about money?",
    "authority": "Who decides, who signs?",
    "need": "What hurts, in their words?",
    "timeline": "What drives the date?",
}


def _choice(part: str, last: Qualification | None) -> dict:
    options = [option(label, key) for key, label in PARTS[part].items()]
    element: dict = {"type": "radio_buttons", "action_id": Bant.choice, "options": options}
    chosen = getattr(last, part, None) if last else None
    if chosen in PARTS[part]:
        element["initial_option"] = option(PARTS[part][chosen], chosen)
    return field_block(CHOICES[part], TITLES[part], element)


def _note(part: str, last: Qualification | None) -> dict:
    block = text_input(
        NOTES[part],
        Bant.text,
        f"{TITLES[part]} note",
        optional=True,
        placeholder=PLACEHOLDERS[part],
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
    intro = (
        f"Qualify *{title}*. It becomes an SQL when the need is critical and at least "
        f"{threshold} of the four are met."
    )
    blocks: list[dict] = [text(intro)]
    for part in PARTS:
        blocks.append(_choice(part, last))
        if part == "budget":
            hint = "Sets the deal's value. e.g. 12k, $12,000, €4 500"
            if value:
                hint += f". Empty keeps {value}"
            blocks.append(
                text_input(
                    Bant.amount,
                    Bant.text,
                    "Confirmed budget amount",
                    optional=True,
                    placeholder="12k",
                    hint=hint,
                    max_length=64,
                )
            )
        blocks.append(_note(part, last))
    return modal(Bant.modal, "Qualify (BANT)", "Save", meta, blocks)


def result_blocks(q: Qualified) -> list[dict]:
    """What the seller sees after a BANT check: the verdict, and what to do about it."""
    d, v = q.view.deal, q.verdict
    title = f"#{d.number} {escape(d.name)}"
    if v.qualified:
        moved = f" Moved to {escape(q.moved_to.name)}." if q.moved_to else ""
        head = f"✅ *{title}* is qualified: *{v.headline}* ({v.score} of 4 met).{moved}"
    else:
        why = shortfall(q.answers, v)
        head = f"*{title}* is not qualified yet: *{v.headline}* ({why})."
    blocks = [
        text(head),
        context(" · ".join(_answer_line(part, q.answers.get(part)) for part in PARTS)),
    ]
    at = DealAt(deal=d.number, stage=q.view.stage.id).dump()
    if q.view.stage.kind != "open":
        return blocks
    if v.suggest_disqualify:
        reasons = " and ".join(disqualifiers(q.answers))
        blocks.append(
            text(
                f"With {reasons}, this lead is a candidate for disqualification. Disqualify it "
                "(it keeps its history and can be reopened), or keep nurturing it with a follow-up "
                "date."
            )
        )
        buttons = [
            button("Disqualify", Bant.disqualify, at, "danger"),
            button("Keep nurturing", Bant.nurture, at),
        ]
    elif not v.qualified:
        blocks.append(text("Keep nurturing it: set a date to follow up."))
        buttons = [button("Keep nurturing", Bant.nurture, at)]
    else:
        return blocks
    return [*blocks, {"type": "actions", "block_id": Bant.result, "elements": buttons}]


def _answer_line(part: str, choice: str) -> str:
    return f"{TITLES[part]} {mark(part, choice)} {PARTS[part][choice]}"


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
                button("Qualify now", Bant.qualify_now, at, "primary"),
                button("Move anyway", Bant.move_anyway, move),
            ],
        },
    ]


def disqualify_modal(meta: ModalMeta, title: str) -> dict:
    """Ask why the lead is disqualified; the deal becomes lost with that reason."""
    return modal(
        Bant.disqualify_modal,
        "Disqualify lead",
        "Disqualify",
        meta,
        [
            text(f"Why is *{title}* disqualified? It keeps its history and can be reopened."),
            text_input(
                Bant.reason,
                Bant.text,
                "Reason",
                multiline=True,
                max_length=400,
                placeholder="No budget this year",
            ),
        ],
    )


def nurture_modal(meta: ModalMeta, title: str, follow_up: date) -> dict:
    """Keep the lead as an MQL and pick the day to follow up on it."""
    picker = {"type": "datepicker", "action_id": Bant.date, "initial_date": follow_up.isoformat()}
    return modal(
        Bant.nurture_modal,
        "Keep nurturing",
        "Save",
        meta,
        [
            text(f"Keep *{title}* as an MQL and follow up on it later."),
            field_block(Bant.follow_up, "Follow up on", picker),
            text_input(
                Bant.follow_note,
                Bant.text,
                "Note",
                optional=True,
                max_length=NOTE_MAX,
                placeholder="Ask again after their budget round",
            ),
        ],
    )


def bant_section(q: Qualification | None) -> list[dict]:
    """The last BANT answers for `/deal show`: the summary line and each answer with its note."""
    if q is None:
        return [context("Not qualified yet: `/deal qualify` runs the BANT check.")]
    answers = answers_of(q)
    lines = [
        f"*BANT* {summary_text(q.qualified, q.temperature, answers)} · "
        f"checked by {fmt.user(q.asked_by)} {fmt.when(q.at)}"
    ]
    for part in PARTS:
        said = getattr(q, f"{part}_note")
        lines.append(
            f"{_answer_line(part, answers.get(part))}" + (f": {escape(said)}" if said else "")
        )
    return [text("\n".join(lines))]
