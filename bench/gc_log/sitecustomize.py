"""Log every garbage collection over 5 ms, in every Python process started with this
directory on PYTHONPATH (the bench, the stand-in, each `dealbot serve` and worker):

    PYTHONPATH=bench/gc_log DEALBOT_GC_LOG=/tmp/gc.log .venv/bin/python bench/load.py ...

One line per collection: wall time, pid, the process's command line, generation, ms,
objects collected. How the stand-in's 150 to 360 ms full collections were found
(docs/performance.md, *The eighth round*)."""

import gc
import os
import sys
import time

_LOG = os.environ.get("DEALBOT_GC_LOG", "/tmp/dealbot-gc.log")
_MIN_S = float(os.environ.get("DEALBOT_GC_LOG_MS", "5")) / 1000
_started: list[float] = [0.0]


def _timed(phase: str, info: dict) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    took = time.perf_counter() - _started[0]
    if took >= _MIN_S:
        with open(_LOG, "a") as f:
            f.write(f"{time.time():.3f} pid={os.getpid()} gen={info['generation']} "
                    f"ms={took * 1000:.1f} collected={info['collected']} "
                    f"argv={' '.join(sys.argv[:3])}\n")


gc.callbacks.append(_timed)
