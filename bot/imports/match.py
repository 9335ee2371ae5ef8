"""Matching a file's stages and people to the workspace's stages and Slack users.

Stages match by key or name, case-insensitive, plus the CRMs' outcome words (`Closed
Won`, `closedlost`) and `--stage "Engaging=First meeting held"`. People match by Slack
user id, by `--owner "Anna Snelling=U012AB"`, or by email through Slack. What matches
nothing is collected, so that one refusal can list all of it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from storage.models import Stage

USER_ID = re.compile(r"[UW][A-Z0-9]{2,31}")
_OUTCOMES = {
    "won": ("won", "closed won", "closedwon", "win"),
    "lost": ("lost", "closed lost", "closedlost", "loss"),
}


class MappingError(ValueError):
    """A `--stage`, `--owner` or `--map` option that cannot work; the message says why."""


def fold(text: str) -> str:
    """Case, `_` and `-` and runs of white space ignored."""
    return " ".join(re.sub(r"[_\-]+", " ", text).split()).casefold()


def pairs(options: list[str], what: str) -> dict[str, str]:
    """`A=B` options as a dict (the last `=` splits, so a name may hold none)."""
    found = {}
    for option in options:
        left, sep, right = option.rpartition("=")
        if not sep or not left.strip() or not right.strip():
            raise MappingError(f'{what} "{option}" is not of the form NAME=VALUE')
        found[left.strip()] = right.strip()
    return found


@dataclass
class Stages:
    """The workspace's stages, found by the names a file uses."""

    stages: list[Stage]
    extra: dict[str, str] = field(default_factory=dict)  # --stage file name -> key or name
    unknown: dict[str, list[int]] = field(default_factory=dict)  # name -> lines

    def __post_init__(self) -> None:
        self.by_name: dict[str, Stage] = {}
        for s in self.stages:
            self.by_name.setdefault(fold(s.name), s)
            self.by_name.setdefault(fold(s.key), s)
        for kind, words in _OUTCOMES.items():
            closing = next((s for s in self.stages if s.kind == kind), None)
            for word in words:
                if closing is not None:
                    self.by_name.setdefault(fold(word), closing)
        for name, target in self.extra.items():
            stage = self.by_name.get(fold(target))
            if stage is None:
                known = ", ".join(f"{s.key} ({s.name})" for s in self.stages)
                raise MappingError(
                    f'--stage "{name}={target}": no stage {target}; the stages are {known}'
                )
            self.by_name[fold(name)] = stage
        self.first_open = next(s for s in self.stages if s.kind == "open")

    def find(self, text: str, line: int) -> Stage | None:
        """The stage a file names (an empty one is the first stage); None when unknown."""
        if not text:
            return self.first_open
        stage = self.by_name.get(fold(text))
        if stage is None:
            self.unknown.setdefault(text, []).append(line)
        return stage

    def outcome(self, status: str | None) -> Stage | None:
        """The won or lost stage a status column names (Pipedrive's open/won/lost)."""
        for kind, words in _OUTCOMES.items():
            if status and fold(status) in words:
                return next((s for s in self.stages if s.kind == kind), None)
        return None


@dataclass
class People:
    """Owners found by Slack user id, by `--owner`, or by email through `lookup`."""

    lookup: Callable[[str], str | None] | None  # email -> user id (users.lookupByEmail)
    named: dict[str, str] = field(default_factory=dict)  # --owner name -> user id
    default: str | None = None
    unknown: dict[str, list[int]] = field(default_factory=dict)
    cache: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, uid in self.named.items():
            if not USER_ID.fullmatch(uid):
                raise MappingError(
                    f'--owner "{name}={uid}": {uid} is not a Slack user id (like U012AB3CD)'
                )
        if self.default and not USER_ID.fullmatch(self.default):
            raise MappingError(
                f"--default-owner {self.default} is not a Slack user id (like U012AB3CD)"
            )
        self.named = {fold(k): v for k, v in self.named.items()}

    def find(self, owner: str, owner_id: str | None, line: int) -> str | None:
        """The owner's user id; the default owner or None (noted as unknown) otherwise."""
        if not owner and not owner_id:
            return self.default  # None: the row is refused for having no owner
        for text in (owner_id or "", owner):
            if USER_ID.fullmatch(text):
                return text
        uid = self.named.get(fold(owner)) if owner else None
        if uid is None and "@" in owner and self.lookup is not None:
            key = owner.casefold()
            if key not in self.cache:
                self.cache[key] = self.lookup(owner)
            uid = self.cache[key]
        if uid is None and self.default is None:
            self.unknown.setdefault(owner or owner_id or "", []).append(line)
        return uid or self.default
