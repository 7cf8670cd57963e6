"""After a sale: what happened (number, outcome, pending, change) and the receipt preview.

Enter or Esc closes it; the checkout then starts a new sale with focus on item entry.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from possuite.domain.dates import format_date
from possuite.domain.money import format_money
from possuite.services.checkout import SaleResult
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MoneyLabel, PendingLabel, PrimaryButton, heading, set_role

RECEIPT_WIDTH = 42

OUTCOME_TITLES = {
    "paid": QT_TRANSLATE_NOOP("summary", "Paid"),
    "pending": QT_TRANSLATE_NOOP("summary", "Completed with pending balance"),
    "full_pending": QT_TRANSLATE_NOOP("summary", "Full amount pending"),
    "complimentary": QT_TRANSLATE_NOOP("summary", "Complimentary service"),
}


def outcome_title(result: SaleResult, currency) -> str:
    if result.outcome == "pending":
        return QCoreApplication.translate("summary", "Pending: {amount}").format(
            amount=format_money(result.pending, currency))
    if result.outcome == "full_pending":
        return QCoreApplication.translate("summary", "Full amount pending: {amount}").format(
            amount=format_money(result.pending, currency))
    title = OUTCOME_TITLES.get(result.outcome)
    return QCoreApplication.translate("summary", title) if title else result.outcome


class SaleSummaryDialog(QDialog):
    def __init__(self, state: AppState, result: SaleResult, customer_name: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.result = result
        cur = state.ctx.currency
        self.setWindowTitle(self.tr("Bill {number}").format(number=result.number))
        self.setAccessibleName("saleSummary")
        self.setObjectName("saleSummary")
        self.setMinimumWidth(820)
        lay = QHBoxLayout(self)

        left = QVBoxLayout()
        self.number_label = heading(self.tr("Bill {number}").format(number=result.number), "summaryNumber")
        left.addWidget(self.number_label)
        self.outcome_label = QLabel(outcome_title(result, cur))
        self.outcome_label.setAccessibleName("summaryOutcome")
        set_role(self.outcome_label, "pending-big" if result.pending else "total")
        left.addWidget(self.outcome_label)
        grid = QGridLayout()
        row = 0

        def add(label: str, widget: QWidget) -> None:
            nonlocal row
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(widget, row, 1)
            row += 1

        if customer_name:
            add(self.tr("Customer"), QLabel(customer_name))
        if result.outcome == "complimentary":
            add(self.tr("Value given free"), MoneyLabel(cur, result.retail_value))
        add(self.tr("Total"), MoneyLabel(cur, result.total, name="summaryTotal"))
        add(self.tr("Paid"), MoneyLabel(cur, result.paid, name="summaryPaid"))
        if result.applied_to_previous:
            add(self.tr("To previous balance"), MoneyLabel(cur, result.applied_to_previous, name="summaryApplied"))
        self.pending_label = PendingLabel(cur, result.pending, prefix="", name="summaryPending")
        add(self.tr("Pending on this bill"), self.pending_label)
        self.change_label = MoneyLabel(cur, result.change, name="summaryChange")
        set_role(self.change_label, "change")
        if result.change:  # the number to act on, big; nothing to say when there is none
            add(self.tr("Change"), self.change_label)
        else:
            self.change_label.hide()
        if result.customer_balance is not None:
            add(self.tr("Customer now owes"), PendingLabel(cur, result.customer_balance, prefix="",
                                                  name="summaryCustomerBalance"))
        if result.due_date and result.pending:
            add(self.tr("Due by"), QLabel(format_date(result.due_date)))
        left.addLayout(grid)
        self.print_state = QLabel("")
        self.print_state.setAccessibleName("summaryPrintState")
        self.print_state.setWordWrap(True)
        set_role(self.print_state, "muted")
        left.addWidget(self.print_state)
        left.addStretch(1)
        self.close_button = PrimaryButton(self.tr("New sale (Enter)"), "summaryNewSaleButton")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        left.addWidget(self.close_button)
        lay.addLayout(left, 1)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Receipt")))
        self.receipt = QPlainTextEdit()
        self.receipt.setAccessibleName("receiptPreview")
        self.receipt.setReadOnly(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setFamily("DejaVu Sans Mono")
        mono.setPointSize(9)
        self.receipt.setFont(mono)
        self.receipt.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.receipt.setMinimumWidth(QFontMetrics(mono).horizontalAdvance("M" * RECEIPT_WIDTH) + 40)
        self.receipt.setMinimumHeight(440)
        self.receipt.setPlainText(self.tr("Preparing the receipt…"))
        right.addWidget(self.receipt, 1)
        lay.addLayout(right, 1)
        self.close_button.setFocus()

        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.till import sale_receipt_preview

        state.tasks.run(sale_receipt_preview, state.ctx, result.number, RECEIPT_WIDTH, on_done=self._receipt,
                        on_error=lambda exc: self.receipt.setPlainText(error_text(exc)))

    def _receipt(self, text: str) -> None:
        self.receipt.setPlainText(text)

    def set_print_state(self, text: str) -> None:
        self.print_state.setText(text)
