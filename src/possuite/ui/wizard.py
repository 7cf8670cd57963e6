"""First run: two short pages (the store, then the owner and PIN) and the store is ready to sell.

Creating the store (``services.users.init_store``) and signing the owner in run on the worker.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from possuite.domain.clock import Clock
from possuite.domain.errors import PossuiteError, ValidationError
from possuite.domain.money import CURRENCIES
from possuite.services.app import open_context
from possuite.services.users import init_store, login, validate_pin
from possuite.ui.resources import icon
from possuite.ui.state import TaskRunner, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, set_role


def _line(name: str, placeholder: str = "", text: str = "") -> QLineEdit:
    w = QLineEdit(text)
    w.setAccessibleName(name)
    w.setObjectName(name)
    w.setPlaceholderText(placeholder)
    return w


class SetupWizard(QDialog):
    """Emits ``created(store_id, actor)`` once the store exists and the owner is signed in."""

    created = Signal(str, object)

    def __init__(self, engine: Engine, clock: Clock, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.clock = clock
        self.tasks = tasks
        self.setWindowTitle(self.tr("Set up possuite"))
        self.setWindowIcon(icon("possuite"))
        self.setAccessibleName("setupWizard")
        self.setObjectName("setupWizard")
        self.setMinimumSize(620, 560)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Welcome to possuite")))
        self.step_label = QLabel()
        set_role(self.step_label, "muted")
        lay.addWidget(self.step_label)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._store_page())
        self.stack.addWidget(self._owner_page())
        lay.addWidget(self.stack, 1)
        self.message = MessageLine("wizardMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.cancel_button = TouchButton(self.tr("Quit"), "wizardQuitButton")
        self.cancel_button.clicked.connect(self.reject)
        self.back_button = TouchButton(self.tr("Back"), "wizardBackButton")
        self.back_button.clicked.connect(lambda: self.go(0))
        self.next_button = PrimaryButton(self.tr("Next"), "wizardNextButton")
        self.next_button.clicked.connect(self.next)
        self.finish_button = PrimaryButton(self.tr("Create store"), "wizardFinishButton")
        self.finish_button.clicked.connect(self.finish)
        for b in (self.cancel_button, self.back_button, self.next_button, self.finish_button):
            b.setAutoDefault(False)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addWidget(self.finish_button)
        lay.addLayout(row)
        self.go(0)

    def _store_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.store_name = _line("storeNameInput", self.tr("e.g. Glow Salon"))
        self.address = QPlainTextEdit()
        self.address.setAccessibleName("addressInput")
        self.address.setFixedHeight(64)
        self.phone = _line("storePhoneInput", self.tr("e.g. 020 2612 3456"))
        self.tax_id = _line("taxIdInput", self.tr("GSTIN, optional"))
        self.currency = QComboBox()
        self.currency.setAccessibleName("currencySelect")
        for code, cur in CURRENCIES.items():
            self.currency.addItem(f"{code} ({cur.symbol.strip()})", code)
        self.currency.setCurrentIndex(self.currency.findData("INR"))
        self.credit_days = QSpinBox()
        self.credit_days.setAccessibleName("creditDaysInput")
        self.credit_days.setRange(0, 365)
        self.credit_days.setValue(30)
        self.credit_days.setSuffix(self.tr(" days"))
        self.prefix = _line("invoicePrefixInput", "", "SAL")
        self.prefix.setMaxLength(10)
        self.upi = _line("upiInput", self.tr("e.g. glowsalon@okbank, optional"))
        form.addRow(self.tr("Store name *"), self.store_name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Tax id"), self.tax_id)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Pay-later credit"), self.credit_days)
        form.addRow(self.tr("Invoice prefix"), self.prefix)
        form.addRow(self.tr("UPI id"), self.upi)
        self.shifts = QCheckBox(self.tr("Open a shift with the cash in the drawer before selling, count it at close"))
        self.shifts.setAccessibleName("shiftsRequiredCheck")
        self.shifts.setChecked(True)  # a new shop starts with the drawer counted; Settings turns it off
        form.addRow(self.tr("Shifts"), self.shifts)
        return page

    def _owner_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(self.tr("The owner can do everything: authorise free services, write-offs and voids, add "
                               "cashiers. Choose a PIN of 4 to 12 digits."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.owner = _line("ownerNameInput", "", self.tr("Owner"))
        self.pin = _line("ownerPinInput", self.tr("4 to 12 digits"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = _line("ownerPinAgainInput", self.tr("the same PIN again"))
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.returnPressed.connect(self.finish)
        form.addRow(self.tr("Owner name *"), self.owner)
        form.addRow(self.tr("PIN *"), self.pin)
        form.addRow(self.tr("PIN again *"), self.pin_again)
        return page

    def go(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.step_label.setText(self.tr("Step 1 of 2: your store") if index == 0 else self.tr("Step 2 of 2: the owner"))
        self.back_button.setVisible(index == 1)
        self.next_button.setVisible(index == 0)
        self.finish_button.setVisible(index == 1)
        self.message.clear_message()
        (self.store_name if index == 0 else self.pin).setFocus()

    def next(self) -> None:
        if not self.store_name.text().strip():
            self.message.show_error(self.tr("Store name: is required"))
            self.store_name.setFocus()
            return
        prefix = self.prefix.text().strip()
        if not prefix or not prefix.replace("-", "").isalnum() or not prefix.isascii():
            self.message.show_error(self.tr("Invoice prefix: must be letters and digits, e.g. SAL"))
            self.prefix.setFocus()
            return
        self.go(1)

    def finish(self) -> None:

        try:
            pin = validate_pin(self.pin.text().strip(), "PIN")
            if self.pin_again.text().strip() != pin:
                raise ValidationError("PIN again", "does not match the PIN")
            if not self.owner.text().strip():
                raise ValidationError("owner name", "is required")
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        values = dict(store=self.store_name.text(), owner=self.owner.text(), pin=pin,
                      currency=self.currency.currentData(), credit_days=self.credit_days.value(),
                      invoice_prefix=self.prefix.text().strip(), address=self.address.toPlainText(),
                      phone=self.phone.text(), tax_id=self.tax_id.text(), upi_id=self.upi.text(),
                      shifts_required=self.shifts.isChecked())
        engine, clock = self.engine, self.clock

        def create():

            store_id = init_store(engine, clock, **values)
            ctx = open_context(engine=engine, clock=clock)
            return store_id, login(ctx, values["owner"].strip(), pin)

        self.finish_button.setEnabled(False)
        self.message.show_info(self.tr("Creating the store…"))
        self.tasks.run(create, on_done=self._created, on_error=self._failed, label=self.tr("Creating the store"))

    def _created(self, result) -> None:
        store_id, actor = result
        self.created.emit(store_id, actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.finish_button.setEnabled(True)
        self.message.show_error(error_text(exc))
        if isinstance(exc, PossuiteError) and exc.field in ("store", "invoice prefix", "currency", "credit days",
                                                            "address", "phone", "tax id", "UPI id"):
            self.go(0)
            self.message.show_error(error_text(exc))
