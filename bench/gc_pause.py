"""How long a full garbage collection stops dealbot, before and after the startup objects
are frozen out of it (bot/runtime/collector.py).

    python bench/gc_pause.py [--runs 5]

The real app is built (bot/local/loopback.py, SQLite in a temporary directory) and takes
50 `/deal new` to warm its caches, as `dealbot serve` would be after a few minutes; then a
full collection (`gc.collect()`, what Python runs now and then as objects pile up; every
thread waits for it) is timed `--runs` times, then again once `freeze_startup_objects()`
has run. Prints the objects the collector walks and the median pause.
"""

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from bot.local.loopback import LocalSlack
from bot.runtime.collector import freeze_startup_objects


def pause_ms(runs: int) -> float:
    """Median ms of a full collection."""
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        gc.collect()
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def main() -> None:
    """Build and warm the app, then time full collections before and after the freeze."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalSlack(f"sqlite:///{Path(tmp) / 'gc.db'}") as local,
    ):
        for i in range(50):
            local.driver.slash(f"new Warm {i} 1k")
        local.settle()
        before, walked = pause_ms(args.runs), len(gc.get_objects())
        freeze_startup_objects()
        after, left = pause_ms(args.runs), len(gc.get_objects())
        print(
            f"full collection: {before:.1f} ms over {walked:,} objects; after the freeze "
            f"{after:.1f} ms over {left:,} ({gc.get_freeze_count():,} frozen)"
        )


if __name__ == "__main__":
    main()
