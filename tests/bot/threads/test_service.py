"""A deal's thread as its record: replies become notes once; edits and deletions follow."""

from bot.deals import service as deals
from bot.threads import service as threads
from storage import queries

T = "T0TEST"
CARD = "1800000000.000001"


def carded(s, name="Acme"):
    deal = deals.create(session=s, team_id=T, actor="U0ANN", name=name).deal
    deal.channel_id, deal.card_ts = "C0SALES", CARD
    s.flush()
    return deal


def say(s, text, ts="1800000000.000100", event_id="Ev1", thread_ts=CARD):
    return threads.reply(
        session=s,
        team_id=T,
        event_id=event_id,
        channel="C0SALES",
        thread_ts=thread_ts,
        ts=ts,
        user="U0BOB",
        text=text,
    )


def notes(s, deal):
    return [
        (a.kind, a.actor_id, a.note, a.deleted_at is not None)
        for a in queries.history(session=s, team_id=T, deal_id=deal.id)
        if a.kind == "reply"
    ]


def test_a_reply_in_the_card_thread_is_kept_as_typed_once(session):
    deal = carded(session)
    view = say(session, "R&D wants <SSO>")
    assert view.deal.number == 1
    assert say(session, "R&D wants <SSO>") is None  # Slack's retry of the same event
    assert say(session, "R&D wants <SSO>", event_id="Ev2") is None  # same message, new event id
    assert notes(session, deal) == [("reply", "U0BOB", "R&D wants <SSO>", False)]


def test_a_reply_elsewhere_is_not_a_note(session):
    deal = carded(session)
    assert say(session, "hello", thread_ts="1700000000.000001") is None
    assert (
        threads.reply(
            session=session,
            team_id="T0OTHER",
            event_id="Ev9",
            channel="C0SALES",
            thread_ts=CARD,
            ts="1800000000.000200",
            user="U0X",
            text="x",
        )
        is None
    )
    assert notes(session, deal) == []


def test_an_edit_rewrites_the_note_and_a_deletion_marks_it(session):
    deal = carded(session)
    say(session, "budget 10k")
    edited = threads.edited(
        session=session, team_id=T, event_id="Ev2", ts="1800000000.000100", text="budget 12k"
    )
    assert edited.deal.id == deal.id
    assert notes(session, deal) == [("reply", "U0BOB", "budget 12k", False)]
    assert (
        threads.deleted(session=session, team_id=T, event_id="Ev3", ts="1800000000.000100")
        is not None
    )
    assert (
        threads.deleted(session=session, team_id=T, event_id="Ev4", ts="1800000000.000100") is None
    )  # already deleted
    assert notes(session, deal) == [("reply", "U0BOB", "budget 12k", True)]
    assert threads.edited(session=session, team_id=T, event_id="Ev5", ts="1.0", text="x") is None


def test_a_long_reply_is_cut_to_the_limit(session):
    deal = carded(session)
    say(session, "x" * (threads.REPLY_MAX + 10))
    assert len(notes(session, deal)[0][2]) == threads.REPLY_MAX


def test_change_dms_are_on_until_turned_off(session):
    assert threads.wants_dms(session=session, team_id=T, user_id="U0ANN") is True
    threads.set_dms(session=session, team_id=T, user_id="U0ANN", on=False)
    assert threads.wants_dms(session=session, team_id=T, user_id="U0ANN") is False
    threads.set_dms(session=session, team_id=T, user_id="U0ANN", on=True)
    assert threads.wants_dms(session=session, team_id=T, user_id="U0ANN") is True

