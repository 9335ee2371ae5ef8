"""Which language a reader gets (the rules; asking Slack is the Slack layer's part).

- What one person alone sees (ephemeral replies, forms, Home, DMs): their Slack locale
  (users.info `locale`, "fi-FI") when dealbot speaks it; otherwise the channel's language.
- What a channel sees (cards, thread lines, digests): the channel's setting
  (`ChannelLanguage`), else the workspace default (`Workspace.language`), else English.
The language only words what is shown: stored data never changes with it.
"""

import unicodedata
from dataclasses import dataclass

from sqlmodel import Session

from bot.i18n import LANGUAGES, SOURCE
from bot.workspaces.service import ensure_workspace
from storage import language_queries as lq

# What a person may type for a language: its code, its own name and its name in the others.
_NAMES = {
    "en": ("english", "englanti", "anglais", "engleza", "engleză"),
    "fi": ("suomi", "finnish", "finnois", "finlandeza", "finlandeză"),
    "fr": ("francais", "français", "french", "ranska", "franceza", "franceză"),
    "ro": ("romana", "română", "romanian", "romania", "roumain"),
}


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


ALIASES = {_fold(name): code for code, names in _NAMES.items() for name in (code, *names)}


def from_locale(locale: object) -> str | None:
    """The language of a Slack locale ("fi-FI" gives "fi"), None when dealbot lacks it."""
    if not isinstance(locale, str) or not locale:
        return None
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def known(word: str) -> str | None:
    """The language a person named (`fi`, `suomi`, `Finnish`, `fi-FI`), or None."""
    return ALIASES.get(_fold(word)) or from_locale(word.strip())


def channel_language(*, session: Session, team_id: str, channel_id: str | None) -> str:
    """What the channel reads: its own setting, else the workspace default, else English."""
    chosen, default = lq.spoken(session=session, team_id=team_id, channel_id=channel_id)
    for lang in (chosen, default):
        if lang in LANGUAGES:
            return lang
    return SOURCE


@dataclass(frozen=True)
class Settings:
    """A channel's setting and the workspace default, with who set each."""

    channel: str | None
    channel_set_by: str | None
    default: str | None
    default_set_by: str | None

    @property
    def spoken(self) -> str:
        """What the channel reads."""
        return self.channel or self.default or SOURCE


def settings(*, session: Session, team_id: str, channel_id: str | None) -> Settings:
    """The channel's setting and the workspace default."""
    ws = ensure_workspace(session=session, team_id=team_id)
    row = channel_id and lq.channel(session=session, team_id=team_id, channel_id=channel_id)
    return Settings(row.language if row else None, row.set_by if row else None,
                    ws.language, ws.language_set_by)


def set_channel(
    *, session: Session, team_id: str, channel_id: str, language: str | None, actor: str
) -> str | None:
    """Set a channel's language (None: back to the workspace default); the one it had."""
    ensure_workspace(session=session, team_id=team_id)
    row = lq.channel(session=session, team_id=team_id, channel_id=channel_id)
    before = row.language if row else None
    lq.set_channel(session=session, team_id=team_id, channel_id=channel_id, language=language,
                   actor=actor)
    return before


def set_default(*, session: Session, team_id: str, language: str, actor: str) -> str | None:
    """Set the workspace default (the admin check is the caller's); the one it had."""
    ws = ensure_workspace(session=session, team_id=team_id)
    before = ws.language
    ws.language = language
    ws.language_set_by = actor
    session.add(ws)
    return before
