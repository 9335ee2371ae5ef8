"""Web API calls from one thread: slack_sdk's WebClient (a connection per call) against
KeptAliveClient (bot/runtime/slack_http.py, kept-alive connections).

    python bench/slack_connections.py [--calls 1000] [--no-tls]

Plain HTTP: chat.postMessage to the stand-in (in this process, on its own threads). TLS: the
same call to a tiny HTTPS server with a throwaway self-signed certificate (made with the
`openssl` command), as a call to slack.com costs a TLS handshake per connection. Printed per
call: the calling thread's CPU time (the client's own work), the wall time, and the
connections the server accepted.
"""

import argparse
import json
import ssl
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from slack_sdk import WebClient

from bot.local.standin import SlackStandIn
from bot.local.standin import http as standin_http
from bot.runtime.slack_http import KeptAliveClient, close_connections

ACCEPTED: list[int] = []


def counting(handler: type[BaseHTTPRequestHandler]) -> None:
    """Count the connections a handler class is set up for."""
    setup = handler.setup

    def counted(self) -> None:
        ACCEPTED.append(1)
        setup(self)

    handler.setup = counted


class TLSHandler(BaseHTTPRequestHandler):
    """Answers every POST with {"ok": true}, over HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 5

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"ok": True, "channel": "C0SALES", "ts": "1.0"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


def tls_server(tmp: Path) -> tuple[ThreadingHTTPServer, ssl.SSLContext]:
    """A local HTTPS server with a self-signed certificate, and a client context trusting it."""
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), TLSHandler)
    server.daemon_threads = True
    serving = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    serving.load_cert_chain(cert, key)
    server.socket = serving.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, ssl.create_default_context(cafile=str(cert))


def measure(label: str, client: WebClient, calls: int) -> None:
    """Print one client's CPU and wall time per call, and the connections it opened."""
    client.chat_postMessage(channel="C0SALES", text="warm")
    close_connections()
    ACCEPTED.clear()
    cpu, wall = time.thread_time(), time.perf_counter()
    for i in range(calls):
        client.chat_postMessage(channel="C0SALES", text=f"call {i}")
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    print(f"  {label:<16} CPU {cpu / calls * 1000:6.3f} ms, wall {wall / calls * 1000:6.3f} ms "
          f"per call; {len(ACCEPTED)} connections for {calls} calls")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--no-tls", action="store_true", help="plain HTTP to the stand-in only")
    args = ap.parse_args()
    counting(standin_http.Handler)
    counting(TLSHandler)
    with SlackStandIn() as standin:
        print(f"HTTP, the stand-in ({args.calls} chat.postMessage):")
        for label, cls in (("WebClient", WebClient), ("KeptAliveClient", KeptAliveClient)):
            client = cls(token="xoxb-bench", base_url=standin.api_url, retry_handlers=[])
            measure(label, client, args.calls)
    if args.no_tls:
        return
    with tempfile.TemporaryDirectory() as tmp:
        server, trusted = tls_server(Path(tmp))
        url = f"https://127.0.0.1:{server.server_address[1]}/api/"
        print(f"HTTPS, a local TLS server ({args.calls} chat.postMessage):")
        for label, cls in (("WebClient", WebClient), ("KeptAliveClient", KeptAliveClient)):
            client = cls(token="xoxb-bench", base_url=url, ssl=trusted, retry_handlers=[])
            measure(label, client, args.calls)
        close_connections()
        server.shutdown()


if __name__ == "__main__":
    main()
