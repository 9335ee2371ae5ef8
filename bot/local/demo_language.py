"""`dealbot demo --language fi`: the tour's people and channels in one language.

Every person of the stand-in's workspaces gets that Slack locale (users.info `locale`), so
what only they see is in it; the first step sets the workspace default and #sales's language,
so cards, thread lines and digests are in it too. The narration stays English.
"""

from collections.abc import Callable

from bot.i18n import LANGUAGES, SOURCE
from bot.local.standin import Driver, SlackStandIn

Step = tuple[str, Callable[[Driver, SlackStandIn], object]]
LOCALES = {"en": "en-US", "fi": "fi-FI", "fr": "fr-FR", "ro": "ro-RO"}
assert set(LOCALES) == set(LANGUAGES)


def speak_in(ws: SlackStandIn, lang: str) -> None:
    """Every person of the workspace has `lang` as their Slack language."""
    with ws.lock:
        for user in ws.users.values():
            if not user.get("is_bot"):
                user["locale"] = LOCALES[lang]


def language_steps(lang: str) -> list[Step]:
    """The admin sets the workspace default, a seller #sales's language, then looks."""
    if lang == SOURCE:
        return []
    return [
        (f"@ann (an admin) types  /deal language default {lang}  (channels that set none)",
         lambda d, s: d.slash(f"language default {lang}")),
        (f"@bob types  /deal language {lang}  in #sales",
         lambda d, s: d.slash(f"language {lang}", user="U0BOB")),
        ("@cat types  /deal language", lambda d, s: d.slash("language", user="U0CAT")),
    ]


def second_workspace_steps(lang: str) -> list[tuple[str, str]]:
    """What bob of the second workspace types first there: its default language."""
    return [] if lang == SOURCE else [(f"types  /deal language default {lang}",
                                       f"language default {lang}")]
