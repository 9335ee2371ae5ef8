"""The dealbot command line: demo, console, run, serve, digest, export, db, manifest, …"""

import argparse
import logging
import os
import sys

from bot import cli_db, cli_export, cli_import, cli_run
from bot import settings as settings_mod
from bot.i18n import LANGUAGES
from bot.runtime import logs
from bot.runtime.health import StartupError, check_database_at_start
from storage import db

log = logging.getLogger("dealbot")


def parser() -> argparse.ArgumentParser:
    """The argument parser."""
    p = argparse.ArgumentParser(prog="dealbot", description="Your sales pipeline, in Slack.")
    sub = p.add_subparsers(dest="cmd", required=True)
    demo = sub.add_parser("demo", help="a scripted tour on a throwaway database, no Slack needed")
    demo.add_argument("--language", choices=LANGUAGES, default="en",
                      help="the people's Slack language and the channels' (default: en)")
    sub.add_parser("console", help="try dealbot interactively against a local Slack stand-in")
    run = sub.add_parser("run", help="connect to Slack over Socket Mode")
    serve = sub.add_parser("serve", help="serve Slack's HTTP requests at POST /slack/events")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    serve.add_argument("--threads", type=int, default=8)
    cli_run.add_options(serve, run)
    dig = sub.add_parser("digest", help="post (or --print) a channel's digest now")
    dig.add_argument("--channel", help="channel id, e.g. C0123456789 (to post; --print without "
                     "it prints the workspace's digest)")
    dig.add_argument("--print", action="store_true", help="print it instead of posting")
    dig.add_argument("--team", help="workspace id (default: the bot token's, or the only one)")
    from bot import cli_report

    cli_report.add_options(dig)
    cli_export.add_parser(sub)
    cli_import.add_parser(sub)
    cli_db.add_parsers(sub)
    return p


def start(mode: str, *, migrate: bool = True, check_slack: bool = False) -> settings_mod.Settings:
    """Load settings for the mode, set up logging and the database; check that the database
    (and, for run and serve, Slack) answers; migrate under the lock, or check the schema is
    current when not migrating. A problem raises SettingsError or StartupError (one line)."""
    s = settings_mod.load(mode)
    logs.setup(s)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    db.configure(s.database_url)
    check_database_at_start()
    if check_slack:
        cli_run.check_slack(s, mode)
    if migrate:
        cli_db.upgrade_at_start()
    elif mode != "db":
        cli_db.require_current_schema()
    return s


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `dealbot` console script."""
    args = parser().parse_args(argv)
    if args.cmd == "manifest":
        return cli_db.run_manifest(args.url)
    if args.cmd == "env-example":
        return cli_db.run_env_example()
    try:
        return _main(args)
    except (settings_mod.SettingsError, StartupError) as e:
        print(f"dealbot: {e}", file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    if args.cmd == "demo":
        from bot.local.demo import run_demo

        return run_demo(language=args.language)
    if args.cmd == "console":
        from bot.local.console import run_console

        return run_console()
    if args.cmd == "digest":
        from bot import cli_report

        refused = cli_report.refusal(args)
        if refused:
            print(f"dealbot: {refused}")
            return 2
    mode = "db" if args.cmd == "digest" and args.print else args.cmd
    serving = args.cmd in ("run", "serve")
    migrate = args.cmd != "db" and not (serving and args.no_migrate)
    s = start(mode, migrate=migrate, check_slack=serving)
    if args.cmd == "db":
        return cli_db.run_db(args)
    if args.cmd == "export":
        return cli_export.run(s, args)
    if args.cmd == "import":
        return cli_import.main(s, args)
    if args.cmd == "digest":
        return digest(s, channel=args.channel, team=args.team, to_stdout=args.print, args=args)
    if args.cmd == "run":
        return cli_run.run(s, args)
    return cli_run.serve(s, args)


def digest(
    s: settings_mod.Settings,
    *,
    channel: str | None,
    team: str | None,
    to_stdout: bool,
    args: argparse.Namespace | None = None,
) -> int:
    """`dealbot digest`: print or post the channel's digest now (its filters apply), or print
    a report over a period (bot/cli_report.py); 0 if done."""
    from bot import cli_report
    from bot.app import web_client
    from bot.digests.subscriptions import only_workspace
    from handlers.digests import posting

    args = args or argparse.Namespace(channel=channel, print=to_stdout)
    client = web_client(s) if s.bot_token else None
    if not team and client is not None:
        team = client.auth_test()["team_id"]
    elif not team:
        with db.session_scope() as session:
            team = only_workspace(session=session)
    if team is None:
        print("dealbot: say which workspace with --team (this database has several, or none).")
        return 2
    if to_stdout:
        from handlers.reports.cli import printed

        try:
            print(printed(team, channel, args))
        except cli_report.Refused as e:
            print(f"dealbot: {e}")
            return 2
        return 0
    if client is None:  # OAuth distribution: the workspace's own token, from its install
        from bot.app import team_clients
        from bot.runtime.oauth import NotInstalled

        try:
            client = team_clients(s)(team)
        except NotInstalled:
            print(f"dealbot: dealbot is not installed in workspace {team}; install it first.")
            return 2
    ts = posting.post_now(client, team, channel)
    print(f"posted the digest in {channel} (ts {ts})")
    return 0
