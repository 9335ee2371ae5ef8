"""What the user reads when an account or contact is refused: the typed text, escaped."""

from bot.common.errors import InvalidInput
from handlers.kit.errors import words


def test_typed_text_is_shown_literally():
    assert words(InvalidInput("bad_email", email="<@U1>")) == (
        "`&lt;@U1&gt;` is not an email address; write it like `ann@acme.com`."
    )
    assert words(InvalidInput("bad_role", role="b&b", roles=["Champion", "User"])) == (
        "`b&amp;b` is not a buying role; use one of: Champion, User."
    )
    assert words(InvalidInput("no_such_account", name="<!here>")) == (
        "No account is called “&lt;!here&gt;”. Accounts are made when a deal names its "
        "company (`/deal set 12 company Acme Corp`)."
    )


def test_several_accounts_are_listed_and_a_known_contact_is_named():
    said = words(
        InvalidInput("ambiguous_account", name="acme", candidates=["Acme <Corp>", "Acme Labs"])
    )
    assert said == "“acme” fits several accounts: Acme &lt;Corp&gt;, Acme Labs. Say which one."
    assert words(InvalidInput("contact_exists", name="Ann", email="ann@acme.com")) == (
        "Ann <ann@acme.com> is already a contact of this account."
    )
    assert words(InvalidInput("deal_has_no_company", deal=4)) == (
        "#4 has no company yet; set it first: `/deal set 4 company Acme Corp`."
    )
