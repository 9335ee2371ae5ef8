"""Money: an integer of minor units plus an ISO 4217 currency, and the signs it is written
with. Reading is `bot.common.amounts`, writing and converting `bot.common.money`."""

from dataclasses import dataclass
from decimal import Decimal

# ISO 4217 minor digits of the currencies a team may use.
CURRENCIES: dict[str, int] = {
    "USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2,
    "SEK": 2, "NOK": 2, "DKK": 2, "ISK": 0, "PLN": 2, "CZK": 2, "HUF": 2, "RON": 2,
    "BGN": 2, "TRY": 2, "CNY": 2, "HKD": 2, "SGD": 2, "INR": 2, "KRW": 0, "BRL": 2,
    "MXN": 2, "ZAR": 2, "ILS": 2, "AED": 2, "KWD": 3, "BHD": 3,
}  # fmt: skip

# A sign, its usual currency, and the other currencies written with it.
SIGNS: dict[str, tuple[str, frozenset[str]]] = {
    "$": ("USD", frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"})),
    "€": ("EUR", frozenset({"EUR"})),
    "£": ("GBP", frozenset({"GBP"})),
    "¥": ("JPY", frozenset({"JPY", "CNY"})),
}
SIGN_OF = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
MAX_MAJOR = 10**13


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: ``minor`` units (cents, or yen) of ISO 4217 ``currency``."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError(f"Money.minor must be an int, not {type(self.minor).__name__}")
        if self.currency not in CURRENCIES:
            raise ValueError(f"unknown currency {self.currency!r}")

    @property
    def major(self) -> Decimal:
        """The amount in major units, exactly (``Decimal("12.50")`` for 1250 cents)."""
        return Decimal(self.minor).scaleb(-CURRENCIES[self.currency])


def minor_digits(currency: str) -> int:
    """How many decimals the currency has (2 for USD, 0 for JPY)."""
    return CURRENCIES[currency]
