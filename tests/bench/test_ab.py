"""bench/ab.py end to end with tiny counts (on SQLite): a worktree of HEAD serves beside this
checkout, the sides take turns, each run is printed with nothing failed, and the worktree
is gone afterwards; one run of bench/ab_run.py --clicks clicks every card it made."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def worktrees() -> list[str]:
    listed = subprocess.run(["git", "-C", str(ROOT), "worktree", "list", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout
    return [line.split(" ", 1)[1] for line in listed.splitlines()
            if line.startswith("worktree ")]


def test_both_sides_run_in_turn_and_the_worktree_is_removed(tmp_path):
    cmd = [sys.executable, str(ROOT / "bench" / "ab.py"), "--base", "HEAD", "--runs", "2",
           "--requests", "6", "--warm", "2"]
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # where ab.py makes its worktree
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    runs = [line.split() for line in done.stdout.splitlines() if line[:1].isdigit()]
    assert [(r[0], r[1]) for r in runs] == [("1", "base"), ("1", "head"),
                                            ("2", "head"), ("2", "base")]
    assert all(float(r[2]) > 0 and r[-1] == "0" for r in runs), runs  # CPU spent, none failed
    assert {line.split()[1] for line in done.stdout.splitlines()
            if line.startswith("median")} == {"base", "head"}
    assert not [w for w in worktrees() if w.startswith(str(tmp_path))]


def test_a_run_of_clicks_clicks_every_card(tmp_path):
    cmd = [sys.executable, str(ROOT / "bench" / "ab_run.py"), "--requests", "5", "--warm", "2",
           "--clicks"]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["failed"] == 0 and figures["cpu_ms"] > 0 and figures["p99"] > 0
    # each click's card updated and its move's line posted in the thread
    assert figures["calls"] == {"chat.update": 5, "chat.postMessage": 5}
