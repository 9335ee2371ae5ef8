"""Workspaces: created with the generic pipeline on first use, once, and kept apart."""

from sqlmodel import select

from bot.pipeline.templates import GENERIC
from bot.workspaces.service import ensure_workspace
from storage import queries
from storage.models import Stage

T = "T0TEST"


def test_first_use_creates_the_workspace_with_the_generic_pipeline(session):
    ws = ensure_workspace(session=session, team_id=T, name="Acme")
    assert (ws.team_id, ws.name, ws.pipeline_template) == (T, "Acme", "generic")
    assert [(s.key, s.position) for s in queries.stages(session=session, team_id=T)] == [
        (spec.key, i) for i, spec in enumerate(GENERIC)
    ]


def test_later_uses_return_the_same_workspace_and_seed_nothing_more(session):
    first = ensure_workspace(session=session, team_id=T)
    again = ensure_workspace(session=session, team_id=T, name="ignored")
    assert again is first
    assert len(session.exec(select(Stage).where(Stage.team_id == T)).all()) == len(GENERIC)


def test_each_workspace_has_its_own_stages(session):
    ensure_workspace(session=session, team_id=T)
    ensure_workspace(session=session, team_id="T0OTHER")
    ours = {s.id for s in queries.stages(session=session, team_id=T)}
    theirs = {s.id for s in queries.stages(session=session, team_id="T0OTHER")}
    assert len(ours) == len(theirs) == len(GENERIC) and not ours & theirs
