"""Accounts and contacts on a real database."""

import pytest

from bot.accounts import service as accounts
from bot.common.errors import InvalidInput
from bot.deals import edits
from bot.deals import service as deals
from tests.words import refused

T = "T0TEST"


def make(s, name, company=None):
    return deals.create(session=s, team_id=T, actor="U0ANN", name=name, company=company).deal


def test_same_company_however_it_is_typed_is_one_account(session):
    a = make(session, "Renewal", "Acme Corp")
    b = make(session, "Upsell", "  acme   CORP ")
    other_team = deals.create(
        session=session, team_id="T0OTHER", actor="U0X", name="X", company="Acme Corp"
    ).deal
    assert a.company_id == b.company_id != other_team.company_id


def test_contacts_belong_to_the_account_and_show_on_every_deal(session):
    make(session, "Renewal", "Acme Corp")
    make(session, "Upsell", "Acme Corp")
    _, c = accounts.add_contact(
        session=session,
        team_id=T,
        actor="U0ANN",
        ref="1",
        name="Ann Lee",
        email="Ann@Acme.com",
        title="CFO",
        role="decision maker",
    )
    assert (c.email, c.role) == ("ann@acme.com", "decision_maker")
    upsell = deals.get(session=session, team_id=T, ref="2")
    people = accounts.contacts(session=session, team_id=T, company_id=upsell.company_id)
    assert [p.name for p in people] == ["Ann Lee"]
    with refused(InvalidInput, "already a contact"):
        accounts.add_contact(
            session=session, team_id=T, actor="U0ANN", ref="2", name="Ann", email="ann@acme.com"
        )


@pytest.mark.parametrize("email", ["ann", "ann@", "ann@acme", "a b@acme.com", ""])
def test_bad_email_is_refused(session, email):
    make(session, "Renewal", "Acme Corp")
    with refused(InvalidInput, "is not an email address"):
        accounts.add_contact(
            session=session, team_id=T, actor="U0ANN", ref="1", name="Ann", email=email
        )


def test_contact_needs_the_deal_to_have_a_company(session):
    make(session, "Renewal")
    with refused(InvalidInput, "has no company yet"):
        accounts.add_contact(
            session=session, team_id=T, actor="U0ANN", ref="1", name="Ann", email="ann@acme.com"
        )
    edits.change(
        session=session, team_id=T, actor="U0ANN", ref="1", field="company", value="Acme Corp"
    )
    accounts.add_contact(
        session=session, team_id=T, actor="U0ANN", ref="1", name="Ann", email="ann@acme.com"
    )


@pytest.mark.usefixtures("everyone_admin")
def test_account_combines_its_deals_history_in_order(session):
    make(session, "Renewal", "Acme Corp")
    make(session, "Beta", "Beta Inc")
    make(session, "Upsell", "Acme Corp")
    deals.move(session=session, team_id=T, actor="U0BOB", ref="1", to="needs", force=True)
    acc = accounts.account(session=session, team_id=T, name="acme")
    assert acc.company.name == "Acme Corp"
    assert [v.deal.number for v in acc.deals] == [1, 3]
    assert [(d.number, a.kind) for d, a in acc.history] == [
        (1, "created"),
        (3, "created"),
        (1, "moved"),
    ]


def test_unknown_or_ambiguous_account(session):
    make(session, "A", "Acme Corp")
    make(session, "B", "Acme Labs")
    with refused(InvalidInput, "fits several accounts"):
        accounts.account(session=session, team_id=T, name="acme")
    with refused(InvalidInput, "No account is called"):
        accounts.account(session=session, team_id=T, name="globex")


def test_a_buying_role_by_key_or_name_and_an_unknown_one_lists_the_roles():
    assert accounts.check_role("Decision maker") == "decision_maker"
    assert accounts.check_role("CHAMPION") == "champion"
    assert accounts.check_role(None) is None and accounts.check_role("") is None
    with refused(InvalidInput, "`boss` is not a buying role; use one of: Decision maker, "
                 "Influencer, Champion, User, Blocker."):
        accounts.check_role("boss")


def test_a_contact_needs_a_name_and_an_account_needs_words(session):
    make(session, "Renewal", "Acme Corp")
    with refused(InvalidInput, "A contact needs a name"):
        accounts.add_contact(
            session=session, team_id=T, actor="U0ANN", ref="1", name=" ", email="ann@acme.com"
        )
    with refused(InvalidInput, "Which account?"):
        accounts.account(session=session, team_id=T, name="  ")
    assert accounts.contacts(session=session, team_id=T, company_id=None) == []
