"""The GST report: GSTR-1's sections from what bills and credit notes stored, totals that add up to the day
reports of the same days over a demo month (with voids and returns), and a constant number of statements."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest

from possuite.domain import gst
from possuite.domain.cart import CartLine
from possuite.domain.errors import ValidationError
from possuite.domain.ledger import Tender
from possuite.reports.gstr1 import FILES, write_gstr1_csv
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.customers import add_customer
from possuite.services.day_report import day_report
from possuite.services.demo import create_demo
from possuite.services.gst_report import gst_report
from possuite.services.integrity import run_checks
from possuite.services.returns import create_return, returnable
from testkit import count_statements

FROM, TO = date(2026, 10, 1), date(2026, 10, 31)


@pytest.fixture
def demo_month(ctx, clock):
    """A demo month at the conftest store (regular, Maharashtra) ending 31 October, with B2B buyers."""
    clock.set(datetime(2026, 10, 31, 21, 0))
    made = create_demo(ctx, 24, 260, days=30, seed=5)
    assert made.voids > 0 and made.returns > 0
    return ctx


def test_gst_totals_add_up_to_the_day_reports_of_the_same_days(demo_month):
    ctx = demo_month
    report = gst_report(ctx, FROM, TO)
    days = [day_report(ctx, FROM + timedelta(days=n)) for n in range((TO - FROM).days + 1)]
    assert report.sales_value == sum(d.sales_total for d in days)
    assert report.sales_tax == sum(d.tax for d in days)
    assert report.credit_value == sum(d.returns_value for d in days)
    assert report.credit_notes.tax == sum(d.returns_tax for d in days)
    # every void of the month is of a bill of the month (the demo voids within minutes)
    assert report.cancelled.value == sum(d.voids_value for d in days) and report.cancelled.count > 0
    assert report.net.value == sum(d.net_sales for d in days)
    # the sections add up to the totals
    b2b_taxable = sum(r.taxable for r in report.b2b)
    b2cs_taxable = sum(r.taxable for r in report.b2cs)
    cdnr_taxable = sum(r.taxable for r in report.cdnr)
    assert b2b_taxable + b2cs_taxable - cdnr_taxable == report.net.taxable
    for head in ("taxable", "igst", "cgst", "sgst"):
        hsn = sum(getattr(r, head) for r in report.hsn_b2b + report.hsn_b2c)
        assert hsn == getattr(report.net, head), head
    assert report.b2b and report.b2cs and report.hsn_b2b and report.hsn_b2c
    assert any(r.igst for r in report.b2b) and any(r.cgst for r in report.b2b)  # buyers in and out of the state
    assert report.lines_without_hsn == 0
    assert run_checks(ctx) == []


def test_registered_buyers_credit_notes_go_to_cdnr_with_the_invoices_split(ctx):
    acme = add_customer(ctx, "Acme Traders", gstin="29ABCDE1234F1ZW")   # Karnataka: IGST from Maharashtra
    b2b = complete_sale(ctx, SaleRequest([CartLine("Shampoo", 2000, 201_00, tax_rate_bp=500, kind="product",
                                                   hsn="3305")], customer_id=acme.id, no_payment=True))
    b2c = complete_sale(ctx, SaleRequest([CartLine("Shampoo", 2000, 201_00, tax_rate_bp=500, kind="product",
                                                   hsn="3305")], tenders=[Tender("cash", 500_00)]))
    for sale in (b2b, b2c):
        line = returnable(ctx, sale.number).lines[0]
        create_return(ctx, sale.number, {line.id: 1000}, "account" if sale is b2b else "cash", "damaged")
    report = gst_report(ctx, date(2026, 11, 1), date(2026, 11, 1))
    assert [(r.number, r.rate_bp, r.taxable, r.igst, r.cgst) for r in report.cdnr] == [
        (report.cdnr[0].number, 500, 201_00, 10_05, 0)]
    assert report.cdnr[0].gstin == "29ABCDE1234F1ZW" and report.cdnr[0].invoice == b2b.number
    # B2C: 402.00 sold (tax 20.10: 10.05 + 10.05) less 201.00 returned (10.05: 5.03 CGST + 5.02 SGST)
    assert [(r.place, r.rate_bp, r.taxable, r.cgst, r.sgst) for r in report.b2cs] == [("27", 500, 201_00, 5_02, 5_03)]
    (row,) = report.hsn_b2c
    assert (row.hsn, row.quantity, row.taxable) == ("3305", 1000, 201_00)


def test_the_csv_files_carry_the_templates_columns(demo_month, tmp_path):
    report = gst_report(demo_month, FROM, TO)
    write_gstr1_csv(report, tmp_path)
    expected = {"b2b": gst.GSTR1_B2B_COLUMNS, "b2cs": gst.GSTR1_B2CS_COLUMNS, "cdnr": gst.GSTR1_CDNR_COLUMNS,
                "hsn_b2b": gst.GSTR1_HSN_COLUMNS, "hsn_b2c": gst.GSTR1_HSN_COLUMNS}
    for key, header in expected.items():
        with open(tmp_path / FILES[key], encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert tuple(rows[0]) == header, key
        assert len(rows) - 1 == len(getattr(report, key)), key
    with open(tmp_path / FILES["b2cs"], encoding="utf-8-sig", newline="") as fh:
        first = list(csv.DictReader(fh))[0]
    assert first["Type"] == "OE" and first["Place Of Supply"] == "27-Maharashtra" and first["Rate"] == "5"


def test_the_gst_report_runs_a_constant_number_of_statements(ctx, clock):
    clock.set(datetime(2026, 10, 31, 21, 0))
    small = create_demo(ctx, 6, 20, days=30, seed=1)
    with count_statements(ctx.engine) as few:
        gst_report(ctx, FROM, TO)
    create_demo(ctx, 12, 120, days=30, seed=2)
    with count_statements(ctx.engine) as many:
        gst_report(ctx, FROM, TO)
    assert small.bills and len(few) == len(many) <= 4


def test_a_period_backwards_is_refused(ctx):
    with pytest.raises(ValidationError) as err:
        gst_report(ctx, TO, FROM)
    assert err.value.field == "to"
