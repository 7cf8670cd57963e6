"""Receipt documents from the database: a sale's or a collection's receipt, in a fixed number of queries.

``sale_receipt`` / ``collection_receipt`` return the pure ``domain.receipt`` document;
``*_text`` lay it out with the receipt templates at a paper width, exactly as the
printer prints it (₹ kept as ₹). ``receipt_for`` accepts either kind of number.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from sqlalchemy import Select, bindparam, func, select

from possuite.db import models as m
from possuite.domain.errors import NotFound
from possuite.domain.receipt import (
    CollectionReceipt,
    CreditNoteReceipt,
    GstInvoice,
    GstRate,
    ReceiptLine,
    SaleReceipt,
    Settlement,
    StoreHeader,
    TenderLine,
    sale_balances,
    taxes_by_rate,
)
from possuite.printing.escpos_render import escpos_bytes
from possuite.printing.markup import Row
from possuite.printing.pdf import render_pdf
from possuite.printing.template_folder import user_template_dir
from possuite.printing.templates import layout
from possuite.printing.text import render_text
from possuite.services.bills import get_bill
from possuite.services.context import Context
from possuite.services.credit_notes import get_credit_note
from possuite.services.phones import display_phone

P = m.Payment.__table__
C = m.Customer.__table__
A = m.Allocation.__table__
L = m.LedgerEntry.__table__
B = m.Bill.__table__
CN = m.CreditNote.__table__


def store_header(ctx: Context) -> StoreHeader:
    s = ctx.store
    return StoreHeader(name=s.name, address=s.address, phone=s.phone, tax_id=s.tax_id, upi_id=s.upi_id)


def _settlements(conn, credit_ids: list[str], exclude_charge: str | None) -> tuple[Settlement, ...]:
    """Which charges the given credits settled (net of reversals), oldest allocation first."""
    if not credit_ids:
        return ()
    q = (select(L.c.document, func.sum(A.c.amount).label("amount"))
         .select_from(A.join(L, L.c.id == A.c.charge_entry_id))
         .where(A.c.credit_entry_id.in_(credit_ids))
         .group_by(A.c.charge_entry_id, L.c.document)
         .having(func.sum(A.c.amount) > 0)
         .order_by(func.min(A.c.created_at), func.min(L.c.posted_at)))
    if exclude_charge:
        q = q.where(A.c.charge_entry_id != exclude_charge)
    return tuple(Settlement(r.document, r.amount) for r in conn.execute(q))


def sale_receipt(ctx: Context, number: str) -> SaleReceipt:
    """The receipt of bill ``number`` as it was when posted (seven queries at most)."""
    detail = get_bill(ctx, number)
    b = detail.bill
    sale_pays = [p for p in detail.payments if p["kind"] == "sale"]
    received = sum(p["amount"] for p in sale_pays)
    previous = b["previous_balance"] if b["customer_id"] else None
    pending, outstanding = sale_balances(total=b["total"], advance_used=b["advance_used"] or 0, received=received,
                                         applied_to_previous=b["applied_to_previous"], previous_balance=previous)
    settled: tuple[Settlement, ...] = ()
    if b["applied_to_previous"]:
        with ctx.read() as conn:
            settled = _settlements(conn, [p["credit_entry_id"] for p in sale_pays if p["credit_entry_id"]],
                                   b["charge_entry_id"])
    cust = detail.customer
    store = store_header(ctx)
    invoice = None
    if b["gst_registration"]:
        # The GSTINs the bill was posted with: a reprint after the store's GSTIN changed says the same.
        store = replace(store, tax_id=b["seller_gstin"] or "")
        invoice = GstInvoice(b["gst_registration"], b["seller_gstin"] or "", b["buyer_gstin"] or "",
                             b["place_of_supply"] or "",
                             tuple(GstRate(r.rate_bp, r.taxable, r.cgst, r.sgst, r.igst, r.cess)
                                   for r in detail.tax_split()))
    return SaleReceipt(
        store=store, currency=ctx.currency, gst=invoice, number=b["number"], posted_at=b["posted_at"],
        cashier=b["user_name"], customer_name=cust["name"] if cust else None,
        customer_phone=(cust["phone_display"] or "") if cust else "",
        lines=tuple(ReceiptLine(ln["description"], ln["qty"], ln["unit_price"], ln["amount"],
                                ln["line_discount"], ln["tax_rate_bp"], ln["hsn"] or "", ln["unit"], ln["pack_size"],
                                ln["cess_rate_bp"])
                    for ln in detail.lines),
        subtotal=b["subtotal"], discount=b["discount"], tax=b["tax"],
        taxes=taxes_by_rate([(ln["tax_rate_bp"], ln["tax"], bool(ln["tax_inclusive"])) for ln in detail.lines]),
        total=b["total"], retail_value=b["retail_value"], outcome=b["outcome"],
        tenders=tuple(TenderLine(p["method"], p["tendered"], p["reference"] or "") for p in sale_pays),
        change=b["change"], pending=pending, applied_to_previous=b["applied_to_previous"], settled=settled,
        previous_balance=previous, total_outstanding=outstanding, due_date=b["due_date"],
        comp_reason=b["comp_reason"] or "", note=b["note"] or "", voided=b["voided_at"] is not None,
    )


def collection_receipt(ctx: Context, number: str) -> CollectionReceipt:
    """The receipt of collection ``number`` (two queries)."""
    num = (number or "").strip().upper()
    with ctx.read() as conn:
        row = conn.execute(
            select(P, C.c.name.label("customer_name"), C.c.phone.label("customer_phone"),
                   C.c.phone_e164.label("customer_e164"))
            .select_from(P.outerjoin(C, C.c.id == P.c.customer_id))
            .where(P.c.store_id == ctx.store_id, P.c.number == num, P.c.kind == "collection")).mappings().first()
        if row is None:
            raise NotFound("collection", "no collection receipt numbered {number!r}", number=number)
        settled = _settlements(conn, [row["credit_entry_id"]] if row["credit_entry_id"] else [], None)
    previous = row["previous_balance"] or 0
    remaining = row["remaining_balance"] if row["remaining_balance"] is not None else previous - row["amount"]
    return CollectionReceipt(
        store=store_header(ctx), currency=ctx.currency, number=row["number"], posted_at=row["posted_at"],
        cashier=row["user_name"], customer_name=row["customer_name"] or "",
        customer_phone=display_phone(row["customer_e164"], row["customer_phone"]) or "",
        previous_balance=previous, amount=row["amount"], method=row["method"], remaining_balance=remaining,
        settled=settled, reference=row["reference"] or "", note=row["note"] or "",
    )


def credit_note_receipt(ctx: Context, number: str) -> CreditNoteReceipt:
    """The receipt of credit note ``number`` (two queries): CREDIT NOTE, the bill's number, what came back
    and how the money went back."""
    doc = get_credit_note(ctx, number)
    n = doc.note
    return CreditNoteReceipt(
        store=store_header(ctx), currency=ctx.currency, number=n["number"], posted_at=n["posted_at"],
        cashier=n["user_name"], bill_number=n["bill_number"], bill_posted_at=n["bill_posted_at"],
        lines=tuple(ReceiptLine(ln["description"], ln["qty"], ln["unit_price"], ln["amount"], 0, ln["tax_rate_bp"],
                                unit=ln["unit"], pack_size=ln["pack_size"]) for ln in doc.lines),
        net=n["net"], taxes=taxes_by_rate([(ln["tax_rate_bp"], ln["tax"] - ln["cess"], False) for ln in doc.lines]),
        cess=sum(ln["cess"] for ln in doc.lines),
        total=n["total"], retail_value=n["retail_value"], refund_method=n["refund_method"], to_bill=n["to_bill"],
        to_dues=n["to_dues"], to_account=n["to_account"], refunded=n["refunded"], reason=n["reason"] or "",
        customer_name=n["customer_name"],
        customer_phone=display_phone(n["customer_e164"], n["customer_phone"]) or "")


def is_credit_note_number(number: str) -> bool:
    """``CN-…`` (or a demo's ``DEMOCN-…``): the credit-note series (services/returns.py)."""
    return (number or "").strip().upper().startswith(("CN-", "DEMOCN-"))


def is_collection_number(ctx: Context, number: str) -> bool:
    prefix = (ctx.store.receipt_prefix or "RCP").upper() + "-"
    return (number or "").strip().upper().startswith(prefix)


def receipt_for(ctx: Context, number: str) -> SaleReceipt | CollectionReceipt | CreditNoteReceipt:
    """A sale (``SAL-…``), collection (``RCP-…``) or credit-note (``CN-…``) receipt by its number."""
    if is_credit_note_number(number):
        return credit_note_receipt(ctx, number)
    if is_collection_number(ctx, number):
        return collection_receipt(ctx, number)
    try:
        return sale_receipt(ctx, number)
    except NotFound:
        try:
            return collection_receipt(ctx, number)
        except NotFound:
            raise NotFound("receipt", "no bill or collection numbered {number!r}", number=number) from None


def version_kinds(ctx: Context, number: str) -> tuple[str, ...]:
    """Which documents ``number`` may be, in the order ``receipt_for`` tries them."""
    if is_credit_note_number(number):
        return ("credit",)
    if is_collection_number(ctx, number):
        return ("collection",)
    return ("sale", "collection")


@cache
def version_statement(kind: str) -> Select:
    """What of a posted ``kind`` receipt can still change, as one row (none: no such document); bound values
    ``p_store`` and ``p_number`` (stripped, upper case). Everything else a receipt prints is written once with
    its document (lines, tenders, totals, the balances as posted, the GSTINs) or is the store's settings
    (docs/architecture.md §4):

    - a sale: the bill's void (``void_bill``, or another till's void pulled by the sync), the customer's name
      and phone (edited here or pulled), and the allocations of its payments' credits: the bills the payment
      settled are read net of reversals, so a void of one of them (here or at another till) changes the list.
      Allocations are only ever inserted (services/ledger.py), so their count is their version. A return does
      not change a sale receipt (the credit note is its own receipt).
    - a collection: the customer's name and phone, and the allocations of its credit (the bills it settled).
    - a credit note: the customer's name and phone.
    One indexed statement: a bill or payment by its number, the customer by id, the allocations through
    ``ix_allocations_credit_entry_id``."""
    who = (C.c.name.label("customer_name"), C.c.phone.label("customer_phone"), C.c.phone_e164.label("customer_e164"))
    if kind == "sale":
        credits = select(P.c.credit_entry_id).where(P.c.store_id == B.c.store_id, P.c.bill_id == B.c.id,
                                                    P.c.kind == "sale", P.c.credit_entry_id.is_not(None)).correlate(B)
        moved = select(func.count()).select_from(A).where(A.c.credit_entry_id.in_(credits)).scalar_subquery()
        return (select(B.c.voided_at, *who, moved.label("allocations"))
                .select_from(B.outerjoin(C, C.c.id == B.c.customer_id))
                .where(B.c.store_id == bindparam("p_store"), B.c.number == bindparam("p_number")))
    if kind == "collection":
        moved = select(func.count()).select_from(A).where(A.c.credit_entry_id == P.c.credit_entry_id).scalar_subquery()
        return (select(*who, moved.label("allocations"))
                .select_from(P.outerjoin(C, C.c.id == P.c.customer_id))
                .where(P.c.store_id == bindparam("p_store"), P.c.number == bindparam("p_number"),
                       P.c.kind == "collection"))
    if kind == "credit":
        return (select(*who).select_from(CN.outerjoin(C, C.c.id == CN.c.customer_id))
                .where(CN.c.store_id == bindparam("p_store"), CN.c.number == bindparam("p_number")))
    raise ValueError(f"no receipt of kind {kind!r}")


def receipt_rows(ctx: Context, receipt: SaleReceipt | CollectionReceipt | CreditNoteReceipt, width: int = 42,
                 ascii_money: bool = False) -> list[Row]:
    """The receipt's printed rows, in the store's receipt language (whatever the screen's language)."""
    return layout(receipt, width, ascii_money=ascii_money, user_dir=user_template_dir(ctx.db_path, ctx.receipts_dir),
                  lang=ctx.store.receipt_language, digits=ctx.store.receipt_digits)


def sale_receipt_text(ctx: Context, number: str, width: int = 42) -> str:
    """What the printer prints for bill ``number`` at ``width`` columns (32, 42 or 48)."""
    return render_text(receipt_rows(ctx, sale_receipt(ctx, number), width), width)


def collection_receipt_text(ctx: Context, number: str, width: int = 42) -> str:
    """What the printer prints for collection ``number`` at ``width`` columns."""
    return render_text(receipt_rows(ctx, collection_receipt(ctx, number), width), width)


def receipt_text(ctx: Context, number: str, width: int = 42) -> str:
    """Either kind of receipt, by number, as text."""
    return render_text(receipt_rows(ctx, receipt_for(ctx, number), width), width)


def receipt_escpos(ctx: Context, number: str, *, width: int = 42, profile: str = "default",
                   symbol_mode: str = "image", cut: bool = True, drawer_kick: bool = False) -> bytes:
    """The ESC/POS bytes of a receipt for a printer with these settings."""
    receipt = receipt_for(ctx, number)
    rows = receipt_rows(ctx, receipt, width, ascii_money=symbol_mode == "symbol")
    kick = drawer_kick and receipt.kind == "sale" and any(t.method == "cash" for t in receipt.tenders)
    return escpos_bytes(rows, width=width, profile=profile, symbol_mode=symbol_mode, cut=cut, drawer_kick=kick)


def receipt_pdf(ctx: Context, number: str, width: int = 42) -> bytes:
    """The receipt as a PDF page at roll width (for saving or sending)."""
    receipt = receipt_for(ctx, number)
    return render_pdf(receipt_rows(ctx, receipt, width), width, title=f"{receipt.store.name} {receipt.number}")
