"""/deal digest window: how many days the scheduled digest's metrics cover, per workspace."""

from bot.common.errors import InvalidInput
from bot.i18n import N_, _, n_
from bot.reports import window
from handlers.kit.context import Ctx, Reply
from handlers.reports.words import words
from storage.db import session_scope

USAGE = N_("Try `/deal digest window 30` (1 to 3660 days; the default is 90).")


def window_command(ctx: Ctx, rest: list[str]) -> Reply:
    """`/deal digest window` shows it; `/deal digest window 30` sets it for the workspace."""
    if not rest:
        with session_scope() as s:
            days = window.days(session=s, team_id=ctx.team_id)
        covers = n_(
            "The digest's metrics cover the last {n} day, in every channel.",
            "The digest's metrics cover the last {n} days, in every channel.",
            days,
        )
        return Reply(text=covers.format(n=days) + " " + _(USAGE))
    try:
        days = window.parse_days(" ".join(rest))
    except InvalidInput as e:
        return Reply(text=words(e))
    with session_scope() as s:
        before = window.set_days(session=s, team_id=ctx.team_id, actor=ctx.user_id, days=days)
    if before == days:
        return Reply(
            text=n_(
                "The digest's metrics already cover the last {n} day.",
                "The digest's metrics already cover the last {n} days.",
                days,
            ).format(n=days)
        )
    return Reply(
        text=n_(
            "From the next digest on, its metrics (win rate, deal size, cycle, conversion) "
            "cover the last {n} day (were {before}), in every channel of this workspace. "
            "`/deal report` shows any other period.",
            "From the next digest on, its metrics (win rate, deal size, cycle, conversion) "
            "cover the last {n} days (were {before}), in every channel of this workspace. "
            "`/deal report` shows any other period.",
            days,
        ).format(n=days, before=before)
    )
