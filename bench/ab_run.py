"""One run of bench/ab.py: the tree in the current directory serves, this checkout's bench
kit sends. Prints one JSON line: app CPU ms per command, ack p50 / p99 ms, failed, and the
Web API calls Slack saw meanwhile (by method).

    cd <tree> && python <this checkout>/bench/ab_run.py --requests 400 [--workers N]
                                                        [--clicks] [--database-url URL]

The tree under test comes first on sys.path, so its `bot` (the app, its stand-in and how
`dealbot serve` is started) is what runs; the senders and the CPU accounting are this
checkout's (bench/load_apps.py, bench/load_send.py), the same for both sides.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.getcwd())

from digest_build import postgres as fresh_postgres
from load_apps import Bench
from load_send import closed_loop, names

from bot.local.standin.remote import RemoteStandIn


def main() -> None:
    """Serve, warm, send, and print the run's figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--senders", type=int, default=8)
    ap.add_argument("--warm", type=int, default=100)
    ap.add_argument("--workers", type=int)
    ap.add_argument("--database-url")
    ap.add_argument("--clicks", action="store_true",
                    help="Advance clicks on fresh cards instead of /deal new")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, RemoteStandIn() as slack:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'ab.db'}"
        if args.database_url:
            fresh_postgres(url)
        bench = Bench(slack, url, Path(tmp))
        app = bench.dealbot(workers=args.workers)
        try:
            warm = names(args.warm, "warm")
            closed_loop(bench.poster, [app.url], bench.slash([f"new {x} 5k" for x in warm]),
                        args.senders)
            slack.control.wait_posted(warm, timeout=120)
            made = [] if args.clicks else names(args.requests, "measured")
            if args.clicks:  # the cards made (untimed) first, as bench/load.py does
                bodies = bench.cards(app.url, "measured", args.requests)
            else:
                bodies = bench.slash([f"new {x} 5k" for x in made])
            before = slack.control.counts()
            out, cpu = bench.measured(
                [app.proc.pid],
                lambda: closed_loop(bench.poster, [app.url], bodies, args.senders),
                cards=made,
                updates=len(bodies) if args.clicks else 0,
            )
            calls = {k: v - before.get(k, 0) for k, v in slack.control.counts().items()
                     if v > before.get(k, 0)}
        finally:
            bench.stop([app])
    print(json.dumps({"cpu_ms": cpu / args.requests * 1000, "p50": out.pct(50),
                      "p99": out.pct(99), "failed": args.requests - len(out.times),
                      "calls": calls}))


if __name__ == "__main__":
    main()
