"""`dealbot demo`: a scripted tour through the real app and the local Slack stand-in."""

import copy
import logging
import tempfile
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bot.digests import subscriptions as digests
from bot.local.demo_import import import_steps
from bot.local.demo_language import language_steps, second_workspace_steps, speak_in
from bot.local.demo_links import PUBLIC_URL, link_steps
from bot.local.demo_shortcuts import shortcut_steps
from bot.local.demo_teams import team_digest_steps
from bot.local.loopback import LocalSlack
from bot.local.standin import Driver, Message, SlackStandIn
from bot.local.standin.render import describe, render_message, render_view
from bot.runtime.oauth import REDIRECT_PATH
from storage.db import session_scope
from storage.types import utcnow

Step = tuple[str, Callable[[Driver, SlackStandIn], object]]


def printer(
    standin: SlackStandIn, out: Callable[[str], None], homes: set[str]
) -> Callable[[Message], None]:
    """Print each thing a Slack user would see, as readable text; Homes only when opened."""
    lock = threading.Lock()  # posts arrive from the app's worker threads too

    def show(msg: Message) -> None:
        if msg.kind == "home" and msg.user not in homes:
            return  # Home tabs are refreshed after every change; the tour opens one itself
        if msg.kind in ("view", "home"):
            text, _ = render_view(msg.view or {}, standin.users, numbered=False)
            heading = f"── {msg.kind} for @{standin.users.get(msg.user, {}).get('name', msg.user)}"
        elif msg.kind in ("message", "ephemeral"):
            text, _ = render_message(msg, standin.users)
            heading = describe(msg, standin.users, standin.channels)
        else:
            return  # a closed modal: nothing new to see
        with lock:
            out(heading)
            out(text + "\n")

    return show


def card(standin: SlackStandIn, name: str) -> Message:
    """The newest card in #sales whose title holds name."""
    return next(
        m
        for m in reversed(standin.messages("C0SALES"))
        if m.blocks and name in m.blocks[0].get("text", {}).get("text", "")
    )


def script(homes: set[str], clock: Callable[[], object]) -> list[Step]:
    """The tour: leads, a list, moves by button and command, a stale click, forms, a show."""
    held: dict[str, Message] = {}
    close = (date.today() + timedelta(days=45)).isoformat()

    def keep_old_card(d: Driver, s: SlackStandIn) -> None:
        held["acme"] = copy.deepcopy(card(s, "Acme"))
        d.click("deal_advance", message=card(s, "Acme"), user="U0BOB")  # not qualified: asked
        d.click("bant_move_anyway", message=s.ephemerals("U0BOB")[-1], user="U0BOB")

    def fill(d: Driver, s: SlackStandIn, values: dict) -> None:
        d.submit(s.open_views("U0ANN")[-1]["id"], values)

    def cat_replies(d: Driver, s: SlackStandIn) -> None:
        c = card(s, "Acme")
        d.event(
            {
                "type": "message",
                "channel": c.channel,
                "user": "U0CAT",
                "ts": s.next_ts(),
                "thread_ts": c.ts,
                "text": "Reviewed their security questionnaire: all fine.",
            }
        )

    def open_home(d: Driver, s: SlackStandIn) -> None:
        homes.add("U0ANN")
        d.app_home_opened("U0ANN")
        homes.discard("U0ANN")

    return [
        (
            "@ann types  /deal new Acme Corp 12k @bob  (bob's deal: he and admins may change it)",
            lambda d, s: d.slash(f"new Acme Corp 12k {d.mention('U0BOB')}"),
        ),
        (
            "@bob types  /deal new Globex renewal €4 500 @ann",
            lambda d, s: d.slash(f"new Globex renewal €4 500 {d.mention('U0ANN')}", user="U0BOB"),
        ),
        ("@ann types  /deal list", lambda d, s: d.slash("list")),
        (
            "@bob clicks [ Advance to Lead qualified ] on the Acme card, then [ Move anyway ]",
            keep_old_card,
        ),
        (
            "@ann clicks the same button on her screen, which still shows the old card",
            lambda d, s: d.click("deal_advance", message=held["acme"], user="U0ANN"),
        ),
        (
            "@ann types  /deal move globex proposal  (Globex was never qualified)",
            lambda d, s: d.slash("move globex proposal"),
        ),
        (
            "@ann clicks [ Qualify now ]",
            lambda d, s: d.click("bant_qualify_now", message=s.ephemerals("U0ANN")[-1]),
        ),
        (
            "@ann answers Budget, Authority, Need and Timeline and clicks [ Save ]",
            lambda d, s: fill(
                d,
                s,
                {
                    "bant_budget": "confirmed",
                    "bant_authority": "decision_maker",
                    "bant_need": "critical",
                    "bant_timeline": "month",
                    "bant_need_note": "their renewal is due in January",
                },
            ),
        ),
        ("@ann types  /deal move globex proposal", lambda d, s: d.slash("move globex proposal")),
        ("@ann types  /deal move 2 banana", lambda d, s: d.slash("move 2 banana")),
        (f"@ann types  /deal set 1 close {close}", lambda d, s: d.slash(f"set 1 close {close}")),
        (
            "@ann types  /deal tag 1 @cat need a security review",
            lambda d, s: d.slash(f"tag 1 {d.mention('U0CAT')} need a security review"),
        ),
        (
            "@cat replies in the Acme card's thread: “Reviewed their security questionnaire: "
            "all fine.”",
            cat_replies,
        ),
        (
            "@ann clicks [ Add note ] on the Acme card",
            lambda d, s: d.click("deal_add_note", message=card(s, "Acme")),
        ),
        (
            "@ann writes the note and clicks [ Add ]",
            lambda d, s: fill(d, s, {"note_text": "Budget confirmed at 15k"}),
        ),
        (
            "@ann clicks [ Won ] on the Globex card",
            lambda d, s: d.click("deal_won", message=card(s, "Globex")),
        ),
        ("@ann types  /deal new Initech 3k", lambda d, s: d.slash("new Initech 3k")),
        (
            "@ann clicks [ Lost ] on the Initech card",
            lambda d, s: d.click("deal_lost", message=card(s, "Initech")),
        ),
        (
            "@ann picks a reason and clicks [ Mark lost ]",
            lambda d, s: fill(d, s, {"lost_reason": "competitor", "lost_reason_text": "cheaper"}),
        ),
        ("@ann types  /deal show acme", lambda d, s: d.slash("show acme")),
        ("@ann opens dealbot's Home tab", open_home),
        (
            "@ann types  /deal digest daily 09:00 Europe/Helsinki",
            lambda d, s: d.slash("digest daily 09:00 Europe/Helsinki"),
        ),
        (
            "The clock reaches 09:00 in Helsinki: the scheduler posts the digest in #sales",
            lambda d, s: clock(),
        ),
    ]


def next_digest(local: LocalSlack) -> None:
    """Run the scheduler's tick at the next digest time of #sales (no waiting for it)."""
    from bot.app import scheduled
    from bot.digests import schedule

    with session_scope() as s:
        sub = digests.for_channel(session=s, team_id=local.standin.team_id, channel="C0SALES")
    at = schedule.next_time(sub.cadence, sub.weekday, sub.at_time, sub.tz, utcnow())
    scheduled(local.app)(at)
    local.settle()


def install(local: LocalSlack, ws: SlackStandIn, user: str, out: Callable[[str], None]) -> None:
    """Someone of `ws` adds dealbot to Slack, through the browser, and what each step did."""
    name = ws.users[user]["name"]
    out(f"▶ @{name} of {ws.team_name} opens dealbot's install page, clicks [ Add to Slack ], "
        "then [ Allow ] on Slack's page\n")
    page = local.install(ws, user)
    ok = page.status == 200 and f"team={ws.team_id}" in page.body
    with ws.lock:
        scopes = ", ".join(sorted(ws.scopes or ()))
    out(f"GET /slack/install → Slack's authorize page (asks for: {scopes})\n"
        f"→ GET {REDIRECT_PATH}?code=…&state=… → oauth.v2.access → "
        + (f"installed in {ws.team_name} ({ws.team_id}), with a bot token of its own\n"
           if ok else f"the install failed ({page.status})\n"))


def second_workspace(local: LocalSlack, out: Callable[[str], None], lang: str = "en") -> None:
    """A second workspace installs dealbot and works with its own data only."""
    ws = local.standin.add_workspace(team_id="T0GLOBEX", team_name="Globex Inc")
    speak_in(ws, lang)
    ws.on_post = printer(ws, lambda line: out(f"[Globex Inc] {line}"), set())
    out("\nA second workspace, Globex Inc, on the same dealbot and the same database.\n")
    install(local, ws, "U0BOB", out)
    driver = local.driver_for(ws)
    for say, text in (*second_workspace_steps(lang),
                      ("types  /deal list  (none of Demo Co's deals)", "list"),
                      ("types  /deal new Hooli 8k", "new Hooli 8k")):
        out(f"▶ @bob of Globex Inc {say}\n")
        driver.slash(text, user="U0BOB")


def run_demo(out: Callable[[str], None] = print, language: str = "en") -> int:
    """Run the tour on a throwaway SQLite database and print what Slack would show, its
    people and channels speaking `language` (bot/local/demo_language.py)."""
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="dealbot-demo-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        with LocalSlack(url, oauth=True, public_url=PUBLIC_URL) as local:
            homes: set[str] = set()
            local.standin.on_post = printer(local.standin, out, homes)
            speak_in(local.standin, language)
            out("dealbot demo: the real app on a throwaway database, talking to a local Slack.\n")
            install(local, local.standin, "U0ANN", out)
            for say, act in [*language_steps(language),
                             *script(homes, lambda: next_digest(local)),
                             *team_digest_steps(local.settle),
                             *import_steps(out, local.settle),
                             *shortcut_steps(local.settle),
                             *link_steps(out, local)]:
                out(f"▶ {say}\n")
                act(local.driver, local.standin)
            second_workspace(local, out, language)
            problems = local.standin.directory.contract_failures()
    if problems:
        out("Calls real Slack would have refused:\n" + "\n".join(problems))
        return 1
    out("Every Slack call above was checked against Slack's method reference and Block Kit.")
    return 0
