"""What the shortcuts say: their refusals and confirmations (mrkdwn unless noted)."""

FROM_BOT = (
    "That message was posted by a bot or an app, not by a person, so {nothing}. "
    "Use the shortcut on a message someone wrote, or type {instead}."
)
OTHER_WORKSPACE = (
    "That message was written in another organization's workspace (a channel shared "
    "through Slack Connect). dealbot keeps only what your own workspace says, so {nothing}. "
    "Copy what matters into {instead}."
)
DELETED = (
    "That message was deleted, so {nothing}. Use the shortcut on a message that is still there."
)
NOTHING = {"lead": "no lead was created", "note": "nothing was added to a deal"}
INSTEAD = {"lead": "`/deal new Acme Corp 12k`", "note": "`/deal note 12 what they said`"}

IN_THREAD = "The card goes in the message's thread."
PICK_CHANNEL = (
    "I can't post in that conversation (I'm not in it and can't join it), so choose a "
    "channel for the card below."
)
GLOBAL_INTRO = "A new lead: its card goes in the channel you choose below."
CONTACT = (
    "{who} is not on your team (a guest of this workspace): they become the lead's source contact."
)

CANNOT_SEE = (
    "I can't post in that channel: it is private and I'm not in it. Invite me there with "
    "/invite @dealbot, or choose another channel."
)
ARCHIVED = "That channel is archived. Choose another channel."
NOT_A_CHANNEL = "Choose a channel for the card, not a direct message."

ADD_TITLE = "Add to deal"
ADD_LABEL = "Deal"
ADD_PLACEHOLDER = "Type a deal's number or part of its name"
ADD_HINT = "Open and closed deals. The message becomes a note with its author, time and link."
ADDED = "Added the message to {deal} as a note."
TAG_OFFER = "{people} {verb} mentioned in it. Tag them on {deal}?"
TAG_BUTTON = "Tag them"
TAGGED = "Tagged {people} on {deal}."
TAG_REASON = "mentioned in a message added to the deal"
NOTE_HEAD = "Message from {author} in #{channel}, {when}:"
