"""bench/load.py end to end with tiny counts: its processes start, talk and stop, and every
table it promises is printed with nothing failed or refused. No figure is judged here."""

import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]


def test_the_load_bench_runs_every_part(empty_database_url):
    postgres = empty_database_url.startswith("postgresql")
    cmd = [sys.executable, str(ROOT / "bench" / "load.py"), "--quick", "--requests", "4",
           "--seconds", "0.1", "--rate", "20", "--ceiling", "0.3", "--sizes", "30",
           "--activities", "60", "--replicas", "2"]
    if postgres:  # a database beside the test's: the bench drops and creates the one it gets
        url = make_url(empty_database_url)
        url = url.set(database=url.database + "_load").render_as_string(hide_password=False)
        cmd += ["--database-url", url]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    rows = [line.split() for line in out.splitlines()]
    for load in (["1", "sender"], ["8", "senders"], ["20/s", "steady"]):
        for command in (["bare", "/ping"], ["/deal", "new"], ["Advance", "click"]):
            row = next(r for r in rows if r[:2] == load and r[2:4] == command)
            n, failed = int(row[4]), int(row[-1])
            assert n > 0 and failed == 0, row
    replicas = ["1 replica", "2 replicas"] if postgres else ["1 replica"]
    for name in replicas:
        row = next(line for line in out.splitlines() if line.startswith(name)).split()
        assert int(row[2]) > 0 and int(row[-1]) == 0, row  # commands done, none failed
    assert "refused" not in out
    digest = out[out.index("3. Digest"):]
    assert "30 " in digest and "exit 0" in digest  # the size asked for, built
