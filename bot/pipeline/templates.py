"""Pipeline templates: stages named in the past tense, from the buyer's side."""

from dataclasses import dataclass

from bot.i18n import language


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

# The templates' stage names in the other languages: past tense, from the buyer's side, as
# sellers there write them (the seeds), not word for word. A workspace's stage shows in the
# reader's language while it keeps its template name; a renamed or custom stage shows as
# the team typed it. The English name is what is stored.
NAMES: dict[str, dict[str, str]] = {
    "Prospect identified": {
        "fi": "Prospekti tunnistettu", "fr": "Prospect identifié", "ro": "Prospect identificat",
    },
    "Lead qualified": {"fi": "Liidi kvalifioitu", "fr": "Lead qualifié", "ro": "Lead calificat"},
    "First meeting held": {
        "fi": "Ensitapaaminen pidetty", "fr": "Premier rendez-vous effectué",
        "ro": "Prima întâlnire a avut loc",
    },
    "First contact made": {
        "fi": "Ensimmäinen yhteydenotto tehty", "fr": "Premier contact établi",
        "ro": "Primul contact stabilit",
    },
    "Needs confirmed": {
        "fi": "Tarpeet vahvistettu", "fr": "Besoins confirmés", "ro": "Nevoi confirmate",
    },
    "Proposal received": {
        "fi": "Tarjous vastaanotettu", "fr": "Proposition reçue", "ro": "Ofertă primită",
    },
    "Terms negotiated": {
        "fi": "Ehdot neuvoteltu", "fr": "Conditions négociées", "ro": "Condiții negociate",
    },
    "Verbal commitment given": {
        "fi": "Suullinen sitoumus annettu", "fr": "Accord verbal donné",
        "ro": "Acord verbal exprimat",
    },
    "Won": {"fi": "Voitettu", "fr": "Gagné", "ro": "Câștigat"},
    "Lost": {"fi": "Hävitty", "fr": "Perdu", "ro": "Pierdut"},
    "Target account identified": {
        "fi": "Kohdeasiakas tunnistettu", "fr": "Compte cible identifié",
        "ro": "Cont țintă identificat",
    },
    "Stakeholder list built": {
        "fi": "Sidosryhmälista koottu", "fr": "Liste des parties prenantes établie",
        "ro": "Lista părților interesate întocmită",
    },
    "Initial strategy compiled": {
        "fi": "Alustava strategia laadittu", "fr": "Stratégie initiale élaborée",
        "ro": "Strategie inițială elaborată",
    },
    "First stakeholders contacted": {
        "fi": "Ensimmäisiin sidosryhmiin otettu yhteyttä",
        "fr": "Premières parties prenantes contactées",
        "ro": "Primele părți interesate contactate",
    },
    "Presentation given to stakeholders": {
        "fi": "Esitys pidetty sidosryhmille", "fr": "Présentation faite aux parties prenantes",
        "ro": "Prezentare susținută părților interesate",
    },
    "First check-in done": {
        "fi": "Ensimmäinen seuranta tehty", "fr": "Premier point de suivi effectué",
        "ro": "Primul follow-up făcut",
    },
    "Upsell proposed": {
        "fi": "Lisämyyntiä ehdotettu", "fr": "Vente additionnelle proposée",
        "ro": "Upsell propus",
    },
    "Account researched by the team": {
        "fi": "Asiakas kartoitettu tiimin kesken", "fr": "Compte étudié par l'équipe",
        "ro": "Cont analizat de echipă",
    },
}  # fmt: skip


def local_name(name: str, lang: str | None = None) -> str:
    """A stage's name as the reader sees it: a template name in the reader's language (the
    current one unless `lang`), any other name as the team typed it."""
    return NAMES.get(name, {}).get(lang or language(), name)


def every_name(name: str) -> list[str]:
    """The stage's name and, for a template name, that name in every language."""
    return [name, *NAMES.get(name, {}).values()]
