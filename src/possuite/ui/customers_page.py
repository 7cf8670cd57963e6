"""The customers page: summary cards, the paged customer table, search, filters, Collect and New customer.

Everything is read on the worker: the cards with ``customers.customer_summary`` (one query),
the table page by page with ``customers.list_customers`` (sorted by the database on the real
column). A collection from a row updates that row at once; the cards and the rest follow. The
owner's "Possible duplicates" opens ``ui/duplicates_dialog.py`` (likely duplicates and Merge).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from possuite.domain.money import format_money
from possuite.services.collections import CollectionResult
from possuite.services.customers import customer_summary
from possuite.services.permissions import MERGE_CUSTOMERS
from possuite.ui.collect_dialog import CollectDialog
from possuite.ui.customer_detail import CustomerDetailDialog
from possuite.ui.customer_dialog import CustomerDialog
from possuite.ui.duplicates_dialog import DuplicatesDialog
from possuite.ui.owner_models import (
    CUSTOMER_FILTERS,
    PAGE_SIZE,
    CollectDelegate,
    CustomersModel,
    RowRole,
    StatCard,
    make_table,
)
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, set_role

SEARCH_DEBOUNCE_MS = 250


def count_text(n: int) -> str:
    return f"{n:,}"


class CustomersPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("customersPage")
        self.setObjectName("customersPage")
        self._dirty = True
        self._row_updated_locally = False
        self.summary: dict | None = None
        self.detail = None
        self.collect_dialog = None
        self.customer_dialog = None
        self.duplicates_dialog = None

        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Customers")))
        top.addStretch(1)
        self.duplicates_button = TouchButton(self.tr("Possible duplicates"), "customersDuplicatesButton")
        self.duplicates_button.clicked.connect(self.open_duplicates)
        self._user_changed()
        state.user_changed.connect(self._user_changed)
        top.addWidget(self.duplicates_button)
        self.new_button = PrimaryButton(self.tr("New customer"), "customersNewButton")
        self.new_button.clicked.connect(self.new_customer)
        top.addWidget(self.new_button)
        lay.addLayout(top)

        cards = QHBoxLayout()
        self.card_total = StatCard(self.tr("Total customers"), "cardTotalCustomers")
        self.card_active = StatCard(self.tr("Active"), "cardActiveCustomers")
        self.card_owing = StatCard(self.tr("With pending"), "cardCustomersOwing")
        self.card_pending = StatCard(self.tr("Total pending"), "cardTotalPending", pending=True)
        self.card_average = StatCard(self.tr("Average pending"), "cardAveragePending")
        for c in (self.card_total, self.card_active, self.card_owing, self.card_pending, self.card_average):
            cards.addWidget(c)
        lay.addLayout(cards)

        bar = QHBoxLayout()
        self.search_input = QLineEdit()
        self.search_input.setAccessibleName("customersSearch")
        self.search_input.setObjectName("customersSearch")
        self.search_input.setPlaceholderText(self.tr("Search name or phone digits…"))
        self.search_input.setClearButtonEnabled(True)
        self.filter_select = QComboBox()
        self.filter_select.setAccessibleName("customersFilter")
        self.filter_select.setObjectName("customersFilter")
        self.filter_select.setMinimumHeight(40)
        for key, title in CUSTOMER_FILTERS.items():
            self.filter_select.addItem(QCoreApplication.translate("owner_models", title), key)
        self.count_label = QLabel("")
        set_role(self.count_label, "muted")
        self.count_label.setAccessibleName("customersCount")
        bar.addWidget(self.search_input, 3)
        bar.addWidget(self.filter_select, 1)
        bar.addWidget(self.count_label)
        lay.addLayout(bar)
        self.message = MessageLine("customersMessage")
        lay.addWidget(self.message)

        self.model = CustomersModel(state, self)
        self.model.page_size = page_size
        self.table = make_table(self.model, "customersTable", sortable=True)
        self.delegate = CollectDelegate(parent=self.table)
        self.table.setItemDelegateForColumn(CustomersModel.COLLECT, self.delegate)
        self.delegate.clicked.connect(self._collect_clicked)
        self.new_button.setVisible(not state.read_only)
        self.table.setColumnHidden(CustomersModel.COLLECT, state.read_only)
        self.table.activated.connect(self._open_detail)
        lay.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_input.textChanged.connect(lambda _t: self._search_timer.start())
        self.filter_select.currentIndexChanged.connect(self._apply_search)
        self.model.total_changed.connect(self._show_count)
        self.model.rowsInserted.connect(lambda *_: self._show_count(self.model.total or 0))
        self.model.failed.connect(lambda exc: self.message.show_error(error_text(exc)))
        state.data_changed.connect(self._data_changed)
        self.refresh()

    def _user_changed(self) -> None:
        # Owners at a till; never in the back office on the hub (it reads only: merges are made at a till and
        # reach the hub by sync). The service refuses others anyway.
        self.duplicates_button.setVisible(self.state.allowed(MERGE_CUSTOMERS) and not self.state.read_only)

    # ------------------------------------------------------------ loading
    def on_shown(self) -> None:
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        self.model.reload()
        self.refresh_cards()

    def refresh_cards(self) -> None:

        self.state.tasks.run(customer_summary, self.state.ctx, on_done=self._show_cards,
                             on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show_cards(self, s: dict) -> None:
        self.summary = s
        cur = self.state.ctx.currency
        self.card_total.set_text(count_text(s["total_customers"]))
        self.card_active.set_text(count_text(s["active"]))
        self.card_owing.set_text(count_text(s["customers_owing"]))
        self.card_pending.set_text(format_money(s["total_pending"], cur))
        self.card_average.set_text(format_money(s["average_pending"], cur) if s["customers_owing"] else "-")

    def _show_count(self, total: int) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(self.tr("{shown} of {total}").format(shown=count_text(shown), total=count_text(total))
                                 if shown < total else self.tr("%n customer(s)", "", total))
        term = self.model.search.strip()
        if total == 0 and term:
            self.message.show_info(self.tr("No customer matches “{term}”.").format(term=term))
        else:
            self.message.clear_message()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.search = self.search_input.text()
        self.model.filter = self.filter_select.currentData()
        self.model.reload()

    def _data_changed(self, what: str) -> None:
        if what not in ("sale", "collection", "customer", "adjustment", "void", "return", "demo", "import", "merge",
                        "sync", "*"):
            return
        if self._row_updated_locally:
            self._row_updated_locally = False
            self.refresh_cards()
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    # ------------------------------------------------------------ actions
    def _row(self, index: QModelIndex):
        return index.data(RowRole) if index.isValid() else None

    def _collect_clicked(self, index: QModelIndex) -> None:
        view = self._row(index)
        if view is not None:
            self.open_collect(view)

    def open_collect(self, view) -> None:

        dlg = CollectDialog(self.state, view.id, view.name, view.balance, self)

        def collected(result: CollectionResult) -> None:
            self.model.replace_row(replace(view, balance=result.remaining_balance))
            self._row_updated_locally = True

        dlg.collected.connect(collected)
        self.collect_dialog = dlg
        dlg.open()
        return dlg

    def _open_detail(self, index: QModelIndex) -> None:
        if index.column() == CustomersModel.COLLECT and index.data(RowRole) is not None \
                and index.data(RowRole).balance > 0:
            return  # the Collect button handles clicks there
        view = self._row(index)
        if view is not None:
            self.open_detail(view.id)

    def open_detail(self, customer_id: str):

        self.detail = CustomerDetailDialog(self.state, customer_id, self)
        self.detail.open()
        return self.detail

    def open_duplicates(self) -> DuplicatesDialog:
        self.duplicates_dialog = DuplicatesDialog(self.state, self)
        self.duplicates_dialog.open()
        return self.duplicates_dialog

    def new_customer(self):

        typed = self.search_input.text().strip()
        is_phone = typed.replace(" ", "").lstrip("+").isdigit()
        dlg = CustomerDialog(self.state, self, full=True, name="" if is_phone else typed,
                             phone=typed if is_phone else "")
        self.customer_dialog = dlg
        dlg.open()
        return dlg
