"""Money that moves a customer's balance without a new bill: collections, adjustments, voids."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update

from possuite.db import direct
from possuite.db import models as m
from possuite.db.engine import stored_time
from possuite.db.ids import new_id
from possuite.domain.errors import Conflict, NotFound, ValidationError
from possuite.domain.ledger import COLLECT_METHODS
from possuite.domain.money import format_money
from possuite.services import audit, chain
from possuite.services.context import Context
from possuite.services.customers import resolve
from possuite.services.ledger import Posting, documents_for, next_number, post_adjustment
from possuite.services.perf import COLLECTION, timed
from possuite.services.permissions import ADJUST, COLLECT, VOID, require
from possuite.services.print_queue import enqueue_in_tx
from possuite.services.shifts import require_open_shift
from possuite.services.validation import clean_text

B = m.Bill.__table__
P = m.Payment.__table__
C = m.Customer.__table__
CN = m.CreditNote.__table__

# A collection (a till's second most frequent write) runs its writes on the driver connection of its
# transaction (db/direct.py), as a sale does.
_PAYMENT_ROW = direct.Insert(P)
_PAID = "UPDATE customers SET balance = balance + :delta, last_payment_at = :now WHERE id = :cid"


@dataclass(frozen=True)
class CollectionResult:
    payment_id: str
    number: str
    customer_id: str
    amount: int
    method: str
    previous_balance: int
    remaining_balance: int
    allocations: list[dict]
    posted_at: str

    def as_json(self) -> dict:
        return {"number": self.number, "payment_id": self.payment_id, "customer_id": self.customer_id,
                "amount": self.amount, "method": self.method, "previous_balance": self.previous_balance,
                "remaining_balance": self.remaining_balance, "allocations": self.allocations,
                "posted_at": self.posted_at}


@timed(COLLECTION)
def collect_dues(ctx: Context, customer_ref: str, amount: int, method: str, reference: str = "",
                 note: str = "") -> CollectionResult:
    """Collect old dues without a bill, settled oldest first; its own number (RCP-YY-NNNN)."""
    require(ctx, COLLECT)
    if method not in COLLECT_METHODS:
        raise ValidationError("method", "{method!r} is not one of {choices}",
                              method=method, choices=', '.join(COLLECT_METHODS))
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError("amount", "must be more than zero")
    reference = clean_text(reference, "reference", max_len=100)
    note = clean_text(note, "note", max_len=500, multiline=True)
    cur = ctx.currency
    now = ctx.clock.now()
    with ctx.write() as conn:
        if ctx.store.shifts_required:
            require_open_shift(conn, ctx)
        cust = resolve(conn, ctx, customer_ref, brief=True)
        previous = cust["balance"]
        if amount > previous and not ctx.store.allow_advances:
            if previous <= 0:
                raise ValidationError("amount", "{cust} owes nothing", cust=cust['name'])
            raise ValidationError("amount", "{amount} is more than {cust} owes ({previous})",
                                            amount=format_money(amount, cur), cust=cust['name'],
                                            previous=format_money(previous, cur))
        number, seq = next_number(conn, ctx, "RCP", now.date())
        pay_id = new_id()
        posting = Posting(conn, ctx, cust["id"], previous, now)
        credit_id = posting.add("payment", -amount, document=number, payment_id=pay_id, note=note)
        allocs = posting.settled_by(credit_id)
        posting.flush(_PAID, link_later=True, now=stored_time(now))
        _PAYMENT_ROW.run(conn, {
            "id": pay_id, "store_id": ctx.store_id, "number": number, "seq": seq, "kind": "collection",
            "bill_id": None, "customer_id": cust["id"], "method": method, "tendered": amount, "amount": amount,
            "change": 0, "reference": reference, "note": note, "posted_at": now, "business_date": now.date(),
            "user_id": ctx.actor.user_id, "user_name": ctx.actor.name, "credit_entry_id": credit_id,
            "previous_balance": previous, "remaining_balance": previous - amount, "is_demo": ctx.demo,
        })
        posting.link_chain(("payments", [pay_id]))   # with the posting's rows, in one link (§3.6)
        docs = posting.documents
        enqueue_in_tx(conn, ctx, "collection", number)  # the receipt job commits with the collection
    return CollectionResult(pay_id, number, cust["id"], amount, method, previous, previous - amount,
                            [{"document": docs.get(cid, ""), "amount": amt} for cid, amt in allocs],
                            now.isoformat())


@dataclass(frozen=True)
class AdjustmentResult:
    adjustment_id: str
    number: str
    customer_id: str
    amount: int
    kind: str
    previous_balance: int
    balance: int
    allocations: list[dict]

    def as_json(self) -> dict:
        return {"number": self.number, "adjustment_id": self.adjustment_id, "customer_id": self.customer_id,
                "amount": self.amount, "kind": self.kind, "previous_balance": self.previous_balance,
                "balance": self.balance, "allocations": self.allocations}


def adjust(ctx: Context, customer_ref: str, amount: int, reason: str, *, kind: str | None = None) -> AdjustmentResult:
    """Owner: + raises what the customer owes (opening balance / debit), − writes off (oldest first)."""
    require(ctx, ADJUST)
    reason = clean_text(reason, "reason", required=True, max_len=500)
    if not isinstance(amount, int) or amount == 0:
        raise ValidationError("amount", "must not be zero")
    kind = kind or ("adjustment" if amount > 0 else "writeoff")
    if kind not in ("opening", "adjustment", "writeoff"):
        raise ValidationError("kind", "must be opening, adjustment or writeoff")
    with ctx.write() as conn:
        cust = resolve(conn, ctx, customer_ref)
        previous = cust["balance"]
        if amount < 0 and -amount > previous and not ctx.store.allow_advances:
            owes = format_money(max(previous, 0), ctx.currency)
            raise ValidationError("amount", "write-off of {value} is more than {cust} owes ({owes})",
                                  value=format_money(-amount, ctx.currency), cust=cust['name'], owes=owes)
        adj_id, number, allocs = post_adjustment(conn, ctx, cust["id"], previous, amount, reason, kind)
        audit.record(conn, ctx, "adjustment", number, reason, customer=cust["id"], amount=amount, kind=kind)
        docs = documents_for(conn, [cid for cid, _ in allocs])
    return AdjustmentResult(adj_id, number, cust["id"], amount, kind, previous, previous + amount,
                            [{"document": docs.get(cid, ""), "amount": amt} for cid, amt in allocs])


@dataclass(frozen=True)
class VoidResult:
    number: str
    customer_id: str | None
    reversed_total: int
    refund: int
    reallocated: int
    customer_balance: int | None
    kept_as_credit: int = 0     # a return's store credit that had paid for the bill: back on the account

    def as_json(self) -> dict:
        return {"number": self.number, "status": "void", "customer_id": self.customer_id,
                "reversed_total": self.reversed_total, "refund": self.refund,
                "reallocated": self.reallocated, "customer_balance": self.customer_balance,
                "kept_as_credit": self.kept_as_credit}


def void_bill(ctx: Context, number: str, reason: str) -> VoidResult:
    """Owner: reverse a bill with reversing entries (never a delete).

    Money paid towards the bill is freed: it settles the customer's other dues oldest
    first, and what is left is refunded (or kept as credit when advances are allowed).
    """
    require(ctx, VOID)
    reason = clean_text(reason, "reason", required=True, max_len=500)
    now = ctx.clock.now()
    with ctx.write() as conn:
        bill = conn.execute(select(B).where(B.c.store_id == ctx.store_id, B.c.number == (number or "").strip()
                                            .upper())).mappings().first()
        if bill is None:
            raise NotFound("bill", "no bill numbered {number!r}", number=number)
        if bill["voided_at"] is not None:
            raise Conflict("bill", "{bill} is already void", bill=bill['number'])
        returned = conn.execute(select(CN.c.number).where(CN.c.store_id == ctx.store_id,
                                                          CN.c.bill_id == bill["id"]).limit(1)).scalar()
        if returned is not None:
            raise Conflict("bill", "{bill} has a return ({returned}); a bill with returns cannot be voided: return the "
                                   "rest of it instead",
                           bill=bill['number'], returned=returned)
        refund = reallocated = kept = 0
        balance = None
        pays = conn.execute(select(P).where(P.c.store_id == ctx.store_id, P.c.bill_id == bill["id"],
                                            P.c.kind == "sale")).mappings().all()
        cust_id = bill["customer_id"]
        if cust_id is None:
            refund = sum(p["amount"] for p in pays)
            for p in pays:
                _refund_row(conn, ctx, p, p["amount"], bill["number"], None)
        elif bill["charge_entry_id"]:
            charge_id = bill["charge_entry_id"]
            owed = conn.execute(select(C.c.balance).where(C.c.id == cust_id)).scalar_one()
            posting = Posting(conn, ctx, cust_id, owed, now)
            posting.void(charge_id, document=bill["number"], note=reason)
            # The ledger has freed the money paid towards the bill and let it settle other dues (payments
            # first); what no due absorbed is refunded (kept as credit when advances are allowed), and a
            # freed write-off that nothing absorbs is reversed.
            refunds = []
            for credit_id, amt in posting.freed(charge_id):
                took = sum(a for ch, a in posting.settled_by(credit_id) if ch != charge_id and a > 0)
                reallocated += took
                left = amt - took
                credit = posting.entry(credit_id)
                if left and credit.kind == "return":
                    kept += left   # store credit from a return stays on the account (docs/architecture.md §3.4)
                elif left and credit.kind != "payment":
                    posting.add("reversal", left, document=bill["number"], bill_id=bill["id"],
                                adjustment_id=credit.adjustment_id, note=reason)
                elif left and not ctx.store.allow_advances:
                    refund += left
                    refunds.append((credit, left, posting.add("refund", left, document=bill["number"],
                                                               bill_id=bill["id"], payment_id=credit.payment_id,
                                                               note=reason)))
            balance = posting.flush().balance
            for credit, left, refund_entry in refunds:
                pay = conn.execute(select(P).where(P.c.credit_entry_id == credit.id)).mappings().first()
                if pay is not None:
                    _refund_row(conn, ctx, pay, left, bill["number"], refund_entry)
        if cust_id is not None:
            conn.execute(update(C).where(C.c.id == cust_id).values(
                visits=C.c.visits - 1, total_spent=C.c.total_spent - bill["total"]))
            if balance is None:
                balance = conn.execute(select(C.c.balance).where(C.c.id == cust_id)).scalar_one()
        conn.execute(update(B).where(B.c.id == bill["id"]).values(
            voided_at=now, void_reason=reason, voided_by=ctx.actor.authorised_by or ctx.actor.name))
        audit.record(conn, ctx, "void", bill["number"], reason, total=bill["total"], refund=refund)
    return VoidResult(bill["number"], cust_id, bill["total"], refund, reallocated, balance, kept)


def _refund_row(conn, ctx: Context, pay, amount: int, document: str, entry_id: str | None) -> None:
    now = ctx.clock.now()
    pay_id = new_id()
    conn.execute(insert(P).values(
        id=pay_id, store_id=ctx.store_id, number=None, seq=None, kind="refund", bill_id=pay["bill_id"],
        customer_id=pay["customer_id"], method=pay["method"], tendered=-amount, amount=-amount, change=0,
        reference="", note=f"refund on void of {document}", posted_at=now, business_date=now.date(),
        user_id=ctx.actor.user_id, user_name=ctx.actor.name, credit_entry_id=entry_id, is_demo=ctx.demo))
    chain.link(conn, ctx.store_id, [("payments", [pay_id])], demo=ctx.demo)


