"""Customers › Possible duplicates: the owner sees likely duplicates and merges them; a cashier sees no button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from possuite.services import customers, users
from possuite.ui.customers_page import CustomersPage
from possuite.ui.state import AppState
from testkit import sell


@pytest.fixture
def twins(ctx):
    keep = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    other = customers.add_customer(ctx, "Priya Sharma", "98765 43201")
    sell(ctx, keep.id, 50000, no_payment=True)
    sell(ctx, other.id, 30000, no_payment=True)
    return keep, other


def _page(qtbot, state) -> CustomersPage:
    page = CustomersPage(state)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.loads >= 1 and page.summary is not None)
    return page


def test_the_owner_merges_a_likely_duplicate_keeping_the_one_chosen(qtbot, ctx, twins):
    keep, other = twins
    state = AppState(ctx)
    page = _page(qtbot, state)
    assert page.duplicates_button.isVisible()
    qtbot.mouseClick(page.duplicates_button, Qt.MouseButton.LeftButton)
    dlg = page.duplicates_dialog
    qtbot.waitUntil(lambda: dlg.loaded)
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 6).text() == "same name, similar phone"
    assert dlg.table.item(0, 1).text() == keep.phone_display and dlg.table.item(0, 5).text() == "₹300.00"
    qtbot.mouseClick(dlg.swap_button, Qt.MouseButton.LeftButton)  # keep the newer one instead
    assert dlg.table.item(0, 1).text() == other.phone_display
    assert dlg.merge_button.text() == f"Merge “Priya Sharma ({keep.phone_display})” into “Priya Sharma”"
    assert dlg.table.item(0, 2).foreground().color().name() == "#c62828"  # what is owed is red
    qtbot.keyClicks(dlg.reason_edit, "same person")
    qtbot.mouseClick(dlg.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.message.isVisible() and dlg.message.text().startswith("Merged"))
    assert "₹500.00 moved" in dlg.message.text() and "₹800.00" in dlg.message.text()
    qtbot.waitUntil(lambda: dlg.empty.isVisible())
    assert customers.get_customer(ctx, other.id).balance == 80000
    merged = customers.get_customer(ctx, keep.id)
    assert merged.balance == 0 and not merged.active
    qtbot.waitUntil(lambda: page.card_active.value.text() == "1")  # the page follows the merge
    state.shutdown()


def test_a_cashier_sees_no_duplicates_button(qtbot, ctx, twins):
    users.add_user(ctx, "Ravi", "cashier", "4321")
    state = AppState(ctx.as_actor(users.login(ctx, "Ravi", "4321")))
    page = _page(qtbot, state)
    assert not page.duplicates_button.isVisible()
    state.shutdown()
