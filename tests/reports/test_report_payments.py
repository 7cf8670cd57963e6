"""The payment report: every invoice of a period with its items, what settled it, and totals that add up."""

from __future__ import annotations

from datetime import date

import pytest
from report_scenarios import october

from possuite.domain.errors import ValidationError
from possuite.services.context import Actor
from possuite.services.exports import bills_export, payments_export
from possuite.services.payments_report import payment_report


@pytest.fixture
def oct_(ctx, clock):
    return october(ctx, clock)


def by_number(report):
    return {i.number: i for i in report.invoices}


def test_each_invoice_shows_what_paid_it_and_what_remains(oct_):
    n = oct_.numbers
    inv = by_number(payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31)))
    s1 = inv[n["S1"]]
    assert (s1.total, s1.paid, s1.adjusted, s1.remaining, s1.status) == (59000, 51000, 0, 8000, "overdue")
    assert [(s.document, s.kind, s.method, s.amount) for s in s1.settlements] == [
        (n["S2"], "payment", "cash", 41000), (n["R1"], "payment", "cash", 10000)]
    assert [(ln.description, ln.qty, ln.unit_price, ln.tax, ln.amount) for ln in s1.lines] == [
        ("Haircut", 1000, 50000, 9000, 59000)]
    assert (inv[n["S2"]].paid, inv[n["S2"]].remaining, inv[n["S2"]].status) == (59000, 0, "paid")
    s3 = inv[n["S3"]]
    assert (s3.customer_name, s3.paid, s3.settlements[0].method) == ("Walk-in", 59000, "upi")
    assert (inv[n["S4"]].paid, inv[n["S4"]].remaining, inv[n["S4"]].status) == (20000, 39000, "partially_paid")
    s7 = inv[n["S7"]]
    assert (s7.paid, s7.adjusted, s7.remaining) == (0, 9000, 50000)
    assert s7.settlements[0].document == n["A1"] and s7.settlements[0].kind == "adjustment"
    assert inv[n["S5"]].status == "complimentary" and inv[n["S5"]].retail_value == 59000
    assert inv[n["S6"]].status == "void" and inv[n["S6"]].void_reason == "wrong item"


def test_totals_are_the_sum_of_the_invoices_that_count(oct_):
    r = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31))
    t = r.totals
    live = [i for i in r.invoices if i.status != "void"]
    assert (t.invoices, t.total, t.paid, t.adjusted, t.remaining) == (6, 295000, 189000, 9000, 97000)
    assert t.total == sum(i.total for i in live) == t.paid + t.adjusted + t.remaining
    assert t.paid == sum(i.paid for i in live) and t.remaining == sum(i.remaining for i in live)
    assert (t.complimentary_count, t.complimentary_value, t.void_count, t.void_value) == (1, 59000, 1, 124000)
    assert t.paid_by_method == {"card": 20000, "cash": 110000, "upi": 59000}
    assert sum(t.paid_by_method.values()) == t.paid


def test_an_advance_is_told_apart_from_a_payment(ctx, clock):
    from datetime import datetime

    from possuite.services import collections, customers
    from possuite.services.store_settings import update_settings
    from testkit import sell

    update_settings(ctx, allow_advances=True)
    ctx.refresh_store()
    c = customers.add_customer(ctx, "Dev", "9876500001").id
    clock.set(datetime(2026, 10, 1, 10))
    sell(ctx, c, 10000, no_payment=True)
    collections.collect_dues(ctx, c, 30000, "upi")          # ₹200 more than owed: kept as credit
    clock.set(datetime(2026, 10, 2, 10))
    later = sell(ctx, c, 15000, no_payment=True)           # the credit pays it
    inv = by_number(payment_report(ctx, date(2026, 10, 2), date(2026, 10, 2)))[later.number]
    assert [(s.kind, s.amount) for s in inv.settlements] == [("advance", 15000)]
    assert (inv.paid, inv.remaining) == (15000, 0)


def test_one_customer_and_the_period_limit_the_invoices(oct_):
    n = oct_.numbers
    only_asha = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31), "9876543210")
    assert [i.number for i in only_asha.invoices] == [n["S1"], n["S2"], n["S4"]]
    assert only_asha.customer.name == "Asha Rao" and only_asha.totals.remaining == 47000
    first_week = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 6))
    assert [i.number for i in first_week.invoices] == [n["S1"], n["S2"], n["S3"]]
    assert payment_report(oct_.ctx, date(2026, 9, 1), date(2026, 9, 30)).invoices == []


def test_a_backwards_period_is_refused(oct_):
    with pytest.raises(ValidationError, match="from"):
        payment_report(oct_.ctx, date(2026, 10, 31), date(2026, 10, 1))


def test_reading_a_report_changes_nothing(oct_):
    from possuite.services.integrity import run_checks

    before = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31))
    again = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31))
    assert before.invoices == again.invoices and run_checks(oct_.ctx) == []


def test_bills_export_agrees_with_the_report(oct_):
    rows = {r.number: r for r in bills_export(oct_.ctx)}
    r = by_number(payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31)))
    assert rows.keys() == r.keys()
    for number, inv in r.items():
        b = rows[number]
        assert (b.total, b.paid if inv.status != "void" else 0, b.adjusted, b.outstanding, b.status) == \
            (inv.total, inv.paid if inv.status != "void" else 0, inv.adjusted, inv.remaining, inv.status)
    assert rows[oct_.numbers["S6"]].void_reason == "wrong item"
    assert rows[oct_.numbers["S5"]].comp_reason == "birthday"


def test_payments_export_lists_every_payment_collection_and_refund(oct_):
    n = oct_.numbers
    rows = payments_export(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31))
    got = [(p.document, p.kind, p.method, p.amount) for p in rows]
    assert got == [(n["S2"], "sale", "cash", 100000), (n["S3"], "sale", "upi", 59000),
                   (n["S4"], "sale", "card", 20000), (n["R1"], "collection", "cash", 10000),
                   (n["S6"], "sale", "cash", 124000), (n["S6"], "refund", "cash", -124000)]
    s6 = rows[4]
    assert (s6.tendered, s6.change) == (200000, 76000)
    assert [p.document for p in payments_export(oct_.ctx, customer_ref="9876543210")] == [n["S2"], n["S4"], n["R1"]]


def test_reports_need_no_more_than_a_cashier(oct_):
    cashier = oct_.ctx.as_actor(Actor("Meena", "cashier"))
    assert payment_report(cashier, date(2026, 10, 1), date(2026, 10, 31)).totals.invoices == 6


def test_an_unknown_customer_is_named(oct_):
    from possuite.domain.errors import NotFound

    with pytest.raises(NotFound, match="customer"):
        payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31), "9999999999")
