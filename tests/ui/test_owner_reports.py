"""The reports page: every button asks for a file, writes it on the worker with progress, then opens it."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from owner_seed import seed_shop
from PySide6.QtCore import QDate
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from possuite.ui import reports_page
from possuite.ui.reports_page import ReportsPage, run_export
from possuite.ui.state import AppState


@pytest.fixture
def state(ctx):
    s = AppState(ctx)
    yield s
    s.shutdown()


@pytest.fixture
def shop(ctx, clock):
    return seed_shop(ctx, clock)


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    """The file dialog answers with tmp_path/<name>; records what it was asked."""
    asked: list[str] = []
    answer = {"name": "report"}

    def fake(parent, title, suggested, flt):
        asked.append(suggested)
        return (str(tmp_path / answer["name"]) if answer["name"] else "", flt)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return answer, asked


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def open_page(qtbot, state) -> ReportsPage:
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.show()
    page.from_date.setDate(QDate(2026, 8, 1))
    page.to_date.setDate(QDate(2026, 11, 1))
    page.day_date.setDate(QDate(2026, 10, 20))
    return page


def run(qtbot, page, key):
    r = page.start(key)
    assert r is not None
    qtbot.waitUntil(lambda: r.finished, timeout=30000)
    assert r.error is None, r.error
    assert not r.dialog.isVisible()
    return r


def test_every_report_is_written_and_opened(qtbot, state, shop, tmp_path, save_as, opened):
    answer, asked = save_as
    page = open_page(qtbot, state)
    expected = {
        "payments_pdf": ("payments-2026-08-01_2026-11-01.pdf", "SAL-26-"),
        "day_pdf": ("day-2026-10-20.pdf", "₹"),
        "balances_csv": ("balances-2026-11-01.csv", "Ravi Kumar"),
        "balances_pdf": ("balances-2026-11-01.pdf", "Asha Rao"),
        "bills_csv": ("bills-2026-08-01_2026-11-01.csv", shop["zoya_bill"]),
        "payments_csv": ("payments-2026-08-01_2026-11-01.csv", "upi"),
    }
    for key, (default_name, must_contain) in expected.items():
        answer["name"] = key                                          # typed without a suffix
        r = run(qtbot, page, key)
        assert asked[-1].endswith(default_name)
        suffix = default_name.rsplit(".", 1)[1]
        out = tmp_path / f"{key}.{suffix}"
        assert r.result == out and opened[-1] == str(out)
        content = text_of(out) if suffix == "pdf" else out.read_text(encoding="utf-8-sig")
        assert must_contain in content, key
        assert "Saved" in page.message.text()


def test_statement_needs_a_customer_and_names_ambiguity(qtbot, state, shop, tmp_path, save_as, opened, ctx):
    from possuite.services.customers import add_customer

    add_customer(ctx, "Asha Raman", "90000 22222")
    answer, asked = save_as
    page = open_page(qtbot, state)
    assert page.start("statement_pdf") is None
    assert "Customer: is required" in page.message.text() and asked == []

    page.customer_input.setText("Asha")                               # two customers match
    answer["name"] = "statement.pdf"
    r = page.start("statement_pdf")
    qtbot.waitUntil(lambda: r.finished, timeout=30000)
    assert r.error is not None and "matches 2 customers" in page.message.text() and opened == []

    page.customer_input.setText("Asha Rao")
    r = run(qtbot, page, "statement_pdf")
    words = text_of(r.result)
    assert "Asha Rao" in words and "₹600.00" in words


def test_cancelled_file_dialog_writes_nothing(qtbot, state, shop, save_as, opened):
    answer, _asked = save_as
    answer["name"] = ""
    page = open_page(qtbot, state)
    assert page.start("balances_csv") is None and opened == []


def test_progress_reaches_the_dialog_from_the_worker(qtbot, state, tmp_path, opened):
    def slow_job(ctx, path, progress=None):
        for i in range(1, 6):
            progress(i, 5)
        out = tmp_path / "x.txt"
        out.write_text("done")
        return out

    r = run_export(state, None, "Test", slow_job, str(tmp_path / "x.txt"))
    qtbot.waitUntil(lambda: r.finished)
    assert r.progress == (5, 5) and r.dialog.maximum() == 5
    assert opened == [str(tmp_path / "x.txt")]


def test_resolve_customer_by_phone_and_unique_name(ctx, shop):
    assert reports_page.resolve_customer(ctx, "98765 43210") == shop["ravi"]
    assert reports_page.resolve_customer(ctx, "zoya") == shop["zoya"]
    assert reports_page.resolve_customer(ctx, "") is None
    assert date(2026, 11, 1) == ctx.clock.today()
