"""The raw SQLite floor: the same rows a sale or a collection leaves, written with plain ``sqlite3``.

A floor operation is what the database itself must do for the operation: read the customer,
take the next number, insert the final rows (bill, lines, ledger entries, payments,
allocations, open items, print job), move the cached projections, commit. It uses a plain
``sqlite3`` connection on the same file with exactly the pragmas the app's engine sets, so
``service time / floor time`` is the price of the service layer. The rows it writes are
correct (numbers from the same sequences, invariants kept), so the integrity check of the
benchmark store stays clean after a run.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from possuite.db.engine import BUSY_TIMEOUT_MS, _on_connect, stored_time
from possuite.db.ids import new_id
from possuite.domain.cart import CartLine, compute_totals
from possuite.domain.ledger import Tender
from possuite.services import chain


def ts(value: datetime) -> str:
    """A date-time in SQLAlchemy's SQLite text form."""
    return stored_time(value)


def raw_connect(path: Path | str) -> sqlite3.Connection:
    """A plain connection with the app's own pragmas (``db.engine``'s connect hook)."""

    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    _on_connect(con, None)
    return con


@dataclass
class Shop:
    """What the floor needs to know about the store (read once, outside any timing)."""

    store_id: str
    user_id: str
    user_name: str
    printer_id: str | None
    credit_days: int
    invoice_prefix: str
    receipt_prefix: str

    @classmethod
    def read(cls, con: sqlite3.Connection, user_name: str) -> Shop:
        sid, days, inv, rcp = con.execute(
            "SELECT id, credit_days, invoice_prefix, receipt_prefix FROM stores ORDER BY created_at LIMIT 1").fetchone()
        uid = con.execute("SELECT id FROM users WHERE store_id = ? AND name = ?", (sid, user_name)).fetchone()[0]
        pr = con.execute("SELECT id FROM printers WHERE store_id = ? AND is_default = 1 LIMIT 1", (sid,)).fetchone()
        return cls(sid, uid, user_name, pr[0] if pr else None, days, inv, rcp)


@dataclass
class PlannedSale:
    """One measured checkout: three lines, a customer, part paid by UPI and cash, the rest left pending."""

    customer_id: str
    lines: list[CartLine]
    tenders: list[Tender] = field(default_factory=list)
    # Precomputed for the floor (the service computes these itself).
    line_rows: list[tuple] = field(default_factory=list)
    subtotal: int = 0
    tax: int = 0
    total: int = 0


def plan_sale(customer_id: str, items: list[tuple], pay_part: bool = True) -> PlannedSale:
    """``items``: (id, name, kind, price, tax_rate_bp, tax_inclusive) rows."""
    lines = [CartLine(name, 1000, price, tax_rate_bp=bp, tax_inclusive=bool(incl), item_id=iid, kind=kind)
             for iid, name, kind, price, bp, incl in items]
    totals = compute_totals(lines)
    sale = PlannedSale(customer_id, lines, subtotal=totals.subtotal, tax=totals.tax, total=totals.total)
    sale.line_rows = [(pos, lt.line.item_id, lt.line.description, lt.line.kind, lt.line.qty, lt.line.unit_price,
                       lt.line.tax_rate_bp, int(lt.line.tax_inclusive), lt.net, lt.tax, lt.amount)
                      for pos, lt in enumerate(totals.lines, start=1)]
    if pay_part:
        upi = totals.total * 40 // 100 // 100 * 100
        cash = totals.total * 30 // 100 // 100 * 100
        sale.tenders = [t for t in (Tender("upi", upi), Tender("cash", cash)) if t.amount > 0]
    return sale


_NEXT = ("INSERT INTO sequences(store_id, series, year, last_value) VALUES (?, ?, ?, 1) "
         "ON CONFLICT(store_id, series, year) DO UPDATE SET last_value = last_value + 1 RETURNING last_value")
_BILL = ("INSERT INTO bills(id, store_id, number, seq, customer_id, user_id, user_name, authorised_by, posted_at, "
         "business_date, due_date, subtotal, discount, tax, total, retail_value, complimentary, comp_reason, outcome, "
         "previous_balance, applied_to_previous, advance_used, tendered, change, note, charge_entry_id, voided_at, "
         "void_reason, voided_by, is_demo) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, ?, ?, ?, 0, '', ?, ?, 0, 0, ?, 0, '', ?, "
         "NULL, '', NULL, 0)")
_LINE = ("INSERT INTO bill_lines(id, store_id, bill_id, position, item_id, description, kind, qty, unit_price, "
         "line_discount, bill_discount, tax_rate_bp, tax_inclusive, net, tax, amount) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)")
_ENTRY = ("INSERT INTO ledger_entries(id, store_id, customer_id, kind, amount, bill_id, payment_id, adjustment_id, "
          "document, posted_at, due_date, user_name, authorised_by, note) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, '')")
_PAYMENT = ("INSERT INTO payments(id, store_id, number, seq, kind, bill_id, customer_id, method, tendered, amount, "
            "change, reference, note, posted_at, business_date, user_id, user_name, credit_entry_id, "
            "previous_balance, remaining_balance, is_demo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', '', ?, ?, ?, ?, ?, ?, ?, 0)")
_ALLOC = ("INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)")
_OPEN = ("INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, bill_id) "
         "VALUES (?, ?, ?, 'charge', ?, ?, ?, ?)")
_JOB = ("INSERT INTO print_jobs(id, store_id, printer_id, document_kind, document_ref, status, attempts, last_error, "
        "created_at, updated_at, next_attempt_at, printed_at) "
        "VALUES (?, ?, ?, ?, ?, 'queued', 0, '', ?, ?, NULL, NULL)")


def raw_sale(con: sqlite3.Connection, shop: Shop, sale: PlannedSale, now: datetime, *, own_tx: bool = True) -> str:
    """Write one sale's final rows; with ``own_tx`` in its own committed transaction. Returns the number."""
    s, cid = shop.store_id, sale.customer_id
    day = now.date()
    at, today = ts(now), day.isoformat()
    due = (day + timedelta(days=shop.credit_days)).isoformat()
    paid = sum(t.amount for t in sale.tenders)
    pending = sale.total - paid
    if own_tx:
        con.execute("BEGIN IMMEDIATE")
    try:
        previous = con.execute("SELECT balance FROM customers WHERE id = ?", (cid,)).fetchone()[0]
        seq = con.execute(_NEXT, (s, "SAL", day.year)).fetchone()[0]
        number = f"{shop.invoice_prefix}-{day.year % 100:02d}-{seq:04d}"
        bill_id, charge_id = new_id(), new_id()
        outcome = "paid" if pending == 0 else ("pending" if paid else "full_pending")
        con.execute(_BILL, (bill_id, s, number, seq, cid, shop.user_id, shop.user_name, at, today, due,
                            sale.subtotal, sale.tax, sale.total, sale.total, outcome, previous, paid, charge_id))
        con.executemany(_LINE, [(new_id(), s, bill_id, *row) for row in sale.line_rows])
        entries = [(charge_id, s, cid, "sale", sale.total, bill_id, None, number, at, due, shop.user_name)]
        payments, allocs = [], []
        for t in sorted(sale.tenders, key=lambda t: t.method == "cash"):
            pay_id, credit_id = new_id(), new_id()
            entries.append((credit_id, s, cid, "payment", -t.amount, bill_id, pay_id, number, at, None, shop.user_name))
            payments.append((pay_id, s, None, None, "sale", bill_id, cid, t.method, t.amount, t.amount, at, today,
                             shop.user_id, shop.user_name, credit_id, None, None))
            allocs.append((new_id(), s, cid, credit_id, charge_id, t.amount, at))
        con.executemany(_ENTRY, entries)
        if payments:
            con.executemany(_PAYMENT, payments)
            con.executemany(_ALLOC, allocs)
        chain.link(con, s, [("ledger_entries", [e[0] for e in entries]), ("allocations", [a[0] for a in allocs]),
                            ("bills", [bill_id]), ("payments", [p[0] for p in payments])])
        if pending:
            con.execute(_OPEN, (charge_id, s, cid, pending, due, at, bill_id))
        con.execute("UPDATE customers SET balance = balance + ?, visits = visits + 1, total_spent = total_spent + ?, "
                    "last_visit = ?" + (", last_payment_at = ?" if paid else "") + " WHERE id = ?",
                    (pending, sale.total, at, *((at,) if paid else ()), cid))
        con.executemany("UPDATE items SET sold_qty = sold_qty + ? WHERE id = ?",
                        [(ln.qty, ln.item_id) for ln in sale.lines if ln.item_id])
        if shop.printer_id:
            con.execute(_JOB, (new_id(), s, shop.printer_id, "sale", number, at, ts(datetime.now())))
        if own_tx:
            con.execute("COMMIT")
    except BaseException:
        if own_tx:
            con.execute("ROLLBACK")
        raise
    return number


def raw_collect(con: sqlite3.Connection, shop: Shop, customer_id: str, amount: int, method: str,
                now: datetime) -> str:
    """Collect ``amount`` from a customer, settled over the oldest open charges, in one committed transaction."""
    s, cid = shop.store_id, customer_id
    day = now.date()
    at, today = ts(now), day.isoformat()
    con.execute("BEGIN IMMEDIATE")
    try:
        previous = con.execute("SELECT balance FROM customers WHERE id = ?", (cid,)).fetchone()[0]
        seq = con.execute(_NEXT, (s, "RCP", day.year)).fetchone()[0]
        number = f"{shop.receipt_prefix}-{day.year % 100:02d}-{seq:04d}"
        pay_id, credit_id = new_id(), new_id()
        con.execute(_ENTRY, (credit_id, s, cid, "payment", -amount, None, pay_id, number, at, None, shop.user_name))
        con.execute(_PAYMENT, (pay_id, s, number, seq, "collection", None, cid, method, amount, amount, at, today,
                               shop.user_id, shop.user_name, credit_id, previous, previous - amount))
        charges = con.execute("SELECT entry_id, open_amount FROM open_items WHERE store_id = ? AND customer_id = ? "
                              "AND side = 'charge' ORDER BY due_date, posted_at, entry_id", (s, cid)).fetchall()
        allocs, gone, left = [], [], amount
        partial = None
        for entry_id, open_amount in charges:
            if not left:
                break
            take = min(left, open_amount)
            allocs.append((new_id(), s, cid, credit_id, entry_id, take, at))
            left -= take
            if take == open_amount:
                gone.append((entry_id,))
            else:
                partial = (open_amount - take, entry_id)
        con.executemany(_ALLOC, allocs)
        chain.link(con, s, [("ledger_entries", [credit_id]), ("allocations", [a[0] for a in allocs]),
                            ("payments", [pay_id])])
        if gone:
            con.executemany("DELETE FROM open_items WHERE entry_id = ?", gone)
        if partial:
            con.execute("UPDATE open_items SET open_amount = ? WHERE entry_id = ?", partial)
        con.execute("UPDATE customers SET balance = balance - ?, last_payment_at = ? WHERE id = ?", (amount, at, cid))
        if shop.printer_id:
            con.execute(_JOB, (new_id(), s, shop.printer_id, "collection", number, at, ts(datetime.now())))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return number


def lookup_floor_sql(term: str) -> tuple[str, tuple]:
    """The raw query that answers a search term the way ``customers.search_ids`` does (20 rows)."""

    term = " ".join(term.split())
    digits = re.sub(r"[\s\-+()]", "", term)
    cols = "c.id, c.name, c.phone, c.balance"
    if digits.isdigit() and digits.isascii():
        if digits.startswith("0") and not digits.startswith("00") and len(digits) > 4:
            digits = digits[1:]
        if len(digits) >= 3:
            return (f"SELECT {cols} FROM customers_fts f CROSS JOIN customers c ON c.rowid = f.rowid "
                    "WHERE customers_fts MATCH ? AND c.store_id = ? AND c.active = 1 LIMIT 20",
                    ('phone_digits:"' + digits + '"',))
        return (f"SELECT {cols} FROM customers c WHERE c.store_id = ? AND c.active = 1 "
                "AND c.phone_digits >= ? AND c.phone_digits < ? LIMIT 20", (digits, digits + "~"))
    key = term.casefold()
    if len(key) >= 3:
        return (f"SELECT {cols} FROM customers_fts f CROSS JOIN customers c ON c.rowid = f.rowid "
                "WHERE customers_fts MATCH ? AND c.store_id = ? AND c.active = 1 LIMIT 20",
                ('name:"' + term.replace('"', '""') + '"',))
    return (f"SELECT {cols} FROM customers c WHERE c.store_id = ? AND c.active = 1 "
            "AND c.name_key >= ? AND c.name_key < ? ORDER BY c.name_key LIMIT 20", (key, key + "\U0010ffff"))


def raw_lookup(con: sqlite3.Connection, store_id: str, term: str) -> list[tuple]:
    sql, args = lookup_floor_sql(term)
    if "MATCH" in sql:
        return con.execute(sql, (args[0], store_id)).fetchall()
    return con.execute(sql, (store_id, *args)).fetchall()
