"""The owner pages' read models: statement, customer overview, dashboard figures, the 90-day series, reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlparse

from sqlalchemy import event, text

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services import balances, customer_overview, statement
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.customers import add_customer
from possuite.services.store_settings import update_settings


def sell(ctx, customer_id, total, paid=0, *, comp=False, desc="Haircut"):
    tenders = [Tender("cash", paid)] if paid else []
    req = SaleRequest(lines=[CartLine(desc, 1000, total)], customer_id=customer_id, tenders=tenders,
                      leave_pending=bool(paid) and paid < total, no_payment=not paid and not comp,
                      complimentary=comp, reason="family" if comp else "")
    return complete_sale(ctx, req)


class StatementCounter:
    def __init__(self, engine):
        self.engine = engine
        self.count = 0

    def _hit(self, conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith("BEGIN"):  # the engine's own transaction start
            self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._hit)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._hit)


def test_statement_runs_balance_through_sales_payments_and_writeoffs(ctx, clock):
    asha = add_customer(ctx, "Asha Rao", "98450 12345")
    clock.set(datetime(2026, 9, 1, 11, 0))
    sell(ctx, asha.id, 100000, 40000)            # owes 600
    clock.set(datetime(2026, 9, 20, 12, 0))
    sell(ctx, asha.id, 50000)                    # owes 1100
    clock.set(datetime(2026, 10, 5, 9, 0))
    collect_dues(ctx, asha.id, 30000, "upi")     # owes 800
    clock.set(datetime(2026, 10, 30, 9, 0))
    adjust(ctx, asha.id, -10000, "goodwill")     # owes 700

    st = statement.customer_statement(ctx, asha.id)
    assert st.opening == 0
    assert [r.balance for r in st.lines] == [100000, 60000, 110000, 80000, 70000]
    assert [(r.debit, r.credit) for r in st.lines] == [(100000, 0), (0, 40000), (50000, 0), (0, 30000), (0, 10000)]
    assert st.lines[0].label == "Bill" and st.lines[3].document.startswith("RCP-") and st.lines[4].label == "Write-off"
    assert st.closing == 70000

    period = statement.customer_statement(ctx, asha.id, date(2026, 9, 15), date(2026, 10, 10))
    assert period.opening == 60000
    assert [r.balance for r in period.lines] == [110000, 80000]
    assert period.closing == 80000

    newest = statement.customer_statement(ctx, asha.id, limit=2)
    assert newest.hidden_rows == 3
    assert newest.opening == 110000
    assert [r.balance for r in newest.lines] == [80000, 70000]


def test_overview_has_dues_bills_and_payments(ctx, clock):
    ravi = add_customer(ctx, "Ravi Kumar", "9876543210")
    clock.set(datetime(2026, 7, 1, 10, 0))
    old = sell(ctx, ravi.id, 60000)
    clock.set(datetime(2026, 10, 20, 10, 0))
    sell(ctx, ravi.id, 30000, 10000)
    clock.set(datetime(2026, 11, 1, 10, 0))

    ov = customer_overview.customer_overview(ctx, "9876543210")
    assert ov.customer.balance == 80000
    assert ov.dues.open_bills == 2
    assert ov.dues.oldest_due == date(2026, 7, 31)
    assert ov.dues.days_overdue == 93 and ov.dues.bucket == "90+"
    assert ov.dues.aging == {"0-30": 20000, "31-60": 0, "61-90": 0, "90+": 60000}
    assert {b.number for b in ov.bills} == {old.number, ov.bills[0].number} and ov.bills_total == 2
    assert [p.amount for p in ov.payments] == [10000]
    assert ov.payments[0].bill_number == ov.bills[0].number
    assert ov.statement.closing == ov.customer.balance


def test_month_figures_count_collections_settled_dues_and_complimentary(ctx, clock):
    a = add_customer(ctx, "Meena Iyer", "9000000001")
    clock.set(datetime(2026, 10, 10, 10, 0))
    sell(ctx, a.id, 50000)
    collect_dues(ctx, a.id, 10000, "cash")          # last month: not counted
    clock.set(datetime(2026, 11, 1, 9, 0))
    collect_dues(ctx, a.id, 15000, "card")           # counted
    # pays 30000 for a 20000 bill: 10000 settles old dues at the till (counted)
    complete_sale(ctx, SaleRequest(lines=[CartLine("Facial", 1000, 20000)], customer_id=a.id,
                                   tenders=[Tender("cash", 30000)]))
    sell(ctx, a.id, 45000, comp=True, desc="Bridal trial")
    comp = sell(ctx, a.id, 5000, comp=True, desc="Head massage")
    void_bill(ctx, comp.number, "entered by mistake")

    mf = balances.month_figures(ctx)
    assert mf.month_start == date(2026, 11, 1)
    assert mf.collected == 15000 + 10000
    assert mf.complimentary == 45000 and mf.complimentary_bills == 1


def test_series_ends_at_todays_total_and_walks_back_through_the_ledger(ctx, clock):
    a = add_customer(ctx, "Kiran", "9000000002")
    b = add_customer(ctx, "Lata", "9000000003")
    clock.set(datetime(2026, 6, 1, 10, 0))
    sell(ctx, a.id, 70000)                          # before the window
    clock.set(datetime(2026, 9, 1, 10, 0))
    sell(ctx, b.id, 20000)
    clock.set(datetime(2026, 10, 15, 18, 30))
    collect_dues(ctx, a.id, 30000, "cash")
    clock.set(datetime(2026, 11, 1, 10, 0))
    sell(ctx, b.id, 5000)

    series = balances.outstanding_series(ctx, 90)
    assert len(series) == 90
    assert series[0].day == date(2026, 8, 4) and series[-1].day == date(2026, 11, 1)
    by_day = {p.day: p.outstanding for p in series}
    assert by_day[date(2026, 8, 31)] == 70000
    assert by_day[date(2026, 9, 1)] == 90000
    assert by_day[date(2026, 10, 14)] == 90000
    assert by_day[date(2026, 10, 15)] == 60000
    assert by_day[date(2026, 11, 1)] == 65000 == balances.summary(ctx).total_outstanding

    # each day equals a direct sum over the ledger up to the end of that day
    with ctx.read() as conn:
        for day in (date(2026, 8, 4), date(2026, 9, 1), date(2026, 10, 15)):
            direct = conn.execute(text("SELECT COALESCE(SUM(amount),0) FROM ledger_entries WHERE posted_at < :e"),
                                  {"e": (day + timedelta(days=1)).isoformat()}).scalar_one()
            assert by_day[day] == direct


def test_reminder_has_amount_oldest_due_upi_and_whatsapp_link(ctx, clock):
    update_settings(ctx, upi_id="glowsalon@okaxis")
    p = add_customer(ctx, "Priya Nair", "+91 98450 11111")
    clock.set(datetime(2026, 9, 10, 10, 0))
    sell(ctx, p.id, 60000)
    clock.set(datetime(2026, 11, 1, 10, 0))
    ov = customer_overview.customer_overview(ctx, p.id)
    rem = customer_overview.reminder_for(ctx, ov)
    assert "Priya Nair" in rem.text and "₹600.00" in rem.text and "10 Oct 2026" in rem.text
    q = parse_qs(urlparse(rem.upi_url).query)
    assert rem.upi_url.startswith("upi://pay?")
    assert q["pa"] == ["glowsalon@okaxis"] and q["am"] == ["600.00"] and q["cu"] == ["INR"]
    assert rem.whatsapp_url.startswith("https://wa.me/919845011111?text=")
    assert unquote(rem.whatsapp_url.split("text=", 1)[1]) == rem.text


def test_reminder_without_upi_or_phone(ctx):
    n = add_customer(ctx, "No Phone")
    adjust(ctx, n.id, 12345, "paper book", kind="opening")
    rem = customer_overview.reminder_for(ctx, customer_overview.customer_overview(ctx, n.id))
    assert rem.upi_url is None and rem.whatsapp_url is None and "₹123.45" in rem.text


def _seed(ctx, clock, n_customers: int, bills_each: int, first: int = 0) -> list[str]:
    ids = []
    for i in range(first, first + n_customers):
        c = add_customer(ctx, f"Customer {i:04d}", f"90000{i:05d}")
        ids.append(c.id)
        for j in range(bills_each):
            clock.set(datetime(2026, 8, 1, 10, 0) + timedelta(days=j * 7 + i % 5))
            sell(ctx, c.id, 10000 + j * 100, 4000 if j % 2 else 0)
        clock.set(datetime(2026, 10, 20, 10, 0))
        collect_dues(ctx, c.id, 1000, "cash")
    clock.set(datetime(2026, 11, 1, 10, 0))
    return ids


def _count(ctx, fn, *args):
    with StatementCounter(ctx.engine) as counter:
        result = fn(ctx, *args)
    return counter.count, result


def test_owner_read_models_run_a_constant_number_of_statements(ctx, clock):
    small = _seed(ctx, clock, 2, 2)
    assert ctx.store.name == "Glow Salon"  # settings loaded once, outside the counts
    def counts(customer_id: str) -> dict[str, int]:
        return {
            "statement": _count(ctx, statement.customer_statement, customer_id)[0],
            "overview": _count(ctx, customer_overview.customer_overview, customer_id)[0],
            "payments": _count(ctx, customer_overview.customer_payments, customer_id)[0],
            "month": _count(ctx, balances.month_figures)[0],
            "series": _count(ctx, balances.outstanding_series)[0],
            "dashboard": _count(ctx, balances.dashboard)[0],
        }

    n_small = counts(small[0])
    big = _seed(ctx, clock, 15, 10, first=100)
    n_big = counts(big[0])
    assert n_small == n_big
    # the statement: the customer, its movements (one windowed query), the aging
    assert n_big["statement"] == 3 and n_big["month"] == 1 and n_big["series"] == 2
    assert n_big["overview"] <= 7
    # and the bigger book really has more rows to show
    assert len(statement.customer_statement(ctx, big[0]).lines) == 10 + 5 + 1  # bills, part payments, collection


def test_the_90_day_line_reads_the_day_index_not_the_whole_ledger(ctx):
    with ctx.read() as conn:
        plan = conn.execute(text("EXPLAIN QUERY PLAN " + balances._DAILY_SQL.sqlite().text),
                            {"s": ctx.store_id, "lo": "2026-08-04"}).all()
    assert any("ix_ledger_store_day" in str(row) for row in plan), plan


def test_customer_balances_pages_keep_their_aggregates(ctx, clock):
    # services.balances picks the page of customers first, then aggregates their open items only
    ids = [add_customer(ctx, f"Owes {i}", f"93000{i:05d}").id for i in range(5)]
    clock.set(datetime(2026, 7, 1, 10, 0))
    for i, cid in enumerate(ids):
        sell(ctx, cid, 10000 * (i + 1))                  # overdue
        clock.set(datetime(2026, 10, 25, 10, 0))
        sell(ctx, cid, 1000)                             # recent
        clock.set(datetime(2026, 7, 1, 10, 0))
    clock.set(datetime(2026, 11, 1, 10, 0))
    everyone = balances.customer_balances(ctx)
    assert [b.name for b in everyone] == ["Owes 4", "Owes 3", "Owes 2", "Owes 1", "Owes 0"]
    page = balances.customer_balances(ctx, limit=2, offset=1)
    assert page == everyone[1:3]
    assert [(b.balance, b.open_bills, b.aging["90+"], b.aging["0-30"]) for b in page] == [
        (41000, 2, 40000, 1000), (31000, 2, 30000, 1000)]
