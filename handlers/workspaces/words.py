"""What dealbot says about its installation."""

# Shown (only to the person who asked) when a request comes from a workspace dealbot is
# not installed in, or was removed from: Bolt found no installation for it.
NOT_INSTALLED = (
    "dealbot is not installed in this workspace (or was removed from it), so nothing was "
    "done. A workspace admin can add it from dealbot's install page."
)
