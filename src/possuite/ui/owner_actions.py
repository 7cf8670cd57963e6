"""The owner's actions on a customer: adjust / write off with a reason, and deactivate.

Permissions live in the services. A cashier who starts an owner action is asked for the
owner's PIN (``services.users.authorise``), which authorises that one action; a wrong PIN
keeps the dialog open with the service's message. Everything runs on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.errors import PossuiteError, ValidationError
from possuite.domain.money import format_money, parse_money
from possuite.services.customers import deactivate_customer
from possuite.services.users import authorise
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading


def as_owner(ctx, pin: str):
    """The context to act with: the signed-in owner, or a cashier authorised by the owner's PIN."""
    if ctx.actor.is_owner or not pin:
        return ctx

    return authorise(ctx, pin)


class OwnerActionDialog(QDialog):
    """A form, an optional owner PIN (for a cashier), a message line, Cancel and a confirm button."""

    done = Signal(object)
    change = "customer"

    def __init__(self, state: AppState, title: str, parent: QWidget | None, *, need_pin: bool,
                 confirm_text: str, name: str) -> None:
        super().__init__(parent)
        self.state = state
        self.need_pin = need_pin
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setAccessibleName(name)
        self.setObjectName(name)
        self.setMinimumWidth(500)
        self.lay = QVBoxLayout(self)
        self.lay.addWidget(heading(title))
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.pin_input = QLineEdit()
        self.pin_input.setAccessibleName("ownerPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setPlaceholderText(self.tr("Owner's PIN"))
        self.pin_input.setMaxLength(12)
        self.message = MessageLine(f"{name}Message")
        self.cancel_button = TouchButton(self.tr("Cancel"), f"{name}Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = PrimaryButton(confirm_text, f"{name}Confirm")
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)

    def finish_layout(self) -> None:
        if self.need_pin:
            self.form.addRow(self.tr("Owner PIN *"), self.pin_input)
        else:
            self.pin_input.hide()
        self.lay.addLayout(self.form)
        self.lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        self.lay.addLayout(row)

    def explain(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self.lay.addWidget(label)
        return label

    # subclasses: check the form (raise ValidationError) and return work(ctx) to run on the worker
    def prepare(self) -> Callable[[Any], Any]:
        raise NotImplementedError

    def confirm(self) -> None:
        try:
            work = self.prepare()
            pin = self.pin_input.text().strip() if self.need_pin else ""
            if self.need_pin and not pin:
                raise ValidationError("owner PIN", "is required; ask the owner to type it")
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        ctx = self.state.ctx
        self.confirm_button.setEnabled(False)
        self.message.show_info(self.tr("Working…"))
        self.state.tasks.run(lambda: work(as_owner(ctx, pin)), on_done=self._done, on_error=self._failed,
                             label=self.windowTitle())

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.done.emit(result)
        self.state.data_changed.emit(self.change)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.pin_input.clear()
        self.message.show_error(error_text(exc))


class AdjustDialog(OwnerActionDialog):
    """Write off part of what a customer owes, or add a charge (opening balance, correction)."""

    change = "adjustment"

    def __init__(self, state: AppState, customer_id: str, name: str, balance: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(state, QCoreApplication.translate("AdjustDialog", "Adjust {name}'s balance").format(name=name),
                         parent, need_pin=not state.is_owner,
                         confirm_text=QCoreApplication.translate("AdjustDialog", "Post adjustment"),
                         name="adjustDialog")
        self.customer_id = customer_id
        self.balance = balance
        cur = state.ctx.currency
        self.explain(self.tr("{name} owes {amount}. Every adjustment is recorded with its reason and who approved it; "
                             "it never changes an earlier entry.").format(name=name, amount=format_money(balance, cur)))
        self.writeoff_radio = QRadioButton(self.tr("Write off — the customer owes less"))
        self.writeoff_radio.setAccessibleName("writeOffRadio")
        self.charge_radio = QRadioButton(self.tr("Add a charge — the customer owes more"))
        self.charge_radio.setToolTip(self.tr("e.g. an old balance from the paper book, or a correction"))
        self.charge_radio.setAccessibleName("chargeRadio")
        group = QButtonGroup(self)
        group.addButton(self.writeoff_radio)
        group.addButton(self.charge_radio)
        (self.writeoff_radio if balance > 0 else self.charge_radio).setChecked(True)
        self.lay.addWidget(self.writeoff_radio)
        self.lay.addWidget(self.charge_radio)
        self.amount_input = QLineEdit()
        self.amount_input.setAccessibleName("adjustAmountInput")
        self.amount_input.setPlaceholderText(self.tr("e.g. 150.00"))
        self.reason_input = QLineEdit()
        self.reason_input.setAccessibleName("reasonInput")
        self.reason_input.setPlaceholderText(self.tr("Required, e.g. goodwill, bad debt, opening balance from the "
                                                     "book"))
        self.form.addRow(self.tr("Amount *"), self.amount_input)
        self.form.addRow(self.tr("Reason *"), self.reason_input)
        self.finish_layout()
        self.amount_input.setFocus()

    def prepare(self):
        amount = parse_money(self.amount_input.text(), "amount", self.state.ctx.currency, allow_zero=False)
        reason = self.reason_input.text().strip()
        if not reason:
            raise ValidationError("reason", "is required")
        signed = -amount if self.writeoff_radio.isChecked() else amount
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.collections import adjust

        return lambda ctx: adjust(ctx, self.customer_id, signed, reason)


class DeactivateDialog(OwnerActionDialog):
    """Deactivate: the customer leaves the lookup, keeps their history; dues stay or are written off."""

    def __init__(self, state: AppState, customer_id: str, name: str, balance: int,
                 parent: QWidget | None = None) -> None:
        owes = balance > 0
        super().__init__(state, QCoreApplication.translate("DeactivateDialog", "Deactivate {name}").format(name=name),
                         parent, need_pin=owes and not state.is_owner,
                         confirm_text=QCoreApplication.translate("DeactivateDialog", "Deactivate"),
                         name="deactivateDialog")
        self.customer_id = customer_id
        self.balance = balance
        cur = state.ctx.currency
        self.explain(self.tr("{name} will no longer appear in the customer search at the till. Their bills, payments "
                             "and statement stay.").format(name=name))
        self.keep_radio = QRadioButton(self.tr("Keep the {amount} dues visible (still owed)").format(
            amount=format_money(balance, cur)))
        self.keep_radio.setAccessibleName("keepDuesRadio")
        self.writeoff_radio = QRadioButton(self.tr("Write off the {amount} dues").format(amount=format_money(balance,
                                                                                                             cur)))
        self.writeoff_radio.setAccessibleName("writeOffDuesRadio")
        if owes:
            label = self.explain(self.tr("{name} owes {amount}.").format(name=name, amount=format_money(balance, cur)))
            label.setStyleSheet("color: #c62828; font-weight: bold;")
            if not state.is_owner:
                self.explain(self.tr("Only the owner can deactivate a customer who owes. Ask the owner to type their "
                                     "PIN."))
            group = QButtonGroup(self)
            group.addButton(self.keep_radio)
            group.addButton(self.writeoff_radio)
            self.keep_radio.setChecked(True)
            self.lay.addWidget(self.keep_radio)
            self.lay.addWidget(self.writeoff_radio)
        else:
            self.keep_radio.hide()
            self.writeoff_radio.hide()
        self.reason_input = QLineEdit()
        self.reason_input.setAccessibleName("reasonInput")
        self.reason_input.setPlaceholderText(self.tr("e.g. moved away (required to write off)"))
        self.form.addRow(self.tr("Reason"), self.reason_input)
        self.finish_layout()

    def prepare(self):
        write_off = self.balance > 0 and self.writeoff_radio.isChecked()
        reason = self.reason_input.text().strip()
        if write_off and not reason:
            raise ValidationError("reason", "is required to write off dues")

        return lambda ctx: deactivate_customer(ctx, self.customer_id, reason, write_off=write_off)
