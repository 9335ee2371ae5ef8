"""Latency of /deal find on 100,000 deals with their companies, contacts, next steps and notes.

    python bench/search.py [--deals 100000] [--notes 200000] [--queries 200]
                           [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/dealbot_bench]

SQLite runs on a temp file. With --database-url the database named there is dropped and
created afresh (it must not be one you keep), and dropped at the end. Rows are bulk-inserted
with Core inserts after the migrations, so the search triggers index every row as it lands
(the load time includes that). Then each kind of query runs `--queries` times, through the
service (bot.search.service.find in a read-only unit of work) and through the whole answer
(handlers.search.command.answer: the service and the Block Kit page); p50 and p99 in ms.
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from digest_build import postgres  # bench/ is the script's folder: its sibling
from sqlalchemy import create_engine, insert, text

from bot.search import service as search
from bot.workspaces.service import ensure_workspace
from handlers.search.command import answer
from storage import db, queries
from storage.models import Activity, Company, Contact, Deal
from storage.search_text import fold

TEAM = "T0BENCH"
OWNERS = [f"U0REP{i:02d}" for i in range(20)]
PRODUCTS = [
    "renewal",
    "expansion",
    "pilot",
    "platform",
    "licence",
    "upgrade",
    "support",
    "migration",
    "rollout",
    "training",
    "audit",
    "integration",
    "analytics",
    "cloud",
    "security",
    "hardware",
    "consulting",
    "subscription",
    "onboarding",
    "network",
]
NOTE_WORDS = [
    "called",
    "budget",
    "pricing",
    "demo",
    "contract",
    "legal",
    "procurement",
    "sent",
    "proposal",
    "meeting",
    "follow",
    "up",
    "with",
    "the",
    "team",
    "about",
    "next",
    "quarter",
    "decision",
    "champion",
    "security",
    "review",
    "discount",
    "signed",
]
TITLES = ["CFO", "CTO", "VP Sales", "Head of IT", "Procurement lead", "Office manager"]
SYLLABLES = [
    "ka",
    "lu",
    "mo",
    "ver",
    "is",
    "ne",
    "tra",
    "zo",
    "pe",
    "ri",
    "an",
    "dé",
    "ös",
    "ță",
    "bel",
    "qu",
    "ix",
    "ar",
    "zte",
    "gen",
    "ta",
    "so",
    "vi",
    "el",
    "ma",
]
BATCH = 20_000


def word(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))).capitalize()


def generate(n_deals: int, n_notes: int, rnd: random.Random) -> list[str]:
    """Bulk-insert the data; the company words (for the queries)."""
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
        stage_ids = [x.id for x in queries.stages(session=s, team_id=TEAM)]
    names = list(dict.fromkeys(word(rnd) for _ in range(n_deals // 3)))
    companies = [
        dict(
            id=i + 1,
            team_id=TEAM,
            name=f"{n} {rnd.choice(['Oy', 'SA', 'GmbH', 'SRL', 'Inc'])}",
            name_key=f"{n.lower()} {i}",
        )
        for i, n in enumerate(names)
    ]
    contacts = []
    for _ in range(n_deals // 2):
        c = rnd.choice(companies)
        first, last = word(rnd), word(rnd)
        contacts.append(
            dict(
                team_id=TEAM,
                company_id=c["id"],
                name=f"{first} {last}",
                email=f"{first.lower()}@{c['name'].split()[0].lower()}.example",
                title=rnd.choice(TITLES),
            )
        )
    deals = []
    for n in range(1, n_deals + 1):
        c = rnd.choice(companies)
        deals.append(
            dict(
                id=n,
                team_id=TEAM,
                number=n,
                name=f"{c['name'].split()[0]} {rnd.choice(PRODUCTS)}",
                company_id=c["id"],
                currency="USD",
                stage_id=rnd.choice(stage_ids),
                owner_id=rnd.choice(OWNERS),
                created_by=OWNERS[0],
                next_step=" ".join(rnd.choices(NOTE_WORDS, k=4)) if rnd.random() < 0.5 else None,
            )
        )
    notes = [
        dict(
            team_id=TEAM,
            deal_id=rnd.randint(1, n_deals),
            actor_id=rnd.choice(OWNERS),
            kind="note",
            note=" ".join(rnd.choices(NOTE_WORDS, k=rnd.randint(4, 14))),
        )
        for _ in range(n_notes)
    ]
    with db.session_scope() as s:
        for model, rows in (
            (Company, companies),
            (Contact, contacts),
            (Deal, deals),
            (Activity, notes),
        ):
            for i in range(0, len(rows), BATCH):
                s.execute(insert(model), rows[i : i + BATCH])
    if db.engine().dialect.name == "postgresql":  # as autovacuum would; dealbot never
        with db.engine().connect() as conn:  # runs ANALYZE on SQLite
            conn.execute(text("ANALYZE"))
            conn.commit()
    return names


def queries_of(rnd: random.Random) -> dict[str, list[str]]:
    """Each kind of query, one random instance per run (words of the data loaded)."""
    with db.engine().connect() as conn:
        names = [n.split()[0] for n in conn.execute(text("SELECT name FROM company")).scalars()]
        sample = text("SELECT name FROM deal ORDER BY id LIMIT 50 OFFSET 1000")
        deal_names = list(conn.execute(sample).scalars())
    pick = lambda: rnd.choice(names)  # noqa: E731
    return {
        "company word": [pick() for _ in range(50)],
        "deal name (two words)": deal_names,
        "prefix (4 letters)": [pick()[:4] for _ in range(50)],
        "folded (lower, no accents)": [fold(pick()) for _ in range(50)],
        "common word (product)": [rnd.choice(PRODUCTS) for _ in range(50)],
        "two note words": [" ".join(rnd.sample(NOTE_WORDS, 2)) for _ in range(50)],
    }


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times) * 1000, p99 * 1000


def run(kinds: dict[str, list[str]], n: int, rnd: random.Random) -> None:
    print(f"{'query':<28} {'service p50':>11} {'p99':>7} {'answer p50':>11} {'p99':>7} {'hits':>7}")
    every_s, every_a = [], []
    for kind, pool in kinds.items():
        ts, ta, hits = [], [], []
        for _ in range(n):
            q = rnd.choice(pool)
            start = time.perf_counter()
            with db.read_scope() as s:
                r = search.find(session=s, team_id=TEAM, text=q)
            ts.append(time.perf_counter() - start)
            hits.append(r.total)
            start = time.perf_counter()
            answer(TEAM, q, 0)
            ta.append(time.perf_counter() - start)
        every_s += ts
        every_a += ta
        (s50, s99), (a50, a99) = percentiles(ts), percentiles(ta)
        print(
            f"{kind:<28} {s50:>11.1f} {s99:>7.1f} {a50:>11.1f} {a99:>7.1f} "
            f"{statistics.median(hits):>7,.0f}",
            flush=True,
        )
    (s50, s99), (a50, a99) = percentiles(every_s), percentiles(every_a)
    print(f"{'all':<28} {s50:>11.1f} {s99:>7.1f} {a50:>11.1f} {a99:>7.1f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--deals", type=int, default=100_000)
    p.add_argument("--notes", type=int, default=200_000)
    p.add_argument("--queries", type=int, default=200, help="runs of each kind of query")
    p.add_argument("--database-url")
    p.add_argument(
        "--keep",
        help="SQLite: a file loaded once and reused; with --database-url: `yes` keeps the "
        "PostgreSQL database loaded, and reuses it when it is there",
    )
    args = p.parse_args()
    rnd = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{args.keep or Path(tmp) / 'bench_search.db'}"
        loaded = Path(args.keep).exists() if args.keep and not args.database_url else False
        if args.database_url:
            loaded = bool(args.keep) and postgres_loaded(url)
            if not loaded:
                postgres(url, create=True)
        db.configure(url)
        if not loaded:
            db.upgrade()
            start = time.perf_counter()
            names = generate(args.deals, args.notes, rnd)
            print(
                f"{db.engine().dialect.name}: {args.deals:,} deals, {len(names):,} companies, "
                f"{args.deals // 2:,} contacts, {args.notes:,} notes loaded and indexed in "
                f"{time.perf_counter() - start:.0f} s"
            )
        run(queries_of(rnd), args.queries, rnd)
        db.engine().dispose()
    if args.database_url and not args.keep:
        postgres(args.database_url, create=False)


def postgres_loaded(url: str) -> bool:
    """Whether the PostgreSQL database is there with the bench's data in it."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT count(*) FROM deal")).scalar())
    except Exception:
        return False
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
