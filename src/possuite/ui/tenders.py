"""Tender rows of the payment dialog: method, amount, reference; split payments; quick-cash buttons.

The first row's inputs are ``methodSelect`` / ``amountInput``; later rows add a number
(``amountInput2``...). Amounts are parsed with ``parse_money`` only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from possuite.domain.errors import ValidationError
from possuite.domain.ledger import TENDER_METHODS, Tender
from possuite.domain.money import Currency, format_money, parse_money, to_major_string
from possuite.ui.collect_inline import method_combo
from possuite.ui.widgets import TouchButton, touch_sized

MAX_ROWS = 4
#: Notes the quick-cash buttons round up to (in major units).
QUICK_NOTES = (100, 200, 500, 2000)


class TenderRow(QWidget):
    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        suffix = "" if index == 1 else str(index)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.method = method_combo(f"methodSelect{suffix}", TENDER_METHODS)
        self.amount = QLineEdit()
        self.amount.setAccessibleName(f"amountInput{suffix}")
        self.amount.setObjectName(f"amountInput{suffix}")
        self.amount.setPlaceholderText(self.tr("Amount received"))
        self.reference = QLineEdit()
        self.reference.setAccessibleName(f"referenceInput{suffix}")
        self.reference.setPlaceholderText(self.tr("Reference (card slip / UPI)"))
        self.remove = TouchButton("✕", f"removeTenderButton{suffix}")
        self.remove.setAutoDefault(False)
        self.remove.setMinimumWidth(48)  # its touch button width: a fixed 48 px cut the button short
        self.remove.setToolTip(self.tr("Remove this payment"))
        lay.addWidget(self.method, 2)
        lay.addWidget(self.amount, 3)
        lay.addWidget(self.reference, 3)
        lay.addWidget(self.remove)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        touch_sized(self)  # inputs as tall as touch buttons (a split row too)

    def _method_changed(self) -> None:
        self.reference.setVisible(self.method.currentData() != "cash")


class TenderRows(QWidget):
    """All tender rows; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.rows: list[TenderRow] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self._rows_box = QVBoxLayout()
        lay.addLayout(self._rows_box)
        tools = QGridLayout()
        self.add_button = TouchButton(self.tr("+ Split payment"), "addTenderButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        tools.addWidget(self.add_button, 0, 0)
        self.quick: list[TouchButton] = []
        self.exact_button = TouchButton(self.tr("Exact"), "quickExactButton")
        self.exact_button.setAutoDefault(False)
        tools.addWidget(self.exact_button, 0, 1)
        for i, _note in enumerate(QUICK_NOTES):
            b = TouchButton("", f"quickCash{i + 1}")
            b.setAutoDefault(False)
            self.quick.append(b)
            tools.addWidget(b, 0, 2 + i)
        lay.addLayout(tools)
        self.add_row()

    def add_row(self, focus: bool = False) -> TenderRow | None:
        if len(self.rows) >= MAX_ROWS:
            return None
        row = TenderRow(len(self.rows) + 1)
        if self.rows:  # a split usually continues with another method
            row.method.setCurrentIndex(1)
        row.amount.textChanged.connect(self.changed)
        row.method.currentIndexChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        row.remove.setVisible(bool(self.rows))
        self.rows.append(row)
        self._rows_box.addWidget(row)
        self.add_button.setEnabled(len(self.rows) < MAX_ROWS)
        if focus:
            row.amount.setFocus()
        self.changed.emit()
        return row

    def remove_row(self, row: TenderRow) -> None:
        if row not in self.rows or len(self.rows) == 1:
            return
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.add_button.setEnabled(True)
        self.changed.emit()

    def reset(self) -> None:
        """Back to a new sale's one empty cash row, without a ``changed`` per edit.

        The payment dialog is built once and reused from sale to sale (``ui/checkout.py``)."""
        self.blockSignals(True)
        try:
            for row in self.rows[1:]:
                row.setParent(None)
                row.deleteLater()
            del self.rows[1:]
            if not self.rows:
                self.add_row()
            first = self.rows[0]
            first.method.setCurrentIndex(0)
            first.amount.clear()
            first.reference.clear()
            self.add_button.setEnabled(len(self.rows) < MAX_ROWS)
        finally:
            self.blockSignals(False)

    def tenders(self) -> list[Tender]:
        """The tenders typed so far (empty rows skipped); raises ValidationError naming the row."""
        out = []
        for i, row in enumerate(self.rows, start=1):
            text = row.amount.text().strip()
            if not text:
                continue
            field = "amount" if len(self.rows) == 1 else f"payment {i} amount"
            amount = parse_money(text, field, self.currency)
            if amount == 0:
                continue
            out.append(Tender(row.method.currentData(), amount, row.reference.text().strip()))
        return out

    def set_quick_amounts(self, due: int) -> None:
        """Label the quick-cash buttons with the next notes above ``due``."""
        major = self.currency.minor_per_major
        self.exact_button.setText(self.tr("Exact {amount}").format(amount=format_money(due, self.currency)))
        used: set[int] = set()
        amounts: list[int] = []
        for note in QUICK_NOTES:
            step = note * major
            value = max(step, -(-due // step) * step)
            if value > due and value not in used:
                used.add(value)
                amounts.append(value)
        for button, value in zip(self.quick, amounts + [0] * len(self.quick), strict=False):
            button.setVisible(bool(value))
            button.setText(format_money(value, self.currency) if value else "")
            button.setProperty("amount", value)

    def set_cash(self, amount: int) -> None:
        """Quick cash: put ``amount`` in the first row as cash."""
        row = self.rows[0]
        row.method.setCurrentIndex(row.method.findData("cash"))
        row.amount.setText(to_major_string(amount, self.currency))
        row.amount.setFocus()

    def first_error(self) -> ValidationError | None:
        try:
            self.tenders()
        except ValidationError as exc:
            return exc
        return None
