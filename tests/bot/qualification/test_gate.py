"""The qualification gate: an unqualified deal does not pass the qualification stage unasked."""

import pytest

from bot.common.errors import NeedsQualification, NotAllowed
from bot.qualification import bant, gate
from storage.models import Workspace
from tests.bot.qualification.helpers import T, new, qualify, stage
from tests.words import refused, told


def test_gate_asks_for_qualification_into_and_past_the_qualification_stage(session):
    deal = new(session)
    for key in ("prospect", "won", "lost"):  # before the gate; won and lost are not asked
        gate.gate(session=session, deal=deal, target=stage(session, key))  # allowed
    for key in ("qualified", "proposal"):  # the qualification stage itself, and past it
        with refused(NeedsQualification, "not qualified yet"):
            gate.gate(session=session, deal=deal, target=stage(session, key))
        gate.gate(session=session, deal=deal, target=stage(session, key), force=True)
    assert not session.get(Workspace, T).strict_qualification
    bant.set_strict(session=session, team_id=T, strict=True)
    for key in ("qualified", "proposal", "won"):
        with refused(NotAllowed, "only takes qualified deals"):
            gate.gate(session=session, deal=deal, target=stage(session, key), force=True)
    gate.gate(session=session, deal=deal, target=stage(session, "lost"))
    with pytest.raises(NeedsQualification):
        gate.gate(session=session, deal=deal, target=stage(session, "qualified"), strict=False)
    qualify(session, deal)
    gate.gate(session=session, deal=deal, target=stage(session, "proposal"))


def test_no_gate_and_no_move_without_a_qualified_stage(session):
    deal = new(session)
    q_stage = stage(session, "qualified")
    q_stage.key = "screened"
    session.add(q_stage)
    session.flush()
    gate.gate(session=session, deal=deal, target=stage(session, "proposal"))
    assert qualify(session, deal).moved_to is None


def test_the_offer_carries_the_move_and_names_the_deal_and_the_stages(session):
    deal = new(session, "<!channel> & co")
    with pytest.raises(NeedsQualification) as e:
        gate.gate(session=session, deal=deal, target=stage(session, "proposal"))
    assert (e.value.deal, e.value.frm, e.value.to) == (
        deal.number, deal.stage_id, stage(session, "proposal").id)
    assert told(e) == (
        "#1 &lt;!channel&gt; &amp; co is not qualified yet, and deals from Lead qualified on "
        "should be. Qualify it first (`/deal qualify 1`), or move it to Proposal received anyway."
    )


def test_the_qualification_stage_is_the_open_stage_keyed_qualified(session):
    new(session)
    assert gate.qualification_stage(session=session, team_id=T).name == "Lead qualified"
    assert gate.qualification_stage(session=session, team_id="T0NONE") is None
