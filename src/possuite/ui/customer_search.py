"""Search-as-you-type for customers: a box and a result list, fed from the worker.

Each keystroke restarts a ~100 ms timer; the search runs on the search lane; results from
an older keystroke are dropped. Rows show ``Name``, ``+91 98765 43210 • 5 visits`` and
``Pending: ₹500.00`` in red when the customer owes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.money import format_money
from possuite.services.customers import CustomerView
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PendingLabel, TouchButton, set_role

DEBOUNCE_MS = 100
ROW_HEIGHT = 58
ViewRole = Qt.ItemDataRole.UserRole + 1


def visits_text(view: CustomerView) -> str:
    visits = f"{view.visits} visit{'' if view.visits == 1 else 's'}"
    return f"{view.phone_display} • {visits}" if view.phone_display else visits


def accessible_row_text(view: CustomerView, currency) -> str:
    owes = f", Pending: {format_money(view.balance, currency)}" if view.balance > 0 else ""
    return f"{view.name}, {visits_text(view)}{owes}"


class CustomerRow(QWidget):
    """One result: name and phone/visits on the left, the pending amount (red) on the right."""

    def __init__(self, view: CustomerView, currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setVerticalSpacing(0)
        self.name_label = QLabel(view.name)
        self.name_label.setStyleSheet("font-weight: bold;")
        self.detail_label = QLabel(visits_text(view))
        set_role(self.detail_label, "muted")
        self.pending_label = PendingLabel(currency, view.balance)
        grid.addWidget(self.name_label, 0, 0)
        grid.addWidget(self.detail_label, 1, 0)
        grid.addWidget(self.pending_label, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        for w in (self.name_label, self.detail_label, self.pending_label):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


class CustomerSearch(QWidget):
    """The search box plus results. ``picked`` carries the chosen ``CustomerView``."""

    picked = Signal(object)
    results_shown = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, search_name: str = "customerSearch",
                 results_name: str = "customerResults") -> None:
        super().__init__(parent)
        self.state = state
        self._generation = 0
        self._shown_term = ""
        self.results: list[CustomerView] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.input = QLineEdit()
        self.input.setAccessibleName(search_name)
        self.input.setObjectName(search_name)
        self.input.setPlaceholderText("Search customer: name or phone digits (F3)")
        self.input.setClearButtonEnabled(True)
        self.input.installEventFilter(self)
        lay.addWidget(self.input)
        self.message = MessageLine(f"{search_name}Message")
        lay.addWidget(self.message)
        self.list = QListWidget()
        self.list.setAccessibleName(results_name)
        self.list.setObjectName(results_name)
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.hide()
        lay.addWidget(self.list, 1)
        lay.addStretch(0)  # keeps the box at the top while there are no results
        self._lay = lay

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self.input.textEdited.connect(lambda _t: self._timer.start())

    # --- searching -----------------------------------------------------------------------
    def _search_now(self) -> None:
        term = self.input.text().strip()
        self._generation += 1
        gen = self._generation
        if not term:
            self._show([], "")
            return
        from possuite.services.customers import lookup

        self.state.tasks.search(lookup, self.state.ctx, term,
                                on_done=lambda rows: self._arrived(gen, term, rows),
                                on_error=lambda exc: self._failed(gen, exc))

    def _arrived(self, gen: int, term: str, rows: list[CustomerView]) -> None:
        if gen != self._generation:
            return  # a newer keystroke is on its way
        self._show(rows, term)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.message.show_error(error_text(exc))

    def _show(self, rows: list[CustomerView], term: str) -> None:
        self.results = rows
        self._shown_term = term
        self.list.clear()
        cur = self.state.ctx.currency
        for view in rows:
            item = QListWidgetItem()
            item.setData(ViewRole, view)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible_row_text(view, cur))
            item.setSizeHint(QSize(200, ROW_HEIGHT))
            self.list.addItem(item)
            self.list.setItemWidget(item, CustomerRow(view, cur))
        if term and not rows:
            self.message.show_info(f"No customer matches {term!r}. Use New customer to add one.")
        else:
            self.message.clear_message()
        self.list.setVisible(bool(rows))
        self._lay.setStretch(self._lay.count() - 1, 0 if rows else 1)
        if rows:
            self.list.setCurrentRow(0)
        self.results_shown.emit(len(rows))

    def row_widget(self, row: int) -> CustomerRow:
        return self.list.itemWidget(self.list.item(row))

    # --- choosing ------------------------------------------------------------------------
    def _activated(self, item: QListWidgetItem) -> None:
        view = item.data(ViewRole)
        if view is not None:
            self.pick(view)

    def pick(self, view: CustomerView) -> None:
        self.clear()
        self.picked.emit(view)

    def clear(self) -> None:
        self._generation += 1
        self._timer.stop()
        self.input.clear()
        self._show([], "")

    def focus(self) -> None:
        self.input.setFocus()
        self.input.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.input and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.count():
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed faster than the debounce: search now
                    self._timer.stop()
                    self._search_now()
                    return True
                item = self.list.currentItem()
                if item is not None and self.list.isVisible():
                    self._activated(item)
                return True
            if key == Qt.Key.Key_Escape and self.input.text():
                self.clear()
                return True
        return super().eventFilter(obj, event)


class CustomerPicker(QWidget):
    """"Pick or create a customer": shown when money would be left pending for a walk-in."""

    picked = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("pickCustomerSection")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.search = CustomerSearch(state, search_name="paymentCustomerSearch", results_name="paymentCustomerResults")
        self.search.list.setMaximumHeight(180)
        self.search.picked.connect(self.picked)
        row.addWidget(self.search, 1)
        self.new_button = TouchButton("New customer", "paymentNewCustomerButton")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_customer)
        row.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)

    def set_pending(self, amount_text: str) -> None:
        self.message.setText(f"{amount_text} would be left pending: pick or create a customer to leave money pending.")

    def show(self) -> None:
        super().show()
        self.search.focus()

    def new_customer(self) -> None:
        from possuite.ui.customer_dialog import CustomerDialog

        typed = self.search.input.text().strip()
        digits = typed.replace(" ", "").lstrip("+").isdigit()
        dlg = CustomerDialog(self.state, self, name="" if digits else typed, phone=typed if digits else "")
        dlg.customer_saved.connect(self.picked)
        dlg.open()
        self.customer_dialog = dlg
