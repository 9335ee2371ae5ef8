"""/deal language: which language a channel reads, the workspace default, the choices.

`/deal language fi` in a channel sets what the channel reads (cards, thread lines, digests);
anyone in the channel may (they are its readers: Slack runs the command only where the
person is), and who did is shown. `/deal language default fr` sets the workspace default,
for channels that set none (admins). What only you see follows your Slack language.
"""

from bot.i18n import NAMES, SOURCE, _, language
from bot.i18n import choice as languages
from bot.teams.access import require_admin
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from handlers.languages.choosing import CHANNELS
from storage.db import session_scope

CLEAR_WORDS = ("clear", "off", "reset", "none")


def named(lang: str) -> str:
    """`suomi (fi)`: a language by its own name, with its code."""
    return f"*{NAMES[lang]}* (`{lang}`)"


def choices() -> str:
    """The languages dealbot speaks, by their own names."""
    return " · ".join(named(lang) for lang in NAMES)


def _usage() -> str:
    return _(
        "`/deal language fi` sets what this channel reads (cards, thread lines, digests); "
        "`/deal language clear` makes it follow the workspace default; "
        "`/deal language default fr` sets the workspace default (admins). "
        "I speak {choices}."
    ).format(choices=choices())


def _in_dm(ctx: Ctx) -> bool:
    return (ctx.channel_id or "").startswith("D") or ctx.channel_name == "directmessage"


def _unknown(word: str) -> Reply:
    return Reply(
        text=_("`{word}` is not a language I speak. I speak {choices}.").format(
            word=fmt.echo(word), choices=choices()
        )
    )


def show(ctx: Ctx) -> Reply:
    """`/deal language`: the channel's, the workspace default, yours, and the choices."""
    with session_scope() as s:
        found = languages.settings(session=s, team_id=ctx.team_id, channel_id=ctx.channel_id)
    default = found.default or SOURCE
    lines = []
    if _in_dm(ctx):
        pass
    elif found.channel and found.channel_set_by:
        lines.append(_("This channel reads me in {lang}, set by {user}.").format(
            lang=named(found.channel), user=fmt.user(found.channel_set_by)))
    else:
        lines.append(_("This channel reads me in {lang}, the workspace default.").format(
            lang=named(default)))
    if found.default_set_by:
        lines.append(_("The workspace default is {lang}, set by {user}.").format(
            lang=named(default), user=fmt.user(found.default_set_by)))
    else:
        lines.append(_("The workspace default is {lang}.").format(lang=named(default)))
    lines.append(_("What only you see (replies like this one, forms, Home, DMs) follows your "
                   "Slack language, or this channel's when I don't speak yours: {lang}.").format(
        lang=named(language())))
    lines.append(_usage())
    return Reply(text="\n".join(lines))


def set_channel(ctx: Ctx, lang: str | None) -> Reply:
    """`/deal language fi` (or `clear`) in a channel."""
    if _in_dm(ctx):
        return Reply(text=_(
            "Here, in our DM, I speak your Slack language. Run `/deal language {lang}` in a "
            "channel to set what that channel reads."
        ).format(lang=lang or "fi"))
    with session_scope() as s:
        before = languages.set_channel(session=s, team_id=ctx.team_id,
                                       channel_id=ctx.channel_id, language=lang,
                                       actor=ctx.user_id)
        now = languages.settings(session=s, team_id=ctx.team_id, channel_id=ctx.channel_id)
    CHANNELS.forget(ctx.team_id)
    if lang is None:
        return Reply(text=_("This channel now follows the workspace default, {lang}.").format(
            lang=named(now.spoken)))
    if before == lang:
        return Reply(text=_("This channel already reads me in {lang}.").format(lang=named(lang)))
    return Reply(text=_(
        "This channel now reads me in {lang}: new cards, thread lines and digests here "
        "(a card already posted changes at its next update). Stored deals stay as they are."
    ).format(lang=named(lang)))


def set_default(ctx: Ctx, words: list[str]) -> Reply:
    """`/deal language default fr` (admins); `/deal language default` shows it."""
    if not words:
        return show(ctx)
    lang = languages.known(" ".join(words))
    if lang is None:
        return _unknown(" ".join(words))
    with session_scope() as s:
        require_admin(session=s, team_id=ctx.team_id, user_id=ctx.user_id, action="language")
        before = languages.set_default(session=s, team_id=ctx.team_id, language=lang,
                                       actor=ctx.user_id)
    CHANNELS.forget(ctx.team_id)
    if (before or SOURCE) == lang:
        return Reply(text=_("The workspace default is already {lang}.").format(lang=named(lang)))
    return Reply(text=_(
        "The workspace default is now {lang} (was {before}): channels that set no language "
        "read me in it."
    ).format(lang=named(lang), before=named(before or SOURCE)))


def language_command(ctx: Ctx, rest: str) -> Reply:
    """`/deal language` shows; `… fi` sets this channel's; `… default fr` the workspace's."""
    words = rest.split()
    if not words:
        return show(ctx)
    if words[0].lower() == "default":
        return set_default(ctx, words[1:])
    if len(words) == 1 and words[0].lower() in CLEAR_WORDS:
        return set_channel(ctx, None)
    lang = languages.known(" ".join(words))
    if lang is None:
        return _unknown(" ".join(words))
    return set_channel(ctx, lang)

