"""The fuzzer's run: random inputs through the real app over signed HTTP, and what must hold.

Each input is checked as it is answered: no HTTP answer of 500 or more, no answer later
than Slack's 3 seconds, no unexpected error ("Something went wrong") in an answer or in
anything shown afterwards, nothing logged at ERROR, no call the stand-in says real Slack
would refuse, and no ping, link or labelled mention from the input shown unescaped.
"""

import logging
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.followups import service as followups
from bot.local.loopback import LocalSlack
from bot.local.standin.checks import check_view
from handlers.followups import dms as reminders
from storage import db
from storage.types import utcnow
from tests.e2e import fuzz_inputs as gen
from tests.e2e.helpers import payload_of, send_payload

SALES, USERS = "C0SALES", ["U0ANN", "U0BOB", "U0CAT"]
ACK_LIMIT_S = 3.0  # Slack gives up on an acknowledgement after three seconds
# What the fuzzed text carries that would ping, link or mention if it reached mrkdwn as it
# is. The app writes a mention as <@U123>, never with a |label: a labelled one is the input's
# (a thread reply keeps people and channels, written without their labels, by design).
UNESCAPED = re.compile(
    r"<(?:!(?:channel|here|everyone|subteam)|@[UW][A-Z0-9]*\||https?://fuzz|#C0FUZZ\|)"
)
UNEXPECTED = ("Something went wrong", "could not finish updating Slack")


@dataclass
class Findings:
    """What went wrong, by kind, with the first input that showed each kind."""

    counts: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    sent: Counter = field(default_factory=Counter)
    clicked: Counter = field(default_factory=Counter)  # block_actions sent, by action_id

    def add(self, kind: str, example: Any) -> None:
        """Count one finding; keep the first example of its kind."""
        self.counts[kind] += 1
        self.examples.setdefault(kind, summary(example))

    def report(self) -> str:
        """One line per kind: count, kind, and the first input that showed it."""
        return "\n".join(f"{n:6} {k}: {self.examples[k]}" for k, n in self.counts.most_common())


def summary(sent: Any) -> str:
    """A short description of an input: the text, or the parts of a payload that vary."""
    if not isinstance(sent, dict) or sent.get("type") not in ("block_actions", "view_submission"):
        return repr(sent)[:200]
    if sent["type"] == "block_actions":
        actions = sent.get("actions")
        action = actions[0] if isinstance(actions, list) and actions else actions
        if isinstance(action, dict):
            action = {k: action.get(k) for k in ("action_id", "value", "selected_option")}
        return f"block_actions {action!r:.160} view={sent.get('view')!r:.40}"
    view = sent.get("view")
    if not isinstance(view, dict):
        return f"view_submission view={view!r:.40}"
    meta, state = view.get("private_metadata"), view.get("state")
    return f"view_submission {view.get('callback_id')} meta={meta!r:.60} state={state!r:.160}"


def where(record: logging.LogRecord) -> str:
    """A logged error's exception and the innermost line of ours it came from."""
    if not record.exc_info:
        return record.getMessage()[:80]
    kind, exc, tb = record.exc_info
    place = ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if "/site-packages/" not in name:
            place = "/".join(name.split("/")[-2:]) + f":{tb.tb_lineno}"
        tb = tb.tb_next
    return f"{kind.__name__} at {place}: {str(exc)[:60]}"


def mrkdwn_texts(obj: Any) -> list[str]:
    """Every text Slack reads as mrkdwn in a message or view (plain_text is shown literally)."""
    if isinstance(obj, list):
        return [t for item in obj for t in mrkdwn_texts(item)]
    if not isinstance(obj, dict):
        return []
    if obj.get("type") == "mrkdwn" and isinstance(obj.get("text"), str):
        return [obj["text"]]
    return [t for k, v in obj.items() if k != "text" or isinstance(v, dict) for t in
            mrkdwn_texts(v)]


class ErrorLog(logging.Handler):
    """Keeps the app's error log records (an unexpected error logs its traceback)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


class Fuzzer:
    """Sends seeded random commands and payloads through `local` and collects findings."""

    def __init__(self, local: LocalSlack, seed: int) -> None:
        self.standin, self.driver = local.standin, local.driver
        self.rng = random.Random(seed)
        self.found = Findings()
        self.log = ErrorLog()
        self.seen = {"feed": 0, "failures": 0, "log": 0}
        self.stages: list[int] = []
        self.clicks: list[dict] = []
        self.forms: list[dict] = []
        self.acked = 0.0  # when the last answer arrived: the driver settles after it
        settle = self.driver.settle

        def timed_settle() -> None:
            self.acked = time.monotonic()
            if settle:
                settle()

        self.driver.settle = timed_settle

    def setup(self) -> None:
        """A few deals with cards, and the app's forms, to aim the payloads at."""
        for text in ("new Acme Corp 12k", "new Beta Labs €4 500", "new Gamma 1m <@U0BOB|bob>"):
            self.driver.slash(text)
        cards = [m for m in self.standin.messages(SALES) if m.blocks]
        for card in cards:
            self.clicks.append(payload_of(self.driver.click_body("deal_advance", message=card)))
        self.stages = sorted({int(c["actions"][0]["value"].split(":")[1]) for c in self.clicks})
        self.reminder_dm()
        for command in ("new", "qualify 1", "lost 2"):
            self.driver.slash(command)
        for action in ("deal_add_note", "deal_tag", "deal_add_contact"):
            self.driver.click(action, message=cards[0])
        team = self.standin.team_id
        for view in self.standin.open_views("U0ANN"):
            self.forms.append({
                "type": "view_submission", "team": {"id": team},
                "user": {"id": "U0ANN", "team_id": team}, "api_app_id": self.standin.app_id,
                "token": "vtoken-demo", "view": view,
            })
        self.check("setup")

    def reminder_dm(self) -> None:
        """A reminder due today, sent by DM: its Done, Snooze and Show are clicks to aim at."""
        now = utcnow()
        with db.session_scope() as s:
            today = followups.local_today(s, self.standin.team_id, now)
        self.driver.slash(f"remind 1 {today.isoformat()} call back")
        reminders.run_due(now)
        if self.driver.settle:
            self.driver.settle()
        dm = next(m for m in self.standin.messages("D0ANN") if "Reminder" in (m.text or ""))
        for action in gen.REMINDER_BUTTONS:
            self.clicks.append(payload_of(self.driver.click_body(action, message=dm)))

    def run(self, commands: int, payloads: int) -> Findings:
        """Send `commands` /deal texts and `payloads` interactive payloads, interleaved."""
        logging.getLogger().addHandler(self.log)
        try:
            self.setup()
            kinds = ["command"] * commands + ["payload"] * payloads
            self.rng.shuffle(kinds)
            for kind in kinds:
                self.command() if kind == "command" else self.payload()
        finally:
            logging.getLogger().removeHandler(self.log)
        return self.found

    def command(self) -> None:
        """One random /deal text from a random seller."""
        text = gen.command_text(self.rng).encode("utf-8", "ignore").decode()  # Slack's UTF-8
        self.found.sent["commands"] += 1
        start = time.monotonic()
        reply = self.driver.slash(text, user=self.rng.choice(USERS))
        self.answered(reply, start, text)

    def payload(self) -> None:
        """One random interaction: a click, a form submission or a thread reply."""
        roll = self.rng.random()
        if roll < 0.45:
            body = gen.block_action(self.rng, self.rng.choice(self.clicks), self.stages)
            self.found.sent["block_actions"] += 1
            actions = body.get("actions")
            if isinstance(actions, list) and actions and isinstance(actions[0], dict):
                self.found.clicked[str(actions[0].get("action_id"))] += 1
        elif roll < 0.9:
            body = gen.view_submission(self.rng, self.rng.choice(self.forms))
            self.found.sent["view_submissions"] += 1
        else:
            return self.thread_reply()
        if "response_url" in body:  # Slack gives every interaction fresh ones
            ts = (body.get("container") or {}).get("message_ts")
            body["response_url"] = self.standin.new_response_url(
                user="U0ANN", channel=SALES, message_ts=ts
            )
        if "trigger_id" in body or body.get("type") == "view_submission":
            body["trigger_id"] = self.standin.new_trigger_id("U0ANN")
        start = time.monotonic()
        reply = send_payload(self.driver, body)
        if body.get("type") == "view_submission" and reply.status == 200 and reply.json:
            self.view_answer(reply.json, body)
        self.answered(reply, start, body)

    def thread_reply(self) -> None:
        """A teammate's reply in a deal's thread, with fuzzed text; sometimes its edit."""
        card = self.rng.choice([m for m in self.standin.messages(SALES) if m.blocks])
        ts = self.standin.next_ts()
        event = {"type": "message", "channel": SALES, "user": self.rng.choice(USERS),
                 "text": gen.command_text(self.rng), "ts": ts, "thread_ts": card.ts,
                 "channel_type": "channel"}
        if self.rng.random() < 0.3:
            event = {"type": "message", "subtype": "message_changed", "channel": SALES,
                     "message": {**event, "text": gen.command_text(self.rng)}, "ts": ts}
        self.found.sent["events"] += 1
        start = time.monotonic()
        self.answered(self.driver.event(event), start, event)

    def answered(self, reply: Any, start: float, sent: Any) -> None:
        """The HTTP answer and what followed it: see the module's list."""
        if reply.status >= 500:
            self.found.add(f"HTTP {reply.status}", sent)
        if self.acked - start > ACK_LIMIT_S:
            self.found.add("answer later than 3 s", sent)
        if any(u in reply.body for u in UNEXPECTED):
            self.found.add("unexpected error in the answer", sent)
        text = (reply.json or {}).get("text")
        shown = " ".join([text if isinstance(text, str) else "", *mrkdwn_texts(reply.json)])
        if UNESCAPED.search(shown):
            self.found.add("unescaped ping or link in the answer", sent)
        self.check(sent)

    def view_answer(self, ack: dict, sent: dict) -> None:
        """A view_submission's answer must be one Slack accepts for that view."""
        action, view = ack.get("response_action"), sent.get("view")
        blocks = view.get("blocks") if isinstance(view, dict) else None
        if action == "errors":
            inputs = {b.get("block_id") for b in blocks or [] if b.get("type") == "input"}
            if not ack.get("errors") or not set(ack["errors"]) <= inputs:
                self.found.add("view errors on a field the view does not have", sent)
        elif action not in ("update", "push") or check_view(ack.get("view")):
            self.found.add("view answer Slack would refuse", sent)

    def check(self, sent: Any) -> None:
        """What the app showed, logged and called since the last check."""
        feed = self.standin.feed()
        for msg in feed[self.seen["feed"]:]:
            shown = (msg.text or "") + " ".join(mrkdwn_texts([msg.blocks, msg.view]))
            if any(u in shown for u in UNEXPECTED):
                self.found.add("unexpected error shown", sent)
            if UNESCAPED.search(shown):
                self.found.add("unescaped ping or link shown", sent)
        failures = self.standin.contract_failures
        for failure in failures[self.seen["failures"]:]:
            self.found.add(f"contract: {failure[:60]}", sent)
        for record in self.log.records[self.seen["log"]:]:
            self.found.add(f"logged error: {where(record)}", sent)
        self.seen = {"feed": len(feed), "failures": len(failures), "log": len(self.log.records)}

