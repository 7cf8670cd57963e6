"""Completing a sale: one transaction for the bill, its lines, payments, ledger and number."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import bindparam, select

from possuite.db import direct
from possuite.db import models as m
from possuite.db.engine import stored_time
from possuite.db.ids import new_id
from possuite.domain import gst
from possuite.domain.cart import (
    CartLine,
    Discount,
    compute_totals,
    discount_over_limit,
    discount_percent_text,
    format_percent,
)
from possuite.domain.errors import CreditLimitExceeded, PermissionDenied, ValidationError
from possuite.domain.ledger import OUTCOME_COMPLIMENTARY, Tender, plan_payment
from possuite.domain.money import format_money
from possuite.domain.status import bill_status
from possuite.services import audit, chain
from possuite.services.context import Context
from possuite.services.customers import resolve
from possuite.services.ledger import Posting, next_number
from possuite.services.perf import CHECKOUT, timed
from possuite.services.permissions import BIG_DISCOUNT, COMPLIMENTARY, CREDIT_OVERRIDE, SELL, allowed, require
from possuite.services.print_queue import enqueue_in_tx
from possuite.services.shifts import require_open_shift
from possuite.services.validation import clean_text

B = m.Bill.__table__
BL = m.BillLine.__table__
P = m.Payment.__table__
S = m.Store.__table__

MAX_DUE_DAYS = 366

# A sale's writes run on the driver connection of its transaction (db/direct.py: the rows Core would write,
# without Core's cost per statement; SQLite keeps them prepared).
_BILL_ROW = direct.Insert(B)
_LINE_ROWS = direct.Insert(BL)
_PAYMENT_ROWS = direct.Insert(P)
# The sale's whole effect on the customer row (balance, visits, spend, dates) in one statement.
_CUSTOMER_VISIT = ("UPDATE customers SET balance = balance + :delta, visits = visits + 1, "
                   "total_spent = total_spent + :spent, last_visit = :now WHERE id = :cid")
_CUSTOMER_VISIT_PAID = ("UPDATE customers SET balance = balance + :delta, visits = visits + 1, "
                        "total_spent = total_spent + :spent, last_visit = :now, last_payment_at = :now WHERE id = :cid")
_ITEMS_SOLD = "UPDATE items SET sold_qty = sold_qty + ? WHERE id = ?"


@dataclass
class SaleRequest:
    lines: list[CartLine]
    customer_id: str | None = None
    discount: Discount = field(default_factory=Discount)
    tenders: list[Tender] = field(default_factory=list)
    leave_pending: bool = False
    no_payment: bool = False
    complimentary: bool = False
    reason: str = ""
    apply_to_dues: bool = True
    due_date: date | None = None
    note: str = ""


@dataclass(frozen=True)
class SaleResult:
    bill_id: str
    number: str
    status: str
    outcome: str
    total: int
    retail_value: int
    paid: int
    pending: int
    change: int
    tendered: int
    received: int
    applied_to_previous: int
    advance_used: int
    to_advance: int
    previous_balance: int
    customer_balance: int | None
    customer_id: str | None
    due_date: date | None
    posted_at: str

    def as_json(self) -> dict:
        return {
            "number": self.number, "bill_id": self.bill_id, "status": self.status, "outcome": self.outcome,
            "total": self.total, "retail_value": self.retail_value, "paid": self.paid,
            "pending": self.pending, "change": self.change, "tendered": self.tendered,
            "received": self.received, "applied_to_previous": self.applied_to_previous,
            "advance_used": self.advance_used, "to_advance": self.to_advance,
            "previous_balance": self.previous_balance, "customer_balance": self.customer_balance,
            "customer_id": self.customer_id,
            "due_date": self.due_date.isoformat() if self.due_date else None, "posted_at": self.posted_at,
        }


@dataclass(frozen=True)
class SaleGst:
    """What a sale's invoice says under GST, fixed at posting (docs/architecture.md §5, GST)."""

    registration: str
    seller_gstin: str
    buyer_gstin: str
    place_of_supply: str
    inter_state: bool

    @property
    def bill_columns(self) -> dict:
        return {"gst_registration": self.registration, "seller_gstin": self.seller_gstin,
                "buyer_gstin": self.buyer_gstin, "place_of_supply": self.place_of_supply}

    def line_split(self, tax: int) -> dict:
        """CGST, SGST and IGST of a line's GST proper (its tax less the cess, which is never split)."""
        cgst, sgst, igst = gst.split_line_tax(tax, self.inter_state)
        return {"cgst": cgst, "sgst": sgst, "igst": igst}


def charged_lines(lines: list[CartLine], registration: str) -> list[CartLine]:
    """The lines as a store of ``registration`` charges them: a composition or unregistered store collects no GST
    (nor cess: a bill of supply charges none), so its lines are charged at 0 whatever the cart says. The sale posts
    these; the till's cart shows them when the store's registration changes under an open cart (a sync pulled
    it, or another process set it: ``ui/checkout.py``), so the screen's total is the bill's."""
    return [ln if gst.charged_rate_bp(registration, ln.tax_rate_bp + ln.cess_rate_bp)
            == ln.tax_rate_bp + ln.cess_rate_bp else replace(ln, tax_rate_bp=0, cess_rate_bp=0) for ln in lines]


def gst_of_sale(store, customer) -> SaleGst:
    """The store's registration and GSTIN, the buyer's GSTIN and the place of supply of a sale."""
    buyer_gstin = (customer["gstin"] or "") if customer is not None else ""
    buyer_state = (customer["state"] or "") if customer is not None else ""
    # A store that has not given its state (GST not set up) has no place of supply: its tax splits in halves.
    pos = gst.sale_place_of_supply(store.state, buyer_gstin, buyer_state) if store.state else ""
    registered = store.gst_registration in (gst.REGULAR, gst.COMPOSITION)
    return SaleGst(store.gst_registration, store.tax_id if registered else "", buyer_gstin, pos,
                   bool(store.state) and pos != store.state)


def validate_due_date(due: date, today: date) -> date:
    if due < today:
        raise ValidationError("due date", "{due} is before today ({today})",
                              due=due.isoformat(), today=today.isoformat())
    if due > today + timedelta(days=MAX_DUE_DAYS):
        raise ValidationError("due date", "{due} is more than a year away", due=due.isoformat())
    return due


# The cashiers' discount limit, read in the sale's own transaction (the owner may have changed it since).
_DISCOUNT_LIMIT = select(S.c.max_cashier_discount_bp).where(S.c.id == bindparam("s"))


def _check_discount(conn, ctx: Context, totals) -> int | None:
    """A bill discount over the store's cashier limit needs an owner (or an owner's PIN for this sale).

    Returns the limit when the discount is over it (the sale audits who gave it), else None."""
    if not totals.discount:
        return None
    limit = conn.execute(_DISCOUNT_LIMIT, {"s": ctx.store_id}).scalar()
    if not discount_over_limit(totals.discount, totals.subtotal, limit):
        return None
    if not allowed(ctx, BIG_DISCOUNT):
        raise PermissionDenied(BIG_DISCOUNT, f"a discount of {discount_percent_text(totals.discount, totals.subtotal)}"
                                             f" is over the cashiers' limit of {format_percent(limit)}; an owner "
                                             "must authorise it with their PIN")
    return limit


@timed(CHECKOUT)
def complete_sale(ctx: Context, req: SaleRequest) -> SaleResult:
    require(ctx, SELL)
    note = clean_text(req.note, "note", max_len=500, multiline=True)
    reason = clean_text(req.reason, "reason", max_len=500)
    if req.complimentary:
        require(ctx, COMPLIMENTARY)
        if not reason:
            raise ValidationError("reason", "is required for a complimentary bill")
    if not req.lines:
        raise ValidationError("lines", "the cart is empty; add at least one item")
    store = ctx.store
    lines = charged_lines(req.lines, store.gst_registration)
    totals = compute_totals(lines, req.discount)
    total = 0 if req.complimentary else totals.total
    now = ctx.clock.now()
    today = now.date()
    cur = store.currency
    due = validate_due_date(req.due_date, today) if req.due_date else today + timedelta(days=store.credit_days)

    with ctx.write() as conn:
        if store.shifts_required:
            require_open_shift(conn, ctx)
        big_discount = _check_discount(conn, ctx, totals)
        cust = None
        previous = 0
        if req.customer_id:
            cust = resolve(conn, ctx, req.customer_id, brief=True)
            if not cust["active"]:
                raise ValidationError("customer", "{cust} is inactive; reactivate them to sell on account",
                                      cust=cust['name'])
            previous = cust["balance"]
        plan = plan_payment(
            total=total, tenders=req.tenders, previous_balance=previous, currency=cur,
            has_customer=cust is not None, leave_pending=req.leave_pending, no_payment=req.no_payment,
            complimentary=req.complimentary, apply_to_dues=req.apply_to_dues,
            allow_advances=store.allow_advances,
        )
        applied = plan.to_bill + plan.to_previous + plan.to_advance
        new_balance = previous + total - applied if cust is not None else None
        overridden = False
        if cust is not None and cust["credit_limit"] is not None and new_balance > cust["credit_limit"] \
                and new_balance > previous:
            if not allowed(ctx, CREDIT_OVERRIDE):
                raise CreditLimitExceeded(
                    "credit limit",
                    "this bill takes {cust} to {new_balance}, over the limit of {cust2}; an owner must authorise it",
                    cust=cust['name'], new_balance=format_money(new_balance, cur),
                    cust2=format_money(cust['credit_limit'], cur))
            overridden = True

        invoice = gst_of_sale(store, cust)
        number, seq = next_number(conn, ctx, "SAL", today)
        bill_id = new_id()
        charge_id = new_id() if (cust is not None and total > 0) else None
        bill_due = due if plan.pending else (due if cust is not None and total > 0 else None)
        drv = direct.driver(conn)   # the sale's writes go straight to it (db/direct.py)
        _BILL_ROW.run(drv, {
            "id": bill_id, "store_id": ctx.store_id, "number": number, "seq": seq,
            "customer_id": cust["id"] if cust is not None else None, "user_id": ctx.actor.user_id,
            "user_name": ctx.actor.name, "authorised_by": ctx.actor.authorised_by, "posted_at": now,
            "business_date": today, "due_date": bill_due, "subtotal": totals.subtotal, "discount": totals.discount,
            "tax": totals.tax, "total": total, "retail_value": totals.total, "complimentary": req.complimentary,
            "comp_reason": reason if req.complimentary else "", "outcome": plan.outcome,
            "previous_balance": previous, "applied_to_previous": plan.to_previous,
            "advance_used": plan.advance_used, "tendered": plan.tendered, "change": plan.change, "note": note,
            "charge_entry_id": charge_id, "void_reason": "", "is_demo": ctx.demo, **invoice.bill_columns,
        })
        _LINE_ROWS.run(drv, [
            {"id": new_id(), "store_id": ctx.store_id, "bill_id": bill_id, "position": pos,
             "item_id": lt.line.item_id, "description": lt.line.description, "kind": lt.line.kind,
             "qty": lt.line.qty, "unit_price": lt.line.unit_price, "line_discount": lt.line.line_discount,
             "bill_discount": lt.bill_discount, "tax_rate_bp": lt.line.tax_rate_bp,
             "tax_inclusive": lt.line.tax_inclusive, "net": lt.net, "tax": lt.tax, "amount": lt.amount,
             "hsn": lt.line.hsn, "unit": lt.line.unit, "pack_size": lt.line.pack_size,
             "cess_rate_bp": lt.line.cess_rate_bp, "cess": lt.cess, **invoice.line_split(lt.gst)}
            for pos, lt in enumerate(totals.lines, start=1)
        ])
        # The ledger: the bill's charge and each payment's credit, posted and settled by the ledger module
        # (this bill first, then older dues oldest first; an advance the customer held settles the charge).
        cid = cust["id"] if cust is not None else None
        posting = Posting(conn, ctx, cid, previous, now) if cust is not None else None
        if charge_id:
            posting.add("sale", total, document=number, due_date=due, bill_id=bill_id, entry_id=charge_id)
        payments = []
        for split in plan.splits:
            pay_id = new_id()
            credit_id = None
            if posting is not None and split.applied:
                credit_id = posting.add("payment", -split.applied, document=number, payment_id=pay_id,
                                        bill_id=bill_id)
            payments.append({
                "id": pay_id, "store_id": ctx.store_id, "number": None, "seq": None, "kind": "sale",
                "bill_id": bill_id, "customer_id": cid, "method": split.tender.method,
                "tendered": split.tender.amount, "amount": split.applied, "change": split.change,
                "reference": clean_text(split.tender.reference, "reference", max_len=100), "note": "",
                "posted_at": now, "business_date": today, "user_id": ctx.actor.user_id,
                "user_name": ctx.actor.name, "credit_entry_id": credit_id, "is_demo": ctx.demo,
            })
        if posting is not None:
            # The sale's whole effect on the customer row (balance, visits, spend, dates) in one statement.
            posting.flush(_CUSTOMER_VISIT_PAID if plan.tendered else _CUSTOMER_VISIT, link_later=True, spent=total,
                          now=stored_time(now))
        if payments:
            _PAYMENT_ROWS.run(drv, payments)
        # The bill and its payments onto this till's chain after the entries the posting wrote, in one link (§3.6).
        mine = [("bills", [bill_id]), ("payments", [p["id"] for p in payments])]
        if posting is not None:
            posting.link_chain(*mine)
        else:
            chain.link(conn, ctx.store_id, mine, demo=ctx.demo)
        sold = [(lt.line.qty, lt.line.item_id) for lt in totals.lines if lt.line.item_id]
        if sold:
            drv.cursor().executemany(_ITEMS_SOLD, sold)
        if req.complimentary:
            audit.record(conn, ctx, "complimentary", number, reason, value=totals.total)
        if big_discount:
            audit.record(conn, ctx, "discount over limit", number, reason or note, discount=totals.discount,
                         subtotal=totals.subtotal, limit_bp=big_discount)
        if overridden:
            audit.record(conn, ctx, "credit limit override", number, reason or note,
                         limit=cust["credit_limit"], balance=new_balance)
        enqueue_in_tx(conn, ctx, "sale", number)  # the receipt job commits with the sale

    status = bill_status(voided=False, complimentary=req.complimentary, total=total,
                         outstanding=plan.pending, due_date=bill_due, today=today)
    return SaleResult(
        bill_id=bill_id, number=number, status=status, outcome=plan.outcome, total=total,
        retail_value=totals.total, paid=plan.paid if plan.outcome != OUTCOME_COMPLIMENTARY else 0,
        pending=plan.pending, change=plan.change, tendered=plan.tendered, received=plan.received,
        applied_to_previous=plan.to_previous, advance_used=plan.advance_used, to_advance=plan.to_advance,
        previous_balance=previous, customer_balance=new_balance,
        customer_id=cust["id"] if cust is not None else None, due_date=bill_due, posted_at=now.isoformat(),
    )
