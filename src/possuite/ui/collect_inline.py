"""The payment dialog's inline "Collect Now": take old dues without a new bill (``collect_dues``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from possuite.domain.errors import PossuiteError
from possuite.domain.labels import method_label
from possuite.domain.ledger import COLLECT_METHODS
from possuite.domain.money import format_money, parse_money, to_major_string
from possuite.services.collections import CollectionResult
from possuite.services.customers import CustomerView
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import domain_word
from possuite.ui.widgets import CollectButton, MessageLine, TouchButton, set_role


def method_combo(name: str, methods=COLLECT_METHODS) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setObjectName(name)
    box.setMinimumHeight(40)
    for m in methods:
        box.addItem(domain_word(method_label(m)), m)
    return box


class CollectInline(QFrame):
    """Amount (defaults to what is owed), method, reference, and a green Collect button."""

    collected = Signal(object)
    cancelled = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.customer: CustomerView | None = None
        set_role(self, "card")
        self.setAccessibleName("collectSection")
        self.setObjectName("collectSection")
        grid = QGridLayout(self)
        title = QLabel(self.tr("Collect old dues (no new bill)"))
        set_role(title, "heading")
        grid.addWidget(title, 0, 0, 1, 4)
        self.amount_input = QLineEdit()
        self.amount_input.setAccessibleName("collectAmountInput")
        self.method_select = method_combo("collectMethodSelect")
        self.reference_input = QLineEdit()
        self.reference_input.setAccessibleName("collectReferenceInput")
        self.reference_input.setPlaceholderText(self.tr("Reference (card slip / UPI id), optional"))
        grid.addWidget(QLabel(self.tr("Amount")), 1, 0)
        grid.addWidget(self.amount_input, 1, 1)
        grid.addWidget(QLabel(self.tr("Method")), 1, 2)
        grid.addWidget(self.method_select, 1, 3)
        self.message = MessageLine("collectMessage")
        grid.addWidget(self.message, 2, 0, 1, 4)
        buttons = QHBoxLayout()  # the reference beside the buttons: the payment dialog grown by this section
        buttons.addWidget(self.reference_input, 1)  # still fits the smallest screen (700 px high)
        self.cancel_button = TouchButton(self.tr("Close"), "collectCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.confirm_button = CollectButton(self.tr("Collect"), "collectConfirmButton")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.collect)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        grid.addLayout(buttons, 3, 0, 1, 4)
        self.amount_input.textChanged.connect(self._update_button)
        self.amount_input.returnPressed.connect(self.collect)

    def start(self, customer: CustomerView) -> None:
        self.customer = customer
        self.amount_input.setText(to_major_string(max(customer.balance, 0), self.state.ctx.currency))
        self.reference_input.clear()
        self.message.clear_message()
        self.show()
        self.amount_input.setFocus()
        self.amount_input.selectAll()

    def reset(self) -> None:
        """Hidden and empty again, for the next sale of the payment dialog that holds it."""
        self.hide()
        self.customer = None
        self.amount_input.clear()
        self.reference_input.clear()
        self.method_select.setCurrentIndex(0)
        self.message.clear_message()
        self.confirm_button.setEnabled(True)

    def _amount(self) -> int:
        return parse_money(self.amount_input.text(), "collect amount", self.state.ctx.currency, allow_zero=False)

    def _update_button(self) -> None:
        try:
            amount = self._amount()
        except PossuiteError:
            self.confirm_button.setText(self.tr("Collect"))
            return
        self.confirm_button.setText(self.tr("Collect {amount}").format(amount=format_money(amount,
                                                                                           self.state.ctx.currency)))

    def collect(self) -> None:
        if self.customer is None:
            return
        try:
            amount = self._amount()
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.collections import collect_dues

        self.confirm_button.setEnabled(False)
        self.message.show_info(self.tr("Collecting…"))
        self.state.tasks.run(collect_dues, self.state.ctx, self.customer.id, amount,
                             self.method_select.currentData(), self.reference_input.text(),
                             on_done=lambda result, who=self.customer: self._done(result, who),
                             on_error=self._failed, label=self.tr("Collecting dues"))

    def _done(self, result: CollectionResult, customer: CustomerView | None = None) -> None:
        if customer is not None and customer is not self.customer:  # the dialog moved on to another sale
            self.state.data_changed.emit("collection")
            return
        self.confirm_button.setEnabled(True)
        cur = self.state.ctx.currency
        self.message.show_info(self.tr("Collected {amount} — receipt {number}. Balance now {balance}.").format(
            amount=format_money(result.amount, cur), number=result.number,
            balance=format_money(result.remaining_balance, cur)))
        self.state.data_changed.emit("collection")
        self.collected.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.message.show_error(error_text(exc))

    def _cancel(self) -> None:
        self.hide()
        self.cancelled.emit()
