"""The payment report: every invoice of a period (optionally one customer's) with its lines, what
settled it, and what remains, plus totals that add up to the invoices.

``payment_report(ctx, date_from, date_to, customer_ref=None) -> PaymentReport``: invoices
(``Invoice`` with ``InvoiceLine`` and ``Settlement``: payments, advances, write-offs, the void),
paid / adjusted / remaining, and ``PaymentReport.totals`` (``PaymentTotals``).

A CONSTANT number of statements whatever the row count: one query per kind of row (bills, lines,
settlements) selected with ``IN (SELECT ...)`` over the same filter, then assembled in memory.
``bill_ids``, ``invoice_rows``, ``settlements`` and ``invoice_status`` are shared with the bills
export (``services.exports``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, and_, func, select, text

from possuite.db.dialect import SPELLINGS, home_store
from possuite.domain import quantity
from possuite.domain.labels import customer_label, method_label
from possuite.domain.status import bill_status
from possuite.i18n import SOURCE_LANGUAGE, translator
from possuite.services.bills import BL, A, B, C, L, O, P
from possuite.services.context import Context, StoreSettings
from possuite.services.perf import REPORT, timed
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.phones import display_phone
from possuite.services.report_scope import CustomerRef, business_period, check_range, find_customer


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
        return self.label_in(SOURCE_LANGUAGE)

    def label_in(self, lang: str) -> str:
        """What settled the invoice, in ``lang`` (the payment report PDF's language)."""
        _ = translator(lang).gettext
        if self.kind in ("payment", "advance"):
            what = _("Advance") if self.kind == "advance" else _("Paid")
            method = method_label(self.method)
            return f"{what} ({_(method) if method else '-'})"
        text = {"adjustment": "Write-off", "void": "Void"}.get(self.kind, self.kind.title())  # labels.py's words
        return _(text)


def bill_ids(ctx: Context, date_from: date | None, date_to: date | None, customer_id: str | None) -> Select:
    conds = business_period(B, ctx, date_from, date_to)
    if customer_id:
        conds.append(B.c.customer_id == customer_id)
    return select(B.c.id).where(*conds)


def settlements(conn, ctx: Context, ids: Select) -> dict[str, list[Settlement]]:
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
        .where(P.c.store_id == ctx.store_id, P.c.bill_id.in_(ids),
               text(SPELLINGS[conn.dialect.name].unindexed("payments.customer_id") + " IS NULL"),
               P.c.kind == "sale", P.c.amount != 0)
        .order_by(P.c.posted_at, P.c.id)).mappings()
    for r in walk_ins:
        out[r["bill_id"]].append(Settlement(r["posted_at"], r["number"], "payment", r["method"], r["amount"]))
    return out


# ---------------------------------------------------------------- invoices


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    qty: int             # thousandths of ``unit`` (domain/quantity.py)
    unit_price: int
    discount: int        # the line's own discount + its share of the bill discount
    tax_rate_bp: int
    tax: int
    amount: int
    unit: str = "piece"
    pack_size: int = 1

    @property
    def qty_text(self) -> str:
        """``3``, ``1.25 kg``, ``3 tab`` (``quantity.format_quantity``)."""
        return quantity.format_quantity(self.qty, self.unit, self.pack_size)


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
    store: str = ""             # the store's name where the report spans stores (the hub), else ""

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
    by_store: bool = False      # invoices of several stores (the hub, every store): each names its store


def invoice_rows(conn, ctx: Context, ids: Select) -> list:
    outstanding = func.coalesce(O.c.open_amount, 0)
    q = (select(B.c.id, B.c.number, B.c.posted_at, B.c.due_date, B.c.customer_id, C.c.name.label("customer_name"),
                C.c.phone, C.c.phone_e164, B.c.subtotal, B.c.discount, B.c.tax, B.c.total, B.c.retail_value,
                B.c.complimentary, B.c.comp_reason, B.c.voided_at, B.c.void_reason, B.c.user_name, B.c.outcome,
                B.c.business_date, outstanding.label("outstanding"), home_store(B.c.store_id).label("home_store"))
         .select_from(B.outerjoin(O, and_(O.c.bill_id == B.c.id, O.c.side == "charge"))
                      .outerjoin(C, C.c.id == B.c.customer_id))
         .where(B.c.id.in_(ids)).order_by(B.c.posted_at, B.c.number))
    return conn.execute(q).mappings().all()


def invoice_status(r, today: date) -> str:
    outstanding = 0 if r["voided_at"] is not None else r["outstanding"]
    return bill_status(voided=r["voided_at"] is not None, complimentary=bool(r["complimentary"]),
                       total=r["total"], outstanding=outstanding, due_date=r["due_date"], today=today)


def invoice_figures(r, status: str, sets: list[Settlement]) -> tuple[int, int, int]:
    """(paid, adjusted, remaining) of an ``invoice_rows`` row with its status and settlements."""
    if status == "void":        # reversed: what was paid went back or on to other dues
        return 0, 0, 0
    paid = sum(s.amount for s in sets if s.kind in ("payment", "advance"))
    adjusted = sum(s.amount for s in sets if s.kind == "adjustment")
    if r["customer_id"] is None:
        return paid, adjusted, max(r["total"] - paid, 0)
    return paid, adjusted, 0 if status == "complimentary" else r["outstanding"]


@timed(REPORT, "payment report")
def payment_report(ctx: Context, date_from: date, date_to: date, customer_ref: str | None = None) -> PaymentReport:
    """Every invoice of ``date_from..date_to`` (business dates, inclusive), optionally one customer's."""
    require(ctx, VIEW_BALANCES)
    check_range(date_from, date_to)
    today = ctx.clock.today()
    store = ctx.store
    with ctx.read() as conn:
        cust = find_customer(conn, ctx, customer_ref)
        ids = bill_ids(ctx, date_from, date_to, cust.id if cust else None)
        rows = invoice_rows(conn, ctx, ids)
        lines: dict[str, list[InvoiceLine]] = defaultdict(list)
        for ln in conn.execute(select(BL).where(BL.c.bill_id.in_(ids)).order_by(BL.c.bill_id, BL.c.position)
                               ).mappings():
            lines[ln["bill_id"]].append(InvoiceLine(ln["description"], ln["qty"], ln["unit_price"],
                                                    ln["line_discount"] + ln["bill_discount"], ln["tax_rate_bp"],
                                                    ln["tax"], ln["amount"], ln["unit"], ln["pack_size"]))
        settled = settlements(conn, ctx, ids)
    invoices: list[Invoice] = []
    for r in rows:
        status = invoice_status(r, today)
        sets = settled.get(r["id"], [])
        paid, adjusted, remaining = invoice_figures(r, status, sets)
        invoices.append(Invoice(
            id=r["id"], number=r["number"], posted_at=r["posted_at"], due_date=r["due_date"],
            customer_id=r["customer_id"], customer_name=customer_label(r["customer_name"]),
            customer_phone=display_phone(r["phone_e164"], r["phone"]) if r["customer_id"] else "",
            status=status, subtotal=r["subtotal"], discount=r["discount"], tax=r["tax"], total=r["total"],
            retail_value=r["retail_value"], comp_reason=r["comp_reason"] or "", void_reason=r["void_reason"] or "",
            paid=paid, adjusted=adjusted, remaining=remaining, lines=tuple(lines.get(r["id"], ())),
            settlements=tuple(sets), voided_at=r["voided_at"], store=ctx.store_of_row(r["home_store"])))
    return PaymentReport(store, date_from, date_to, ctx.clock.now(), cust, invoices, _payment_totals(invoices),
                         ctx.spans_stores)


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


