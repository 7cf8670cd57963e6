"""Exports for the accountant (CSV / PDF files): customer balances, every bill, every payment.

- ``balances_export(ctx) -> BalancesExport``  summary + every customer who owes (``services.balances``).
- ``bills_export(ctx, date_from=None, date_to=None, customer_ref=None) -> list[BillExportRow]``
- ``payments_export(ctx, date_from=None, date_to=None, customer_ref=None) -> list[PaymentExportRow]``

Each runs a fixed number of statements whatever the row count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, text

from possuite.db.dialect import home_store
from possuite.domain.labels import customer_label
from possuite.services import balances as balances_service
from possuite.services.balances import BalanceSummary, CustomerBalance
from possuite.services.context import Context, StoreSettings
from possuite.services.payments_report import (
    B,
    C,
    P,
    bill_ids,
    invoice_figures,
    invoice_rows,
    invoice_status,
    settlements,
)
from possuite.services.perf import REPORT, timed
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.phones import display_phone
from possuite.services.report_scope import business_period, check_range, find_customer


@dataclass(frozen=True)
class BalancesExport:
    store: StoreSettings
    generated_at: datetime
    summary: BalanceSummary
    rows: list[CustomerBalance]      # every customer who owes, highest balance first
    by_store: bool = False           # rows of several stores (the hub, every store): files name each row's store


@timed(REPORT, "balances export")
def balances_export(ctx: Context) -> BalancesExport:
    """The balances window's data in full (two statements, from the cached balances)."""
    require(ctx, VIEW_BALANCES)
    summary = balances_service.summary(ctx)
    rows = balances_service.customer_balances(ctx, limit=2**62)
    return BalancesExport(ctx.store, ctx.clock.now(), summary, rows, ctx.spans_stores)


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
    store: str = ""        # the store's name where the export spans stores (the hub), else ""


@timed(REPORT, "bills export")
def bills_export(ctx: Context, date_from: date | None = None, date_to: date | None = None,
                 customer_ref: str | None = None) -> list[BillExportRow]:
    """Every bill of the period (all bills without dates), oldest first, in a fixed number of statements."""
    require(ctx, VIEW_BALANCES)
    check_range(date_from, date_to)
    today = ctx.clock.today()
    with ctx.read() as conn:
        cust = find_customer(conn, ctx, customer_ref)
        ids = bill_ids(ctx, date_from, date_to, cust.id if cust else None)
        rows = invoice_rows(conn, ctx, ids)
        settled = settlements(conn, ctx, ids)
    out = []
    for r in rows:
        status = invoice_status(r, today)
        paid, adjusted, outstanding = invoice_figures(r, status, settled.get(r["id"], []))
        out.append(BillExportRow(
            number=r["number"], posted_at=r["posted_at"], due_date=r["due_date"],
            customer_name=customer_label(r["customer_name"]),
            customer_phone=display_phone(r["phone_e164"], r["phone"]) if r["customer_id"] else "",
            cashier=r["user_name"] or "", status=status, outcome=r["outcome"], subtotal=r["subtotal"],
            discount=r["discount"], tax=r["tax"], total=r["total"], retail_value=r["retail_value"],
            paid=paid, adjusted=adjusted, outstanding=outstanding,
            comp_reason=r["comp_reason"] or "", void_reason=r["void_reason"] or "",
            store=ctx.store_of_row(r["home_store"])))
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
    store: str = ""        # the store's name where the export spans stores (the hub), else ""


@timed(REPORT, "payments export")
def payments_export(ctx: Context, date_from: date | None = None, date_to: date | None = None,
                    customer_ref: str | None = None) -> list[PaymentExportRow]:
    """Every payment, collection and refund of the period, oldest first (one statement)."""
    require(ctx, VIEW_BALANCES)
    check_range(date_from, date_to)
    with ctx.read() as conn:
        cust = find_customer(conn, ctx, customer_ref)
        conds = business_period(P, ctx, date_from, date_to)
        if cust:
            conds.append(P.c.customer_id == cust.id)
        rows = conn.execute(
            select(P, B.c.number.label("bill_number"), C.c.name.label("customer_name"),
                   C.c.phone.label("c_phone"), C.c.phone_e164, home_store(P.c.store_id).label("home_store"))
            .select_from(P.outerjoin(B, B.c.id == P.c.bill_id).outerjoin(C, C.c.id == P.c.customer_id))
            .where(*conds).order_by(P.c.posted_at, text("payments.rowid"))).mappings().all()
    return [PaymentExportRow(
        posted_at=r["posted_at"], document=r["number"] or r["bill_number"] or "", kind=r["kind"],
        method=r["method"], tendered=r["tendered"], change=r["change"], amount=r["amount"],
        customer_name=customer_label(r["customer_name"]),
        customer_phone=display_phone(r["phone_e164"], r["c_phone"]) if r["customer_id"] else "",
        bill_number=r["bill_number"] or "", reference=r["reference"] or "", note=r["note"] or "",
        cashier=r["user_name"] or "", store=ctx.store_of_row(r["home_store"])) for r in rows]
