"""Read models behind the owner's pages: a customer's statement and overview, the dashboard figures,
the outstanding-over-time series, and the payment reminder message.

Every function here only reads, and runs a fixed number of statements whatever the row counts
(a test counts them). The dashboard never scans the ledger: it starts from the cached balances and
walks back over the last 90 days of entries in one grouped query.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import quote

from sqlalchemy import text

from possuite.domain.money import format_money
from possuite.domain.status import aging_bucket, days_past_due
from possuite.services import balances as balances_service
from possuite.services import bills as bills_service
from possuite.services.balances import BalanceSummary
from possuite.services.context import Context
from possuite.services.customers import CustomerView, _view, resolve
from possuite.services.permissions import VIEW_BALANCES, require

#: Rows of a statement shown at once (the newest); the opening balance accounts for the rest.
STATEMENT_ROWS = 2000

KIND_LABELS = {
    "sale": "Bill", "payment": "Payment", "opening": "Opening balance", "adjustment": "Adjustment",
    "writeoff": "Write-off", "void": "Void", "refund": "Refund",
}


def _to_date(v) -> date | None:
    if v is None or isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, datetime):
        return v.date()
    return date.fromisoformat(str(v)[:10])


def _to_dt(v) -> datetime | None:
    if v is None or isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def _day_start(d: date) -> str:
    return datetime.combine(d, datetime.min.time()).isoformat(sep=" ")


# ---------------------------------------------------------------- statement


@dataclass(frozen=True)
class StatementRow:
    posted_at: datetime
    document: str
    kind: str
    note: str
    debit: int      # raises what the customer owes
    credit: int     # lowers it
    balance: int    # running balance after this row
    due_date: date | None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.title())


@dataclass(frozen=True)
class Statement:
    customer_id: str
    date_from: date | None
    date_to: date | None
    opening: int
    rows: list[StatementRow]   # oldest first
    closing: int
    hidden_rows: int           # older rows in the period folded into ``opening``

    @property
    def total_debit(self) -> int:
        return sum(r.debit for r in self.rows)

    @property
    def total_credit(self) -> int:
        return sum(r.credit for r in self.rows)


_STATEMENT_SQL = text(
    "SELECT * FROM ("
    " SELECT id, posted_at, document, kind, note, amount, due_date, "
    "  SUM(amount) OVER (ORDER BY posted_at, id) AS running, "
    "  COUNT(*) OVER () AS n, ROW_NUMBER() OVER (ORDER BY posted_at DESC, id DESC) AS newest "
    " FROM ledger_entries WHERE store_id = :s AND customer_id = :c AND posted_at >= :lo AND posted_at < :hi"
    ") WHERE newest <= :limit ORDER BY posted_at, id"
)
_BEFORE_SQL = text(
    "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE store_id = :s AND customer_id = :c AND posted_at < :lo"
)


def customer_statement(ctx: Context, customer_id: str, date_from: date | None = None, date_to: date | None = None,
                       *, limit: int = STATEMENT_ROWS) -> Statement:
    """Every movement in the period with a running balance (two statements)."""
    with ctx.read() as conn:
        return _statement(conn, ctx, customer_id, date_from, date_to, limit)


def _statement(conn, ctx: Context, customer_id: str, date_from: date | None, date_to: date | None,
               limit: int) -> Statement:
    lo = _day_start(date_from) if date_from else "0001-01-01"
    hi = _day_start(date_to + timedelta(days=1)) if date_to else "9999-12-31"
    params = {"s": ctx.store_id, "c": customer_id, "lo": lo, "hi": hi, "limit": limit}
    before = conn.execute(_BEFORE_SQL, params).scalar_one() if date_from else 0
    rows = conn.execute(_STATEMENT_SQL, params).mappings().all()
    out = [StatementRow(_to_dt(r["posted_at"]), r["document"] or "", r["kind"], r["note"] or "",
                        max(r["amount"], 0), max(-r["amount"], 0), before + r["running"], _to_date(r["due_date"]))
           for r in rows]
    hidden = (rows[0]["n"] - len(rows)) if rows else 0
    opening = (out[0].balance - out[0].debit + out[0].credit) if out else before
    closing = out[-1].balance if out else before
    return Statement(customer_id, date_from, date_to, opening, out, closing, hidden)


# ---------------------------------------------------------------- customer overview


@dataclass(frozen=True)
class Dues:
    open_bills: int
    oldest_due: date | None
    days_overdue: int
    aging: dict[str, int]

    @property
    def bucket(self) -> str:
        return aging_bucket(self.days_overdue)


@dataclass(frozen=True)
class PaymentRow:
    number: str
    kind: str          # sale | collection | refund
    method: str
    amount: int
    reference: str
    bill_number: str
    posted_at: datetime
    user_name: str


@dataclass(frozen=True)
class CustomerOverview:
    customer: CustomerView
    phone_e164: str | None
    dues: Dues
    statement: Statement
    bills: list[bills_service.BillRow]
    bills_total: int
    payments: list[PaymentRow]


_DUES_SQL = text(
    "SELECT COUNT(*) AS open_bills, MIN(due_date) AS oldest_due, "
    " COALESCE(SUM(CASE WHEN due_date IS NULL OR julianday(:today) - julianday(due_date) <= 30 "
    "  THEN open_amount END), 0) AS b0, "
    " COALESCE(SUM(CASE WHEN julianday(:today) - julianday(due_date) > 30 "
    "  AND julianday(:today) - julianday(due_date) <= 60 THEN open_amount END), 0) AS b1, "
    " COALESCE(SUM(CASE WHEN julianday(:today) - julianday(due_date) > 60 "
    "  AND julianday(:today) - julianday(due_date) <= 90 THEN open_amount END), 0) AS b2, "
    " COALESCE(SUM(CASE WHEN julianday(:today) - julianday(due_date) > 90 THEN open_amount END), 0) AS b3 "
    "FROM open_items WHERE store_id = :s AND customer_id = :c AND side = 'charge'"
)
_PAYMENTS_SQL = text(
    "SELECT p.number, p.kind, p.method, p.amount, p.reference, b.number AS bill_number, p.posted_at, p.user_name "
    "FROM payments p LEFT JOIN bills b ON b.id = p.bill_id "
    "WHERE p.store_id = :s AND p.customer_id = :c ORDER BY p.posted_at DESC, p.id DESC LIMIT :limit"
)


def _dues(conn, ctx: Context, customer_id: str) -> Dues:
    today = ctx.clock.today()
    r = conn.execute(_DUES_SQL, {"s": ctx.store_id, "c": customer_id, "today": today.isoformat()}).mappings().one()
    oldest = _to_date(r["oldest_due"])
    return Dues(r["open_bills"], oldest, days_past_due(oldest, today) if oldest else 0,
                {"0-30": r["b0"], "31-60": r["b1"], "61-90": r["b2"], "90+": r["b3"]})


def customer_payments(ctx: Context, customer_id: str, limit: int = 500) -> list[PaymentRow]:
    with ctx.read() as conn:
        return _payments(conn, ctx, customer_id, limit)


def _payments(conn, ctx: Context, customer_id: str, limit: int) -> list[PaymentRow]:
    rows = conn.execute(_PAYMENTS_SQL, {"s": ctx.store_id, "c": customer_id, "limit": limit}).mappings().all()
    return [PaymentRow(r["number"] or "", r["kind"], r["method"], r["amount"], r["reference"] or "",
                       r["bill_number"] or "", _to_dt(r["posted_at"]), r["user_name"] or "") for r in rows]


def customer_overview(ctx: Context, ref: str, *, bills_limit: int = 500, payments_limit: int = 500) -> CustomerOverview:
    """Everything the customer detail window shows, in a fixed number of statements."""
    with ctx.read() as conn:
        row = resolve(conn, ctx, ref)
        cid = row["id"]
        dues = _dues(conn, ctx, cid)
        statement = _statement(conn, ctx, cid, None, None, STATEMENT_ROWS)
        payments = _payments(conn, ctx, cid, payments_limit)
    page = bills_service.list_bills(ctx, customer_id=cid, limit=bills_limit)
    return CustomerOverview(_view(row), row["phone_e164"], dues, statement, page.rows, page.total_count, payments)


# ---------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class MonthFigures:
    month_start: date
    collected: int          # dues collected (Collect) + old dues settled at the till this month
    complimentary: int      # value of complimentary bills this month (not voided)
    complimentary_bills: int


_MONTH_SQL = text(
    "SELECT "
    " (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE store_id = :s AND kind = 'collection' "
    "   AND business_date >= :m AND business_date <= :today) AS collections, "
    " (SELECT COALESCE(SUM(applied_to_previous), 0) FROM bills WHERE store_id = :s AND voided_at IS NULL "
    "   AND business_date >= :m AND business_date <= :today) AS at_till, "
    " (SELECT COALESCE(SUM(retail_value), 0) FROM bills WHERE store_id = :s AND complimentary = 1 "
    "   AND voided_at IS NULL AND business_date >= :m AND business_date <= :today) AS comp, "
    " (SELECT COUNT(*) FROM bills WHERE store_id = :s AND complimentary = 1 "
    "   AND voided_at IS NULL AND business_date >= :m AND business_date <= :today) AS comp_n"
)


def month_figures(ctx: Context) -> MonthFigures:
    """Collected and complimentary value since the first of this month (one statement, date indexes)."""
    today = ctx.clock.today()
    start = today.replace(day=1)
    with ctx.read() as conn:
        r = conn.execute(_MONTH_SQL, {"s": ctx.store_id, "m": start.isoformat(),
                                      "today": today.isoformat()}).mappings().one()
    return MonthFigures(start, r["collections"] + r["at_till"], r["comp"], r["comp_n"])


@dataclass(frozen=True)
class SeriesPoint:
    day: date
    outstanding: int   # net of all customer balances at the end of that day


_NOW_TOTAL_SQL = text("SELECT COALESCE(SUM(balance), 0) FROM customers WHERE store_id = :s")
# Written to match the index ix_ledger_store_day (store_id, substr(posted_at, 1, 10), amount).
_DAILY_SQL = text(
    "SELECT substr(posted_at, 1, 10) AS d, SUM(amount) AS delta FROM ledger_entries "
    "WHERE store_id = :s AND substr(posted_at, 1, 10) >= :lo GROUP BY substr(posted_at, 1, 10)"
)


def outstanding_series(ctx: Context, days: int = 90) -> list[SeriesPoint]:
    """Total outstanding at the end of each of the last ``days`` days (two statements).

    Starts from today's cached total (Σ customers.balance, proven equal to the ledger by the
    integrity check) and subtracts each later day's ledger movements, so only the window's
    entries are read, never the whole ledger.
    """
    require(ctx, VIEW_BALANCES)
    today = ctx.clock.today()
    first = today - timedelta(days=days - 1)
    with ctx.read() as conn:
        total_now = conn.execute(_NOW_TOTAL_SQL, {"s": ctx.store_id}).scalar_one()
        deltas = {str(r.d): r.delta for r in conn.execute(
            _DAILY_SQL, {"s": ctx.store_id, "lo": (first + timedelta(days=1)).isoformat()})}
    # Entries posted after today (a clock moved back) count as today.
    after_today = sum(v for d, v in deltas.items() if d > today.isoformat())
    level = total_now - after_today
    points: list[SeriesPoint] = []
    day = today
    while day >= first:
        points.append(SeriesPoint(day, level))
        level -= deltas.get(day.isoformat(), 0)
        day -= timedelta(days=1)
    points.reverse()
    return points


@dataclass(frozen=True)
class Dashboard:
    summary: BalanceSummary
    month: MonthFigures
    series: list[SeriesPoint] = field(default_factory=list)


def dashboard(ctx: Context, *, with_series: bool = True) -> Dashboard:
    """The balances window's cards, bars and line (a fixed number of statements)."""
    summary = balances_service.summary(ctx)
    month = month_figures(ctx)
    series = outstanding_series(ctx) if with_series else []
    return Dashboard(summary, month, series)


# ---------------------------------------------------------------- reminder


@dataclass(frozen=True)
class Reminder:
    text: str
    whatsapp_url: str | None   # https://wa.me/<digits>?text=...
    upi_url: str | None        # upi://pay?...


def upi_link(ctx: Context, amount: int, note: str) -> str | None:
    from possuite.services.reports import upi_pay_link

    return upi_pay_link(ctx.store, amount, note, max_note=None)


def reminder_for(ctx: Context, overview: CustomerOverview) -> Reminder:
    """A ready-to-send payment reminder (pure formatting of the overview; no database access)."""
    c = overview.customer
    store = ctx.store
    amount = max(c.balance, 0)
    cur = ctx.currency
    lines = [f"Dear {c.name},", ""]
    if amount:
        due = overview.dues.oldest_due
        since = f" (oldest due {due.strftime('%d %b %Y')})" if due else ""
        lines.append(f"This is a friendly reminder from {store.name} that {format_money(amount, cur)} "
                     f"is pending on your account{since}.")
    else:
        lines.append(f"Thank you for shopping at {store.name}. Nothing is pending on your account.")
    upi = upi_link(ctx, amount, f"Dues {c.name}")
    if upi:
        lines += ["", f"Pay by UPI: {upi}"]
    if store.phone:
        lines += ["", f"Questions? Call us on {store.phone}."]
    lines += ["", "Thank you!"]
    msg = "\n".join(lines)
    wa = None
    if overview.phone_e164:
        digits = overview.phone_e164.lstrip("+")
        wa = f"https://wa.me/{digits}?text={quote(msg, safe='')}"
    return Reminder(msg, wa, upi)


def is_online(host: str = "wa.me", port: int = 443, timeout: float = 1.5) -> bool:
    """A quick reachability check (run it on a worker thread: it may take ``timeout`` seconds)."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
