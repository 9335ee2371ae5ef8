"""After the ack: Slack work that the user's answer does not wait for.

dealbot answers Slack the moment the answer is known (Bolt's process_before_response:
the listener's ack is the HTTP response, or Socket Mode's, as soon as it returns). Work
that follows the answer (opening a form with the trigger_id, a Home tab, an ephemeral
line, an export) is handed to `after_ack`, which runs it on the outbox deliverer's
bounded pool (bot/runtime/outbox.py, bot/runtime/executor.py) while the request is being
answered, and at once anywhere else: in a send, in the clock's tick, in a test.
"""

from collections.abc import Callable
from contextvars import ContextVar, Token

Work = Callable[[], object]
Runner = Callable[[Work], None]
_RUNNER: ContextVar[Runner | None] = ContextVar("dealbot_after_ack", default=None)


def after_ack(work: Work) -> None:
    """Run work after the request's answer: by the runner of the request being answered,
    or at once when there is none."""
    runner = _RUNNER.get()
    if runner is None:
        work()
    else:
        runner(work)


def answering(runner: Runner | None) -> Token:
    """From here on in this context, after_ack hands work to `runner` (None: runs it)."""
    return _RUNNER.set(runner)


def answered(token: Token) -> None:
    """Undo answering()."""
    _RUNNER.reset(token)
