"""Faults the stand-in plays on purpose, as Slack and networks do: lost replies, 429s, errors."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Match = Callable[[dict[str, Any]], bool]
Watch = Callable[[dict[str, Any]], None]


@dataclass
class Rule:
    """One armed fault: what it does, to which method (None: all), how often and how many times."""

    kind: str  # "drop", "ratelimit" or "fail"
    method: str | None
    left: int
    every: int = 1
    error: str = ""
    status: int = 200
    retry_after: int | None = None
    match: Match | None = None
    seen: int = 0

    def fires(self, method: str, args: dict[str, Any]) -> bool:
        """Count a call of `method`; true when this rule takes it (and then one use is spent)."""
        if self.left <= 0 or self.method not in (None, method):
            return False
        if self.match is not None and not self.match(args):
            return False
        self.seen += 1
        if self.seen % self.every:
            return False
        self.left -= 1
        return True

    def describe(self) -> str:
        """A line for `Faults.pending()`."""
        what = self.error or "no reply"
        return f"{self.kind} {self.method or '*'}: {what}, {self.left} left, every {self.every}"


def _positive(**numbers: int) -> None:
    for name, n in numbers.items():
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"{name} must be a positive int, got {n!r}")


class Faults:
    """Bounded, resettable faults of a SlackStandIn (`standin.faults`), for tests.

    Refusals (rate_limit, fail) answer without applying the call; drop_reply applies it and
    then closes the connection with no HTTP answer. Rules fire in the order they were armed.
    `match`, if given, picks the calls a rule counts by their arguments (as sent for
    refusals, with form-encoded JSON still a string; decoded for drop_reply).
    """

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._rules: list[Rule] = []
        self._watches: list[tuple[str, Watch]] = []

    def watch(self, method: str, see: Watch) -> None:
        """Call `see(args)` when a call of `method` comes, before it is answered: what the app
        holds while Slack takes its time (a transaction, a lock) can be looked at then."""
        with self._lock:
            self._watches.append((method, see))

    def drop_reply(
        self, method: str, *, times: int = 1, every: int = 1, match: Match | None = None
    ) -> None:
        """Apply the next calls of `method` but answer none: every `every`-th one, `times` times."""
        _positive(times=times, every=every)
        with self._lock:
            self._rules.append(Rule("drop", method, times, every, match=match))

    def rate_limit(
        self,
        method: str | None = None,
        *,
        times: int = 1,
        retry_after: int = 1,
        match: Match | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (any if None) with 429, without applying."""
        _positive(times=times)
        rule = Rule("ratelimit", method, times, 1, "ratelimited", 429, retry_after, match)
        with self._lock:
            self._rules.append(rule)

    def fail(
        self,
        method: str | None,
        error: str,
        *,
        times: int = 1,
        status: int = 200,
        retry_after: int | None = None,
        match: Match | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (any if None) with `error`, not applied."""
        _positive(times=times)
        with self._lock:
            self._rules.append(Rule("fail", method, times, 1, error, status, retry_after, match))

    def reset(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self._rules.clear()
            self._watches.clear()

    def pending(self) -> list[str]:
        """The faults still armed, one line each."""
        with self._lock:
            return [r.describe() for r in self._rules if r.left > 0]

    def refusal(self, method: str, args: dict[str, Any]) -> Rule | None:
        """The refusal that takes this call, if any (the call is then not applied); the
        call's watchers see it first (outside the lock: they may take their time)."""
        with self._lock:
            watchers = [see for m, see in self._watches if m == method]
        for see in watchers:
            see(args)
        with self._lock:
            return next(
                (r for r in self._rules if r.kind != "drop" and r.fires(method, args)), None
            )

    def drops(self, method: str, args: dict[str, Any]) -> bool:
        """Whether the reply to this (applied) call is lost."""
        with self._lock:
            return any(r.fires(method, args) for r in self._rules if r.kind == "drop")
