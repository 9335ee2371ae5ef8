"""Pipeline queries: counts and reads stay inside one workspace."""

from bot.deals import service as deals
from storage import pipeline_queries, queries

T = "T0TEST"


def test_counts_and_locked_reads_are_the_workspace_s_own(session):
    for team, name in ((T, "A"), (T, "B"), ("T0OTHER", "C")):
        deals.create(session=session, team_id=team, actor="U0ANN", name=name)
    first = queries.stages(session=session, team_id=T)[0]
    assert pipeline_queries.deal_counts(session=session, team_id=T) == {first.id: 2}
    assert pipeline_queries.deal_count(session=session, team_id=T) == 2
    assert pipeline_queries.lock_workspace(session=session, team_id=T).team_id == T
    locked = pipeline_queries.deals_on_stages(session=session, team_id=T, stage_ids=[first.id])
    assert [d.name for d in locked] == ["A", "B"]
    every = pipeline_queries.every_stage_fresh(session=session, team_id=T)
    assert [s.position for s in every] == sorted(s.position for s in every)
    assert {s.team_id for s in every} == {T}
