"""A customer's statement of account: the one builder behind the customer window's Statement tab and
the statement PDF (the same rows, descriptions and running balance in both).

``customer_statement(ctx, customer_ref, date_from=None, date_to=None, *, limit=None)`` ->
``CustomerStatement``: opening balance, every movement of the period (``StatementLine``: date,
document, description, debit, credit, running balance), closing balance, ``Aging`` as at the end of
the period, and a UPI link to pay the closing balance. With ``limit`` only the newest ``limit``
movements are listed and the older ones are summed into the opening balance (``hidden_rows``).

Reads only, in a fixed number of statements: the customer, the movements (one windowed query), the
opening balance (only for a period with a start), the aging.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import text

from possuite.domain.dates import parse_date, parse_datetime
from possuite.domain.labels import describe_movement, kind_label
from possuite.domain.status import AGING_BUCKETS, aging_bucket, days_past_due
from possuite.domain.upi import upi_pay_link
from possuite.i18n import SOURCE_LANGUAGE, translator
from possuite.services.context import Context, StoreSettings
from possuite.services.perf import REPORT, timed
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.report_scope import CustomerRef, check_range, day_start, find_customer

#: Rows the customer window lists at once (the newest); the opening balance accounts for the rest.
SCREEN_ROWS = 2000


@dataclass(frozen=True)
class StatementLine:
    posted_at: datetime
    document: str
    kind: str           # the ledger entry's kind (sale, payment, opening, adjustment, writeoff, void, refund)
    description: str    # what the screen and the PDF show: "Bill", "Collection (UPI)", "Write-off: reason"
    note: str
    debit: int          # raises what the customer owes
    credit: int         # lowers it
    balance: int        # running balance after this movement
    due_date: date | None
    method: str | None = None     # the payment's method (cash, card, upi), when the movement is a payment
    pay_kind: str | None = None   # the payment's kind (sale, collection, refund)

    @property
    def label(self) -> str:
        return kind_label(self.kind)

    def description_in(self, lang: str) -> str:
        """``description`` in ``lang`` (the PDF's or the screen's language): the words translated where shown."""
        if lang == SOURCE_LANGUAGE:
            return self.description
        return describe_movement(self.kind, self.method, self.pay_kind, self.note, translator(lang).gettext)


@dataclass(frozen=True)
class Aging:
    """Open charges by days past due at ``as_of`` (not yet due counts as 0-30), less unapplied credit."""

    as_of: date
    buckets: dict[str, int]
    unapplied_credit: int

    @property
    def total(self) -> int:
        return sum(self.buckets.values()) - self.unapplied_credit


@dataclass(frozen=True)
class CustomerStatement:
    store: StoreSettings
    customer: CustomerRef
    date_from: date | None       # None: from the first movement
    date_to: date                # the statement date
    generated_at: datetime
    opening: int
    lines: list[StatementLine]   # oldest first
    closing: int
    aging: Aging
    upi_link: str | None         # to pay the closing balance, when the store has a UPI id
    hidden_rows: int = 0         # older movements of the period summed into ``opening`` (with a limit)

    @property
    def total_debit(self) -> int:
        return sum(ln.debit for ln in self.lines)

    @property
    def total_credit(self) -> int:
        return sum(ln.credit for ln in self.lines)


# Running balance over the whole period, then the newest :limit rows, oldest first (one statement).
_LINES_SQL = text(
    "SELECT * FROM ("
    " SELECT e.posted_at, e.document, e.kind, e.note, e.amount, e.due_date, p.method, p.kind AS pay_kind,"
    "  e.rowid AS seq, SUM(e.amount) OVER (ORDER BY e.posted_at, e.rowid) AS running,"
    "  COUNT(*) OVER () AS n, ROW_NUMBER() OVER (ORDER BY e.posted_at DESC, e.rowid DESC) AS newest"
    " FROM ledger_entries e LEFT JOIN payments p ON p.id = e.payment_id"
    " WHERE e.store_id = :s AND e.customer_id = :c AND e.posted_at >= :lo AND e.posted_at < :hi"
    ") AS x WHERE newest <= :limit ORDER BY posted_at, seq")
_BEFORE_SQL = text(
    "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE store_id = :s AND customer_id = :c AND posted_at < :lo")
# Allocations are reached through the customer's own entries (allocations has no customer index: a
# filter on customer_id read the whole table, a second at a million bills).
_AGING_SQL = text(
    "SELECT e.amount, e.due_date, e.posted_at, ABS(e.amount)"
    " - (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a WHERE a.charge_entry_id = e.id"
    "    AND a.store_id = :s AND a.customer_id = :c AND a.created_at < :hi)"
    " - (SELECT COALESCE(SUM(a.amount), 0) FROM allocations a WHERE a.credit_entry_id = e.id"
    "    AND a.store_id = :s AND a.customer_id = :c AND a.created_at < :hi) AS open_amount "
    "FROM ledger_entries e "
    "WHERE e.store_id = :s AND e.customer_id = :c AND e.posted_at < :hi AND e.amount != 0")


@timed(REPORT, "customer statement")
def customer_statement(ctx: Context, customer_ref: str, date_from: date | None = None,
                       date_to: date | None = None, *, limit: int | None = None) -> CustomerStatement:
    """The customer's account for ``date_from..date_to`` (default: everything up to today)."""
    require(ctx, VIEW_BALANCES)
    check_range(date_from, date_to or ctx.clock.today())
    with ctx.read() as conn:
        cust = find_customer(conn, ctx, customer_ref)
        assert cust is not None
        return build_statement(conn, ctx, cust, date_from, date_to, limit=limit)


def build_statement(conn, ctx: Context, cust: CustomerRef, date_from: date | None = None,
                    date_to: date | None = None, *, limit: int | None = None) -> CustomerStatement:
    """The statement of ``cust`` on an open connection (two or three statements; see the module)."""
    date_to = date_to or ctx.clock.today()
    hi = day_start(date_to + timedelta(days=1))
    params = {"s": ctx.store_id, "c": cust.id, "hi": hi.isoformat(sep=" "),
              "lo": day_start(date_from).isoformat(sep=" ") if date_from else "0001-01-01",
              "limit": limit if limit is not None else 2**62}
    before = conn.execute(_BEFORE_SQL, params).scalar_one() if date_from else 0
    rows = conn.execute(_LINES_SQL, params).mappings().all()
    aging = _aging(conn, params, date_to)
    lines = [StatementLine(parse_datetime(r["posted_at"]), r["document"] or "", r["kind"],
                           describe_movement(r["kind"], r["method"], r["pay_kind"], r["note"] or ""), r["note"] or "",
                           max(r["amount"], 0), max(-r["amount"], 0), before + r["running"],
                           parse_date(r["due_date"]), r["method"], r["pay_kind"])
             for r in rows]
    opening = (lines[0].balance - lines[0].debit + lines[0].credit) if lines else before
    closing = lines[-1].balance if lines else before
    store = ctx.store
    return CustomerStatement(store, cust, date_from, date_to, ctx.clock.now(), opening, lines, closing, aging,
                             upi_pay_link(store.upi_id, store.name, closing, store.currency,
                                          f"{store.name} dues {cust.name}"),
                             hidden_rows=(rows[0]["n"] - len(rows)) if rows else 0)


def _aging(conn, params: dict, as_of: date) -> Aging:
    """Open amounts as they stood at the end of ``as_of`` (allocations made before it), in one statement."""
    buckets = dict.fromkeys(AGING_BUCKETS, 0)
    credit = 0
    for r in conn.execute(_AGING_SQL, params).mappings():
        if r["open_amount"] <= 0:
            continue
        if r["amount"] < 0:
            credit += r["open_amount"]
            continue
        due = parse_date(r["due_date"]) or parse_date(r["posted_at"])
        buckets[aging_bucket(days_past_due(due, as_of))] += r["open_amount"]
    return Aging(as_of, buckets, credit)
