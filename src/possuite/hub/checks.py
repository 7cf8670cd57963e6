"""``possuite --db postgresql://… check``: what the integrity check can prove on the hub.

The hub holds the tills' facts, not their caches, so the book's checks of a cache against the
ledger become checks of the ledger itself and of what arrived from the tills:

- ``balance``: every customer's projected balance (the back office's projection, refreshed first
  with the rule every till uses) equals the sum of their entries, and their open charges less open
  credits equal it too (docs/architecture.md §3.2, invariants 1 and 3);
- ``allocation``: no charge or credit is allocated beyond its amount (invariant 2);
- ``numbering``: invoice, receipt and adjustment numbers are unique and gapless per series: per
  store and year for a book's own numbers, per till for a registered till's (``SAL-A-26-0042``);
- ``duplicate sale``: no bill carries two sale charges (a sale that arrived twice under two ids
  would show here; the same id twice is impossible: ids are primary keys);
- ``bill total``: a bill's header equals its lines recomputed (invariant 4);
- ``returns``: no bill line returned beyond what was sold across every till's credit notes, and
  ``credit note total``: a credit note's figures equal its lines, and no void bill returned
  (invariants 8, 9 and 11: the book's own checks, ``services/integrity.py``, run on the back office's
  views); credit-note numbers are in
  ``numbering`` (gapless per till series, ``CN-A-26-0001``);
- ``chain``: each till's tamper-evident chain of bills, payments and ledger entries, as it pushed them,
  verified row by row (docs/architecture.md §3.6): the first row changed, deleted or inserted out of order
  on the hub is named.

Findings are ``services.integrity.Finding``s, like the book's; each check is one statement. Every
check reads the hub's tables (``public.*``) except the book's two, which read the views.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

from possuite.domain import quantity
from possuite.domain.cart import line_off_sql
from possuite.hub.backoffice import BackOfficeContext, refresh_projection
from possuite.services import chain, integrity
from possuite.services.integrity import Finding
from possuite.services.permissions import VIEW_BALANCES, require

#: A line's value (price × quantity, rounded once): domain/quantity.py::line_value_sql.
_LINE_VALUE = quantity.line_value_sql()
# a stored line that does not recompute (its value, tax, cess or amount)
_LINE_OFF = line_off_sql("NOT tax_inclusive", "tax_inclusive")

# Every check reads the hub's own tables (public.*), narrowed by :s ('*': every store).
_STORE = "(:s = '*' OR {t}.store_id = :s)"


def check_balances(conn: Connection, s: str) -> list[Finding]:
    rows = conn.execute(text(f"""
        SELECT c.id, c.name, st.name, p.balance, COALESCE(l.total, 0), COALESCE(o.net, 0)
        FROM public.customers c JOIN public.stores st ON st.id = c.store_id
        LEFT JOIN public.projection_customers p ON p.customer_id = c.id
        LEFT JOIN (SELECT customer_id, SUM(amount) AS total FROM public.ledger_entries GROUP BY customer_id) l
          ON l.customer_id = c.id
        LEFT JOIN (SELECT customer_id, SUM(CASE WHEN side = 'charge' THEN open_amount ELSE -open_amount END) AS net
                   FROM public.projection_open_items GROUP BY customer_id) o ON o.customer_id = c.id
        WHERE {_STORE.format(t='c')} AND (p.balance IS NULL OR p.balance != COALESCE(l.total, 0)
              OR COALESCE(o.net, 0) != COALESCE(l.total, 0))"""), {"s": s}).all()
    return [Finding("balance", f"customer {r[1]} ({r[0]}) of {r[2]}",
                    "not projected yet" if r[3] is None else
                    f"projected balance {r[3]}, open items net {r[5]}, but the entries sum to {r[4]}") for r in rows]


def check_allocations(conn: Connection, s: str) -> list[Finding]:
    rows = conn.execute(text(f"""
        SELECT e.id, e.document, e.kind, e.amount, COALESCE(ch.total, 0), COALESCE(cr.total, 0)
        FROM public.ledger_entries e
        LEFT JOIN (SELECT charge_entry_id, SUM(amount) AS total FROM public.projection_allocations
                   GROUP BY charge_entry_id) ch ON ch.charge_entry_id = e.id
        LEFT JOIN (SELECT credit_entry_id, SUM(amount) AS total FROM public.projection_allocations
                   GROUP BY credit_entry_id) cr ON cr.credit_entry_id = e.id
        WHERE {_STORE.format(t='e')}
          AND ((e.amount > 0 AND (COALESCE(ch.total, 0) < 0 OR COALESCE(ch.total, 0) > e.amount))
            OR (e.amount < 0 AND (COALESCE(cr.total, 0) < 0 OR COALESCE(cr.total, 0) > -e.amount)))"""),
                        {"s": s}).all()
    return [Finding("allocation", f"{r[2]} {r[1]} ({r[0]})",
                    f"allocated {r[4] if r[3] > 0 else r[5]} outside 0..{abs(r[3])}") for r in rows]


def _series(conn: Connection, s: str, table: str, label: str, where: str) -> list[Finding]:
    # A registered till's numbers carry its code before the year (SAL-A-26-0042): a series of its
    # own; the store's numbers from before any registration are the store's series (one counter per
    # year whatever prefix it used, as on the book).
    rows = conn.execute(text(f"""
        SELECT st.name, y, till, COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq), COUNT(DISTINCT number) FROM (
            SELECT x.store_id, CAST(EXTRACT(YEAR FROM x.business_date) AS integer) AS y, x.seq, x.number,
                   CASE WHEN t.code IS NOT NULL AND x.number LIKE '%-' || t.code || '-__-%' THEN t.code
                        ELSE '' END AS till
            FROM public.{table} x LEFT JOIN public.tills t ON t.id = x.till_id
            WHERE {_STORE.format(t='x')} AND NOT x.is_demo {where}) n
        JOIN public.stores st ON st.id = n.store_id
        GROUP BY st.name, y, till ORDER BY st.name, y, till"""), {"s": s}).all()
    out = []
    for store, year, till, n, distinct, lo, hi, distinct_numbers in rows:
        series = f"{label} of till {till} {year} ({store})" if till else f"{label} {year} ({store})"
        if n != distinct or n != distinct_numbers:
            out.append(Finding("numbering", series, f"{n - min(distinct, distinct_numbers)} duplicate number(s)"))
        if lo != 1 or hi != n:
            out.append(Finding("numbering", series, f"numbers run {lo}..{hi} over {n} documents: there are gaps"))
    return out


def check_numbering(conn: Connection, s: str) -> list[Finding]:
    return (_series(conn, s, "bills", "invoices", "")
            + _series(conn, s, "payments", "receipts", "AND x.kind = 'collection'")
            + _series(conn, s, "adjustments", "adjustments", "")
            + _series(conn, s, "credit_notes", "credit notes", ""))


def check_duplicate_sales(conn: Connection, s: str) -> list[Finding]:
    rows = conn.execute(text(f"""
        SELECT b.number, st.name, COUNT(*) FROM public.ledger_entries e
        JOIN public.bills b ON b.id = e.bill_id JOIN public.stores st ON st.id = b.store_id
        WHERE {_STORE.format(t='e')} AND e.kind = 'sale' GROUP BY b.number, st.name HAVING COUNT(*) > 1"""),
                        {"s": s}).all()
    return [Finding("duplicate sale", f"bill {r[0]} ({r[1]})", f"{r[2]} sale charges") for r in rows]


def check_bill_totals(conn: Connection, s: str) -> list[Finding]:
    rows = conn.execute(text(f"""
        SELECT b.number, st.name, b.subtotal, b.discount, b.tax, b.total, l.gross, l.bill_discount, l.tax,
               l.amount, l.n, l.bad_lines
        FROM public.bills b JOIN public.stores st ON st.id = b.store_id LEFT JOIN (
            SELECT bill_id, SUM({_LINE_VALUE} - line_discount) AS gross, SUM(bill_discount) AS bill_discount,
                   SUM(tax) AS tax, SUM(amount) AS amount, COUNT(*) AS n,
                   SUM(CASE WHEN {_LINE_OFF}
                   THEN 1 ELSE 0 END) AS bad_lines
            FROM public.bill_lines GROUP BY bill_id) l ON l.bill_id = b.id
        WHERE {_STORE.format(t='b')} AND (l.n IS NULL OR l.bad_lines > 0 OR b.subtotal != l.gross
           OR b.discount != l.bill_discount OR b.tax != l.tax OR b.retail_value != l.amount
           OR b.total != CASE WHEN b.complimentary THEN 0 ELSE l.amount END)"""), {"s": s}).all()
    return [Finding("bill total", f"bill {r[0]} ({r[1]})",
                    "has no lines" if r[10] is None else f"{r[11]} line(s) do not recompute" if r[11] else
                    f"header (subtotal {r[2]}, discount {r[3]}, tax {r[4]}, total {r[5]}) != lines "
                    f"(subtotal {r[6]}, discount {r[7]}, tax {r[8]}, amount {r[9]})") for r in rows]


def check_chain(conn: Connection, s: str) -> list[Finding]:
    """Each till's tamper-evident chain as pushed (docs/architecture.md §3.6; ``services/chain.py``)."""
    return [Finding("chain", p.subject, p.message) for p in chain.hub_problems(conn, s)]


CHECKS: list[Callable[[Connection, str], list[Finding]]] = [
    check_balances, check_allocations, check_numbering, check_duplicate_sales, check_bill_totals, check_chain,
    # the book's own credit-note checks, run on the back office's views (named like a till's tables)
    integrity.check_returned_within_sold, integrity.check_credit_note_totals, integrity.check_void_bills_not_returned]


def run_checks(ctx: BackOfficeContext) -> list[Finding]:
    """Every hub check over the context's stores (after refreshing the projection); empty = sound."""
    require(ctx, VIEW_BALANCES)
    refresh_projection(ctx)
    with ctx.read() as conn:
        return [f for check in CHECKS for f in check(conn, ctx.store_id)]
