"""The BANT forms a button or command opens, and the answers read back from a submitted form."""

from datetime import timedelta

from bot.common.errors import InvalidInput, NotAllowed
from bot.deals import outcomes
from bot.deals import service as deals
from handlers.kit.ids import Bant
from handlers.kit.metadata import ModalMeta
from handlers.qualification.listeners import FOLLOW_UP_DAYS, _answers, form_for, nurture_change
from storage.types import utcnow
from tests.words import refused

T = "T0TEST"


def test_each_button_opens_its_form_for_the_deal_where_it_is(session):
    d = deals.create(session=session, team_id=T, actor="U0ANN", name="Acme").deal
    bant = form_for(session, T, Bant.modal, "1", None, "C0SALES", "U0ANN")
    assert bant["callback_id"] == Bant.modal and "Qualify *#1 Acme*" in str(bant["blocks"][0])
    meta = ModalMeta.load(bant["private_metadata"])
    assert (meta.deal, meta.stage, meta.channel) == (1, d.stage_id, "C0SALES")
    assert form_for(session, T, Bant.disqualify, "1", d.stage_id, None, "U0ANN")["callback_id"] == (
        Bant.disqualify_modal
    )
    nurture = form_for(session, T, Bant.nurture, "1", d.stage_id, None, "U0ANN")
    suggested = utcnow().date() + timedelta(days=FOLLOW_UP_DAYS)
    assert suggested.isoformat() in str(nurture["blocks"])


def test_a_closed_deal_opens_no_form(session):
    deals.create(session=session, team_id=T, actor="U0ANN", name="Acme")
    outcomes.won(session=session, team_id=T, actor="U0ANN", ref="1")
    with refused(NotAllowed, "#1 Acme is Won; reopen it first with `/deal reopen 1`."):
        form_for(session, T, Bant.modal, "1", None, None, "U0ANN")


def test_answers_missing_from_a_form_are_told_per_field():
    problems: dict[str, str] = {}
    got = _answers({Bant.budget: "confirmed", Bant.authority: "unknown"}, problems)
    assert got is None and problems == {
        Bant.need: "Pick one of the Need answers.",
        Bant.timeline: "Pick one of the Timeline answers.",
    }
    full = {
        Bant.budget: "none",
        Bant.authority: "unknown",
        Bant.need: "nice",
        Bant.timeline: "none",
    }
    assert _answers(full, {}).need == "nice"


def test_a_nurture_form_without_a_day_is_refused_before_any_change():
    with refused(InvalidInput, "^Pick the day to follow up.$"):
        nurture_change(T, "U0ANN", ModalMeta(deal=1), {Bant.follow_up: ""})
