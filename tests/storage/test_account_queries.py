"""Account queries: a company's people, deals and history, never another workspace's."""

from bot.accounts import service as accounts
from bot.deals import service as deals
from storage import account_queries

T = "T0TEST"


def test_a_company_s_rows_in_order_and_within_the_workspace(session):
    a = deals.create(session=session, team_id=T, actor="U0ANN", name="A", company="Acme").deal
    deals.create(session=session, team_id=T, actor="U0ANN", name="B", company="Acme")
    deals.create(session=session, team_id="T0OTHER", actor="U0X", name="X", company="Acme")
    accounts.add_contact(
        session=session, team_id=T, actor="U0ANN", ref="1", name="Ann", email="ann@acme.com"
    )
    cid = a.company_id
    rows = account_queries.company_deals(session=session, team_id=T, company_id=cid)
    assert [d.name for d in rows] == ["A", "B"]
    found = account_queries.contact_by_email(
        session=session, team_id=T, company_id=cid, email="ann@acme.com"
    )
    assert found.name == "Ann"
    assert account_queries.contacts(session=session, team_id="T0OTHER", company_id=cid) == []
    history = account_queries.company_history(session=session, team_id=T, company_id=cid, limit=2)
    assert [(d.name, act.kind) for d, act in history] == [("B", "created"), ("A", "contact")]
    assert account_queries.companies_named_like(session=session, team_id=T, part="%") == []
    assert len(account_queries.companies_named_like(session=session, team_id=T, part="acm")) == 1
