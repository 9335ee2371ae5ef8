"""Home tab listeners: a click on Home is told apart from one in a message."""

from handlers.home.listeners import from_home


def test_a_click_on_the_home_tab_is_from_home():
    assert from_home({"view": {"type": "home"}})
    assert not from_home({"view": {"type": "modal"}})
    assert not from_home({"container": {"type": "message"}})
