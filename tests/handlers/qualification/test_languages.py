"""The pipeline and BANT surfaces in fi, fr and ro: the reader's words, stage names, numbers and
plurals, and Block Kit that Slack still accepts (its length limits hold in every language)."""

from datetime import date

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.deals.service import DealView
from bot.i18n import speaking
from bot.pipeline.editor import Editor
from bot.pipeline.stages import PURPOSES, PipelineInfo, StageCount
from bot.pipeline.templates import GENERIC, NAMES
from bot.qualification.bant import Qualified
from bot.qualification.rule import Answers, verdict
from handlers.kit.metadata import ModalMeta
from handlers.pipeline.editor_blocks import editor_modal
from handlers.pipeline.stages import pipeline_blocks, stage_line
from handlers.qualification.blocks import (
    bant_modal,
    disqualify_modal,
    gate_blocks,
    nurture_modal,
    result_blocks,
)
from storage.models import Deal, Stage

STAGES = [
    Stage(id=i + 1, team_id="T", key=s.key, name=s.name, position=i, probability=s.probability,
          kind=s.kind)
    for i, s in enumerate(GENERIC)
]  # fmt: skip
META = ModalMeta(channel="C0SALES", deal=12, stage=1)
LANGS = ["fi", "fr", "ro"]


def valid_view(v: dict) -> dict:
    assert View(**v).to_dict() == v  # slack_sdk checks lengths (title 24, option 75, ...)
    return v


def valid(bs: list[dict]) -> list[dict]:
    for b in bs:
        assert Block.parse(b).to_dict() == b
    return bs


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("fi", "4. *Tarjous vastaanotettu* · `proposal` · 50\u00a0% · 2 kauppaa"),
        ("fr", "4. *Proposition reçue* · `proposal` · 50\u00a0% · 2 affaires"),
        ("ro", "4. *Ofertă primită* · `proposal` · 50\u00a0% · 2 tranzacții"),
        ("en", "4. *Proposal received* · `proposal` · 50% · 2 deals"),
    ],
)
def test_a_stage_line_in_the_readers_language(lang: str, line: str) -> None:
    with speaking(lang):
        assert stage_line(StageCount(STAGES[4], 2), 4) == line


@pytest.mark.parametrize("lang", LANGS)
def test_the_pipeline_in_each_language_keeps_custom_names(lang: str) -> None:
    mine = [Stage(**{**s.model_dump(), "name": "Demo held"}) if s.key == "needs" else s
            for s in STAGES]  # fmt: skip
    rows = [StageCount(s, 1) for s in mine]
    with speaking(lang):
        said = str(valid(pipeline_blocks(PipelineInfo("generic", rows, list(PURPOSES.items())))))
    assert NAMES["Proposal received"][lang] in said and "Proposal received" not in said
    assert "*Demo held*" in said  # the team's own name, as typed
    assert "Your pipeline" not in said and "Closing stages" not in said


@pytest.mark.parametrize("lang", LANGS)
def test_the_stage_editor_shows_template_names_in_the_readers_language(lang: str) -> None:
    ed = Editor(stages=[StageCount(s, 0) for s in STAGES], fingerprint="0" * 16)
    with speaking(lang):
        v = valid_view(editor_modal(ed, "C1"))
    values = [b["element"].get("initial_value") for b in v["blocks"] if b["type"] == "input"]
    assert NAMES["Won"][lang] in values and "Won" not in values
    assert v["title"]["text"] != "Edit stages"


def result(answers, stage=0, moved_to=None) -> Qualified:
    deal = Deal(id=12, team_id="T", number=12, name="Acme", currency="EUR",
                stage_id=STAGES[stage].id, owner_id="U0ANN", created_by="U0ANN")  # fmt: skip
    a = Answers(*answers)
    view = DealView(deal=deal, stage=STAGES[stage], stages=STAGES)
    return Qualified(view=view, verdict=verdict(a), answers=a, moved_to=moved_to)


@pytest.mark.parametrize(
    ("lang", "qualified", "moved"),
    [
        ("fi", "on kvalifioitu: *SQL · kuuma* (4/4 täyttyy).", "Liidi kvalifioitu"),
        ("fr", "est qualifié : *SQL · chaud* (4 sur 4 remplis).", "Lead qualifié"),
        ("ro", "este calificat: *SQL · fierbinte* (4 din 4 îndeplinite).", "Lead calificat"),
    ],
)
def test_a_bant_verdict_in_each_language(lang: str, qualified: str, moved: str) -> None:
    with speaking(lang):
        said = str(valid(result_blocks(result(("confirmed", "influencer", "critical", "month"),
                                              1, STAGES[1]))))  # fmt: skip
        against = str(valid(result_blocks(result(("none", "no_access", "nice", "none")))))
    assert qualified in said and moved in said
    assert "no budget" not in against and "candidate" not in against


@pytest.mark.parametrize("lang", LANGS)
def test_every_bant_form_is_valid_and_translated(lang: str) -> None:
    with speaking(lang):
        forms = [
            bant_modal(META, "#12 Acme", None, threshold=3, value="4 500 €"),
            disqualify_modal(META, "#12 Acme"),
            nurture_modal(META, "#12 Acme", date(2026, 6, 1)),
        ]
        gate = valid(gate_blocks(12, 1, 5, "#12"))
    for form in forms:
        valid_view(form)
    english = {"Qualify (BANT)", "Disqualify lead", "Keep nurturing", "Save", "Disqualify"}
    shown = {f["title"]["text"] for f in forms} | {f["submit"]["text"] for f in forms}
    assert not shown & english, shown & english
    assert "Move anyway" not in str(gate) and "Qualify now" not in str(gate)
    options = [o["text"]["text"] for b in forms[0]["blocks"] if b["type"] == "input"
               for o in b["element"].get("options", [])]  # fmt: skip
    assert "Confirmed" not in options and len(options) == 16
