"""bench/gc_log: a process started with it on PYTHONPATH logs its slow collections."""

import os
import subprocess
import sys
from pathlib import Path

GC_LOG = Path(__file__).resolve().parents[2] / "bench" / "gc_log"
CYCLES = (  # 300,000 lists that hold themselves: garbage only a full collection frees
    "import gc\nx = [[] for _ in range(300_000)]\nfor a in x: a.append(a)\ndel x, a\n"
    "gc.collect()\n"
)


def test_a_slow_full_collection_is_logged_with_its_process(tmp_path):
    log = tmp_path / "gc.log"
    env = {**os.environ, "PYTHONPATH": str(GC_LOG), "DEALBOT_GC_LOG": str(log),
           "DEALBOT_GC_LOG_MS": "0"}  # fmt: skip
    subprocess.run([sys.executable, "-c", CYCLES], env=env, check=True, timeout=60)
    lines = log.read_text().splitlines()
    full = [line for line in lines if " gen=2 " in line]
    assert full, lines
    freed = max(full, key=lambda line: int(line.split("collected=")[1].split()[0]))
    assert int(freed.split("collected=")[1].split()[0]) >= 300_000, lines
    assert "pid=" in freed and " ms=" in freed and freed.endswith("argv=-c")
