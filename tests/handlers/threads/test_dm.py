"""Which messages in dealbot's DM get the help: only a person's new message."""

from slack_bolt import BoltContext

from handlers.threads.dm import in_dm, is_a_person_typing

CONTEXT = BoltContext({"bot_user_id": "U0DEALBOT"})


def test_only_dm_events_are_this_listeners():
    assert in_dm({"type": "message", "channel_type": "im"})
    assert not in_dm({"type": "message", "channel_type": "channel"})
    assert not in_dm({"type": "message"})


def test_a_persons_new_message_is_answered():
    assert is_a_person_typing({"user": "U0BOB", "text": "hi"}, CONTEXT)


def test_dealbot_bots_edits_and_other_subtypes_are_not():
    assert not is_a_person_typing({"user": "U0DEALBOT", "text": "help"}, CONTEXT)
    assert not is_a_person_typing({"user": "U0BOB", "bot_id": "B1"}, CONTEXT)
    assert not is_a_person_typing({"subtype": "message_changed", "user": "U0BOB"}, CONTEXT)
    assert not is_a_person_typing({"subtype": "file_share", "user": "U0BOB"}, CONTEXT)
    assert not is_a_person_typing({"text": "no author"}, CONTEXT)
