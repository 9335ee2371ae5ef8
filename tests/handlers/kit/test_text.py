"""Small pieces of message text: history lines, values, places, timestamps; user text escaped."""

from datetime import UTC, date, datetime

from handlers.kit import text as fmt
from storage.models import Activity, Deal
from tests.handlers.deals.test_card import view


def act(kind: str, frm: str | None = None, to: str | None = None, note: str | None = None):
    return Activity(team_id="T", deal_id=1, actor_id="U0ANN", kind=kind, from_value=frm,
                    to_value=to, note=note)


def test_history_lines_say_who_did_what():
    assert fmt.activity(act("moved", "Prospect", "Proposal")) == (
        "<@U0ANN> moved it from Prospect to Proposal"
    )
    assert fmt.activity(act("owner", "U0ANN", "U0BOB")) == (
        "<@U0ANN> handed it over from <@U0ANN> to <@U0BOB>"
    )
    assert fmt.activity(act("note", note="<!channel> *now*")) == (
        "<@U0ANN> added a note: &lt;!channel&gt; \u200b*now\u200b*"
    )
    assert fmt.activity(act("value", None, "$5")) == "<@U0ANN> changed the value from – to $5"
    assert fmt.activity(act("<odd>")) == "<@U0ANN> &lt;odd&gt;"


def test_values_titles_and_places():
    d = Deal(number=7, name="A&B", value_minor=1_250_000, currency="EUR", team_id="T",
             stage_id=1, owner_id="U", created_by="U")
    assert fmt.deal_title(d) == "#7 A&amp;B"
    assert (fmt.value(d), fmt.value(d, short=True)) == ("€12,500", "€12.5k")
    d.value_minor = None
    assert fmt.value(d) == "–"
    assert (fmt.day(date(2026, 12, 31)), fmt.day(None)) == ("2026-12-31", "–")
    assert fmt.user(None) == "nobody"
    assert fmt.stage_place(view(stage=4)) == "Proposal received (5/7)"
    assert fmt.stage_place(view(stage=7)) == "Won"


def test_timestamps_show_in_the_reader_s_zone_with_a_fallback():
    at = datetime(2026, 3, 2, 12, 30, tzinfo=UTC)
    assert fmt.when(at) == f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|" \
        "2026-03-02 12:30 UTC>"
    assert fmt.days_since(datetime(2026, 3, 1, tzinfo=UTC), now=at) == 1
    assert fmt.days_since(at, now=datetime(2026, 3, 1, tzinfo=UTC)) == 0


def test_what_the_user_typed_is_echoed_escaped_on_one_short_line():
    assert fmt.echo("<!channel> please") == "&lt;!channel&gt; please"
    assert fmt.echo("a\n  b") == "a b"
    long = fmt.echo("<@U0BOB|bob>" * 5000)
    assert long.endswith("…") and len(long) < 2 * fmt.ECHO_MAX and "<" not in long
    assert fmt.echo("x" * fmt.ECHO_MAX) == "x" * fmt.ECHO_MAX
