"""Reading credit notes (written by ``services/returns.py``; docs/architecture.md §3.4).

- ``returns_of_bills(conn, bill_ids)``: the credit notes of some bills with their lines (bill detail).
- ``credit_notes(ctx, date_from, date_to)``: the credit notes of a period with their value and tax per
  rate, split into CGST/SGST/IGST as the bill was, with the bill's buyer GSTIN and place of supply (what
  GSTR-1's cdnr section lists; the GST report reads this).
- ``get_credit_note(ctx, number)``: one credit note with its lines and its bill (the receipt).

Reads only, a fixed number of statements each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, select

from possuite.db import models as m
from possuite.domain import gst, quantity
from possuite.domain.errors import NotFound
from possuite.services.context import Context
from possuite.services.permissions import VIEW_BALANCES, require

B = m.Bill.__table__
C = m.Customer.__table__
CN = m.CreditNote.__table__
CNL = m.CreditNoteLine.__table__
BL = m.BillLine.__table__


def returns_of_bills(conn: Connection, bill_ids: list[str]) -> dict[str, list[dict]]:
    """The credit notes of some bills (one statement), oldest first, with their lines."""
    if not bill_ids:
        return {}
    rows = conn.execute(
        select(CN.c.id, CN.c.bill_id, CN.c.number, CN.c.posted_at, CN.c.total, CN.c.retail_value, CN.c.tax,
               CN.c.refund_method, CN.c.to_bill, CN.c.to_dues, CN.c.to_account, CN.c.refunded, CN.c.reason,
               CN.c.user_name, CNL.c.bill_line_id, CNL.c.description, CNL.c.qty, CNL.c.amount,
               CNL.c.tax.label("line_tax"), CNL.c.position)
        .select_from(CN.join(CNL, CNL.c.credit_note_id == CN.c.id))
        .where(CN.c.bill_id.in_(bill_ids))
        .order_by(CN.c.posted_at, CN.c.number, CNL.c.position)).mappings().all()
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        note = out[r["bill_id"]].get(r["id"])
        if note is None:
            note = out[r["bill_id"]][r["id"]] = {
                "number": r["number"], "posted_at": r["posted_at"].isoformat(), "total": r["total"],
                "retail_value": r["retail_value"], "tax": r["tax"], "refund": r["refund_method"],
                "to_bill": r["to_bill"], "to_dues": r["to_dues"], "to_account": r["to_account"],
                "refunded": r["refunded"], "reason": r["reason"], "cashier": r["user_name"], "lines": []}
        note["lines"].append({"position": r["position"], "bill_line_id": r["bill_line_id"],
                              "description": r["description"], "qty": quantity.json_qty(r["qty"]),
                              "qty_milli": r["qty"], "amount": r["amount"],
                              "tax": r["line_tax"]})
    return {bill: list(notes.values()) for bill, notes in out.items()}


@dataclass(frozen=True)
class CreditNoteSummary:
    """One credit note of a period, as a tax return lists it (GSTR-1 cdnr: one row per rate)."""

    number: str
    posted_at: object
    business_date: date
    bill_number: str
    bill_date: date
    customer_id: str | None
    customer_name: str | None
    net: int
    tax: int
    total: int
    retail_value: int
    refund_method: str
    reason: str
    tax_by_rate: dict[int, tuple[int, int]]   # rate (bp) -> (value before tax, tax)
    complimentary: bool = False               # from a complimentary bill: nothing was charged, nothing credited
    buyer_gstin: str = ""                     # the bill's buyer GSTIN (B2B: cdnr) or ""
    place_of_supply: str = ""                 # the bill's place of supply (GST state code) or ""
    #: rate (bp) -> (value before tax, CGST, SGST, IGST) reversed; each line split as a sale's line is
    #: (``domain.gst.split_line_tax``: IGST across states, else halves with the odd paisa to CGST).
    gst_by_rate: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    #: rate (bp) -> cess reversed (the part of the tax that is cess, never split)
    cess_by_rate: dict[int, int] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"number": self.number, "posted_at": self.posted_at.isoformat(),
                "business_date": self.business_date.isoformat(), "bill": self.bill_number,
                "bill_date": self.bill_date.isoformat(), "customer_id": self.customer_id,
                "customer_name": self.customer_name, "net": self.net, "tax": self.tax, "total": self.total,
                "retail_value": self.retail_value, "refund": self.refund_method, "reason": self.reason,
                "tax_by_rate": [{"rate_bp": k, "net": v[0], "tax": v[1]} for k, v in self.tax_by_rate.items()],
                "complimentary": self.complimentary, "buyer_gstin": self.buyer_gstin or None,
                "place_of_supply": self.place_of_supply or None,
                "gst_by_rate": [{"rate_bp": k, "taxable": v[0], "cgst": v[1], "sgst": v[2], "igst": v[3],
                                 "cess": self.cess_by_rate.get(k, 0)} for k, v in self.gst_by_rate.items()]}


def credit_notes(ctx: Context, date_from: date | None = None, date_to: date | None = None) -> list[CreditNoteSummary]:
    """The credit notes of ``date_from..date_to`` (business dates, both included), oldest first, with their
    value and tax per rate (two statements). For the GST report's credit notes (cdnr) and the day report."""
    require(ctx, VIEW_BALANCES)
    conds = [CN.c.store_id == ctx.store_id]
    if date_from:
        conds.append(CN.c.business_date >= date_from)
    if date_to:
        conds.append(CN.c.business_date <= date_to)
    with ctx.read() as conn:
        notes = conn.execute(
            select(CN, B.c.number.label("bill_number"), B.c.business_date.label("bill_date"),
                   B.c.buyer_gstin, B.c.place_of_supply, B.c.seller_gstin, C.c.name.label("customer_name"))
            .select_from(CN.join(B, B.c.id == CN.c.bill_id).outerjoin(C, C.c.id == CN.c.customer_id))
            .where(*conds).order_by(CN.c.posted_at, CN.c.number)).mappings().all()
        lines = conn.execute(
            select(CNL.c.credit_note_id, CNL.c.tax_rate_bp, CNL.c.net, CNL.c.tax, CNL.c.cess)
            .select_from(CNL.join(CN, CN.c.id == CNL.c.credit_note_id)).where(*conds)).all()
    # Across states or not as the bill was posted: its seller GSTIN's state against its place of supply.
    inter = {n["id"]: bool(n["seller_gstin"] and n["place_of_supply"]
                           and gst.is_inter_state(n["seller_gstin"][:2], n["place_of_supply"])) for n in notes}
    by_note: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    split: dict[str, dict[int, tuple[int, int, int, int]]] = defaultdict(dict)
    cess: dict[str, dict[int, int]] = defaultdict(dict)
    for r in lines:
        n, t = by_note[r.credit_note_id].get(r.tax_rate_bp, (0, 0))
        by_note[r.credit_note_id][r.tax_rate_bp] = (n + r.net, t + r.tax)
        # the GST proper is split as the bill's was; the cess part of the tax is never split
        cgst, sgst, igst = gst.split_line_tax(r.tax - r.cess, inter.get(r.credit_note_id, False))
        cess[r.credit_note_id][r.tax_rate_bp] = cess[r.credit_note_id].get(r.tax_rate_bp, 0) + r.cess
        a, b, c, d = split[r.credit_note_id].get(r.tax_rate_bp, (0, 0, 0, 0))
        split[r.credit_note_id][r.tax_rate_bp] = (a + r.net, b + cgst, c + sgst, d + igst)
    return [CreditNoteSummary(n["number"], n["posted_at"], n["business_date"], n["bill_number"], n["bill_date"],
                              n["customer_id"], n["customer_name"], n["net"], n["tax"], n["total"],
                              n["retail_value"], n["refund_method"], n["reason"],
                              dict(sorted(by_note[n["id"]].items())), bool(n["complimentary"]),
                              n["buyer_gstin"] or "", n["place_of_supply"] or "",
                              dict(sorted(split[n["id"]].items())), dict(sorted(cess[n["id"]].items())))
            for n in notes]


@dataclass(frozen=True)
class CreditNoteDoc:
    """One credit note as its receipt shows it."""

    note: dict            # the credit_notes row, with bill_number, bill_date, customer_name, customer_balance
    lines: list[dict]     # its lines, in order

    @property
    def number(self) -> str:
        return self.note["number"]


def get_credit_note(ctx: Context, number: str) -> CreditNoteDoc:
    """A credit note with its lines, its bill's number and the customer (two statements)."""
    num = (number or "").strip().upper()
    with ctx.read() as conn:
        row = conn.execute(
            select(CN, B.c.number.label("bill_number"), B.c.posted_at.label("bill_posted_at"),
                   C.c.name.label("customer_name"), C.c.phone.label("customer_phone"),
                   C.c.phone_e164.label("customer_e164"), C.c.balance.label("customer_balance"))
            .select_from(CN.join(B, B.c.id == CN.c.bill_id).outerjoin(C, C.c.id == CN.c.customer_id))
            .where(CN.c.store_id == ctx.store_id, CN.c.number == num)).mappings().first()
        if row is None:
            raise NotFound("credit note", "no credit note numbered {number!r}", number=number)
        lines = conn.execute(select(CNL, BL.c.unit, BL.c.pack_size)
                             .select_from(CNL.join(BL, BL.c.id == CNL.c.bill_line_id))
                             .where(CNL.c.credit_note_id == row["id"]).order_by(CNL.c.position)).mappings().all()
    return CreditNoteDoc(dict(row), [dict(ln) for ln in lines])
