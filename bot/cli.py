"""The dealbot command line: demo, console, run, serve, digest, db upgrade."""

import argparse
import logging
import os
import sys

from bot import settings as settings_mod
from storage import db

log = logging.getLogger("dealbot")


def parser() -> argparse.ArgumentParser:
    """The argument parser."""
    p = argparse.ArgumentParser(prog="dealbot", description="Your sales pipeline, in Slack.")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("demo", help="a scripted tour on a throwaway database, no Slack needed")
    sub.add_parser("console", help="try dealbot interactively against a local Slack stand-in")
    sub.add_parser("run", help="connect to Slack over Socket Mode")
    serve = sub.add_parser("serve", help="serve Slack's HTTP requests at POST /slack/events")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    serve.add_argument("--threads", type=int, default=8)
    dig = sub.add_parser("digest", help="post (or --print) a channel's digest now")
    dig.add_argument("--channel", required=True, help="channel id, e.g. C0123456789")
    dig.add_argument("--print", action="store_true", help="print it instead of posting")
    dig.add_argument("--team", help="workspace id (default: the bot token's, or the only one)")
    dbp = sub.add_parser("db", help="database maintenance")
    dbp.add_argument("action", choices=["upgrade"])
    return p


def start(mode: str) -> settings_mod.Settings:
    """Load settings for the mode, set up logging and the database."""
    s = settings_mod.load(mode)
    logging.basicConfig(level=s.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    db.configure(s.database_url)
    db.upgrade()
    return s


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `dealbot` console script."""
    args = parser().parse_args(argv)
    try:
        if args.cmd == "demo":
            from bot.local.demo import run_demo

            return run_demo()
        if args.cmd == "console":
            from bot.local.console import run_console

            return run_console()
        mode = "db" if args.cmd == "digest" and args.print else args.cmd
        s = start(mode)
    except settings_mod.SettingsError as e:
        print(f"dealbot: {e}", file=sys.stderr)
        return 2
    if args.cmd == "db":
        print("database is up to date")
        return 0
    if args.cmd == "digest":
        return digest(s, channel=args.channel, team=args.team, to_stdout=args.print)
    from bot.app import build_app, start_clock

    if args.cmd == "run":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        app = build_app(s, socket_mode=True)
        start_clock(app, s.tick_seconds)
        SocketModeHandler(app, s.app_token).start()
        return 0
    from bot.runtime.web import serve

    log.info("dealbot serving on http://%s:%s/slack/events", args.host, args.port)
    app = build_app(s)
    start_clock(app, s.tick_seconds)
    serve(app, s.signing_secret, args.host, args.port, threads=args.threads)
    return 0


def digest(s: settings_mod.Settings, *, channel: str, team: str | None, to_stdout: bool) -> int:
    """`dealbot digest`: print or post the channel's digest now (its filters apply); 0 if done."""
    from bot.app import web_client
    from bot.digests.subscriptions import only_workspace
    from handlers.digests import posting

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
        print(posting.text_now(team, channel))
        return 0
    ts = posting.post_now(client, team, channel)
    print(f"posted the digest in {channel} (ts {ts})")
    return 0
