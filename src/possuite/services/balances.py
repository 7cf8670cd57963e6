"""Who owes what and since when: store totals, per-customer balances and aging (one query each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text

from possuite.domain.money import round_half_up
from possuite.domain.status import aging_bucket
from possuite.services.context import Context
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.phones import display_phone

_AGE = "(julianday(:today) - julianday(o.due_date))"

SUMMARY_SQL = text(
    "SELECT (SELECT COUNT(*) FROM customers WHERE store_id = :s AND balance > 0) AS customers_owing, "
    "(SELECT COALESCE(SUM(balance), 0) FROM customers WHERE store_id = :s AND balance > 0) AS total_outstanding, "
    "(SELECT COALESCE(SUM(o.open_amount), 0) FROM open_items o WHERE o.store_id = :s AND o.side = 'charge' "
    " AND o.due_date < :today) AS overdue, "
    f"(SELECT COALESCE(SUM(CASE WHEN o.due_date IS NULL OR {_AGE} <= 30 THEN o.open_amount END), 0) "
    "  FROM open_items o WHERE o.store_id = :s AND o.side = 'charge') AS b0, "
    f"(SELECT COALESCE(SUM(CASE WHEN {_AGE} > 30 AND {_AGE} <= 60 THEN o.open_amount END), 0) "
    "  FROM open_items o WHERE o.store_id = :s AND o.side = 'charge') AS b1, "
    f"(SELECT COALESCE(SUM(CASE WHEN {_AGE} > 60 AND {_AGE} <= 90 THEN o.open_amount END), 0) "
    "  FROM open_items o WHERE o.store_id = :s AND o.side = 'charge') AS b2, "
    f"(SELECT COALESCE(SUM(CASE WHEN {_AGE} > 90 THEN o.open_amount END), 0) "
    "  FROM open_items o WHERE o.store_id = :s AND o.side = 'charge') AS b3"
)

LIST_SQL = (
    "SELECT c.id, c.name, c.phone, c.phone_e164, c.balance, c.last_payment_at, c.last_visit, c.active, "
    " COUNT(o.bill_id) AS open_bills, MIN(o.due_date) AS oldest_due, "
    f" COALESCE(SUM(CASE WHEN o.due_date IS NULL OR {_AGE} <= 30 THEN o.open_amount END), 0) AS b0, "
    f" COALESCE(SUM(CASE WHEN {_AGE} > 30 AND {_AGE} <= 60 THEN o.open_amount END), 0) AS b1, "
    f" COALESCE(SUM(CASE WHEN {_AGE} > 60 AND {_AGE} <= 90 THEN o.open_amount END), 0) AS b2, "
    f" COALESCE(SUM(CASE WHEN {_AGE} > 90 THEN o.open_amount END), 0) AS b3 "
    # The page of customers is chosen first (balance index, top-N sort), then only their open items
    # are aggregated: grouping every owing customer before the LIMIT took ~0.8 s at 25,000 owing.
    "FROM (SELECT id, name, phone, phone_e164, balance, last_payment_at, last_visit, active, name_key "
    "      FROM customers WHERE store_id = :s AND balance > 0 "
    "      ORDER BY balance DESC, name_key, id LIMIT :limit OFFSET :offset) c "
    "LEFT JOIN open_items o ON o.customer_id = c.id AND o.store_id = :s AND o.side = 'charge' "
    "GROUP BY c.id ORDER BY c.balance DESC, c.name_key, c.id"
)


@dataclass(frozen=True)
class BalanceSummary:
    total_outstanding: int
    customers_owing: int
    average_balance: int
    overdue: int
    aging: dict[str, int]

    def as_json(self) -> dict:
        return {"total_outstanding": self.total_outstanding, "customers_owing": self.customers_owing,
                "average_balance": self.average_balance, "overdue": self.overdue, "aging": self.aging}


@dataclass(frozen=True)
class CustomerBalance:
    id: str
    name: str
    phone: str | None
    phone_display: str
    balance: int
    open_bills: int
    oldest_due: date | None
    days_overdue: int
    last_payment: datetime | None
    last_order: datetime | None
    aging: dict[str, int]
    bucket: str
    active: bool

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "phone": self.phone, "phone_display": self.phone_display,
                "balance": self.balance, "open_bills": self.open_bills,
                "oldest_due": self.oldest_due.isoformat() if self.oldest_due else None,
                "days_overdue": self.days_overdue,
                "last_payment": self.last_payment.isoformat() if self.last_payment else None,
                "last_order": self.last_order.isoformat() if self.last_order else None,
                "aging": self.aging, "bucket": self.bucket, "active": self.active}


def _to_date(v) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def _to_dt(v) -> datetime | None:
    if v is None or isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def summary(ctx: Context) -> BalanceSummary:
    require(ctx, VIEW_BALANCES)
    with ctx.read() as conn:
        r = conn.execute(SUMMARY_SQL, {"s": ctx.store_id, "today": ctx.clock.today().isoformat()}).mappings().one()
    owing = r["customers_owing"]
    return BalanceSummary(
        total_outstanding=r["total_outstanding"], customers_owing=owing,
        average_balance=round_half_up(r["total_outstanding"], owing) if owing else 0, overdue=r["overdue"],
        aging={"0-30": r["b0"], "31-60": r["b1"], "61-90": r["b2"], "90+": r["b3"]},
    )


def customer_balances(ctx: Context, limit: int = 1000, offset: int = 0) -> list[CustomerBalance]:
    require(ctx, VIEW_BALANCES)
    today = ctx.clock.today()
    with ctx.read() as conn:
        rows = conn.execute(text(LIST_SQL), {"s": ctx.store_id, "today": today.isoformat(), "limit": limit,
                                             "offset": offset}).mappings().all()
    out = []
    for r in rows:
        oldest = _to_date(r["oldest_due"])
        days = max((today - oldest).days, 0) if oldest else 0
        out.append(CustomerBalance(
            id=r["id"], name=r["name"], phone=r["phone"], phone_display=display_phone(r["phone_e164"], r["phone"]),
            balance=r["balance"], open_bills=r["open_bills"], oldest_due=oldest, days_overdue=days,
            last_payment=_to_dt(r["last_payment_at"]), last_order=_to_dt(r["last_visit"]),
            aging={"0-30": r["b0"], "31-60": r["b1"], "61-90": r["b2"], "90+": r["b3"]},
            bucket=aging_bucket(days), active=bool(r["active"]),
        ))
    return out
