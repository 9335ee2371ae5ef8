"""What dealbot says about its installation."""

from bot.i18n import N_

# Shown (only to the person who asked) when a request comes from a workspace dealbot is
# not installed in, or was removed from: Bolt found no installation for it. Bolt sends this
# text itself, before any user or channel (so any language) is known: it stays English.
NOT_INSTALLED = N_(
    "dealbot is not installed in this workspace (or was removed from it), so nothing was "
    "done. A workspace admin can add it from dealbot's install page."
)
