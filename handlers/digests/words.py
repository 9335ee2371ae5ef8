"""What the user reads when a digest or nudge operation refuses: wording per domain error code."""

from handlers.kit.wording import Wording

WORDS: dict[str, Wording] = {
    "digest_bad_time": "`{text}` is not a time of day; write it as HH:MM, e.g. 09:00.",
    "digest_bad_zone": (
        "`{text}` is not a time zone; use an IANA name such as "
        "`Europe/Helsinki` or `America/New_York`."
    ),
    "digest_bad_weekday": "`{text}` is not a weekday; use mon, tue, wed, thu, fri, sat or sun.",
    "digest_none_here": "This channel has no digest yet: `/deal digest daily 09:00` first.",
    "digest_one_owner": "Name one owner: `/deal digest filter owner @ann`.",
    "snooze_not_after_today": "Snooze until a day after today ({today}).",
    "snooze_no_reason": "Say why the deal can wait, e.g. “their budget opens in March”.",
    "snooze_no_day": "Pick the day the deal should come back.",
}
