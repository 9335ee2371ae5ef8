"""Accounts and their people in Block Kit: user text escaped, empty parts say what to do."""

from slack_sdk.models.blocks import Block

from handlers.accounts.blocks import people_blocks, person
from storage.models import Contact


def contact(**kw) -> Contact:
    return Contact(team_id="T", company_id=1, **{"name": "Ann Lee", "email": "ann@acme.com", **kw})


def test_a_person_is_one_line_with_what_is_known_escaped():
    assert person(contact(title="CFO", role="decision_maker")) == (
        "*Ann Lee* · CFO · Decision maker · ann@acme.com"
    )
    assert person(contact(name="<!channel>", email=None)) == "*&lt;!channel&gt;*"


def test_stakeholders_list_people_or_say_how_to_add_one():
    [empty] = people_blocks([], 7)
    assert "No contacts yet: `/deal contact 7 Ann Lee ann@acme.com CFO`." in str(empty)
    assert "`/deal contact <deal> Ann Lee" in str(people_blocks([]))
    [listed] = people_blocks([contact(), contact(name="Bo Chen", role="champion")])
    assert listed["text"]["text"] == (
        "*Stakeholders*\n*Ann Lee* · ann@acme.com\n*Bo Chen* · Champion · ann@acme.com"
    )
    assert Block.parse(listed).to_dict() == listed
