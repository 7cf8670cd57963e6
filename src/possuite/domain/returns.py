"""Returns: what a credit note reverses of a posted bill's lines (docs/architecture.md §3.4).

Standard library only; the return dialog's live figures and the service that posts the credit note
call the same ``plan_return``, so the screen and the book cannot disagree.

- A line can be returned in several goes, never beyond what was sold (quantities in thousandths of the
  line's unit, like ``bill_lines.qty``: domain/quantity.py; a piece or tablet line comes back whole).
- A returned quantity reverses its share of the line's value and tax: ``share(value, sold, before, now)``
  is the difference of two cumulative shares, each rounded half-up once (``round_half_up``), so the
  returns of a whole line add up to exactly its amount and tax, whatever the steps. The amount and
  the tax are shared; the value before tax is their difference (net + tax == amount on every line). A
  line's cess (part of its tax) is shared apart from its GST, so each adds up to the line's own too.
- The credit note's total is what the customer is credited: Σ the lines' amounts, or 0 on a
  complimentary bill (nothing was charged, nothing is refunded).
"""

from __future__ import annotations

from dataclasses import dataclass

from possuite.domain import quantity
from possuite.domain.errors import ValidationError
from possuite.domain.money import round_half_up

#: How the value of a return goes back: a tender, or the customer's account.
REFUND_METHODS = ("cash", "card", "upi", "account")
#: ``refund_method`` of a credit note that refunds nothing (a complimentary bill's).
NO_REFUND = "none"

#: Bill return statuses (``return_status``), beside the payment status.
RETURNED = "returned"
PARTLY_RETURNED = "partly_returned"


@dataclass(frozen=True)
class SoldLine:
    """A bill line as a return sees it: what was sold and what earlier returns took back."""

    id: str
    position: int
    description: str
    item_id: str | None
    qty: int
    unit_price: int
    tax_rate_bp: int
    net: int
    tax: int
    amount: int
    returned: int = 0          # quantity already returned by earlier credit notes
    unit: str = "piece"        # the line's unit (domain/quantity.py); qty and returned in thousandths of it
    pack_size: int = 1
    cess: int = 0              # the cess part of ``tax`` (domain/gst.py)

    @property
    def returnable(self) -> int:
        return self.qty - self.returned

    def text(self, q: int) -> str:
        """A quantity of this line for people: ``3``, ``1.25 kg``, ``3 tab``."""
        return quantity.format_quantity(q, self.unit, self.pack_size)


@dataclass(frozen=True)
class ReturnLine:
    """One line of a credit note: the quantity returned now and the value it reverses."""

    line: SoldLine
    qty: int
    net: int
    tax: int
    amount: int
    cess: int = 0         # the cess part of ``tax``


@dataclass(frozen=True)
class ReturnPlan:
    lines: tuple[ReturnLine, ...]
    net: int
    tax: int
    retail_value: int     # Σ amounts: the value of what comes back
    total: int            # what the customer is credited (0 from a complimentary bill)
    tax_by_rate: dict[int, tuple[int, int]]   # rate (bp) -> (net, tax) reversed


def share(value: int, sold: int, before: int, now: int) -> int:
    """The part of a line's ``value`` that ``now`` more of ``sold`` reverse, ``before`` already returned."""
    return round_half_up(value * (before + now), sold) - round_half_up(value * before, sold)


def plan_return(sold: list[SoldLine], wanted: dict[str, int], *, complimentary: bool = False) -> ReturnPlan:
    """The credit note for returning ``wanted`` (bill line id -> quantity) of ``sold``.

    Refuses an empty return, an unknown line, a quantity below 1 and more than is still returnable,
    naming the line (``line 2``)."""
    by_id = {ln.id: ln for ln in sold}
    if not wanted or not any(q for q in wanted.values()):
        raise ValidationError("line", "choose at least one line and quantity to return")
    out = []
    for line_id, qty in wanted.items():
        ln = by_id.get(line_id)
        if ln is None:
            raise ValidationError("line", "{line_id!r} is not a line of this bill", line_id=line_id)
        where = f"line {ln.position}"
        if not isinstance(qty, int) or isinstance(qty, bool) or qty < 0:
            raise ValidationError(f"{where} quantity", "must be a quantity more than zero (thousandths)")
        if qty == 0:
            continue
        if ln.unit in quantity.UNITS and quantity.UNITS[ln.unit].whole and qty % quantity.SCALE:
            raise ValidationError(f"{where} quantity", f"{ln.text(qty)}: {ln.description!r} comes back in whole "
                                                       f"{'tablets' if ln.unit == 'strip' else 'pieces'}")
        if qty > ln.returnable:
            left = ("nothing is left to return" if ln.returnable <= 0
                    else f"only {ln.text(ln.returnable)} can still be returned")
            raise ValidationError(f"{where} quantity",
                                  "{qty} is more than was sold of {description!r} ({qty2}); {left}",
                                  qty=ln.text(qty), description=ln.description, qty2=ln.text(ln.qty), left=left)
        amount = share(ln.amount, ln.qty, ln.returned, qty)
        # GST and cess are shared apart (each adds up to the line's own over every return), the tax is both
        cess = share(ln.cess, ln.qty, ln.returned, qty)
        tax = share(ln.tax - ln.cess, ln.qty, ln.returned, qty) + cess
        out.append(ReturnLine(ln, qty, amount - tax, tax, amount, cess))
    out.sort(key=lambda r: r.line.position)
    by_rate: dict[int, tuple[int, int]] = {}
    for r in out:
        n, t = by_rate.get(r.line.tax_rate_bp, (0, 0))
        by_rate[r.line.tax_rate_bp] = (n + r.net, t + r.tax)
    value = sum(r.amount for r in out)
    return ReturnPlan(tuple(out), sum(r.net for r in out), sum(r.tax for r in out), value,
                      0 if complimentary else value, dict(sorted(by_rate.items())))


def return_status(sold_qty: int, returned_qty: int) -> str | None:
    """``returned`` when everything sold came back (sums of thousandths), ``partly_returned`` when some did,
    else None."""
    if returned_qty <= 0:
        return None
    return RETURNED if returned_qty >= sold_qty else PARTLY_RETURNED
