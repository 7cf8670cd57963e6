"""Cart lines and bill totals, computed once, in integers, from the lines.

A line's ``qty`` is in thousandths of its ``unit`` (domain/quantity.py: ``1250`` is 1.25 kg, ``3000``
three pieces; a strip item's quantity counts tablets, ``pack_size`` to a strip); its value before
discounts is ``quantity.line_amount`` (price × quantity, rounded half-up to the paisa once).

Tax is per line, in basis points, rounded half-up per line. A line may also carry a compensation cess
(``cess_rate_bp``, ad valorem, rounded the same way: ``domain/gst.py::line_tax``); a line's ``tax`` is its
whole tax, GST and cess together, and ``cess`` the cess part of it, so every total that adds ``tax`` (the
bill's, the day report's, the integrity check's) counts the cess. A bill-level
discount is spread over the lines in proportion to their value before tax
(largest remainder, so the pieces add up exactly), so tax is charged on
what the customer actually pays.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from possuite.domain import gst, quantity
from possuite.domain.errors import ValidationError
from possuite.domain.money import INR, Currency, apply_basis_points, parse_money, parse_percent_bp, round_half_up

#: The most one line may carry, in thousandths (100,000 units).
MAX_QTY = quantity.MAX_QUANTITY
MAX_DESCRIPTION = 300
#: Bidirectional overrides/embeddings/isolates: invisible, and able to make printed text read backwards.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class CartLine:
    description: str
    qty: int            # thousandths of ``unit`` (3000: three pieces; 1250: 1.25 kg; strips: tablets)
    unit_price: int     # per unit (per strip for a strip item)
    line_discount: int = 0
    tax_rate_bp: int = 0
    tax_inclusive: bool = False
    item_id: str | None = None
    kind: str = "service"
    hsn: str = ""  # HSN/SAC code carried from the item onto the bill line (GST)
    unit: str = "piece"   # the item's unit at the sale (domain/quantity.py), kept on the bill line
    pack_size: int = 1    # tablets in a strip (strip items); 1 otherwise
    cess_rate_bp: int = 0  # compensation cess (GST), ad valorem in basis points; 0: none

    def validate(self, position: int) -> None:
        where = f"line {position}"
        if not self.description or not self.description.strip():
            raise ValidationError(f"{where} description", "is empty")
        if len(self.description) > MAX_DESCRIPTION:
            raise ValidationError(f"{where} description", "is too long ({description_count} characters; at most "
                                                          "{max_description})",
                                  description_count=len(self.description), max_description=MAX_DESCRIPTION)
        # (A printable description has neither: both are unprintable, so most lines skip the scan.)
        if not self.description.isprintable() and any(unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS
                                                      for ch in self.description):
            raise ValidationError(f"{where} description", "contains control characters")
        if self.unit not in quantity.UNITS:
            raise ValidationError(f"{where} unit", f"{self.unit!r} is not a unit")
        quantity.check_pack_size(self.pack_size, self.unit, f"{where} pack size")
        if not isinstance(self.qty, int) or isinstance(self.qty, bool) or self.qty <= 0:
            raise ValidationError(f"{where} qty", "must be more than zero (thousandths of the unit)")
        if self.qty > MAX_QTY:
            raise ValidationError(f"{where} qty", "must not exceed {max_qty}", max_qty=quantity.MAX_UNITS)
        if quantity.UNITS[self.unit].whole and self.qty % quantity.SCALE:
            what = "tablets" if self.unit == "strip" else "pieces"
            raise ValidationError(f"{where} qty", f"{quantity.format_quantity(self.qty, self.unit)}: this item "
                                                  f"is sold in whole {what}, not fractions")
        if self.unit_price < 0:
            raise ValidationError(f"{where} price", "must not be negative")
        if self.line_discount < 0:
            raise ValidationError(f"{where} discount", "must not be negative")
        if self.line_discount > self.value:
            raise ValidationError(f"{where} discount", "is more than the line's value")
        if not 0 <= self.tax_rate_bp <= 10_000:
            raise ValidationError(f"{where} tax rate", "must be between 0% and 100%")
        gst.check_rate_bp(self.cess_rate_bp, f"{where} cess", gst.MAX_CESS_BP)

    @property
    def value(self) -> int:
        """Price × quantity in paise, rounded half-up once (``quantity.line_amount``)."""
        return quantity.line_amount(self.unit_price, self.qty, self.pack_size)

    @property
    def gross(self) -> int:
        """Quantity × price less the line's own discount (before any bill discount)."""
        return self.value - self.line_discount

    @property
    def qty_text(self) -> str:
        """The quantity for people: ``3``, ``1.25 kg``, ``3 tab``, ``2 strips`` (``quantity.format_quantity``)."""
        return quantity.format_quantity(self.qty, self.unit, self.pack_size)


@dataclass(frozen=True)
class LineTotals:
    line: CartLine
    gross: int          # qty × price − line discount
    bill_discount: int  # this line's share of the bill discount
    net: int            # value before tax after all discounts
    tax: int            # the whole tax: GST and cess
    amount: int         # what the customer pays for this line (net + tax)
    cess: int = 0       # the cess part of ``tax``

    @property
    def gst(self) -> int:
        """The GST proper (CGST + SGST + IGST) of the line: its tax less the cess."""
        return self.tax - self.cess


@dataclass(frozen=True)
class Totals:
    lines: tuple[LineTotals, ...]
    subtotal: int               # Σ gross
    discount: int               # bill discount
    line_discounts: int         # Σ line discounts (already inside subtotal)
    tax: int                    # Σ tax (inclusive and exclusive), cess included
    total: int                  # what the customer owes for the bill
    tax_by_rate: dict[int, int] = field(default_factory=dict)   # GST rate -> Σ tax (cess included)
    cess: int = 0               # Σ cess (inside ``tax``)

    @property
    def retail_value(self) -> int:
        return self.total


@dataclass(frozen=True)
class Discount:
    """A bill discount: a fixed amount, or a percentage in basis points."""

    amount: int = 0
    percent_bp: int = 0

    def resolve(self, subtotal: int) -> int:
        if self.percent_bp:
            return apply_basis_points(subtotal, self.percent_bp)
        return self.amount


def parse_discount(text: str | None, currency: Currency = INR, field: str = "discount") -> Discount:
    """What a cashier types for a bill discount: ``"50"`` (an amount) or ``"10%"``; empty: no discount."""
    if text is None or not str(text).strip():
        return Discount()
    if str(text).strip().endswith("%"):
        return Discount(percent_bp=parse_percent_bp(text, field))
    return Discount(amount=parse_money(text, field, currency))


def discount_over_limit(discount: int, subtotal: int, limit_bp: int | None) -> bool:
    """True when a bill discount of ``discount`` on ``subtotal`` is more than ``limit_bp`` percent of it
    (None: no limit). Exact in integers: 10% of ₹333.33 allows ₹33.33, not ₹33.34."""
    if limit_bp is None or discount <= 0:
        return False
    return discount * 10_000 > limit_bp * subtotal


def format_percent(bp: int) -> str:
    """Basis points for people: 1000 -> ``10%``, 1250 -> ``12.5%``, 1234 -> ``12.34%``."""
    whole, frac = divmod(bp, 100)
    return f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"


def discount_percent_text(discount: int, subtotal: int) -> str:
    """A discount as a share of the subtotal, for people: ``12.5%`` (rounded half-up to 0.01%)."""
    return format_percent(round_half_up(discount * 10_000, subtotal) if subtotal > 0 else 0)


def _spread(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights``; pieces sum exactly to ``total``."""
    whole = sum(weights)
    if whole == 0 or total == 0:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    remainders = sorted(
        range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i)
    )
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares


def compute_totals(lines: list[CartLine] | tuple[CartLine, ...], discount: Discount | None = None) -> Totals:
    """Totals of a cart, every figure derived from the lines."""
    for i, line in enumerate(lines, start=1):
        line.validate(i)
    grosses = [line.gross for line in lines]
    subtotal = sum(grosses)
    bill_discount = (discount or Discount()).resolve(subtotal)
    if bill_discount < 0:
        raise ValidationError("discount", "must not be negative")
    if bill_discount > subtotal:
        raise ValidationError("discount", "is more than the bill's value")
    shares = _spread(bill_discount, grosses)
    out: list[LineTotals] = []
    tax_by_rate: dict[int, int] = {}
    for line, gross, share in zip(lines, grosses, shares, strict=True):
        value = gross - share
        if line.tax_inclusive:
            # The price includes GST and cess: the value before tax is carved out at their joint rate.
            net = round_half_up(value * 10_000, 10_000 + line.tax_rate_bp + line.cess_rate_bp)
            tax = value - net
            amount = value
        else:
            net = value
            tax = apply_basis_points(net, line.tax_rate_bp) + gst.line_tax(net, line.cess_rate_bp)
            amount = net + tax
        cess = gst.line_tax(net, line.cess_rate_bp)
        if line.tax_rate_bp or cess:
            tax_by_rate[line.tax_rate_bp] = tax_by_rate.get(line.tax_rate_bp, 0) + tax
        out.append(LineTotals(line, gross, share, net, tax, amount, cess))
    return Totals(
        lines=tuple(out),
        subtotal=subtotal,
        discount=bill_discount,
        line_discounts=sum(line.line_discount for line in lines),
        tax=sum(lt.tax for lt in out),
        total=sum(lt.amount for lt in out),
        tax_by_rate=tax_by_rate,
        cess=sum(lt.cess for lt in out),
    )


def line_off_sql(exclusive: str, inclusive: str) -> str:
    """The SQL twin of :func:`compute_totals`' rule for one stored ``bill_lines`` row: true when the row does not
    recompute (its value, tax, cess or amount). ``exclusive``/``inclusive`` test the row's ``tax_inclusive``
    (``tax_inclusive = 0`` on SQLite, ``NOT tax_inclusive`` on PostgreSQL). The same text otherwise on both
    (integers divide exactly): half-up is ``(2 × n × bp + 10000) / 20000``. Used by the integrity check of
    a book (``services/integrity.py``) and of the hub (``hub/checks.py``)."""
    value = quantity.line_value_sql()
    cess = "(2 * net * cess_rate_bp + 10000) / 20000"
    joint = "(10000 + tax_rate_bp + cess_rate_bp)"
    return (f"(({exclusive}) AND (net != {value} - line_discount - bill_discount"
            f" OR tax != (2 * net * tax_rate_bp + 10000) / 20000 + {cess} OR amount != net + tax))"
            f" OR (({inclusive}) AND (amount != {value} - line_discount - bill_discount"
            f" OR net != (2 * amount * 10000 + {joint}) / (2 * {joint}) OR tax != amount - net))"
            f" OR cess != {cess}")


def with_qty(line: CartLine, qty: int) -> CartLine:
    """The line with another quantity (thousandths of its unit)."""
    return replace(line, qty=qty)
