"""/deal report: the metrics over a period, per owner and per stage, shown to the caller only."""

from bot.common.errors import DomainError
from bot.i18n import _
from bot.reports import period as periods
from bot.reports import window
from bot.reports.report import build_report
from handlers.kit.context import Ctx, Reply, quick
from handlers.reports.blocks import period_line, report_blocks
from handlers.reports.words import EXAMPLES, words
from storage.db import session_scope
from storage.types import utcnow


def caller_zone(ctx: Ctx) -> str:
    """The caller's Slack time zone, for the days of a period; UTC when Slack does not say."""
    try:
        tz = (quick(ctx.client).users_info(user=ctx.user_id).get("user") or {}).get("tz")
        return periods.zone(tz or "UTC")
    except Exception:  # a slow or refusing users.info must not cost the report
        return "UTC"


def report_command(ctx: Ctx, rest: str) -> Reply:
    """`/deal report [30|90|365|quarter|YYYY-MM-DD..YYYY-MM-DD]`, ephemeral."""
    word = rest.strip()
    if word.lower() in ("help", "?"):
        return Reply(text=_("Try {examples}.").format(examples=_(EXAMPLES)))
    tz = caller_zone(ctx)
    try:
        with session_scope() as s:
            default = window.days(session=s, team_id=ctx.team_id)
            period = periods.parse(word, utcnow(), tz, default)
            r = build_report(session=s, team_id=ctx.team_id, period=period)
    except DomainError as e:
        return Reply(text=words(e))
    return Reply(
        text=_("Pipeline report · {period}").format(period=period_line(period)),
        blocks=report_blocks(r),
    )
