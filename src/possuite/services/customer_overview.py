"""Everything the customer window shows about one customer: profile, dues and their aging, the
statement (``services.statement``, the same builder as the statement PDF), bills, payments, and the
ready-to-send payment reminder.

Reads only, in a fixed number of statements whatever the row counts (a test counts them).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from sqlalchemy import text

from possuite.db.dialect import PerDialect
from possuite.domain.dates import format_date, parse_date, parse_datetime
from possuite.domain.money import format_money, using_digits
from possuite.domain.status import aging_bucket, days_past_due
from possuite.domain.upi import upi_pay_link
from possuite.i18n import digits_for, translator
from possuite.services import bills as bills_service
from possuite.services.balances import aging_of, aging_sums
from possuite.services.context import Context
from possuite.services.customers import CustomerView, _view, resolve
from possuite.services.report_scope import ref_from_row
from possuite.services.statement import SCREEN_ROWS, CustomerStatement, build_statement


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
    statement: CustomerStatement   # the newest ``statement.SCREEN_ROWS`` movements up to today
    bills: list[bills_service.BillRow]
    bills_total: int
    payments: list[PaymentRow]


_DUES_SQL = PerDialect(lambda sp: text(
    "SELECT COUNT(*) AS open_bills, MIN(o.due_date) AS oldest_due, " + aging_sums(sp) +
    "FROM open_items o WHERE o.store_id = :s AND o.customer_id = :c AND o.side = 'charge'"
))
_PAYMENTS_SQL = text(
    "SELECT p.number, p.kind, p.method, p.amount, p.reference, b.number AS bill_number, p.posted_at, p.user_name "
    "FROM payments p LEFT JOIN bills b ON b.id = p.bill_id "
    "WHERE p.store_id = :s AND p.customer_id = :c ORDER BY p.posted_at DESC, p.id DESC LIMIT :limit"
)


def _dues(conn, ctx: Context, customer_id: str) -> Dues:
    today = ctx.clock.today()
    r = conn.execute(_DUES_SQL(conn), {"s": ctx.store_id, "c": customer_id,
                                       "today": today.isoformat()}).mappings().one()
    oldest = parse_date(r["oldest_due"])
    return Dues(r["open_bills"], oldest, days_past_due(oldest, today) if oldest else 0, aging_of(r))


def customer_payments(ctx: Context, customer_id: str, limit: int = 500) -> list[PaymentRow]:
    with ctx.read() as conn:
        return _payments(conn, ctx, customer_id, limit)


def _payments(conn, ctx: Context, customer_id: str, limit: int) -> list[PaymentRow]:
    rows = conn.execute(_PAYMENTS_SQL, {"s": ctx.store_id, "c": customer_id, "limit": limit}).mappings().all()
    return [PaymentRow(r["number"] or "", r["kind"], r["method"], r["amount"], r["reference"] or "",
                       r["bill_number"] or "", parse_datetime(r["posted_at"]), r["user_name"] or "") for r in rows]


def customer_overview(ctx: Context, ref: str, *, bills_limit: int = 500, payments_limit: int = 500) -> CustomerOverview:
    """Everything the customer detail window shows, in a fixed number of statements."""
    with ctx.read() as conn:
        row = resolve(conn, ctx, ref)
        cid = row["id"]
        dues = _dues(conn, ctx, cid)
        statement = build_statement(conn, ctx, ref_from_row(row), limit=SCREEN_ROWS)
        payments = _payments(conn, ctx, cid, payments_limit)
    page = bills_service.list_bills(ctx, customer_id=cid, limit=bills_limit)
    return CustomerOverview(_view(row), row["phone_e164"], dues, statement, page.rows, page.total_count, payments)


# ---------------------------------------------------------------- reminder


@dataclass(frozen=True)
class Reminder:
    text: str
    whatsapp_url: str | None   # https://wa.me/<digits>?text=...
    upi_url: str | None        # upi://pay?...


def reminder_for(ctx: Context, overview: CustomerOverview, lang: str | None = None) -> Reminder:
    """A ready-to-send payment reminder (pure formatting of the overview; no database access).

    Written for the customer: in ``lang``, by default the store's receipt language (possuite.i18n).
    """
    lang = lang or ctx.store.receipt_language
    _ = translator(lang).gettext
    c = overview.customer
    store = ctx.store
    amount = max(c.balance, 0)
    cur = ctx.currency
    lines = [_("Dear {name},").format(name=c.name), ""]
    if amount:
        due = overview.dues.oldest_due
        # the amount in the reader's digits (Devanagari for Hindi when the store picked them), like a receipt
        with using_digits(digits_for(lang, store.devanagari_digits)):
            values = {"store": store.name, "amount": format_money(amount, cur)}
        if due:
            lines.append(_("This is a friendly reminder from {store} that {amount} is pending on your account "
                           "(oldest due {due}).").format(due=format_date(due), **values))
        else:
            lines.append(_("This is a friendly reminder from {store} that {amount} is pending on your account.")
                         .format(**values))
    else:
        lines.append(_("Thank you for shopping at {store}. Nothing is pending on your account.")
                     .format(store=store.name))
    upi = upi_pay_link(store.upi_id, store.name, amount, store.currency, f"Dues {c.name}")
    if upi:
        lines += ["", _("Pay by UPI: {link}").format(link=upi)]
    if store.phone:
        lines += ["", _("Questions? Call us on {phone}.").format(phone=store.phone)]
    lines += ["", _("Thank you!")]
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
