"""Cleaning user text before it is stored."""

from bot.common.text import clean_line


def test_clean_line_drops_control_characters_and_folds_space():
    assert clean_line(" Acme\n\tCorp\x00  ") == "Acme Corp"
