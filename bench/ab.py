"""Two revisions' `/deal new` (or Advance click) side by side in one sitting: the app's
CPU per command and the ack's p50 / p99, runs alternating, so the machine's drift between
sittings (a third or more on the development machine) is not read as a change.

    python bench/ab.py --base REV [--head REV] [--runs 4] [--requests 400] [--senders 8]
                       [--workers N] [--clicks] [--database-url URL]

Each revision serves from a git worktree of its own made for the run (`--head` defaults to
this checkout as it is, uncommitted changes included). A run is bench/ab_run.py in that
tree: a fresh database (SQLite in a temporary directory; a PostgreSQL URL's database is
dropped and created afresh), the stand-in and `dealbot serve --threads 8` (with
`--workers N` when given; CPU is then the arbiter's and its workers') each in its own
process, 100 commands to warm, then `--requests` `/deal new` from `--senders` senders
without pause (bench/load.py's closed loop) until every card is posted and Slack is quiet;
with `--clicks`, Advance clicks on as many fresh cards (made first, untimed) until every
card is updated. The order alternates (base first in odd runs). Prints every run and the
medians. Works for revisions that have the bench kit (bot/local/standin/remote.py,
bot/local/served.py).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FIGURES = ("cpu_ms", "p50", "p99")


def worktree(rev: str, where: Path) -> Path:
    """A detached worktree of `rev` at `where`."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                    str(where), rev], check=True)
    return where


def drop(tree: Path) -> None:
    """Remove a worktree made by worktree()."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                   check=False)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=False)


def one_run(tree: Path, args: argparse.Namespace) -> dict:
    """bench/ab_run.py served from `tree`: its figures."""
    cmd = [sys.executable, str(BENCH / "ab_run.py"), "--requests", str(args.requests),
           "--senders", str(args.senders), "--warm", str(args.warm)]
    if args.database_url:
        cmd += ["--database-url", args.database_url]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    if args.clicks:
        cmd.append("--clicks")
    done = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"a run in {tree} failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run both sides alternately and print each run and the medians."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the revision to compare against")
    ap.add_argument("--head", help="a revision (default: this checkout as it is)")
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--senders", type=int, default=8)
    ap.add_argument("--warm", type=int, default=100)
    ap.add_argument("--workers", type=int, help="dealbot serve --workers N")
    ap.add_argument("--database-url", help="PostgreSQL (dropped and created afresh per run)")
    ap.add_argument("--clicks", action="store_true", help="Advance clicks, not /deal new")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"base": worktree(args.base, Path(tmp) / "base")}
        try:
            trees["head"] = worktree(args.head, Path(tmp) / "head") if args.head else ROOT
            what = "Advance click" if args.clicks else "/deal new"
            print(f"{what}, {args.requests} from {args.senders} senders"
                  f"{f', --workers {args.workers}' if args.workers else ''}, "
                  f"{args.runs} runs each; base {args.base}, head {args.head or 'this checkout'}")
            print(f"{'run':<5}{'side':<6}{'CPU ms':>8}{'p50':>8}{'p99':>8}{'failed':>8}")
            seen: dict[str, list[dict]] = {"base": [], "head": []}
            for i in range(args.runs):
                for side in ("base", "head") if i % 2 == 0 else ("head", "base"):
                    got = one_run(trees[side], args)
                    seen[side].append(got)
                    print(f"{i + 1:<5}{side:<6}{got['cpu_ms']:8.2f}{got['p50']:8.1f}"
                          f"{got['p99']:8.1f}{got['failed']:8d}", flush=True)
            for side, runs in seen.items():
                mid = [statistics.median(r[f] for r in runs) for f in FIGURES]
                print(f"median {side:<5}{mid[0]:8.2f}{mid[1]:8.1f}{mid[2]:8.1f}")
        finally:
            for tree in trees.values():
                if tree != ROOT:
                    drop(tree)


if __name__ == "__main__":
    main()
