"""The integrity check: every invariant of docs/architecture.md §3.2, as a list of findings (empty = sound).

Each check is a small function returning findings, in the spirit of beancount's
validation: the check never stops at the first problem and never writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from possuite.domain import quantity
from possuite.services.context import Context

#: A line's value since quantities are thousandths (book 0010): the one SQL rule, domain/quantity.py.
_LINE_VALUE = quantity.line_value_sql()


@dataclass(frozen=True)
class Finding:
    check: str
    subject: str
    message: str

    def as_json(self) -> dict:
        return {"check": self.check, "subject": self.subject, "message": self.message}

    def __str__(self) -> str:
        return f"[{self.check}] {self.subject}: {self.message}"


def _rows(conn: Connection, sql: str, store_id: str):
    return conn.execute(text(sql), {"s": store_id}).all()


def check_cached_balances(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        SELECT c.id, c.name, c.balance, COALESCE(l.total, 0) FROM customers c
        LEFT JOIN (SELECT customer_id, SUM(amount) AS total FROM ledger_entries WHERE store_id = :s
                   GROUP BY customer_id) l ON l.customer_id = c.id
        WHERE c.store_id = :s AND c.balance != COALESCE(l.total, 0)""", s)
    return [Finding("balance", f"customer {r[1]} ({r[0]})",
                    f"cached balance {r[2]} != ledger sum {r[3]}") for r in rows]


def check_allocation_bounds(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        SELECT e.id, e.document, e.kind, e.amount, COALESCE(a.total, 0) AS allocated FROM ledger_entries e
        LEFT JOIN (SELECT charge_entry_id AS eid, SUM(amount) AS total FROM allocations WHERE store_id = :s
                   GROUP BY charge_entry_id) a ON a.eid = e.id
        WHERE e.store_id = :s AND e.amount > 0 AND (COALESCE(a.total, 0) < 0 OR COALESCE(a.total, 0) > e.amount)
        UNION ALL
        SELECT e.id, e.document, e.kind, e.amount, COALESCE(a.total, 0) FROM ledger_entries e
        LEFT JOIN (SELECT credit_entry_id AS eid, SUM(amount) AS total FROM allocations WHERE store_id = :s
                   GROUP BY credit_entry_id) a ON a.eid = e.id
        WHERE e.store_id = :s AND e.amount < 0 AND (COALESCE(a.total, 0) < 0 OR COALESCE(a.total, 0) > -e.amount)
        """, s)
    return [Finding("allocation", f"{r[2]} {r[1]} ({r[0]})", f"allocated {r[4]} outside 0..{abs(r[3])}")
            for r in rows]


def check_open_items(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        WITH alloc AS (
            SELECT eid, SUM(amount) AS total FROM (
              SELECT charge_entry_id AS eid, amount FROM allocations WHERE store_id = :s
              UNION ALL SELECT credit_entry_id, amount FROM allocations WHERE store_id = :s) GROUP BY eid),
        expected AS (
            SELECT e.id, e.document, ABS(e.amount) - COALESCE(a.total, 0) AS open_amount FROM ledger_entries e
            LEFT JOIN alloc a ON a.eid = e.id WHERE e.store_id = :s AND e.amount != 0)
        SELECT x.id, x.document, x.open_amount, o.open_amount FROM expected x
        LEFT JOIN open_items o ON o.entry_id = x.id
        WHERE (x.open_amount > 0 AND (o.open_amount IS NULL OR o.open_amount != x.open_amount))
           OR (x.open_amount <= 0 AND o.entry_id IS NOT NULL)
        UNION ALL
        SELECT o.entry_id, '', NULL, o.open_amount FROM open_items o
        LEFT JOIN ledger_entries e ON e.id = o.entry_id WHERE o.store_id = :s AND (e.id IS NULL OR o.open_amount <= 0)
        """, s)
    return [Finding("open item", f"{r[1] or 'entry'} ({r[0]})", f"open amount {r[3]} but expected {r[2]}")
            for r in rows]


def check_open_items_match_balance(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        SELECT c.id, c.name, c.balance, COALESCE(o.net, 0) FROM customers c
        LEFT JOIN (SELECT customer_id, SUM(CASE WHEN side = 'charge' THEN open_amount ELSE -open_amount END) AS net
                   FROM open_items WHERE store_id = :s GROUP BY customer_id) o ON o.customer_id = c.id
        WHERE c.store_id = :s AND c.balance != COALESCE(o.net, 0)""", s)
    return [Finding("open items vs balance", f"customer {r[1]} ({r[0]})",
                    f"open charges − open credits = {r[3]} but balance is {r[2]}") for r in rows]


def check_bill_totals(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, f"""
        SELECT b.number, b.subtotal, b.discount, b.tax, b.total, b.retail_value, b.complimentary,
               l.gross, l.bill_discount, l.tax, l.amount, l.n, l.bad_lines
        FROM bills b LEFT JOIN (
            SELECT bill_id, SUM({_LINE_VALUE} - line_discount) AS gross, SUM(bill_discount) AS bill_discount,
                   SUM(tax) AS tax, SUM(amount) AS amount, COUNT(*) AS n,
                   SUM(CASE WHEN
                     (tax_inclusive = 0 AND (net != {_LINE_VALUE} - line_discount - bill_discount
                        OR tax != (2 * net * tax_rate_bp + 10000) / 20000 OR amount != net + tax))
                     OR (tax_inclusive = 1 AND (amount != {_LINE_VALUE} - line_discount - bill_discount
                        OR net != (2 * amount * 10000 + (10000 + tax_rate_bp)) / (2 * (10000 + tax_rate_bp))
                        OR tax != amount - net))
                   THEN 1 ELSE 0 END) AS bad_lines
            FROM bill_lines WHERE store_id = :s GROUP BY bill_id) l ON l.bill_id = b.id
        WHERE b.store_id = :s AND (l.n IS NULL OR l.bad_lines > 0 OR b.subtotal != l.gross
           OR b.discount != l.bill_discount OR b.tax != l.tax OR b.retail_value != l.amount
           OR b.total != CASE WHEN b.complimentary THEN 0 ELSE l.amount END)""", s)
    return [Finding("bill total", f"bill {r[0]}",
                    "has no lines" if r[11] is None else
                    f"{r[12]} line(s) do not recompute" if r[12] else
                    f"header (subtotal {r[1]}, discount {r[2]}, tax {r[3]}, total {r[4]}) != lines "
                    f"(subtotal {r[7]}, discount {r[8]}, tax {r[9]}, amount {r[10]})") for r in rows]


def check_bill_payments(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        SELECT b.number, b.total, b.previous_balance, p.paid FROM bills b
        JOIN (SELECT bill_id, SUM(amount) AS paid FROM payments WHERE store_id = :s AND kind = 'sale'
              GROUP BY bill_id) p ON p.bill_id = b.id
        JOIN stores st ON st.id = b.store_id
        WHERE b.store_id = :s AND st.allow_advances = 0
          AND p.paid > b.total + CASE WHEN b.previous_balance > 0 THEN b.previous_balance ELSE 0 END""", s)
    return [Finding("bill payments", f"bill {r[0]}",
                    f"payments {r[3]} exceed the bill {r[1]} plus older dues {max(r[2], 0)}") for r in rows]


def check_walk_in_fully_paid(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        SELECT b.number, b.total, COALESCE(p.paid, 0) FROM bills b
        LEFT JOIN (SELECT bill_id, SUM(amount) AS paid FROM payments WHERE store_id = :s AND kind = 'sale'
                   GROUP BY bill_id) p ON p.bill_id = b.id
        WHERE b.store_id = :s AND b.customer_id IS NULL AND b.complimentary = 0
          AND (COALESCE(p.paid, 0) != b.total OR b.outcome NOT IN ('paid'))""", s)
    return [Finding("pending without customer", f"bill {r[0]}",
                    f"walk-in bill of {r[1]} has {r[2]} paid; pending needs a named customer") for r in rows]


def _gapless(conn: Connection, s: str, table: str, label: str, where: str = "") -> list[Finding]:
    # One counter per series and year, whatever prefix the store used (it may change the prefix mid-year).
    rows = conn.execute(text(f"""
        SELECT CAST(strftime('%Y', business_date) AS INTEGER) AS y,
               COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq), COUNT(DISTINCT number)
        FROM {table} WHERE store_id = :s {where} GROUP BY y"""), {"s": s}).all()
    out = []
    for year, n, distinct, lo, hi, distinct_numbers in rows:
        if n != distinct or n != distinct_numbers:
            dupes = n - min(distinct, distinct_numbers)
            out.append(Finding("numbering", f"{label} {year}", f"{dupes} duplicate number(s)"))
        if lo != 1 or hi != n:
            out.append(Finding("numbering", f"{label} {year}",
                               f"numbers run {lo}..{hi} over {n} documents: there are gaps"))
    return out


def check_numbering(conn: Connection, s: str) -> list[Finding]:
    # Demo documents number in their own DEMO series (services.demo) and may be partly removed.
    return (_gapless(conn, s, "bills", "invoices", "AND is_demo = 0")
            + _gapless(conn, s, "payments", "receipts", "AND kind = 'collection' AND is_demo = 0")
            + _gapless(conn, s, "adjustments", "adjustments", "AND is_demo = 0"))


def check_customer_stats(conn: Connection, s: str) -> list[Finding]:
    rows = _rows(conn, """
        SELECT c.id, c.name, c.visits, c.total_spent, COALESCE(b.n, 0), COALESCE(b.spent, 0) FROM customers c
        LEFT JOIN (SELECT customer_id, COUNT(*) AS n, SUM(total) AS spent FROM bills
                   WHERE store_id = :s AND voided_at IS NULL GROUP BY customer_id) b ON b.customer_id = c.id
        WHERE c.store_id = :s AND (c.visits != COALESCE(b.n, 0) OR c.total_spent != COALESCE(b.spent, 0))""", s)
    return [Finding("customer stats", f"customer {r[1]} ({r[0]})",
                    f"visits/total spent {r[2]}/{r[3]} but bills say {r[4]}/{r[5]}") for r in rows]


CHECKS: list[Callable[[Connection, str], list[Finding]]] = [
    check_cached_balances,
    check_allocation_bounds,
    check_open_items,
    check_open_items_match_balance,
    check_bill_totals,
    check_bill_payments,
    check_walk_in_fully_paid,
    check_numbering,
    check_customer_stats,
]


def run_checks(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    with ctx.read() as conn:
        for check in CHECKS:
            findings.extend(check(conn, ctx.store_id))
    return findings
