"""`dealbot digest --print`: the digest now, or a report over a period, as terminal text."""

import argparse

from bot import cli_report
from bot.digests import subscriptions as digests
from bot.reports import window
from bot.reports.period import Period
from bot.reports.report import build_report
from handlers.digests.blocks import digest_text
from handlers.reports.blocks import report_text, terminal
from storage.db import session_scope
from storage.types import utcnow


def printed(team: str, channel: str | None, args: argparse.Namespace) -> str:
    """What to print: the channel's digest (its filters apply), the workspace's without a
    channel, or the workspace's report over the period the options give. Raises Refused."""
    now = utcnow()
    with session_scope() as s:
        if not window.known(session=s, team_id=team):
            raise cli_report.Refused(f"this database has no workspace {team}.")
        days = window.days(session=s, team_id=team)
    span = cli_report.period(args, now, days)
    if span is not None:
        return report_for(team, span)
    with session_scope() as s:
        sub = None
        if channel is not None:
            sub = digests.for_channel(session=s, team_id=team, channel=channel)
            if sub is None:
                raise cli_report.Refused(
                    f"channel {channel} has no digest in workspace {team}; "
                    "set one up there with `/deal digest daily 09:00`."
                )
        d = digests.digest_for(session=s, team_id=team, sub=sub, now=now)
    return terminal(digest_text(d))


def report_for(team: str, span: Period) -> str:
    """The workspace's report over the period as terminal text (for the demo, say)."""
    with session_scope() as s:
        return terminal(report_text(build_report(session=s, team_id=team, period=span), True))
