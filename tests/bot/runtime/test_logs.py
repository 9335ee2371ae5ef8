"""Log lines: text or JSON, tagged with the request they serve, scrubbed of secrets."""

import io
import json
import logging
import threading

import pytest
from slack_sdk.webhook import WebhookClient

from bot import settings as settings_mod
from bot.local.standin import SlackStandIn
from bot.runtime import logs
from bot.runtime.executor import WorkPool
from bot.runtime.slack_http import KeptAliveClient
from bot.settings import Settings

SECRET = "8f14e45fceea167a5a36dedd4bea2543"


def settings(fmt: str = "text", level: str = "INFO") -> Settings:
    return Settings(bot_token="xoxb-1111-2222-abcdef", app_token=None, signing_secret=SECRET,
                    api_url="https://slack.com/api/", database_url="sqlite://",
                    log_level=level, log_format=fmt)


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    chatty = {name: logging.getLogger(name).level for name in logs.CHATTY + logs.GUARDED}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, was in chatty.items():
        logging.getLogger(name).setLevel(was)


def line_of(fmt: str, emit) -> str:
    stream = io.StringIO()
    log = logging.getLogger("test.logs")
    h = logs.handler(settings(fmt), stream)
    log.addHandler(h)
    log.setLevel(logging.DEBUG)
    try:
        worker = threading.Thread(target=emit, args=(log,))  # a fresh context, like a worker's
        worker.start()
        worker.join(5)
    finally:
        log.removeHandler(h)
    return stream.getvalue()


def test_a_text_line_ends_with_the_requests_fields():
    def emit(log):
        logs.bind(request_id="0a1b2c3d4e5f", team="T1", user="U1", command="/deal")
        log.info("moved %s", 12)

    line = line_of("text", emit)
    assert line.rstrip().endswith(
        "INFO test.logs moved 12 request_id=0a1b2c3d4e5f team=T1 user=U1 command=/deal")


def test_a_json_line_is_one_object_with_the_fields_and_the_traceback():
    def emit(log):
        logs.bind(request_id="0a1b2c3d4e5f", team="T1", action_id="deal_advance")
        try:
            raise ValueError("bad")
        except ValueError:
            log.exception("it broke")

    (line,) = line_of("json", emit).splitlines()
    got = json.loads(line)
    assert got["message"] == "it broke" and got["level"] == "ERROR"
    assert (got["request_id"], got["team"], got["action_id"]) == ("0a1b2c3d4e5f", "T1",
                                                                  "deal_advance")
    assert "ValueError: bad" in got["exception"] and "user" not in got


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_tokens_and_the_signing_secret_never_reach_a_line(fmt):
    def emit(log):
        log.info("auth with xoxb-1111-2222-abcdef and xoxe.xoxp-1-abc? no: xoxp-9-zz")
        log.info("secret %s", SECRET)
        try:
            raise RuntimeError("oauth answered {'access_token': 'xoxb-9999-8888-fedcba'}")
        except RuntimeError:
            log.exception("install failed")

    text = line_of(fmt, emit)
    for secret in ("xoxb-1111-2222-abcdef", "xoxp-9-zz", SECRET, "xoxb-9999-8888-fedcba"):
        assert secret not in text
    assert "xoxb-[redacted]" in text and "secret [redacted]" in text
    assert "install failed" in text


def test_work_on_the_pool_carries_the_submitters_fields_and_nothing_stale():
    pool = WorkPool(max_workers=1)
    seen = []

    def record():
        seen.append(logs.current())

    def request(rid):
        logs.bind(request_id=rid, team="T1")
        pool.submit(record).result(5)

    for rid in ("aaa", "bbb"):
        t = threading.Thread(target=request, args=(rid,))
        t.start()
        t.join(5)
    pool.submit(record).result(5)  # from a thread that serves no request
    pool.shutdown()
    assert seen == [{"request_id": "aaa", "team": "T1"}, {"request_id": "bbb", "team": "T1"}, {}]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"command": "/deal", "text": "new Acme 12k"}, {"command": "/deal"}),
        ({"type": "block_actions", "actions": [{"action_id": "deal_won", "value": "1:1"}]},
         {"action_id": "deal_won"}),
        ({"type": "view_submission", "view": {"callback_id": "deal_new"}},
         {"callback_id": "deal_new"}),
        ({"type": "event_callback", "event_id": "Ev01", "event": {"type": "message"}},
         {"event": "message", "event_id": "Ev01"}),
        ({"type": "block_actions", "actions": [{"action_id": "x\nINFO forged line"}]},
         {"action_id": "x?INFO?forged?line"}),
        ({"type": "block_actions", "actions": ["junk"]}, {"action_id": None}),
        ("not a dict", {}),
    ],
)
def test_a_request_is_named_by_its_ids_never_its_text(body, fields):
    assert logs.describe_request(body) == fields


def test_setup_quiets_third_party_loggers_unless_debug_and_never_doubles_lines(restore_logging):
    stream = io.StringIO()
    logs.setup(settings(level="INFO"), stream)
    logs.setup(settings(level="INFO"), stream)
    assert sum(getattr(h, "dealbot", False) for h in logging.getLogger().handlers) == 1
    logging.getLogger("apscheduler.executors.default").info('Job "tick" executed successfully')
    logging.getLogger("waitress").info("Serving on http://0.0.0.0:3000")
    logging.getLogger("dealbot").info("dealbot serving")
    assert stream.getvalue().count("\n") == 1 and "dealbot serving" in stream.getvalue()
    logs.setup(settings(level="DEBUG"), stream)
    assert logging.getLogger("apscheduler.scheduler").isEnabledFor(logging.DEBUG)
    assert logging.getLogger("slack_sdk.web").isEnabledFor(logging.DEBUG)


class Counted(str):
    """A text that counts how often a line is built with it (repr in a dict, or f-string)."""

    built = 0

    def __repr__(self) -> str:
        Counted.built += 1
        return str.__repr__(self)

    def __format__(self, spec: str) -> str:
        Counted.built += 1
        return str.__format__(self, spec)


def test_a_slack_call_builds_its_debug_line_only_when_debug_is_on(restore_logging):
    # slack_sdk builds the line (the call's whole JSON body) when the level set on its own
    # logger is DEBUG or NOTSET; setup gives that logger its effective level.
    stream = io.StringIO()
    with SlackStandIn() as slack:
        client = KeptAliveClient(token="xoxb-test", base_url=slack.api_url, retry_handlers=[])
        logs.setup(settings(level="INFO"), stream)
        Counted.built = 0
        assert client.chat_postMessage(channel="C0SALES", text=Counted("Acme: card"))["ok"]
        reply = WebhookClient(Counted(slack.new_response_url(user="U0ANN")))  # Bolt's respond()
        assert reply.send(text="Created #12").status_code == 200
        assert Counted.built == 0 and "chat.postMessage" not in stream.getvalue()
        logs.setup(settings(level="DEBUG"), stream)
        assert client.chat_postMessage(channel="C0SALES", text=Counted("Acme: card"))["ok"]
        assert Counted.built > 0 and "chat.postMessage" in stream.getvalue()
    assert logging.getLogger("dealbot.bolt").isEnabledFor(logging.DEBUG)
    logs.setup(settings(level="WARNING"), stream)
    assert logging.getLogger("dealbot.bolt").level == logging.WARNING


def test_the_access_log_has_method_path_status_duration_and_id_but_no_query(caplog):
    def app(environ, start_response):
        status = "200 OK" if environ["PATH_INFO"] in ("/healthz", "/slack/install") else "404 No"
        start_response(status, [])
        return [logs.request_id().encode()]

    wrapped = logs.access_logged(app)
    caplog.set_level(logging.DEBUG, logger="dealbot.access")

    def get(path, query=""):
        return b"".join(wrapped({"REQUEST_METHOD": "GET", "PATH_INFO": path,
                                 "QUERY_STRING": query}, lambda s, h, e=None: None)).decode()

    rid = get("/slack/install", "code=SECRETCODE&state=SECRETSTATE")
    get("/nope")
    get("/healthz")
    first, missing, health = caplog.records
    assert first.getMessage().startswith("GET /slack/install 200 ")
    assert first.getMessage().endswith("ms")
    assert first.request_id == rid and len(rid) == 12
    assert missing.getMessage().startswith("GET /nope 404 ") and missing.levelno == logging.INFO
    assert missing.request_id != rid
    assert health.levelno == logging.DEBUG  # load balancers ask every few seconds
    assert "SECRET" not in caplog.text
    assert logs.request_id() is None  # nothing leaks out of the request


def test_log_format_is_text_by_default_json_on_request_and_anything_else_is_refused():
    assert settings_mod.load("db", {}).log_format == "text"
    assert settings_mod.load("db", {"LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(settings_mod.SettingsError, match=r"^LOG_FORMAT='xml' is not a log fo"):
        settings_mod.load("db", {"LOG_FORMAT": "xml"})


def test_each_request_on_a_thread_gets_its_own_id_and_only_its_own_fields():
    # Socket Mode handles request after request on the same threads, with no HTTP layer.
    from slack_bolt import BoltRequest, BoltResponse

    tag, seen = logs.TagRequest(), []

    def handle(body):
        req = BoltRequest(body=body, mode="socket_mode")
        tag.process(req=req, resp=BoltResponse(status=200), next=lambda: seen.append(
            logs.current()))

    def two_requests():
        handle({"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"},
                "actions": [{"action_id": "deal_won"}]})
        handle({"command": "/deal", "team_id": "T2", "user_id": "U2", "text": "list"})

    worker = threading.Thread(target=two_requests)
    worker.start()
    worker.join(5)
    first, second = seen
    assert first["action_id"] == "deal_won" and (first["team"], first["user"]) == ("T1", "U1")
    assert "action_id" not in second and second["command"] == "/deal"
    assert (second["team"], second["user"]) == ("T2", "U2")
    assert first["request_id"] != second["request_id"]
