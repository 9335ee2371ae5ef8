"""The shape of a feature's error wording: per code, a template or a function of the data."""

from collections.abc import Callable

# A str is formatted with the error's data (string values escaped for mrkdwn first);
# a function gets the data as keywords and escapes what it shows itself.
Wording = str | Callable[..., str]
