"""The demo's deal links: a teammate pastes Acme's link in #sales and it unfurls; Show and
Advance work from the unfurl; the link itself opens the card in Slack.

`dealbot demo` runs these steps after its tour (see bot/local/demo.py), on a LocalSlack
made with `public_url=PUBLIC_URL` (DEALBOT_PUBLIC_URL).
"""

import http.client
from collections.abc import Callable
from urllib.parse import urlsplit

from bot.local.loopback import LocalSlack
from bot.local.standin import Driver, SlackStandIn
from bot.local.standin import links as pasted
from bot.local.standin.render import render_message
from bot.runtime import links

Step = tuple[str, Callable[[Driver, SlackStandIn], object]]
PUBLIC_URL = "https://deals.demo-co.example"  # the demo's DEALBOT_PUBLIC_URL
ACME = 1  # the tour's first deal, bob's


def open_link(local: LocalSlack, link: str) -> str:
    """What a browser gets for a deal link: the status and where it is sent."""
    where = urlsplit(local.url)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("GET", urlsplit(link).path)
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return f"{answer.status} {answer.reason} → {answer.getheader('Location') or 'nowhere'}"


def link_steps(out: Callable[[str], None], local: LocalSlack) -> list[Step]:
    """Register the unfurl domain, paste Acme's link, click Show and Advance (and Move anyway
    when asked), open the link."""
    host = urlsplit(PUBLIC_URL).hostname or ""
    link = f"{PUBLIC_URL}/d/{local.standin.team_id}/{ACME}"

    def register(d: Driver, s: SlackStandIn) -> None:
        s.unfurl_domains = [host]
        if links.public_url() != PUBLIC_URL:
            out(f"(dealbot was started without DEALBOT_PUBLIC_URL={PUBLIC_URL}: no links)\n")

    def paste(d: Driver, s: SlackStandIn) -> None:
        msg, _ = pasted.paste(d, f"Can someone look at {link}? They asked for a discount.")
        local.settle()
        unfurl = pasted.unfurl_of(s, link, msg.ts)
        if unfurl is None:
            out("(no unfurl)\n")
            return
        text, _ = render_message({"blocks": unfurl.blocks}, s.users)
        out(f"── unfurl under @bob's message in #sales, seen by everyone there\n{text}\n")

    def click(action_id: str, user: str) -> Callable[[Driver, SlackStandIn], object]:
        return lambda d, s: (pasted.click_unfurl(d, action_id, link, user=user), local.settle())

    def move_anyway(d: Driver, s: SlackStandIn) -> None:
        told = s.ephemerals("U0BOB")
        if told and "bant_move_anyway" in str(told[-1].blocks):  # else it moved at once
            d.click("bant_move_anyway", message=told[-1], user="U0BOB")
            local.settle()

    return [
        (
            f"dealbot runs at {PUBLIC_URL} (DEALBOT_PUBLIC_URL); its app manifest, from "
            f"`dealbot manifest --url {PUBLIC_URL}`, lists {host} under unfurl_domains",
            register,
        ),
        (f"@bob pastes Acme's link ({link}) in #sales", paste),
        (
            "@cat clicks [ Show ] on the unfurl: the card and history, only for her",
            click("deal_show", "U0CAT"),
        ),
        (
            "@bob clicks [ Advance to … ] on the unfurl (Acme was never qualified: he is asked)",
            click("deal_advance", "U0BOB"),
        ),
        ("@bob clicks [ Move anyway ]: Acme moves, its card follows", move_anyway),
        (
            "@ann opens the link in her browser: dealbot sends her to the card in Slack",
            lambda d, s: out(f"GET {urlsplit(link).path} → {open_link(local, link)}\n"),
        ),
    ]
