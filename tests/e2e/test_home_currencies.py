"""Issue 12: the Home tab's totals follow the digests' rule across currencies: converted at
the workspace's rates (saying so), or kept apart with a note, never added as raw numbers."""

from decimal import Decimal

from bot.workspaces import currency
from storage import db
from tests.e2e.helpers import TEAM
from tests.e2e.test_home import texts

ANN = "U0ANN"


def rate(code: str, value: str) -> None:
    """A rate an admin set (`/deal rate`, whose rights are tested with the roles)."""
    with db.session_scope() as s:
        currency.set_rate(session=s, team_id=TEAM, actor=ANN, currency=code, rate=Decimal(value))


def home(slack, driver) -> str:
    driver.app_home_opened(ANN)
    return texts(slack.standin.home(ANN))


def test_home_totals_keep_currencies_apart_without_a_rate_and_convert_with_one(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Paris €4500")
    shown = home(slack, driver)
    assert "*2 open deals* · €4,500 + $12,000 · weighted forecast €225 + $600" in shown
    assert "converted at your rates" not in shown
    assert "Totals keep each currency apart: no rate for EUR (`/deal rate EUR …`" in shown
    assert "$16,500" not in shown  # never the raw sum

    rate("EUR", "1.10")
    shown = home(slack, driver)
    assert (
        "*2 open deals* · €4,500 + $12,000 (= $16,950 converted at your rates) · "
        "weighted forecast €225 + $600 (= $847.50 converted at your rates)"
    ) in shown
    assert "no rate for" not in shown
    assert "*Prospect identified* · 2 deals · €4,500 + $12,000" in shown  # stages keep them


def test_one_currency_says_nothing_about_rates(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Beta 3k")
    shown = home(slack, driver)
    assert "*2 open deals* · $15,000 · weighted forecast $750" in shown
    assert "converted" not in shown and "no rate" not in shown


def test_a_yen_deal_without_a_rate_is_named_in_the_note(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Tokyo ¥1000000")
    rate("EUR", "1.10")  # a rate for another currency does not convert yen
    shown = home(slack, driver)
    assert "Totals keep each currency apart: no rate for JPY" in shown
    assert "converted at your rates" not in shown
