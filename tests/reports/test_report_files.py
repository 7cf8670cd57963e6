"""The PDF and CSV files: generated, read back (pdftotext, csv) and checked against the data."""

from __future__ import annotations

import csv
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from report_scenarios import HAIRCUT, october

from possuite.domain.cart import CartLine
from possuite.reports.balances_pdf import write_balances_pdf
from possuite.reports.csv_export import (
    BALANCES_HEADER,
    BILLS_HEADER,
    PAYMENTS_HEADER,
    write_balances_csv,
    write_bills_csv,
    write_payments_csv,
)
from possuite.reports.day import write_day_report_pdf
from possuite.reports.payments_pdf import write_payment_report_pdf
from possuite.reports.statement_pdf import write_statement_pdf
from possuite.services import customers
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.day_report import day_report
from possuite.services.exports import balances_export, bills_export, payments_export
from possuite.services.payments_report import payment_report
from possuite.services.statement import customer_statement


@pytest.fixture
def oct_(ctx, clock):
    return october(ctx, clock)


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pages_of(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def embedded_fonts(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {ln.split()[0].split("+")[-1] for ln in out.splitlines()[2:] if " yes " in ln}


def test_payment_report_pdf_shows_every_invoice_and_the_totals(oct_, tmp_path):
    r = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31))
    out = write_payment_report_pdf(r, tmp_path / "payments.pdf")
    text = text_of(out)
    for inv in r.invoices:
        assert inv.number in text
    total_line = next(ln for ln in text.splitlines() if "Total: 6 invoices" in ln)
    assert re.findall(r"₹[\d,]+\.\d\d", total_line) == ["₹2,950.00", "₹1,890.00", "₹970.00"]
    assert "Written off / credit adjustments: ₹90.00" in text
    assert "Paid (Cash) · RCP-26-0001 · 07 Oct 2026" in text
    assert "Complimentary (value ₹590.00): birthday" in text and "Voided 07 Oct 2026: wrong item" in text
    assert "Glow Salon · Payment report · 01 Oct 2026 – 31 Oct 2026 · generated 01 Nov 2026 10:00" in text
    assert "Page 1 of 1" in text
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(out)


def test_a_long_payment_report_repeats_its_headings_and_keeps_an_invoice_together(ctx, clock, tmp_path):
    c = customers.add_customer(ctx, "Bulk Buyer", "9876500002").id
    clock.set(datetime(2026, 10, 3, 10))
    big = complete_sale(ctx, SaleRequest([CartLine(f"Item {i}", 1000, 1000 + i) for i in range(90)],
                                         customer_id=c, no_payment=True))   # taller than a page
    for _ in range(40):
        complete_sale(ctx, SaleRequest([HAIRCUT], customer_id=c, no_payment=True))
    r = payment_report(ctx, date(2026, 10, 1), date(2026, 10, 31))
    out = write_payment_report_pdf(r, tmp_path / "long.pdf")
    pages = pages_of(out)
    assert pages >= 3
    text = text_of(out)
    assert len(re.findall(r"Invoice\s+Date\s+Customer\s+Status\s+Total\s+Paid\s+Remaining", text)) == pages
    assert big.number in text and "Item 89" in text and f"Page {pages} of {pages}" in text
    per_page = text.split("\f")
    for inv in r.invoices[1:]:      # a small invoice never starts on one page and ends on the next
        where = [i for i, p in enumerate(per_page) if inv.number in p]
        assert len(where) == 1


def test_statement_pdf_has_the_movements_balances_aging_and_upi(oct_, tmp_path):
    st = customer_statement(oct_.ctx, oct_.asha)
    text = text_of(write_statement_pdf(st, tmp_path / "statement.pdf"))
    assert "Asha Rao" in text and "+91 98765 43210" in text
    assert re.search(r"Closing balance on 01 Nov 2026\s+₹1,770.00\s+₹1,300.00\s+₹470.00", text)
    assert re.search(r"RCP-26-0001\s+Collection \(Cash\)\s+₹100.00\s+₹470.00", text)
    assert "Pay by UPI" in text and "upi://pay?pa=glowsalon@okaxis" in text
    assert "Please pay the balance of ₹470.00" in text
    assert re.search(r"0-30 days\s+31-60 days\s+61-90 days\s+90\+ days\s+Unapplied credit\s+Total due", text)


def test_statement_of_a_customer_who_owes_nothing_has_no_qr(oct_, tmp_path):
    text = text_of(write_statement_pdf(customer_statement(oct_.ctx, oct_.bharat), tmp_path / "b.pdf"))
    assert "Pay by UPI" not in text and "Nothing is due on this account" in text


def test_day_report_pdf(oct_, tmp_path):
    text = text_of(write_day_report_pdf(day_report(oct_.ctx, date(2026, 10, 7)), tmp_path / "day.pdf"))
    assert re.search(r"Expected cash in drawer\s+₹100.00", text)
    assert re.search(r"Net sales\s+₹590.00", text) and re.search(r"Voids \(1\)\s+-₹1,240.00", text)
    assert re.search(r"Pending created \(new dues\)\s+₹390.00", text)
    assert "Day-end (Z) report" in text and "Page 1 of 1" in text


def test_balances_pdf_has_the_summary_chart_and_every_customer(oct_, tmp_path):
    ex = balances_export(oct_.ctx)
    text = text_of(write_balances_pdf(ex, tmp_path / "balances.pdf"))
    assert "Outstanding by days past due" in text and "0-30 days" in text and "90+ days" in text
    assert re.search(r"Total outstanding\s+Customers owing", text) and "₹970.00" in text
    assert re.search(r"Asha Rao\s+\+91 98765 43210\s+₹470.00", text)
    assert re.search(r"Chitra Iyer\s+\+91 98765 43212\s+₹500.00", text)
    assert "Bharat" not in text                                  # owes nothing


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                       # BOM for Excel
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def test_balances_csv(oct_, tmp_path):
    rows = read_csv(write_balances_csv(balances_export(oct_.ctx), tmp_path / "b.csv"))
    assert rows[0] == BALANCES_HEADER
    asha = next(r for r in rows if r[0] == "Asha Rao")
    assert asha[1:9] == ["+91 98765 43210", "470.00", "47000", "470.00", "0.00", "0.00", "0.00", "2"]
    assert asha[9] == "2026-10-31" and asha[11].startswith("2026-10-07") and asha[12] == "2026-10-07 11:30"


def test_bills_and_payments_csv(oct_, tmp_path):
    cur = oct_.ctx.currency
    bills = read_csv(write_bills_csv(bills_export(oct_.ctx), tmp_path / "bills.csv", cur))
    assert bills[0] == BILLS_HEADER and len(bills) == 8
    s1 = dict(zip(BILLS_HEADER, next(r for r in bills if r[0] == oct_.numbers["S1"]), strict=True))
    assert (s1["total"], s1["total_minor"], s1["paid"], s1["outstanding"], s1["status"]) == \
        ("590.00", "59000", "510.00", "80.00", "overdue")
    pays = read_csv(write_payments_csv(payments_export(oct_.ctx), tmp_path / "p.csv", cur))
    assert pays[0] == PAYMENTS_HEADER
    refund = dict(zip(PAYMENTS_HEADER, pays[-1], strict=True))
    assert (refund["kind"], refund["amount"], refund["amount_minor"]) == ("refund", "-1240.00", "-124000")
    assert sum(int(dict(zip(PAYMENTS_HEADER, r, strict=True))["amount_minor"]) for r in pays[1:]) == 189000


def test_csv_text_that_looks_like_a_formula_is_defused(ctx, tmp_path):
    from testkit import sell

    c = customers.add_customer(ctx, "=HYPERLINK(\"http://x\")", "9876500003").id
    sell(ctx, c, 10000, no_payment=True)
    rows = read_csv(write_balances_csv(balances_export(ctx), tmp_path / "b.csv"))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"


def test_a_failed_write_leaves_no_partial_file(oct_, tmp_path, monkeypatch):
    import possuite.reports.pdf_common as common

    target = tmp_path / "out" / "keep.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old report")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(common.BaseDocTemplate, "build", boom)
    with pytest.raises(RuntimeError):
        write_day_report_pdf(day_report(oct_.ctx, date(2026, 10, 7)), target)
    assert target.read_bytes() == b"old report" and list(target.parent.iterdir()) == [target]
