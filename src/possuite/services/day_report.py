"""The day-end (Z) report of a business date: ``day_report(ctx, day=None) -> DayReport`` (eight statements)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import text

from possuite.db.dialect import PerDialect
from possuite.domain import quantity
from possuite.domain.cash import CASH_IN, CASH_OUT, REFUND, expected_cash
from possuite.domain.labels import METHOD_LABELS
from possuite.services import chain
from possuite.services.context import Context, StoreSettings
from possuite.services.perf import REPORT, timed
from possuite.services.permissions import VIEW_BALANCES, require
from possuite.services.report_scope import day_start
from possuite.services.shifts import ShiftLine, shifts_of_day


@dataclass(frozen=True)
class DayReport:
    """The day's activity, as it happened (a bill voided later still counts as sold on its day).

    ``sales_total == gross - discounts + tax_added``; ``net_sales == sales_total - voids_value - returns_value``
    (credit notes of the day, whichever day their bill was posted);
    ``expected_cash`` is ``domain.cash.expected_cash`` (the shift's rule): the opening floats and cash in/out
    of the day's shifts, plus ``tenders["cash"] - refunds["cash"]``.
    """

    store: StoreSettings
    day: date
    generated_at: datetime
    bills: int                   # posted this day (complimentary included)
    first_number: str
    last_number: str
    gross: int                   # price × quantity of the paying bills' lines (each rounded once)
    discounts: int               # line + bill discounts
    tax: int                     # all tax in the sales (inclusive and added)
    tax_added: int               # tax added on top of prices (exclusive rates)
    sales_total: int             # Σ bill totals
    complimentary_count: int
    complimentary_value: int
    tenders: dict[str, int]      # money received by method (sales + collections, change already given back)
    cash_tendered: int
    change_given: int
    refunds: dict[str, int]      # money paid back by method (positive)
    pending_created: int         # left owing on this day's bills
    advance_used: int            # earlier customer credit used on this day's bills
    collections_count: int
    collections: int             # dues collected without a bill
    dues_at_checkout: int        # older dues paid along with a new bill
    voids_count: int             # bills voided this day (whenever they were posted)
    voids_value: int
    cashiers: dict[str, int] = field(default_factory=dict)   # bills per cashier
    shifts: tuple[ShiftLine, ...] = ()                        # the till's shifts opened this day
    returns_count: int = 0       # credit notes issued this day (services/returns.py)
    returns_value: int = 0       # Σ their totals (what customers were credited)
    returns_tax: int = 0         # the tax they reversed
    cess: int = 0                # the GST compensation cess in the sales (inside ``tax``)
    #: per store, (bills, sales total): only where the report spans stores (the hub's back office)
    stores: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: This till's last hash of the day in its tamper-evident chain (docs/architecture.md §3.6), "" none.
    last_hash: str = ""

    @property
    def last_hash_short(self) -> str:
        """What the printed reports show: the first ``chain.SHORT`` characters."""
        return self.last_hash[:chain.SHORT]

    @property
    def net_sales(self) -> int:
        return self.sales_total - self.voids_value - self.returns_value

    @property
    def dues_collected(self) -> int:
        return self.collections + self.dues_at_checkout

    @property
    def received(self) -> int:
        return sum(self.tenders.values())

    @property
    def refunded(self) -> int:
        return sum(self.refunds.values())

    @property
    def opening_float(self) -> int:
        """The floats the day's shifts opened with (0 without shifts)."""
        return sum(s.shift.opening_float for s in self.shifts)

    @property
    def cash_in(self) -> int:
        return sum(s.figures.cash_of(CASH_IN) for s in self.shifts)

    @property
    def cash_out(self) -> int:
        """Cash taken out of the drawers during the day's shifts (signed: 0 or less)."""
        return sum(s.figures.cash_of(CASH_OUT) for s in self.shifts)

    @property
    def expected_cash(self) -> int:
        return expected_cash(self.opening_float, {"received": self.tenders.get("cash", 0),
                                                  REFUND: -self.refunds.get("cash", 0),
                                                  CASH_IN: self.cash_in, CASH_OUT: self.cash_out})


_DAY_BILLS_SQL = PerDialect(lambda sp: text(
    "SELECT COUNT(*) AS n, "
    " (SELECT number FROM bills WHERE store_id = :s AND business_date = :d ORDER BY posted_at, rowid LIMIT 1)"
    "  AS first_number, "
    " (SELECT number FROM bills WHERE store_id = :s AND business_date = :d ORDER BY posted_at DESC, rowid DESC"
    "  LIMIT 1) AS last_number, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN 0 ELSE b.total END), 0) AS sales_total, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN 1 ELSE 0 END), 0) AS comp_n, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN b.retail_value ELSE 0 END), 0) AS comp_value, "
    " COALESCE(SUM(b.applied_to_previous), 0) AS dues_at_checkout, "
    " COALESCE(SUM(CASE WHEN b.complimentary THEN 0 ELSE b.advance_used END), 0) AS advance_used, "
    " COALESCE(SUM(CASE WHEN b.complimentary OR b.customer_id IS NULL THEN 0 ELSE "
    "   " + sp.greatest("0", "b.total - b.advance_used - (COALESCE(p.paid, 0) - b.applied_to_previous)") +
    " END), 0) AS pending "
    "FROM bills b LEFT JOIN (SELECT bill_id, SUM(amount) AS paid FROM payments "
    "  WHERE store_id = :s AND kind = 'sale' AND business_date = :d GROUP BY bill_id) p ON p.bill_id = b.id "
    "WHERE b.store_id = :s AND b.business_date = :d"))
_DAY_LINES_SQL = text(
    "SELECT COALESCE(SUM(" + quantity.line_value_sql("l") + "), 0) AS gross, "
    " COALESCE(SUM(l.line_discount + l.bill_discount), 0) AS discounts, COALESCE(SUM(l.tax), 0) AS tax, "
    " COALESCE(SUM(CASE WHEN l.tax_inclusive THEN 0 ELSE l.tax END), 0) AS tax_added, "
    " COALESCE(SUM(l.cess), 0) AS cess "
    "FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
    "WHERE b.store_id = :s AND b.business_date = :d AND NOT b.complimentary")
_DAY_PAYMENTS_SQL = text(
    "SELECT kind, method, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount, "
    " COALESCE(SUM(tendered), 0) AS tendered, COALESCE(SUM(change), 0) AS change "
    "FROM payments WHERE store_id = :s AND business_date = :d GROUP BY kind, method")
_DAY_VOIDS_SQL = PerDialect(lambda sp: text(
    "SELECT 'void' AS what, COUNT(*) AS n, COALESCE(SUM(total), 0) AS value, 0 AS tax FROM bills "
    "WHERE store_id = :s AND voided_at >= :lo AND voided_at < :hi "
    "UNION ALL SELECT 'returns', COUNT(*), COALESCE(SUM(total), 0), "
    " COALESCE(SUM(CASE WHEN complimentary THEN 0 ELSE tax END), 0) FROM credit_notes "
    "WHERE store_id = :s AND business_date = :d "
    "UNION ALL SELECT 'cashier:' || user_name, COUNT(*), 0, 0 FROM bills "
    "WHERE store_id = :s AND business_date = :d GROUP BY user_name "
    # Bills and sales per store the rows belong to (several only in the hub's back office, every store).
    "UNION ALL SELECT 'store:' || " + sp.home_store("bills") + ", COUNT(*), "
    " COALESCE(SUM(CASE WHEN complimentary THEN 0 ELSE total END), 0), 0 FROM bills "
    "WHERE store_id = :s AND business_date = :d GROUP BY " + sp.home_store("bills")))


@timed(REPORT, "day report")
def day_report(ctx: Context, day: date | None = None) -> DayReport:
    """The Z report of ``day`` (default today), in eight statements (three for its shifts, one for the day's
    last hash in the till's chain)."""
    require(ctx, VIEW_BALANCES)
    day = day or ctx.clock.today()
    params = {"s": ctx.store_id, "d": day.isoformat(), "lo": day_start(day).isoformat(sep=" "),
              "hi": day_start(day + timedelta(days=1)).isoformat(sep=" ")}
    with ctx.read() as conn:
        b = conn.execute(_DAY_BILLS_SQL(conn), params).mappings().one()
        ln = conn.execute(_DAY_LINES_SQL, params).mappings().one()
        pays = conn.execute(_DAY_PAYMENTS_SQL, params).mappings().all()
        extra = conn.execute(_DAY_VOIDS_SQL(conn), params).mappings().all()
        shifts = tuple(shifts_of_day(conn, ctx, day))
        # A till's own chain; the hub's back office has no till of its own (its check verifies each till's).
        last_hash = "" if ctx.is_back_office else chain.day_last_hash(conn, ctx.store_id, day.isoformat())
    tenders: dict[str, int] = defaultdict(int)
    refunds: dict[str, int] = defaultdict(int)
    collections = collections_n = cash_tendered = change = 0
    for p in pays:
        if p["kind"] == "refund":
            refunds[p["method"]] += -p["amount"]
            continue
        tenders[p["method"]] += p["amount"]
        if p["method"] == "cash":
            cash_tendered += p["tendered"]
            change += p["change"]
        if p["kind"] == "collection":
            collections += p["amount"]
            collections_n += p["n"]
    voids = next(r for r in extra if r["what"] == "void")
    returns = next(r for r in extra if r["what"] == "returns")
    cashiers = {r["what"].removeprefix("cashier:") or "-": r["n"] for r in extra
                if r["what"].startswith("cashier:")}
    stores = {ctx.store_of_row(r["what"].removeprefix("store:")): (r["n"], r["value"]) for r in extra
              if r["what"].startswith("store:")} if ctx.spans_stores else {}
    order = {m_: i for i, m_ in enumerate(METHOD_LABELS)}
    return DayReport(
        store=ctx.store, day=day, generated_at=ctx.clock.now(), bills=b["n"],
        first_number=b["first_number"] or "", last_number=b["last_number"] or "", gross=ln["gross"],
        discounts=ln["discounts"], tax=ln["tax"], tax_added=ln["tax_added"], sales_total=b["sales_total"],
        complimentary_count=b["comp_n"], complimentary_value=b["comp_value"],
        tenders=dict(sorted(tenders.items(), key=lambda kv: order.get(kv[0], 99))),
        cash_tendered=cash_tendered, change_given=change,
        refunds=dict(sorted(refunds.items(), key=lambda kv: order.get(kv[0], 99))),
        pending_created=b["pending"], advance_used=b["advance_used"], collections_count=collections_n,
        collections=collections, dues_at_checkout=b["dues_at_checkout"], voids_count=voids["n"],
        voids_value=voids["value"], cashiers=cashiers, shifts=shifts, returns_count=returns["n"],
        returns_value=returns["value"], returns_tax=returns["tax"], stores=dict(sorted(stores.items())),
        cess=ln["cess"], last_hash=last_hash)


