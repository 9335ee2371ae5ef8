"""Card buttons: the deal a refused click refreshes is read from the button's value."""

from handlers.deals.buttons import number_in
from handlers.kit.metadata import DealAt, MoveValue


def test_the_deal_number_is_at_the_front_of_every_card_button():
    assert number_in(MoveValue(deal=12, frm=1, to=2).dump()) == 12
    assert number_in(DealAt(deal=7, stage=3).dump()) == 7
    assert number_in("forged") is None and number_in("") is None
