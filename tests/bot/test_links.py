"""Deal links: DEALBOT_PUBLIC_URL, the link of a deal, and reading one back."""

from urllib.parse import urlsplit

import pytest

from bot import manifest
from bot.cli import main
from bot.runtime import links
from bot.settings import SettingsError, load


@pytest.fixture
def public():
    links.configure("https://deals.example.com/crm/")
    yield
    links.configure(None)


def test_the_setting_is_read_checked_and_loses_its_trailing_slash():
    env = {"DEALBOT_PUBLIC_URL": " https://deals.example.com/ "}
    assert load("db", env).public_url == "https://deals.example.com"
    assert load("db", {}).public_url is None
    assert load("db", {"DEALBOT_PUBLIC_URL": "http://localhost:3000"}).public_url


@pytest.mark.parametrize(
    "value",
    [
        "deals.example.com",
        "ftp://x.example",
        "https://",
        "https://x.example/?a=1",
        "https://x.example/#top",
        "https://x.example/a b",
        "https://x.example/<!channel>",
        "https://[::1",
    ],
)
def test_a_public_url_that_is_no_url_is_one_line(value):
    with pytest.raises(SettingsError, match=r"DEALBOT_PUBLIC_URL=.* is not a URL like https://"):
        load("db", {"DEALBOT_PUBLIC_URL": value})


def test_a_deal_has_a_link_only_with_a_public_url(public):
    assert links.deal_link("T0DEMO", 12) == "https://deals.example.com/crm/d/T0DEMO/12"
    links.configure(None)
    assert links.deal_link("T0DEMO", 12) is None


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://deals.example.com/crm/d/T0DEMO/12", ("T0DEMO", 12)),
        ("https://DEALS.example.com/crm/d/T0DEMO/12/", ("T0DEMO", 12)),
        ("http://deals.example.com/crm/d/T0DEMO/12?utm=x#y", ("T0DEMO", 12)),
        ("https://deals.example.com/d/T0DEMO/12", None),  # not under the path
        ("https://deals.example.com:8443/crm/d/T0DEMO/12", None),
        ("https://other.example.com/crm/d/T0DEMO/12", None),
        ("https://deals.example.com/crm/d/T0DEMO/012", None),
        ("https://deals.example.com/crm/d/T0DEMO/2147483648", None),
        ("https://deals.example.com/crm/d/T0DEMO/١٢", None),
        ("https://deals.example.com/crm/d/T0DEMO/12/x", None),
        ("https://[::1/crm/d/T0DEMO/12", None),
        ("mailto:deals.example.com/crm/d/T0DEMO/12", None),
        (None, None),
        ("x" * 5000, None),
    ],
)
def test_a_pasted_link_is_read_back_or_refused(public, url, found):
    assert links.parse_link(url) == found


def test_without_a_public_url_no_link_is_ours():
    assert links.parse_link("https://deals.example.com/d/T0DEMO/12") is None


def test_the_manifest_for_the_public_url_unfurls_its_host(public):
    filled = manifest.for_url(links.public_url())
    assert filled["features"]["unfurl_domains"] == [urlsplit(links.deal_link("T1", 1)).hostname]


def test_env_example_documents_the_setting(capsys):
    assert main(["env-example"]) == 0
    assert "# DEALBOT_PUBLIC_URL=https://" in capsys.readouterr().out


def _get(app, path: str, method: str = "GET") -> tuple[str, dict, bytes]:
    seen: dict = {}

    def start_response(status, headers, exc_info=None):
        seen.update(status=status, headers=dict(headers))

    body = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": method}, start_response))
    return seen["status"], seen["headers"], body


class _Fixed(links.LinkRoute):
    """Deal #1 of T1 has a card; #2 makes the database fail."""

    def target(self, team_id: str, number: int) -> str | None:
        if number == 2:
            raise RuntimeError("the database is down")
        return "https://t1.slack.com/archives/C1/p1" if (team_id, number) == ("T1", 1) else None


def test_socket_modes_health_port_answers_deal_links_too(public):
    from bot.runtime.web import health_app

    app = health_app(None, _Fixed(lambda _team: None))
    status, headers, body = _get(app, "/d/T1/1")
    assert status == "302 Found" and headers["Location"].endswith("/archives/C1/p1")
    assert body == b""
    assert _get(app, "/d/T1/3")[0] == "404 Not Found"
    assert _get(app, "/d/T1/1", "HEAD")[2] == b""
    status, _, body = _get(app, "/d/T1/2")  # never a 500 with a traceback
    assert status == "503 Service Unavailable" and body == b"Try again shortly.\n"
    links.configure(None)
    assert _get(app, "/d/T1/1")[0] == "404 Not Found"  # without DEALBOT_PUBLIC_URL, no links
