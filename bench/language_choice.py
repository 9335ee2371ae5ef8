"""What choosing the language costs: the channel's language read for an outbox row, and a
request's language when the person's Slack locale is remembered.

    .venv/bin/python bench/language_choice.py [--database-url URL] [--runs 2000]

Prints p50 / p99 in microseconds. The first request of a person in ten minutes also costs
one users.info call (bench/api_calls.py counts those).
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from slack_sdk import WebClient

from bot.i18n.choice import set_channel
from bot.local.standin import SlackStandIn
from handlers.languages.choosing import LOCALES, for_channel, for_person
from storage import db


def timed(fn, runs: int) -> tuple[float, float]:
    took = []
    for _n in range(runs):
        t = time.perf_counter()
        fn()
        took.append((time.perf_counter() - t) * 1e6)
    took.sort()
    return statistics.median(took), took[int(len(took) * 0.99) - 1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database-url")
    ap.add_argument("--runs", type=int, default=2000)
    args = ap.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    db.configure(url)
    db.upgrade()
    with db.session_scope() as s:
        set_channel(session=s, team_id="T0BENCH", channel_id="C0SET", language="fi", actor="U1")
    with SlackStandIn() as standin:
        client = WebClient(token="xoxb-local-stand-in", base_url=standin.api_url)
        for_person(client, "T0BENCH", "U0ANN")  # remembered from here on
        rows = {
            "channel with its own language": lambda: for_channel("T0BENCH", "C0SET"),
            "channel on the workspace default": lambda: for_channel("T0BENCH", "C0NONE"),
            "person, locale remembered": lambda: for_person(client, "T0BENCH", "U0ANN"),
        }
        for name, fn in rows.items():
            p50, p99 = timed(fn, args.runs)
            print(f"{name}: p50 {p50:.0f} µs, p99 {p99:.0f} µs")
        LOCALES.forget()
        p50, p99 = timed(lambda: (LOCALES.forget(), for_person(client, "T0BENCH", "U0ANN")), 200)
        print(f"person, asking Slack (the stand-in on loopback): p50 {p50:.0f} µs, "
              f"p99 {p99:.0f} µs")


if __name__ == "__main__":
    main()
