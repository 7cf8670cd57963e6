"""Possible duplicates (owner, from the Customers page): pairs of customers who are likely one person.

The list is ``services.duplicates.likely_duplicates`` read on the worker. A row pairs the customer
suggested to stay (the older) with the one to merge into it; Swap turns the pair round; Merge runs
``merge_customers`` on the worker: both histories stay, the balance moves onto the one kept, the
other is deactivated (docs/architecture.md §7).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.money import format_money
from possuite.services.duplicates import DuplicatePair, likely_duplicates, merge_customers
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import PENDING_RED, MessageLine, PrimaryButton, TouchButton, heading, set_role, translated

COLUMNS = (
    QT_TRANSLATE_NOOP("duplicates_dialog", "Keep"),
    QT_TRANSLATE_NOOP("duplicates_dialog", "Phone"),
    QT_TRANSLATE_NOOP("duplicates_dialog", "Balance"),
    QT_TRANSLATE_NOOP("duplicates_dialog", "Merge into it"),
    QT_TRANSLATE_NOOP("duplicates_dialog", "Phone"),
    QT_TRANSLATE_NOOP("duplicates_dialog", "Balance"),
    QT_TRANSLATE_NOOP("duplicates_dialog", "Why"),
)


class DuplicatesDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pairs: list[DuplicatePair] = []
        self.loaded = False
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.setAccessibleName("duplicatesDialog")
        self.resize(1100, 520)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Possible duplicates")))
        about = QLabel(self.tr("Customers with the same phone, or the same name and a phone one slip apart — often one "
                               "person added at two tills. Merging keeps both histories; what the merged customer owes "
                               "moves onto the one kept, and the merged customer is deactivated."))
        about.setWordWrap(True)
        lay.addWidget(about)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("duplicatesTable")
        self.table.setHorizontalHeaderLabels(translated("duplicates_dialog", COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        lay.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("No likely duplicates."))
        self.empty.setAccessibleName("duplicatesEmpty")
        set_role(self.empty, "muted")
        self.empty.hide()
        lay.addWidget(self.empty)
        row = QHBoxLayout()
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("mergeReason")
        self.reason_edit.setPlaceholderText(self.tr("Reason (optional): e.g. one person, added at two tills"))
        self.reason_edit.setMinimumHeight(40)
        self.swap_button = TouchButton(self.tr("Swap"), "swapDuplicateButton")
        self.swap_button.clicked.connect(self.swap)
        self.merge_button = PrimaryButton(self.tr("Merge"), "mergeButton")
        self.merge_button.clicked.connect(self.merge)
        self.close_button = TouchButton(self.tr("Close"), "closeDuplicatesButton")
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.reason_edit, 1)
        row.addWidget(self.swap_button)
        row.addWidget(self.merge_button)
        row.addWidget(self.close_button)
        lay.addLayout(row)
        self.message = MessageLine("duplicatesMessage")
        lay.addWidget(self.message)
        self._selection_changed()
        self.reload()

    def reload(self) -> None:
        self.state.tasks.run(likely_duplicates, self.state.ctx, on_done=self._show,
                             on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = list(pairs)
        self.loaded = True
        self._fill()

    def _fill(self) -> None:
        cur = self.state.ctx.currency
        self.table.setRowCount(len(self.pairs))
        for r, p in enumerate(self.pairs):
            values = (p.keep.name, p.keep.phone_display or "-", format_money(p.keep.balance, cur) if p.keep.balance
                      else "-", p.other.name, p.other.phone_display or "-",
                      format_money(p.other.balance, cur) if p.other.balance else "-", p.why)
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c in (2, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if (p.keep if c == 2 else p.other).balance > 0:  # a pending amount is red everywhere
                        item.setForeground(QColor(PENDING_RED))
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(self.pairs))
        self.empty.setVisible(not self.pairs)
        if self.pairs:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _selection_changed(self) -> None:
        r = self.selected()
        ok = r is not None and r < len(self.pairs)
        self.merge_button.setEnabled(ok)
        self.swap_button.setEnabled(ok)
        if ok:
            p = self.pairs[r]
            other = p.other.name if p.other.name != p.keep.name else f"{p.other.name} ({p.other.phone_display})"
            self.merge_button.setText(self.tr("Merge “{other}” into “{name}”").format(other=other, name=p.keep.name))
        else:
            self.merge_button.setText(self.tr("Merge"))

    def swap(self) -> None:
        r = self.selected()
        if r is None:
            return
        p = self.pairs[r]
        self.pairs[r] = DuplicatePair(p.other, p.keep, p.why)
        self._fill()
        self.table.selectRow(r)

    def merge(self) -> None:
        r = self.selected()
        if r is None:
            return
        p = self.pairs[r]
        self.merge_button.setEnabled(False)
        self.state.tasks.run(merge_customers, self.state.ctx, p.keep.id, p.other.id, self.reason_edit.text(),
                             on_done=self._merged, on_error=self._failed, label=self.tr("Merging customers"))

    def _merged(self, result) -> None:
        cur = self.state.ctx.currency
        moved = self.tr("; {amount} moved ({documents})").format(
            amount=format_money(result.moved, cur), documents=", ".join(result.documents)) if result.moved else ""
        self.message.show_info(self.tr("Merged {merged} into {keep}{moved}. Balance of {keep}: {amount}.").format(
            merged=result.merged.name, keep=result.keep.name, moved=moved, amount=format_money(result.keep.balance,
                                                                                                cur)))
        self.reason_edit.clear()
        self.state.data_changed.emit("merge")
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(error_text(exc))
        self._selection_changed()
