"""`dealbot digest --channel C [--print]`: a digest now, from the command line."""

from sqlmodel import select

from bot.settings import Settings
from storage.db import session_scope
from storage.models import Workspace
from storage.types import utcnow


def digest_now(settings: Settings, *, channel: str, team: str | None, to_stdout: bool) -> int:
    """Print or post the channel's digest (its filters apply); 0 on success."""
    from bot.app import web_client
    from bot.digests import subscriptions as digests
    from handlers.digests import posting
    from handlers.digests.blocks import digest_text

    client = web_client(settings) if settings.bot_token else None
    team = team or (client.auth_test()["team_id"] if client else only_workspace())
    if team is None:
        print("dealbot: say which workspace with --team (this database has several, or none).")
        return 2
    with session_scope() as s:
        sub = digests.for_channel(session=s, team_id=team, channel=channel)
    d = posting.build(team, sub, utcnow())
    if to_stdout:
        print(digest_text(d))
        return 0
    ts = posting.post(client, channel, d)
    print(f"posted the digest in {channel} (ts {ts})")
    return 0


def only_workspace() -> str | None:
    """The workspace id when the database holds exactly one."""
    with session_scope() as s:
        teams = s.exec(select(Workspace.team_id).limit(2)).all()
    return teams[0] if len(teams) == 1 else None
