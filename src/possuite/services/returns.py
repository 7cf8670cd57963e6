"""Returns and credit notes (docs/architecture.md §3.4): take goods or services back from a posted bill.

- ``returnable(ctx, number)``: a bill's lines with what can still be returned, and who may return it.
- ``create_return(ctx, number, wanted, refund, reason)``: one transaction: the next ``CN`` number, the
  credit note and its lines, the ledger's credit (through ``services.ledger``: the bill's pending first,
  then the account's oldest dues, or a refund by the tender), the refund payment row, the audit row and
  the receipt job.
- ``resolve_lines(bill, specs)``: ``ITEM[*QTY]`` as the command line gives them, to bill lines.
Reading credit notes (a bill's returns, a period's credit notes with tax per rate, one credit note for
its receipt) is ``services/credit_notes.py``.

Who: an owner, or a cashier within the store's ``return_days`` of the bill (an owner's PIN authorises
an older one); the reason is required. A voided bill cannot be returned; a bill with returns cannot be
voided (``services.collections.void_bill``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, bindparam, func, insert, select, update

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain import quantity
from possuite.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from possuite.domain.returns import NO_REFUND, REFUND_METHODS, ReturnPlan, SoldLine, plan_return, return_status
from possuite.services import audit, chain
from possuite.services.context import Context
from possuite.services.ledger import Posting, next_number
from possuite.services.permissions import RETURN, require
from possuite.services.print_queue import enqueue_in_tx
from possuite.services.validation import clean_text

B = m.Bill.__table__
BL = m.BillLine.__table__
C = m.Customer.__table__
I = m.Item.__table__
P = m.Payment.__table__
CN = m.CreditNote.__table__
CNL = m.CreditNoteLine.__table__

#: The credit-note series (``CN-26-0001``), numbered by ``services.ledger.next_number``.
SERIES = "CN"

_INSERT_NOTE = insert(CN)
_INSERT_LINES = insert(CNL)
_INSERT_PAYMENT = insert(P)
#: What a customer spent is net of returns (docs/architecture.md §3.4): the cached figure drops by the note.
_SPENT_LESS = update(C).where(C.c.id == bindparam("cid")).values(total_spent=C.c.total_spent - bindparam("t"))
_RETURNED_OF = (select(CNL.c.bill_line_id, func.sum(CNL.c.qty).label("qty"))
                .where(CNL.c.bill_id == bindparam("bill")).group_by(CNL.c.bill_line_id))


@dataclass(frozen=True)
class ReturnableBill:
    """A bill as the return dialog shows it."""

    bill_id: str
    number: str
    posted_at: object
    business_date: date
    customer_id: str | None
    customer_name: str | None
    total: int
    complimentary: bool
    voided: bool
    outstanding: int
    lines: tuple[SoldLine, ...]
    item_codes: dict[str, tuple[str, ...]]   # bill line id -> the item's SKU / barcode (what ITEM may name)
    cashier_until: date                      # the last day a cashier may take a return of it

    @property
    def refund_methods(self) -> tuple[str, ...]:
        """How the value may go back: to the account only when the bill has a customer."""
        if self.complimentary:
            return ()
        return REFUND_METHODS if self.customer_id else tuple(m_ for m_ in REFUND_METHODS if m_ != "account")

    @property
    def fully_returned(self) -> bool:
        return all(ln.returnable <= 0 for ln in self.lines)


def _load_bill(conn: Connection, ctx: Context, number: str):
    num = (number or "").strip().upper()
    if not num:
        raise ValidationError("bill", "give the bill's number")
    row = conn.execute(
        select(B.c.id, B.c.number, B.c.posted_at, B.c.business_date, B.c.customer_id, B.c.total,
               B.c.complimentary, B.c.voided_at, B.c.charge_entry_id, C.c.name.label("customer_name"),
               C.c.balance.label("balance"))
        .select_from(B.outerjoin(C, C.c.id == B.c.customer_id))
        .where(B.c.store_id == ctx.store_id, B.c.number == num)).mappings().first()
    if row is None:
        raise NotFound("bill", "no bill numbered {number!r}", number=number)
    return row


def _sold_lines(conn: Connection, bill_id: str) -> tuple[list[SoldLine], dict[str, tuple[str, ...]]]:
    returned = {r.bill_line_id: r.qty for r in conn.execute(_RETURNED_OF, {"bill": bill_id})}
    rows = conn.execute(select(BL, I.c.sku, I.c.barcode).select_from(BL.outerjoin(I, I.c.id == BL.c.item_id))
                        .where(BL.c.bill_id == bill_id).order_by(BL.c.position)).mappings().all()
    lines = [SoldLine(r["id"], r["position"], r["description"], r["item_id"], r["qty"], r["unit_price"],
                      r["tax_rate_bp"], r["net"], r["tax"], r["amount"], returned.get(r["id"], 0), r["unit"],
                      r["pack_size"], r["cess"]) for r in rows]
    codes = {r["id"]: tuple(c for c in (r["sku"], r["barcode"], r["item_id"]) if c) for r in rows}
    return lines, codes


def _outstanding(conn: Connection, bill_id: str) -> int:
    O = m.OpenItem.__table__
    return conn.execute(select(func.coalesce(func.sum(O.c.open_amount), 0))
                        .where(O.c.bill_id == bill_id, O.c.side == "charge")).scalar_one()


def returnable(ctx: Context, number: str) -> ReturnableBill:
    """A bill's lines with what is still returnable (four statements)."""
    require(ctx, RETURN)
    with ctx.read() as conn:
        row = _load_bill(conn, ctx, number)
        lines, codes = _sold_lines(conn, row["id"])
        outstanding = 0 if row["voided_at"] is not None else _outstanding(conn, row["id"])
    return _returnable(ctx, row, lines, codes, outstanding)


def _returnable(ctx: Context, row, lines, codes, outstanding: int) -> ReturnableBill:
    return ReturnableBill(
        row["id"], row["number"], row["posted_at"], row["business_date"], row["customer_id"],
        row["customer_name"], row["total"], bool(row["complimentary"]), row["voided_at"] is not None,
        outstanding, tuple(lines), codes, row["business_date"] + timedelta(days=ctx.store.return_days))


def resolve_lines(bill: ReturnableBill, specs: list[str]) -> dict[str, int]:
    """``ITEM[*QTY]`` to {bill line id: quantity in thousandths}. ITEM names a line by its item's SKU,
    barcode or id, its description (any case) or its position on the bill (``#2`` or ``2``). QTY is read in
    the line's unit (``domain/quantity.py::parse_quantity``: ``1.25`` kg, ``3`` tablets, ``2 strips``);
    without it, one piece or tablet, or what is still returnable of a weighed or measured line."""
    wanted: dict[str, int] = defaultdict(int)
    for spec in specs:
        code, typed = spec.strip(), None
        head, star, tail = code.rpartition("*")
        if star and head.strip():
            code, typed = head.strip(), tail
        if not code:
            raise ValidationError("line", "name an item of the bill (its code, name or line number)")
        key = code.casefold()
        matches = [ln for ln in bill.lines if code in bill.item_codes.get(ln.id, ())
                   or ln.description.casefold() == key]
        if not matches and code.lstrip("#").isdigit():
            matches = [ln for ln in bill.lines if ln.position == int(code.lstrip("#"))]
        if not matches:
            raise ValidationError("line", "{code!r} is not on bill {number}", code=code, number=bill.number)
        first = matches[0]
        if typed is not None:
            try:
                qty = quantity.parse_quantity(typed, first.unit, first.pack_size, "line")
            except ValidationError as exc:
                raise ValidationError("line", f"{spec.strip()!r}: {exc.why}") from None
        elif quantity.UNITS[first.unit].whole:
            qty = quantity.SCALE
        else:
            qty = max(first.returnable - wanted[first.id], 0) or first.qty
        # The same item on several lines: the first line that still has enough left to return.
        pick = next((ln for ln in matches if ln.returnable - wanted[ln.id] >= qty), matches[0])
        wanted[pick.id] += qty
    return dict(wanted)


@dataclass(frozen=True)
class ReturnResult:
    credit_note_id: str
    number: str
    bill_number: str
    customer_id: str | None
    plan: ReturnPlan
    refund_method: str
    to_bill: int
    to_dues: int
    to_account: int
    refunded: int
    customer_balance: int | None
    return_status: str | None
    posted_at: str

    @property
    def total(self) -> int:
        return self.plan.total

    def as_json(self) -> dict:
        return {
            "number": self.number, "credit_note_id": self.credit_note_id, "bill": self.bill_number,
            "customer_id": self.customer_id, "net": self.plan.net, "tax": self.plan.tax,
            "retail_value": self.plan.retail_value, "total": self.plan.total, "refund": self.refund_method,
            "to_bill": self.to_bill, "to_dues": self.to_dues, "to_account": self.to_account,
            "refunded": self.refunded, "customer_balance": self.customer_balance,
            "return_status": self.return_status, "posted_at": self.posted_at,
            "lines": [{"position": r.line.position, "description": r.line.description,
                       "qty": quantity.json_qty(r.qty), "qty_milli": r.qty, "unit": r.line.unit,
                       "net": r.net, "tax": r.tax, "amount": r.amount, "tax_rate_bp": r.line.tax_rate_bp,
                       "cess": r.cess}
                      for r in self.plan.lines],
        }


def _check_who(ctx: Context, bill: ReturnableBill, today: date) -> None:
    actor = ctx.actor
    if actor.is_owner or actor.authorised_by:
        return
    if today > bill.cashier_until:
        days = ctx.store.return_days
        raise PermissionDenied(RETURN, f"{bill.number} is more than {days} day(s) old; an owner must do or "
                                       f"authorise this return")


def create_return(ctx: Context, number: str, wanted: dict[str, int] | list[str], refund: str,
                  reason: str) -> ReturnResult:
    """Return ``wanted`` (bill line id -> quantity, or ``ITEM[*QTY]`` specs) of bill ``number``.

    One transaction: the credit note and its lines, the ledger (the credit settles the bill's pending
    first; the rest goes to the account's oldest dues or back by the tender), the refund, the audit row
    and the receipt job. Refuses, writing nothing: no reason, an unknown or over-returned line, an
    unknown refund method, to the account without a customer, a voided bill."""
    require(ctx, RETURN)
    reason = clean_text(reason, "reason", max_len=500)
    if not reason:
        raise ValidationError("reason", "is required for a return")
    refund = (refund or "").strip().lower()
    if refund not in REFUND_METHODS:
        raise ValidationError("refund", "{refund!r} is not one of {choices}",
                              refund=refund, choices=', '.join(REFUND_METHODS))
    now = ctx.clock.now()
    today = now.date()
    with ctx.write() as conn:
        row = _load_bill(conn, ctx, number)
        lines, codes = _sold_lines(conn, row["id"])
        bill = _returnable(ctx, row, lines, codes, 0)
        if bill.voided:
            raise Conflict("bill", "{number} is void; a void bill cannot be returned", number=bill.number)
        _check_who(ctx, bill, today)
        if isinstance(wanted, list):
            wanted = resolve_lines(bill, wanted)
        plan = plan_return(lines, wanted, complimentary=bill.complimentary)
        if refund == "account" and not bill.customer_id and not bill.complimentary:
            raise ValidationError("refund", "{number} has no customer; refund by cash, card or upi", number=bill.number)
        method = NO_REFUND if bill.complimentary else refund

        cn_number, seq = next_number(conn, ctx, SERIES, today)
        cn_id = new_id()
        cid = bill.customer_id
        to_bill = to_dues = to_account = refunded = 0
        credit_id = None
        pay_id = new_id() if method in ("cash", "card", "upi") else None
        balance = None
        if plan.total and cid and row["charge_entry_id"]:
            posting = Posting(conn, ctx, cid, row["balance"], now)
            credit_id, refund_id = posting.credit_note(row["charge_entry_id"], plan.total, document=cn_number,
                                                       note=reason, refund_payment_id=pay_id)
            for charge, amt in posting.settled_by(credit_id):
                if charge == row["charge_entry_id"]:
                    to_bill += amt
                elif charge == refund_id:
                    refunded += amt
                else:
                    to_dues += amt
            to_account = posting.open_amount(credit_id)
            balance = posting.flush().balance
        elif plan.total:   # a walk-in bill: everything goes back by the tender
            refunded = plan.total
        if refunded:
            conn.execute(_INSERT_PAYMENT, {
                "id": pay_id, "store_id": ctx.store_id, "number": None, "seq": None, "kind": "refund",
                "bill_id": bill.bill_id, "customer_id": cid, "method": method, "tendered": -refunded,
                "amount": -refunded, "change": 0, "reference": cn_number, "note": f"refund on {cn_number}",
                "posted_at": now, "business_date": today, "user_id": ctx.actor.user_id,
                "user_name": ctx.actor.name, "credit_entry_id": None, "is_demo": ctx.demo})
            chain.link(conn, ctx.store_id, [("payments", [pay_id])], demo=ctx.demo)
        conn.execute(_INSERT_NOTE, {
            "id": cn_id, "store_id": ctx.store_id, "number": cn_number, "seq": seq, "bill_id": bill.bill_id,
            "customer_id": cid, "posted_at": now, "business_date": today, "net": plan.net, "tax": plan.tax,
            "retail_value": plan.retail_value, "total": plan.total, "complimentary": bill.complimentary,
            "refund_method": method, "to_bill": to_bill, "to_dues": to_dues, "to_account": to_account,
            "refunded": refunded, "reason": reason, "user_id": ctx.actor.user_id, "user_name": ctx.actor.name,
            "authorised_by": ctx.actor.authorised_by, "credit_entry_id": credit_id, "is_demo": ctx.demo})
        conn.execute(_INSERT_LINES, [
            {"id": new_id(), "store_id": ctx.store_id, "credit_note_id": cn_id, "bill_id": bill.bill_id,
             "bill_line_id": r.line.id, "position": pos, "item_id": r.line.item_id,
             "description": r.line.description, "qty": r.qty, "unit_price": r.line.unit_price,
             "tax_rate_bp": r.line.tax_rate_bp, "net": r.net, "tax": r.tax, "amount": r.amount, "cess": r.cess}
            for pos, r in enumerate(plan.lines, start=1)])
        if cid and plan.total:
            conn.execute(_SPENT_LESS, {"cid": cid, "t": plan.total})
        audit.record(conn, ctx, "return", cn_number, reason, bill=bill.number, total=plan.total,
                     refund=method, refunded=refunded, to_bill=to_bill, to_dues=to_dues, to_account=to_account)
        enqueue_in_tx(conn, ctx, "credit", cn_number)   # the credit-note receipt commits with the return
    sold = sum(ln.qty for ln in lines)
    returned = sum(ln.returned for ln in lines) + sum(r.qty for r in plan.lines)
    return ReturnResult(cn_id, cn_number, bill.number, cid, plan, method, to_bill, to_dues, to_account, refunded,
                        balance, return_status(sold, returned), now.isoformat())
