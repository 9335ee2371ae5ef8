"""Which message events are teammates' words: bots, dealbot itself and system messages are not."""

from slack_bolt import BoltContext

from handlers.threads.events import is_from_a_bot

CONTEXT = BoltContext({"bot_user_id": "U0DEALBOT"})


def test_a_person_is_not_a_bot():
    assert not is_from_a_bot({"user": "U0BOB", "text": "hi"}, CONTEXT)


def test_dealbot_other_bots_and_messages_without_a_person_are():
    assert is_from_a_bot({"user": "U0DEALBOT"}, CONTEXT)
    assert is_from_a_bot({"user": "U0BOB", "bot_id": "B1"}, CONTEXT)
    assert is_from_a_bot({"subtype": "bot_message", "user": "U0BOB"}, CONTEXT)
    assert is_from_a_bot({"text": "joined"}, CONTEXT)
