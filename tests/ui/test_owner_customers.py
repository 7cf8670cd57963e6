"""The customers page: cards, table, search as you type, filters, Collect from the row."""

from __future__ import annotations

import pytest
from owner_seed import seed_shop
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from possuite.services import customers
from possuite.ui.customers_page import CustomersPage
from possuite.ui.owner_models import CustomersModel
from possuite.ui.state import AppState


@pytest.fixture
def state(ctx, qtbot):
    s = AppState(ctx)
    yield s
    s.shutdown()


@pytest.fixture
def shop(ctx, clock):
    return seed_shop(ctx, clock)


def open_page(qtbot, state) -> CustomersPage:
    page = CustomersPage(state)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.loads >= 1 and page.summary is not None)
    return page


def names(page) -> list[str]:
    m = page.model
    return [m.text(r, 0) for r in range(m.rowCount())]


def row_of(page, name: str) -> int:
    return names(page).index(name)


def test_cards_and_table_show_what_customers_owe(qtbot, state, shop):
    page = open_page(qtbot, state)
    assert page.card_total.value.text() == "5"
    assert page.card_active.value.text() == "5"
    assert page.card_owing.value.text() == "3"
    assert page.card_pending.value.text() == "₹1,900.00"      # 600 + 1,250 + 50
    assert page.card_average.value.text() == "₹633.33"
    assert names(page) == ["Asha Rao", "Kabir Shah", "Meena Iyer", "Ravi Kumar", "Zoya Khan"]
    m = page.model
    asha, kabir = row_of(page, "Asha Rao"), row_of(page, "Kabir Shah")
    assert m.text(asha, 4) == "₹600.00"
    assert m.index(asha, 4).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#c62828")
    assert m.text(kabir, 4) == "-"
    assert m.index(kabir, 4).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#9a9ea6")
    assert m.text(row_of(page, "Meena Iyer"), 2) == "2" and m.text(row_of(page, "Meena Iyer"), 3) == "₹800.00"
    assert m.text(asha, 5) == "10 Aug 2026"
    # the Collect button only on rows that owe
    assert m.index(asha, CustomersModel.COLLECT).data(Qt.ItemDataRole.UserRole + 3) is True
    assert m.index(kabir, CustomersModel.COLLECT).data(Qt.ItemDataRole.UserRole + 3) is False
    # a till's book is one store: no Store column (the hub's back office shows one, tests/hub)
    assert page.table.isColumnHidden(m.store_column) and not m.stores_shown


def test_search_as_you_type_by_name_and_phone_digits(qtbot, state, shop):
    page = open_page(qtbot, state)
    qtbot.keyClicks(page.search_input, "ravi")
    qtbot.waitUntil(lambda: names(page) == ["Ravi Kumar"], timeout=3000)
    page.search_input.clear()
    qtbot.keyClicks(page.search_input, "45678")            # digits in the middle of Zoya's number
    qtbot.waitUntil(lambda: names(page) == ["Zoya Khan"], timeout=3000)
    page.search_input.clear()
    qtbot.keyClicks(page.search_input, "nobody here")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.message.isVisible(), timeout=3000)
    assert "nobody here" in page.message.text()


def test_filters_owing_overdue_inactive(qtbot, state, shop, ctx):
    customers.deactivate_customer(ctx, shop["kabir"], "moved away")
    page = open_page(qtbot, state)

    def pick(key):
        page.filter_select.setCurrentIndex(page.filter_select.findData(key))

    pick("owing")
    qtbot.waitUntil(lambda: names(page) == ["Asha Rao", "Ravi Kumar", "Zoya Khan"])
    pick("overdue")
    qtbot.waitUntil(lambda: names(page) == ["Asha Rao"])
    pick("inactive")
    qtbot.waitUntil(lambda: names(page) == ["Kabir Shah (inactive)"])
    pick("active")
    qtbot.waitUntil(lambda: len(names(page)) == 4)


def test_sorting_asks_for_real_values(qtbot, state, shop):
    page = open_page(qtbot, state)
    header = page.table.horizontalHeader()
    header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)       # Pending, highest first
    qtbot.waitUntil(lambda: names(page)[0] == "Ravi Kumar")
    assert names(page)[:3] == ["Ravi Kumar", "Asha Rao", "Zoya Khan"]  # 1,250 > 600 > 50 (not as text)
    header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)       # Visits
    qtbot.waitUntil(lambda: names(page)[0] == "Meena Iyer")


def test_collect_from_the_row_updates_row_and_cards(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    r = row_of(page, "Asha Rao")
    rect = page.table.visualRect(page.model.index(r, CustomersModel.COLLECT))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dlg = page.collect_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.confirm_button.text() == "Collect ₹600.00"
    assert dlg.pending_label.text() == "₹600.00"
    dlg.amount_input.setText("250")
    assert dlg.confirm_button.text() == "Collect ₹250.00"
    dlg.amount_input.setText("700")                                # more than owed: refused before sending
    assert not dlg.confirm_button.isEnabled() and "more than Asha Rao owes" in dlg.message.text()
    dlg.amount_input.setText("250")
    dlg.method_select.setCurrentIndex(dlg.method_select.findData("upi"))
    dlg.reference_input.setText("UPI-778899")
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result is not None)
    assert page.model.text(r, 4) == "₹350.00"                      # the row, at once
    assert "RCP-" in dlg.message.text() and "Balance now ₹350.00" in dlg.message.text()
    assert "350.00" in dlg.receipt_view.toPlainText()
    qtbot.waitUntil(lambda: page.card_pending.value.text() == "₹1,650.00")
    assert customers.get_customer(ctx, shop["asha"]).balance == 35000


def test_paging_fetches_more_as_the_view_scrolls(qtbot, state, ctx):
    from possuite.services.customers import add_customer

    for i in range(45):
        add_customer(ctx, f"Guest {i:03d}", f"97000{i:05d}")
    page = CustomersPage(state, page_size=20)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.loads >= 1)
    assert page.model.total == 45
    assert page.model.rowCount() == 20
    assert page.model.canFetchMore()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 45)
    assert not page.model.canFetchMore()
    assert names(page)[-1] == "Guest 044"
    assert page.model.total == 45  # the next pages, read after the last row shown, keep the first page's count
    assert [r.id for r in page.model._rows] == [c.id for c in customers.list_customers(ctx, limit=1000).rows]


def test_paging_by_a_tied_sort_shows_every_customer_once_in_the_books_order(qtbot, state, ctx):
    """All 45 have 0 visits: the pages after the first continue after the last row's (visits, id), so none is
    shown twice or skipped where the sort key ties across a page's end (keyset paging)."""
    from possuite.services.customers import add_customer

    for i in range(45):
        add_customer(ctx, f"Guest {i:03d}", f"97000{i:05d}")
    page = CustomersPage(state, page_size=20)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.loads >= 1)
    visits = next(i for i, c in enumerate(page.model.columns) if c.sort == "visits")
    page.model.sort(visits, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.loads >= 2 and not page.model.loading)
    while page.model.canFetchMore():
        page.model.fetchMore()
        qtbot.waitUntil(lambda: not page.model.loading)
    shown = [r.id for r in page.model._rows]
    assert len(shown) == len(set(shown)) == 45
    assert shown == [c.id for c in customers.list_customers(ctx, sort="visits", desc=True, limit=1000).rows]


def test_the_main_window_opens_the_owner_pages(qtbot, till_owner, till_as_cashier):
    from possuite.ui.balances_page import BalancesPage
    from possuite.ui.bills_page import BillsPage
    from possuite.ui.reports_page import ReportsPage

    for key, cls in (("customers", CustomersPage), ("bills", BillsPage), ("balances", BalancesPage),
                     ("reports", ReportsPage)):
        page = till_owner.show_page(key)
        assert isinstance(page, cls) and page.isVisible()
    qtbot.waitUntil(lambda: till_owner.state.tasks.pending == 0)
    # a cashier has Customers, Bills and Reports, but not the owner's Balances window
    assert not till_as_cashier.nav_buttons["balances"].isVisible()
    assert till_as_cashier.nav_buttons["customers"].isVisible()
    assert isinstance(till_as_cashier.show_page("balances"), type(till_as_cashier.checkout))


def test_new_customer_from_the_page_uses_the_tills_dialog(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    qtbot.keyClicks(page.search_input, "98111 22233")
    dlg = page.new_customer()
    assert dlg.phone_input.text() == "98111 22233" and dlg.name_input.text() == ""   # a typed phone goes to phone
    dlg.name_input.setText("Nisha Verma")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(page) == ["Nisha Verma"], timeout=4000)          # the search still applies
    qtbot.waitUntil(lambda: page.card_total.value.text() == "6")
    assert customers.get_customer(ctx, "98111 22233").name == "Nisha Verma"


def test_page_refreshes_after_a_sale_elsewhere(qtbot, state, shop, ctx):
    from owner_seed import sell

    page = open_page(qtbot, state)
    sell(ctx, shop["kabir"], 20000)                     # e.g. at the till
    state.data_changed.emit("sale")
    qtbot.waitUntil(lambda: page.model.text(row_of(page, "Kabir Shah"), 4) == "₹200.00")
    qtbot.waitUntil(lambda: page.card_owing.value.text() == "4")
