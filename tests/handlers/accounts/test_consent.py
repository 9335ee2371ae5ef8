"""A contact's marketing consent is shown with them once it is known."""

from handlers.accounts.blocks import person
from storage.models import Contact


def test_consent_shows_when_known():
    ann = Contact(team_id="T", company_id=1, name="Ann Lee", email="ann@acme.com")
    assert person(ann) == "*Ann Lee* · ann@acme.com"
    ann.marketing_consent = True
    assert person(ann) == "*Ann Lee* · ann@acme.com · marketing: yes"
    ann.marketing_consent = False
    assert person(ann) == "*Ann Lee* · ann@acme.com · marketing: no"
