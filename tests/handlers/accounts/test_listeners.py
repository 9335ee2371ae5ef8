"""/deal contact: the name, the address and the title read from one line."""

from handlers.accounts.listeners import split_contact


def test_name_email_and_title_are_split_at_the_address():
    assert split_contact("Ann Lee ann@acme.com Chief Financial Officer") == (
        "Ann Lee",
        "ann@acme.com",
        "Chief Financial Officer",
    )


def test_slack_mailto_links_become_plain_addresses():
    assert split_contact("Ann <mailto:ann@acme.com|ann@acme.com> CFO") == (
        "Ann",
        "ann@acme.com",
        "CFO",
    )


def test_no_address_leaves_the_email_empty():
    assert split_contact("Ann Lee") == ("Ann Lee", "", "")
