"""The cash drawer of a shift: the denominations a cashier counts, and what the drawer should hold.

A shift's figures come from its cash movements, each a ``Movement(kind, method, amount)`` with a
signed amount (+ into the drawer or the terminal, − out of it). Kinds: ``sale`` and ``collection``
(money received, change already given back), ``refund`` (money paid back, negative), ``cash_in`` and
``cash_out`` (float top-ups, petty expenses, a bank drop). ``expected_cash`` is the opening float plus
every cash movement (the one rule, used by the shift's report and the day report); card, UPI and
other methods are totalled apart for matching against the
terminal's and the bank's slips (docs/architecture.md §5). Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from possuite.domain.errors import ValidationError
from possuite.domain.money import INR, Currency, format_money, parse_money

#: Indian notes and coins a cashier counts, in paise, largest first (₹2000 … ₹1).
DENOMINATIONS: tuple[int, ...] = (200000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100)
#: More pieces of one denomination than any drawer holds: a typo, refused.
MAX_PIECES = 100_000

SALE, COLLECTION, REFUND, CASH_IN, CASH_OUT = "sale", "collection", "refund", "cash_in", "cash_out"
#: The movement kinds, in the order a report lists them.
MOVEMENT_KINDS = (SALE, COLLECTION, REFUND, CASH_IN, CASH_OUT)
MOVEMENT_LABELS = {SALE: "Cash sales", COLLECTION: "Cash collections", REFUND: "Cash refunds",
                   CASH_IN: "Cash in", CASH_OUT: "Cash out"}


@dataclass(frozen=True)
class Movement:
    kind: str
    method: str
    amount: int      # signed minor units: + into the drawer, − out of it
    count: int = 1   # how many documents the row stands for (a grouped query's COUNT)


@dataclass(frozen=True)
class ShiftFigures:
    """What a shift took, by kind for cash and by method for the rest, and the cash it should hold."""

    opening_float: int
    cash: dict[str, int] = field(default_factory=dict)       # kind -> signed cash amount
    cash_counts: dict[str, int] = field(default_factory=dict)  # kind -> documents
    methods: dict[str, int] = field(default_factory=dict)    # non-cash method -> signed amount received

    @property
    def expected_cash(self) -> int:
        return expected_cash(self.opening_float, self.cash)

    def cash_of(self, kind: str) -> int:
        return self.cash.get(kind, 0)

    def as_json(self) -> dict:
        return {"opening_float": self.opening_float, "cash": dict(self.cash), "methods": dict(self.methods),
                "expected_cash": self.expected_cash}


def expected_cash(opening_float: int, cash: Mapping[str, int]) -> int:
    """What the drawer should hold: the opening float plus every signed cash movement (money received
    after change, − refunds, + cash in, − cash out). The one rule for the shift's X/Z report and the
    day report (docs/architecture.md §5)."""
    return opening_float + sum(cash.values())


def shift_figures(opening_float: int, movements: Iterable[Movement]) -> ShiftFigures:
    """Sum a shift's movements: cash by kind (the drawer), every other method by method (the slips)."""
    cash: dict[str, int] = {}
    counts: dict[str, int] = {}
    methods: dict[str, int] = {}
    for mv in movements:
        if mv.method == "cash":
            cash[mv.kind] = cash.get(mv.kind, 0) + mv.amount
            counts[mv.kind] = counts.get(mv.kind, 0) + mv.count
        else:
            methods[mv.method] = methods.get(mv.method, 0) + mv.amount
    order = {k: i for i, k in enumerate(MOVEMENT_KINDS)}
    return ShiftFigures(opening_float, dict(sorted(cash.items(), key=lambda kv: order.get(kv[0], 99))),
                        counts, methods)


def count_total(counts: Mapping[int, int]) -> int:
    """The value of a denomination count ``{face value in minor units: pieces}``."""
    total = 0
    for face, pieces in counts.items():
        if face not in DENOMINATIONS:
            raise ValidationError("counted", "{face} is not a note or coin the till counts", face=face)
        if isinstance(pieces, bool) or not isinstance(pieces, int) or pieces < 0:
            raise ValidationError("counted", "the number of {value} notes/coins must be 0 or more", value=face // 100)
        if pieces > MAX_PIECES:
            raise ValidationError("counted", "{pieces} pieces of {value} is more than a drawer holds",
                                  pieces=pieces, value=face // 100)
        total += face * pieces
    return total


def parse_count(spec: str, currency: Currency = INR) -> tuple[int, int]:
    """``"500=3"`` (three ₹500 notes) -> ``(50000, 3)``; raises ValidationError naming ``count``."""
    face_text, eq, pieces_text = (spec or "").partition("=")
    if not eq:
        raise ValidationError("count", "{spec!r} must look like NOTE=PIECES (e.g. 500=3)", spec=spec)
    face = parse_money(face_text, "count", currency, allow_zero=False)
    if face not in DENOMINATIONS:
        known = ", ".join(format_money(d, currency) for d in DENOMINATIONS)
        raise ValidationError("count", "{face_text!r} is not one of the notes and coins ({known})",
                              face_text=face_text.strip(), known=known)
    p = pieces_text.strip()
    if not p.isascii() or not p.isdigit():
        raise ValidationError("count", "{spec!r}: the number of pieces must be a whole number 0 or more", spec=spec)
    pieces = int(p)
    if pieces > MAX_PIECES:
        raise ValidationError("count", "{spec!r}: {pieces} pieces is more than a drawer holds",
                              spec=spec, pieces=pieces)
    return face, pieces


def variance(counted: int, expected: int) -> int:
    """Counted minus expected: negative when the drawer is short, positive when it is over."""
    return counted - expected


#: The word for a drawer's variance (``variance_label``); translated where shown (``possuite.i18n``, extracted by
#: scripts/extract_messages.py with the other ``*_LABELS`` tables).
VARIANCE_LABELS = {"short": "short", "over": "over", "exact": "exact"}


def variance_label(amount: int) -> str:
    """``short`` (counted less than expected), ``over`` or ``exact``."""
    return VARIANCE_LABELS["short" if amount < 0 else ("over" if amount > 0 else "exact")]
