"""The Collect dialog: take a customer's old dues without a new bill (``services.collections.collect_dues``).

Shows what the customer owes; the amount defaults to all of it and may not exceed it unless
the store allows advances. The green main button says what will happen (``Collect ₹600.00``)
and follows the amount as it is typed. The collection runs on the worker; the receipt is
queued for the printer by the service, and its preview is shown here when it is done.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.errors import PossuiteError, ValidationError
from possuite.domain.money import format_money, parse_money, to_major_string
from possuite.services.collections import CollectionResult
from possuite.ui.collect_inline import method_combo
from possuite.ui.owner_models import receipt_font
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import CollectButton, MessageLine, PendingLabel, TouchButton, heading, touch_sized


def _collect_and_preview(ctx, customer_id: str, amount: int, method: str, reference: str, note: str):
    """Worker: the collection, then its receipt preview and print state (never fails the collection)."""
    # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
    from possuite.services.collections import collect_dues

    result = collect_dues(ctx, customer_id, amount, method, reference, note)
    preview, printing = "", ""
    try:
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.till import collection_receipt_preview, receipt_print_state

        preview = collection_receipt_preview(ctx, result.number)
        printing = receipt_print_state(ctx, result.number)
    except Exception as exc:  # the money is in; a preview problem must not hide that
        printing = QCoreApplication.translate("collect_dialog", "Receipt preview unavailable: {error}").format(
            error=exc)
    return result, preview, printing


class CollectDialog(QDialog):
    """``collected(CollectionResult)`` is emitted after the collection is committed."""

    collected = Signal(object)

    def __init__(self, state: AppState, customer_id: str, name: str, balance: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.customer_id = customer_id
        self.customer_name = name
        self.balance = balance
        self.result: CollectionResult | None = None
        cur = state.ctx.currency
        self.setWindowTitle(self.tr("Collect from {name}").format(name=name))
        self.setAccessibleName("collectDialog")
        self.setObjectName("collectDialog")
        self.setMinimumWidth(480)

        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Collect from {name}").format(name=name)))
        owes = QHBoxLayout()
        owes.addWidget(QLabel(self.tr("Pending balance")))
        owes.addStretch(1)
        self.pending_label = PendingLabel(cur, balance, prefix="", big=True, name="collectPendingLabel")
        owes.addWidget(self.pending_label)
        lay.addLayout(owes)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.amount_input = QLineEdit(to_major_string(max(balance, 0), cur))
        self.amount_input.setAccessibleName("collectAmountInput")
        self.amount_input.setObjectName("collectAmountInput")
        self.amount_input.setMinimumHeight(44)
        self.method_select = method_combo("collectMethodSelect")
        self.reference_input = QLineEdit()
        self.reference_input.setAccessibleName("collectReferenceInput")
        self.reference_input.setPlaceholderText(self.tr("Card slip or UPI transaction id (optional)"))
        self.notes_input = QLineEdit()
        self.notes_input.setAccessibleName("collectNotesInput")
        self.notes_input.setPlaceholderText(self.tr("Optional"))
        form.addRow(self.tr("Amount *"), self.amount_input)
        form.addRow(self.tr("Method"), self.method_select)
        form.addRow(self.tr("Reference"), self.reference_input)
        form.addRow(self.tr("Notes"), self.notes_input)
        lay.addLayout(form)

        self.message = MessageLine("collectMessage")
        lay.addWidget(self.message)
        self.receipt_view = QPlainTextEdit()
        self.receipt_view.setAccessibleName("collectReceiptPreview")
        self.receipt_view.setReadOnly(True)
        self.receipt_view.setFont(receipt_font())
        self.receipt_view.setMinimumHeight(260)
        self.receipt_view.hide()
        lay.addWidget(self.receipt_view)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = TouchButton(self.tr("Cancel"), "collectCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = CollectButton(self.tr("Collect"), "collectConfirmButton")
        self.confirm_button.setDefault(True)
        self.confirm_button.setMinimumWidth(200)
        self.confirm_button.clicked.connect(self.collect)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        lay.addLayout(buttons)
        touch_sized(self)  # inputs as tall as touch buttons

        self.amount_input.textChanged.connect(self._update)
        self.amount_input.returnPressed.connect(self.collect)
        self._update()
        self.amount_input.setFocus()
        self.amount_input.selectAll()

    def amount(self) -> int:
        """The typed amount in minor units, or ValidationError naming the field."""
        cur = self.state.ctx.currency
        amount = parse_money(self.amount_input.text(), "amount", cur, allow_zero=False)
        if amount > self.balance and not self.state.ctx.store.allow_advances:
            if self.balance <= 0:
                raise ValidationError("amount", f"{self.customer_name} owes nothing")
            raise ValidationError("amount", f"{format_money(amount, cur)} is more than {self.customer_name} owes "
                                            f"({format_money(self.balance, cur)})")
        return amount

    def _update(self) -> None:
        if self.result is not None:
            return
        try:
            amount = self.amount()
        except PossuiteError as exc:
            self.confirm_button.setText(self.tr("Collect"))
            self.confirm_button.setEnabled(False)
            self.message.show_error(error_text(exc) if self.amount_input.text().strip() else "")
            return
        self.message.clear_message()
        self.confirm_button.setEnabled(True)
        self.confirm_button.setText(self.tr("Collect {amount}").format(amount=format_money(amount,
                                                                                           self.state.ctx.currency)))

    def collect(self) -> None:
        if self.result is not None:
            self.accept()
            return
        try:
            amount = self.amount()
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        self.confirm_button.setEnabled(False)
        self.amount_input.setEnabled(False)
        self.message.show_info(self.tr("Collecting…"))
        self.state.tasks.run(_collect_and_preview, self.state.ctx, self.customer_id, amount,
                             self.method_select.currentData(), self.reference_input.text(), self.notes_input.text(),
                             on_done=self._done, on_error=self._failed, label=self.tr("Collecting dues"))

    def _done(self, outcome: tuple[CollectionResult, str, str]) -> None:
        result, preview, printing = outcome
        self.result = result
        cur = self.state.ctx.currency
        self.pending_label.set_amount(result.remaining_balance)
        self.message.show_info(
            self.tr("Collected {amount} — receipt {number}. Balance now {balance}.").format(
                amount=format_money(result.amount, cur), number=result.number,
                balance=format_money(result.remaining_balance, cur)) + (f"\n{printing}" if printing else ""))
        for w in (self.method_select, self.reference_input, self.notes_input):
            w.setEnabled(False)
        if preview:
            self.receipt_view.setPlainText(preview)
            self.receipt_view.show()
        self.cancel_button.hide()
        self.confirm_button.setText(self.tr("Done"))
        self.confirm_button.setEnabled(True)
        self.confirm_button.setFocus()
        self.collected.emit(result)  # first, so the opener can update its row before everyone refreshes
        self.state.data_changed.emit("collection")

    def _failed(self, exc: BaseException) -> None:
        self.amount_input.setEnabled(True)
        self.confirm_button.setEnabled(True)
        self.message.show_error(error_text(exc))
