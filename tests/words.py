"""What a user would read for a domain error: tests assert on these words."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from handlers.kit.errors import words


@contextmanager
def refused(kind: type[Exception], says: str) -> Iterator[pytest.ExceptionInfo]:
    """Expect `kind` to be raised, and its words as the user reads them to match `says`."""
    with pytest.raises(kind) as caught:
        yield caught
    told = words(caught.value)
    assert re.search(says, told), f"{says!r} not in {told!r}"


def told(caught: pytest.ExceptionInfo) -> str:
    """The words the user reads for a caught domain error."""
    return words(caught.value)
