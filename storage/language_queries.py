"""Queries for the languages dealbot speaks: a channel's (`/deal language fi`), the default."""

from sqlmodel import Session, select

from storage.models import ChannelLanguage, Workspace
from storage.types import utcnow


def spoken(*, session: Session, team_id: str, channel_id: str | None) -> tuple[str | None, ...]:
    """(the channel's language, the workspace default), either None when unset; one query."""
    q = select(Workspace.language).where(Workspace.team_id == team_id)
    if channel_id:
        chosen = (
            select(ChannelLanguage.language)
            .where(ChannelLanguage.team_id == team_id, ChannelLanguage.channel_id == channel_id)
            .scalar_subquery()
        )
        q = select(chosen, Workspace.language).where(Workspace.team_id == team_id)
        row = session.exec(q).first()
        return (row[0], row[1]) if row is not None else (None, None)
    return None, session.exec(q).first()


def channel(*, session: Session, team_id: str, channel_id: str) -> ChannelLanguage | None:
    """A channel's setting, if it has one."""
    return session.get(ChannelLanguage, (team_id, channel_id))


def set_channel(
    *, session: Session, team_id: str, channel_id: str, language: str | None, actor: str
) -> None:
    """Set a channel's language (None: it follows the workspace default again)."""
    found = channel(session=session, team_id=team_id, channel_id=channel_id)
    if language is None:
        if found is not None:
            session.delete(found)
        return
    if found is None:
        found = ChannelLanguage(team_id=team_id, channel_id=channel_id, language=language,
                                set_by=actor)
    else:
        found.language, found.set_by, found.set_at = language, actor, utcnow()
    session.add(found)
