"""The bills page: filters show the right rows, sorting, bill detail, reprint and void."""

from __future__ import annotations

import pytest
from owner_seed import seed_shop
from PySide6.QtCore import QDate, Qt

from possuite.services import audit, bills, customers
from possuite.services.context import Actor
from possuite.ui.bills_page import ANY_DATE, BillsPage
from possuite.ui.state import AppState


@pytest.fixture
def shop(ctx, clock):
    return seed_shop(ctx, clock)


def make_state(ctx, role):
    return AppState(ctx.as_actor(Actor("Owner" if role == "owner" else "Neha", role)))


@pytest.fixture
def state(ctx):
    s = make_state(ctx, "owner")
    yield s
    s.shutdown()


@pytest.fixture
def cashier(ctx):
    s = make_state(ctx, "cashier")
    yield s
    s.shutdown()


def open_page(qtbot, state) -> BillsPage:
    page = BillsPage(state)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.loads >= 1 and not page.model.loading)
    return page


def numbers(page) -> set[str]:
    return {page.model.row_at(r).number for r in range(page.model.rowCount())}


def wait_numbers(qtbot, page, expected: set[str]) -> None:
    qtbot.waitUntil(lambda: not page.model.loading and numbers(page) == expected, timeout=4000)


def test_status_filters(qtbot, state, shop):
    page = open_page(qtbot, state)
    assert page.model.total == 6 and page.count_label.text() == "6 bills"
    expected = {
        "overdue": {shop["asha_bill"]},
        "pending": {shop["ravi_bill"]},
        "partially_paid": {shop["zoya_bill"]},
        "paid": {shop["meena_bill"], shop["walkin_bill"]},
        "complimentary": {shop["comp_bill"]},
        "void": set(),
    }
    for status, want in expected.items():
        page.status_select.setCurrentIndex(page.status_select.findData(status))
        wait_numbers(qtbot, page, want)
        assert all(page.model.text(r, 6) == page.status_select.currentText() for r in range(page.model.rowCount()))


def test_date_customer_and_number_filters(qtbot, state, shop):
    page = open_page(qtbot, state)
    page.from_date.setDate(QDate(2026, 10, 20))
    page.to_date.setDate(QDate(2026, 10, 20))
    wait_numbers(qtbot, page, {shop["ravi_bill"], shop["zoya_bill"]})
    page.to_date.setDate(ANY_DATE)
    wait_numbers(qtbot, page, {shop["ravi_bill"], shop["zoya_bill"], shop["comp_bill"], shop["walkin_bill"]})
    page.from_date.setDate(ANY_DATE)

    qtbot.keyClicks(page.customer_input, "Meena")
    wait_numbers(qtbot, page, {shop["meena_bill"], shop["comp_bill"]})
    assert "Bills of Meena Iyer" in page.message.text()
    page.customer_input.clear()
    qtbot.keyClicks(page.customer_input, "98765 43210")               # a phone finds Ravi
    wait_numbers(qtbot, page, {shop["ravi_bill"]})
    page.customer_input.setText("Nobody Atall")
    wait_numbers(qtbot, page, set())
    assert "nobody matches" in page.message.text()
    page.customer_input.clear()

    tail = shop["zoya_bill"][-4:]
    qtbot.keyClicks(page.number_input, tail)
    wait_numbers(qtbot, page, {shop["zoya_bill"]})
    page.clear_filters()
    wait_numbers(qtbot, page, {shop[k] for k in shop if k.endswith("_bill")})


def test_sort_by_total_uses_amounts(qtbot, state, shop):
    page = open_page(qtbot, state)
    page.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.sort_key == "total" and not page.model.loading)
    totals = [page.model.row_at(r).total for r in range(page.model.rowCount())]
    assert totals == [0, 9000, 25000, 80000, 100000, 125000]        # 90 < 250 < 800 (not as text)


def test_bill_detail_shows_lines_tenders_allocations_and_receipt(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    d = page.open_detail(shop["zoya_bill"])
    qtbot.waitUntil(lambda: d.detail is not None)
    assert d.status_label.text() == "Partially paid"
    assert d.lines_model.rowCount() == 1 and d.lines_model.text(0, 0) == "Threading"
    assert d.lines_model.text(0, 5) == "₹90.00"
    assert d.tenders_model.rowCount() == 0
    assert d.allocations_model.rowCount() == 1 and d.allocations_model.text(0, 2) == "₹40.00"
    assert d.allocations_model.text(0, 0).startswith("RCP-")
    assert shop["zoya_bill"] in d.receipt_view.toPlainText()
    d.accept()
    d = page.open_detail(shop["asha_bill"])
    qtbot.waitUntil(lambda: d.detail is not None)
    assert d.tenders_model.text(0, 0) == "Cash" and d.tenders_model.text(0, 3) == "₹400.00"
    assert "Overdue" == d.status_label.text()
    d.reprint_button.click()                                           # no printer set up: a clear message
    qtbot.waitUntil(lambda: d.message.isVisible() and "printer" in d.message.text())


def test_owner_voids_a_bill_with_a_reason(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    d = page.open_detail(shop["ravi_bill"])
    qtbot.waitUntil(lambda: d.detail is not None)
    dlg = d.open_void()
    assert not dlg.need_pin
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    assert "Reason" in dlg.message.text()
    dlg.reason_input.setText("entered twice")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.status_label.text() == "Void")
    assert not d.void_button.isEnabled()
    assert customers.get_customer(ctx, shop["ravi"]).balance == 0
    page.status_select.setCurrentIndex(page.status_select.findData("void"))
    wait_numbers(qtbot, page, {shop["ravi_bill"]})


def test_cashier_needs_the_owners_pin_to_void(qtbot, cashier, shop, ctx):
    page = open_page(qtbot, cashier)
    d = page.open_detail(shop["zoya_bill"])
    qtbot.waitUntil(lambda: d.detail is not None)
    dlg = d.open_void()
    assert dlg.need_pin
    dlg.reason_input.setText("wrong customer")
    dlg.pin_input.setText("0000")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "wrong PIN" in dlg.message.text())
    assert bills.get_bill(ctx, shop["zoya_bill"]).bill["status"] == "partially_paid"
    dlg.pin_input.setText("1234")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: d.status_label.text() == "Void")
    assert bills.get_bill(ctx, shop["zoya_bill"]).bill["status"] == "void"
    void = [e for e in audit.list_entries(ctx) if e["action"] == "void"]
    assert [(e["user_name"], e["authorised_by"], e["reason"]) for e in void] == [("Neha", "Owner", "wrong customer")]
