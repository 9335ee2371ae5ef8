"""The command line's maintenance commands: db, manifest, env-example."""

import argparse
import logging
import sys
from pathlib import Path

import yaml

from bot import manifest
from bot.runtime.health import StartupError
from storage import db

# The wheel carries a copy beside this module; a checkout reads the one at its root.
_ENV_EXAMPLE = (Path(__file__).with_name("env.example"), Path(__file__).parents[1] / ".env.example")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """The db, manifest and env-example subcommands."""
    dbp = sub.add_parser("db", help="database schema: upgrade, current, history, downgrade REV")
    actions = dbp.add_subparsers(dest="action", required=True)
    actions.add_parser("upgrade", help="bring the schema to this version's newest revision")
    actions.add_parser("current", help="print the revision the database is at")
    history = actions.add_parser("history", help="list every revision, newest first")
    history.add_argument("-v", "--verbose", action="store_true")
    down = actions.add_parser("downgrade", help="take the schema back to REV (see history)")
    down.add_argument("revision", help="a revision from 'dealbot db history', or -1")
    man = sub.add_parser("manifest", help="print the Slack app manifest (for api.slack.com/apps)")
    man.add_argument(
        "--url", help="your server, e.g. https://dealbot.example.com: HTTP mode with its URLs"
    )
    sub.add_parser("env-example", help="print the commented settings file (.env.example)")


def run_db(args: argparse.Namespace) -> int:
    """dealbot db ACTION (the database is configured; no migration ran); Alembic's refusals
    (an unknown revision, say) are one line and exit code 2."""
    from alembic.util import CommandError

    try:
        return _db(args)
    except CommandError as e:
        print(f"dealbot: db {args.action}: {e}", file=sys.stderr)
        return 2


def _db(args: argparse.Namespace) -> int:
    if args.action == "upgrade":
        before, after = db.upgrade()
        if before == after:
            print(f"database is up to date (revision {after})")
        else:
            print(f"database upgraded from revision {before or 'none'} to {after}")
        return 0
    if args.action == "current":
        if db.current_revision() is None:
            print("none: the database has no schema yet ('dealbot db upgrade' makes it)")
        else:
            db.alembic_command("current")
        return 0
    if args.action == "history":
        db.alembic_command("history", verbose=args.verbose)
        return 0
    db.downgrade(args.revision)
    print(f"database downgraded to revision {db.current_revision() or 'none (empty)'}")
    return 0


def run_manifest(url: str | None) -> int:
    """dealbot manifest [--url https://host]."""
    if url is None:
        sys.stdout.write(manifest.path().read_text(encoding="utf-8"))
        return 0
    try:
        filled = manifest.for_url(url)
    except ValueError as e:
        print(f"dealbot: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(yaml.safe_dump(filled, sort_keys=False, allow_unicode=True, width=100))
    return 0


def run_env_example() -> int:
    """dealbot env-example: the settings file to copy to .env."""
    for place in _ENV_EXAMPLE:
        if place.is_file():
            sys.stdout.write(place.read_text(encoding="utf-8"))
            return 0
    print("dealbot: .env.example is missing from this installation", file=sys.stderr)
    return 1


def upgrade_at_start() -> None:
    """Migrate on start (under the lock); a schema newer than this code is one line."""
    from alembic.util import CommandError

    try:
        db.upgrade()
    except CommandError as e:
        raise StartupError(
            f"cannot bring the database schema up to date ({e}); is it from a newer "
            "dealbot? Run that version's 'dealbot db downgrade', or start with --no-migrate."
        ) from None


def require_current_schema() -> None:
    """For --no-migrate: the schema must be this version's newest (StartupError if older)."""
    current, head = db.current_revision(), db.head_revision()
    if current == head:
        return
    if current is None or current in db.revisions():
        raise StartupError(
            f"the database schema is at revision {current or 'none (empty)'} and this dealbot "
            f"needs {head}; run 'dealbot db upgrade' first, or start without --no-migrate."
        )
    logging.getLogger("dealbot").warning(
        "the database schema is at revision %s, newer than this dealbot knows (%s)",
        current,
        head,
    )
