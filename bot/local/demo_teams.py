"""The demo's sales teams: two teams, each a manager and sellers, and a manager's team digest.

`dealbot demo` runs these steps after its tour (see bot/local/demo.py).
"""

from collections.abc import Callable

from bot.local.standin import Driver, SlackStandIn

Step = tuple[str, Callable[[Driver, SlackStandIn], object]]

NEWCOMERS = [
    ("U0DAN", "dan", "Dan Dawson", "Europe/London"),
    ("U0EVE", "eve", "Eve Evans", "America/Chicago"),
]


def join(s: SlackStandIn) -> None:
    """Two more people join the demo workspace (a manager and a seller of the second team)."""
    for uid, name, real, tz in NEWCOMERS:
        s.users.setdefault(
            uid, {"id": uid, "name": name, "real_name": real, "tz": tz, "is_bot": False}
        )


def team_digest_steps(settle: Callable[[], object]) -> list[Step]:
    """Two sales teams set up with `/deal team`, a deal each, and bob's team digest."""

    def slash(text: str, user: str) -> Callable[[Driver, SlackStandIn], object]:
        def act(d: Driver, s: SlackStandIn) -> None:
            typed = text
            for uid, name, *_ in [("U0BOB", "bob"), ("U0CAT", "cat"), *NEWCOMERS]:
                typed = typed.replace(f"@{name}", d.mention(uid))
            d.slash(typed, user=user)
            settle()

        return act

    return [
        ("@dan and @eve join Demo Co's Slack", lambda d, s: join(s)),
        ("@ann (an admin) types  /deal team new East @bob", slash("team new East @bob", "U0ANN")),
        ("@bob types  /deal team add East @cat", slash("team add East @cat", "U0BOB")),
        ("@ann types  /deal team new West @dan", slash("team new West @dan", "U0ANN")),
        ("@dan types  /deal team add West @eve", slash("team add West @eve", "U0DAN")),
        ("@cat types  /deal new Umbrella 20k", slash("new Umbrella 20k", "U0CAT")),
        (
            "@eve types  /deal new Wayne Enterprises 15k",
            slash("new Wayne Enterprises 15k", "U0EVE"),
        ),
        ("@eve types  /deal won wayne", slash("won wayne", "U0EVE")),
        ("@bob types  /deal list team", slash("list team", "U0BOB")),
        (
            "@bob types  /deal digest filter team East  (#sales now counts East's deals only)",
            slash("digest filter team East", "U0BOB"),
        ),
        ("@bob types  /deal digest now: his team's digest", slash("digest now", "U0BOB")),
    ]
