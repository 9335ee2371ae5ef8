"""Ack latency of /deal and of a card click over HTTP, beside a command that only acks.

    python bench/ack_latency.py [--requests 400] [--database-url URL] [--served]

Runs the real app on waitress (as `dealbot serve` does) against the local Slack stand-in,
sends signed slash commands (`/deal new`) and block_actions clicks (Advance, which moves the
deal and updates its card) from 1 and from 8 concurrent senders, and prints p50/p99 of the
time until Slack would get its acknowledgement, and for `/deal new` the time from the ack
until the deal's card was posted in the channel.

By default the app, the stand-in and the senders share one interpreter, and the app is
compared with a command that only acks. `--served` runs `dealbot serve` in a process of
its own, as in production, where Slack's side of every call is not on the app's CPU.
bench/load.py measures all of it with the stand-in in a process of its own as well.
"""

import argparse
import re
import statistics
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from bot.local.loopback import LocalSlack
from bot.local.served import Served


def timed_post(local: LocalSlack, body: str) -> float:
    """Seconds until the app answers one signed request."""
    req = urllib.request.Request(local.url + "/slack/events", body.encode(),
                                 local.driver.sign(body), method="POST")
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()
        assert resp.status == 200
    return time.perf_counter() - start


def send(local: LocalSlack, command: str, text: str) -> float:
    """Seconds until the app answers one signed slash command."""
    s = local.standin
    body = urlencode({
        "token": "t", "team_id": s.team_id, "team_domain": "demo", "channel_id": "C0SALES",
        "channel_name": "sales", "user_id": "U0ANN", "user_name": "ann", "command": command,
        "text": text, "api_app_id": s.app_id, "response_url": s.new_response_url(user="U0ANN"),
        "trigger_id": s.new_trigger_id("U0ANN"),
    })
    return timed_post(local, body)


def clicks(local: LocalSlack, n: int, senders: int) -> list[float]:
    """Latencies of n Advance clicks, each on its own fresh card, from `senders` threads."""
    for i in range(n):
        local.driver.slash(f"new Click bench {senders}-{i} 5k")
    cards = [m for m in local.standin.messages("C0SALES") if f"Click bench {senders}-" in m.text]
    bodies = [local.driver.click_body("deal_advance", message=m) for m in cards[-n:]]
    with ThreadPoolExecutor(senders) as ex:
        times = list(ex.map(lambda body: timed_post(local, body), bodies))
    local.settle()
    return times


def run(
    local: LocalSlack, command: str, make_text, n: int, senders: int
) -> tuple[list[float], list[float]]:
    """Latencies of n commands sent by `senders` threads at once, and of their cards."""
    counter = iter(range(n))
    lock = threading.Lock()
    acked: dict[str, float] = {}  # text -> wall-clock time of its ack

    def one(_: int) -> float:
        with lock:
            i = next(counter)
        took = send(local, command, make_text(i))
        acked[make_text(i)] = time.time()
        return took

    with ThreadPoolExecutor(senders) as ex:
        times = list(ex.map(one, range(n)))
    local.settle()
    return times, card_lags(local, acked)


def card_lags(local: LocalSlack, acked: dict[str, float]) -> list[float]:
    """Seconds from each `/deal new` ack until its card was posted (the stand-in's ts is
    its wall clock), for the deals these texts created."""
    posted = {}
    for m in local.standin.messages("C0SALES"):
        found = re.search(r"Bench deal \d+-\d+(?!\d)", m.text or "")
        if found and found.group() not in posted:
            posted[found.group()] = float(m.ts)
    lags = []
    for text, at in acked.items():
        name = re.search(r"Bench deal \d+-\d+", text)
        if name and name.group() in posted:
            lags.append(max(0.0, posted[name.group()] - at))
    return lags


def pct(times: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] * 1000


def main() -> None:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--database-url")
    ap.add_argument("--served", action="store_true", help="the app in a process of its own")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with (Served if args.served else LocalSlack)(url, threads=8) as local:
            commands = [("/deal new", "/deal", lambda i, n: f"new Bench deal {n}-{i} 12k")]
            if not args.served:
                local.app.command("/ping")(lambda ack: ack())
                commands.insert(0, ("/ping (ack only)", "/ping", lambda i, n: ""))
            where = "app in its own process" if args.served else "one process"
            print(f"database: {url.split('@')[-1]}; {where}; {args.requests} requests per row")
            print(f"{'senders':>7}  {'command':<20}{'p50 ms':>8}{'p99 ms':>8}")
            for senders in (1, 8):
                rows = {}
                for name, cmd, text in commands:
                    def make(i, text=text, n=senders):
                        return text(i, n)

                    send(local, cmd, make(-1))  # warm up
                    times, lags = run(local, cmd, make, args.requests, senders)
                    rows[name] = (pct(times, 50), pct(times, 99))
                    print(f"{senders:>7}  {name:<20}{rows[name][0]:>8.1f}{rows[name][1]:>8.1f}")
                    if len(lags) > 1:
                        print(f"{senders:>7}  {'  its card after ack':<20}"
                              f"{pct(lags, 50):>8.1f}{pct(lags, 99):>8.1f}")
                times = clicks(local, args.requests, senders)
                rows["Advance click"] = (pct(times, 50), pct(times, 99))
                print(f"{senders:>7}  {'Advance click':<20}{rows['Advance click'][0]:>8.1f}"
                      f"{rows['Advance click'][1]:>8.1f}")
                base = rows.get("/ping (ack only)")
                for name in ("/deal new", "Advance click") if base else ():
                    ratio = (rows[name][0] / base[0], rows[name][1] / base[1])
                    print(f"{senders:>7}  {'ratio ' + name:<20}{ratio[0]:>8.2f}{ratio[1]:>8.2f}")


if __name__ == "__main__":
    main()
