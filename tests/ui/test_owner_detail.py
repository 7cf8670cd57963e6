"""Customer detail: statement, profile edit, adjust, deactivate rules, reminder."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from owner_seed import seed_shop
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from possuite.domain.errors import PermissionDenied
from possuite.services import customer_overview, customers, statement
from possuite.services.context import Actor
from possuite.services.store_settings import update_settings
from possuite.ui.customer_detail import CustomerDetailDialog
from possuite.ui.state import AppState


def make_state(ctx, role="owner"):
    return AppState(ctx.as_actor(Actor("Owner" if role == "owner" else "Neha", role)))


@pytest.fixture
def shop(ctx, clock):
    return seed_shop(ctx, clock)


@pytest.fixture
def owner(ctx):
    s = make_state(ctx)
    yield s
    s.shutdown()


@pytest.fixture
def cashier(ctx):
    s = make_state(ctx, "cashier")
    yield s
    s.shutdown()


def open_detail(qtbot, state, customer_id) -> CustomerDetailDialog:
    d = CustomerDetailDialog(state, customer_id)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.loads >= 1)
    return d


def reloaded(d, before):
    return lambda: d.loads > before


def test_statement_shows_running_balance_and_dues(qtbot, owner, shop):
    d = open_detail(qtbot, owner, shop["zoya"])
    m = d.statement_model
    assert [m.text(r, 2) for r in range(m.rowCount())] == ["Bill", "Collection (UPI)"]
    assert [m.text(r, 3) for r in range(2)] == ["₹90.00", ""]
    assert [m.text(r, 4) for r in range(2)] == ["", "₹40.00"]
    assert [m.text(r, 5) for r in range(2)] == ["₹90.00", "₹50.00"]
    assert d.balance_label.text() == "Pending: ₹50.00"
    assert "Oldest due 19 Nov 2026" in d.due_label.text()
    assert d.collect_button.isVisible() and d.collect_button.text() == "Collect ₹50.00"
    assert d.bills_model.rowCount() == 1 and d.bills_model.text(0, 5) == "Partially paid"
    assert d.payments_model.rowCount() == 1 and d.payments_model.text(0, 4) == "₹40.00"
    assert d.payments_model.text(0, 2) == "Collection" and d.payments_model.text(0, 3) == "UPI"


def test_profile_edit_saves_name_phone_notes_and_limit(qtbot, owner, shop, ctx):
    d = open_detail(qtbot, owner, shop["kabir"])
    d.tabs.setCurrentIndex(3)
    d.profile_name.setText("Kabir Shah Jr")
    d.profile_limit.setText("2,000")
    d.profile_notes.setPlainText("prefers evening slots")
    before = d.loads
    qtbot.mouseClick(d.save_profile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reloaded(d, before))
    c = customers.get_customer(ctx, shop["kabir"])
    assert (c.name, c.credit_limit, c.notes) == ("Kabir Shah Jr", 200000, "prefers evening slots")
    assert d.credit_label.text() == "Available credit: ₹2,000.00 of ₹2,000.00"
    d.profile_phone.setText("98450 12345")          # Asha's number
    qtbot.mouseClick(d.save_profile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.profile_message.isVisible() and "Asha Rao" in d.profile_message.text())


def test_cashier_edits_a_profile_without_touching_the_credit_limit(qtbot, cashier, shop, ctx):
    d = open_detail(qtbot, cashier, shop["ravi"])
    assert d.profile_limit.isReadOnly()
    assert not d.adjust_button.isVisible()
    d.profile_notes.setPlainText("call after 6pm")
    before = d.loads
    qtbot.mouseClick(d.save_profile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reloaded(d, before))
    assert customers.get_customer(ctx, shop["ravi"]).notes == "call after 6pm"


def test_owner_writes_off_part_of_a_balance(qtbot, owner, shop, ctx):
    d = open_detail(qtbot, owner, shop["ravi"])
    dlg = d.open_adjust()
    assert dlg.writeoff_radio.isChecked()
    dlg.amount_input.setText("250")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert "Reason" in dlg.message.text()                       # refused before sending
    dlg.reason_input.setText("goodwill: late appointment")
    before = d.loads
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reloaded(d, before))
    assert customers.get_customer(ctx, shop["ravi"]).balance == 100000
    assert d.balance_label.text() == "Pending: ₹1,000.00"
    last = d.statement_model.row_at(d.statement_model.rowCount() - 1)
    assert (last.label, last.credit, last.balance) == ("Write-off", 25000, 100000)


def test_cashier_cannot_deactivate_a_customer_who_owes_without_the_owner(qtbot, cashier, shop, ctx):
    # the service itself refuses a cashier...
    with pytest.raises(PermissionDenied):
        customers.deactivate_customer(cashier.ctx, shop["asha"], "moved")
    # ...and the window asks for the owner's PIN, refusing a wrong one
    d = open_detail(qtbot, cashier, shop["asha"])
    dlg = d.open_deactivate()
    assert dlg.need_pin and dlg.pin_input.isVisible()
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert "Owner PIN: is required" in dlg.message.text()
    dlg.pin_input.setText("9999")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "wrong PIN" in dlg.message.text())
    assert dlg.isVisible() and customers.get_customer(ctx, shop["asha"]).active
    # with the owner's PIN it goes through, dues kept visible
    dlg.pin_input.setText("1234")
    before = d.loads
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reloaded(d, before))
    c = customers.get_customer(ctx, shop["asha"])
    assert not c.active and c.balance == 60000
    assert d.reactivate_button.isVisible() and not d.deactivate_button.isVisible()
    assert "(inactive)" in d.name_label.text()


def test_cashier_deactivates_a_customer_who_owes_nothing(qtbot, cashier, shop, ctx):
    d = open_detail(qtbot, cashier, shop["kabir"])
    dlg = d.open_deactivate()
    assert not dlg.need_pin and not dlg.writeoff_radio.isVisible()
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not customers.get_customer(ctx, shop["kabir"]).active)
    assert customers.lookup(ctx, "Kabir") == []                   # leaves the till's lookup


def test_owner_deactivates_and_writes_off_the_dues(qtbot, owner, shop, ctx):
    d = open_detail(qtbot, owner, shop["asha"])
    dlg = d.open_deactivate()
    assert not dlg.need_pin and dlg.keep_radio.isChecked()
    dlg.writeoff_radio.setChecked(True)
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert "Reason" in dlg.message.text()
    dlg.reason_input.setText("moved to Bengaluru")
    before = d.loads
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reloaded(d, before))
    c = customers.get_customer(ctx, shop["asha"])
    assert not c.active and c.balance == 0
    assert d.balance_label.text() == "-"
    st = statement.customer_statement(ctx, shop["asha"])
    assert st.lines[-1].label == "Write-off" and st.lines[-1].note == "moved to Bengaluru"


def test_reminder_copies_the_message_and_offers_whatsapp_only_online(qtbot, owner, shop, ctx, monkeypatch):
    update_settings(ctx, upi_id="glowsalon@okaxis")
    ctx.refresh_store()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    monkeypatch.setattr(customer_overview, "is_online", lambda *a, **k: False)
    d = open_detail(qtbot, owner, shop["asha"])
    qtbot.mouseClick(d.reminder_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "Asha Rao" in text and "₹600.00" in text and "09 Sep 2026" in text and "upi://pay?" in text
    qtbot.waitUntil(lambda: "Offline" in d.message.text())
    assert opened == []

    monkeypatch.setattr(customer_overview, "is_online", lambda *a, **k: True)
    qtbot.mouseClick(d.reminder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(d, "whatsapp_box", None) is not None and d.whatsapp_box.isVisible())
    qtbot.mouseClick(d.whatsapp_box.button(QMessageBox.StandardButton.Open), Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].startswith("https://wa.me/919845012345?text=")
    assert unquote(opened[0].split("text=", 1)[1]) == text
