"""Ask for an owner's PIN (and/or a reason) for one action: complimentary, credit-limit override.

The action runs on the worker as ``work(pin, reason)``. A wrong PIN keeps the dialog open
with the service's message ("wrong PIN (4 tries left)"); success emits ``done(result)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, touch_sized


class AuthoriseDialog(QDialog):
    done = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None, *, title: str, explanation: str,
                 work: Callable[[str, str], Any], need_pin: bool, need_reason: bool,
                 reason_label: str | None = None, confirm_text: str | None = None) -> None:
        super().__init__(parent)
        self.state = state
        reason_label = self.tr("Reason") if reason_label is None else reason_label
        confirm_text = self.tr("Confirm") if confirm_text is None else confirm_text
        self.work = work
        self.need_pin = need_pin
        self.need_reason = need_reason
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setAccessibleName("authoriseDialog")
        self.setObjectName("authoriseDialog")
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(title))
        text = QLabel(explanation)
        text.setWordWrap(True)
        lay.addWidget(text)
        form = QFormLayout()
        self.reason_input = QLineEdit()
        self.reason_input.setAccessibleName("reasonInput")
        self.reason_input.setPlaceholderText(self.tr("e.g. family member, VIP, make-good for a late appointment"))
        form.addRow(f"{reason_label}{' *' if need_reason else ''}", self.reason_input)
        self.pin_input = QLineEdit(self)
        self.pin_input.setAccessibleName("ownerPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setPlaceholderText(self.tr("Owner's PIN"))
        self.pin_input.setMaxLength(12)
        if need_pin:
            form.addRow(self.tr("Owner PIN *"), self.pin_input)
        else:
            self.pin_input.hide()
        lay.addLayout(form)
        self.message = MessageLine("authoriseMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = TouchButton(self.tr("Cancel"), "cancelAuthoriseButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = PrimaryButton(confirm_text, "authoriseButton")
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        lay.addLayout(row)
        (self.reason_input if need_reason or not need_pin else self.pin_input).setFocus()
        touch_sized(self)  # inputs as tall as touch buttons

    def confirm(self) -> None:
        reason = self.reason_input.text().strip()
        pin = self.pin_input.text().strip() if self.need_pin else ""
        if self.need_reason and not reason:
            self.message.show_error(self.tr("Reason: is required"))
            self.reason_input.setFocus()
            return
        if self.need_pin and not pin:
            self.message.show_error(self.tr("Owner PIN: is required; ask the owner to type it"))
            self.pin_input.setFocus()
            return
        self.confirm_button.setEnabled(False)
        self.message.show_info(self.tr("Checking…"))
        self.state.tasks.run(self.work, pin, reason, on_done=self._done, on_error=self._failed,
                             label=self.tr("Completing"))

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.done.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.pin_input.clear()
        self.message.show_error(error_text(exc))
        (self.pin_input if self.need_pin else self.reason_input).setFocus()
