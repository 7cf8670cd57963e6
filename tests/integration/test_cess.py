"""GST compensation cess (docs/architecture.md §5, GST): an item's cess is charged per line with the one tax
rounding rule, stored apart (``bill_lines.cess``) and inside the line's tax, so the bill's total, the
customer's balance, the day report and ``possuite check`` all count it; credit notes reverse it in proportion;
the GST report fills its Cess columns and still adds up to the day reports."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import text

from possuite.domain import gst
from possuite.domain.cart import CartLine, compute_totals
from possuite.domain.errors import ValidationError
from possuite.domain.ledger import Tender
from possuite.reports.gstr1 import FILES, write_gstr1_csv
from possuite.services import audit, catalog
from possuite.services.bills import get_bill
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.customers import add_customer, get_customer
from possuite.services.day_report import day_report
from possuite.services.gst_report import gst_report
from possuite.services.integrity import run_checks
from possuite.services.returns import create_return, returnable
from possuite.services.store_settings import update_settings

DAY = date(2026, 11, 1)
BUYER_GSTIN = "29ABCDE1234F1ZW"   # Karnataka; the conftest store is in Maharashtra


def q(ctx, sql: str, **params):
    with ctx.read() as conn:
        return conn.execute(text(sql), {"s": ctx.store_id, **params}).all()


@pytest.fixture
def items(ctx):
    """Pan masala (GST 40 %, cess 60 %, exclusive), a tax-inclusive cigarette pack (40 % + 5 % cess) and a
    haircut (18 %, no cess)."""
    pan = catalog.add_item(ctx, "Pan Masala 10 g", "12.35", sku="PAN", tax_rate="40", cess="60", hsn="21069020",
                           kind="product")
    cig = catalog.add_item(ctx, "Cigarettes (pack)", "170", sku="CIG", tax_rate="40", cess="5", hsn="24022010",
                           kind="product", tax_inclusive=True)
    cut = catalog.add_item(ctx, "Haircut", "201", sku="CUT", tax_rate="18", hsn="999721")
    return pan, cig, cut


def lines(ctx, *picks):
    return [catalog.cart_line(item, ctx.store.gst_registration, qty) for item, qty in picks]


def test_a_lines_cess_is_rounded_once_by_the_tax_rule_and_counted_in_its_tax_and_total(ctx, items):
    pan, cig, cut = items
    assert (pan.cess_rate_bp, cig.cess_rate_bp, cut.cess_rate_bp) == (6000, 500, 0)
    sale = complete_sale(ctx, SaleRequest(lines(ctx, (pan, 3000), (cig, 1000), (cut, 1000)),
                                          tenders=[Tender("cash", 1000_00)]))
    rows = q(ctx, "SELECT description, net, tax, cess_rate_bp, cess, cgst, sgst, igst, amount FROM bill_lines "
                  "ORDER BY position")
    # 3 × 12.35 = 37.05: GST 40 % = 14.82, cess 60 % = 22.23 (half-up, once); tax 37.05, amount 74.10
    assert rows[0] == ("Pan Masala 10 g", 37_05, 14_82 + 22_23, 6000, 22_23, 7_41, 7_41, 0, 74_10)
    # 170.00 includes 40 % + 5 %: net = 170 / 1.45 = 117.24, cess 5 % = 5.86, GST = 170 - 117.24 - 5.86 = 46.90
    assert rows[1] == ("Cigarettes (pack)", 117_24, 52_76, 500, 5_86, 23_45, 23_45, 0, 170_00)
    assert rows[2] == ("Haircut", 201_00, 36_18, 0, 0, 18_09, 18_09, 0, 237_18)
    for _d, _n, tax, _r, cess, cgst, sgst, igst, _a in rows:
        assert cgst + sgst + igst == tax - cess
    assert sale.total == 74_10 + 170_00 + 237_18
    assert q(ctx, "SELECT tax, total FROM bills")[0] == (14_82 + 22_23 + 52_76 + 36_18, sale.total)
    # the screen's totals are the same function: its cess is the stored cess
    totals = compute_totals(lines(ctx, (pan, 3000), (cig, 1000), (cut, 1000)))
    assert (totals.cess, totals.total) == (22_23 + 5_86, sale.total)
    assert run_checks(ctx) == []


def test_the_bill_json_splits_the_gst_and_keeps_the_cess_apart(ctx, items):
    pan, _cig, cut = items
    acme = add_customer(ctx, "Acme Traders", "98450 11111", gstin=BUYER_GSTIN)
    sale = complete_sale(ctx, SaleRequest(lines(ctx, (pan, 2000), (cut, 1000)), customer_id=acme.id,
                                          no_payment=True))
    detail = get_bill(ctx, sale.number).as_json()
    # 2 × 12.35 = 24.70: IGST 40 % = 9.88, cess 60 % = 14.82
    assert detail["tax_split"] == [
        {"rate_bp": 1800, "taxable": 201_00, "cgst": 0, "sgst": 0, "igst": 36_18, "tax": 36_18, "cess": 0},
        {"rate_bp": 4000, "taxable": 24_70, "cgst": 0, "sgst": 0, "igst": 9_88, "tax": 9_88, "cess": 14_82}]
    assert detail["total"] == 24_70 + 9_88 + 14_82 + 237_18
    # the customer owes the cess too: the ledger charge is the bill's total
    assert get_customer(ctx, acme.id).balance == detail["total"]


def test_possuite_check_finds_a_line_whose_cess_does_not_recompute(ctx, items):
    pan, _cig, _cut = items
    complete_sale(ctx, SaleRequest(lines(ctx, (pan, 1000)), tenders=[Tender("cash", 100_00)]))
    assert run_checks(ctx) == []
    with ctx.write() as conn:   # cess moved between heads: tax and total unchanged, the line no longer recomputes
        conn.execute(text("UPDATE bill_lines SET cess = cess + 1, cgst = cgst - 1"))
    findings = run_checks(ctx)
    assert [(f.check, f.message) for f in findings if f.check == "bill total"] == [
        ("bill total", "1 line(s) do not recompute")]


def test_a_composition_store_charges_no_cess(ctx, items):
    pan, _cig, _cut = items
    update_settings(ctx, gst_registration="composition")
    line = catalog.cart_line(catalog.find_item(ctx, "PAN"), ctx.store.gst_registration)
    assert (line.tax_rate_bp, line.cess_rate_bp) == (0, 0)
    # even a cart that still carries the rates (built before the change) posts none
    sale = complete_sale(ctx, SaleRequest([CartLine("Pan Masala 10 g", 1000, 12_35, tax_rate_bp=4000,
                                                    cess_rate_bp=6000, kind="product")],
                                          tenders=[Tender("cash", 20_00)]))
    assert sale.total == 12_35
    assert q(ctx, "SELECT tax, cess, cess_rate_bp FROM bill_lines") == [(0, 0, 0)]


def test_returns_reverse_the_cess_in_proportion_and_a_whole_line_exactly(ctx, items):
    pan, _cig, _cut = items
    sale = complete_sale(ctx, SaleRequest(lines(ctx, (pan, 3000)), tenders=[Tender("cash", 100_00)]))
    line = returnable(ctx, sale.number).lines[0]
    first = create_return(ctx, sale.number, {line.id: 1000}, "cash", "damaged")
    # one of three: GST 14.82 / 3 = 4.94, cess 22.23 / 3 = 7.41
    assert (first.plan.lines[0].tax, first.plan.lines[0].cess) == (4_94 + 7_41, 7_41)
    create_return(ctx, sale.number, {line.id: 1000}, "cash", "damaged")
    create_return(ctx, sale.number, {line.id: 1000}, "cash", "damaged")
    assert q(ctx, "SELECT SUM(tax), SUM(cess), SUM(amount) FROM credit_note_lines")[0] == (37_05, 22_23, 74_10)
    assert run_checks(ctx) == []


def test_the_gst_report_fills_cess_and_still_adds_up_to_the_day_report(ctx, items, tmp_path):
    pan, cig, cut = items
    acme = add_customer(ctx, "Acme Traders", "98450 11111", gstin=BUYER_GSTIN)
    b2b = complete_sale(ctx, SaleRequest(lines(ctx, (pan, 2000), (cut, 1000)), customer_id=acme.id,
                                         no_payment=True))
    b2c = complete_sale(ctx, SaleRequest(lines(ctx, (pan, 3000), (cig, 1000)), tenders=[Tender("cash", 500_00)]))
    for sale, method in ((b2b, "account"), (b2c, "cash")):
        line = next(ln for ln in returnable(ctx, sale.number).lines if ln.description.startswith("Pan"))
        create_return(ctx, sale.number, {line.id: 1000}, method, "damaged")
    report = gst_report(ctx, DAY, DAY)
    day = day_report(ctx, DAY)
    assert report.sales_tax == day.tax and report.sales_value == day.sales_total
    assert report.credit_notes.tax == day.returns_tax and report.credit_value == day.returns_value
    # b2b: 2 × 12.35 at 40 %: cess 14.82; cdnr: one of two: 7.41
    assert [(r.rate_bp, r.taxable, r.igst, r.cess) for r in report.b2b] == [(1800, 201_00, 36_18, 0),
                                                                            (4000, 24_70, 9_88, 14_82)]
    assert [(r.rate_bp, r.taxable, r.igst, r.cess) for r in report.cdnr] == [(4000, 12_35, 4_94, 7_41)]
    # b2cs at 40 %: 37.05 + 117.24 sold (cess 22.23 + 5.86), one pan masala back (12.35, cess 7.41)
    (b2cs,) = [r for r in report.b2cs if r.rate_bp == 4000]
    assert (b2cs.taxable, b2cs.cess) == (37_05 + 117_24 - 12_35, 22_23 + 5_86 - 7_41)
    assert report.net.cess == 14_82 + 22_23 + 5_86 - 7_41 - 7_41
    assert sum(r.cess for r in report.hsn_b2b + report.hsn_b2c) == report.net.cess
    assert [(r.hsn, r.cess) for r in report.hsn_b2b] == [("21069020", 14_82 - 7_41), ("999721", 0)]
    assert report.net.tax == report.net.cgst + report.net.sgst + report.net.igst + report.net.cess
    as_json = report.as_json()["totals"]
    assert as_json["net"]["cess"] == report.net.cess and as_json["invoices"]["cess"] == 14_82 + 22_23 + 5_86
    # the CSV files carry the Cess Amount in rupees
    write_gstr1_csv(report, tmp_path)
    with open(tmp_path / FILES["b2b"], encoding="utf-8-sig", newline="") as f:
        b2b_rows = list(csv.DictReader(f))
    assert [r["Cess Amount"] for r in b2b_rows] == ["0.00", "14.82"]
    with open(tmp_path / FILES["hsn_b2c"], encoding="utf-8-sig", newline="") as f:
        cess = {r["HSN"]: r["Cess Amount"] for r in csv.DictReader(f)}
    assert cess["24022010"] == "5.86" and cess["21069020"] == "14.82"   # 22.23 sold less 7.41 returned
    assert gst.GSTR1_HSN_COLUMNS[-1] == "Cess Amount"
    assert run_checks(ctx) == []


def test_an_items_cess_is_validated_audited_and_kept_by_posted_bills(ctx, items):
    pan, _cig, _cut = items
    for bad, why in (("abc", "'abc' is not a percentage"), ("-5", "must not be negative"),
                     ("1000.01", "'1000.01' is more than 1000%"), ("1.234", "has more than 2 decimals")):
        with pytest.raises(ValidationError) as err:
            catalog.add_item(ctx, "Bad", "1", cess=bad)
        assert err.value.field == "cess" and why in err.value.message, (bad, err.value.message)
    assert q(ctx, "SELECT COUNT(*) FROM items WHERE name = 'Bad'") == [(0,)]
    assert catalog.cess_rate_bp("160") == 160_00 and catalog.cess_rate_bp("") == 0
    sale = complete_sale(ctx, SaleRequest(lines(ctx, (pan, 1000)), tenders=[Tender("cash", 100_00)]))
    edited = catalog.edit_item(ctx, "PAN", cess="")
    assert edited.cess_rate_bp == 0
    entry = [e for e in audit.list_entries(ctx) if e["action"] == "item edited"][0]
    assert '"cess_rate_bp": {"from": 6000, "to": 0}' in entry["details"]
    # the posted bill keeps the cess it charged
    assert get_bill(ctx, sale.number).lines[0]["cess"] == 7_41
    assert catalog.cart_line(catalog.find_item(ctx, "PAN"), "regular").cess_rate_bp == 0


def test_the_day_report_counts_the_cess_in_its_tax_and_says_how_much_of_it_is_cess(ctx, items):
    from possuite.reports.day import day_report_text

    pan, _cig, cut = items
    complete_sale(ctx, SaleRequest(lines(ctx, (cut, 1000)), tenders=[Tender("cash", 300_00)]))
    plain = day_report_text(day_report(ctx, DAY), width=42)
    assert "of which cess" not in plain                              # a day without cess reads as before
    complete_sale(ctx, SaleRequest(lines(ctx, (pan, 3000)), tenders=[Tender("cash", 100_00)]))
    day = day_report(ctx, DAY)
    assert (day.tax, day.cess) == (36_18 + 14_82 + 22_23, 22_23)
    assert day.sales_total == 237_18 + 74_10
    rows = [ln.split() for ln in day_report_text(day, width=42).splitlines()]
    assert ["of", "which", "cess", "₹22.23"] in rows
