"""Pipeline templates: stages named in the past tense, from the buyer's side."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StageSpec:
    """A stage as a template defines it."""

    key: str
    name: str
    probability: int
    kind: str = "open"


WON = StageSpec("won", "Won", 100, "won")
LOST = StageSpec("lost", "Lost", 0, "lost")

# The generic seven of DOMAIN.md: prospecting, lead qualification, initial contact,
# needs assessment, proposal/quote, negotiation, closing; each a state already reached.
GENERIC = (
    StageSpec("prospect", "Prospect identified", 5),
    StageSpec("qualified", "Lead qualified", 10),
    StageSpec("contacted", "First meeting held", 20),
    StageSpec("needs", "Needs confirmed", 35),
    StageSpec("proposal", "Proposal received", 50),
    StageSpec("negotiation", "Terms negotiated", 70),
    StageSpec("committed", "Verbal commitment given", 90),
    WON,
    LOST,
)

# Inbound: leads arrive from marketing, so the pipeline starts at qualification.
INBOUND = (
    StageSpec("qualified", "Lead qualified", 10),
    StageSpec("contacted", "First meeting held", 20),
    StageSpec("needs", "Needs confirmed", 35),
    StageSpec("proposal", "Proposal received", 50),
    StageSpec("negotiation", "Terms negotiated", 70),
    StageSpec("committed", "Verbal commitment given", 90),
    WON,
    LOST,
)

# Outbound: prospecting and first contact come before qualification.
OUTBOUND = (
    StageSpec("prospect", "Prospect identified", 5),
    StageSpec("contacted", "First contact made", 10),
    StageSpec("qualified", "Lead qualified", 20),
    StageSpec("needs", "Needs confirmed", 35),
    StageSpec("proposal", "Proposal received", 50),
    StageSpec("negotiation", "Terms negotiated", 70),
    StageSpec("committed", "Verbal commitment given", 90),
    WON,
    LOST,
)

# Account-based: the account is researched and mapped before anyone is contacted.
ACCOUNT_BASED = (
    StageSpec("target", "Target account identified", 5),
    StageSpec("stakeholders", "Stakeholder list built", 10),
    StageSpec("strategy", "Initial strategy compiled", 15),
    StageSpec("contacted", "First stakeholders contacted", 25),
    StageSpec("presented", "Presentation given to stakeholders", 40),
    StageSpec("proposal", "Proposal received", 60),
    StageSpec("negotiation", "Terms negotiated", 80),
    WON,
    LOST,
)

# Relationship: the process goes on after the sale.
RELATIONSHIP = (
    StageSpec("qualified", "Lead qualified", 10),
    StageSpec("contacted", "First meeting held", 20),
    StageSpec("needs", "Needs confirmed", 35),
    StageSpec("proposal", "Proposal received", 55),
    StageSpec("negotiation", "Terms negotiated", 75),
    WON,
    StageSpec("checked_in", "First check-in done", 100, "won"),
    StageSpec("upsell", "Upsell proposed", 100, "won"),
    LOST,
)

# Team selling: a research stage after qualification, where analyst, marketing and
# the rep share what they learned about the account.
TEAM = (
    StageSpec("prospect", "Prospect identified", 5),
    StageSpec("qualified", "Lead qualified", 10),
    StageSpec("researched", "Account researched by the team", 20),
    StageSpec("contacted", "First meeting held", 30),
    StageSpec("proposal", "Proposal received", 50),
    StageSpec("negotiation", "Terms negotiated", 70),
    StageSpec("committed", "Verbal commitment given", 90),
    WON,
    LOST,
)

TEMPLATES: dict[str, tuple[StageSpec, ...]] = {
    "generic": GENERIC,
    "inbound": INBOUND,
    "outbound": OUTBOUND,
    "account-based": ACCOUNT_BASED,
    "relationship": RELATIONSHIP,
    "team": TEAM,
}
