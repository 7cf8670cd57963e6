"""The return dialog: from a bill's detail on the Bills page, and at the till by scanning a receipt's number."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from till_driver import WAIT_MS, type_into

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services import audit, bills, customers
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import Actor
from possuite.services.credit_notes import credit_notes
from possuite.ui.bills_page import BillsPage
from possuite.ui.state import AppState


def _bill(ctx, customer_id=None, **kw):
    lines = [CartLine("Shampoo", 3000, 250_00, tax_rate_bp=1800, kind="product"), CartLine("Haircut", 1000, 400_00)]
    return complete_sale(ctx, SaleRequest(lines, customer_id=customer_id, **kw))


@pytest.fixture
def owner_state(ctx):
    s = AppState(ctx.as_actor(Actor("Owner", "owner")))
    yield s
    s.shutdown()


@pytest.fixture
def cashier_state(ctx):
    from possuite.services.users import add_user

    add_user(ctx, "Neha", "cashier", "5678")
    s = AppState(ctx.as_actor(Actor("Neha", "cashier")))
    yield s
    s.shutdown()


def _detail(qtbot, state, number):
    page = BillsPage(state)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.loads >= 1 and not page.model.loading)
    d = page.open_detail(number)
    qtbot.waitUntil(lambda: d.detail is not None)
    return page, d


def _loaded(qtbot, dlg):
    qtbot.waitUntil(lambda: dlg.bill is not None or bool(dlg.message.text()), timeout=WAIT_MS)
    return dlg


def test_bill_detail_return_lowers_the_pending_then_refunds_the_rest_and_shows_partly_returned(
        qtbot, owner_state, ctx):
    asha = customers.add_customer(ctx, "Asha", "9822000001")
    bill = _bill(ctx, asha.id, tenders=[Tender("cash", 600_00)], leave_pending=True)   # 1285 - 600 = 685 pending
    page, d = _detail(qtbot, owner_state, bill.number)
    assert d.return_button.isEnabled()
    dlg = _loaded(qtbot, d.open_return())
    assert dlg.spins and not dlg.confirm_button.isEnabled()
    assert [s.maximum() for s in dlg.spins.values()] == [3, 1]
    assert dlg.refund_buttons["account"].isChecked()   # a pending bill's customer: the account by default
    dlg.refund_buttons["cash"].setChecked(True)
    qty = dlg.findChild(type(next(iter(dlg.spins.values()))), "returnQty2")
    qty.setValue(1)
    qty_shampoo = dlg.findChild(type(qty), "returnQty1")
    qty_shampoo.setValue(3)
    # 3 × 295.00 + 400.00 = 1285.00: 685.00 comes off the pending, 600.00 back in cash
    assert dlg.total_label.amount == 1285_00
    assert "₹685.00 off the bill's pending" in dlg.outcome_label.text()
    assert "refund ₹600.00 by Cash" in dlg.outcome_label.text()
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert "Reason" in dlg.message.text() and dlg.isVisible()
    dlg.reason_input.setText("wrong shade")
    qty_shampoo.setValue(1)
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Credit note CN-26-0001" in d.message.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Partly returned" in d.status_label.text(), timeout=WAIT_MS)
    assert d.returns_model.rowCount() == 1 and d.returns_model.text(0, 0) == "CN-26-0001"
    assert not d.void_button.isEnabled()
    status_col = [c.title for c in page.model.columns].index("Status")
    qtbot.waitUntil(lambda: not page.model.loading and page.model.text(0, status_col) == "Paid · Partly returned",
                    timeout=WAIT_MS)
    shown = bills.get_bill(ctx, bill.number).as_json()
    # 295.00 + 400.00 = 695.00 back: the 685.00 pending is gone and 10.00 went back in cash
    assert shown["outstanding"] == 0 and shown["return_status"] == "partly_returned"
    assert shown["returns"][0]["refunded"] == 10_00
    assert [e["reason"] for e in audit.list_entries(ctx) if e["action"] == "return"] == ["wrong shade"]


def test_a_cashier_needs_the_owners_pin_for_a_bill_older_than_the_return_days(qtbot, cashier_state, ctx, clock):
    bill = _bill(ctx, tenders=[Tender("cash", 1285_00)])
    clock.set(datetime(2026, 11, 20, 10, 0))                # the store allows 7 days
    _, d = _detail(qtbot, cashier_state, bill.number)
    dlg = _loaded(qtbot, d.open_return())
    assert dlg.pin_input.isVisible() and "older than 7 day" in dlg.message.text()
    assert "account" not in dlg.refund_buttons          # a walk-in bill: no account to credit
    dlg.findChild(type(next(iter(dlg.spins.values()))), "returnQty2").setValue(1)
    dlg.reason_input.setText("late complaint")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert "Owner PIN" in dlg.message.text()
    dlg.pin_input.setText("0000")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "wrong PIN" in dlg.message.text(), timeout=WAIT_MS)
    assert credit_notes(ctx) == []
    dlg.pin_input.setText("1234")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(credit_notes(ctx)) == 1, timeout=WAIT_MS)
    e = [e for e in audit.list_entries(ctx) if e["action"] == "return"][0]
    assert (e["user_name"], e["authorised_by"]) == ("Neha", "Owner")


def test_at_the_till_scanning_a_receipts_number_opens_the_return_dialog(qtbot, till_owner, ctx):
    bill = _bill(ctx, tenders=[Tender("upi", 1285_00)])
    page = till_owner.checkout
    type_into(qtbot, page, "itemEntry", bill.number.lower(), enter=True)
    qtbot.waitUntil(lambda: getattr(page, "return_dialog", None) is not None, timeout=WAIT_MS)
    dlg = _loaded(qtbot, page.return_dialog)
    assert dlg.isVisible() and dlg.number == bill.number
    assert page.cart.totals.total == 0                    # nothing went into the cart
    dlg.findChild(type(next(iter(dlg.spins.values()))), "returnQty1").setValue(2)
    dlg.refund_buttons["upi"].setChecked(True)
    dlg.reason_input.setText("two bottles leaked")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Credit note CN-26-0001" in page.item_message.text(), timeout=WAIT_MS)
    assert "refund ₹590.00 by UPI" in page.item_message.text()
    type_into(qtbot, page, "itemEntry", "SAL-26-0999", enter=True)   # no such bill: said in the dialog
    qtbot.waitUntil(lambda: page.return_dialog is not dlg and "no bill numbered" in page.return_dialog.message.text(),
                    timeout=WAIT_MS)
    assert not page.return_dialog.confirm_button.isEnabled()
