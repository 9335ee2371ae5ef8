"""What the shortcuts say: their refusals and confirmations (mrkdwn unless noted).

Marked N_() here and translated where they are used; NOTE_HEAD and TAG_REASON are stored
with the deal (a note's first line, a tag's reason), so they stay English.
"""

from bot.i18n import N_

FROM_BOT = N_(
    "That message was posted by a bot or an app, not by a person, so {nothing}. "
    "Use the shortcut on a message someone wrote, or type {instead}."
)
OTHER_WORKSPACE = N_(
    "That message was written in another organization's workspace (a channel shared "
    "through Slack Connect). dealbot keeps only what your own workspace says, so {nothing}. "
    "Copy what matters into {instead}."
)
DELETED = N_(
    "That message was deleted, so {nothing}. Use the shortcut on a message that is still there."
)
NOTHING = {"lead": N_("no lead was created"), "note": N_("nothing was added to a deal")}
INSTEAD = {"lead": "`/deal new Acme Corp 12k`", "note": "`/deal note 12 what they said`"}

IN_THREAD = N_("The card goes in the message's thread.")
PICK_CHANNEL = N_(
    "I can't post in that conversation (I'm not in it and can't join it), so choose a "
    "channel for the card below."
)
GLOBAL_INTRO = N_("A new lead: its card goes in the channel you choose below.")
CONTACT = N_(
    "{who} is not on your team (a guest of this workspace): they become the lead's source contact."
)

CANNOT_SEE = N_(
    "I can't post in that channel: it is private and I'm not in it. Invite me there with "
    "/invite @dealbot, or choose another channel."
)
ARCHIVED = N_("That channel is archived. Choose another channel.")
NOT_A_CHANNEL = N_("Choose a channel for the card, not a direct message.")

ADD_TITLE = N_("Add to deal")
ADD_LABEL = N_("Deal")
ADD_PLACEHOLDER = N_("Type a deal's number or part of its name")
ADD_HINT = N_("Open and closed deals. The message becomes a note with its author, time and link.")
ADDED = N_("Added the message to {deal} as a note.")
TAG_BUTTON = N_("Tag them")
TAGGED = N_("Tagged {people} on {deal}.")
TAG_REASON = "mentioned in a message added to the deal"
NOTE_HEAD = "Message from {author} in #{channel}, {when}:"
