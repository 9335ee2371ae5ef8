"""Which databases `dealbot serve --workers N` refuses, and why."""

import argparse

import pytest

from bot.cli_run import serve
from bot.runtime.health import StartupError
from bot.runtime.prefork import refusal


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///file:x?mode=memory"])
def test_an_in_memory_sqlite_database_is_refused_for_several_processes(url):
    assert "in-memory SQLite" in refusal(url, 2)
    assert refusal(url, 1) is None


@pytest.mark.parametrize("url", ["sqlite:////srv/dealbot.db", "postgresql+psycopg://h/dealbot"])
def test_a_shared_database_takes_several_processes(url):
    assert refusal(url, 4) is None


def test_zero_workers_is_one_line():
    with pytest.raises(StartupError, match="--workers must be 1 or more"):
        serve(None, argparse.Namespace(workers=0))
