"""Small pieces of message text: people, deals, money, dates. User text is escaped here."""

import re
from datetime import UTC, date, datetime

from bot.common.days import format_day
from bot.common.errors import InvalidAmount
from bot.common.money import STORED, Money, format_money, format_short, parse_amount
from bot.deals.service import DealView
from bot.deals.vocab import LOSS_REASONS
from bot.i18n import N_, _
from bot.imports.fields import IMPORT_ACTOR
from bot.pipeline.templates import local_name
from handlers.deals.verb_words import took_back
from handlers.kit.mrkdwn import escape, with_links
from storage.models import Activity, Deal

ECHO_MAX = 60  # characters of the user's own text quoted back in a reply


def echo(text: str, limit: int = ECHO_MAX) -> str:
    """The user's own text quoted back in a reply: one line, escaped, at most `limit` long."""
    # Escaped so that `<!channel>` cannot ping; cut so that a 40,000-character token cannot flood.
    line = " ".join(str(text).split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return escape(line)


def user(user_id: str | None) -> str:
    """A mention of a Slack user (the actor of a CSV import's entries is "the import")."""
    if user_id == IMPORT_ACTOR:
        return _("the import")
    return f"<@{user_id}>" if user_id else _("nobody")


def deal_title(deal: Deal) -> str:
    """`#12 Acme Corp` as mrkdwn."""
    return f"#{deal.number} {escape(deal.name)}"


def value(deal: Deal, short: bool = False) -> str:
    """The deal's value, or a dash."""
    if deal.value_minor is None:
        return "–"
    money = Money(deal.value_minor, deal.currency)
    return format_short(money) if short else format_money(money)


def day(d: date | None) -> str:
    """A date as 2026-12-31, or a dash."""
    return format_day(d) if d else "–"


def days_since(when: datetime, now: datetime | None = None) -> int:
    """Whole days from when to now."""
    return max(0, ((now or datetime.now(UTC)) - when).days)


def stage_place(v: DealView) -> str:
    """`Proposal received (5/7)`: the stage and its place among the open stages."""
    open_stages = [s for s in v.stages if s.kind == "open"]
    if v.stage in open_stages:
        return f"{local_name(v.stage.name)} ({open_stages.index(v.stage) + 1}/{len(open_stages)})"
    return local_name(v.stage.name)


# One history line per kind of change: who ({who}) did what. Translated when shown.
_VERBS = {
    "created": N_("{who} created the deal in {to}"),
    "moved": N_("{who} moved it from {frm} to {to}"),
    "won": N_("{who} marked it won 🎉"),
    "lost": N_("{who} marked it lost"),
    "reopened": N_("{who} reopened it in {to}"),
    "note": N_("{who} added a note"),
    "value": N_("{who} changed the value from {frm} to {to}"),
    "close": N_("{who} set the expected close from {frm} to {to}"),
    "source": N_("{who} set the source to {to}"),
    "next": N_("{who} set the next step to “{to}”"),
    "name": N_("{who} renamed it from “{frm}” to “{to}”"),
    "owner": N_("{who} handed it over from {frm_user} to {to_user}"),
    "tagged": N_("{who} tagged {to_user}"),
    "company": N_("{who} set the company from {frm} to {to}"),
    "contact": N_("{who} added {to} as a contact"),
    "reply": N_("{who} replied in the thread"),
    "qualified": N_("{who} qualified it as {to}"),
    "nurture": N_("{who} set a follow-up for {to}"),
    "snoozed": N_("{who} snoozed it until {to}"),
    "archived": N_("{who} archived it"),
    "restored": N_("{who} restored it from the archive"),
    "undone": N_("{who} took back {undid}"),
    "reminder": N_("{who} set a reminder for {to}"),
    "reminder_done": N_("{who} marked the reminder for {to} done"),
    "reminder_snoozed": N_("{who} snoozed the reminder from {frm} to {to}"),
    "contact_edited": N_("{who} changed the contact {to}"),
    "contact_removed": N_("{who} removed {frm} as a contact"),
    "from_message": N_("{who} created it from a message: {link}"),  # a shortcut; note: author
}
_PERMALINK = re.compile(r"https://[^\s<>|]+")


def sentence(text: str) -> str:
    """The text ended with a full stop, unless it already ends a sentence (`ACME CORP.`)."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def lost_reason(reason: str) -> str:
    """A stored lost reason (`Price too high: their budget halved`) with the picked reason in
    the reader's language; the details stay as typed."""
    for label in LOSS_REASONS.values():
        if reason == label:
            return _(label)
        if reason.startswith(label + ": "):
            details = reason[len(label) + 2 :]
            return _("{reason}: {details}").format(reason=_(label), details=details)
    return reason


def stage_then(stage_id: int | None, recorded: str | None, names: dict[int, str] | None) -> str:
    """A stage a history entry names: its current name (from `names`, stage id -> name),
    saying what it was called then if it was renamed since; else the name recorded."""
    now = (names or {}).get(stage_id) if stage_id is not None else None
    then = local_name(recorded) if recorded and stage_id is not None else recorded
    if now is None or now == recorded:
        return escape(then or "–")
    return _("{now} (then called {then})").format(
        now=escape(local_name(now)), then=escape(then or "–")
    )


_DAY_KINDS = {"close", "nurture", "snoozed", "reminder", "reminder_done", "reminder_snoozed"}


def recorded(kind: str, text: str | None) -> str | None:
    """A value a history entry stored in English ($12,000, 2026-12-31) as the reader writes
    it (`12 000 $`, `31.12.2026`); anything else as it is."""
    try:
        if kind == "value" and text:
            return format_money(parse_amount(text, "USD", STORED))
        if kind in _DAY_KINDS and text:
            return format_day(date.fromisoformat(text))
    except (InvalidAmount, ValueError):
        pass
    return text


def activity(a: Activity, names: dict[int, str] | None = None) -> str:
    """One history line: who did what, from and to; `names` gives stages' current names."""
    kind = escape(a.kind).replace("{", "{{").replace("}", "}}")  # an unknown kind, as is
    line = (_(_VERBS[a.kind]) if a.kind in _VERBS else "{who} " + kind).format(
        who=user(a.actor_id),
        frm=stage_then(getattr(a, "from_stage_id", None), recorded(a.kind, a.from_value), names),
        to=stage_then(getattr(a, "to_stage_id", None), recorded(a.kind, a.to_value), names),
        frm_user=user(a.from_value),
        to_user=user(a.to_value),
        undid=took_back(a.from_value or "") if a.kind == "undone" else "",
        link=_link(a.to_value or ""),
    )
    if getattr(a, "deleted_at", None):
        return _("{line} (deleted)").format(line=line)
    if a.note:  # a thread reply keeps its mentions and links; every other note is literal
        note = lost_reason(a.note) if a.kind == "lost" else a.note
        shown = with_links(note) if a.kind == "reply" else escape(note)
        line = _("{line}: {note}").format(line=line, note=shown)
    return line


def _link(url: str) -> str:
    """A message's permalink as a Slack link (anything else, escaped text)."""
    return f"<{url.replace('&', '&amp;')}>" if _PERMALINK.fullmatch(url) else escape(url)


def when(at: datetime) -> str:
    """A timestamp Slack shows in each reader's own time zone."""
    epoch = int(at.timestamp())
    fallback = at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{epoch}^{{date_short_pretty}} {{time}}|{fallback}>"
