"""Small pieces of message text: people, deals, money, dates. User text is escaped here."""

import re
from datetime import UTC, date, datetime

from bot.common.money import Money, format_money, format_short
from bot.deals.service import DealView
from bot.imports.fields import IMPORT_ACTOR
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
        return "the import"
    return f"<@{user_id}>" if user_id else "nobody"


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
    return d.isoformat() if d else "–"


def days_since(when: datetime, now: datetime | None = None) -> int:
    """Whole days from when to now."""
    return max(0, ((now or datetime.now(UTC)) - when).days)


def stage_place(v: DealView) -> str:
    """`Proposal received (5/7)`: the stage and its place among the open stages."""
    open_stages = [s for s in v.stages if s.kind == "open"]
    if v.stage in open_stages:
        return f"{v.stage.name} ({open_stages.index(v.stage) + 1}/{len(open_stages)})"
    return v.stage.name


_VERBS = {
    "created": "created the deal in {to}",
    "moved": "moved it from {frm} to {to}",
    "won": "marked it won 🎉",
    "lost": "marked it lost",
    "reopened": "reopened it in {to}",
    "note": "added a note",
    "value": "changed the value from {frm} to {to}",
    "close": "set the expected close from {frm} to {to}",
    "source": "set the source to {to}",
    "next": "set the next step to “{to}”",
    "name": "renamed it from “{frm}” to “{to}”",
    "owner": "handed it over from {frm_user} to {to_user}",
    "tagged": "tagged {to_user}",
    "company": "set the company from {frm} to {to}",
    "contact": "added {to} as a contact",
    "reply": "replied in the thread",
    "qualified": "qualified it as {to}",
    "nurture": "set a follow-up for {to}",
    "snoozed": "snoozed it until {to}",
    "archived": "archived it",
    "restored": "restored it from the archive",
    "undone": "took back {undid}",
    "reminder": "set a reminder for {to}",
    "reminder_done": "marked the reminder for {to} done",
    "reminder_snoozed": "snoozed the reminder from {frm} to {to}",
    "contact_edited": "changed the contact {to}",
    "contact_removed": "removed {frm} as a contact",
    "from_message": "created it from a message: {link}",  # a shortcut; the note: its author
}
_PERMALINK = re.compile(r"https://[^\s<>|]+")


def sentence(text: str) -> str:
    """The text ended with a full stop, unless it already ends a sentence (`ACME CORP.`)."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def stage_then(stage_id: int | None, recorded: str | None, names: dict[int, str] | None) -> str:
    """A stage a history entry names: its current name (from `names`, stage id -> name),
    saying what it was called then if it was renamed since; else the name recorded."""
    now = (names or {}).get(stage_id) if stage_id is not None else None
    if now is None or now == recorded:
        return escape(recorded or "–")
    return f"{escape(now)} (then called {escape(recorded or '–')})"


def activity(a: Activity, names: dict[int, str] | None = None) -> str:
    """One history line: who did what, from and to; `names` gives stages' current names."""
    verb = _VERBS.get(a.kind, escape(a.kind)).format(
        frm=stage_then(getattr(a, "from_stage_id", None), a.from_value, names),
        to=stage_then(getattr(a, "to_stage_id", None), a.to_value, names),
        frm_user=user(a.from_value),
        to_user=user(a.to_value),
        undid=took_back(a.from_value or "") if a.kind == "undone" else "",
        link=_link(a.to_value or ""),
    )
    line = f"{user(a.actor_id)} {verb}"
    if getattr(a, "deleted_at", None):
        return line + " (deleted)"
    if a.note:  # a thread reply keeps its mentions and links; every other note is literal
        line += f": {with_links(a.note) if a.kind == 'reply' else escape(a.note)}"
    return line


def _link(url: str) -> str:
    """A message's permalink as a Slack link (anything else, escaped text)."""
    return f"<{url.replace('&', '&amp;')}>" if _PERMALINK.fullmatch(url) else escape(url)


def when(at: datetime) -> str:
    """A timestamp Slack shows in each reader's own time zone."""
    epoch = int(at.timestamp())
    fallback = at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{epoch}^{{date_short_pretty}} {{time}}|{fallback}>"
