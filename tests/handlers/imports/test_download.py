"""The bot token goes only to Slack's own hosts."""

import pytest

from handlers.imports.download import from_slack


@pytest.mark.parametrize(
    ("url", "api", "ok"),
    [
        ("https://files.slack.com/files-pri/T1-F1/download/a.csv", "https://slack.com/api/", True),
        ("https://files.slack.com/files-pri/T1-F1/a.csv", "https://www.slack.com/api/", True),
        ("http://files.slack.com/files-pri/T1-F1/a.csv", "https://slack.com/api/", False),
        ("https://evil.example/files-pri/a.csv", "https://slack.com/api/", False),
        ("https://slack.com.evil.example/a.csv", "https://slack.com/api/", False),
        ("https://notslack.com/a.csv", "https://slack.com/api/", False),
        ("http://127.0.0.1:5000/files-pri/T-F/download/a.csv", "http://127.0.0.1:5000/api/", True),
        ("", "https://slack.com/api/", False),
    ],
)
def test_only_slacks_hosts_get_the_token(url, api, ok):
    assert from_slack(url, api) is ok
