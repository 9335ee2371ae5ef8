"""Who may do what: admins set up the pipeline and name managers; a deal is changed by its
owner, its collaborators, the owner's manager and admins (or by everyone, when open).

Admins are Slack's workspace admins and owners, whoever installed dealbot, and whoever an
admin named (`member.role`). Slack's answer comes from the Slack layer through
`ask_slack`, once per person per request (never stored); without a request (the clock, the
command line) nobody is a Slack admin. Every change to a deal records an activity, and
`bot.deals.history.record` asks `require_change` before it does: the one check. The
change's entry points also ask before they touch the deal (`bot.deals.service.get_to_change`),
so a refusal comes before anything else is said and is judged on the deal as it was.

Slack is never asked while a unit of work is open where the request can ask first
(`asking_first`, around a command's or a button's work): the check then stops the unit
(`SlackMustSay`, rolled back like any failure), Slack is asked with no transaction open,
and the work runs again with the answer known. An open unit would hold SQLite's one
writer's turn, or PostgreSQL's locks on the rows it changed, for as long as Slack takes.
"""

import threading
from collections.abc import Callable
from contextvars import ContextVar, Token
from typing import TypeVar

from sqlmodel import Session

from bot.common.errors import NotAllowed
from storage import db, queries, team_queries
from storage.models import Deal

SlackAdmin = Callable[[str], bool]  # user id -> whether Slack calls them an admin or owner
_SLACK_ADMIN: ContextVar[SlackAdmin | None] = ContextVar("slack_admin", default=None)

# Kinds of activity open to every member whatever the workspace's setting: a note is like
# a reply in the deal's thread, contacts belong to the account, not to one deal's owner.
OPEN_KINDS = frozenset({"created", "note", "reply", "contact", "contact_edited", "contact_removed"})
ROLES = ("admin", "manager", "seller")


def ask_slack(lookup: SlackAdmin | None) -> Token:
    """For this request: how to ask Slack whether someone is an admin (handlers set it)."""
    return _SLACK_ADMIN.set(lookup)


def stop_asking(token: Token) -> None:
    """The request is over."""
    _SLACK_ADMIN.reset(token)


class _Asking:
    """Work that asks Slack first (asking_first): the thread it runs on, and whether one of
    its units of work committed (work run again would do that unit twice, so from then on
    Slack is asked in place). One object, shared by every copy of the context."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.committed = False


_ASKING: ContextVar[_Asking | None] = ContextVar("asking_first", default=None)
RETRIES = 3  # people one piece of work may need Slack's word on before it asks in place
T = TypeVar("T")


class SlackMustSay(BaseException):
    """Slack must say whether `user_id` is an admin before the work can go on. A
    BaseException, so that no `except Exception` on the way takes it for a failure; the unit
    of work it leaves is rolled back (storage/db.py) and asking_first catches it."""

    def __init__(self, user_id: str) -> None:
        super().__init__(user_id)
        self.user_id = user_id


def asking_first(work: Callable[[], T]) -> T:
    """Run a request's work (its units of work, nothing sent to Slack before them); when a
    check needs Slack's word on someone, ask Slack with no unit open and run it again.
    Inside work that asks first already, it is that work's turn: `work` just runs."""
    lookup = _SLACK_ADMIN.get()
    if lookup is None or _ASKING.get() is not None:
        return work()
    state = _Asking()
    for _ in range(RETRIES):
        token = _ASKING.set(state)
        try:
            return work()
        except SlackMustSay as must:
            asked = must.user_id
        finally:
            _ASKING.reset(token)
        lookup(asked)  # no unit open now; the lookup remembers it for this request
    return work()  # Slack is asked in place from here on


def _committed(_session) -> None:
    """A commit hook: the work asking first on this context asks in place from now on."""
    state = _ASKING.get()
    if state is not None:
        state.committed = True


db.add_commit_hooks(after=_committed)


def _slack_says_admin(user_id: str) -> bool:
    lookup = _SLACK_ADMIN.get()
    if lookup is None:
        return False
    knows = getattr(lookup, "knows", None)  # a lookup without it answers from memory
    state = _ASKING.get()
    first = state is not None and not state.committed and state.thread == threading.get_ident()
    if first and knows and not knows(user_id):
        raise SlackMustSay(user_id)
    return bool(lookup(user_id))


def role_of(session: Session, team_id: str, user_id: str) -> str:
    """The role a row gives the person: admin, manager or (no row) seller."""
    row = team_queries.member(session=session, team_id=team_id, user_id=user_id)
    return row.role if row else "seller"


def is_admin(session: Session, team_id: str, user_id: str) -> bool:
    """Named admin, installer, or Slack admin/owner; remembered for this unit of work."""
    cache = session.info.setdefault("is_admin", {})
    key = (team_id, user_id)
    if key not in cache:
        cache[key] = (
            role_of(session, team_id, user_id) == "admin"
            or user_id in team_queries.installer_ids(session=session, team_id=team_id)
            or _slack_says_admin(user_id)
        )
    return cache[key]


def is_manager(session: Session, team_id: str, user_id: str) -> bool:
    """Whether the person was made a manager (admins may do what managers do)."""
    return role_of(session, team_id, user_id) == "manager"


def known_admins(session: Session, team_id: str) -> list[str]:
    """The admins dealbot knows without asking Slack: installers, then those named."""
    found = team_queries.installer_ids(session=session, team_id=team_id)
    for uid in team_queries.ids_with_role(session=session, team_id=team_id, role="admin"):
        if uid not in found:
            found.append(uid)
    return found


def require_admin(*, session: Session, team_id: str, user_id: str, action: str) -> None:
    """Refuse a workspace setting (`action`: e.g. "currency", "stages") to a non-admin,
    saying who can."""
    if not is_admin(session, team_id, user_id):
        raise NotAllowed(
            "admin_only",
            action=action,
            admins=known_admins(session, team_id),
            installers=team_queries.installer_ids(session=session, team_id=team_id),
        )


def may_change(session: Session, deal: Deal, user_id: str) -> bool:
    """Whether the person may change the deal (see the module's docstring)."""
    if user_id == deal.owner_id:
        return True
    if team_queries.open_editing(session=session, team_id=deal.team_id):
        return True
    if user_id in queries.collaborators(session=session, team_id=deal.team_id, deal_id=deal.id):
        return True
    if team_queries.manager_of(session, deal.team_id, deal.owner_id) == user_id:
        return True
    return is_admin(session, deal.team_id, user_id)


def require_change(session: Session, deal: Deal, user_id: str, kind: str) -> None:
    """Refuse a change of `kind` (an activity kind: moved, won, value, ...) to someone who
    may not change the deal, naming who can. Once allowed, the rest of this unit of work's
    changes to the deal by the same person are too."""
    if kind in OPEN_KINDS:
        return
    granted = session.info.setdefault("may_change", set())
    if (deal.id, user_id) in granted:
        return
    if not may_change(session, deal, user_id):
        raise NotAllowed(
            "change_not_yours",
            number=deal.number,
            kind=kind,
            owner=deal.owner_id,
            manager=team_queries.manager_of(session, deal.team_id, deal.owner_id),
        )
    granted.add((deal.id, user_id))
