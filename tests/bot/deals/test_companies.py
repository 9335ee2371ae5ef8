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
