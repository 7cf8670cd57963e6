"""The receipt document: what a printed receipt says, as plain immutable data.

A sale receipt and a collection receipt are built once (by ``services.receipts``
from the database) and rendered three ways by ``possuite.printing`` (text,
ESC/POS, PDF). Every figure a receipt shows is fixed at posting time, so a
reprint next month says exactly what the first print said.

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from possuite.domain import gst
from possuite.domain.labels import method_label
from possuite.domain.money import Currency
from possuite.domain.quantity import SCALE, receipt_qty
from possuite.domain.upi import upi_pay_link

OUTCOME_PAID = "paid"
OUTCOME_PENDING = "pending"
OUTCOME_FULL_PENDING = "full_pending"
OUTCOME_COMPLIMENTARY = "complimentary"

@dataclass(frozen=True)
class StoreHeader:
    name: str
    address: str = ""
    phone: str = ""
    tax_id: str = ""
    upi_id: str = ""

    @property
    def address_lines(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.address.replace("\r", "").split("\n") if p.strip())


@dataclass(frozen=True)
class ReceiptLine:
    """One bill line: ``qty`` × ``unit_price`` (less its own discount) = ``amount`` (tax included).

    ``qty`` in thousandths of ``unit`` (domain/quantity.py; a strip line counts tablets, the price is per strip
    of ``pack_size``)."""

    description: str
    qty: int
    unit_price: int
    amount: int
    line_discount: int = 0
    tax_rate_bp: int = 0
    hsn: str = ""   # HSN/SAC code (printed on a GST bill)
    unit: str = "piece"
    pack_size: int = 1
    cess_rate_bp: int = 0   # compensation cess (printed beside the GST rate on a GST bill when not 0)

    @property
    def qty_text(self) -> str:
        """``3``, ``1.250 kg``, ``3 TAB`` (``quantity.receipt_qty``)."""
        return receipt_qty(self.qty, self.unit, self.pack_size)

    @property
    def is_one_piece(self) -> bool:
        return self.unit == "piece" and self.qty == SCALE


@dataclass(frozen=True)
class TaxAtRate:
    rate_bp: int
    tax: int
    inclusive: bool = False  # already inside the prices shown

    @property
    def rate_label(self) -> str:
        whole, frac = divmod(self.rate_bp, 100)
        return f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"


def percent_label(bp: int, half: bool = False) -> str:
    """Basis points as a percentage without trailing zeros: 1800 -> ``18%``, 25 -> ``0.25%``; ``half`` gives
    the CGST/SGST share: 500 -> ``2.5%``, 25 -> ``0.125%``."""
    milli = bp * 5 if half else bp * 10   # thousandths of a percent
    whole, frac = divmod(milli, 1000)
    return f"{whole}%" if not frac else f"{whole}.{frac:03d}".rstrip("0") + "%"


@dataclass(frozen=True)
class GstRate:
    """One row of a GST bill's tax summary: a rate and what the bill carries at it."""

    rate_bp: int
    taxable: int
    cgst: int
    sgst: int
    igst: int
    cess: int = 0   # compensation cess at this GST rate (printed only when not 0)

    @property
    def tax(self) -> int:
        return self.cgst + self.sgst + self.igst

    @property
    def total(self) -> int:
        return self.taxable + self.tax + self.cess

    @property
    def rate_label(self) -> str:
        return percent_label(self.rate_bp)

    @property
    def half_label(self) -> str:
        return percent_label(self.rate_bp, half=True)


@dataclass(frozen=True)
class GstInvoice:
    """What a sale receipt says under GST (docs/architecture.md §5, GST); None on a bill of a book that had
    not set GST up, whose receipt stays as it always was."""

    registration: str
    seller_gstin: str = ""
    buyer_gstin: str = ""
    place_of_supply: str = ""   # state code; "" when the store gave no state
    rates: tuple[GstRate, ...] = ()

    @property
    def heading(self) -> str:
        return gst.invoice_heading(self.registration)

    @property
    def collects_tax(self) -> bool:
        """A TAX INVOICE shows the tax collected; a BILL OF SUPPLY shows none."""
        return self.registration == gst.REGULAR

    @property
    def composition(self) -> bool:
        return self.registration == gst.COMPOSITION

    @property
    def place_label(self) -> str:
        """``27-Maharashtra`` (the form GST returns use)."""
        return gst.state(self.place_of_supply).label if self.place_of_supply else ""

    @property
    def inter_state(self) -> bool:
        return any(r.igst for r in self.rates)

    @property
    def state_tax_name(self) -> str:
        """SGST, or UTGST in a union territory without a legislature."""
        return gst.state_tax_name(self.place_of_supply) if self.place_of_supply else "SGST"


@dataclass(frozen=True)
class TenderLine:
    method: str
    amount: int  # what was handed over (cash may include change)
    reference: str = ""

    @property
    def label(self) -> str:
        return method_label(self.method)


@dataclass(frozen=True)
class Settlement:
    """A bill (or opening balance / adjustment) that a payment settled, and by how much."""

    document: str
    amount: int


@dataclass(frozen=True)
class SaleReceipt:
    store: StoreHeader
    currency: Currency
    number: str
    posted_at: datetime
    cashier: str
    lines: tuple[ReceiptLine, ...]
    subtotal: int
    discount: int
    tax: int
    taxes: tuple[TaxAtRate, ...]
    total: int                      # payable (0 when complimentary)
    retail_value: int               # value of what was given
    outcome: str
    tenders: tuple[TenderLine, ...] = ()
    change: int = 0
    pending: int = 0                # left owing on this bill when it was posted
    applied_to_previous: int = 0    # part of the payment that settled older dues
    settled: tuple[Settlement, ...] = ()
    customer_name: str | None = None
    customer_phone: str = ""
    previous_balance: int | None = None   # None: no customer on the bill
    total_outstanding: int | None = None  # the customer's balance right after this bill
    due_date: date | None = None
    comp_reason: str = ""
    note: str = ""
    voided: bool = False
    gst: GstInvoice | None = None   # None: the bill was posted before the store set GST up
    kind: str = field(default="sale", init=False)

    @property
    def heading(self) -> str:
        return self.gst.heading if self.gst is not None else gst.TAX_INVOICE

    @property
    def complimentary(self) -> bool:
        return self.outcome == OUTCOME_COMPLIMENTARY

    @property
    def tendered(self) -> int:
        return sum(t.amount for t in self.tenders)

    @property
    def shows_balances(self) -> bool:
        """PREVIOUS BALANCE / TOTAL OUTSTANDING appear when the customer carries a balance."""
        return self.previous_balance is not None and (self.previous_balance != 0 or bool(self.total_outstanding))

    @property
    def upi_amount(self) -> int:
        """What a pay-later QR asks for: everything the customer owes after this bill."""
        if self.total_outstanding is not None and self.total_outstanding > 0:
            return self.total_outstanding
        return self.pending

    @property
    def upi_uri(self) -> str | None:
        if self.pending <= 0 or self.voided:
            return None
        return upi_pay_link(self.store.upi_id, self.store.name, self.upi_amount, self.currency, self.number)


@dataclass(frozen=True)
class CollectionReceipt:
    store: StoreHeader
    currency: Currency
    number: str
    posted_at: datetime
    cashier: str
    customer_name: str
    customer_phone: str
    previous_balance: int
    amount: int
    method: str
    remaining_balance: int
    settled: tuple[Settlement, ...] = ()
    reference: str = ""
    note: str = ""
    kind: str = field(default="collection", init=False)

    @property
    def method_label(self) -> str:
        return method_label(self.method)

    @property
    def upi_uri(self) -> str | None:
        return upi_pay_link(self.store.upi_id, self.store.name, self.remaining_balance, self.currency, self.number)


@dataclass(frozen=True)
class CreditNoteReceipt:
    """A credit note (a return against a bill): what came back, its value and tax, and where the money
    went (the bill's pending, older dues, the account, or refunded by a tender). Fixed at posting."""

    store: StoreHeader
    currency: Currency
    number: str
    posted_at: datetime
    cashier: str
    bill_number: str
    bill_posted_at: datetime
    lines: tuple[ReceiptLine, ...]
    net: int
    taxes: tuple[TaxAtRate, ...]
    total: int                     # credited (0 for a complimentary bill's return)
    retail_value: int
    refund_method: str             # cash | card | upi | account | none
    to_bill: int = 0
    to_dues: int = 0
    to_account: int = 0
    refunded: int = 0
    reason: str = ""
    customer_name: str | None = None
    customer_phone: str = ""
    cess: int = 0                  # compensation cess reversed (``taxes`` are the GST without it)
    kind: str = field(default="credit", init=False)

    @property
    def complimentary(self) -> bool:
        return self.refund_method == "none"

    @property
    def refund_label(self) -> str:
        return method_label(self.refund_method)


Receipt = SaleReceipt | CollectionReceipt | CreditNoteReceipt


def taxes_by_rate(lines: list[tuple[int, int, bool]] | tuple[tuple[int, int, bool], ...]) -> tuple[TaxAtRate, ...]:
    """``[(rate_bp, tax, inclusive), ...]`` per line -> one entry per non-zero rate, lowest rate first."""
    acc: dict[tuple[int, bool], int] = {}
    for rate, tax, inclusive in lines:
        if rate:
            key = (rate, bool(inclusive))
            acc[key] = acc.get(key, 0) + tax
    return tuple(TaxAtRate(r, acc[(r, inc)], inc) for r, inc in sorted(acc))


def sale_balances(*, total: int, advance_used: int, received: int, applied_to_previous: int,
                  previous_balance: int | None) -> tuple[int, int | None]:
    """(pending on this bill, the customer's balance after it) from what was stored at posting.

    ``received`` is the money kept at checkout (tendered − change), which went first to this
    bill, then to older dues (``applied_to_previous``), then to an advance.
    """
    to_bill = max(0, received - applied_to_previous)
    pending = max(0, total - advance_used - to_bill)
    outstanding = None if previous_balance is None else previous_balance + total - received
    return pending, outstanding
