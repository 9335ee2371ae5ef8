"""bench/replica_work.py end to end with tiny counts: on PostgreSQL each row is printed with
commands done, none failed and a card posted for each; on SQLite it says it needs
PostgreSQL. No figure is judged here (the database's counters are read without waiting for
them, so they are not checked)."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]


def test_the_replica_bench_prints_each_rows_work_per_command(empty_database_url):
    cmd = [sys.executable, str(ROOT / "bench" / "replica_work.py"), "--replicas", "2",
           "--rounds", "1", "--seconds", "0.5", "--stats-wait", "0"]
    if not empty_database_url.startswith("postgresql"):
        done = subprocess.run([*cmd, "--database-url", empty_database_url], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and "PostgreSQL" in done.stderr
        return
    url = make_url(empty_database_url)  # one beside the test's: the bench drops and creates it
    url = url.set(database=url.database + "_replicas").render_as_string(hide_password=False)
    done = subprocess.run([*cmd, "--database-url", url], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.split()[:1] in (["1"], ["2"])]
    assert [r[0] for r in rows] == ["1", "2"], done.stdout
    for _used, cmds, _rate, cpu, *_counts, calls, failed in rows:
        assert int(cmds) > 0 and int(failed) == 0 and float(cpu) > 0, rows
        assert float(calls) >= 1, rows  # a card posted per command
