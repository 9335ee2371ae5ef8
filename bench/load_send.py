"""The senders of bench/load.py: signed POSTs over kept-alive connections, sent by a fixed
number of senders without pause (closed loop) or on a schedule (open loop)."""

import hashlib
import hmac
import http.client
import itertools
import random
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SLACK_WAITS = 3.0  # seconds Slack waits for an answer before showing the user an error


@dataclass
class Outcome:
    """Seconds each answered request took, how many failed, how many Slack would have given
    up on (answered after 3 s, or not sent by then), and the wall time it all took."""

    times: list[float] = field(default_factory=list)
    failed: int = 0
    late: int = 0
    wall: float = 0.0

    def pct(self, q: int) -> float:
        """The q-th percentile of `times`, in milliseconds (nan when there are none)."""
        if len(self.times) < 2:
            return self.times[0] * 1000 if self.times else float("nan")
        return statistics.quantiles(self.times, n=100, method="inclusive")[q - 1] * 1000


class Poster:
    """Signs bodies as Slack does and POSTs them; one kept-alive connection per thread and
    app, as Slack keeps its connections to an app open."""

    def __init__(self, secret: str) -> None:
        self.secret = secret.encode()
        self._local = threading.local()

    def _conn(self, netloc: str, fresh: bool = False) -> http.client.HTTPConnection:
        conns = self._local.__dict__.setdefault("conns", {})
        if fresh or netloc not in conns:
            if netloc in conns:
                conns[netloc].close()
            conns[netloc] = http.client.HTTPConnection(netloc, timeout=30)
        return conns[netloc]

    def post(self, url: str, body: str) -> bool:
        """POST one signed body; whether the app answered 200."""
        parts = urlsplit(url)
        ts = str(int(time.time()))
        sig = hmac.new(self.secret, f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
        headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={sig}",
                   "Content-Type": "application/x-www-form-urlencoded"}
        for attempt in (0, 1):  # a kept-alive connection the server closed: once more, fresh
            conn = self._conn(parts.netloc, fresh=attempt == 1)
            try:
                conn.request("POST", parts.path, body.encode(), headers)
                resp = conn.getresponse()
                resp.read()
                return resp.status == 200
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    return False
        return False

    def timed(self, url: str, body: str, since: float | None = None) -> float | None:
        """Seconds from `since` (default: now) until the answer; None if it failed."""
        start = time.perf_counter() if since is None else since
        return time.perf_counter() - start if self.post(url, body) else None


def _record(out: Outcome, lock: threading.Lock, took: float | None) -> None:
    with lock:
        if took is None:
            out.failed += 1
        else:
            out.times.append(took)
            out.late += took > SLACK_WAITS


def closed_loop(poster: Poster, urls: Sequence[str], bodies: Sequence[str],
                senders: int) -> Outcome:
    """Send every body from `senders` threads, each sending its next as soon as its last is
    answered; sender i talks to urls[i % len(urls)]."""
    out, lock, todo = Outcome(), threading.Lock(), iter(bodies)

    def sender(i: int) -> None:
        while True:
            with lock:
                body = next(todo, None)
            if body is None:
                return
            _record(out, lock, poster.timed(urls[i % len(urls)], body))

    start = time.perf_counter()
    with ThreadPoolExecutor(senders) as ex:
        list(ex.map(sender, range(senders)))
    out.wall = time.perf_counter() - start
    return out


def open_loop(poster: Poster, urls: Sequence[str], bodies: Sequence[str],
              rate: float) -> Outcome:
    """Send body i at start + i/rate whatever the answers do (up to 64 in flight), and time
    each from that scheduled moment, so a slow answer delays no later request's clock. A
    request still unsent 3 s after its moment is not sent (Slack has given up): it counts
    as late, with the time it waited, so the run ends even when the app cannot keep up."""
    out, lock = Outcome(), threading.Lock()

    def one(url: str, body: str, due: float) -> None:
        waited = time.perf_counter() - due
        _record(out, lock, waited if waited > SLACK_WAITS else poster.timed(url, body, due))
    start = time.perf_counter() + 0.05
    with ThreadPoolExecutor(64) as ex:
        for i, body in enumerate(bodies):
            due = start + i / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            url = urls[i % len(urls)]
            ex.submit(one, url, body, due)
    out.wall = time.perf_counter() - start
    return out


def saturate(poster: Poster, urls: Sequence[str], next_body: Callable[[], str],
             senders: int, seconds: float) -> Outcome:
    """`senders` threads send without pause for `seconds` (spread over urls)."""
    out, lock = Outcome(), threading.Lock()
    start = time.perf_counter()
    stop = start + seconds

    def sender(i: int) -> None:
        while time.perf_counter() < stop:
            _record(out, lock, poster.timed(urls[i % len(urls)], next_body()))

    with ThreadPoolExecutor(senders) as ex:
        list(ex.map(sender, range(senders)))
    out.wall = time.perf_counter() - start
    return out


class Bodies:
    """Slash command bodies made by the stand-in in batches, handed out one at a time."""

    def __init__(self, make: Callable[[list[str]], list[str]], seed: str,
                 batch: int = 400) -> None:
        self.make, self.seed, self.batch = make, seed, batch
        self._batches = itertools.count()
        self._ready: list[tuple[str, str]] = []
        self.given: list[str] = []  # the deal name of every body handed out
        self._lock = threading.Lock()

    def fill(self) -> None:
        """Fetch a batch if none is left."""
        with self._lock:
            if not self._ready:
                made = names(self.batch, f"{self.seed} {next(self._batches)}")
                bodies = self.make([f"new {name} 9k" for name in made])
                self._ready = list(zip(made, bodies, strict=True))[::-1]

    def __call__(self) -> str:
        """The next body (a batch is fetched when none is left)."""
        self.fill()
        with self._lock:
            name, body = self._ready.pop()
            self.given.append(name)
            return body


def names(count: int, seed: str) -> list[str]:
    """Made-up deal names, two words of three syllables ("Zopelu Marita"): like real
    names, they seldom share a word's first letters, which the duplicate warning looks up."""
    rnd = random.Random(seed)

    def word() -> str:
        return "".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(3))

    return [f"{word().title()} {word().title()}" for _ in range(count)]
