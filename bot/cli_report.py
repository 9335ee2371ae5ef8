"""`dealbot digest` over any period: --as-of/--window and --from/--to (with --print).

- `--as-of D --window N`: the N days before the start of day D, closes in [D - N days, D).
  --window alone ends at the start of today (UTC); --as-of alone takes the workspace's
  digest window.
- `--from A --to B`: both days included; --from alone runs to today, included.
Days are UTC days.
"""

import argparse
from datetime import date, datetime

from bot.common.errors import InvalidInput
from bot.reports import period as periods

FLAGS = ("as_of", "window", "since", "until")


class Refused(Exception):
    """Options that do not go together, or a value that does not parse: one line to print."""


def add_options(dig: argparse.ArgumentParser) -> None:
    """The period options of `dealbot digest`."""
    dig.add_argument("--as-of", metavar="YYYY-MM-DD", help="report on the days before this day")
    dig.add_argument("--window", type=int, metavar="DAYS", help="how many days (with --as-of)")
    dig.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="first day, included")
    dig.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="last day, included")


def wants_report(args: argparse.Namespace) -> bool:
    """Whether a period was asked for."""
    return any(getattr(args, f, None) is not None for f in FLAGS)


def refusal(args: argparse.Namespace) -> str | None:
    """Why these options do not go together, or None."""
    if wants_report(args) and not args.print:
        return "a report over a period is printed: add --print."
    if not args.print and not getattr(args, "channel", None):
        return "say which channel to post the digest in with --channel (or add --print)."
    if wants_report(args) and getattr(args, "channel", None):
        return "a report covers the whole workspace: leave out --channel."
    given = {f: getattr(args, f, None) is not None for f in FLAGS}
    if (given["as_of"] or given["window"]) and (given["since"] or given["until"]):
        return "give either --as-of/--window or --from/--to, not both."
    if given["until"] and not given["since"]:
        return "--to needs --from (the first day of the period)."
    return None


def _day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Refused(f"{flag} takes a day as YYYY-MM-DD, e.g. 2026-03-31, not {text!r}.") from None


def period(args: argparse.Namespace, now: datetime, default_days: int) -> periods.Period | None:
    """The period the options ask for (UTC days), or None for the digest as of now."""
    if not wants_report(args):
        return None
    today = now.date()
    try:
        if args.since is not None:
            first = _day(args.since, "--from")
            last = _day(args.until, "--to") if args.until is not None else today
            return periods.between(first, last)
        as_of = _day(args.as_of, "--as-of") if args.as_of is not None else today
        return periods.window(as_of, args.window if args.window is not None else default_days)
    except InvalidInput as e:
        if e.code == "report_backwards":
            raise Refused(f"--to {e.data['last']} is before --from {e.data['first']}.") from None
        raise Refused(f"--window takes 1 to {periods.MAX_DAYS} days.") from None
