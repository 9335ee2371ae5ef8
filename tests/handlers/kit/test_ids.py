"""Every id in one place: no two names of one kind share a value (a StrEnum would alias them)."""

import pytest

from handlers.kit.ids import Action, Bant, Block, Callback, Command, Field


@pytest.mark.parametrize("kind", [Command, Action, Callback, Block, Field, Bant])
def test_ids_of_a_kind_are_distinct(kind):
    assert len(kind.__members__) == len({m.value for m in kind.__members__.values()})


def test_deal_and_bant_ids_never_collide():
    """Bolt routes by value: a BANT button must never reach a card's listener."""
    bant = {m.value for m in Bant}
    assert not bant & ({m.value for m in Action} | {m.value for m in Callback})
