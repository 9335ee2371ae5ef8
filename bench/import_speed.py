"""Time `dealbot import` of a CRM-sized file: 8,800 deals into a fresh SQLite database.

    python bench/import_speed.py [--deals 8800] [--database-url URL] [--keep FILE.csv]

The file is made up like the public CRM sales-opportunity dataset: 35 sales agents in 3
regional offices, deals engaged from 2016-10 to 2017-12, about 48% won, 28% lost, 18%
engaging and 6% prospecting (no dates), in that dataset's layout (opportunity_id,
sales_agent, product, account, deal_stage, engage_date, close_date, close_value), so it
needs `--stage` for its two open stages and `--owner` for its agents. The import runs as
the command line does, once into the empty database (timed), then again (the re-run: all
unchanged). The goal is at most 10 s for 8,800 deals on SQLite.
"""

import argparse
import csv
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bot.cli import main
from storage import db

TEAM = "T0BENCH"
PRODUCTS = {
    "GTX Basic": 550,
    "GTX Pro": 4821,
    "MG Special": 55,
    "MG Advanced": 3393,
    "GTX Plus Basic": 1096,
    "GTX Plus Pro": 5482,
    "GTK 500": 26768,
}
REGIONS = ("Central", "East", "West")
AGENTS = [f"Agent {chr(65 + i // 10)}{i % 10} {REGIONS[i % 3]}" for i in range(35)]
ACCOUNTS = [f"Account {i:02d} Ltd" for i in range(85)]
FIRST, LAST = date(2016, 10, 20), date(2017, 12, 31)
HEADER = [
    "opportunity_id",
    "sales_agent",
    "product",
    "account",
    "deal_stage",
    "engage_date",
    "close_date",
    "close_value",
    "regional_office",
]


def make_file(path: Path, deals: int, seed: int = 7) -> None:
    """Write the made-up dataset."""
    rnd = random.Random(seed)
    span = (LAST - FIRST).days
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for n in range(deals):
            agent = AGENTS[rnd.randrange(len(AGENTS))]
            product = rnd.choice(list(PRODUCTS))
            stage = rnd.choices(["Won", "Lost", "Engaging", "Prospecting"], [48, 28, 18, 6])[0]
            engaged = FIRST + timedelta(days=rnd.randrange(span - 30))
            closed = min(engaged + timedelta(days=rnd.randrange(1, 140)), LAST)
            value = round(PRODUCTS[product] * rnd.uniform(0.9, 1.1)) if stage == "Won" else 0
            out.writerow(
                [
                    f"{n:04X}{rnd.randrange(16**4):04X}",
                    agent,
                    product,
                    rnd.choice(ACCOUNTS) if stage != "Prospecting" or rnd.random() < 0.5 else "",
                    stage,
                    engaged.isoformat() if stage != "Prospecting" else "",
                    closed.isoformat() if stage in ("Won", "Lost") else "",
                    value if stage in ("Won", "Lost") else "",
                    agent.rsplit(" ", 1)[1],
                ]
            )


def run(path: Path, url: str) -> float:
    """Seconds the import took, as `dealbot import` runs it."""
    import os

    os.environ["DATABASE_URL"] = url
    os.environ.pop("SLACK_BOT_TOKEN", None)
    args = [
        "import",
        str(path),
        "--team",
        TEAM,
        "--map",
        "product=name",
        "--stage",
        "Prospecting=prospect",
        "--stage",
        "Engaging=contacted",
    ]
    for i, agent in enumerate(AGENTS):
        args += ["--owner", f"{agent}=U0AG{i:04d}"]
    start = time.perf_counter()
    code = main(args)
    took = time.perf_counter() - start
    assert code in (0, 1), code
    return took


def main_bench() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--deals", type=int, default=8800)
    p.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    p.add_argument("--keep", type=Path, help="also save the generated CSV here")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = a.keep or Path(tmp) / "deals.csv"
        make_file(path, a.deals)
        url = a.database_url or f"sqlite:///{tmp}/bench.db"
        db.configure(url)
        db.upgrade()  # migrating is not the import's time
        first = run(path, url)
        again = run(path, url)
        print(f"{a.deals} deals: first import {first:.2f} s, re-run (all unchanged) {again:.2f} s")


if __name__ == "__main__":
    main_bench()
