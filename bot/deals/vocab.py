"""Words of the sales domain the product offers as choices."""

# Where leads come from (DOMAIN.md "Sources"), key -> label.
SOURCES: dict[str, str] = {
    "inbound": "Inbound (web form, ad, content, chat)",
    "outbound": "Outbound (cold call, cold email)",
    "referral": "Referral from a customer",
    "event": "Event (fair, webinar, meetup)",
    "social": "LinkedIn / social media",
    "list": "Purchased list",
    "partner": "Partner / network",
    "customer": "Existing customer (repeat, upsell)",
    "reopened": "Lost deal re-opened",
}

# Why deals are lost, for the reason picker; free text can add detail.
LOSS_REASONS: dict[str, str] = {
    "price": "Price too high",
    "competitor": "Went with a competitor",
    "budget": "No budget",
    "authority": "No access to the decision maker",
    "no_decision": "No decision / went quiet",
    "timing": "Bad timing",
    "fit": "Product not a fit",
    "disqualified": "Disqualified",
    "other": "Other",
}
