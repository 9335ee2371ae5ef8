"""What a card says in a notification, and why a card could not be posted."""

from handlers.deals.posting import card_text, why_not_posted
from tests.handlers.deals.test_card import view


def test_the_notification_text_names_the_deal_its_value_and_stage():
    assert card_text(view(name="A<b>")) == "#12 A&lt;b&gt; · $12,000 · Prospect identified"


def test_a_refused_card_says_how_to_fix_it():
    assert "/invite @dealbot" in why_not_posted("not_in_channel")
    assert "private channel or a DM" in why_not_posted("channel_not_found")
    assert why_not_posted("is_archived") == "Slack refused the card here (is_archived)."
