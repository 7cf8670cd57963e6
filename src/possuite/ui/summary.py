"""After a sale: what happened (number, outcome, pending, change) and the receipt preview.

Enter or Esc closes it; the checkout then starts a new sale with focus on item entry.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from possuite.domain.dates import format_date
from possuite.domain.money import format_money
from possuite.services.checkout import SaleResult
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import current_language
from possuite.ui.widgets import MoneyLabel, PendingLabel, PrimaryButton, heading, set_role

RECEIPT_WIDTH = 42
#: The work waiting for the summary's paint runs after this long at the latest.
AFTER_PAINT_LATEST_MS = 100

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
    """Built once per checkout page and shown again for every sale (``show_sale``): the rows a sale has no
    figure for are hidden, and a receipt or print state that arrives for an earlier sale is dropped."""

    def __init__(self, state: AppState, result: SaleResult, customer_name: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.currency = state.ctx.currency
        self.language = current_language()
        self.result = result
        cur = self.currency
        self.setAccessibleName("saleSummary")
        self.setObjectName("saleSummary")
        self.setMinimumWidth(820)
        lay = QHBoxLayout(self)

        left = QVBoxLayout()
        self.number_label = heading("", "summaryNumber")
        left.addWidget(self.number_label)
        self.outcome_label = QLabel()
        self.outcome_label.setAccessibleName("summaryOutcome")
        left.addWidget(self.outcome_label)
        grid = QGridLayout()
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}

        def add(key: str, label: str, widget: QWidget) -> QWidget:
            caption = QLabel(label)
            grid.addWidget(caption, len(self._rows), 0)
            grid.addWidget(widget, len(self._rows), 1)
            self._rows[key] = (caption, widget)
            return widget

        self.customer_label = add("customer", self.tr("Customer"), QLabel())
        self.free_label = add("free", self.tr("Value given free"), MoneyLabel(cur, 0))
        self.total_label = add("total", self.tr("Total"), MoneyLabel(cur, 0, name="summaryTotal"))
        self.paid_label = add("paid", self.tr("Paid"), MoneyLabel(cur, 0, name="summaryPaid"))
        self.applied_label = add("applied", self.tr("To previous balance"),
                                 MoneyLabel(cur, 0, name="summaryApplied"))
        self.pending_label = add("pending", self.tr("Pending on this bill"),
                                 PendingLabel(cur, 0, prefix="", name="summaryPending"))
        self.change_label = add("change", self.tr("Change"), MoneyLabel(cur, 0, name="summaryChange"))
        set_role(self.change_label, "change")
        self.balance_label = add("balance", self.tr("Customer now owes"),
                                 PendingLabel(cur, 0, prefix="", name="summaryCustomerBalance"))
        self.due_label = add("due", self.tr("Due by"), QLabel())
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
        right.addWidget(self.receipt, 1)
        lay.addLayout(right, 1)
        self._after_paint: list[Callable[[], None]] = []
        self._after_paint_timer = QTimer(self)  # in case no paint comes (a hidden or minimised window)
        self._after_paint_timer.setSingleShot(True)
        self._after_paint_timer.setInterval(AFTER_PAINT_LATEST_MS)
        self._after_paint_timer.timeout.connect(self._run_after_paint)
        self.show_sale(result, customer_name)

    def after_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the summary has been painted (issue 15: the work that can wait — the receipt preview,
        the print state, the pages and tiles that follow a sale — starts worker threads that compete with the
        GUI thread for the interpreter; started before the paint they delayed it by 20-40 ms)."""
        self._after_paint.append(fn)
        self._after_paint_timer.start()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._after_paint:
            QTimer.singleShot(0, self._run_after_paint)  # after this paint pass (the children paint next)

    def _run_after_paint(self) -> None:
        self._after_paint_timer.stop()
        todo, self._after_paint = self._after_paint, []
        for fn in todo:
            fn()

    def reusable(self) -> bool:
        """Closed, and built in the screen's language and the store's currency: ``show_sale`` can serve the next."""
        return (not self.isVisible() and self.currency == self.state.ctx.currency
                and self.language == current_language())

    def show_sale(self, result: SaleResult, customer_name: str | None) -> None:
        """Fill the dialog with ``result`` (nothing of the previous sale stays) and ask for its receipt preview."""
        self.result = result
        cur = self.currency
        title = self.tr("Bill {number}").format(number=result.number)
        self.setWindowTitle(title)
        self.number_label.setText(title)
        self.outcome_label.setText(outcome_title(result, cur))
        set_role(self.outcome_label, "pending-big" if result.pending else "total")
        self.customer_label.setText(customer_name or "")
        self.free_label.set_amount(result.retail_value if result.outcome == "complimentary" else 0)
        self.total_label.set_amount(result.total)
        self.paid_label.set_amount(result.paid)
        self.applied_label.set_amount(result.applied_to_previous)
        self.pending_label.set_amount(result.pending)
        self.change_label.set_amount(result.change)
        self.balance_label.set_amount(result.customer_balance or 0)
        self.due_label.setText(format_date(result.due_date) if result.due_date and result.pending else "")
        shown = {"customer": bool(customer_name), "free": result.outcome == "complimentary", "total": True,
                 "paid": True, "applied": bool(result.applied_to_previous), "pending": True,
                 "change": bool(result.change),  # the number to act on, big; nothing to say when there is none
                 "balance": result.customer_balance is not None, "due": bool(result.due_date and result.pending)}
        for key, (caption, widget) in self._rows.items():
            caption.setVisible(shown[key])
            widget.setVisible(shown[key])
        self.print_state.setText("")
        self.receipt.setPlainText(self.tr("Preparing the receipt…"))
        self.close_button.setFocus()

        self.after_paint(lambda number=result.number: self._ask_receipt(number))

    def _ask_receipt(self, number: str) -> None:
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.till import sale_receipt_preview

        self.state.tasks.run(sale_receipt_preview, self.state.ctx, number, RECEIPT_WIDTH,
                             on_done=lambda text: self._receipt(number, text),
                             on_error=lambda exc: self._receipt(number, error_text(exc)))

    def _receipt(self, number: str, text: str) -> None:
        if number == self.result.number:  # a slow preview of the previous sale is not this one's
            self.receipt.setPlainText(text)

    def set_print_state(self, text: str, number: str | None = None) -> None:
        if number is None or number == self.result.number:
            self.print_state.setText(text)
