"""Values carried by buttons and forms: read back as written, a forged one refused."""

import pytest

from bot.common.errors import InvalidInput
from handlers.kit.metadata import DealAt, ModalMeta, MoveValue
from tests.words import refused


def test_values_read_back_as_written():
    assert MoveValue.load(MoveValue(deal=12, frm=3, to=4).dump()) == MoveValue(deal=12, frm=3, to=4)
    assert DealAt.load(DealAt(deal=12, stage=3).dump()) == DealAt(deal=12, stage=3)
    meta = ModalMeta(channel="C1", deal=12)
    assert ModalMeta.load(meta.dump()) == meta
    assert ModalMeta.load(None) == ModalMeta()


@pytest.mark.parametrize("value", ["12:3", "a:b:c", "12:3:4:5", ""])
def test_a_broken_move_button_is_refused_with_the_command_to_use(value):
    with refused(InvalidInput, "That button is broken; use `/deal move <deal> <stage>`"):
        MoveValue.load(value)


def test_a_broken_card_button_or_form_is_refused():
    with refused(InvalidInput, "That button is broken; use `/deal show <deal>`"):
        DealAt.load("12")
    with refused(InvalidInput, "That form is broken; please open it again"):
        ModalMeta.load('{"deal": "twelve"}')


@pytest.mark.parametrize("value", [None, 5, ["1:2:3"], {"deal": 1}, "1:2:3\x00", "１:２:３",
                                   "0:1:2", "99999999999:1:2", "1:-2:3", " 1:2:3", "+1:2:3"])
def test_a_forged_move_value_is_refused(value):
    with refused(InvalidInput, "That button is broken; use `/deal move"):
        MoveValue.load(value)


@pytest.mark.parametrize("raw", [5, ["x"], "null", "[]", '{"deal": 99999999999}',
                                 '{"deal": 0}', '{"channel": "C0\\u0000"}', "x" * 3000])
def test_forged_private_metadata_is_refused(raw):
    with refused(InvalidInput, "That form is broken"):
        ModalMeta.load(raw)
