"""The return dialog: choose lines and quantities of a posted bill, how the money goes back, and why.

Opened from a bill's detail (Bills page, "Return…") and at the till by scanning or typing a receipt's
number. The bill is read on the worker (``services.returns.returnable``); the live figures come from
``domain.returns.plan_return``, the function the service posts with, so the screen and the credit note
agree. A cashier returning a bill older than the store's return days is asked for the owner's PIN
(the service enforces it either way). Completing runs ``create_return`` on the worker.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from possuite.domain import quantity
from possuite.domain.dates import format_date
from possuite.domain.errors import PossuiteError
from possuite.domain.labels import method_label
from possuite.domain.money import format_money
from possuite.domain.returns import ReturnPlan, plan_return
from possuite.services.returns import ReturnableBill, create_return, returnable
from possuite.ui.owner_actions import as_owner
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import domain_word
from possuite.ui.widgets import MessageLine, MoneyLabel, PrimaryButton, TouchButton, heading, set_role, touch_sized

#: A thousandth of a weighed or measured unit, as its spin box says it.
SMALL_UNITS = {"kg": "g", "l": "ml", "m": "mm", "g": "mg"}
REFUND_TEXT = {
    "cash": QT_TRANSLATE_NOOP("return_dialog", "Cash"),
    "card": QT_TRANSLATE_NOOP("return_dialog", "Card"),
    "upi": QT_TRANSLATE_NOOP("return_dialog", "UPI"),
    "account": QT_TRANSLATE_NOOP("return_dialog", "To the customer's account"),
}


class ReturnDialog(QDialog):
    """``returned(result)`` after the credit note is posted."""

    returned = Signal(object)

    def __init__(self, state: AppState, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.number = number
        self.bill: ReturnableBill | None = None
        self.spins: dict[str, QSpinBox] = {}
        #: thousandths per step of each line's spin box: a piece or tablet (1000), or a gram of a kilogram (1)
        self.steps: dict[str, int] = {}
        self.result_value = None
        self.setWindowTitle(self.tr("Return from bill {number}").format(number=number))
        self.setAccessibleName("returnDialog")
        self.setObjectName("returnDialog")
        self.setMinimumWidth(640)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Return from bill {number}").format(number=number), "returnTitle"))
        self.info_label = QLabel(self.tr("Loading the bill…"))
        self.info_label.setAccessibleName("returnBillInfo")
        self.info_label.setWordWrap(True)
        lay.addWidget(self.info_label)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        lay.addLayout(self.grid)

        self.refund_box = QHBoxLayout()
        self.refund_group = QButtonGroup(self)
        self.refund_group.buttonToggled.connect(lambda *_: self._update())
        self.refund_buttons: dict[str, QRadioButton] = {}
        form = QFormLayout()
        refund_row = QWidget()
        refund_row.setLayout(self.refund_box)
        form.addRow(self.tr("Refund"), refund_row)
        self.reason_input = QLineEdit()
        self.reason_input.setAccessibleName("returnReasonInput")
        self.reason_input.setPlaceholderText(self.tr("e.g. damaged, wrong size, service not done"))
        self.reason_input.setMaxLength(500)
        form.addRow(self.tr("Reason *"), self.reason_input)
        self.pin_input = QLineEdit()
        self.pin_input.setAccessibleName("returnOwnerPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setPlaceholderText(self.tr("Owner's PIN"))
        self.pin_input.setMaxLength(12)
        self.pin_label = QLabel(self.tr("Owner PIN *"))
        form.addRow(self.pin_label, self.pin_input)
        self.pin_label.hide()
        self.pin_input.hide()
        lay.addLayout(form)

        self.total_label = MoneyLabel(state.ctx.currency, 0, prefix=self.tr("Credit: "), big=True)
        self.total_label.setAccessibleName("returnTotal")
        self.outcome_label = QLabel("")
        self.outcome_label.setAccessibleName("returnOutcome")
        self.outcome_label.setWordWrap(True)
        lay.addWidget(self.total_label)
        lay.addWidget(self.outcome_label)
        self.message = MessageLine("returnMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = TouchButton(self.tr("Cancel"), "cancelReturnButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = PrimaryButton(self.tr("Return and print credit note"), "confirmReturnButton")
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        lay.addLayout(row)
        state.tasks.run(returnable, state.ctx, number, on_done=self._show, on_error=self._load_failed)
        touch_sized(self)  # inputs as tall as touch buttons

    # ---------------------------------------------------------------- the bill
    def _load_failed(self, exc: BaseException) -> None:
        self.info_label.setText("")
        self.message.show_error(error_text(exc))

    def _show(self, bill: ReturnableBill) -> None:
        self.bill = bill
        cur = self.state.ctx.currency
        who = bill.customer_name or self.tr("Walk-in customer")
        bits = [format_date(bill.business_date), who, self.tr("total {amount}").format(amount=format_money(bill.total,
                                                                                                          cur))]
        if bill.outstanding:
            bits.append(self.tr("pending {amount} (a return lowers it first)").format(
                amount=format_money(bill.outstanding, cur)))
        if bill.complimentary:
            bits.append(self.tr("complimentary: nothing is refunded"))
        self.info_label.setText(" • ".join(bits))
        for col, title in enumerate((self.tr("Item"), self.tr("Sold"), self.tr("Returned"), self.tr("Amount"),
                                     self.tr("Return"))):
            h = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(h, 0, col, alignment=Qt.AlignmentFlag.AlignRight if col else Qt.AlignmentFlag.AlignLeft)
        for i, ln in enumerate(bill.lines, start=1):
            self.grid.addWidget(QLabel(ln.description), i, 0)
            for col, value in ((1, ln.text(ln.qty)), (2, ln.text(ln.returned) if ln.returned else "-"),
                               (3, format_money(ln.amount, cur))):
                self.grid.addWidget(QLabel(value), i, col, alignment=Qt.AlignmentFlag.AlignRight)
            spin = QSpinBox()
            spin.setAccessibleName(f"returnQty{ln.position}")
            spin.setObjectName(f"returnQty{ln.position}")
            # whole pieces or tablets; a weighed or measured line in thousandths (grams of a kg, ml of a litre)
            whole = quantity.UNITS[ln.unit].whole
            step = quantity.SCALE if whole else 1
            if not whole:
                spin.setSuffix(f" {SMALL_UNITS.get(ln.unit, '/1000')}")
                spin.setSingleStep(50)
            self.steps[ln.id] = step
            spin.setRange(0, max(ln.returnable // step, 0))
            spin.setEnabled(ln.returnable > 0)
            spin.setMinimumHeight(44)
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(lambda *_: self._update())
            self.spins[ln.id] = spin
            self.grid.addWidget(spin, i, 4)
        methods = bill.refund_methods
        for method in methods:
            b = QRadioButton(QCoreApplication.translate("return_dialog", REFUND_TEXT[method]) if method in REFUND_TEXT
                             else domain_word(method_label(method)))
            b.setAccessibleName(f"refund_{method}")
            b.setMinimumHeight(44)
            self.refund_group.addButton(b)
            self.refund_buttons[method] = b
            self.refund_box.addWidget(b)
        if methods:
            self.refund_buttons["account" if bill.outstanding and "account" in methods else methods[0]].setChecked(True)
        else:
            self.refund_box.addWidget(QLabel(self.tr("Nothing (complimentary bill)")))
        needs_pin = not (self.state.ctx.actor.is_owner or self.state.ctx.actor.authorised_by) and \
            self.state.ctx.clock.today() > bill.cashier_until
        self.pin_label.setVisible(needs_pin)
        self.pin_input.setVisible(needs_pin)
        if needs_pin:
            self.message.show_info(self.tr("This bill is older than {return_days} day(s): an owner must authorise the "
                                           "return.").format(return_days=self.state.ctx.store.return_days))
        if bill.voided:
            self.message.show_error(self.tr("{number} is void; a void bill cannot be returned.").format(
                number=bill.number))
        elif bill.fully_returned:
            self.message.show_info(self.tr("Everything on {number} has been returned already.").format(
                number=bill.number))
        self._update()

    # ---------------------------------------------------------------- live figures
    def wanted(self) -> dict[str, int]:
        """{bill line id: quantity in thousandths} of what the spin boxes say."""
        return {line_id: spin.value() * self.steps.get(line_id, quantity.SCALE)
                for line_id, spin in self.spins.items() if spin.value()}

    def refund_method(self) -> str:
        for method, b in self.refund_buttons.items():
            if b.isChecked():
                return method
        return "cash"

    def plan(self) -> ReturnPlan | None:
        if self.bill is None or not self.wanted():
            return None
        try:
            return plan_return(list(self.bill.lines), self.wanted(), complimentary=self.bill.complimentary)
        except PossuiteError:
            return None

    def _update(self) -> None:
        plan = self.plan()
        bill = self.bill
        cur = self.state.ctx.currency
        total = plan.total if plan else 0
        self.total_label.set_amount(total)
        ok = plan is not None and bill is not None and not bill.voided
        self.confirm_button.setEnabled(ok)
        if not ok:
            self.outcome_label.setText(self.tr("Choose how many of each line come back."))
            set_role(self.outcome_label, "")
            return
        if bill.complimentary:
            text = self.tr("Value {amount} comes back; the bill was complimentary, so nothing is refunded.").format(
                amount=format_money(plan.retail_value, cur))
        else:
            to_bill = min(bill.outstanding, total)
            rest = total - to_bill
            parts = []
            if to_bill:
                parts.append(self.tr("{amount} off the bill's pending").format(amount=format_money(to_bill, cur)))
            method = self.refund_method()
            if rest and method == "account":
                parts.append(self.tr("{amount} to the account (settles older dues first, the rest stays as "
                                     "credit)").format(amount=format_money(rest, cur)))
            elif rest:
                parts.append(self.tr("refund {amount} by {method}").format(amount=format_money(rest, cur),
                                                                           method=domain_word(method_label(method))))
            text = "; ".join(parts)
        if plan.tax:
            text += self.tr(" (tax reversed {amount})").format(amount=format_money(plan.tax, cur))
        self.outcome_label.setText(text)

    # ---------------------------------------------------------------- posting
    def confirm(self) -> None:
        reason = self.reason_input.text().strip()
        if not reason:
            self.message.show_error(self.tr("Reason: is required for a return"))
            self.reason_input.setFocus()
            return
        pin = self.pin_input.text().strip() if self.pin_input.isVisible() else ""
        if self.pin_input.isVisible() and not pin:
            self.message.show_error(self.tr("Owner PIN: is required; ask the owner to type it"))
            self.pin_input.setFocus()
            return
        ctx, number, wanted, refund = self.state.ctx, self.number, self.wanted(), self.refund_method()
        self.confirm_button.setEnabled(False)
        self.message.show_info(self.tr("Posting the credit note…"))
        self.state.tasks.run(lambda: create_return(as_owner(ctx, pin), number, wanted, refund, reason),
                             on_done=self._done, on_error=self._failed, label=self.tr("Returning"))

    def _done(self, result) -> None:
        self.result_value = result
        self.state.data_changed.emit("return")
        self.returned.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.pin_input.clear()
        self.message.show_error(error_text(exc))
