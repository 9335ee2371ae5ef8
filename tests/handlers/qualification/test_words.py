"""What a seller reads when qualification refuses: the same words as before, data escaped."""

from datetime import date

from bot.common.errors import InvalidInput, NeedsQualification, NotAllowed, StaleDeal
from handlers.kit.errors import offer, words


def test_a_closed_deal_names_itself_escaped_and_says_how_to_reopen():
    e = NotAllowed("qualify_closed", deal=2, name="<!here> *Beta*", stage="Won")
    assert words(e) == (
        "#2 &lt;!here&gt; \u200b*Beta\u200b* is Won; reopen it first with `/deal reopen 2`."
    )


def test_the_gate_says_what_comes_after_what_and_offers_a_way_forward():
    e = NeedsQualification(
        "needs_qualification",
        deal=12,
        frm=1,
        to=5,
        name="Acme",
        target="Proposal received",
        gate="Lead qualified",
    )
    said = (
        "#12 Acme is not qualified yet, and deals from Lead qualified on should be. "
        "Qualify it first (`/deal qualify 12`), or move it to Proposal received anyway."
    )
    assert words(e) == said
    [text, actions] = offer(e)
    assert text["text"]["text"] == said
    assert [b["action_id"] for b in actions["elements"]] == ["bant_qualify_now", "bant_move_anyway"]
    strict = NotAllowed("qualified_only", deal=12, name="Acme", gate="Lead qualified")
    assert words(strict) == (
        "#12 Acme is not qualified yet, and this workspace only takes qualified deals into "
        "Lead qualified and beyond (won too). Qualify it first with `/deal qualify 12`."
    )
    assert offer(strict) is None


def test_answers_dates_and_limits_are_worded_from_the_data():
    assert words(InvalidInput("bant_answer_missing", part="timeline")) == (
        "Pick one of the Timeline answers."
    )
    assert words(
        InvalidInput("follow_up_in_the_past", day=date(2026, 4, 30), today=date(2026, 5, 1))
    ) == ("2026-04-30 is in the past; pick today (2026-05-01) or later.")
    assert words(InvalidInput("bad_threshold", threshold=5, thresholds=[2, 3, 4])) == (
        "The rule counts 2, 3 or 4 of the four; e.g. `/deal qualify-rule 3`."
    )
    assert words(StaleDeal("changed_meanwhile", number=3)) == (
        "#3 was changed by someone else at the same moment; nothing was changed. "
        "Look at `/deal show 3` and try again."
    )
