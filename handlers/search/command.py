"""/deal find <words> [page N], and its Next page button: only the asker sees the results."""

from slack_bolt import Ack, App, BoltContext, Respond

from bot.common.errors import InvalidInput
from bot.i18n import _
from bot.search import service as search
from handlers.kit import errors
from handlers.kit.context import Ctx, Reply
from handlers.kit.inbound import action_value, team_of
from handlers.search import words as w
from handlers.search.blocks import ACTION, result_blocks, title
from storage.db import read_scope

MAX_PAGE = 10_000
OFFSET_DIGITS = 6  # a Next page button's offset; more digits come from a forged button


def split_page(rest: str) -> tuple[str, int]:
    """The words, and the offset a trailing `page N` asks for."""
    parts = rest.split()
    if len(parts) >= 2 and parts[-2].lower() == "page":
        n = parts[-1]
        if not (n.isascii() and n.isdigit()) or not 1 <= int(n) <= MAX_PAGE:
            raise InvalidInput("find_bad_page", text=n)
        return " ".join(parts[:-2]), (int(n) - 1) * search.PAGE
    return " ".join(parts), 0


def answer(team_id: str, raw: str, offset: int) -> Reply:
    """The results of a search (read only: nothing is written) or why it cannot run."""
    try:
        with read_scope() as s:
            r = search.find(session=s, team_id=team_id, text=raw, offset=offset)
    except InvalidInput as exc:
        if exc.code.startswith("find_"):
            return Reply(text=w.words(exc))
        raise
    return Reply(text=title(r) if r.hits else _("No deals found"), blocks=result_blocks(r, raw))


def find_command(ctx: Ctx, rest: str) -> Reply:
    """/deal find [all] <words> [page N]."""
    try:
        raw, offset = split_page(rest)
    except InvalidInput as exc:
        return Reply(text=w.words(exc))
    return answer(ctx.team_id, raw, offset)


def on_find_page(
    ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext
) -> None:
    """Next page of results: replaces the results message."""
    ack()
    if not isinstance(body.get("response_url"), str) or not body["response_url"]:
        return  # a forged click: there is no message to replace and no one to tell
    team_id = team_of(context)

    def tell(said: str) -> None:
        respond(text=said, response_type="ephemeral", replace_original=False)

    try:
        offset_text, __, raw = action_value(action).partition("|")
        digits = offset_text.isascii() and offset_text.isdigit()
        if not digits or len(offset_text) > OFFSET_DIGITS or not raw:
            raise InvalidInput("find_broken_button")
        reply = answer(team_id, raw, int(offset_text))
        respond(text=reply.text, replace_original=True, blocks=reply.blocks)
    except InvalidInput as exc:
        tell(w.words(exc) if exc.code.startswith("find_") else errors.describe(exc))
    except Exception as exc:
        tell(errors.describe(exc))


def register(app: App) -> None:
    """The Next page button of the results."""
    app.action(ACTION)(on_find_page)
