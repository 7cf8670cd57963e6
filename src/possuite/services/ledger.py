"""Posting to the customer ledger inside a write transaction.

Every function here takes the open write connection; the caller's unit of work
commits everything at once or nothing. Ledger entries and allocations are only
ever inserted; ``customers.balance`` and ``open_items`` are the cached projections
updated alongside them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, bindparam, insert, select, text, update

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain.ledger import OpenCharge, allocate_oldest_first
from possuite.services.context import Context

L = m.LedgerEntry.__table__
A = m.Allocation.__table__
O = m.OpenItem.__table__
C = m.Customer.__table__
S = m.Sequence.__table__

# Statements built once and run with parameters: a till posts these many times a day, and building
# a statement from literal values costs more Python than SQLite spends running it.
_NEXT_NUMBER = text(
    "INSERT INTO sequences(store_id, series, year, last_value) VALUES (:s, :series, :y, 1) "
    "ON CONFLICT(store_id, series, year) DO UPDATE SET last_value = last_value + 1 "
    "RETURNING last_value")
_INSERT_ENTRY = insert(L)
_INSERT_OPEN = insert(O)
_INSERT_ALLOCATION = insert(A)
_MOVE_BALANCE = update(C).where(C.c.id == bindparam("cid")).values(balance=C.c.balance + bindparam("delta"))
_REDUCE_OPEN = (update(O).where(O.c.entry_id == bindparam("eid"))
                .values(open_amount=O.c.open_amount + bindparam("delta")))
_DROP_CLOSED = O.delete().where(O.c.entry_id == bindparam("eid"), O.c.open_amount <= 0)
_REOPEN = text(
    "INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, bill_id) "
    "SELECT id, store_id, customer_id, CASE WHEN amount > 0 THEN 'charge' ELSE 'credit' END, :d, "
    "due_date, posted_at, CASE WHEN amount > 0 THEN bill_id END FROM ledger_entries WHERE id = :id "
    "ON CONFLICT(entry_id) DO UPDATE SET open_amount = open_amount + excluded.open_amount")
_OPEN_CHARGES = select(O.c.entry_id, O.c.open_amount, O.c.due_date, O.c.posted_at).where(
    O.c.store_id == bindparam("s"), O.c.customer_id == bindparam("cid"), O.c.side == "charge")
_OPEN_CREDITS = (select(O.c.entry_id, O.c.open_amount)
                 .where(O.c.store_id == bindparam("s"), O.c.customer_id == bindparam("cid"), O.c.side == "credit")
                 .order_by(O.c.posted_at, O.c.entry_id))


def next_number(conn: Connection, ctx: Context, series: str, prefix: str, on: date) -> tuple[str, int]:
    """The next gapless number of a series for the year of ``on`` (inside the caller's transaction).

    A demo context (``ctx.demo``) numbers in a series of its own (``DEMO-26-0001``, ``DEMORCP-…``).
    """
    if ctx.demo:
        series, prefix = f"DEMO{series}", ("DEMO" if series == "SAL" else f"DEMO{series}")
    year = on.year
    row = conn.execute(_NEXT_NUMBER, {"s": ctx.store_id, "series": series, "y": year}).scalar_one()
    return f"{prefix}-{year % 100:02d}-{row:04d}", row


def post_entry(conn: Connection, ctx: Context, *, customer_id: str, kind: str, amount: int,
               document: str = "", due_date: date | None = None, bill_id: str | None = None,
               payment_id: str | None = None, adjustment_id: str | None = None, note: str = "",
               entry_id: str | None = None) -> str:
    """Insert one signed entry, open it as a charge (+) or credit (−), move the cached balance."""
    entry_id = entry_id or new_id()
    now = ctx.clock.now()
    conn.execute(_INSERT_ENTRY, {
        "id": entry_id, "store_id": ctx.store_id, "customer_id": customer_id, "kind": kind, "amount": amount,
        "bill_id": bill_id, "payment_id": payment_id, "adjustment_id": adjustment_id, "document": document,
        "posted_at": now, "due_date": due_date, "user_name": ctx.actor.name,
        "authorised_by": ctx.actor.authorised_by, "note": note,
    })
    if amount:
        conn.execute(_INSERT_OPEN, {
            "entry_id": entry_id, "store_id": ctx.store_id, "customer_id": customer_id,
            "side": "charge" if amount > 0 else "credit", "open_amount": abs(amount), "due_date": due_date,
            "posted_at": now, "bill_id": bill_id if amount > 0 else None,
        })
        conn.execute(_MOVE_BALANCE, {"cid": customer_id, "delta": amount})
    return entry_id


def entry_values(ctx: Context, *, entry_id: str, customer_id: str, kind: str, amount: int, document: str = "",
                 due_date: date | None = None, bill_id: str | None = None, payment_id: str | None = None,
                 note: str = "") -> dict:
    """One ledger row, for ``insert_entries`` (which leaves open items and the balance to the caller)."""
    return {"id": entry_id, "store_id": ctx.store_id, "customer_id": customer_id, "kind": kind, "amount": amount,
            "bill_id": bill_id, "payment_id": payment_id, "adjustment_id": None, "document": document,
            "posted_at": ctx.clock.now(), "due_date": due_date, "user_name": ctx.actor.name,
            "authorised_by": ctx.actor.authorised_by, "note": note}


def insert_entries(conn: Connection, rows: list[dict]) -> None:
    """Insert ledger rows in one statement; the caller keeps open items and the cached balance in step."""
    if rows:
        conn.execute(_INSERT_ENTRY, rows)


def open_entry(conn: Connection, ctx: Context, row: dict, open_amount: int) -> None:
    """The open item of a ledger row inserted with ``insert_entries`` (nothing when nothing is open)."""
    if open_amount > 0:
        conn.execute(_INSERT_OPEN, {
            "entry_id": row["id"], "store_id": ctx.store_id, "customer_id": row["customer_id"],
            "side": "charge" if row["amount"] > 0 else "credit", "open_amount": open_amount,
            "due_date": row["due_date"], "posted_at": row["posted_at"],
            "bill_id": row["bill_id"] if row["amount"] > 0 else None,
        })


def insert_allocations(conn: Connection, ctx: Context, customer_id: str, pairs: list[tuple[str, str, int]]) -> None:
    """Allocation rows (credit, charge, amount) only: the caller has already counted them in the open items."""
    rows = [{"id": new_id(), "store_id": ctx.store_id, "customer_id": customer_id, "credit_entry_id": credit_id,
             "charge_entry_id": charge_id, "amount": amount, "created_at": ctx.clock.now()}
            for credit_id, charge_id, amount in pairs if amount]
    if rows:
        conn.execute(_INSERT_ALLOCATION, rows)


def _bump_open(conn: Connection, entry_id: str, delta: int) -> None:
    if delta < 0:
        conn.execute(_REDUCE_OPEN, {"eid": entry_id, "delta": delta})
        conn.execute(_DROP_CLOSED, {"eid": entry_id})
    elif delta > 0:
        conn.execute(_REOPEN, {"id": entry_id, "d": delta})


def allocate(conn: Connection, ctx: Context, customer_id: str, credit_id: str, charge_id: str, amount: int,
             *, track_charge: bool = True) -> None:
    """Tie ``amount`` of a credit to a charge (negative: undo an earlier allocation).

    ``track_charge=False``: the charge's open item is not written yet (checkout opens it once, at the end).
    """
    if amount == 0:
        return
    conn.execute(_INSERT_ALLOCATION, {"id": new_id(), "store_id": ctx.store_id, "customer_id": customer_id,
                                      "credit_entry_id": credit_id, "charge_entry_id": charge_id, "amount": amount,
                                      "created_at": ctx.clock.now()})
    _bump_open(conn, credit_id, -amount)
    if track_charge:
        _bump_open(conn, charge_id, -amount)


def open_charges(conn: Connection, ctx: Context, customer_id: str, exclude: str | None = None) -> list[OpenCharge]:
    rows = conn.execute(_OPEN_CHARGES, {"s": ctx.store_id, "cid": customer_id}).all()
    return [OpenCharge(r.entry_id, r.open_amount, r.due_date or date.max, r.posted_at.isoformat())
            for r in rows if r.entry_id != exclude]


def open_credits(conn: Connection, ctx: Context, customer_id: str) -> list[tuple[str, int]]:
    rows = conn.execute(_OPEN_CREDITS, {"s": ctx.store_id, "cid": customer_id}).all()
    return [(r.entry_id, r.open_amount) for r in rows]


def settle_fifo(conn: Connection, ctx: Context, customer_id: str, credit_id: str, amount: int,
                exclude: str | None = None) -> list[tuple[str, int]]:
    """Allocate up to ``amount`` of a credit over the customer's open charges, oldest due first."""
    if amount <= 0:
        return []
    allocations, _left = allocate_oldest_first(amount, open_charges(conn, ctx, customer_id, exclude))
    if len(allocations) == 1:
        allocate(conn, ctx, customer_id, credit_id, *allocations[0])
    elif allocations:
        # What ``allocate`` does once per charge, as one batch per statement: the allocation rows, the
        # credit's open amount (it can only reach zero after the last allocation), each charge's.
        now = ctx.clock.now()
        conn.execute(_INSERT_ALLOCATION, [
            {"id": new_id(), "store_id": ctx.store_id, "customer_id": customer_id, "credit_entry_id": credit_id,
             "charge_entry_id": charge_id, "amount": amt, "created_at": now} for charge_id, amt in allocations])
        _bump_open(conn, credit_id, -sum(amt for _, amt in allocations))
        conn.execute(_REDUCE_OPEN, [{"eid": charge_id, "delta": -amt} for charge_id, amt in allocations])
        conn.execute(_DROP_CLOSED, [{"eid": charge_id} for charge_id, _ in allocations])
    return allocations


def absorb_credits(conn: Connection, ctx: Context, customer_id: str, charge_id: str, amount: int,
                   *, track_charge: bool = True) -> int:
    """Let the customer's earlier open credit (advance) settle a new charge. Returns what it absorbed."""
    used = 0
    for credit_id, open_amt in open_credits(conn, ctx, customer_id):
        if used >= amount:
            break
        take = min(open_amt, amount - used)
        allocate(conn, ctx, customer_id, credit_id, charge_id, take, track_charge=track_charge)
        used += take
    return used


def documents_for(conn: Connection, charge_ids: list[str]) -> dict[str, str]:
    if not charge_ids:
        return {}
    rows = conn.execute(select(L.c.id, L.c.document).where(L.c.id.in_(charge_ids))).all()
    return {r.id: r.document for r in rows}


def post_writeoff(conn: Connection, ctx: Context, customer_row, amount: int, reason: str,
                  kind: str = "writeoff") -> tuple[str, str, list[tuple[str, int]]]:
    """A credit adjustment settled oldest-first. Returns (adjustment id, number, allocations)."""
    today = ctx.clock.today()
    number, seq = next_number(conn, ctx, "ADJ", "ADJ", today)
    adj_id = new_id()
    entry_id = post_entry(conn, ctx, customer_id=customer_row["id"], kind=kind, amount=-amount,
                          document=number, adjustment_id=adj_id, note=reason)
    conn.execute(insert(m.Adjustment.__table__).values(
        id=adj_id, store_id=ctx.store_id, number=number, seq=seq, customer_id=customer_row["id"],
        kind=kind, amount=-amount, reason=reason, posted_at=ctx.clock.now(), business_date=today,
        user_name=ctx.actor.name, authorised_by=ctx.actor.authorised_by, entry_id=entry_id,
    ))
    allocs = settle_fifo(conn, ctx, customer_row["id"], entry_id, amount)
    return adj_id, number, allocs
