"""Words of the sales domain the product offers as choices (labels translated where shown;
stored data, like a lost reason, keeps the English label)."""

from bot.i18n import LANGUAGES, N_, speaking
from bot.i18n import _ as translated

# Where leads come from (DOMAIN.md "Sources"), key -> label.
SOURCES: dict[str, str] = {
    "inbound": N_("Inbound (web form, ad, content, chat)"),
    "outbound": N_("Outbound (cold call, cold email)"),
    "referral": N_("Referral from a customer"),
    "event": N_("Event (fair, webinar, meetup)"),
    "social": N_("LinkedIn / social media"),
    "list": N_("Purchased list"),
    "partner": N_("Partner / network"),
    "customer": N_("Existing customer (repeat, upsell)"),
    "reopened": N_("Lost deal re-opened"),
}

# Why deals are lost, for the reason picker; free text can add detail.
LOSS_REASONS: dict[str, str] = {
    "price": N_("Price too high"),
    "competitor": N_("Went with a competitor"),
    "budget": N_("No budget"),
    "authority": N_("No access to the decision maker"),
    "no_decision": N_("No decision / went quiet"),
    "timing": N_("Bad timing"),
    "fit": N_("Product not a fit"),
    "disqualified": N_("Disqualified"),
    "other": N_("Other"),
}


def in_every_language(label: str) -> list[str]:
    """A label as each language dealbot speaks writes it (English first), for matching what
    a seller types: `/deal set 12 source suosittelu` names the referral source."""
    names = []
    for lang in LANGUAGES:
        with speaking(lang):
            names.append(translated(label))
    return names
