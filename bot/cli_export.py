"""`dealbot export [--team T] [--all]`: every deal as CSV on stdout; anything else on stderr."""

import argparse
import logging
import sys
from typing import TextIO

from bot import settings as settings_mod
from bot.cli_slack import workspace_and_client
from bot.exports import csv_file, names, rows
from storage import db
from storage import export_queries as q

log = logging.getLogger("dealbot.export")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The export subcommand."""
    p = sub.add_parser(
        "export",
        help="write every deal as CSV to stdout (it re-imports with dealbot import)",
        description="Write the workspace's deals as CSV to stdout: one row a deal, its current "
        "fields, owner id and name, company, contacts, dates, outcome and lost reason. "
        "Archived deals are left out unless --all. Redirect it: dealbot export > deals.csv",
    )
    p.add_argument("--team", help="workspace id (default: the bot token's, or the only one)")
    p.add_argument("--all", action="store_true", help="include archived deals")


def run(s: settings_mod.Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write the export to `out` (stdout); 0 when written, 2 when the workspace is unclear."""
    out = out or sys.stdout
    team, client = workspace_and_client(s, args.team)
    if team is None:
        return 2
    with db.read_scope() as session:
        if not q.has_workspace(session=session, team_id=team):
            print(f"dealbot: workspace {team} has no deals in this database.", file=sys.stderr)
            return 2
        found = rows.export_rows(session=session, team_id=team, archived=args.all)
    if client is None:
        log.warning("no Slack token: the owner column has ids, not names")
    people = names.names_of(rows.owner_ids(found), names.users_info(client) if client else None)
    count = csv_file.write_csv(found, out, people)
    out.flush()
    print(
        f"exported {count} deals of workspace {team}" + (" (archived too)" if args.all else ""),
        file=sys.stderr,
    )
    return 0
