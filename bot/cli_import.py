"""`dealbot import FILE.csv`: deals from a CRM export or a spreadsheet, into one workspace."""

import argparse
import sys
from pathlib import Path

from bot import settings as settings_mod
from bot.cli_slack import workspace_and_client
from bot.imports.fields import FIELD_HELP, FIELDS
from bot.imports.match import MappingError, pairs
from bot.imports.people import SlackRefused, decode, lookup_by_email
from bot.imports.service import Options, import_text
from bot.imports.words import blocked_text, dry_run_text, summary_text

EPILOG = (
    "fields (--map COLUMN=FIELD):\n"
    + "\n".join(f"  {f:<12} {FIELD_HELP[f]}" for f in FIELDS)
    + "\n\nHubSpot, Pipedrive and Salesforce deal exports and a file with the field names as"
    "\nheaders need no --map. Dates: YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY (or --date-format)."
    "\nA re-run changes only what the file changed; nothing posts to Slack."
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The import subcommand."""
    p = sub.add_parser(
        "import",
        help="import deals from a CSV file (HubSpot, Pipedrive, Salesforce or generic)",
        description="Import deals from a CSV file into one workspace, with their history.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="the CSV file (UTF-8; the first row names the columns)")
    p.add_argument("--team", help="workspace id (default: the bot token's, or the only one)")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help='a column of the file and the field it holds, e.g. "Opportunity Name=name"',
    )
    p.add_argument(
        "--map-file", metavar="F", help="COLUMN=FIELD lines (# comments); --map options win over it"
    )
    p.add_argument(
        "--stage",
        action="append",
        default=[],
        metavar='"X=Stage"',
        help="a stage of the file and the workspace stage (key or name) it is",
    )
    p.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar='"Name=U012AB"',
        help="a person of the file (name or email) and their Slack user id",
    )
    p.add_argument(
        "--default-owner",
        metavar="U…",
        help="owner of the rows whose person matches nobody (else they are listed)",
    )
    p.add_argument(
        "--date-format", metavar="FMT", help="strptime format of the file's dates, e.g. %%d/%%m/%%Y"
    )
    p.add_argument("--dry-run", action="store_true", help="write nothing; say what would happen")


def main(s: settings_mod.Settings, args: argparse.Namespace) -> int:
    """`dealbot import`: find the workspace and a Slack client for email look-ups; import."""
    team, client = workspace_and_client(s, args.team)
    if team is None:
        return 2
    try:
        return run(args, team, lookup_by_email(client) if client else None)
    except SlackRefused as e:
        print(
            f"dealbot: Slack refused to look people up by email ({e}); nothing was "
            'imported. Map people with --owner "NAME=U012AB3CD" instead.',
            file=sys.stderr,
        )
        return 2


def options(args: argparse.Namespace) -> Options:
    """The options, checked (MappingError names a bad one)."""
    mapping = {}
    if args.map_file:
        try:
            lines = Path(args.map_file).read_text(encoding="utf-8-sig").splitlines()
        except OSError as e:
            raise MappingError(
                f"cannot read the mapping file {args.map_file}: {e.strerror}"
            ) from None
        kept = [x.strip() for x in lines if x.strip() and not x.strip().startswith("#")]
        mapping = pairs(kept, "the mapping file line")
    mapping.update(pairs(args.map, "--map"))
    return Options(
        mapping=mapping,
        stages=pairs(args.stage, "--stage"),
        owners=pairs(args.owner, "--owner"),
        default_owner=args.default_owner,
        date_format=args.date_format,
    )


def read_file(name: str) -> str:
    """The file's text (UTF-8, or Windows-1252 as spreadsheets on Windows save it)."""
    return decode(Path(name).read_bytes())


def run(args: argparse.Namespace, team: str, lookup) -> int:
    """Import; 0 when every row went in, 1 when some were refused or nothing could be."""
    try:
        opts = options(args)
        text = read_file(args.file)
    except MappingError as e:
        print(f"dealbot: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"dealbot: cannot read {args.file}: {e.strerror}", file=sys.stderr)
        return 2
    with _progress() as bar:
        try:
            found, done = import_text(
                team, text, opts, lookup=lookup, dry_run=args.dry_run, progress=bar
            )
        except MappingError as e:
            print(f"dealbot: {e}", file=sys.stderr)
            return 2
    if found.blocked:
        print(blocked_text(found, looked_up=lookup is not None))
        return 1
    if done is None:
        print(dry_run_text(found))
        return 0
    print(summary_text(done))
    return 1 if done.refused else 0


class _progress:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""

    def __enter__(self):
        self.bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" rows", file=sys.stderr, leave=False)
        return self

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()
