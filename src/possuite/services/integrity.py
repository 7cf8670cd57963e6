"""The integrity check: every invariant of docs/architecture.md §3.2, as a list of findings (empty = sound).

Each check is a small function returning findings, in the spirit of beancount's
validation: the check never stops at the first problem and never writes.

Speed (a shop's book grows to millions of rows): every pass reads a table once in storage
order (``+store_id`` keeps SQLite from walking a store index and looking every row up) or a
covering index in key order (see the indexes' comments in ``db.models``); per-entry sums are
taken once for both allocation checks; the checks run on two connections at once.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, text

from possuite.child_process import start_flags
from possuite.domain import quantity
from possuite.domain.cart import line_off_sql
from possuite.services import audit, chain, ledger, seals
from possuite.services.context import Context
from possuite.services.permissions import REBUILD, require

#: A line's value (price × quantity, rounded once): domain/quantity.py::line_value_sql.
_LINE_VALUE = quantity.line_value_sql()
# a stored line that does not recompute (its value, tax, cess or amount)
_LINE_OFF = line_off_sql("tax_inclusive = 0", "tax_inclusive = 1")


@dataclass(frozen=True)
class Finding:
    check: str
    subject: str
    message: str

    def as_json(self) -> dict:
        return {"check": self.check, "subject": self.subject, "message": self.message}

    def __str__(self) -> str:
        return f"[{self.check}] {self.subject}: {self.message}"


@dataclass(frozen=True)
class Scope:
    """What the incremental check looks at (``run_incremental``): the customers and bills that rows
    written since the last seal touch, and where the sealed rows end (``services/seals.py``)."""

    customers: tuple[str, ...]
    bills: tuple[str, ...]
    marks: dict[str, int]
    entries: tuple[str, ...] = ()    # entries new since the last seal, or named by an allocation that is

    def params(self) -> dict:
        return dict(self._params)

    @functools.cached_property
    def _params(self) -> dict:
        """Made once: every check of a run binds them (the bench's day: about 5,000 ids, 0.5-1 ms each time)."""
        return {"cids": json.dumps(self.customers), "bids": json.dumps(self.bills), "eids": json.dumps(self.entries)}


_CIDS = "(SELECT value FROM json_each(:cids))"
_BIDS = "(SELECT value FROM json_each(:bids))"
_EIDS = "(SELECT value FROM json_each(:eids))"


def _only(only: Scope | None, column: str, ids: str = _CIDS) -> str:
    """The SQL that keeps a check to the scope's customers (or bills, ``ids=_BIDS``); nothing for the full
    check."""
    return "" if only is None else f" AND {column} IN {ids}"


def _rows(conn: Connection, sql: str, store_id: str, only: Scope | None = None):
    return conn.execute(text(sql), {"s": store_id, **(only.params() if only is not None else {})}).all()


#: The incremental check's ledger sums: a customer with a usable state (``check_states``, docs/architecture.md
#: §3.5) sums its state's balance, its entries posted after the state's time (a range of the covering index) and
#: those written since the seals but posted before it; any other customer, all of its entries.
_BALANCES_SINCE = f"""
    WITH st(cid, t, b) AS MATERIALIZED (
        SELECT s.customer_id, s.posted_at, s.balance FROM (
            SELECT value AS cid, (SELECT max(seq) FROM check_states WHERE store_id = :s AND customer_id = value) AS q
            FROM json_each(:cids)) l
        CROSS JOIN check_states s WHERE s.store_id = :s AND s.seq = l.q AND s.customer_id = l.cid
          AND s.open IS NOT NULL),
    late(cid, amt) AS MATERIALIZED (
        SELECT e.customer_id, SUM(e.amount) FROM ledger_entries e CROSS JOIN st
        WHERE e.rowid > :entries AND +e.store_id = :s AND st.cid = e.customer_id AND e.posted_at <= st.t
        GROUP BY e.customer_id),
    x AS MATERIALIZED (
        SELECT c.id, c.name, c.balance,
               CASE WHEN st.cid IS NULL THEN (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e
                                              WHERE e.store_id = :s AND e.customer_id = c.id)
                    ELSE st.b + COALESCE(late.amt, 0) + (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e
                         WHERE e.store_id = :s AND e.customer_id = c.id AND e.posted_at > st.t) END AS total
        FROM customers c LEFT JOIN st ON st.cid = c.id LEFT JOIN late ON late.cid = c.id
        WHERE +c.store_id = :s AND c.id IN {_CIDS})
    SELECT id, name, balance, total FROM x WHERE balance != total"""


def check_cached_balances(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    if only is not None and ledger.MAKE_STATES and conn.dialect.name == "sqlite":
        rows = conn.execute(text(_BALANCES_SINCE), {**only.params(), "s": s, "entries": only.marks["entries"]}).all()
        return [Finding("balance", f"customer {r[1]} ({r[0]})",
                        f"cached balance {r[2]} != ledger sum {r[3]}") for r in rows]
    rows = _rows(conn, f"""
        SELECT c.id, c.name, c.balance, COALESCE(l.total, 0) FROM customers c
        LEFT JOIN (SELECT customer_id, SUM(amount) AS total FROM ledger_entries WHERE store_id = :s
                   {_only(only, "customer_id")} GROUP BY customer_id) l ON l.customer_id = c.id
        WHERE {_customers(only)} AND c.balance != COALESCE(l.total, 0)""", s, only)
    return [Finding("balance", f"customer {r[1]} ({r[0]})",
                    f"cached balance {r[2]} != ledger sum {r[3]}") for r in rows]


def check_allocations(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """Allocation bounds and open items (invariants 2 and 3, docs/architecture.md §3.2), in one pass.

    Per entry: what is allocated to it as a charge and as a credit (two covering-index sums), and its
    open item. A charge's allocations must stay within 0..amount, a credit's within 0..−amount; the open
    item must hold |amount| − everything allocated to the entry (no row when nothing is open).
    """
    # Incremental: the entries whose allocations can have moved since the last seal (new entries, and those
    # a new allocation names); every other entry's allocations are sealed rows.
    entries = "+e.store_id = :s" if only is None else f"+e.store_id = :s AND e.id IN {_EIDS}"
    rows = _rows(conn, f"""
        WITH x AS MATERIALIZED (
            SELECT e.id, e.document, e.kind, e.amount,
                   (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a
                     WHERE a.charge_entry_id = e.id AND a.store_id = :s) AS ch,
                   (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a
                     WHERE a.credit_entry_id = e.id AND a.store_id = :s) AS cr,
                   o.entry_id AS oid, o.open_amount AS have
            FROM ledger_entries e LEFT JOIN open_items o ON o.entry_id = e.id
            WHERE {entries})
        SELECT id, document, kind, amount, ch, cr, oid, have FROM x
        WHERE (amount > 0 AND (ch < 0 OR ch > amount)) OR (amount < 0 AND (cr < 0 OR cr > -amount))
           OR (amount != 0 AND ((ABS(amount) - ch - cr > 0 AND (have IS NULL OR have != ABS(amount) - ch - cr))
                                OR (ABS(amount) - ch - cr <= 0 AND oid IS NOT NULL)))""", s, only)
    bounds, opened = [], []
    for eid, document, kind, amount, ch, cr, oid, have in rows:
        if amount > 0 and (ch < 0 or ch > amount):
            bounds.append(Finding("allocation", f"{kind} {document} ({eid})", f"allocated {ch} outside 0..{amount}"))
        if amount < 0 and (cr < 0 or cr > -amount):
            bounds.append(Finding("allocation", f"{kind} {document} ({eid})", f"allocated {cr} outside 0..{-amount}"))
        expected = abs(amount) - ch - cr
        if amount and ((expected > 0 and (have is None or have != expected)) or (expected <= 0 and oid is not None)):
            opened.append(Finding("open item", f"{document or 'entry'} ({eid})",
                                  f"open amount {have} but expected {expected}"))
    stale = _rows(conn, f"""
        SELECT o.entry_id, '', NULL, o.open_amount FROM open_items o
        LEFT JOIN ledger_entries e ON e.id = o.entry_id WHERE o.store_id = :s {_only(only, "o.customer_id")}
          AND (e.id IS NULL OR o.open_amount <= 0)""", s, only)
    opened += [Finding("open item", f"{r[1] or 'entry'} ({r[0]})", f"open amount {r[3]} but expected {r[2]}")
               for r in stale]
    return bounds + opened


def check_allocation_bounds(conn: Connection, s: str) -> list[Finding]:
    return [f for f in check_allocations(conn, s) if f.check == "allocation"]


def check_open_items(conn: Connection, s: str) -> list[Finding]:
    return [f for f in check_allocations(conn, s) if f.check == "open item"]


def check_open_items_match_balance(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    rows = _rows(conn, f"""
        SELECT c.id, c.name, c.balance, COALESCE(o.net, 0) FROM customers c
        LEFT JOIN (SELECT customer_id, SUM(CASE WHEN side = 'charge' THEN open_amount ELSE -open_amount END) AS net
                   FROM open_items WHERE store_id = :s {_only(only, "customer_id")} GROUP BY customer_id) o
               ON o.customer_id = c.id
        WHERE {_customers(only)} AND c.balance != COALESCE(o.net, 0)""", s, only)
    return [Finding("open items vs balance", f"customer {r[1]} ({r[0]})",
                    f"open charges − open credits = {r[3]} but balance is {r[2]}") for r in rows]


def _bills(only: Scope | None) -> str:
    """The bills a check reads: all of the store's in storage order, or the scope's by id (``+`` keeps
    SQLite from walking the store's index over every bill)."""
    return "+b.store_id = :s" if only is None else f"+b.store_id = :s AND b.id IN {_BIDS}"


def _customers(only: Scope | None) -> str:
    """The customers a check reads: all of the store's, or the scope's by id (see ``_bills``)."""
    return "c.store_id = :s" if only is None else f"+c.store_id = :s AND c.id IN {_CIDS}"


def check_bill_totals(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    rows = _rows(conn, f"""
        SELECT b.number, b.subtotal, b.discount, b.tax, b.total, b.retail_value, b.complimentary,
               l.gross, l.bill_discount, l.tax, l.amount, l.n, l.bad_lines
        FROM bills b LEFT JOIN (
            SELECT bill_id, SUM({_LINE_VALUE} - line_discount) AS gross, SUM(bill_discount) AS bill_discount,
                   SUM(tax) AS tax, SUM(amount) AS amount, COUNT(*) AS n,
                   SUM(CASE WHEN {_LINE_OFF}
                   THEN 1 ELSE 0 END) AS bad_lines
            FROM bill_lines WHERE store_id = :s {_only(only, "bill_id", _BIDS)} GROUP BY bill_id) l ON l.bill_id = b.id
        WHERE {_bills(only)} AND (l.n IS NULL OR l.bad_lines > 0 OR b.subtotal != l.gross
           OR b.discount != l.bill_discount OR b.tax != l.tax OR b.retail_value != l.amount
           OR b.total != CASE WHEN b.complimentary THEN 0 ELSE l.amount END)""", s, only)
    return [Finding("bill total", f"bill {r[0]}",
                    "has no lines" if r[11] is None else
                    f"{r[12]} line(s) do not recompute" if r[12] else
                    f"header (subtotal {r[1]}, discount {r[2]}, tax {r[3]}, total {r[4]}) != lines "
                    f"(subtotal {r[7]}, discount {r[8]}, tax {r[9]}, amount {r[10]})") for r in rows]


def check_bill_payments(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    rows = _rows(conn, f"""
        SELECT b.number, b.total, b.previous_balance, p.paid FROM bills b
        JOIN (SELECT bill_id, SUM(amount) AS paid FROM payments WHERE store_id = :s AND kind = 'sale'
              {_only(only, "bill_id", _BIDS)} GROUP BY bill_id) p ON p.bill_id = b.id
        JOIN stores st ON st.id = b.store_id
        WHERE {_bills(only)} AND st.allow_advances = 0
          AND p.paid > b.total + CASE WHEN b.previous_balance > 0 THEN b.previous_balance ELSE 0 END""", s, only)
    return [Finding("bill payments", f"bill {r[0]}",
                    f"payments {r[3]} exceed the bill {r[1]} plus older dues {max(r[2], 0)}") for r in rows]


def check_walk_in_fully_paid(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    # Only walk-in bills need their payments summed: one covering-index lookup each.
    rows = _rows(conn, f"""
        WITH w AS MATERIALIZED (
            SELECT b.number, b.total, b.outcome,
                   (SELECT COALESCE(SUM(p.amount), 0) FROM payments p
                     WHERE p.store_id = :s AND p.bill_id = b.id AND p.kind = 'sale') AS paid
            FROM bills b WHERE {_bills(only)} AND b.customer_id IS NULL AND b.complimentary = 0)
        SELECT number, total, paid FROM w WHERE paid != total OR outcome NOT IN ('paid')""", s, only)
    return [Finding("pending without customer", f"bill {r[0]}",
                    f"walk-in bill of {r[1]} has {r[2]} paid; pending needs a named customer") for r in rows]


def _numbered(table: str, where: str) -> str:
    """Each numbered document's year, counter, number and series key (see ``_gapless``)."""
    return f"""
            SELECT y, seq, number,
                   CASE WHEN :code = '' THEN ''
                        WHEN number GLOB '*-' || :code || '-[0-9][0-9]-[0-9][0-9][0-9][0-9]*' THEN '-'
                        WHEN head GLOB '?*-[A-Z0-9]' OR head GLOB '?*-[A-Z0-9][A-Z0-9]'
                             OR head GLOB '?*-[A-Z0-9][A-Z0-9][A-Z0-9]' THEN head
                        ELSE '' END AS series
            FROM (SELECT CAST(strftime('%Y', business_date) AS INTEGER) AS y, seq, number,
                         substr(number, 1, length(number) - 4 - max(4, length(CAST(seq AS TEXT)))) AS head
                  FROM {table} WHERE +store_id = :s {where})"""


def _series_name(label: str, code: str, year: int, key: str) -> str:
    return (f"{label} of till {code} {year}" if key == "-" else
            f"{label} {key} {year}" if key else f"{label} {year}")


def _gapless(conn: Connection, s: str, table: str, label: str, where: str = "", code: str = "") -> list[Finding]:
    # One counter per series and year, whatever prefix the store used (it may change the prefix mid-year);
    # a registered till's numbers (``SAL-A-26-0042``: its code before the year) are a series of their own,
    # and so is each other till's series that the pull brought in (``SAL-B-…``: keyed by the number before
    # ``-YY-NNNN``, which ends in that till's code), so they never mix with this book's single-till numbers.
    rows = conn.execute(text(f"""
        SELECT y, series, COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq), COUNT(DISTINCT number)
        FROM ({_numbered(table, where)}) GROUP BY y, series"""), {"s": s, "code": code}).all()
    out = []
    for year, key, n, distinct, lo, hi, distinct_numbers in rows:
        series = _series_name(label, code, year, key)
        if n != distinct or n != distinct_numbers:
            dupes = n - min(distinct, distinct_numbers)
            out.append(Finding("numbering", series, f"{dupes} duplicate number(s)"))
        if lo != 1 or hi != n:
            out.append(Finding("numbering", series, f"numbers run {lo}..{hi} over {n} documents: there are gaps"))
    return out


def _gapless_since(conn: Connection, s: str, table: str, label: str, where: str, code: str,
                   after: int) -> list[Finding]:
    """``_gapless`` for the documents written after rowid ``after`` (the incremental check): in each series
    they are distinct, consecutive, and continue from a number the book holds. Where a series seems to
    start anew (the store changed its prefix mid-year), the whole table is checked as the full check does."""
    rows = conn.execute(text(f"SELECT y, series, seq, number FROM ({_numbered(table, where + ' AND rowid > :after')})"),
                        {"s": s, "code": code, "after": after}).all()
    groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for y, key, seq, number in rows:
        groups.setdefault((y, key), []).append((seq, number))
    out = []
    for (year, key), docs in groups.items():
        series = _series_name(label, code, year, key)
        seqs = sorted(q for q, _n in docs)
        lo, hi, n = seqs[0], seqs[-1], len(docs)
        if len(set(seqs)) != n or len({num for _q, num in docs}) != n:
            out.append(Finding("numbering", series, f"{n - min(len(set(seqs)), len({num for _q, num in docs}))} "
                                                    "duplicate number(s)"))
        if hi - lo + 1 != n:
            out.append(Finding("numbering", series, f"numbers run {lo}..{hi} over {n} documents: there are gaps"))
        if lo > 1:
            first = next(num for q, num in docs if q == lo)
            digits = len(first) - len(first.rstrip("0123456789"))
            before = f"{first[:len(first) - digits]}{lo - 1:04d}"
            held = conn.execute(text(f"SELECT 1 FROM {table} WHERE store_id = :s AND number = :n AND rowid <= :after"),
                                {"s": s, "n": before, "after": after}).first()
            if held is None:
                return _gapless(conn, s, table, label, where, code)
    return out


def check_numbering(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    # Demo documents number in their own DEMO series (services.demo) and may be partly removed.
    code = conn.execute(text("SELECT code FROM sync_till WHERE store_id = :s"), {"s": s}).scalar() or ""
    if only is None:
        bills = _gapless(conn, s, "bills", "invoices", "AND is_demo = 0", code)
        receipts = _gapless(conn, s, "payments", "receipts", "AND kind = 'collection' AND is_demo = 0", code)
    else:   # bills and payments are sealed: only the new ones; adjustments and credit notes are few
        bills = _gapless_since(conn, s, "bills", "invoices", "AND is_demo = 0", code, only.marks["bills"])
        receipts = _gapless_since(conn, s, "payments", "receipts", "AND kind = 'collection' AND is_demo = 0", code,
                                  only.marks["payments"])
    return (bills + receipts
            + _gapless(conn, s, "adjustments", "adjustments", "AND is_demo = 0", code)
            + _gapless(conn, s, "credit_notes", "credit notes", "AND is_demo = 0", code))


def check_returned_within_sold(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """Invariant 8: no bill line is returned beyond what was sold (across all its credit notes)."""
    # The bill's number only for the lines found (a lookup of every returned line's bill cost as much again).
    rows = _rows(conn, """
        WITH x AS MATERIALIZED (
            SELECT l.bill_id, l.position, l.description, l.qty, r.q, r.bad, l.unit, l.pack_size FROM (
                SELECT bill_line_id, SUM(qty) AS q, SUM(CASE WHEN qty <= 0 THEN 1 ELSE 0 END) AS bad
                FROM credit_note_lines WHERE store_id = :s GROUP BY bill_line_id) r
            JOIN bill_lines l ON l.id = r.bill_line_id
            WHERE r.q > l.qty OR r.bad > 0)
        SELECT b.number, x.position, x.description, x.qty, x.q, x.bad, x.unit, x.pack_size
        FROM x JOIN bills b ON b.id = x.bill_id""", s)
    return [Finding("returns", f"bill {r[0]} line {r[1]} ({r[2]})",
                    f"returned {quantity.format_quantity(r[4], r[6], r[7])} of "
                    f"{quantity.format_quantity(r[3], r[6], r[7])} sold"
                    + (" (a returned quantity of zero or less)" if r[5] else ""))
            for r in rows]


def check_credit_note_totals(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """Invariant 9: a credit note's figures == its lines; where its total went adds up to it."""
    rows = _rows(conn, """
        SELECT n.number, n.net, n.tax, n.retail_value, n.total, l.net, l.tax, l.amount, l.n, l.bad,
               n.to_bill + n.to_dues + n.to_account + n.refunded
        FROM credit_notes n LEFT JOIN (
            SELECT credit_note_id, SUM(net) AS net, SUM(tax) AS tax, SUM(amount) AS amount, COUNT(*) AS n,
                   SUM(CASE WHEN net + tax != amount THEN 1 ELSE 0 END) AS bad
            FROM credit_note_lines WHERE store_id = :s GROUP BY credit_note_id) l ON l.credit_note_id = n.id
        WHERE n.store_id = :s AND (l.n IS NULL OR l.bad > 0 OR n.net != l.net OR n.tax != l.tax
           OR n.retail_value != l.amount OR n.total != CASE WHEN n.complimentary THEN 0 ELSE l.amount END
           OR n.to_bill + n.to_dues + n.to_account + n.refunded != n.total)""", s)
    out = []
    for r in rows:
        if r[8] is None:
            why = "has no lines"
        elif r[9]:
            why = f"{r[9]} line(s) where value + tax != amount"
        elif r[10] != r[4]:
            why = f"total {r[4]} but to the bill, dues, account and refunded add up to {r[10]}"
        else:
            why = (f"header (value {r[1]}, tax {r[2]}, amount {r[3]}, total {r[4]}) != lines "
                   f"(value {r[5]}, tax {r[6]}, amount {r[7]})")
        out.append(Finding("credit note total", f"credit note {r[0]}", why))
    return out


def check_void_bills_not_returned(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """Invariant 11: no credit note against a void bill. A till refuses either after the other; two tills
    offline may do both (one voids, the other takes a return): both are kept and flagged (§7). Always the
    whole store, like the other credit-note checks (one join over the credit notes)."""
    # From the void bills (a partial index, ``ix_bills_void``, 0022) to their notes: a handful of lookups, not
    # one lookup of a bill per credit note. (A book upgraded to 0022 before the index joined it has none: there
    # the notes are walked as before.)
    # The hub's back office runs this check on PostgreSQL too (``hub/checks.py``): no ``sqlite_master``, no
    # ``INDEXED BY`` there.
    indexed = conn.dialect.name == "sqlite" and conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'ix_bills_void'")).first() is not None
    rows = _rows(conn, """
        SELECT b.number, COUNT(*), MIN(n.number) FROM bills b INDEXED BY ix_bills_void
        CROSS JOIN credit_notes n INDEXED BY ix_credit_notes_store_bill
        WHERE b.voided_at IS NOT NULL AND n.store_id = :s AND n.bill_id = b.id
        GROUP BY b.id, b.number ORDER BY b.number""" if indexed else """
        SELECT b.number, COUNT(*), MIN(n.number) FROM credit_notes n JOIN bills b ON b.id = n.bill_id
        WHERE n.store_id = :s AND b.voided_at IS NOT NULL GROUP BY b.id, b.number ORDER BY b.number""", s)
    return [Finding("returns", f"bill {r[0]}", f"is void, yet {r[1]} credit note(s) returned it ({r[2]}): "
                                                 "its value went back twice") for r in rows]


def check_customer_stats(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    rows = _rows(conn, f"""
        SELECT c.id, c.name, c.visits, c.total_spent, COALESCE(b.n, 0),
               COALESCE(b.spent, 0) - COALESCE(r.returned, 0) FROM customers c
        LEFT JOIN (SELECT customer_id, COUNT(*) AS n, SUM(total) AS spent FROM bills
                   WHERE store_id = :s AND voided_at IS NULL {_only(only, "customer_id")} GROUP BY customer_id) b
               ON b.customer_id = c.id
        LEFT JOIN (SELECT customer_id, SUM(total) AS returned FROM credit_notes
                   WHERE store_id = :s AND customer_id IS NOT NULL {_only(only, "customer_id")} GROUP BY customer_id) r
               ON r.customer_id = c.id
        WHERE {_customers(only)} AND (c.visits != COALESCE(b.n, 0)
                                      OR c.total_spent != COALESCE(b.spent, 0) - COALESCE(r.returned, 0))""",
                 s, only)
    return [Finding("customer stats", f"customer {r[1]} ({r[0]})",
                    f"visits/total spent {r[2]}/{r[3]} but bills say {r[4]}/{r[5]}") for r in rows]


def check_seals(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """The sealed days' chain is intact (docs/architecture.md §3.5). Reading the sealed days back against
    their rows costs about as much as the rest of the check together at shop scale: the incremental check
    reads a few back each run (``run_incremental``), the scheduled full check all of them
    (``run_scheduled_full``)."""
    chain = seals.seals(conn, s)
    return [Finding("seal", subject, message) for subject, message in seals.chain_problems(conn, s, chain)]


def check_chain(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """The tamper-evident chain (docs/architecture.md §3.6, ``services/chain.py``): the first row of each
    till's chain that was changed, deleted or inserted out of order, and rows in no chain. Incremental:
    this till's chain from the rows written since the last seal."""
    return [Finding("chain", p.subject, p.message)
            for p in chain.problems(conn, s, None if only is None else only.marks)]


def check_projection(conn: Connection, s: str, only: Scope | None = None) -> list[Finding]:
    """The cache (allocations, open items, balance) equals the projection recomputed from the entries."""
    states: list = []   # the full check: every stored state against the replay at its point (§3.5)
    diffs = (ledger.differences(conn, s, states=states if conn.dialect.name == "sqlite" else None)
             if only is None else ledger.differences_since(conn, s, only.customers, only.marks))
    return [Finding("projection", f"customer {d.name} ({d.customer_id})",
                    f"cache differs from recomputation: {d.describe()}") for d in diffs] + _state_findings(states)


def _ledger_since(conn: Connection, s: str, only: Scope) -> tuple[list[Finding], list[Finding]]:
    """The incremental check's invariants 1 and 7 for the touched customers in one pass (``run_incremental``):
    the ledger sums come from what the replay reads (``ledger.differences_since(totals=…)``: a state's balance and
    the entries after it, or every entry), the findings as ``check_cached_balances`` and ``check_projection``
    make them. Saves the balance check's second read of the customers' states and entries (the bench's day: 22 ms
    of 300)."""
    totals: dict[str, int] = {}
    rows: list = []
    diffs = ledger.differences_since(conn, s, only.customers, only.marks, totals, rows)
    if not rows and only.customers:   # not on SQLite: read here
        rows = conn.execute(text(f"SELECT id, name, balance FROM customers c WHERE {_customers(only)}"),
                            {"s": s, **only.params()}).all()
    balances = [Finding("balance", f"customer {name} ({cid})",
                        f"cached balance {balance} != ledger sum {totals.get(cid, 0)}")
                for cid, name, balance in sorted(rows) if balance != totals.get(cid, 0)]
    return balances, [Finding("projection", f"customer {d.name} ({d.customer_id})",
                              f"cache differs from recomputation: {d.describe()}") for d in diffs]


def _state_findings(problems) -> list[Finding]:
    """Stored states that differ from the replay (``ledger.differences(states=…)``), naming customer and seal."""
    return [Finding("state", f"customer {name} ({cid})", f"the state stored with seal {seq}: {why}")
            for cid, name, seq, why in problems]


CHECKS: list[Callable[[Connection, str], list[Finding]]] = [
    check_cached_balances,
    check_allocations,  # allocation bounds, then open items
    check_open_items_match_balance,
    check_bill_totals,
    check_bill_payments,
    check_walk_in_fully_paid,
    check_numbering,
    check_customer_stats,
    check_projection,
    check_returned_within_sold,
    check_credit_note_totals,
    check_void_bills_not_returned,
    check_seals,
    check_chain,
]


#: The heaviest checks first, so two connections finish together.
_BY_COST = (check_allocations, check_projection, check_seals, check_bill_totals, check_bill_payments,
            check_customer_stats, check_numbering, check_cached_balances, check_walk_in_fully_paid,
            check_open_items_match_balance, check_returned_within_sold, check_credit_note_totals,
            check_void_bills_not_returned)
WORKERS = 2
#: Page cache (KiB) for a checking connection while it runs; restored afterwards.
CHECK_CACHE_KIB = 65536


def _by_cost() -> list[int]:
    """Positions in ``CHECKS``, heaviest first (a check not in ``_BY_COST`` first: its cost is unknown)."""
    return sorted(range(len(CHECKS)), key=lambda i: _BY_COST.index(CHECKS[i]) if CHECKS[i] in _BY_COST else -1)


def _shared(ctx: Context, tasks: list[Callable[[Connection], list]], conn: Connection | None = None,
            first: int | None = None) -> list[list]:
    """Run ``tasks`` (each reads through the connection it is given) on ``WORKERS`` read connections at once.

    The caller's thread takes ``conn`` when given (its snapshot already taken: the others are opened after
    it, so they see the same rows or later ones), else one of its own. Each task runs whole on one
    connection, so it proves what that snapshot holds (rows are only ever added). ``first``: the caller's
    thread takes ``tasks[:first]`` in order and one other lane the rest (two lanes), each then the other's last
    task left (but ``tasks[0]``, which reads in the caller's snapshot); else each takes the next. Results in the
    order of ``tasks``; the first error is raised."""
    lanes = [list(range(first)), list(range(first, len(tasks)))] if first is not None else [list(range(len(tasks)))]
    lock = threading.Lock()
    results: dict[int, list] = {}
    errors: list[BaseException] = []

    def drain(c: Connection, lane: int = 0) -> None:
        mine, other = lanes[lane % len(lanes)], lanes[(lane + 1) % len(lanes)]
        while not errors:
            with lock:
                if mine:
                    i = mine.pop(0)
                elif other and (lane == 0 or other[-1] != 0):   # the caller's first task stays its own
                    i = other.pop()
                else:
                    return
            results[i] = tasks[i](c)

    def work(c: Connection | None = None, lane: int = 0) -> None:
        try:
            if c is not None:
                drain(c, lane)
                return
            with ctx.read() as own:
                before = own.exec_driver_sql("PRAGMA cache_size").scalar()
                own.exec_driver_sql(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
                try:
                    drain(own, lane)
                finally:
                    own.exec_driver_sql(f"PRAGMA cache_size={int(before)}")
        except BaseException as exc:  # handed to the caller below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(None, n + 1), name=f"possuite-check-{n}", daemon=True)
               for n in range(min(WORKERS, len(tasks) if first is None else 2) - 1)]
    for t in threads:
        t.start()
    work(conn)
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(tasks))]


def run_checks(ctx: Context) -> list[Finding]:
    """Every check over the store's whole book; findings in ``CHECKS`` order (empty = sound).

    The work is cut into tasks (``_tasks``: each check, the chain's streams in parts, the projection in
    customer ranges) run on two lanes at once: this process and, for a book in a file, a second process
    (``_Child``: the two cores, which threads cannot use for the Python parts), or a second thread."""
    s = ctx.store_id
    with ctx.read() as conn:
        tasks = _tasks(conn, s)
        rows = sum(r[0] for r in conn.exec_driver_sql("SELECT seq FROM chain_heads WHERE store_id = ?", (s,)))
    path = _book_file(ctx) if PROCESSES and WORKERS > 1 and rows >= PROCESS_ROWS else None
    child = _Child(path, s, bool(getattr(ctx.engine, "read_only", False))) if path is not None else None
    results = _lanes(ctx, tasks, child)
    return _assemble(ctx, tasks, results)


# ---------------------------------------------------------------- the full check's tasks and lanes

#: The full check's second lane is a process (else a thread of this one).
PROCESSES = True
#: Chained rows from which the second lane is a process (below, starting one costs more than it saves).
PROCESS_ROWS = 200_000
#: Parts of each chain stream and customer ranges of the projection (the lanes' grain).
CHAIN_PARTS = 4
PROJECTION_PARTS = 4
#: Customers per projection part at least (a small book is one part).
PART_CUSTOMERS = 5_000
#: The CPU seconds each task took at shop scale (``percheck``, README): the heaviest first, so the lanes
#: finish together.
_COST = {"check_allocations": 4.0, "check_bill_totals": 4.0, "check_numbering": 2.0, "check_bill_payments": 1.0,
         "check_cached_balances": 0.6, "check_walk_in_fully_paid": 0.4, "check_customer_stats": 0.35,
         "check_open_items_match_balance": 0.1, "chain:ledger": 20.0, "chain:allocations": 5.0, "projection": 16.0}


def _tasks(conn: Connection, s: str) -> list[list]:
    """The full check's tasks, heaviest first: ``["check", i]`` (``CHECKS[i]`` but the chain and the
    projection), ``["chain", stream, lo, hi]`` (``chain.parts``), ``["chain-rest"]`` and ``["projection",
    lo, hi]`` (customer id ranges). Plain data: a task can be sent to another process."""
    out: list[tuple[float, list]] = []
    for i, check in enumerate(CHECKS):
        if check is check_chain:
            streams = chain.parts(conn, s, CHAIN_PARTS)
            for stream, lo, hi in streams:
                n = sum(1 for x in streams if x[0] == stream)
                out.append((_COST[f"chain:{stream}"] / n, ["chain", stream, lo, hi]))
            out.append((0.2, ["chain-rest"]))
        elif check is check_projection:
            total = conn.execute(text("SELECT count(*) FROM customers WHERE store_id = :s"), {"s": s}).scalar() or 0
            k = max(1, min(PROJECTION_PARTS, total // PART_CUSTOMERS))
            cuts = [conn.execute(text("SELECT id FROM customers WHERE store_id = :s ORDER BY id LIMIT 1 OFFSET :n"),
                                 {"s": s, "n": total * j // k}).scalar() for j in range(1, k)]
            bounds = [None, *cuts, None]
            out += [(_COST["projection"] / k, ["projection", bounds[j], bounds[j + 1]]) for j in range(k)]
        else:
            out.append((_COST.get(check.__name__, 5.0), ["check", i]))
    return [t for _cost, t in sorted(out, key=lambda x: -x[0])]


def _run_task(conn: Connection, s: str, task: list):
    """One task on ``conn`` (its own snapshot), as plain data."""
    kind = task[0]
    if kind == "check":
        return [[f.check, f.subject, f.message] for f in CHECKS[task[1]](conn, s)]
    if kind == "chain":
        return chain.part(conn, s, task[1], task[2], task[3])
    if kind == "chain-rest":
        return [[p.table, p.row_id, p.till, p.seq, p.message] for p in chain.rest(conn, s)]
    if kind == "projection":
        states: list = []
        diffs = ledger.differences(conn, s, (task[1], task[2]), states)
        return {"diffs": [[d.customer_id, d.name, d.describe()] for d in diffs], "states": [list(x) for x in states]}
    raise ValueError(f"unknown check task {kind!r}")


def _assemble(ctx: Context, tasks: list[list], results: list) -> list[Finding]:
    """The tasks' results as ``run_checks`` returns them: each check's findings in ``CHECKS`` order, a chain
    stream's parts merged (``chain.merge``), the projection's customers in the order one pass lists them."""
    by_kind: dict[str, list[tuple[list, object]]] = {}
    for task, result in zip(tasks, results, strict=True):
        by_kind.setdefault(task[0], []).append((task, result))
    out: list[Finding] = []
    for i, check in enumerate(CHECKS):
        if check is check_chain:
            for stream in chain.TABLES_OF:
                mine = [(t, r) for t, r in by_kind.get("chain", []) if t[1] == stream]
                mine.sort(key=lambda x: (x[0][2] is not None, tuple(x[0][2] or ())))
                out += [Finding("chain", p.subject, p.message) for p in chain.merge(stream, [r for _t, r in mine])]
            out += [Finding("chain", chain.Problem(*p).subject, p[4])
                    for _t, r in by_kind.get("chain-rest", []) for p in r]
        elif check is check_projection:
            found = [d for _t, r in by_kind.get("projection", []) for d in r["diffs"]]
            states = sorted(x for _t, r in by_kind.get("projection", []) for x in r["states"])
            if found:   # rare (a damaged cache): in the order of the customers' read, as one pass lists them
                with ctx.read() as conn:
                    place = {r[0]: n for n, r in enumerate(ledger._raw_rows(conn, ledger._ALL_BALANCES,
                                                                            ctx.store_id))}
                found.sort(key=lambda d: place.get(d[0], len(place)))
            out += [Finding("projection", f"customer {name} ({cid})", f"cache differs from recomputation: {why}")
                    for cid, name, why in found]
            out += _state_findings(states)
        else:
            out += [Finding(*f) for t, r in by_kind.get("check", []) if t[1] == i for f in r]
    return out


def _book_file(ctx: Context) -> str | None:
    """The book's file, when another process can open it (not in memory; not a frozen app's interpreter)."""
    if getattr(sys, "frozen", False):
        return None
    path = ctx._book_path()
    return str(path) if path is not None and str(path) not in ("", ":memory:") and path.exists() else None


def _lanes(ctx: Context, tasks: list[list], child: _Child | None) -> list:
    """Run ``tasks`` on two lanes at once, each taking the next task when it is free: this thread (each task
    on a pooled read connection, in a read transaction of its own) and ``child`` (another process) or,
    without one, a second thread. A child that cannot start or fails hands its task back. Results in the
    order of ``tasks``; the first error of this process is raised."""
    pending = list(range(len(tasks)))
    lock = threading.Lock()
    results: dict[int, object] = {}
    LAST_RUN.clear()
    errors: list[BaseException] = []

    def take() -> int | None:
        with lock:
            return pending.pop(0) if pending and not errors else None

    def local() -> None:
        try:
            while (i := take()) is not None:
                with ctx.read() as conn:
                    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
                    conn.exec_driver_sql(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
                    try:
                        w0, c0 = time.perf_counter(), time.thread_time()
                        results[i] = _run_task(conn, ctx.store_id, tasks[i])
                        LAST_RUN.append((tasks[i], "this process", time.thread_time() - c0, time.perf_counter() - w0))
                    finally:
                        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")
        except BaseException as exc:  # handed to the caller below
            errors.append(exc)

    def remote() -> None:
        try:
            while (i := take()) is not None:
                try:
                    w0 = time.perf_counter()
                    results[i], cpu = child.run(tasks[i])
                    LAST_RUN.append((tasks[i], "checking process", cpu, time.perf_counter() - w0))
                except _ChildFailed:
                    with lock:
                        pending.insert(0, i)   # this process takes it
                    return
        finally:
            child.close()

    other = threading.Thread(target=remote if child is not None else local, name="possuite-check-lane", daemon=True)
    other.start()
    local()
    other.join()
    local()   # what a failed child handed back after this lane had run out of work
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(tasks))]


#: The last full check's tasks: (task, lane, CPU seconds, wall seconds), in the order they ended (figures).
LAST_RUN: list[tuple[list, str, float, float]] = []


class _ChildFailed(Exception):
    """The checking process could not start, or stopped: its task goes back to this process."""


#: The checking process: reads its book and store, then one task a line (JSON), one result a line.
_CHILD_MAIN = "from possuite.services.integrity import _child_main; _child_main()"


class _Child:
    """The full check's second process: started with the first task it is given (so that its start-up
    overlaps this process's first task), on the book's file, reading only. Each task runs in a read
    transaction of its own, on the process's own connection."""

    def __init__(self, path: str, store_id: str, read_only: bool) -> None:
        self.hello = json.dumps({"db": path, "store": store_id, "read_only": read_only, "parent": os.getpid()})
        self.proc: subprocess.Popen | None = None

    def run(self, task: list):
        try:
            if self.proc is None:
                env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
                self.proc = subprocess.Popen([sys.executable, "-c", _CHILD_MAIN], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                             text=True, encoding="utf-8", **start_flags())
                self.proc.stdin.write(self.hello + "\n")
            self.proc.stdin.write(json.dumps(task) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError as exc:
            raise _ChildFailed(str(exc)) from exc
        if not line:
            raise _ChildFailed("the checking process stopped")
        answer = json.loads(line)
        if "error" in answer:
            raise _ChildFailed(answer["error"])
        return answer["result"], answer["cpu"]

    def close(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def _child_main() -> None:
    """The checking process (``_Child``): every task it is sent, each in its own read transaction."""
    from possuite.db.engine import make_engine

    hello = json.loads(sys.stdin.readline())

    def orphaned() -> None:   # the checking process dies with the one that started it (killed, or the app closed)
        while os.getppid() == hello["parent"]:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=orphaned, name="possuite-check-parent", daemon=True).start()
    engine = make_engine(hello["db"], read_only=hello["read_only"])
    s = hello["store"]
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
        conn.rollback()
        for line in sys.stdin:
            try:
                c0 = time.process_time()
                result = {"result": _run_task(conn, s, json.loads(line))}
                result["cpu"] = time.process_time() - c0
            except Exception as exc:  # the parent runs the task itself (and raises what it raises)
                result = {"error": f"{type(exc).__name__}: {exc}"}
            finally:
                conn.rollback()
            sys.stdout.write(json.dumps(result) + "\n")
            sys.stdout.flush()
    engine.dispose()


# ---------------------------------------------------------------- the incremental check


def _seal(ctx: Context, planned: list[seals.Seal] | None, verified: list[int],
          checked: dict[str, int] | None = None) -> list[seals.Seal]:
    """Seal every completed day not sealed yet (``planned`` None: plan them now, in a read) and note the
    seals read back equal, in one short write transaction. ``checked``: each table's highest rowid read
    before the check began; a planned seal reaching past it would cover rows that arrived during the check
    (a sale, a pull), so it and every later seal wait for the next run."""
    now = ctx.clock.now()
    if planned is None:
        with ctx.read() as conn:
            planned = seals.plan_seals(conn, ctx.store_id, ctx.clock.today() - timedelta(days=1))
        if checked is not None:
            planned = list(itertools.takewhile(
                lambda p: all(p.marks[k] <= checked[k] for k in seals.KEYS), planned))
    with ctx.write() as conn:
        seals.mark_verified(conn, ctx.store_id, verified, now)
        return seals.write_seals(conn, ctx.store_id, planned, now)


def read_back_seals(ctx: Context) -> list[Finding]:
    """Every sealed day read back against its rows (counts, totals, SHA-256); the days found equal are
    noted as verified."""
    with ctx.read() as conn:
        chain = seals.seals(conn, ctx.store_id)
        problems, equal = seals.row_problems(conn, ctx.store_id, chain, range(len(chain)))
    if equal:
        with ctx.write() as conn:
            seals.mark_verified(conn, ctx.store_id, [chain[i].seq for i in equal], ctx.clock.now())
    return [Finding("seal", subject, message) for subject, message in problems]


def run_scheduled_full(ctx: Context) -> list[Finding]:
    """The full check the app runs on a schedule in the background (``ui/check_worker.py``): every
    invariant over the whole book (``run_checks``) and every sealed day read back; when it finds nothing,
    the completed days are sealed. Returns the findings."""
    with ctx.read() as conn:
        checked = seals.tops(conn)   # read before the check's snapshots begin: every task sees these rows
    findings = run_checks(ctx) + read_back_seals(ctx)
    if not findings:
        seal_completed_days(ctx, checked=checked)
    return findings


def seal_completed_days(ctx: Context, *, checked: dict[str, int] | None = None) -> list[date]:
    """After a full check found nothing (``run_checks`` == []): seal the days completed since the last seal.
    The background schedule calls it after its full check; a caller that has findings must not. ``checked``
    (``seals.tops`` read before the check began) keeps rows that arrived during the check out of the seals."""
    return [x.day for x in _seal(ctx, None, [], checked)]

#: The incremental check's budget (seconds from the run's start) for reading sealed days back: one day always (the
#: oldest-verified first: every sealed day is read back in turn, run after run), another only while it would end
#: within the budget, judged by the last day's read-back (the seals' task starts the second lane: at shop scale a
#: day takes ~30 ms, so one is read, as before; a small book reads many).
READ_BACK_SECONDS = 0.05

#: The rows written since the last seal (``rowid`` above its marks), each table read once as one range of its last
#: rows, with the columns that name a customer, a bill or an entry (three UNIONs of the same ranges cost 14 ms on the
#: bench's day, these 10).
_SINCE = {"entries": "SELECT id, customer_id, bill_id FROM ledger_entries WHERE rowid > ? AND +store_id = ?",
          "allocations": "SELECT customer_id, credit_entry_id, charge_entry_id FROM allocations "
                         "WHERE rowid > ? AND +store_id = ?",
          "bills": "SELECT id, customer_id FROM bills WHERE rowid > ? AND +store_id = ?",
          "lines": "SELECT bill_id FROM bill_lines WHERE rowid > ? AND +store_id = ?",
          "payments": "SELECT bill_id, customer_id FROM payments WHERE rowid > ? AND +store_id = ?"}


def touched_since(conn: Connection, s: str, marks: dict[str, int]) -> Scope:
    """The customers, bills and entries that rows written after the sealed ones touch (one read of each table)."""
    driver = conn.connection.driver_connection
    customers: set = set()
    bills: set = set()
    entries: set = set()
    for eid, cid, bid in driver.execute(_SINCE["entries"], (marks["entries"], s)):
        entries.add(eid)
        customers.add(cid)
        bills.add(bid)
    for cid, credit, charge in driver.execute(_SINCE["allocations"], (marks["allocations"], s)):
        customers.add(cid)
        entries.add(credit)
        entries.add(charge)
    for bid, cid in driver.execute(_SINCE["bills"], (marks["bills"], s)):
        bills.add(bid)
        customers.add(cid)
    bills.update(r[0] for r in driver.execute(_SINCE["lines"], (marks["lines"], s)))
    for bid, cid in driver.execute(_SINCE["payments"], (marks["payments"], s)):
        bills.add(bid)
        customers.add(cid)
    for ids in (customers, bills, entries):
        ids.discard(None)   # walk-in bills and payments, a payment of no bill
    return Scope(tuple(sorted(customers)), tuple(sorted(bills)), dict(marks), tuple(sorted(entries)))


#: The incremental check's tasks on its two lanes (``_since``; CPU ms on the bench's day at shop scale, README). The
#: lanes are threads of one interpreter: Python on one lane waits for Python on the other (the interpreter lock), and a
#: lane stepping rows one at a time hands the lock over at every row. So the Python goes on one lane and the statements
#: SQLite runs alone on the other. The first lane (the caller's thread, in the snapshot the run began) reads what rows
#: written since the last seal touch (``touched_since``, ~8), replays the touched customers with their ledger sums
#: (``_ledger_since``, ~60), then hashes this till's chains since the seals, a row at a time (~31 and ~8). The second
#: lane does meanwhile the seals (their links, a sealed day read back: ~33, a few statements, each a table's day
#: aggregated by SQLite), then the SQL checks of the scope, heaviest first, each a statement or two that SQLite runs
#: without the interpreter lock. A lane out of work takes the other's last task (never the scope's read).
_FIRST_LANE = ("scope", "ledger", "chain:ledger", "chain:allocations")
_SECOND_LANE = ("seals", check_allocations, check_customer_stats, check_bill_totals, check_open_items_match_balance,
                check_numbering, check_bill_payments, check_walk_in_fully_paid, check_returned_within_sold,
                check_credit_note_totals, check_void_bills_not_returned)


#: The interpreter's switch interval (seconds) while the incremental check's lanes run (CPython's default is 5 ms):
#: a lane reading rows one SQLite step at a time gives the interpreter lock up at every step and waits for it back
#: while the other lane runs Python, up to the whole interval a row. 1 ms: 10-19 ms less wall on the bench's day
#: (178-186 against 188-205 ms at load 1.7, alternating), about 20 ms more CPU (the switches); restored after.
SWITCH_INTERVAL = 0.001


def _since(ctx: Context, conn: Connection, marks: dict[str, int], the_seals: Callable[[Connection], list[Finding]]) \
        -> tuple[Scope, list[Finding]]:
    """The incremental check after the last seal (``marks``): what the rows written since touch (``touched_since``,
    read on ``conn``), their checks and the seals (``the_seals``) on two connections (``_shared``: ``conn`` and one
    opened after its snapshot began, so it sees the same rows or later ones). Returns the scope and the findings in
    ``run_incremental``'s order: the seals', then each check's in ``CHECKS`` order."""
    s = ctx.store_id
    ready = threading.Event()
    scope: list[Scope] = []

    def read_scope(c: Connection) -> list:
        try:
            scope.append(touched_since(c, s, marks))
        finally:
            ready.set()   # a failure is raised by this lane; the other's checks of the scope stop below
        return []

    def scoped(check: Callable[[Connection, Scope], list]) -> Callable[[Connection], list]:
        def run(c: Connection) -> list:
            ready.wait()
            if not scope:
                raise RuntimeError("the incremental check's scope was not read")
            return check(c, scope[0])
        return run

    def task(name) -> Callable[[Connection], list]:
        if name == "scope":
            return read_scope
        if name == "seals":
            return the_seals
        if name == "ledger":
            return scoped(lambda c, sc: _ledger_since(c, s, sc))
        if name == "chain:ledger":
            return lambda c: [Finding("chain", p.subject, p.message)
                              for p in chain.problems(c, s, marks, streams=(chain.LEDGER,), outside=False)]
        if name == "chain:allocations":
            return lambda c: [Finding("chain", p.subject, p.message)
                              for p in chain.problems(c, s, marks, streams=(chain.ALLOCATIONS,))]
        return scoped(lambda c, sc: name(c, s, sc))

    names = [*_FIRST_LANE, *_SECOND_LANE]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(min(switch, SWITCH_INTERVAL))
    try:
        done = dict(zip(names, _shared(ctx, [task(n) for n in names], conn, first=len(_FIRST_LANE)), strict=True))
    finally:
        sys.setswitchinterval(switch)
    by_check = {n: found for n, found in done.items() if not isinstance(n, str)}
    by_check[check_cached_balances], by_check[check_projection] = done["ledger"]
    by_check[check_chain] = done["chain:ledger"] + done["chain:allocations"]
    return scope[0], done["seals"] + [f for c in CHECKS if c is not check_seals for f in by_check[c]]


@dataclass(frozen=True)
class Incremental:
    """What ``run_incremental`` checked and found (empty findings = sound)."""

    findings: list[Finding]
    full: bool                  # no sealed day yet: the whole book was checked instead
    since: date | None          # the newest sealed day the run started from
    customers: int              # customers whose invariants were checked
    bills: int
    seals: int                  # seals in the chain (after this run)
    read_back: int              # sealed days whose rows were read back against their seal
    sealed: list[date] = field(default_factory=list)   # days this run sealed

    def as_json(self) -> dict:
        return {"full": self.full, "since": self.since.isoformat() if self.since else None,
                "customers": self.customers, "bills": self.bills, "seals": self.seals, "read_back": self.read_back,
                "sealed": [d.isoformat() for d in self.sealed]}


def run_incremental(ctx: Context, *, seal: bool = True, read_back_seconds: float = READ_BACK_SECONDS) -> Incremental:
    """The check of what changed since the last sealed day (docs/architecture.md §3.5).

    Every invariant, for the customers and bills that rows written since the last seal touch; the
    seals' chain; the sealed days read back longest ago (at least one; more while the next would end
    within ``read_back_seconds`` of the run's start) read back against their rows. With no seal yet, the
    whole book is checked (``run_checks``). When nothing is found, every completed day not sealed yet is
    sealed (``seal=False``: nothing is written)."""
    s = ctx.store_id
    t0 = time.perf_counter()
    n_seals: list[int] = []   # the seals' count, read by the seals' task
    with ctx.read() as conn:
        last = seals.last_seal(conn, s)
        if last is not None:
            equal, wanted = [], []

            def the_seals(c: Connection) -> list[Finding]:
                """The chain's links and the last seal's hash (``seals.link_problems``), then the sealed days read
                back longest ago (at least one; more within the budget), each with its own hash."""
                n_seals[:] = [seals.count(c, s)]
                found = [Finding("seal", subj, msg) for subj, msg in seals.link_problems(c, s)]
                problems = []
                took = 0.0   # the last day's read-back: one more is read only if it would end within the budget
                for seq in seals.turn(c, s):
                    began = time.perf_counter()
                    if wanted and began - t0 + took > read_back_seconds:
                        break
                    more = seals.read_back(c, s, seq)
                    took = time.perf_counter() - began
                    problems, wanted[:] = problems + more, wanted + [seq]
                    if not more:
                        equal.append(seq)
                return found + [Finding("seal", subj, msg) for subj, msg in problems]

            scope, findings = _since(ctx, conn, last.marks, the_seals)
            # Planned in the snapshot just checked: a seal covers only rows this run proved.
            planned = (seals.plan_seals(conn, s, ctx.clock.today() - timedelta(days=1))
                       if seal and not findings else [])
    if last is None:
        findings, scope, wanted, equal, planned = run_checks(ctx), None, [], [], None
    sealed: list[seals.Seal] = []
    if seal and (equal or not findings):
        sealed = _seal(ctx, [] if findings else planned, equal)
    return Incremental(findings, full=last is None, since=last.day if last is not None else None,
                       customers=len(scope.customers) if scope else 0, bills=len(scope.bills) if scope else 0,
                       seals=sum(n_seals) + len(sealed), read_back=len(wanted), sealed=[x.day for x in sealed])


@dataclass(frozen=True)
class Rebuilt:
    """What ``rebuild_projection`` changed for one customer."""

    customer_id: str
    name: str
    balance_before: int
    balance_after: int
    allocations: int     # allocation pairs corrected (a delta row each)
    open_items: int      # open items rewritten or removed

    def as_json(self) -> dict:
        return dict(self.__dict__)

    def __str__(self) -> str:
        return (f"customer {self.name} ({self.customer_id}): balance {self.balance_before} -> {self.balance_after}, "
                f"{self.allocations} allocation pair(s), {self.open_items} open item(s)")


def rebuild_projection(ctx: Context) -> list[Rebuilt]:
    """Owner: rebuild the cached projection from the entries, in one transaction, audited.

    Allocations are insert-only, so a differing pair gets a delta allocation; open items and balances
    are rewritten. Customers whose cache already equals the recomputation are left alone."""
    require(ctx, REBUILD)
    with ctx.write() as conn:
        diffs = ledger.rebuild(conn, ctx)
        out = [Rebuilt(d.customer_id, d.name, d.balance[0], d.balance[1], len(d.allocations), len(d.open_amounts))
               for d in diffs]
        audit.record(conn, ctx, "ledger rebuilt", "", "", customers=len(out),
                     allocations=sum(r.allocations for r in out), open_items=sum(r.open_items for r in out),
                     balances=sum(1 for r in out if r.balance_before != r.balance_after))
    return out
