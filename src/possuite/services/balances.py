"""Who owes what and since when: store totals, per-customer balances and aging (one query each), and
the balances window's dashboard (this month's figures, the outstanding amount day by day).

The dashboard never scans the ledger: it starts from the cached balances and walks back over the
last 90 days of entries in one grouped query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import text

from possuite.db.dialect import PerDialect, Spelling
from possuite.domain.dates import parse_date, parse_datetime
from possuite.domain.errors import ValidationError
from possuite.domain.money import round_half_up
from possuite.domain.status import AGING_BUCKETS, aging_bucket
from possuite.services.context import Context
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.phones import display_phone


def _age(sp: Spelling) -> str:
    return sp.days_between(":today", "o.due_date")


def _summary_sql(sp: Spelling):
    # Two passes: the owing customers (balance index), then the open charges once for the overdue
    # amount and every aging bucket (the hub's back office reads 100,000 customers' in one scan).
    return text(
        "SELECT c.customers_owing, c.total_outstanding, c.over_limit, o.overdue, o.b0, o.b1, o.b2, o.b3 FROM "
        "(SELECT COUNT(*) AS customers_owing, COALESCE(SUM(balance), 0) AS total_outstanding, "
        " COALESCE(SUM(CASE WHEN credit_limit IS NOT NULL AND balance > credit_limit THEN 1 ELSE 0 END), 0) "
        " AS over_limit FROM customers WHERE store_id = :s AND balance > 0) c, "
        "(SELECT COALESCE(SUM(CASE WHEN o.due_date < :today THEN o.open_amount END), 0) AS overdue, "
        + aging_sums(sp) + " FROM open_items o WHERE o.store_id = :s AND o.side = 'charge') o"
    )


def aging_sums(sp: Spelling) -> str:
    """The open charges ``o`` (open_items) summed per aging bucket as b0..b3, at ``:today`` (see ``aging_of``)."""
    age = _age(sp)
    return (
        f" COALESCE(SUM(CASE WHEN o.due_date IS NULL OR {age} <= 30 THEN o.open_amount END), 0) AS b0, "
        f" COALESCE(SUM(CASE WHEN {age} > 30 AND {age} <= 60 THEN o.open_amount END), 0) AS b1, "
        f" COALESCE(SUM(CASE WHEN {age} > 60 AND {age} <= 90 THEN o.open_amount END), 0) AS b2, "
        f" COALESCE(SUM(CASE WHEN {age} > 90 THEN o.open_amount END), 0) AS b3 "
    )


SUMMARY_SQL = PerDialect(_summary_sql)


def aging_of(r) -> dict[str, int]:
    """The b0..b3 columns of a row as ``{"0-30": ..., "31-60": ..., "61-90": ..., "90+": ...}``."""
    return dict(zip(AGING_BUCKETS, (r["b0"], r["b1"], r["b2"], r["b3"]), strict=True))


#: Customers over their credit limit (flagged on the balances window; after a sync their balances
#: include what they bought at the other tills).
OVER_LIMIT = "credit_limit IS NOT NULL AND balance > credit_limit"


#: The balances list's orders (the window's sortable headings): each sort key's columns, the first chosen
#: ascending or descending, the others (ties) always ascending, the id last. ``balance`` breaks its ties by
#: name, as the list always did; a time column (``last_payment``) puts NULLs (never paid) first ascending,
#: last descending, said in the SQL so the hub (PostgreSQL) orders alike (docs/architecture.md §5).
SORTS: dict[str, tuple[str, ...]] = {
    "balance": ("balance", "name_key", "id"),
    "name": ("name_key", "id"),
    "last_payment": ("last_payment_at", "id"),
}
_NULLABLE = frozenset({"last_payment_at"})


def _order_by(alias: str, sort: str, desc: bool) -> str:
    keys = SORTS[sort]
    first = f"{alias}{keys[0]} {'DESC' if desc else 'ASC'}"
    if keys[0] in _NULLABLE:
        first += " NULLS LAST" if desc else " NULLS FIRST"
    return ", ".join([first, *(f"{alias}{k}" for k in keys[1:])])


def _after_sql(sort: str, desc: bool, null_key: bool) -> str:
    """The rows after the cursor ``(:k0, :k1, ..., :id)`` in ``_order_by``'s order (keyset paging).

    ``key >= :k0`` (``<=`` descending) is said on its own, so the sort's index is read as a range from the
    cursor on rather than from its start; ``null_key``: the cursor's first key is NULL (a nullable key).
    """
    keys = SORTS[sort]
    params = [f":k{i}" for i in range(len(keys) - 1)] + [":id"]
    # The ties: (k1, ..., id) after the cursor's, all ascending.
    tail = f"{keys[-1]} > {params[-1]}"
    for k, p in zip(reversed(keys[1:-1]), reversed(params[1:-1]), strict=True):
        tail = f"({k} > {p} OR ({k} = {p} AND {tail}))"
    first, p0 = keys[0], params[0]
    if null_key:  # only a nullable first key: the NULLs' tail by id, then (ascending) every row with a key
        rest = f"({first} IS NULL AND {tail})"
        return rest if desc else f"({rest} OR {first} IS NOT NULL)"
    beyond, reach = ("<", "<=") if desc else (">", ">=")
    cond = f"({first} {reach} {p0} AND ({first} {beyond} {p0} OR ({first} = {p0} AND {tail})))"
    if first in _NULLABLE and desc:
        cond = f"({cond} OR {first} IS NULL)"
    return cond


def _list_sql(sp: Spelling, over_limit: bool, sort: str = "balance", desc: bool = True,
              after: str | None = None):
    """``after``: None (the first page, or ``OFFSET``), ``"key"`` (after a cursor), ``"null"`` (after a cursor
    whose first key is NULL)."""
    # By name, the name index read from the cursor on finds a page of owing customers (about one in five at
    # shop scale) in a few ms; SQLite would rather read every owing customer by the balance index and sort
    # them (35 ms a page). Over the limit (few customers) the balance index stays the better road.
    owing = sp.unindexed("balance") if sort == "name" and not over_limit else "balance"
    return text(
        "SELECT c.id, c.name, c.phone, c.phone_e164, c.balance, c.credit_limit, c.last_payment_at, c.last_visit, "
        " c.active, c.home_store, c.name_key, COUNT(o.bill_id) AS open_bills, MIN(o.due_date) AS oldest_due, "
        + aging_sums(sp) +
        # The page of customers is chosen first (balance index, top-N sort), then only their open items
        # are aggregated: grouping every owing customer before the LIMIT took ~0.8 s at 25,000 owing.
        "FROM (SELECT id, name, phone, phone_e164, balance, credit_limit, last_payment_at, last_visit, active, "
        "      name_key, " + sp.home_store("customers") + " AS home_store "
        f"      FROM customers WHERE store_id = :s AND {owing} > 0 "
        + (f"      AND {OVER_LIMIT} " if over_limit else "")
        + (f"      AND {_after_sql(sort, desc, after == 'null')} " if after else "")
        + f"      ORDER BY {_order_by('', sort, desc)} LIMIT :limit" + ("" if after else " OFFSET :offset") + ") c "
        "LEFT JOIN open_items o ON o.customer_id = c.id AND o.store_id = :s AND o.side = 'charge' "
        # Every selected column is grouped on: PostgreSQL (the hub) does not infer them from c.id.
        "GROUP BY c.id, c.name, c.phone, c.phone_e164, c.balance, c.credit_limit, c.last_payment_at, c.last_visit, "
        f"c.active, c.name_key, c.home_store ORDER BY {_order_by('c.', sort, desc)}"
    )


@cache
def _list(over_limit: bool, sort: str, desc: bool, after: str | None) -> PerDialect:
    return PerDialect(lambda sp: _list_sql(sp, over_limit, sort, desc, after))


@dataclass(frozen=True)
class BalanceSummary:
    total_outstanding: int
    customers_owing: int
    average_balance: int
    overdue: int
    aging: dict[str, int]
    over_limit: int = 0  # customers who owe more than their credit limit

    def as_json(self) -> dict:
        return {"total_outstanding": self.total_outstanding, "customers_owing": self.customers_owing,
                "average_balance": self.average_balance, "overdue": self.overdue, "aging": self.aging,
                "over_limit": self.over_limit}


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
    credit_limit: int | None = None
    store: str = ""   # the store's name where the list spans stores (the hub's back office), else ""

    @property
    def over_limit(self) -> bool:
        return self.credit_limit is not None and self.balance > self.credit_limit

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "phone": self.phone, "phone_display": self.phone_display,
                "balance": self.balance, "open_bills": self.open_bills,
                "oldest_due": self.oldest_due.isoformat() if self.oldest_due else None,
                "days_overdue": self.days_overdue,
                "last_payment": self.last_payment.isoformat() if self.last_payment else None,
                "last_order": self.last_order.isoformat() if self.last_order else None,
                "aging": self.aging, "bucket": self.bucket, "active": self.active,
                "credit_limit": self.credit_limit, "over_limit": self.over_limit}


def summary(ctx: Context) -> BalanceSummary:
    require(ctx, VIEW_BALANCES)
    with ctx.read() as conn:
        r = conn.execute(SUMMARY_SQL(conn), {"s": ctx.store_id,
                                             "today": ctx.clock.today().isoformat()}).mappings().one()
    owing = r["customers_owing"]
    return BalanceSummary(
        total_outstanding=r["total_outstanding"], customers_owing=owing,
        average_balance=round_half_up(r["total_outstanding"], owing) if owing else 0, overdue=r["overdue"],
        aging=aging_of(r), over_limit=r["over_limit"],
    )


@dataclass(frozen=True)
class BalancePage:
    rows: list[CustomerBalance]
    #: The last row's sort key(s) and id: pass it as ``after`` for the next page (keyset paging); None if no rows.
    after: tuple[Any, ...] | None = None


def balances_page(ctx: Context, *, sort: str = "balance", desc: bool = True, limit: int = 1000, offset: int = 0,
                  after: tuple[Any, ...] | None = None, over_limit: bool = False) -> BalancePage:
    """A page of the customers who owe (``over_limit``: only those over their credit limit), one statement.

    The order is ``SORTS[sort]`` (the first key descending with ``desc``; highest balance first by default).
    ``after`` (a previous page's ``BalancePage.after``) reads the rows that follow that row in the same order
    (keyset paging): a range of the balance index however deep the page, where ``offset`` reads and drops
    every row before it (24 ms at row 10,000 of 19,323 owing at shop scale, 40 ms at row 19,000).
    """
    require(ctx, VIEW_BALANCES)
    if sort not in SORTS:
        raise ValidationError("sort", "must be one of {choices}", choices=", ".join(SORTS))
    keys = SORTS[sort]
    today = ctx.clock.today()
    params: dict[str, Any] = {"s": ctx.store_id, "today": today.isoformat(), "limit": limit, "offset": offset}
    variant = None
    if after is not None:
        *values, params["id"] = after  # a previous page's cursor of the same sort (a programming error else)
        params.update({f"k{i}": v for i, v in enumerate(values)})
        del params["offset"]  # the statement after a cursor has no OFFSET
        variant = "null" if values[0] is None else "key"
    with ctx.read() as conn:
        rows = conn.execute(_list(over_limit, sort, desc, variant)(conn), params).mappings().all()
    out = []
    for r in rows:
        oldest = parse_date(r["oldest_due"])
        days = max((today - oldest).days, 0) if oldest else 0
        out.append(CustomerBalance(
            id=r["id"], name=r["name"], phone=r["phone"], phone_display=display_phone(r["phone_e164"], r["phone"]),
            balance=r["balance"], open_bills=r["open_bills"], oldest_due=oldest, days_overdue=days,
            last_payment=parse_datetime(r["last_payment_at"]), last_order=parse_datetime(r["last_visit"]),
            aging=aging_of(r),
            bucket=aging_bucket(days), active=bool(r["active"]), credit_limit=r["credit_limit"],
            store=ctx.store_of_row(r["home_store"]),
        ))
    # The cursor holds each key as the database returned it (a time as its stored text on SQLite), so the
    # next page compares it with the column as stored.
    last = tuple(rows[-1][k] for k in keys) if rows else None
    return BalancePage(out, last)


def customer_balances(ctx: Context, limit: int = 1000, offset: int = 0, *,
                      over_limit: bool = False) -> list[CustomerBalance]:
    """Customers who owe, highest first (``over_limit``: only those over their credit limit); one statement."""
    return balances_page(ctx, limit=limit, offset=offset, over_limit=over_limit).rows


# ---------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class MonthFigures:
    month_start: date
    collected: int          # dues collected (Collect) + old dues settled at the till this month
    complimentary: int      # value of complimentary bills this month (not voided)
    complimentary_bills: int


# The month's bills are read once for all three of their figures (three passes over them took 11 of the
# statement's 17 ms at shop scale on the 2nd of a month).
_MONTH_SQL = text(
    "SELECT "
    " (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE store_id = :s AND kind = 'collection' "
    "   AND business_date >= :m AND business_date <= :today) AS collections, "
    " b.at_till, b.comp, b.comp_n FROM "
    " (SELECT COALESCE(SUM(applied_to_previous), 0) AS at_till, "
    "   COALESCE(SUM(CASE WHEN complimentary THEN retail_value END), 0) AS comp, "
    "   COUNT(CASE WHEN complimentary THEN 1 END) AS comp_n "
    "   FROM bills WHERE store_id = :s AND voided_at IS NULL "
    "   AND business_date >= :m AND business_date <= :today) b"
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
_DAILY_SQL = PerDialect(lambda sp: text(
    f"SELECT {sp.day_of('posted_at')} AS d, SUM(amount) AS delta FROM ledger_entries "
    f"WHERE store_id = :s AND {sp.day_of('posted_at')} >= :lo GROUP BY {sp.day_of('posted_at')}"
))


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
            _DAILY_SQL(conn), {"s": ctx.store_id, "lo": (first + timedelta(days=1)).isoformat()})}
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
    summary_ = summary(ctx)
    month = month_figures(ctx)
    series = outstanding_series(ctx) if with_series else []
    return Dashboard(summary_, month, series)
