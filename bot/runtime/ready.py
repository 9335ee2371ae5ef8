"""What a serving process (`serve`, `run`, each `--workers` process) does once its app is
built, before its clock starts and before it takes requests: the connections it opened
while starting are reopened without SQLite's checkpoints in commits (storage/wal.py), so
that none of its work runs on one that still has them."""

from bot.runtime.collector import freeze_startup_objects
from storage import db
from storage.wal import checkpoint_in_background


def ready_to_serve() -> None:
    """SQLite's checkpoints on a thread of their own, never in a request's commit
    (storage/wal.py), and what startup made frozen out of the garbage collector's passes
    (bot/runtime/collector.py)."""
    checkpoint_in_background(db.engine())
    freeze_startup_objects()
