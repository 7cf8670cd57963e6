"""Benchmark scales and the fixed moment the synthetic history ends at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from possuite.domain.errors import ValidationError

#: The synthetic history runs up to the day before; measured sales are posted at this moment.
BENCH_NOW = datetime(2026, 11, 2, 10, 0, 0)
#: Bump when the builder's output changes, so a kept benchmark file is rebuilt.
BUILDER_VERSION = 2


@dataclass(frozen=True)
class Scale:
    name: str
    customers: int
    items: int
    bills: int
    days: int               # length of the history
    sales: int = 2000       # measured checkouts (and collections)
    lookups_per_class: int = 200

    @property
    def seed(self) -> int:
        return sum(map(ord, self.name)) * 7919


SCALES: dict[str, Scale] = {
    "small": Scale("small", customers=5_000, items=1_000, bills=50_000, days=730),
    "shop": Scale("shop", customers=100_000, items=10_000, bills=1_000_000, days=1095),
    "large": Scale("large", customers=1_000_000, items=10_000, bills=10_000_000, days=1825),
}


def get_scale(name: str) -> Scale:
    try:
        return SCALES[name]
    except KeyError:

        raise ValidationError("scale", f"{name!r} is not one of {', '.join(SCALES)}") from None
