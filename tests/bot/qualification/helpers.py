"""Shared setup of the qualification tests: a deal, a BANT check, the history, a stage."""

from bot.common.money import parse_amount
from bot.deals import service as deals
from bot.qualification import bant
from bot.qualification.rule import Answers
from storage import queries

T = "T0TEST"


def new(s, name="Acme", team=T, amount=None):
    return deals.create(
        session=s, team_id=team, actor="U0ANN", name=name,
        amount=parse_amount(amount) if amount else None,
    ).deal


def qualify(s, deal, answers=("confirmed", "decision_maker", "critical", "month"), **kw):
    kw.setdefault("expected_stage_id", deal.stage_id)
    return bant.qualify(session=s, team_id=deal.team_id, actor=kw.pop("actor", "U0ANN"),
                        ref=str(deal.number), answers=Answers(*answers), **kw)


def kinds(s, deal):
    return [(a.kind, a.from_value, a.to_value)
            for a in queries.history(session=s, team_id=deal.team_id, deal_id=deal.id)]


def stage(s, key):
    return next(x for x in queries.stages(session=s, team_id=T) if x.key == key)


