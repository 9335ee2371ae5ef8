"""The end-to-end fixtures (the real app on loopback, the Slack stand-in) for language tests."""

import pytest

from handlers.languages.choosing import LOCALES
from tests.e2e.conftest import driver, paced_on_test_time, slack  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_locales():
    """Each test asks Slack afresh for people's locales."""
    LOCALES.forget()
    yield
    LOCALES.forget()
