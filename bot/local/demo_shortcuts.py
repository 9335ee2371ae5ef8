"""The demo's shortcuts: a prospect writes in #inbound, a seller makes a lead of the message
("Create lead from message"), and its card lands in that message's thread.

`dealbot demo` runs these steps after its tour (see bot/local/demo.py).
"""

from collections.abc import Callable

from bot.local.standin import Driver, Message, SlackStandIn
from bot.local.standin import shortcuts as sc

Step = tuple[str, Callable[[Driver, SlackStandIn], object]]

INBOUND = "C0INBOUND"
PROSPECT = "U0PAT"
MESSAGE = (
    "Nordlys Oy would like a demo for our 40-person sales team\n"
    "Hi! Budget is around €18,000 a year. You can reach me at pat@nordlys.fi."
)


def shortcut_steps(settle: Callable[[], object]) -> list[Step]:
    """Pat (a guest) writes in #inbound; ann runs the message shortcut and creates the lead."""
    held: dict[str, Message] = {}

    def pat_writes(d: Driver, s: SlackStandIn) -> None:
        sc.add_person(s, PROSPECT, "pat", "Pat Prospect", guest=True, email="pat@nordlys.fi")
        sc.add_channel(s, INBOUND, "inbound", ["U0ANN", "U0BOB", "U0CAT", PROSPECT])
        held["message"] = sc.say(s, INBOUND, PROSPECT, MESSAGE)

    def shortcut(d: Driver, s: SlackStandIn) -> None:
        sc.message_shortcut(d, sc.callback_of("Create lead from message"), held["message"])
        settle()

    def create(d: Driver, s: SlackStandIn) -> None:
        d.submit(s.open_views("U0ANN")[-1]["id"], {})
        settle()

    return [
        ("Pat Prospect, a guest in the public #inbound channel, writes there", pat_writes),
        (
            "@ann opens the message's ⋮ menu and picks  Create lead from message  "
            "(the New lead form, prefilled from the message)",
            shortcut,
        ),
        (
            "@ann clicks [ Create ]: dealbot joins #inbound and posts the card in the "
            "message's thread, Pat as the source contact",
            create,
        ),
        (
            "@ann types  /deal show nordlys  (the history keeps the message's link)",
            lambda d, s: (d.slash("show nordlys"), settle()),
        ),
    ]
