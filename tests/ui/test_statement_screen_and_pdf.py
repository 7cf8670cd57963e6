"""The customer window's Statement tab and the statement PDF show the same rows: one builder behind both."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime

import pytest
from owner_seed import sell

from possuite.reports.statement_pdf import write_statement_pdf
from possuite.services.collections import adjust, collect_dues
from possuite.services.context import Actor
from possuite.services.customers import add_customer
from possuite.services.statement import customer_statement
from possuite.ui.customer_detail import CustomerDetailDialog
from possuite.ui.state import AppState

DATE = r"\d\d [A-Z][a-z]{2} \d{4}"


@pytest.fixture
def owner(ctx):
    s = AppState(ctx.as_actor(Actor("Owner", "owner")))
    yield s
    s.shutdown()


@pytest.fixture
def priya(ctx, clock):
    """Every kind of movement: an opening balance, bills paid in part and not at all, a collection, a write-off."""
    p = add_customer(ctx, "Priya Nair", "98450 11111").id
    clock.set(datetime(2026, 8, 1, 9, 30))
    adjust(ctx, p, 25000, "paper book", kind="opening")
    clock.set(datetime(2026, 8, 10, 11, 0))
    sell(ctx, p, 100000, 40000, desc="Hair colour")
    clock.set(datetime(2026, 9, 20, 12, 15))
    sell(ctx, p, 50000, desc="Pedicure")
    clock.set(datetime(2026, 10, 5, 17, 45))
    collect_dues(ctx, p, 30000, "upi")
    clock.set(datetime(2026, 10, 30, 9, 0))
    adjust(ctx, p, -10000, "goodwill")
    clock.set(datetime(2026, 11, 1, 10, 0))
    return p


def screen_rows(qtbot, state, customer_id) -> list[dict]:
    d = CustomerDetailDialog(state, customer_id)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.loads >= 1)
    m = d.statement_model
    assert [m.columns[i].title for i in range(6)] == ["Date", "Document", "Description", "Debit", "Credit", "Balance"]
    return [{"date": m.text(r, 0), "document": m.text(r, 1), "description": m.text(r, 2), "debit": m.text(r, 3),
             "credit": m.text(r, 4), "balance": m.text(r, 5)} for r in range(m.rowCount())]


def pdf_lines(ctx, customer_id, path) -> list[str]:
    write_statement_pdf(customer_statement(ctx, customer_id), path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [ln for ln in text.splitlines() if re.match(rf"\s*{DATE}\s+\S+-\d\d-\d{{4}}\s", ln)]


def test_the_statement_tab_and_the_pdf_show_the_same_rows(qtbot, owner, ctx, priya, tmp_path):
    screen = screen_rows(qtbot, owner, priya)
    pdf = pdf_lines(ctx, priya, tmp_path / "statement.pdf")
    assert [r["description"] for r in screen] == [
        "Opening balance: paper book", "Bill", "Payment (Cash)", "Bill", "Collection (UPI)", "Write-off: goodwill"]
    assert [r["balance"] for r in screen] == ["₹250.00", "₹1,250.00", "₹850.00", "₹1,350.00", "₹1,050.00", "₹950.00"]
    assert len(pdf) == len(screen)
    debit_ends, credit_ends = [], []
    for row, line in zip(screen, pdf, strict=True):
        day = " ".join(row["date"].split()[:3])           # the screen adds the time of day
        amount = row["debit"] or row["credit"]
        m = re.match(rf"\s*{re.escape(day)}\s+{re.escape(row['document'])}\s+{re.escape(row['description'])}\s+"
                     rf"({re.escape(amount)})\s+{re.escape(row['balance'])}$", line)
        assert m, (row, line)
        (debit_ends if row["debit"] else credit_ends).append(m.end(1))
    assert max(debit_ends) < min(credit_ends)           # each amount stands in the same column on both
