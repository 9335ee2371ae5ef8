"""Importing a CSV file of deals into one workspace: plan it, then (unless a dry run) write it.

`import_text` is what the command line and the demo call. `lookup` finds a person's Slack
user id by email (users.lookupByEmail with the workspace's token) or is None offline.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.imports.match import People, Stages
from bot.imports.plan import Plan, plan
from bot.imports.write import Summary, write
from bot.workspaces.service import ensure_workspace
from storage import db, queries
from storage.types import utcnow


@dataclass
class Options:
    """How to read the file: `--map`, `--stage`, `--owner`, `--default-owner`, `--date-format`."""

    mapping: dict[str, str] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    default_owner: str | None = None
    date_format: str | None = None


def prepare(
    team_id: str,
    text: str,
    options: Options,
    lookup: Callable[[str], str | None] | None,
    now: datetime | None = None,
) -> Plan:
    """What the file would do in the workspace (created with its pipeline if new).

    Slack is asked for owners by email with no unit of work open: the file is read once
    noting the emails it names (nothing kept when there are some), they are looked up, and
    it is read again with the answers. Raises MappingError for an option or a file that
    cannot work at all."""
    now = now or utcnow()
    if lookup is None:
        return _planned(team_id, text, options, None, now)
    named: list[str] = []  # the emails the file names, as the first reading meets them
    found = _planned(team_id, text, options, named.append, now, keep=lambda: not named)
    if found is not None:
        return found
    answers = {email.casefold(): lookup(email) for email in dict.fromkeys(named)}

    def answered(email: str) -> str | None:
        key = email.casefold()
        return answers[key] if key in answers else lookup(email)

    return _planned(team_id, text, options, answered, now)


class _Asked(Exception):
    """The file names people by email: the unit that noted them is rolled back."""


def _planned(
    team_id: str,
    text: str,
    options: Options,
    lookup: Callable[[str], str | None] | None,
    now: datetime,
    keep: Callable[[], bool] = lambda: True,
) -> Plan | None:
    """The plan, read in one unit of work; None (the unit rolled back) when `keep()` says
    the reading only noted what to ask Slack."""
    try:
        with db.session_scope() as session:
            ws = ensure_workspace(session=session, team_id=team_id)
            stages = Stages(queries.stages(session=session, team_id=team_id), options.stages)
            people = People(lookup, options.owners, options.default_owner)
            found = plan(
                session=session,
                team_id=team_id,
                text=text,
                currency=ws.currency,
                stages=stages,
                people=people,
                mapping=options.mapping,
                date_format=options.date_format,
                now=now,
            )
            if not keep():
                raise _Asked
            found.stages = queries.all_stages(session=session, team_id=team_id)
            return found
    except _Asked:
        return None


def import_text(
    team_id: str,
    text: str,
    options: Options | None = None,
    *,
    lookup: Callable[[str], str | None] | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> tuple[Plan, Summary | None]:
    """Plan the import and write it unless `dry_run` or blocked (unknown stages or people)."""
    now = utcnow()
    found = prepare(team_id, text, options or Options(), lookup, now)
    if dry_run or found.blocked:
        return found, None
    return found, write(found, now=now, progress=progress)
