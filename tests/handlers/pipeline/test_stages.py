"""/deal stages in Block Kit and words: the pipeline, a switch's summary, the usage. Pure."""

from slack_sdk.models.blocks import Block

from bot.pipeline.stages import PURPOSES, Mapping, PipelineInfo, StageCount, Switch
from handlers.kit.layout import plural
from handlers.pipeline.stages import pipeline_blocks, stage_line, switch_text, usage
from storage.models import Stage


def test_pipeline_blocks_stay_valid_and_within_slack_limits_when_huge():
    rows = [
        StageCount(
            Stage(
                id=i,
                team_id="T",
                key=f"k{i}",
                name="<!here> " + "x" * 70,
                position=i,
                probability=i % 100,
                kind="open",
            ),
            i,
        )
        for i in range(400)
    ]
    blocks = pipeline_blocks(PipelineInfo("generic", rows, list(PURPOSES.items())))
    assert 1 < len(blocks) <= 50
    assert all(Block.parse(b).to_dict() == b for b in blocks)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= 3000 for t in sections) and "<!here>" not in str(blocks)
    assert "400. *&lt;!here&gt;" in str(blocks)


def test_a_switch_summary_lists_each_mapping_and_what_stayed():
    sw = Switch("inbound", "generic", True, [Mapping("Prospect identified", "<Lead>", 1)], kept=2)
    assert switch_text(sw) == (
        "Your pipeline now uses the *inbound* template (it was generic).\n"
        "Prospect identified → &lt;Lead&gt;: 1 deal\n"
        "2 deals kept their stage."
    )
    quiet = Switch("team", "generic", True, [], kept=1)
    assert switch_text(quiet).splitlines()[1:] == ["No deal had to move.", "1 deal kept its stage."]
    same = Switch("team", "team", False)
    assert (
        switch_text(same) == "Your pipeline already uses the *team* template. Nothing was changed."
    )


def test_a_stage_line_and_the_usage_name_what_to_type():
    stage = Stage(
        id=1,
        team_id="T",
        key="needs",
        name="Needs *confirmed*",
        position=3,
        probability=35,
        kind="open",
    )
    assert stage_line(StageCount(stage, 1), 4) == (
        "4. *Needs \u200b*confirmed\u200b** · `needs` · 35% · 1 deal"
    )
    assert (plural(0), plural(1), plural(2, "stage")) == ("0 deals", "1 deal", "2 stages")
    assert "`/deal stages use inbound`" in usage() and "`account-based`" in usage()
