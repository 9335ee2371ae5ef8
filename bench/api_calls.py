"""Web API calls that one `/deal new` costs, by method, through the real app and the stand-in.

    python bench/api_calls.py [--deals 20] [--home]

`--home` first opens the creator's Home tab, so each new deal also republishes it.
"""

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from bot.local.loopback import LocalSlack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=20)
    parser.add_argument("--home", action="store_true", help="the creator has opened Home")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalSlack(f"sqlite:///{Path(tmp) / 'b.db'}") as local,
    ):
        if args.home:
            local.driver.app_home_opened("U0ANN")
        before = len(local.standin.calls)
        for i in range(args.deals):
            local.driver.slash(f"new Bench {i} 12k")
        local.settle()
        calls = Counter(c.method for c in local.standin.calls[before:])
    total = sum(calls.values())
    print(f"{total / args.deals:.2f} Web API calls per /deal new ({args.deals} deals):")
    for method, n in calls.most_common():
        print(f"  {method}: {n / args.deals:.2f}")


if __name__ == "__main__":
    main()
