"""Report data: what the PDFs, CSVs, the CLI and the report pages show. Reads only.

Every report runs a CONSTANT number of statements whatever the row count: one query per kind
of row (bills, lines, settlements, payments...) selected with ``IN (SELECT ...)`` over the same
filter, then assembled in memory. Money is int minor units throughout.

API (the UI and the CLI rely on these names and return types):

- ``payment_report(ctx, date_from, date_to, customer_ref=None) -> PaymentReport``
  every invoice of the period (optionally one customer) with its lines (``InvoiceLine``), what
  settled it (``Settlement``: payments, advances, write-offs, the void), paid / adjusted /
  remaining, and ``PaymentReport.totals`` (``PaymentTotals``) that add up to the invoices.
- ``customer_statement(ctx, customer_ref, date_from=None, date_to=None) -> CustomerStatement``
  opening balance, every movement (``StatementLine``: date, document, debit, credit, running
  balance), closing balance, ``Aging`` as at the end of the period, and a UPI link to pay.
- ``day_report(ctx, day=None) -> DayReport``  the Z report of a business date.
- ``balances_export(ctx) -> BalancesExport``  summary + every customer who owes (reuses
  ``services.balances``).
- ``bills_export(ctx, date_from=None, date_to=None, customer_ref=None) -> list[BillExportRow]``
- ``payments_export(ctx, date_from=None, date_to=None, customer_ref=None) -> list[PaymentExportRow]``
- ``upi_pay_link(store, amount, note) -> str | None``

All take the context's clock as "now" and require ``permissions.VIEW_BALANCES``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import quote, urlencode

from sqlalchemy import Select, and_, func, select, text

from possuite.db import models as m
from possuite.domain.errors import ValidationError
from possuite.domain.money import to_major_string
from possuite.domain.status import AGING_BUCKETS, aging_bucket, bill_status, days_past_due
from possuite.services import balances as balances_service
from possuite.services.balances import BalanceSummary, CustomerBalance
from possuite.services.context import Context, StoreSettings
from possuite.services.customers import resolve
from possuite.services.perf import REPORT, timed
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.phones import display_phone

B = m.Bill.__table__
BL = m.BillLine.__table__
P = m.Payment.__table__
C = m.Customer.__table__
L = m.LedgerEntry.__table__
A = m.Allocation.__table__
O = m.OpenItem.__table__

KIND_LABELS = {"sale": "Bill", "payment": "Payment", "opening": "Opening balance", "adjustment": "Adjustment",
               "writeoff": "Write-off", "void": "Void", "refund": "Refund"}
METHOD_LABELS = {"cash": "Cash", "card": "Card", "upi": "UPI", "other": "Other"}


# ---------------------------------------------------------------- helpers


def _dt(v) -> datetime | None:
    if v is None or isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def _d(v) -> date | None:
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def _start(d: date) -> datetime:
    return datetime.combine(d, time.min)


def _check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ValidationError("from", f"{date_from.isoformat()} is after the end date {date_to.isoformat()}")


@dataclass(frozen=True)
class CustomerRef:
    id: str
    name: str
    phone: str
    balance: int
    credit_limit: int | None


def _customer(conn, ctx: Context, ref: str | None) -> CustomerRef | None:
    if ref is None or not str(ref).strip():
        return None
    r = resolve(conn, ctx, str(ref))
    return CustomerRef(r["id"], r["name"], display_phone(r["phone_e164"], r["phone"]), r["balance"],
                       r["credit_limit"])


def upi_pay_link(store: StoreSettings, amount: int, note: str, *, max_note: int | None = 80) -> str | None:
    """``upi://pay?...`` for ``amount`` to the store's UPI id, or None (no UPI id, nothing to pay)."""
    if not store.upi_id or amount <= 0:
        return None
    query = urlencode({"pa": store.upi_id, "pn": store.name, "am": to_major_string(amount, store.currency),
                       "cu": store.currency_code, "tn": note[:max_note]}, quote_via=quote)
    return f"upi://pay?{query}"


# ---------------------------------------------------------------- settlements of bills


@dataclass(frozen=True)
class Settlement:
    """One thing that settled (part of) an invoice.

    ``kind``: ``payment`` (money, at the bill or a later collection; ``document`` is the bill or
    receipt number), ``advance`` (earlier customer credit), ``adjustment`` (write-off or credit
    adjustment), ``void`` (the bill was voided).
    """

    posted_at: datetime
    document: str
    kind: str
    method: str       # cash | card | upi | other, "" when not money
    amount: int

    @property
    def label(self) -> str:
        if self.kind in ("payment", "advance"):
            what = "Advance" if self.kind == "advance" else "Paid"
            return f"{what} ({METHOD_LABELS.get(self.method, self.method or '-')})"
        return {"adjustment": "Write-off", "void": "Void"}.get(self.kind, self.kind.title())


def _bill_ids(ctx: Context, date_from: date | None, date_to: date | None, customer_id: str | None) -> Select:
    conds = [B.c.store_id == ctx.store_id]
    if date_from:
        conds.append(B.c.business_date >= date_from)
    if date_to:
        conds.append(B.c.business_date <= date_to)
    if customer_id:
        conds.append(B.c.customer_id == customer_id)
    return select(B.c.id).where(*conds)


def _settlements(conn, ctx: Context, ids: Select) -> dict[str, list[Settlement]]:
    """What settled each bill (two statements): allocations onto customer bills, payments of walk-ins."""
    charges = select(B.c.charge_entry_id).where(B.c.id.in_(ids), B.c.charge_entry_id.is_not(None))
    x = (select(A.c.charge_entry_id, A.c.credit_entry_id, func.sum(A.c.amount).label("amount"))
         .where(A.c.store_id == ctx.store_id, A.c.charge_entry_id.in_(charges))
         .group_by(A.c.charge_entry_id, A.c.credit_entry_id).having(func.sum(A.c.amount) != 0).subquery("x"))
    ch, cr = L.alias("ch"), L.alias("cr")
    q = (select(ch.c.bill_id, ch.c.posted_at.label("charged_at"), cr.c.kind, cr.c.document, cr.c.posted_at,
                P.c.method, x.c.amount)
         .select_from(x.join(ch, ch.c.id == x.c.charge_entry_id).join(cr, cr.c.id == x.c.credit_entry_id)
                      .outerjoin(P, P.c.id == cr.c.payment_id))
         .order_by(cr.c.posted_at, cr.c.id))
    out: dict[str, list[Settlement]] = defaultdict(list)
    for r in conn.execute(q).mappings():
        kind = r["kind"]
        if kind == "payment":
            # Credit the customer held before this bill existed: an advance absorbed at checkout.
            kind = "advance" if r["posted_at"] < r["charged_at"] else "payment"
        elif kind != "void":
            kind = "adjustment"
        out[r["bill_id"]].append(Settlement(r["posted_at"], r["document"] or "", kind, r["method"] or "",
                                            r["amount"]))
    walk_ins = conn.execute(
        select(P.c.bill_id, P.c.posted_at, P.c.method, P.c.amount, B.c.number)
        .select_from(P.join(B, B.c.id == P.c.bill_id))
        # "+customer_id": find the period's bills by bill_id, not every walk-in payment ever taken
        # through the customer index (SQLite has no statistics to tell them apart).
        .where(P.c.store_id == ctx.store_id, P.c.bill_id.in_(ids), text("+payments.customer_id IS NULL"),
               P.c.kind == "sale", P.c.amount != 0)
        .order_by(P.c.posted_at, P.c.id)).mappings()
    for r in walk_ins:
        out[r["bill_id"]].append(Settlement(r["posted_at"], r["number"], "payment", r["method"], r["amount"]))
    return out


# ---------------------------------------------------------------- payment report


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    qty: int
    unit_price: int
    discount: int        # the line's own discount + its share of the bill discount
    tax_rate_bp: int
    tax: int
    amount: int


@dataclass(frozen=True)
class Invoice:
    id: str
    number: str
    posted_at: datetime
    due_date: date | None
    customer_id: str | None
    customer_name: str          # "Walk-in" without a customer
    customer_phone: str
    status: str                 # derived: void, complimentary, paid, overdue, partially_paid, pending
    subtotal: int
    discount: int
    tax: int
    total: int                  # payable (0 when complimentary)
    retail_value: int
    comp_reason: str
    void_reason: str
    paid: int                   # money (payments and advances) that settled it (0 once voided)
    adjusted: int               # write-offs / credit adjustments that settled it
    remaining: int              # still owed on it now
    lines: tuple[InvoiceLine, ...]
    settlements: tuple[Settlement, ...]
    voided_at: datetime | None = None

    @property
    def voided(self) -> bool:
        return self.status == "void"

    @property
    def complimentary(self) -> bool:
        return self.status == "complimentary"


@dataclass(frozen=True)
class PaymentTotals:
    """Sums over the invoices that count (not void): ``total == paid + adjusted + remaining``."""

    invoices: int
    total: int
    discount: int
    tax: int
    paid: int
    adjusted: int
    remaining: int
    complimentary_count: int
    complimentary_value: int
    void_count: int
    void_value: int
    paid_by_method: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PaymentReport:
    store: StoreSettings
    date_from: date
    date_to: date
    generated_at: datetime
    customer: CustomerRef | None
    invoices: list[Invoice]
    totals: PaymentTotals


def _invoice_rows(conn, ctx: Context, ids: Select) -> list:
    outstanding = func.coalesce(O.c.open_amount, 0)
    q = (select(B.c.id, B.c.number, B.c.posted_at, B.c.due_date, B.c.customer_id, C.c.name.label("customer_name"),
                C.c.phone, C.c.phone_e164, B.c.subtotal, B.c.discount, B.c.tax, B.c.total, B.c.retail_value,
                B.c.complimentary, B.c.comp_reason, B.c.voided_at, B.c.void_reason, B.c.user_name, B.c.outcome,
                B.c.business_date, outstanding.label("outstanding"))
         .select_from(B.outerjoin(O, and_(O.c.bill_id == B.c.id, O.c.side == "charge"))
                      .outerjoin(C, C.c.id == B.c.customer_id))
         .where(B.c.id.in_(ids)).order_by(B.c.posted_at, B.c.number))
    return conn.execute(q).mappings().all()


def _status(r, today: date) -> str:
    outstanding = 0 if r["voided_at"] is not None else r["outstanding"]
    return bill_status(voided=r["voided_at"] is not None, complimentary=bool(r["complimentary"]),
                       total=r["total"], outstanding=outstanding, due_date=r["due_date"], today=today)


@timed(REPORT, "payment report")
def payment_report(ctx: Context, date_from: date, date_to: date, customer_ref: str | None = None) -> PaymentReport:
    """Every invoice of ``date_from..date_to`` (business dates, inclusive), optionally one customer's."""
    require(ctx, VIEW_BALANCES)
    _check_range(date_from, date_to)
    today = ctx.clock.today()
    store = ctx.store
    with ctx.read() as conn:
        cust = _customer(conn, ctx, customer_ref)
        ids = _bill_ids(ctx, date_from, date_to, cust.id if cust else None)
        rows = _invoice_rows(conn, ctx, ids)
        lines: dict[str, list[InvoiceLine]] = defaultdict(list)
        for ln in conn.execute(select(BL).where(BL.c.bill_id.in_(ids)).order_by(BL.c.bill_id, BL.c.position)
                               ).mappings():
            lines[ln["bill_id"]].append(InvoiceLine(ln["description"], ln["qty"], ln["unit_price"],
                                                    ln["line_discount"] + ln["bill_discount"], ln["tax_rate_bp"],
                                                    ln["tax"], ln["amount"]))
        settled = _settlements(conn, ctx, ids)
    invoices: list[Invoice] = []
    for r in rows:
        status = _status(r, today)
        sets = settled.get(r["id"], [])
        paid = sum(s.amount for s in sets if s.kind in ("payment", "advance"))
        adjusted = sum(s.amount for s in sets if s.kind == "adjustment")
        remaining = 0 if status in ("void", "complimentary") else r["outstanding"]
        if r["customer_id"] is None and status != "void":
            remaining = max(r["total"] - paid, 0)
        if status == "void":        # reversed: what was paid went back or on to other dues
            paid = adjusted = 0
        invoices.append(Invoice(
            id=r["id"], number=r["number"], posted_at=r["posted_at"], due_date=r["due_date"],
            customer_id=r["customer_id"], customer_name=r["customer_name"] or "Walk-in",
            customer_phone=display_phone(r["phone_e164"], r["phone"]) if r["customer_id"] else "",
            status=status, subtotal=r["subtotal"], discount=r["discount"], tax=r["tax"], total=r["total"],
            retail_value=r["retail_value"], comp_reason=r["comp_reason"] or "", void_reason=r["void_reason"] or "",
            paid=paid, adjusted=adjusted, remaining=remaining, lines=tuple(lines.get(r["id"], ())),
            settlements=tuple(sets), voided_at=r["voided_at"]))
    return PaymentReport(store, date_from, date_to, ctx.clock.now(), cust, invoices, _payment_totals(invoices))


def _payment_totals(invoices: list[Invoice]) -> PaymentTotals:
    live = [i for i in invoices if not i.voided]
    by_method: dict[str, int] = defaultdict(int)
    for inv in live:
        for s in inv.settlements:
            if s.kind in ("payment", "advance"):
                by_method[s.method or "other"] += s.amount
    comps = [i for i in live if i.complimentary]
    voids = [i for i in invoices if i.voided]
    return PaymentTotals(
        invoices=len(live), total=sum(i.total for i in live), discount=sum(i.discount for i in live),
        tax=sum(i.tax for i in live), paid=sum(i.paid for i in live), adjusted=sum(i.adjusted for i in live),
        remaining=sum(i.remaining for i in live), complimentary_count=len(comps),
        complimentary_value=sum(i.retail_value for i in comps), void_count=len(voids),
        void_value=sum(i.total for i in voids), paid_by_method=dict(sorted(by_method.items())))


# ---------------------------------------------------------------- customer statement


@dataclass(frozen=True)
class StatementLine:
    posted_at: datetime
    document: str
    description: str
    debit: int       # raises what the customer owes
    credit: int      # lowers it
    balance: int     # running balance after this movement
    due_date: date | None


@dataclass(frozen=True)
class Aging:
    """Open charges by days past due at ``as_of`` (not yet due counts as 0-30), less unapplied credit."""

    as_of: date
    buckets: dict[str, int]
    unapplied_credit: int

    @property
    def total(self) -> int:
        return sum(self.buckets.values()) - self.unapplied_credit


@dataclass(frozen=True)
class CustomerStatement:
    store: StoreSettings
    customer: CustomerRef
    date_from: date | None       # None: from the first movement
    date_to: date                # the statement date
    generated_at: datetime
    opening: int
    lines: list[StatementLine]
    closing: int
    aging: Aging
    upi_link: str | None         # to pay the closing balance, when the store has a UPI id

    @property
    def total_debit(self) -> int:
        return sum(ln.debit for ln in self.lines)

    @property
    def total_credit(self) -> int:
        return sum(ln.credit for ln in self.lines)


def _describe(kind: str, method: str | None, pay_kind: str | None, note: str) -> str:
    if kind == "payment":
        how = METHOD_LABELS.get(method or "", method or "")
        what = "Collection" if pay_kind == "collection" else "Payment" if pay_kind else "Credit"
        text_ = f"{what} ({how})" if how else what
    else:
        text_ = KIND_LABELS.get(kind, kind.title())
    if note and kind in ("opening", "adjustment", "writeoff", "void"):
        text_ += f": {note}"
    return text_


@timed(REPORT, "customer statement")
def customer_statement(ctx: Context, customer_ref: str, date_from: date | None = None,
                       date_to: date | None = None) -> CustomerStatement:
    """The customer's account for ``date_from..date_to`` (default: everything up to today)."""
    require(ctx, VIEW_BALANCES)
    date_to = date_to or ctx.clock.today()
    _check_range(date_from, date_to)
    lo = _start(date_from) if date_from else None
    hi = _start(date_to + timedelta(days=1))
    with ctx.read() as conn:
        cust = _customer(conn, ctx, customer_ref)
        assert cust is not None
        base = [L.c.store_id == ctx.store_id, L.c.customer_id == cust.id]
        opening = 0
        if lo is not None:
            opening = conn.execute(select(func.coalesce(func.sum(L.c.amount), 0))
                                   .where(*base, L.c.posted_at < lo)).scalar_one()
        period = [*base, L.c.posted_at < hi] + ([L.c.posted_at >= lo] if lo is not None else [])
        entries = conn.execute(
            select(L.c.posted_at, L.c.document, L.c.kind, L.c.amount, L.c.note, L.c.due_date,
                   P.c.method, P.c.kind.label("pay_kind"))
            .select_from(L.outerjoin(P, P.c.id == L.c.payment_id))
            .where(*period).order_by(L.c.posted_at, text("ledger_entries.rowid"))).mappings().all()
        aging = _aging(conn, ctx, cust.id, hi, date_to)
    running = opening
    lines = []
    for e in entries:
        running += e["amount"]
        lines.append(StatementLine(e["posted_at"], e["document"] or "",
                                   _describe(e["kind"], e["method"], e["pay_kind"], e["note"] or ""),
                                   max(e["amount"], 0), max(-e["amount"], 0), running, e["due_date"]))
    store = ctx.store
    return CustomerStatement(store, cust, date_from, date_to, ctx.clock.now(), opening, lines, running, aging,
                             upi_pay_link(store, running, f"{store.name} dues {cust.name}"))


def _aging(conn, ctx: Context, customer_id: str, hi: datetime, as_of: date) -> Aging:
    """Open amounts as they stood at ``hi`` (allocations made before it), in one statement."""
    # Allocations are reached through the customer's own entries (allocations has no customer index: a
    # filter on customer_id read the whole table, a second at a million bills).
    sql = text(
        "SELECT e.amount, e.due_date, e.posted_at, ABS(e.amount)"
        " - (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a WHERE a.charge_entry_id = e.id"
        "    AND a.store_id = :s AND a.customer_id = :c AND a.created_at < :hi)"
        " - (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a WHERE a.credit_entry_id = e.id"
        "    AND a.store_id = :s AND a.customer_id = :c AND a.created_at < :hi) AS open_amount "
        "FROM ledger_entries e "
        "WHERE e.store_id = :s AND e.customer_id = :c AND e.posted_at < :hi AND e.amount != 0")
    buckets = dict.fromkeys(AGING_BUCKETS, 0)
    credit = 0
    hi_text = hi.isoformat(sep=" ")
    for r in conn.execute(sql, {"s": ctx.store_id, "c": customer_id, "hi": hi_text}).mappings():
        if r["open_amount"] <= 0:
            continue
        if r["amount"] < 0:
            credit += r["open_amount"]
            continue
        due = _d(r["due_date"]) or _d(r["posted_at"])
        buckets[aging_bucket(days_past_due(due, as_of))] += r["open_amount"]
    return Aging(as_of, buckets, credit)


# ---------------------------------------------------------------- day-end (Z) report


@dataclass(frozen=True)
class DayReport:
    """The day's activity, as it happened (a bill voided later still counts as sold on its day).

    ``sales_total == gross - discounts + tax_added``; ``net_sales == sales_total - voids_value``;
    ``expected_cash == tenders["cash"] - refunds["cash"]`` (no opening float).
    """

    store: StoreSettings
    day: date
    generated_at: datetime
    bills: int                   # posted this day (complimentary included)
    first_number: str
    last_number: str
    gross: int                   # qty × price of the paying bills' lines
    discounts: int               # line + bill discounts
    tax: int                     # all tax in the sales (inclusive and added)
    tax_added: int               # tax added on top of prices (exclusive rates)
    sales_total: int             # Σ bill totals
    complimentary_count: int
    complimentary_value: int
    tenders: dict[str, int]      # money received by method (sales + collections, change already given back)
    cash_tendered: int
    change_given: int
    refunds: dict[str, int]      # money paid back by method (positive)
    pending_created: int         # left owing on this day's bills
    advance_used: int            # earlier customer credit used on this day's bills
    collections_count: int
    collections: int             # dues collected without a bill
    dues_at_checkout: int        # older dues paid along with a new bill
    voids_count: int             # bills voided this day (whenever they were posted)
    voids_value: int
    cashiers: dict[str, int] = field(default_factory=dict)   # bills per cashier

    @property
    def net_sales(self) -> int:
        return self.sales_total - self.voids_value

    @property
    def dues_collected(self) -> int:
        return self.collections + self.dues_at_checkout

    @property
    def received(self) -> int:
        return sum(self.tenders.values())

    @property
    def refunded(self) -> int:
        return sum(self.refunds.values())

    @property
    def expected_cash(self) -> int:
        return self.tenders.get("cash", 0) - self.refunds.get("cash", 0)


_DAY_BILLS_SQL = text(
    "SELECT COUNT(*) AS n, "
    " (SELECT number FROM bills WHERE store_id = :s AND business_date = :d ORDER BY posted_at, rowid LIMIT 1)"
    "  AS first_number, "
    " (SELECT number FROM bills WHERE store_id = :s AND business_date = :d ORDER BY posted_at DESC, rowid DESC"
    "  LIMIT 1) AS last_number, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN 0 ELSE b.total END), 0) AS sales_total, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN 1 ELSE 0 END), 0) AS comp_n, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN b.retail_value ELSE 0 END), 0) AS comp_value, "
    " COALESCE(SUM(b.applied_to_previous), 0) AS dues_at_checkout, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN 0 ELSE b.advance_used END), 0) AS advance_used, "
    " COALESCE(SUM(CASE WHEN b.complimentary OR b.customer_id IS NULL THEN 0 ELSE "
    "   MAX(0, b.total - b.advance_used - (COALESCE(p.paid, 0) - b.applied_to_previous)) END), 0) AS pending "
    "FROM bills b LEFT JOIN (SELECT bill_id, SUM(amount) AS paid FROM payments "
    "  WHERE store_id = :s AND kind = 'sale' AND business_date = :d GROUP BY bill_id) p ON p.bill_id = b.id "
    "WHERE b.store_id = :s AND b.business_date = :d")
_DAY_LINES_SQL = text(
    "SELECT COALESCE(SUM(l.qty * l.unit_price), 0) AS gross, "
    " COALESCE(SUM(l.line_discount + l.bill_discount), 0) AS discounts, COALESCE(SUM(l.tax), 0) AS tax, "
    " COALESCE(SUM(CASE WHEN l.tax_inclusive THEN 0 ELSE l.tax END), 0) AS tax_added "
    "FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
    "WHERE b.store_id = :s AND b.business_date = :d AND b.complimentary = 0")
_DAY_PAYMENTS_SQL = text(
    "SELECT kind, method, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount, "
    " COALESCE(SUM(tendered), 0) AS tendered, COALESCE(SUM(change), 0) AS change "
    "FROM payments WHERE store_id = :s AND business_date = :d GROUP BY kind, method")
_DAY_VOIDS_SQL = text(
    "SELECT 'void' AS what, COUNT(*) AS n, COALESCE(SUM(total), 0) AS value FROM bills "
    "WHERE store_id = :s AND voided_at >= :lo AND voided_at < :hi "
    "UNION ALL SELECT 'cashier:' || user_name, COUNT(*), 0 FROM bills "
    "WHERE store_id = :s AND business_date = :d GROUP BY user_name")


@timed(REPORT, "day report")
def day_report(ctx: Context, day: date | None = None) -> DayReport:
    """The Z report of ``day`` (default today), in four statements."""
    require(ctx, VIEW_BALANCES)
    day = day or ctx.clock.today()
    params = {"s": ctx.store_id, "d": day.isoformat(), "lo": _start(day).isoformat(sep=" "),
              "hi": _start(day + timedelta(days=1)).isoformat(sep=" ")}
    with ctx.read() as conn:
        b = conn.execute(_DAY_BILLS_SQL, params).mappings().one()
        ln = conn.execute(_DAY_LINES_SQL, params).mappings().one()
        pays = conn.execute(_DAY_PAYMENTS_SQL, params).mappings().all()
        extra = conn.execute(_DAY_VOIDS_SQL, params).mappings().all()
    tenders: dict[str, int] = defaultdict(int)
    refunds: dict[str, int] = defaultdict(int)
    collections = collections_n = cash_tendered = change = 0
    for p in pays:
        if p["kind"] == "refund":
            refunds[p["method"]] += -p["amount"]
            continue
        tenders[p["method"]] += p["amount"]
        if p["method"] == "cash":
            cash_tendered += p["tendered"]
            change += p["change"]
        if p["kind"] == "collection":
            collections += p["amount"]
            collections_n += p["n"]
    voids = next(r for r in extra if r["what"] == "void")
    cashiers = {r["what"].removeprefix("cashier:") or "-": r["n"] for r in extra if r["what"] != "void"}
    order = {m_: i for i, m_ in enumerate(METHOD_LABELS)}
    return DayReport(
        store=ctx.store, day=day, generated_at=ctx.clock.now(), bills=b["n"],
        first_number=b["first_number"] or "", last_number=b["last_number"] or "", gross=ln["gross"],
        discounts=ln["discounts"], tax=ln["tax"], tax_added=ln["tax_added"], sales_total=b["sales_total"],
        complimentary_count=b["comp_n"], complimentary_value=b["comp_value"],
        tenders=dict(sorted(tenders.items(), key=lambda kv: order.get(kv[0], 99))),
        cash_tendered=cash_tendered, change_given=change,
        refunds=dict(sorted(refunds.items(), key=lambda kv: order.get(kv[0], 99))),
        pending_created=b["pending"], advance_used=b["advance_used"], collections_count=collections_n,
        collections=collections, dues_at_checkout=b["dues_at_checkout"], voids_count=voids["n"],
        voids_value=voids["value"], cashiers=cashiers)


# ---------------------------------------------------------------- exports


@dataclass(frozen=True)
class BalancesExport:
    store: StoreSettings
    generated_at: datetime
    summary: BalanceSummary
    rows: list[CustomerBalance]      # every customer who owes, highest balance first


@timed(REPORT, "balances export")
def balances_export(ctx: Context) -> BalancesExport:
    """The balances window's data in full (two statements, from the cached balances)."""
    require(ctx, VIEW_BALANCES)
    summary = balances_service.summary(ctx)
    rows = balances_service.customer_balances(ctx, limit=2**62)
    return BalancesExport(ctx.store, ctx.clock.now(), summary, rows)


@dataclass(frozen=True)
class BillExportRow:
    number: str
    posted_at: datetime
    due_date: date | None
    customer_name: str
    customer_phone: str
    cashier: str
    status: str
    outcome: str
    subtotal: int
    discount: int
    tax: int
    total: int
    retail_value: int
    paid: int
    adjusted: int
    outstanding: int
    comp_reason: str
    void_reason: str


@timed(REPORT, "bills export")
def bills_export(ctx: Context, date_from: date | None = None, date_to: date | None = None,
                 customer_ref: str | None = None) -> list[BillExportRow]:
    """Every bill of the period (all bills without dates), oldest first, in a fixed number of statements."""
    require(ctx, VIEW_BALANCES)
    _check_range(date_from, date_to)
    today = ctx.clock.today()
    with ctx.read() as conn:
        cust = _customer(conn, ctx, customer_ref)
        ids = _bill_ids(ctx, date_from, date_to, cust.id if cust else None)
        rows = _invoice_rows(conn, ctx, ids)
        settled = _settlements(conn, ctx, ids)
    out = []
    for r in rows:
        status = _status(r, today)
        sets = settled.get(r["id"], [])
        paid = sum(s.amount for s in sets if s.kind in ("payment", "advance"))
        adjusted = sum(s.amount for s in sets if s.kind == "adjustment")
        outstanding = 0 if status in ("void", "complimentary") else r["outstanding"]
        out.append(BillExportRow(
            number=r["number"], posted_at=r["posted_at"], due_date=r["due_date"],
            customer_name=r["customer_name"] or "Walk-in",
            customer_phone=display_phone(r["phone_e164"], r["phone"]) if r["customer_id"] else "",
            cashier=r["user_name"] or "", status=status, outcome=r["outcome"], subtotal=r["subtotal"],
            discount=r["discount"], tax=r["tax"], total=r["total"], retail_value=r["retail_value"],
            paid=paid if status != "void" else 0, adjusted=adjusted, outstanding=outstanding,
            comp_reason=r["comp_reason"] or "", void_reason=r["void_reason"] or ""))
    return out


@dataclass(frozen=True)
class PaymentExportRow:
    posted_at: datetime
    document: str          # receipt number of a collection, else the bill's number
    kind: str              # sale | collection | refund
    method: str
    tendered: int
    change: int
    amount: int            # applied (tendered − change); negative for a refund
    customer_name: str
    customer_phone: str
    bill_number: str
    reference: str
    note: str
    cashier: str


@timed(REPORT, "payments export")
def payments_export(ctx: Context, date_from: date | None = None, date_to: date | None = None,
                    customer_ref: str | None = None) -> list[PaymentExportRow]:
    """Every payment, collection and refund of the period, oldest first (one statement)."""
    require(ctx, VIEW_BALANCES)
    _check_range(date_from, date_to)
    with ctx.read() as conn:
        cust = _customer(conn, ctx, customer_ref)
        conds = [P.c.store_id == ctx.store_id]
        if date_from:
            conds.append(P.c.business_date >= date_from)
        if date_to:
            conds.append(P.c.business_date <= date_to)
        if cust:
            conds.append(P.c.customer_id == cust.id)
        rows = conn.execute(
            select(P, B.c.number.label("bill_number"), C.c.name.label("customer_name"),
                   C.c.phone.label("c_phone"), C.c.phone_e164)
            .select_from(P.outerjoin(B, B.c.id == P.c.bill_id).outerjoin(C, C.c.id == P.c.customer_id))
            .where(*conds).order_by(P.c.posted_at, text("payments.rowid"))).mappings().all()
    return [PaymentExportRow(
        posted_at=r["posted_at"], document=r["number"] or r["bill_number"] or "", kind=r["kind"],
        method=r["method"], tendered=r["tendered"], change=r["change"], amount=r["amount"],
        customer_name=r["customer_name"] or "Walk-in",
        customer_phone=display_phone(r["phone_e164"], r["c_phone"]) if r["customer_id"] else "",
        bill_number=r["bill_number"] or "", reference=r["reference"] or "", note=r["note"] or "",
        cashier=r["user_name"] or "") for r in rows]
