"""Thread queries: the deal of a card and the reply of a message, within one workspace."""

from bot.deals import service as deals
from bot.threads import service as threads
from storage import thread_queries

T = "T0TEST"


def test_a_card_and_a_reply_are_found_only_in_their_workspace(session):
    deal = deals.create(session=session, team_id=T, actor="U0ANN", name="A").deal
    deal.channel_id, deal.card_ts = "C0SALES", "1.0"
    session.flush()
    found = thread_queries.deal_by_card(
        session=session, team_id=T, channel_id="C0SALES", card_ts="1.0"
    )
    assert found.id == deal.id
    assert (
        thread_queries.deal_by_card(
            session=session, team_id="T0OTHER", channel_id="C0SALES", card_ts="1.0"
        )
        is None
    )
    threads.reply(
        session=session,
        team_id=T,
        event_id="E1",
        channel="C0SALES",
        thread_ts="1.0",
        ts="2.0",
        user="U0BOB",
        text="hi",
    )
    assert thread_queries.reply_by_ts(session=session, team_id=T, ts="2.0").note == "hi"
    assert thread_queries.reply_by_ts(session=session, team_id="T0OTHER", ts="2.0") is None

