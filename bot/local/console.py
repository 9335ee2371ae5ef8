"""`dealbot console`: try dealbot by hand against the local Slack stand-in."""

import logging
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from bot.local.loopback import LocalSlack
from bot.local.standin import Driver, Element, Message, SlackStandIn
from bot.local.standin.forms import FormError
from bot.local.standin.render import describe, render_message, render_view

HELP = """Type a slash command as in Slack:  /deal new Acme Corp 12k   /deal list
A number clicks the button or select with that number in the last output; a list of
choices (a form's or a menu's) is lettered: a letter, or the choice's text, picks one.
`as bob` switches user (ann, bob, cat); `help` shows this; `quit` leaves.
Mentions: type @bob in a command, it reaches dealbot as Slack sends it (<@U0BOB|bob>)."""


BUTTON_NUMBER = re.compile(r"\[(\d+): ")  # how render_message numbers a button or a select
LETTERS = "abcdefghijklmnopqrstuvwxyz"  # choices; numbers are only for what can be clicked


def lettered(options: list[tuple[str, str]]) -> str:
    """A field's or a menu's choices as `a) Confirmed  b) Being allocated`; past z, by text."""
    pairs = zip(LETTERS, options[: len(LETTERS)], strict=False)
    return "  ".join(f"{letter}) {label}" for letter, (label, _v) in pairs)


class Console:
    """One person at a Slack client, typing and clicking."""

    def __init__(self, local: LocalSlack, ask: Callable[[str], str], out: Callable[[str], None]):
        self.local, self.ask, self.out = local, ask, out
        self.standin: SlackStandIn = local.standin
        self.driver: Driver = local.driver
        self.user = "U0ANN"
        self.seen = 0
        self.clickable: dict[int, tuple[Message, Element]] = {}

    def name(self, uid: str) -> str:
        """A user's short name."""
        return self.standin.users.get(uid, {}).get("name", uid)

    def show_new(self) -> None:
        """Print what appeared since last time, numbering what can be clicked."""
        feed = self.standin.feed()
        fresh, self.seen = feed[self.seen :], len(feed)
        if fresh:
            self.clickable = {}
        for msg in fresh:
            visible = msg.ephemeral_to in (None, self.user)
            if not visible or msg.kind not in ("message", "ephemeral"):
                continue
            text, elements = render_message(msg, self.standin.users, numbered=True)
            # Each message numbers its own buttons from 1: shift them so that one output
            # (a gate offer and the card updated with it) never shows the same number twice.
            shift = len(self.clickable)
            text = BUTTON_NUMBER.sub(lambda m, shift=shift: f"[{int(m.group(1)) + shift}: ", text)
            self.out(describe(msg, self.standin.users, self.standin.channels))
            self.out(text + "\n")
            for el in elements:
                self.clickable[el.number + shift] = (msg, el)

    def fill_open_modal(self) -> None:
        """Fill the modal on top of the user's stack field by field, then submit it."""
        while self.standin.open_views(self.user):
            view = self.standin.open_views(self.user)[-1]
            text, fields = render_view(view, self.standin.users)
            self.out(text)
            values: dict[str, object] = {}
            for f in (f for f in fields if f.kind == "input"):
                if f.options:
                    self.out(f"  {lettered(f.options)}")
                typed = self.ask(f"{f.label}{' (optional)' if f.optional else ''}: ").strip()
                if typed == "cancel":
                    self.driver.close_view(view["id"], user=self.user)
                    return
                if typed:  # a blank answer keeps the field's initial value
                    values[f.block_id] = self.answer(f, typed)
            try:
                reply = self.driver.submit(view["id"], values, user=self.user)
            except FormError as e:  # Slack's client refuses these before sending
                self.out(f"! {e}")
                continue
            for block, problem in (reply.errors or {}).items():
                self.out(f"! {block}: {problem}")
            if not reply.errors:
                return

    def answer(self, el: Element, typed: str) -> object:
        """What a typed answer means for the field: an option, user ids, or the text."""
        if el.options:
            return self.choice(el, typed)
        if el.type == "users_select":
            return self.user_id(typed)
        if el.type == "multi_users_select":
            return [self.user_id(word) for word in typed.replace(",", " ").split()]
        return typed

    def user_id(self, typed: str) -> str:
        """A user id from a name like bob or @bob (or the id itself)."""
        name = typed.strip().lstrip("@")
        return next((u for u in self.standin.users if self.name(u) == name), name)

    def choice(self, el: Element, typed: str) -> str | None:
        """An option's value from its letter or text."""
        letter = typed.strip().lower()
        if len(letter) == 1 and letter in LETTERS[: len(el.options)]:
            return el.options[LETTERS.index(letter)][1]
        return next((v for t, v in el.options if t.lower() == typed.lower()), None)

    def click(self, number: int) -> None:
        """Click element `number` of the last output."""
        msg, el = self.clickable[number]
        selected = None
        if el.options:
            self.out(f"  {lettered(el.options)}")
            selected = self.choice(el, self.ask("choose: "))
            if selected is None:
                self.out("no such option")
                return
        self.driver.click(
            el.action_id,
            message=msg,
            value=el.value if not selected else None,
            user=self.user,
            selected=selected,
        )

    def handle(self, line: str) -> bool:
        """Act on one typed line; False to stop."""
        line = line.strip()
        if line in ("quit", "exit"):
            return False
        if line == "help" or not line:
            self.out(HELP)
        elif line.startswith("as "):
            wanted = line[3:].strip().lstrip("@")
            uid = next((u for u in self.standin.users if self.name(u) == wanted), None)
            self.out(f"you are @{wanted}" if uid else f"no user {wanted}")
            self.user = uid or self.user
        elif line.isdigit() and int(line) in self.clickable:
            self.click(int(line))
        elif line.startswith("/"):
            command, _, text = line.partition(" ")
            for uid in self.standin.users:
                text = text.replace(f"@{self.name(uid)}", self.driver.mention(uid))
            self.driver.slash(text, user=self.user, command=command)
        else:
            self.out("Type /deal …, a number to click, `help` or `quit`.")
        self.show_new()
        self.fill_open_modal()
        self.show_new()
        return True


def run_console(ask: Callable[[str], str] = input, out: Callable[[str], None] = print) -> int:
    """The interactive loop, on a throwaway database."""
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="dealbot-console-") as tmp:
        standin = SlackStandIn(trigger_ttl=None)  # a person types slower than 3 s
        with LocalSlack(f"sqlite:///{Path(tmp) / 'console.db'}", standin=standin) as local:
            console = Console(local, ask, out)
            out("dealbot console: you are @ann in #sales.\n" + HELP)
            try:
                while console.handle(ask(f"@{console.name(console.user)}> ")):
                    pass
            except (EOFError, KeyboardInterrupt):
                out("")
    return 0
