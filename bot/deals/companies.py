"""The companies (accounts) deals belong to: found by name, created on first use."""

from sqlmodel import Session

from bot.common.text import clean_line
from bot.deals import matching
from storage import queries
from storage.models import Company

COMPANY_NAME_MAX = 200
# The folded key is cut to its column (company.name_key, varchar(200)): folding can make a
# name longer (ß is ss, ﬃ is ffi), and PostgreSQL refuses a value too long for its column.
# Cutting the key, not the name, keeps the name as typed; two names that agree on their
# first 200 folded characters are one company, which no real pair of companies does.
NAME_KEY_MAX = 200


def fold_company(name: str) -> str:
    """A company name folded so that `Acme  corp` and `ACME Corp` are one company."""
    return matching.fold(name)[:NAME_KEY_MAX]


def company_for(session: Session, team_id: str, name: str | None) -> Company | None:
    """The workspace's company of that name, created on first use."""
    if not name or not clean_line(name):
        return None
    name = clean_line(name)[:COMPANY_NAME_MAX]
    found = queries.company_by_key(session=session, team_id=team_id, name_key=fold_company(name))
    if found:
        return found
    row = Company(team_id=team_id, name=name, name_key=fold_company(name))
    session.add(row)
    session.flush()
    return row
