"""The checkout's customer panel: search, the chosen customer's card (pending in red, green Collect),
New customer (quick-create) and Clear. ``customer_changed`` carries the ``CustomerView`` or None.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from possuite.services.customers import CustomerView, get_customer
from possuite.ui.collect_dialog import CollectDialog
from possuite.ui.customer_dialog import CustomerDialog
from possuite.ui.customer_search import CustomerSearch, visits_text
from possuite.ui.state import AppState
from possuite.ui.widgets import CollectButton, PendingLabel, TouchButton, heading, set_role


class CustomerPanel(QWidget):
    customer_changed = Signal(object)
    #: A dialog opened here closed: the checkout puts the focus back on item entry.
    dialog_closed = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.customer: CustomerView | None = None
        self.customer_dialog = None
        self.collect_dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = heading("")
        lay.addWidget(self.title)
        self.search = CustomerSearch(state)
        self.search.picked.connect(self.set_customer)
        lay.addWidget(self.search, 1)

        self.card = QFrame()
        set_role(self.card, "card")
        self.card.setAccessibleName("customerCard")
        cl = QGridLayout(self.card)
        self.name_label = QLabel()
        self.name_label.setAccessibleName("customerName")
        self.name_label.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.detail_label = QLabel()
        set_role(self.detail_label, "muted")
        self.pending_label = PendingLabel(state.ctx.currency, 0, big=True, name="pendingLabel")
        self.clear_button = TouchButton("", "clearCustomerButton")
        self.clear_button.setFixedWidth(96)
        self.clear_button.clicked.connect(lambda: self.set_customer(None))
        self.collect_button = CollectButton("", "collectDuesButton")
        self.collect_button.setFixedWidth(96)
        self.collect_button.clicked.connect(self.collect_dues)
        cl.setColumnStretch(0, 1)
        cl.addWidget(self.name_label, 0, 0)
        cl.addWidget(self.clear_button, 0, 1)
        cl.addWidget(self.detail_label, 1, 0, 1, 2)
        cl.addWidget(self.pending_label, 2, 0)
        cl.addWidget(self.collect_button, 2, 1)
        self.card.hide()
        lay.addWidget(self.card)
        self.new_button = TouchButton("", "newCustomerButton")
        self.new_button.clicked.connect(self.new_customer)
        lay.addWidget(self.new_button)
        state.data_changed.connect(self._data_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Customer"))
        self.clear_button.setText(self.tr("Clear"))
        self.collect_button.setText(self.tr("Collect"))
        self.collect_button.setToolTip(self.tr("Collect old dues without a new bill"))
        self.new_button.setText(self.tr("New customer"))
        if self.customer is not None:
            self.detail_label.setText(visits_text(self.customer))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_customer(self, view: CustomerView | None) -> None:
        self.customer = view
        if view is None:
            self.card.hide()
        else:
            self.name_label.setText(view.name)
            self.detail_label.setText(visits_text(view))
            self.pending_label.set_amount(view.balance)
            self.collect_button.setVisible(view.balance > 0)
            self.card.show()
        self.customer_changed.emit(view)

    def clear(self) -> None:
        self.search.clear()
        self.set_customer(None)

    def new_customer(self) -> None:

        typed = self.search.input.text().strip()
        digits = typed.replace(" ", "").lstrip("+").isdigit()
        dlg = CustomerDialog(self.state, self, name="" if digits else typed, phone=typed if digits else "")
        dlg.customer_saved.connect(self.set_customer)
        dlg.finished.connect(lambda _r: (self.search.clear(), self.dialog_closed.emit()))
        dlg.open()
        self.customer_dialog = dlg

    def collect_dues(self) -> None:
        """Collect old dues with no new bill (docs/architecture.md §4.1, last row): the owner pages' Collect dialog."""
        if self.customer is None or self.customer.balance <= 0:
            return

        c = self.customer
        dlg = CollectDialog(self.state, c.id, c.name, c.balance, self)
        dlg.finished.connect(lambda _r: self.dialog_closed.emit())
        dlg.open()
        self.collect_dialog = dlg

    def _data_changed(self, what: str) -> None:
        """After a collection or an edit, show the customer's balance as the book has it now."""
        if what not in ("collection", "customer", "sync") or self.customer is None:  # sync: another till's rows
            return

        def fresh(view: CustomerView) -> None:
            if self.customer is not None and self.customer.id == view.id:
                self.set_customer(view)

        self.state.tasks.search(get_customer, self.state.ctx, self.customer.id, on_done=fresh,
                                on_error=lambda _e: None)
