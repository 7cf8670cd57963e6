"""`possuite report|demo|cleanup-demo|import`: files written, figures printed, errors as one line."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def shop(cli):
    """Asha owes ₹470 after four bills and a collection in October (see tests/reports/report_scenarios)."""
    cli.ok("customer", "add", "--name", "Asha Rao", "--phone", "9876543210")
    cli.at("2026-10-01T10:00:00")
    cli.ok("sell", "--customer", "9876543210", "--line-custom", "Haircut=590", "--no-payment")
    cli.at("2026-10-05T11:00:00")
    cli.ok("sell", "--customer", "9876543210", "--line-custom", "Haircut=590", "--pay", "cash:1000")
    cli.at("2026-10-07T11:00:00")
    cli.ok("sell", "--customer", "9876543210", "--line-custom", "Haircut=590", "--pay", "card:200", "--pending")
    cli.at("2026-10-07T11:30:00")
    cli.ok("collect", "9876543210", "--amount", "100", "--method", "cash")
    cli.at("2026-11-01T10:00:00")
    return cli


def test_payment_report_pdf_and_csv(shop, tmp_path):
    pdf, out_csv = tmp_path / "payments.pdf", tmp_path / "payments.csv"
    data = shop.ok("report", "payments", "--from", "2026-10-01", "--to", "2026-10-31", "--pdf", str(pdf),
                   "--csv", str(out_csv))
    assert (data["invoices"], data["total"], data["paid"], data["remaining"]) == (3, 177000, 130000, 47000)
    assert "₹1,770.00" in pdf_text(pdf) and "Page 1 of 1" in pdf_text(pdf)
    with open(out_csv, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["amount"] for r in rows] == ["1000.00", "200.00", "100.00"]
    human = shop("report", "payments", "--from", "2026-10-01", "--to", "2026-10-31", "--pdf", str(pdf))
    assert human.code == 0 and "3 invoice(s), billed ₹1,770.00" in human.out and "remaining ₹470.00" in human.out


def test_statement_day_balances_bills(shop, tmp_path):
    st = shop.ok("report", "statement", "9876543210", "--pdf", str(tmp_path / "st.pdf"))
    assert (st["opening"], st["closing"], st["movements"]) == (0, 47000, 6)
    assert "Closing balance on 01 Nov 2026" in pdf_text(tmp_path / "st.pdf")
    day = shop.ok("report", "day", "--date", "2026-10-07", "--pdf", str(tmp_path / "day.pdf"))
    assert (day["bills"], day["pending_created"], day["expected_cash"]) == (1, 39000, 10000)
    text = shop("report", "day", "--date", "2026-10-07", "--text", "--width", "32")
    assert text.code == 0 and max(len(ln) for ln in text.out.splitlines()) <= 32
    assert "EXPECTED CASH IN DRAWER" in text.out
    bal = shop.ok("report", "balances", "--csv", str(tmp_path / "b.csv"), "--pdf", str(tmp_path / "b.pdf"))
    assert (bal["total_outstanding"], bal["customers_owing"]) == (47000, 1)
    assert "Outstanding by days past due" in pdf_text(tmp_path / "b.pdf")
    assert shop.ok("report", "bills", "--csv", str(tmp_path / "bills.csv"))["rows"] == 3
    assert shop.ok("report", "payments-csv", "--csv", str(tmp_path / "p.csv"), "--customer", "9876543210")[
        "rows"] == 3


@pytest.mark.parametrize("args, message", [
    (["report", "payments", "--from", "2026-10-31", "--to", "2026-10-01", "--pdf", "x.pdf"], "error: from:"),
    (["report", "payments", "--from", "2026-10-01", "--to", "2026-10-31"], "give --pdf FILE and/or --csv FILE"),
    (["report", "payments", "--from", "yesterday", "--to", "2026-10-31", "--pdf", "x.pdf"], "is not a date"),
    (["report", "statement", "9999999999", "--pdf", "x.pdf"], "error: customer: no customer"),
    (["report", "balances"], "give --csv FILE and/or --pdf FILE"),
    (["report", "bills", "--csv", "/no/such/folder/b.csv"], "the folder /no/such/folder does not exist"),
])
def test_bad_requests_are_one_line_errors(shop, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = shop(*args)
    assert r.code == 2 and message in r.err and len(r.err.strip().splitlines()) == 1
    assert "Traceback" not in r.err and not (tmp_path / "x.pdf").exists()


def test_demo_check_and_cleanup(cli, monkeypatch):
    cli.at("2026-11-01T19:00:00")
    made = cli.ok("demo", "--customers", "6", "--bills", "40", "--seed", "4")
    assert made["customers"] == 6 and made["bills"] == 40
    assert cli("check").code == 0
    plan = cli.ok("cleanup-demo", "--dry-run")
    assert plan["customers"] == 6 and plan["removed"] is False
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    refused = cli("cleanup-demo")
    assert refused.code == 2 and "no answer on standard input" in refused.err and "--yes" in refused.err
    monkeypatch.setattr(sys, "stdin", io.StringIO("no\n"))
    assert cli("cleanup-demo").code == 1
    assert cli.ok("cleanup-demo", "--dry-run")["customers"] == 6          # still there
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))
    done = cli("cleanup-demo")
    assert done.code == 0 and "Removed: 6 customers" in done.out
    assert cli("check").code == 0
    assert "No demo data to remove." in cli("cleanup-demo", "--yes").out


def test_import_customers_and_items(cli, tmp_path):
    good = tmp_path / "customers.csv"
    good.write_text("name,phone,opening_balance\nAsha Rao,9876543210,1500\nDev,,\n", encoding="utf-8-sig")
    data = cli.ok("import", "customers", str(good))
    assert (data["rows"], data["openings"], data["opening_total"]) == (2, 1, 150000)
    assert cli.ok("customer", "show", "9876543210")["balance"] == 150000
    bad = tmp_path / "bad.csv"
    bad.write_text("name,phone\nOk,9876543211\n,9876543212\nX,123\n", encoding="utf-8")
    r = cli("import", "customers", str(bad))
    assert r.code == 2
    assert "line 3: name: is required" in r.err and "line 4: phone:" in r.err and "nothing was imported" in r.err
    problems = cli("--json", "import", "customers", str(bad)).json["problems"]
    assert [p["line"] for p in problems] == [3, 4]
    items = tmp_path / "items.csv"
    items.write_text("name,price,tax_rate,kind\nHaircut,250,18,service\n", encoding="utf-8")
    assert cli.ok("import", "items", str(items))["rows"] == 1
    assert cli("check").code == 0
