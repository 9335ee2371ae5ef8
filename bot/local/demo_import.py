"""The demo's import: a small CSV shipped with dealbot, imported as `dealbot import` does,
then the period's report in Slack.

`dealbot demo` runs these steps after its tour (see bot/local/demo.py).
"""

from collections.abc import Callable
from pathlib import Path

from slack_sdk import WebClient

from bot.cli_import import lookup_by_email
from bot.imports.service import import_text
from bot.imports.words import blocked_text, summary_text
from bot.local.standin import Driver, SlackStandIn

Step = tuple[str, Callable[[Driver, SlackStandIn], object]]
CSV = Path(__file__).with_name("demo_deals.csv")  # in the wheel: bot/local/demo_deals.csv
PERIOD = "2026-07-01..2026-10-31"  # the file's deals were created and closed in it


def import_demo_csv(s: SlackStandIn) -> str:
    """Import the demo CSV into the stand-in's workspace, owners found by email through
    Slack with the installed bot token; what `dealbot import` would print."""
    issued = sorted(s.directory.tokens_of(s.team_id))  # OAuth: the install's; else any xoxb-
    token = issued[-1] if issued else "xoxb-local-stand-in"
    client = WebClient(token=token, base_url=s.api_url)
    found, done = import_text(
        s.team_id, CSV.read_text(encoding="utf-8"), lookup=lookup_by_email(client)
    )
    return blocked_text(found) if done is None else summary_text(done)


def import_steps(out: Callable[[str], None], settle: Callable[[], object]) -> list[Step]:
    """Import last quarter's deals from a CSV, then ask for that period's report."""

    def run_import(d: Driver, s: SlackStandIn) -> None:
        out(import_demo_csv(s) + "\n")
        settle()

    return [
        (
            f"The sales manager runs  dealbot import {CSV.name}  (8 deals from another CRM; "
            "owners found by email; no cards are posted)",
            run_import,
        ),
        (
            f"@ann types  /deal report {PERIOD}",
            lambda d, s: (d.slash(f"report {PERIOD}"), settle()),
        ),
    ]
