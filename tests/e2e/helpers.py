"""Small helpers for end-to-end tests."""

import json
import sqlite3
from urllib.parse import parse_qs, urlencode

import sqlmodel
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from storage import db
from storage.models import Activity, Deal, Stage

SALES = "C0SALES"
TEAM = "T0DEMO"  # the stand-in's workspace


def text_of(message) -> str:
    """Everything a message says, text and blocks."""
    return (message.text or "") + str(message.blocks or "")


def told(slack, user: str = "U0ANN") -> str:
    """Everything shown only to the user so far."""
    return "\n".join(text_of(m) for m in slack.standin.ephemerals(user))


def deal(number: int) -> Deal:
    """Deal #number of the stand-in's workspace as stored."""
    with db.session_scope() as s:
        return s.exec(sqlmodel.select(Deal).where(Deal.team_id == TEAM,
                                                  Deal.number == number)).one()


def stage_key(number: int) -> str:
    """The key of the stage deal #number is in."""
    stage_id = deal(number).stage_id
    with db.session_scope() as s:
        return s.exec(sqlmodel.select(Stage.key).where(Stage.id == stage_id)).one()


def history(number: int) -> list[Activity]:
    """Deal #number's activities, oldest first."""
    with db.session_scope() as s:
        d = s.exec(sqlmodel.select(Deal).where(Deal.number == number)).one()
        q = sqlmodel.select(Activity).where(Activity.deal_id == d.id).order_by(Activity.id)
        return list(s.exec(q))


def card(slack, number: int, channel: str = SALES):
    """The card of deal #number in the channel."""
    return next(m for m in reversed(slack.standin.messages(channel))
                if m.blocks and m.blocks[0].get("text", {}).get("text", "").startswith(
                    f"#{number} "))


SQL_ANSWERS = {"bant_budget": "confirmed", "bant_authority": "decision_maker",
               "bant_need": "critical", "bant_timeline": "month"}


def qualify(slack, driver, number: int, user: str = "U0ANN") -> None:
    """Run the BANT form for deal #number with answers that make it an SQL."""
    driver.slash(f"qualify {number}", user=user)
    form = slack.standin.open_views(user)[-1]
    reply = driver.submit(form["id"], SQL_ANSWERS, user=user)
    assert not reply.errors, reply.errors


def payload_of(body: str) -> dict:
    """The payload of a form-encoded interaction body, e.g. from Driver.click_body."""
    return json.loads(parse_qs(body)["payload"][0])


def send_payload(driver, payload: dict):
    """Post an interaction payload, signed as Slack would (one made odd on purpose, say)."""
    return driver.post(urlencode({"payload": json.dumps(payload)}))


def move_anyway(slack, driver, user: str = "U0ANN"):
    """Click Move anyway on the qualification gate's offer the user was just shown."""
    offer = slack.standin.ephemerals(user)[-1]
    assert "not qualified yet" in text_of(offer), text_of(offer)
    return driver.click("bant_move_anyway", message=offer, user=user)


def move_unqualified(slack, driver, command: str, user: str = "U0ANN"):
    """`/deal move …` into or past Lead qualified for an unqualified deal: asked, moved anyway."""
    offer = driver.slash(command, user=user).message
    assert "not qualified yet" in text_of(offer), text_of(offer)
    return driver.click("bant_move_anyway", message=offer, user=user)


def everyone_may_change(driver) -> None:
    """ann (a Slack admin in the stand-in) opens the workspace: bob and cat may change her
    deals, for tests about something other than who may (stale cards, DMs, threads)."""
    assert "is open" in text_of(driver.slash("access open").message)


def writes_held(url: str) -> bool:
    """Whether a transaction of the app is open: on SQLite one holding the write lock (a
    read's snapshot blocks no writer there); on PostgreSQL any, left open between
    statements (its locks, its snapshot and a pooled connection held while Slack answers)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(make_url(url).database, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # database is locked
            return True
        finally:
            conn.close()
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"
            )).scalar())
    finally:
        engine.dispose()
