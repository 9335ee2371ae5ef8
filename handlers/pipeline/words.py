"""What the user reads when a pipeline operation refuses: wording per domain error code."""

from handlers.kit.wording import Wording

WORDS: dict[str, Wording] = {}
