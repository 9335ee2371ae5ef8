"""Calls made before the ack: the same workspace, a short timeout, no waiting out a rate limit."""

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from handlers.kit.context import quick


def test_a_quick_client_never_waits_for_a_rate_limit():
    client = WebClient(token="xoxb-1", base_url="http://slack.test/api/", timeout=30)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    fast = quick(client)
    assert (fast.token, fast.base_url, fast.timeout) == ("xoxb-1", "http://slack.test/api/", 2)
    assert not any(isinstance(h, RateLimitErrorRetryHandler) for h in fast.retry_handlers)
