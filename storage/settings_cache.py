"""A workspace and its active stages, read through each process's copy of them, kept by
database and team with the settings_stamp their row had when read
(storage/workspace_stamp.py): while the row still has that stamp they are what the
database holds, and `/deal new` or a move reads one number instead of the workspace and
every stage (issue 15).

The copies are read-only (storage/rows.py) and shared by the process's threads. At most
SIZE workspaces are kept, the least recently used go first."""

import threading
import weakref
from collections import OrderedDict

from sqlalchemy import String, bindparam, func, select
from sqlmodel import Session

from storage import rows
from storage.models import Stage, Workspace
from storage.queries import TEAM, WORKSPACE_LOCK

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


_WS, _STAGE = Workspace.__table__, Stage.__table__
# Core, not the ORM: the workspace's row and each stage's, when the copy is out of date.
_WORKSPACE_STAGES = (
    select(*_WS.c, *_STAGE.c)
    .join_from(_WS, _STAGE, _STAGE.c.team_id == _WS.c.team_id)
    .where(_WS.c.team_id == TEAM, _STAGE.c.active)
    .order_by(_STAGE.c.position)
)
_WORKSPACE_KEYS = [c.key for c in _WS.c]
_STAGE_KEYS = [c.key for c in _STAGE.c]
STAMP = select(_WS.c.settings_stamp).where(_WS.c.team_id == TEAM)
# The pipeline held shared (queries.hold_pipeline) and then the stamp read, in one call.
_HOLD_STAMP = select(func.hold_settings(WORKSPACE_LOCK, bindparam("team", type_=String())))


def workspace_stages(
    *, session: Session, team_id: str, hold: bool
) -> tuple[Workspace | None, list[Stage]]:
    """The workspace and its active stages, in pipeline order (None and no stages before
    its first use); `hold`: the pipeline held first, as queries.stages does. They are
    read-only copies in no session (storage/rows.py): a change to them is not written.

    The process's copy is returned while the workspace's settings_stamp is the one it was
    read with; otherwise both are read in one statement and kept. The stamp is read after
    the lock, by a statement of its own: one that waited for a template switch to commit
    would still see what was there when it began (READ COMMITTED)."""
    bind = session.get_bind()
    kept = CACHE.get(bind.pool, team_id)
    # On PostgreSQL the hold and the stamp's read are one call (hold_settings, whose
    # statements each see what has committed when they start).
    stamp = None
    if hold and bind.dialect.name == "postgresql":
        stamp = session.execute(_HOLD_STAMP, {"team": team_id}).scalar()
    elif kept is not None:
        stamp = session.execute(STAMP, {"team": team_id}).scalar()
    if kept is not None and stamp == kept[0]:
        return kept[1], kept[2]
    found = session.execute(_WORKSPACE_STAGES, {"team": team_id}).all()
    if not found:
        return None, []
    n = len(_WORKSPACE_KEYS)
    ws = rows.of_row(Workspace, _WORKSPACE_KEYS, found[0][:n])
    stages = [rows.of_row(Stage, _STAGE_KEYS, r[n:]) for r in found]
    CACHE.keep(bind.pool, team_id, ws.settings_stamp, ws, stages)
    return ws, stages
