"""The Shift page at the till: the open shift's figures so far, cash in/out, the X report, close.

The figures and the slip preview (``reports/shift.py``, the same text the printer prints) are read on
the worker each time the page shows and after every sale, collection or shift change. With no shift
open the page offers to open one; after a close it shows the Z report.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from possuite.domain.errors import NotFound
from possuite.reports.shift import shift_report_text
from possuite.services import shifts
from possuite.services.shifts import ShiftReport
from possuite.ui.owner_models import receipt_font
from possuite.ui.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog
from possuite.ui.state import AppState, error_text, show_error
from possuite.ui.widgets import MessageLine, MoneyLabel, PrimaryButton, TouchButton, heading, set_role


def _load(ctx) -> tuple[ShiftReport | None, str]:
    """Worker: the open (or last) shift's report and its slip text; (None, "") before the first shift."""
    try:
        r = shifts.shift_report(ctx)
    except NotFound:
        return None, ""
    return r, shift_report_text(r, 42)


class ShiftPage(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.report: ShiftReport | None = None
        self.dialog = None
        self.setAccessibleName("shiftPage")
        cur = state.ctx.currency
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        self.title = heading(self.tr("Shift"), "shiftTitle")
        left.addWidget(self.title)
        self.status = QLabel("…")
        self.status.setAccessibleName("shiftStatus")
        self.status.setWordWrap(True)
        left.addWidget(self.status)
        grid = QGridLayout()
        self.figures: dict[str, MoneyLabel] = {}
        for i, (key, label) in enumerate((("float", self.tr("Opening float")), ("cash", self.tr("Cash taken (net)")),
                                          ("moves", self.tr("Cash in − out")),
                                          ("expected", self.tr("Expected in drawer")), ("card", self.tr("Card")),
                                          ("upi", self.tr("UPI")))):
            grid.addWidget(QLabel(label), i, 0)
            m = MoneyLabel(cur, 0, big=key == "expected", name=f"shift_{key}")
            grid.addWidget(m, i, 1)
            self.figures[key] = m
        left.addLayout(grid)
        self.message = MessageLine("shiftMessage")
        left.addWidget(self.message)
        self.open_button = PrimaryButton(self.tr("Open shift…"), "shiftOpenButton")
        self.open_button.clicked.connect(self.open_shift)
        self.cash_in_button = TouchButton(self.tr("Cash in…"), "shiftCashInButton")
        self.cash_in_button.clicked.connect(lambda: self.move_cash("in"))
        self.cash_out_button = TouchButton(self.tr("Cash out…"), "shiftCashOutButton")
        self.cash_out_button.clicked.connect(lambda: self.move_cash("out"))
        self.print_button = TouchButton(self.tr("Print X report"), "shiftPrintButton")
        self.print_button.clicked.connect(self.print_report)
        self.close_button = PrimaryButton(self.tr("Count and close…"), "shiftCloseButton")
        self.close_button.clicked.connect(self.close_shift)
        for b in (self.open_button, self.cash_in_button, self.cash_out_button, self.print_button, self.close_button):
            left.addWidget(b)
        left.addStretch(1)
        root.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Report")))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFont(receipt_font())
        self.preview.setAccessibleName("shiftPreview")
        self.preview.setMinimumWidth(42 * 9)
        right.addWidget(self.preview, 1)
        root.addLayout(right, 3)
        state.data_changed.connect(self._data_changed)
        self._show(None, "")
        self.refresh()

    def _data_changed(self, what: str) -> None:
        if what in ("sale", "collection", "shift", "void"):
            self.refresh()

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.state.tasks.search(_load, self.state.ctx, on_done=lambda res: self._show(*res),
                                on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show(self, report: ShiftReport | None, text: str) -> None:
        self.report = report
        is_open = report is not None and report.shift.is_open
        self.open_button.setVisible(not is_open)
        for b in (self.cash_in_button, self.cash_out_button, self.close_button):
            b.setVisible(is_open)
        self.print_button.setVisible(report is not None)
        self.preview.setPlainText(text)
        if report is None:
            self.title.setText(self.tr("Shift"))
            self.status.setText(self.tr("No shift has been opened at this till yet."))
            for m in self.figures.values():
                m.set_amount(0)
            return
        s, f = report.shift, report.figures
        self.print_button.setText(self.tr("Print X report") if is_open else self.tr("Reprint Z report"))
        if is_open:
            self.title.setText(self.tr("Shift {number} — open").format(number=s.number))
            self.status.setText(self.tr("Opened {opened_at:%d %b %H:%M} by {user_name}; {bills} bill(s) so "
                                        "far.").format(
                opened_at=s.opened_at, user_name=s.user_name, bills=report.bills))
            set_role(self.status, "info")
        else:
            self.title.setText(self.tr("Shift {number} — closed").format(number=s.number))
            self.status.setText(self.tr("Closed {closed_at:%d %b %H:%M} by {closed_by}. No shift is open: open one "
                                        "before the next sale.").format(closed_at=s.closed_at, closed_by=s.closed_by))
        self.figures["float"].set_amount(s.opening_float)
        moves = f.cash_of("cash_in") + f.cash_of("cash_out")
        self.figures["cash"].set_amount(sum(f.cash.values()) - moves)
        self.figures["moves"].set_amount(moves)
        self.figures["expected"].set_amount(report.expected_cash)
        self.figures["card"].set_amount(f.methods.get("card", 0))
        self.figures["upi"].set_amount(f.methods.get("upi", 0))

    # --- actions --------------------------------------------------------------------------
    def open_shift(self) -> None:
        dlg = OpenShiftDialog(self.state, self)
        self.dialog = dlg
        dlg.open()

    def move_cash(self, kind: str) -> None:
        dlg = CashMoveDialog(self.state, kind, self)
        self.dialog = dlg
        dlg.open()

    def close_shift(self) -> None:
        if self.report is None or not self.report.shift.is_open:
            return
        dlg = CloseShiftDialog(self.state, self.report, self)
        dlg.closed.connect(lambda r: self.message.show_info(
            self.tr("Shift {number} closed; the Z report is queued for the printer.").format(number=r.shift.number)))
        self.dialog = dlg
        dlg.open()

    def print_report(self) -> None:
        number = self.report.shift.number if self.report else None

        def queued(_job) -> None:
            if self.state.print_worker is not None:
                self.state.print_worker.wake()
            self.message.show_info(self.tr("The report is queued for the printer."))
            self.state.data_changed.emit("print")

        self.state.tasks.run(shifts.print_shift_report, self.state.ctx, number, on_done=queued,
                             on_error=lambda exc: show_error(self, exc))
