"""Each process's copy of its workspaces and their active stages, by database and team,
with the settings_stamp their row had when read (storage/workspace_stamp.py): while the
row still has that stamp they are what the database holds, and `/deal new` reads one
number instead of the workspace and every stage (issue 15).

The copies are read-only (storage/rows.py) and shared by the process's threads. At most
SIZE workspaces are kept, the least recently used go first."""

import threading
import weakref
from collections import OrderedDict

SIZE = 256  # workspaces per database: a busy process's teams, bounded memory


class SettingsCache:
    """(database, team id) -> (stamp, workspace, stages); thread-safe."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._by_pool: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, pool: object, team_id: str) -> tuple | None:
        """What was kept for the team on this database (engine pool), or None."""
        with self._lock:
            kept = self._by_pool.get(pool)
            if kept is None or team_id not in kept:
                return None
            kept.move_to_end(team_id)
            return kept[team_id]

    def keep(self, pool: object, team_id: str, stamp: int, ws: object, stages: list) -> None:
        """Keep what was read for the team, with the stamp it was read with."""
        with self._lock:
            kept = self._by_pool.setdefault(pool, OrderedDict())
            kept[team_id] = (stamp, ws, stages)
            kept.move_to_end(team_id)
            while len(kept) > self.size:
                kept.popitem(last=False)


CACHE = SettingsCache()
