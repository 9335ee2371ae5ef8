"""The fuzzer, long: random /deal texts and interactive payloads through the real app.

    python bench/fuzz.py [--commands 10000] [--payloads 1000] [--seed 1] [--database-url URL]

Runs the app on waitress against the local Slack stand-in (as the end-to-end tests do),
sends seeded random commands, clicks, form submissions and thread replies as signed
requests, and prints what was sent and every finding by kind: answers of 500 or later
than 3 s, unexpected errors shown or logged, unescaped pings, calls Slack would refuse.
"""

import argparse
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.e2e, from a checkout

from bot.local.loopback import LocalSlack
from handlers.digests import posting
from tests.e2e.fuzzing import Fuzzer


@contextmanager
def throwaway(base: str | None):
    """A fresh database: a SQLite file, or one made beside `base` on PostgreSQL and dropped."""
    if not base or not base.startswith("postgresql"):
        with tempfile.TemporaryDirectory() as tmp:
            yield base or f"sqlite:///{Path(tmp) / 'fuzz.db'}"
        return
    name = f"dealbot_fuzz_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    """Run the fuzzer once and print its figures; exit 1 when it found anything."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commands", type=int, default=10_000)
    ap.add_argument("--payloads", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--database-url", help="PostgreSQL: a throwaway database is made beside it")
    args = ap.parse_args()
    now = [0.0]  # digests pace their posts on a clock of their own: no real sleeping
    posting.PACER = posting.ChannelPacer(
        sleep=lambda s: now.__setitem__(0, now[0] + s), clock=lambda: now[0]
    )
    with throwaway(args.database_url) as url, LocalSlack(url) as local:
        start = time.monotonic()
        found = Fuzzer(local, args.seed).run(args.commands, args.payloads)
        took = time.monotonic() - start
    sent = ", ".join(f"{n} {k}" for k, n in sorted(found.sent.items()))
    print(f"database: {url.split('@')[-1]}; seed {args.seed}; {took:.1f} s")
    print(f"sent: {sent}")
    print(f"findings: {sum(found.counts.values())}")
    if found.counts:
        print(found.report())
    return 1 if found.counts else 0


if __name__ == "__main__":
    sys.exit(main())
