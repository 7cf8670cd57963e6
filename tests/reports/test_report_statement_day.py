"""Customer statements (running balance, aging as at the statement date, UPI link) and the Z report."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from report_scenarios import october

from possuite.reports.day import day_report_text
from possuite.services.day_report import day_report
from possuite.services.statement import customer_statement


@pytest.fixture
def oct_(ctx, clock):
    return october(ctx, clock)


def test_statement_runs_the_balance_from_opening_to_closing(oct_):
    n = oct_.numbers
    st = customer_statement(oct_.ctx, oct_.asha)
    rows = [(ln.document, ln.description, ln.debit, ln.credit, ln.balance) for ln in st.lines]
    assert rows == [(n["S1"], "Bill", 59000, 0, 59000), (n["S2"], "Bill", 59000, 0, 118000),
                    (n["S2"], "Payment (Cash)", 0, 100000, 18000), (n["S4"], "Bill", 59000, 0, 77000),
                    (n["S4"], "Payment (Card)", 0, 20000, 57000), (n["R1"], "Collection (Cash)", 0, 10000, 47000)]
    assert (st.opening, st.closing, st.total_debit, st.total_credit) == (0, 47000, 177000, 130000)
    assert st.closing == st.opening + st.total_debit - st.total_credit == st.customer.balance
    assert st.aging.buckets == {"0-30": 47000, "31-60": 0, "61-90": 0, "90+": 0}
    assert st.aging.total == st.closing


def test_a_period_starts_from_the_balance_brought_forward(oct_):
    st = customer_statement(oct_.ctx, oct_.asha, date(2026, 10, 5), date(2026, 10, 6))
    assert st.opening == 59000 and [ln.balance for ln in st.lines] == [118000, 18000] and st.closing == 18000


def test_aging_is_as_at_the_statement_date_not_today(oct_):
    # On Oct 6 S1 still had ₹180 open: the Oct 7 collection must not count yet.
    st = customer_statement(oct_.ctx, oct_.asha, None, date(2026, 10, 6))
    assert st.closing == 18000 and st.aging.buckets["0-30"] == 18000 and st.aging.as_of == date(2026, 10, 6)


def test_aging_moves_into_older_buckets_as_days_pass(oct_, clock):
    clock.set(datetime(2026, 12, 15, 10))
    st = customer_statement(oct_.ctx, oct_.asha)
    assert st.aging.buckets == {"0-30": 0, "31-60": 47000, "61-90": 0, "90+": 0}   # due Oct 31 and Nov 6
    clock.set(datetime(2027, 2, 15, 10))
    assert customer_statement(oct_.ctx, oct_.asha).aging.buckets["90+"] == 47000


def test_write_offs_and_voids_read_as_such(oct_):
    st = customer_statement(oct_.ctx, oct_.chitra)
    assert [ln.description for ln in st.lines] == ["Bill", "Write-off: goodwill"] and st.closing == 50000


def test_the_statement_carries_a_upi_link_for_what_is_owed(oct_):
    st = customer_statement(oct_.ctx, oct_.asha)
    assert st.upi_link.startswith("upi://pay?pa=glowsalon@okaxis&pn=Glow%20Salon&am=470.00&cu=INR")
    assert customer_statement(oct_.ctx, oct_.bharat).upi_link is None       # owes nothing


def test_unapplied_credit_lowers_the_total_due(ctx, clock):
    from possuite.services import collections, customers
    from possuite.services.store_settings import update_settings
    from testkit import sell

    update_settings(ctx, allow_advances=True)
    ctx.refresh_store()
    c = customers.add_customer(ctx, "Dev", "9876500001").id
    sell(ctx, c, 10000, no_payment=True)
    collections.collect_dues(ctx, c, 25000, "upi")
    st = customer_statement(ctx, c)
    assert st.closing == -15000 and st.aging.unapplied_credit == 15000 and st.aging.total == -15000
    assert st.upi_link is None


def test_day_report_adds_up_the_day(oct_):
    r = day_report(oct_.ctx, date(2026, 10, 7))
    assert r.bills == 3 and r.complimentary_count == 1 and r.complimentary_value == 59000
    assert (r.gross, r.discounts, r.tax_added, r.sales_total) == (170000, 5000, 18000, 183000)
    assert r.sales_total == r.gross - r.discounts + r.tax_added
    assert r.tax == 24964                       # 90 + 90 + 12% inside ₹650
    assert (r.voids_count, r.voids_value, r.net_sales) == (1, 124000, 59000)
    assert r.tenders == {"cash": 134000, "card": 20000} and r.refunds == {"cash": 124000}
    assert (r.cash_tendered, r.change_given) == (210000, 76000)
    assert (r.pending_created, r.collections, r.collections_count, r.dues_collected) == (39000, 10000, 1, 10000)
    assert r.expected_cash == 10000


def test_day_report_counts_old_dues_paid_with_a_new_bill(oct_):
    r = day_report(oct_.ctx, date(2026, 10, 5))
    assert (r.bills, r.sales_total, r.dues_at_checkout, r.pending_created, r.expected_cash) == \
        (1, 59000, 41000, 0, 100000)


def test_day_report_of_a_quiet_day_is_all_zero(oct_):
    r = day_report(oct_.ctx, date(2026, 10, 20))
    assert (r.bills, r.sales_total, r.received, r.expected_cash, r.first_number) == (0, 0, 0, 0, "")


@pytest.mark.parametrize("width", [32, 42, 48])
def test_thermal_text_fits_the_paper(oct_, width):
    text = day_report_text(day_report(oct_.ctx, date(2026, 10, 7)), width)
    lines = text.splitlines()
    assert max(len(ln) for ln in lines) <= width
    assert "EXPECTED CASH IN DRAWER" in text and "₹100.00" in text and "-₹1,240.00" in text
    assert any(ln.startswith("NET SALES") and ln.endswith("₹590.00") for ln in lines)


def test_thermal_text_for_printers_without_the_rupee_sign(oct_):
    text = day_report_text(day_report(oct_.ctx, date(2026, 10, 7)), 42, ascii_only=True)
    assert text.isascii() and "Rs. 1,340.00" in text
