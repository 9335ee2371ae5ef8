"""Companies: one per folded name in a workspace, made on first use."""

from bot.deals.companies import company_for, fold_company
from bot.workspaces.service import ensure_workspace

T = "T0TEST"


def test_one_company_per_name_whatever_the_case_and_spacing(session):
    for team in (T, "T0OTHER"):
        ensure_workspace(session=session, team_id=team)
    first = company_for(session, T, "  Acme   Corp ")
    assert (first.name, first.name_key) == ("Acme Corp", "acme corp")
    assert company_for(session, T, "ACME corp").id == first.id
    assert company_for(session, "T0OTHER", "Acme Corp").id != first.id
    assert company_for(session, T, "   ") is None and company_for(session, T, None) is None


def test_folding():
    assert fold_company("Acme\t Corp") == fold_company("acme corp") == "acme corp"


def test_a_name_that_grows_when_folded_keeps_its_key_inside_the_column(session):
    """ß folds to ss: a 200-character name has a 400-character fold; PostgreSQL refused it."""
    ensure_workspace(session=session, team_id=T)
    company = company_for(session, T, "ß" * 200)
    session.flush()
    assert company.name == "ß" * 200 and len(company.name_key) <= 200
    assert company_for(session, T, "SS" * 100).id == company.id  # the same folded name
    assert company_for(session, T, "x" + "ß" * 199).id != company.id
