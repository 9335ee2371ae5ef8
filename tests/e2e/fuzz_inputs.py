"""Seeded random inputs for the fuzzer: /deal texts, block_actions and view_submissions."""

import json
import random
from typing import Any

from handlers.followups import dms as reminders
from handlers.kit.ids import Action, Bant, Callback

SUBCOMMANDS = [
    "", "help", "new", "list", "show", "move", "won", "lost", "reopen", "note", "set", "tag",
    "contact", "account", "notify", "qualify", "qualify-rule", "stages", "digest", "find",
    "report", "undo", "NEW", "frobnicate",
]  # fmt: skip
WORDS = [
    "value", "close", "owner", "source", "next", "name", "company", "mine", "all", "stale",
    "page", "use", "inbound", "generic", "team", "strict", "on", "off", "daily", "weekly",
    "now", "filter", "min", "clear", "stage", "mon", "09:00", "25:99", "Europe/Helsinki",
    "Mars/Base", "proposal", "qualified", "won", "lost", "price", "referral", "2026-12-31",
    "2026-02-30", "yesterday", "Acme", "Corp", "Beta", "acme corp", "CFO", "ann@acme.com",
    "<mailto:ann@acme.com|ann@acme.com>",
]  # fmt: skip
NUMBERS = [
    "12k", "1.5 2k", "94.27 16", "12,5", "1,234.56", "1.234,56", "1.234.567", "$12,000",
    "€4 500", "4 500 €", "EUR 4500", "£300", "¥5000", "¥5000.5", "12kk", "1.2345k", "-5",
    "−5", "12-15k", ".5k", "12.", "0", "1e5", "0x1F", "１２", "٣", "12 500.5 3", "$12€",
    "USD 12 EUR", "12 k", "1,5 2", "1.5\u00a02", "1\u202f000.5 5", "#1", "#2", "1", "2", "3",
    "#0", "#999999999", "99999999999999999999", "9" * 30, "1.5.5", "1,,5", "NaN", "Infinity",
]  # fmt: skip
MENTIONS = [
    "<@U0BOB|bob>", "<@U0CAT|cat>", "<@U0ANN|ann>", "<@UDEALBOT|dealbot>", "<@U0FUZZ|ghost>",
    "<@W0FUZZ>", "<@U" + "A" * 40 + "|long>",
]  # fmt: skip
# What must never come back unescaped: each is checked for in everything the app shows.
PINGS = [
    "<!channel>", "<!here>", "<!everyone>", "<!subteam^S0FUZZ|@sales>",
    "<https://fuzz.example/x|click me>", "<#C0FUZZ|secret>",
]  # fmt: skip
MARKUP = ["&lt;!channel&gt;", "*bold*", "`code`", "```", "_i_", "~s~", "&amp;", "&", '"',
          '"Acme Corp"', '"unclosed', "|", ":", "%", "\\"]
# A lone surrogate cannot be UTF-8 (a command drops it) but JSON carries one ("\ud83d").
CONTROL = ["\x00", "a\x00b", "\x01", "\x07", "\x1b[31mred", "\x7f", "\u200b", "\ufeff",
           "\u2028", "\r\n", "\n", "\t", "\x0b", "\x85", "\x9b", "\ud83d"]
UNICODE = ["ß", "ẞ", "Straße", "🎉", "👩‍💻", "\u202eevil", "مرحبا", "עברית", "e\u0301", "ﬁ",
           "İstanbul", "ǅ", "\U0001d400", "ß" * 200, "🎉" * 80]
CATEGORIES = [(WORDS, 6), (NUMBERS, 5), (MENTIONS, 2), (PINGS, 2), (MARKUP, 2), (CONTROL, 2),
              (UNICODE, 2)]


def long_token(rng: random.Random) -> str:
    """One very long token: Slack lets a message carry 40,000 characters."""
    size = rng.choice([151, 201, 2001, 3001, 40_000])
    unit = rng.choice(["x", "9", "ß", "<!channel>", "a\x00", "🎉"])
    return (unit * size)[:size]


def atom(rng: random.Random) -> str:
    """One piece of a command: a grammar word, an odd number, a mention, a ping, ..."""
    if rng.random() < 0.03:
        return long_token(rng)
    pool = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
    return rng.choice(pool)


def command_text(rng: random.Random) -> str:
    """A random /deal text built from the grammar's words and the odd pieces above."""
    head = rng.choice(SUBCOMMANDS) if rng.random() < 0.9 else atom(rng)
    parts = [head, *(atom(rng) for _ in range(rng.randint(0, 5)))]
    glue = "" if rng.random() < 0.1 else " "
    return glue.join(parts)


REMINDER_BUTTONS = [reminders.DONE, reminders.SNOOZE, reminders.SHOW]  # on the reminder DM
ACTION_IDS = [*list(Action), Bant.qualify_now, Bant.move_anyway, Bant.disqualify, Bant.nurture,
              *REMINDER_BUTTONS, "not_ours"]
CALLBACK_IDS = [*list(Callback), Bant.modal, Bant.disqualify_modal, Bant.nurture_modal]
MISSING = object()
VALUES: list[Any] = [
    MISSING, None, "", "x", "1", "1:", ":", "1:2:3:4", "0|mine", "abc|", "|", "30|all",
    "-1:0", "1:-5", "99999999999:1", "1:99999999999999999999", "1:1\x00", "1.5:2",
    "１:２", 5, 1.5, True, [], {}, {"deal": 1}, "x" * 3000, "<!channel>:1", "1:1:1",
]  # fmt: skip


def pick_value(rng: random.Random, stages: list[int]) -> Any:
    """An element value: missing, of the wrong type, broken, or plausible with real ids."""
    if rng.random() < 0.3 and stages:
        deal, frm, to = rng.randint(0, 4), rng.choice(stages), rng.choice(stages)
        return rng.choice([f"{deal}:{frm}", f"{deal}:{frm}:{to}", f"{deal}:0", f"0|{deal}"])
    return rng.choice(VALUES)


def block_action(rng: random.Random, base: dict[str, Any], stages: list[int]) -> dict[str, Any]:
    """A block_actions payload from a real click's `base`, with an odd action and parts."""
    payload = json.loads(json.dumps(base))
    action = payload["actions"][0]
    action["action_id"] = rng.choice(ACTION_IDS)
    for key in ("value", "selected_option"):
        action.pop(key, None)
    value = pick_value(rng, stages)
    if value is not MISSING:
        action["value"] = value
    if rng.random() < 0.3:
        chosen = pick_value(rng, stages)
        option = {} if chosen is MISSING else {"value": chosen}
        action["selected_option"] = rng.choice([None, "x", {}, option, {"value": None}])
    if rng.random() < 0.2:
        payload["view"] = rng.choice([{"type": "home", "id": "V0FUZZ"}, {"type": "modal"}, "x"])
    if rng.random() < 0.15:
        payload.pop(rng.choice(["trigger_id", "channel", "response_url", "container", "message",
                                "view", "state"]), None)
    if rng.random() < 0.05:
        payload["actions"] = rng.choice([[], [{}], "x"])
    if rng.random() < 0.05:
        payload.pop(rng.choice(["user", "team"]), None)
    return payload


def form_state(rng: random.Random, view: dict[str, Any]) -> Any:
    """`state` of a submission: odd shapes, or every input filled with fuzzed values."""
    odd = [None, "x", [], {"values": "x"}, {"values": {"b": "x"}}, {"values": {"b": {"a": 5}}},
           {"values": {"b": {"a": {"type": "plain_text_input"}}}}, {"values": []}]
    if rng.random() < 0.3:
        return rng.choice(odd)
    values: dict[str, Any] = {}
    for block in view.get("blocks") or []:
        element = block.get("element") or {}
        if block.get("type") != "input" or "action_id" not in element:
            continue
        kind, text = element.get("type"), command_text(rng)
        entry: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "radio_buttons", "external_select"):
            options = [o["value"] for o in element.get("options") or []] or ["x"]
            entry["selected_option"] = rng.choice([None, {"value": rng.choice(options)},
                                                   {"value": text}, "x"])
        elif kind == "multi_users_select":
            entry["selected_users"] = rng.choice([["U0BOB"], ["U0FUZZ"], [], "U0BOB", None])
        elif kind == "users_select":
            entry["selected_user"] = rng.choice(["U0BOB", "U0FUZZ", "", None, 5])
        elif kind == "datepicker":
            entry["selected_date"] = rng.choice(["2030-01-01", "2020-01-01", "2030-02-30", text])
        else:
            entry["value"] = rng.choice([text, text, None, 5, ["x"]])
        values[block["block_id"]] = {element["action_id"]: entry}
    return {"values": values}


METADATA = [None, "", "{", "null", "[]", "5", '{"deal": "x"}', '{"deal": 1, "stage": 99999}',
            '{"channel": "C0FUZZ", "deal": 1}', '{"deal": 99999999999999999999}',
            '{"deal": 2}', '{"deal": 1, "stage": "1"}', "x" * 3000]


def view_submission(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """A view_submission payload from a real one's `base`, with odd state and metadata."""
    payload = json.loads(json.dumps(base))
    view = payload["view"]
    if rng.random() < 0.3:
        view["callback_id"] = rng.choice(CALLBACK_IDS)
    view["state"] = form_state(rng, view)
    if rng.random() < 0.5:
        view["private_metadata"] = rng.choice(METADATA)
        if view["private_metadata"] is None:
            del view["private_metadata"]
    if rng.random() < 0.05:
        view.pop(rng.choice(["state", "blocks", "callback_id", "id"]), None)
    if rng.random() < 0.05:
        payload["view"] = rng.choice(["x", None, []])
    return payload
