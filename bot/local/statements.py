"""SQL statements a request costs, before and after its acknowledgement (bench and tests).

    with StatementLog(db.engine()) as log:
        driver.slash("new Acme 12k")
    log.before_ack, log.after_ack

Every statement the engine sends to the driver is counted (SQLAlchemy's
`before_cursor_execute`: BEGIN IMMEDIATE on SQLite too, not the driver's COMMIT); a
statement counts as before the ack when the thread that acknowledged the request ran it
before calling Bolt's `ack()`, or when the HTTP server's thread ran it (it waits for the
ack: the replay check on PostgreSQL), and as after otherwise (the rest of the listener,
the outbox's deliverer).
"""

import threading

from slack_bolt.context.ack.ack import Ack
from sqlalchemy import Engine, event

ACK = "-- ack --"
BEGIN, END = "-- begin --", "-- end --"  # a transaction's start, and its commit or rollback
# The same, when the driver sends them to the server as statements of their own (psycopg's
# BEGIN and COMMIT; not with AUTOCOMMIT, and not sqlite3's, whose BEGIN IMMEDIATE is logged
# as a statement and whose COMMIT is no round trip).
BEGIN_SENT, END_SENT = "BEGIN", "COMMIT"
MARKERS = (BEGIN, END, BEGIN_SENT, END_SENT)


HTTP_THREADS = "waitress"  # waitress names its request threads waitress-0, waitress-1…


def _sends_transactions(conn) -> bool:
    return conn.dialect.name == "postgresql" and not conn.connection.dbapi_connection.autocommit


class StatementLog:
    """Records (thread, statement) for every statement, and where each `ack()` came."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.entries: list[tuple[int, str]] = []  # (thread, statement)
        self.by_connection: list[tuple[int, str]] = []  # (driver connection, statement)
        self._lock = threading.Lock()
        self._ack = Ack.__call__

    def _statement(self, conn, _cursor, statement, _params, _context, _many) -> None:
        self._add(conn, statement)

    def _add(self, conn, statement: str) -> None:
        thread = threading.current_thread()
        http = thread.name.startswith(HTTP_THREADS)
        with self._lock:
            self.entries.append((-1 if http else thread.ident, statement))
            self.by_connection.append((id(conn.connection.dbapi_connection), statement))

    def _begin(self, conn) -> None:
        self._add(conn, BEGIN_SENT if _sends_transactions(conn) else BEGIN)

    def _end(self, conn) -> None:
        self._add(conn, END_SENT if _sends_transactions(conn) else END)

    def __enter__(self) -> "StatementLog":
        log, original = self, self._ack

        def ack(self_, *args, **kwargs):
            with log._lock:
                log.entries.append((threading.get_ident(), ACK))
            return original(self_, *args, **kwargs)

        Ack.__call__ = ack
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "begin", self._begin)
        event.listen(self.engine, "commit", self._end)
        event.listen(self.engine, "rollback", self._end)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "begin", self._begin)
        event.remove(self.engine, "commit", self._end)
        event.remove(self.engine, "rollback", self._end)
        Ack.__call__ = self._ack

    def unit_with(self, fragment: str) -> list[str]:
        """The statements of the first transaction that ran one containing `fragment` (its
        BEGIN IMMEDIATE on SQLite left out, as PostgreSQL's BEGIN is never seen here)."""
        with self._lock:
            entries = list(self.by_connection)
        open_units: dict[int, list[str]] = {}
        for conn, statement in entries:
            if statement in (BEGIN, BEGIN_SENT):
                open_units[conn] = []
            elif statement in (END, END_SENT):
                unit = open_units.pop(conn, [])
                if any(fragment in s for s in unit):
                    return unit
            elif conn in open_units and not statement.startswith("BEGIN"):
                open_units[conn].append(statement)
        return []

    def clear(self) -> None:
        """Forget what was recorded so far."""
        with self._lock:
            self.entries.clear()
            self.by_connection.clear()

    def split(self, round_trips: bool = False) -> tuple[list[str], list[str]]:
        """The statements before the ack (in the acking thread), and all the others; with
        `round_trips`, every exchange with the server: a BEGIN and COMMIT the driver sends
        count as statements (PostgreSQL outside AUTOCOMMIT)."""
        with self._lock:
            entries = list(self.entries)
        ackers = {t for t, s in entries if s == ACK}
        skipped = (BEGIN, END) if round_trips else MARKERS
        before, after, acked = [], [], set()
        for thread, statement in entries:
            if statement in skipped:
                continue
            if statement == ACK:
                acked.add(thread)
            elif thread == -1 or (thread in ackers and thread not in acked):
                before.append(statement)
            else:
                after.append(statement)
        return before, after

    @property
    def before_ack(self) -> list[str]:
        """The statements run before the acknowledgement."""
        return self.split()[0]

    @property
    def after_ack(self) -> list[str]:
        """The statements run after it (the rest of the listener, the deliverer)."""
        return self.split()[1]
