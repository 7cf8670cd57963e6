"""Bills: the list (filter, sort, page in one query) and a bill's full detail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import Connection, and_, bindparam, case, func, literal, select

from possuite.db import models as m
from possuite.db.dialect import home_store
from possuite.domain import gst, quantity
from possuite.domain.errors import NotFound, ValidationError
from possuite.domain.returns import return_status
from possuite.domain.status import STATUSES, bill_status
from possuite.services.context import Context
from possuite.services.credit_notes import returns_of_bills
from possuite.services.phones import display_phone

B = m.Bill.__table__
BL = m.BillLine.__table__
P = m.Payment.__table__
C = m.Customer.__table__
O = m.OpenItem.__table__
A = m.Allocation.__table__
L = m.LedgerEntry.__table__
CN = m.CreditNote.__table__
CNL = m.CreditNoteLine.__table__


def _outstanding_col():
    return func.coalesce(O.c.open_amount, 0)


def status_expr(today: date):
    """SQL twin of ``domain.status.bill_status`` (a test keeps the two in agreement)."""
    outstanding = _outstanding_col()
    return case(
        (B.c.voided_at.is_not(None), literal("void")),
        (B.c.complimentary.is_(True), literal("complimentary")),
        (outstanding <= 0, literal("paid")),
        (and_(B.c.due_date.is_not(None), B.c.due_date < today), literal("overdue")),
        (outstanding < B.c.total, literal("partially_paid")),
        else_=literal("pending"),
    )


def _returns_cols():
    """Per bill: quantities sold and returned, what its credit notes credited and took off its pending
    (scalar subqueries over covering indexes: a page of bills stays one statement)."""
    sold = select(func.coalesce(func.sum(BL.c.qty), 0)).where(BL.c.bill_id == B.c.id).scalar_subquery()
    returned = select(func.coalesce(func.sum(CNL.c.qty), 0)).where(CNL.c.bill_id == B.c.id).scalar_subquery()
    notes = (select(func.coalesce(func.sum(CN.c.total), 0)).where(CN.c.store_id == B.c.store_id,
                                                                  CN.c.bill_id == B.c.id).scalar_subquery())
    to_bill = (select(func.coalesce(func.sum(CN.c.to_bill), 0)).where(CN.c.store_id == B.c.store_id,
                                                                      CN.c.bill_id == B.c.id).scalar_subquery())
    return (sold.label("sold_qty"), returned.label("returned_qty"), notes.label("returned_value"),
            to_bill.label("returned_to_bill"))


def _base(today: date):
    outstanding = case((B.c.voided_at.is_not(None), 0), else_=_outstanding_col())
    return (
        select(B.c.id, B.c.number, B.c.posted_at, B.c.business_date, B.c.due_date, B.c.customer_id,
               C.c.name.label("customer_name"), B.c.subtotal, B.c.discount, B.c.tax, B.c.total,
               B.c.retail_value, B.c.complimentary, B.c.outcome, B.c.voided_at, B.c.user_name,
               outstanding.label("outstanding"), status_expr(today).label("status"), *_returns_cols(),
               home_store(B.c.store_id).label("home_store"))
        .select_from(B.outerjoin(O, and_(O.c.bill_id == B.c.id, O.c.side == "charge"))
                     .outerjoin(C, C.c.id == B.c.customer_id))
    )


@dataclass(frozen=True)
class BillRow:
    id: str
    number: str
    posted_at: datetime
    due_date: date | None
    customer_id: str | None
    customer_name: str | None
    total: int
    retail_value: int
    paid: int
    outstanding: int
    status: str
    outcome: str
    return_status: str | None = None   # returned / partly_returned (docs/architecture.md §3.4), beside status
    returned: int = 0                  # Σ the bill's credit notes
    store: str = ""                    # the store's name where the list spans stores (the hub), else ""

    def as_json(self) -> dict:
        return {"number": self.number, "id": self.id, "posted_at": self.posted_at.isoformat(),
                "due_date": self.due_date.isoformat() if self.due_date else None,
                "customer_id": self.customer_id, "customer_name": self.customer_name, "total": self.total,
                "retail_value": self.retail_value, "paid": self.paid, "outstanding": self.outstanding,
                "status": self.status, "outcome": self.outcome, "return_status": self.return_status,
                "returned": self.returned}


def _paid(r) -> int:
    """Money paid towards the bill: its total less what is still open and what returns took off it."""
    if r["voided_at"] is not None or r["complimentary"]:
        return 0
    return r["total"] - r["outstanding"] - r["returned_to_bill"]


def _row(r, store: str = "") -> BillRow:
    return BillRow(r["id"], r["number"], r["posted_at"], r["due_date"], r["customer_id"], r["customer_name"],
                   r["total"], r["retail_value"], _paid(r), r["outstanding"], r["status"], r["outcome"],
                   return_status(r["sold_qty"], r["returned_qty"]), r["returned_value"], store)


SORTS = {"date": B.c.posted_at, "total": B.c.total, "number": B.c.number, "status": None,
         "due": B.c.due_date, "outstanding": None}


@dataclass(frozen=True)
class BillPage:
    rows: list[BillRow]
    total_count: int
    page: int
    limit: int


def list_bills(ctx: Context, *, status: str | None = None, customer_id: str | None = None,
               date_from: date | None = None, date_to: date | None = None, number: str | None = None,
               sort: str = "date", desc: bool = True, limit: int = 50, page: int = 1) -> BillPage:
    """One page of bills (one query for the page, one for the count), status derived at read time."""
    if status is not None and status not in STATUSES:
        raise ValidationError("status", "must be one of {choices}", choices=', '.join(STATUSES))
    if sort not in SORTS:
        raise ValidationError("sort", "must be one of {choices}", choices=', '.join(SORTS))
    if not 1 <= limit <= 10_000:
        raise ValidationError("limit", "must be between 1 and 10000")
    if page < 1:
        raise ValidationError("page", "must be 1 or more")
    today = ctx.clock.today()
    conds = [B.c.store_id == ctx.store_id]
    if customer_id:
        conds.append(B.c.customer_id == customer_id)
    if date_from:
        conds.append(B.c.business_date >= date_from)
    if date_to:
        conds.append(B.c.business_date <= date_to)
    if number:
        conds.append(B.c.number.like(f"%{number.strip().upper()}%"))
    st = status_expr(today)
    if status:
        conds.append(st == status)
    q = _base(today).where(*conds)
    col = {"status": st, "outstanding": _outstanding_col()}.get(sort, SORTS[sort])
    q = q.order_by(col.desc() if desc else col.asc(), B.c.posted_at.desc() if desc else B.c.posted_at.asc(),
                   B.c.id).limit(limit).offset((page - 1) * limit)
    count_q = (select(func.count()).select_from(
        B.outerjoin(O, and_(O.c.bill_id == B.c.id, O.c.side == "charge"))).where(*conds))
    with ctx.read() as conn:
        rows = conn.execute(q).mappings().all()
        total = conn.execute(count_q).scalar_one()
    return BillPage([_row(r, ctx.store_of_row(r["home_store"])) for r in rows], total, page, limit)


@dataclass(frozen=True)
class BillDetail:
    bill: dict
    lines: list[dict]
    payments: list[dict]
    allocations: list[dict]
    customer: dict | None
    returns: list[dict] = field(default_factory=list)   # credit notes, oldest first (services/returns.py)

    @property
    def number(self) -> str:
        return self.bill["number"]

    def split_lines(self) -> tuple[gst.SplitLine, ...]:
        """The bill's lines with the tax split stored at posting (a line's ``tax`` holds its cess too: the GST
        proper is ``tax − cess``)."""
        return tuple(gst.SplitLine(gst.TaxLine(taxable=ln["net"], rate_bp=ln["tax_rate_bp"], hsn=ln["hsn"] or "",
                                               description=ln["description"], quantity=ln["qty"],
                                               cess_bp=ln["cess_rate_bp"], tax=ln["tax"] - ln["cess"],
                                               cess=ln["cess"]),
                                   ln["tax"] - ln["cess"], ln["cgst"], ln["sgst"], ln["igst"], ln["cess"])
                     for ln in self.lines)

    def tax_split(self) -> tuple[gst.RateRow, ...]:
        """Per rate: taxable value, CGST, SGST (or UTGST), IGST and cess, as posted."""
        return gst.tax_summary(self.split_lines())

    def as_json(self) -> dict:
        b = self.bill

        def iso(v):
            return v.isoformat() if hasattr(v, "isoformat") else v

        return {
            "number": b["number"], "id": b["id"], "status": b["status"], "outcome": b["outcome"],
            "customer_id": b["customer_id"], "customer": self.customer,
            "posted_at": iso(b["posted_at"]), "due_date": iso(b["due_date"]),
            "subtotal": b["subtotal"], "discount": b["discount"], "tax": b["tax"], "total": b["total"],
            "retail_value": b["retail_value"], "complimentary": bool(b["complimentary"]),
            "complimentary_reason": b["comp_reason"], "paid": b["paid"], "outstanding": b["outstanding"],
            "previous_balance": b["previous_balance"], "applied_to_previous": b["applied_to_previous"],
            "tendered": b["tendered"], "change": b["change"], "note": b["note"], "cashier": b["user_name"],
            "authorised_by": b["authorised_by"], "voided_at": iso(b["voided_at"]),
            "void_reason": b["void_reason"],
            # qty: units as always (1.25 for a fractional line), qty_milli: the stored thousandths (0010)
            "lines": [{**{k: v for k, v in ln.items() if k not in ("id", "store_id", "bill_id")},
                       "qty": quantity.json_qty(ln["qty"]), "qty_milli": ln["qty"]} for ln in self.lines],
            "payments": [{"kind": p["kind"], "method": p["method"], "tendered": p["tendered"],
                          "amount": p["amount"], "change": p["change"], "reference": p["reference"],
                          "posted_at": iso(p["posted_at"]), "number": p["number"]} for p in self.payments],
            "allocations": self.allocations,
            # tax: CGST + SGST + IGST, as before; cess apart (0 without one)
            "tax_split": [{"rate_bp": r.rate_bp, "taxable": r.taxable, "cgst": r.cgst, "sgst": r.sgst,
                           "igst": r.igst, "tax": r.tax, "cess": r.cess} for r in self.tax_split()],
            "gst": {"registration": b["gst_registration"] or None,
                    "heading": gst.invoice_heading(b["gst_registration"] or ""),
                    "seller_gstin": b["seller_gstin"] or None, "buyer_gstin": b["buyer_gstin"] or None,
                    "place_of_supply": b["place_of_supply"] or None},
            "returns": self.returns, "return_status": b["return_status"], "returned": b["returned_value"],
        }


@lru_cache(maxsize=4)
def _detail_statements(today: date) -> tuple:
    """``get_bill``'s statements for ``today``, built once and run with bound values: building a statement this
    size costs SQLAlchemy several times what SQLite takes to run it, and a receipt is a bill read."""
    bill = (_base(today).add_columns(
        B.c.comp_reason, B.c.previous_balance, B.c.applied_to_previous, B.c.tendered, B.c.change,
        B.c.note, B.c.authorised_by, B.c.void_reason, B.c.charge_entry_id, B.c.advance_used,
        B.c.gst_registration, B.c.seller_gstin, B.c.buyer_gstin, B.c.place_of_supply)
        .where(B.c.store_id == bindparam("p_store"), B.c.number == bindparam("p_number")))
    lines = select(BL).where(BL.c.bill_id == bindparam("p_bill")).order_by(BL.c.position)
    pays = (select(P).where(P.c.store_id == bindparam("p_store"), P.c.bill_id == bindparam("p_bill"))
            .order_by(P.c.posted_at, P.c.id))
    cust = select(C.c.id, C.c.name, C.c.phone, C.c.phone_e164, C.c.balance).where(C.c.id == bindparam("p_customer"))
    return bill, lines, pays, cust


def get_bill(ctx: Context, number: str) -> BillDetail:
    """A bill with lines, payments and where its money went (a fixed number of queries)."""
    today = ctx.clock.today()
    num = (number or "").strip().upper()
    bill_q, lines_q, pays_q, cust_q = _detail_statements(today)
    with ctx.read() as conn:
        row = conn.execute(bill_q, {"p_store": ctx.store_id, "p_number": num}).mappings().first()
        if row is None:
            raise NotFound("bill", "no bill numbered {number!r}", number=number)
        lines = conn.execute(lines_q, {"p_bill": row["id"]}).mappings().all()
        pays = conn.execute(pays_q, {"p_store": ctx.store_id, "p_bill": row["id"]}).mappings().all()
        allocs = _allocations_of(conn, row["charge_entry_id"])
        cust = None
        if row["customer_id"]:
            c = conn.execute(cust_q, {"p_customer": row["customer_id"]}).mappings().one()
            cust = {"id": c["id"], "name": c["name"], "phone": c["phone"],
                    "phone_display": display_phone(c["phone_e164"], c["phone"]), "balance": c["balance"]}
        returns = returns_of_bills(conn, [row["id"]]).get(row["id"], []) if row["returned_qty"] else []
    bill = dict(row)
    bill["paid"] = _paid(row)
    bill["return_status"] = return_status(row["sold_qty"], row["returned_qty"])
    return BillDetail(bill, [dict(ln) for ln in lines], [dict(p) for p in pays], allocs, cust, returns)


#: Where a charge's money came from, net per credit (built once, see ``_detail_statements``).
_ALLOCATIONS = (
    select(L.c.document, L.c.kind, func.sum(A.c.amount).label("amount"))
    .select_from(A.join(L, L.c.id == A.c.credit_entry_id))
    .where(A.c.charge_entry_id == bindparam("p_charge")).group_by(A.c.credit_entry_id, L.c.document, L.c.kind)
    .having(func.sum(A.c.amount) != 0).order_by(func.min(A.c.created_at)))


def _allocations_of(conn: Connection, charge_id: str | None) -> list[dict]:
    if not charge_id:
        return []
    return [dict(r) for r in conn.execute(_ALLOCATIONS, {"p_charge": charge_id}).mappings().all()]


def derive_status(bill: dict, today: date) -> str:
    return bill_status(voided=bill["voided_at"] is not None, complimentary=bool(bill["complimentary"]),
                       total=bill["total"], outstanding=bill["outstanding"], due_date=bill["due_date"],
                       today=today)
