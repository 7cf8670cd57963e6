"""Settings › Store edited by the owner (read-only for a cashier), and the Reports page's GST part."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from possuite.services import audit
from possuite.services.context import Actor
from possuite.services.demo import create_demo
from possuite.services.store_settings import show_store
from possuite.ui.reports_page import ReportsPage
from possuite.ui.state import AppState
from possuite.ui.store_settings import StoreTab

WAIT = 20000


@pytest.fixture
def state(ctx):
    s = AppState(ctx)
    yield s
    s.shutdown()


def open_tab(qtbot, state) -> StoreTab:
    tab = StoreTab(state)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.name_input.text() == "Glow Salon", timeout=WAIT)
    return tab


def test_the_owner_edits_the_store_and_the_change_is_saved_and_audited(qtbot, state, ctx):
    tab = open_tab(qtbot, state)
    assert tab.gstin_input.text() == "27ABCDE1234F1Z0" and tab.state_box.currentData() == "27"
    assert tab.heading_label.text() == "TAX INVOICE"
    tab.name_input.setText("Glow Salon & Spa")
    tab.registration_box.setCurrentIndex(tab.registration_box.findData("composition"))
    assert tab.heading_label.text() == "BILL OF SUPPLY"
    tab.credit_days.setValue(45)
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.message.text() == "Saved.", timeout=WAIT)
    s = show_store(ctx)
    assert (s.name, s.gst_registration, s.credit_days, s.tax_id) == ("Glow Salon & Spa", "composition", 45,
                                                                      "27ABCDE1234F1Z0")
    assert state.ctx.store.gst_registration == "composition"  # the till sells under the new registration at once
    entry = next(e for e in audit.list_entries(ctx) if e["action"] == "settings changed")
    assert '"gst_registration": {"from": "regular", "to": "composition"}' in entry["details"]


def test_a_mistyped_gstin_shows_one_line_naming_it_and_changes_nothing(qtbot, state, ctx):
    tab = open_tab(qtbot, state)
    tab.gstin_input.setText("27ABCDE1234F1Z5")
    tab.credit_days.setValue(10)
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.message.text().startswith("Tax id: "), timeout=WAIT)
    assert "check character" in tab.message.text()
    s = show_store(ctx)
    assert (s.tax_id, s.credit_days) == ("27ABCDE1234F1Z0", 30)


def test_a_cashier_sees_the_store_but_cannot_change_it(qtbot, ctx):
    state = AppState(ctx.as_actor(Actor("Ravi", "cashier")))
    try:
        tab = open_tab(qtbot, state)
        assert not tab.gstin_input.isEnabled() and not tab.save_button.isVisible()
        assert "Only an owner" in tab.message.text()
    finally:
        state.shutdown()


def test_the_reports_page_writes_the_gst_files_and_shows_the_summary(qtbot, state, ctx, clock, tmp_path,
                                                                      monkeypatch):
    clock.set(datetime(2026, 10, 31, 21, 0))
    create_demo(ctx, 12, 80, days=30, seed=3)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "g.json"), ""))
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.show()
    page.from_date.setDate(QDate(2026, 10, 1))
    page.to_date.setDate(QDate(2026, 10, 31))
    run = page.start("gst_csv")
    qtbot.waitUntil(lambda: run.finished, timeout=WAIT)
    assert run.error is None and opened == [str(tmp_path)]
    with open(tmp_path / "b2cs.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[:2] == ["Type", "Place Of Supply"]
    run = page.start("gst_json")
    qtbot.waitUntil(lambda: run.finished, timeout=WAIT)
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    page.start("gst_summary")
    qtbot.waitUntil(page.gst_summary.isVisible, timeout=WAIT)
    text = page.gst_summary.text()
    count = data["totals"]["invoices"]["count"]
    assert f"{count} tax invoice{'' if count == 1 else 's'}:" in text and "CGST ₹" in text


def test_the_customer_dialog_takes_a_business_buyers_gstin(qtbot, state, ctx):
    from possuite.services.customers import get_customer
    from possuite.ui.customer_dialog import CustomerDialog

    dlg = CustomerDialog(state, full=True, name="Kaveri Hotels")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.gstin_input.setText("29AAACK1234F1ZX")
    dlg.save()
    qtbot.waitUntil(lambda: dlg.message.text().startswith("GSTIN: "), timeout=WAIT)
    assert "check character" in dlg.message.text() and dlg.saved is None
    dlg.gstin_input.setText("29aaack1234f1zw")
    dlg.save()
    qtbot.waitUntil(lambda: dlg.saved is not None, timeout=WAIT)
    saved = get_customer(ctx, dlg.saved.id)
    assert (saved.gstin, saved.state) == ("29AAACK1234F1ZW", "29")
