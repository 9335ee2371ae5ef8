"""Python's cyclic garbage collector, set for a long-running server.

A full collection walks every object the process holds: with Bolt, slack_sdk, SQLAlchemy
and the app loaded that is hundreds of thousands, and a request that met one waited for
it (74 to 109 ms at 8 senders, bench in docs/performance.md). What exists once the app
is built (modules, the app, its listeners, compiled statements) lives as long as the
process, so it is frozen out of every collection (`gc.freeze`, as large Python services
do); what requests make is still collected.
"""

import gc


def freeze_startup_objects() -> None:
    """Call once the app is built, before it takes requests (in each worker process)."""
    gc.collect()  # what startup left as garbage goes now, not frozen for good
    gc.freeze()
