"""The shift dialogs at the till: open a shift with the float, cash in or out, and close it by counting.

Every write runs on the worker (``services.shifts``); an error stays in the dialog under its field. The
close dialog counts the drawer note by note (₹2000 … ₹1, ``domain.cash.DENOMINATIONS``) or takes one
figure, and shows live what the drawer should hold and the variance (red when short), computed by the
same ``domain.cash`` functions the service records.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.cash import DENOMINATIONS, MAX_PIECES, count_total, variance, variance_label
from possuite.domain.errors import PossuiteError
from possuite.domain.money import parse_money
from possuite.services import shifts
from possuite.services.shifts import ShiftReport
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import domain_word
from possuite.ui.widgets import MessageLine, MoneyLabel, PrimaryButton, TouchButton, heading, set_role, touch_sized


def _buttons(ok: PrimaryButton, cancel: TouchButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row


class OpenShiftDialog(QDialog):
    """Open a shift: the float in the drawer. ``opened(ShiftInfo)`` after the commit."""

    opened = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, reason: str = "") -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Open a shift"))
        self.setAccessibleName("openShiftDialog")
        self.setObjectName("openShiftDialog")
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Open a shift")))
        intro = QLabel(reason or self.tr("Count the cash in the drawer before the first sale."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.float_input = QLineEdit("0")
        self.float_input.setAccessibleName("shiftFloatInput")
        self.float_input.setMinimumHeight(44)
        self.float_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.float_input.returnPressed.connect(self.submit)
        form.addRow(self.tr("Opening float"), self.float_input)
        lay.addLayout(form)
        self.message = MessageLine("openShiftMessage")
        lay.addWidget(self.message)
        self.open_button = PrimaryButton(self.tr("Open shift"), "openShiftButton")
        self.open_button.clicked.connect(self.submit)
        cancel = TouchButton(self.tr("Cancel"), "openShiftCancel")
        cancel.clicked.connect(self.reject)
        lay.addLayout(_buttons(self.open_button, cancel))
        self.float_input.selectAll()
        self.float_input.setFocus()
        touch_sized(self)  # inputs as tall as touch buttons

    def submit(self) -> None:
        try:
            amount = parse_money(self.float_input.text(), "float", self.state.ctx.currency)
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        self.open_button.setEnabled(False)
        self.state.tasks.run(shifts.open_shift, self.state.ctx, amount, on_done=self._done, on_error=self._failed,
                             label=self.tr("Opening the shift…"))

    def _done(self, shift) -> None:
        self.state.data_changed.emit("shift")
        self.opened.emit(shift)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.message.show_error(error_text(exc))


class CashMoveDialog(QDialog):
    """Cash in (``in``) or out (``out``) of the drawer with a reason. ``moved(CashMove)`` after the commit."""

    moved = Signal(object)

    def __init__(self, state: AppState, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.kind = state, kind
        title = self.tr("Cash in") if kind == "in" else self.tr("Cash out")
        self.setWindowTitle(title)
        self.setAccessibleName("cashMoveDialog")
        self.setObjectName("cashMoveDialog")
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title))
        hint = QLabel(self.tr("Float top-up, change from the bank…") if kind == "in" else
                      self.tr("Petty expense, bank drop, supplier paid in cash…"))
        set_role(hint, "muted")
        lay.addWidget(hint)
        form = QFormLayout()
        self.amount_input = QLineEdit()
        self.amount_input.setAccessibleName("cashMoveAmount")
        self.amount_input.setMinimumHeight(44)
        self.amount_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reason_input = QLineEdit()
        self.reason_input.setAccessibleName("cashMoveReason")
        self.reason_input.setMinimumHeight(44)
        self.reason_input.returnPressed.connect(self.submit)
        form.addRow(self.tr("Amount"), self.amount_input)
        form.addRow(self.tr("Reason"), self.reason_input)
        lay.addLayout(form)
        self.message = MessageLine("cashMoveMessage")
        lay.addWidget(self.message)
        self.ok_button = PrimaryButton(title, "cashMoveButton")
        self.ok_button.clicked.connect(self.submit)
        cancel = TouchButton(self.tr("Cancel"), "cashMoveCancel")
        cancel.clicked.connect(self.reject)
        lay.addLayout(_buttons(self.ok_button, cancel))
        self.amount_input.setFocus()
        touch_sized(self)  # inputs as tall as touch buttons

    def submit(self) -> None:
        try:
            amount = parse_money(self.amount_input.text(), "amount", self.state.ctx.currency, allow_zero=False)
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        if not self.reason_input.text().strip():
            self.message.show_error(self.tr("Reason: is required"))
            return
        self.ok_button.setEnabled(False)
        self.state.tasks.run(shifts.move_cash, self.state.ctx, self.kind, amount, self.reason_input.text(),
                             on_done=self._done, on_error=self._failed, label=self.tr("Recording the cash…"))

    def _done(self, move) -> None:
        self.state.data_changed.emit("shift")
        self.moved.emit(move)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.show_error(error_text(exc))


class CloseShiftDialog(QDialog):
    """Count the drawer and close the shift. ``closed(ShiftReport)`` (the Z report) after the commit."""

    closed = Signal(object)

    def __init__(self, state: AppState, report: ShiftReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.report = state, report
        self.currency = cur = state.ctx.currency
        self.expected = report.expected_cash
        self.setWindowTitle(self.tr("Close shift {number}").format(number=report.shift.number))
        self.setAccessibleName("closeShiftDialog")
        self.setObjectName("closeShiftDialog")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Close shift {number}").format(number=report.shift.number)))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Expected in the drawer")))
        top.addStretch(1)
        top.addWidget(MoneyLabel(cur, self.expected, big=True, name="closeExpected"))
        lay.addLayout(top)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.spins: dict[int, QSpinBox] = {}
        self.row_totals: dict[int, MoneyLabel] = {}
        half = (len(DENOMINATIONS) + 1) // 2
        for i, face in enumerate(DENOMINATIONS):
            col = 0 if i < half else 3
            row = i if i < half else i - half
            label = QLabel(f"{cur.symbol}{face // cur.minor_per_major}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            spin = QSpinBox()
            spin.setRange(0, MAX_PIECES)
            spin.setMinimumHeight(40)
            spin.setMinimumWidth(90)
            spin.setAccessibleName(f"count{face // cur.minor_per_major}")
            spin.valueChanged.connect(self._recount)
            total = MoneyLabel(cur, 0)
            total.setMinimumWidth(110)
            grid.addWidget(label, row, col)
            grid.addWidget(spin, row, col + 1)
            grid.addWidget(total, row, col + 2)
            self.spins[face] = spin
            self.row_totals[face] = total
        lay.addLayout(grid)

        form = QFormLayout()
        self.figure_input = QLineEdit()
        self.figure_input.setAccessibleName("countedFigure")
        self.figure_input.setPlaceholderText(self.tr("or type the counted total"))
        self.figure_input.setMinimumHeight(44)
        self.figure_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.figure_input.textEdited.connect(self._recount)
        self.note_input = QLineEdit()
        self.note_input.setAccessibleName("closeNote")
        self.note_input.setMinimumHeight(44)
        form.addRow(self.tr("Counted as one figure"), self.figure_input)
        form.addRow(self.tr("Note"), self.note_input)
        lay.addLayout(form)

        sums = QGridLayout()
        sums.addWidget(QLabel(self.tr("Counted")), 0, 0)
        self.counted_label = MoneyLabel(cur, 0, big=True, name="closeCounted")
        sums.addWidget(self.counted_label, 0, 1)
        self.variance_caption = QLabel(self.tr("Variance"))
        sums.addWidget(self.variance_caption, 1, 0)
        self.variance_label = MoneyLabel(cur, 0, big=True, name="closeVariance")
        sums.addWidget(self.variance_label, 1, 1)
        lay.addLayout(sums)
        self.message = MessageLine("closeShiftMessage")
        lay.addWidget(self.message)
        self.close_button = PrimaryButton(self.tr("Close shift"), "closeShiftButton")
        self.close_button.clicked.connect(self.submit)
        cancel = TouchButton(self.tr("Cancel"), "closeShiftCancel")
        cancel.clicked.connect(self.reject)
        lay.addLayout(_buttons(self.close_button, cancel))
        self._recount()
        touch_sized(self)  # inputs as tall as touch buttons

    def notes(self) -> dict[int, int]:
        return {face: spin.value() for face, spin in self.spins.items() if spin.value()}

    def counted(self) -> int | None:
        """The counted cash: the typed figure when there is one, else the notes; None while the figure is bad."""
        text = self.figure_input.text().strip()
        if text:
            try:
                return parse_money(text, "counted", self.currency)
            except PossuiteError:
                return None
        return count_total(self.notes())

    def _recount(self, *_args) -> None:
        for face, spin in self.spins.items():
            self.row_totals[face].set_amount(face * spin.value())
        typed = bool(self.figure_input.text().strip())
        for spin in self.spins.values():
            spin.setEnabled(not typed)
        counted = self.counted()
        if counted is None:
            self.message.show_error(self.tr("Counted: type an amount such as 2450 or 2,450.50"))
            return
        self.message.clear_message()
        diff = variance(counted, self.expected)
        self.counted_label.set_amount(counted)
        self.variance_label.set_amount(diff)
        self.variance_caption.setText(self.tr("Variance ({variance_label})").format(
            variance_label=domain_word(variance_label(diff))))
        set_role(self.variance_label, "pending-big" if diff < 0 else "total")

    def submit(self) -> None:
        text = self.figure_input.text().strip()
        try:
            if text:
                kw = {"counted": parse_money(text, "counted", self.currency)}
            else:
                kw = {"notes": self.notes()}
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        self.close_button.setEnabled(False)
        self.state.tasks.run(_close, self.state.ctx, kw, self.note_input.text(), on_done=self._done,
                             on_error=self._failed, label=self.tr("Closing the shift…"))

    def _done(self, report: ShiftReport) -> None:
        self.state.data_changed.emit("shift")
        self.state.day_closed.emit()  # the incremental book check (ui/check_worker.py)
        if self.state.print_worker is not None:
            self.state.print_worker.wake()  # the Z report was queued with the close
        self.closed.emit(report)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.close_button.setEnabled(True)
        self.message.show_error(error_text(exc))


def _close(ctx, kw: dict, note: str) -> ShiftReport:
    """Worker: close with the counted figure or the notes."""
    return shifts.close_shift(ctx, note=note, **kw)

