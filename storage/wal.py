"""SQLite's checkpoints on a thread of their own, in the processes that serve Slack.

In WAL mode SQLite copies the write-ahead log back into the database file (a checkpoint)
once the log passes 1,000 pages, inside whichever commit crossed the line, and with the
file synced. That commit holds the writer's turn meanwhile, and every writer waits behind
it: at 8 senders a commit that checkpointed took 15 to 17 ms, every second or two; with
the checkpoints on their own thread no commit took 15 ms in the same run.
`dealbot serve` and `dealbot run` turn that off on their connections and checkpoint
every second instead, PASSIVE: it copies what no reader still needs and never waits for,
nor blocks, a reader or a writer. Other commands (import, export, the CLI) keep SQLite's
own checkpoints; the last connection to close checkpoints what is left.
"""

import logging
import threading

from sqlalchemy import Engine

from storage.db import checkpoints_apart, sqlite_file

log = logging.getLogger("dealbot")
EVERY_S = 1.0


class Checkpoints:
    """A daemon thread that checkpoints the engine's database every `every` seconds."""

    def __init__(self, engine: Engine, every: float = EVERY_S) -> None:
        self.engine, self.every = engine, every
        self.last: tuple[int, int, int] | None = None  # (busy, log frames, checkpointed)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dealbot-checkpoint", daemon=True)

    def once(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint now: (busy, frames in the log, frames copied back)."""
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            self.last = tuple(cur.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())
            cur.close()
        finally:
            raw.close()
        return self.last

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.once()
            except Exception:  # a locked or busy database: the next second tries again
                log.warning("background checkpoint failed", exc_info=True)

    def start(self) -> "Checkpoints":
        """Start the thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread (one last checkpoint is SQLite's, when the last connection closes)."""
        self._stop.set()
        self._thread.join(5)


def checkpoint_in_background(engine: Engine, every: float = EVERY_S) -> Checkpoints | None:
    """Checkpoint a SQLite file database on a thread, never in a commit; None for
    PostgreSQL and in-memory SQLite (nothing to do)."""
    if sqlite_file(engine.url) is None:
        return None
    checkpoints_apart(engine)  # no checkpoint in a commit, on every connection from now on
    return Checkpoints(engine, every).start()
