"""Quick-create (two fields: name, phone) and edit customer dialog, shared by the till and owner pages.

Saving runs on the worker. A phone that already belongs to someone offers that customer
instead ("Use Priya Sharma"). ``customer_saved`` carries the resulting ``CustomerView``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from possuite.domain.money import to_major_string
from possuite.services import customers
from possuite.services.customers import CustomerView, DuplicatePhone
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, touch_sized


class CustomerDialog(QDialog):
    customer_saved = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, customer: CustomerView | None = None,
                 name: str = "", phone: str = "", full: bool | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.customer = customer
        self.existing: CustomerView | None = None
        self.saved: CustomerView | None = None
        full = customer is not None if full is None else full
        self.setWindowTitle(self.tr("Edit customer") if customer else self.tr("New customer"))
        self.setAccessibleName("customerDialog")
        self.setObjectName("customerDialog")
        self.setMinimumWidth(440)

        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Edit customer") if customer else self.tr("New customer")))
        form = QFormLayout()
        self.name_input = QLineEdit(customer.name if customer else name)
        self.name_input.setAccessibleName("customerNameInput")
        self.name_input.setPlaceholderText(self.tr("Required, e.g. Priya Sharma"))
        self.phone_input = QLineEdit((customer.phone or "") if customer else phone)
        self.phone_input.setAccessibleName("customerPhoneInput")
        self.phone_input.setPlaceholderText(self.tr("Optional, e.g. 98765 43210"))
        form.addRow(self.tr("Name *"), self.name_input)
        form.addRow(self.tr("Phone"), self.phone_input)
        self.limit_input = QLineEdit()
        self.limit_input.setAccessibleName("creditLimitInput")
        self.limit_input.setPlaceholderText(self.tr("No limit"))
        self.notes_input = QPlainTextEdit()
        self.notes_input.setAccessibleName("customerNotesInput")
        self.notes_input.setFixedHeight(70)
        # A business buyer's GSTIN (B2B tax invoices); checked by the service, which also sets the state from it.
        self.gstin_input = QLineEdit(customer.gstin if customer else "")
        self.gstin_input.setAccessibleName("customerGstinInput")
        self.gstin_input.setPlaceholderText(self.tr("Business buyers only, e.g. 29ABCDE1234F1Z5"))
        if customer:
            if customer.credit_limit is not None:
                self.limit_input.setText(to_major_string(customer.credit_limit, state.ctx.currency))
            self.notes_input.setPlainText(customer.notes)
        self.gst_shown = full and state.ctx.store.country == "IN"
        if full:
            form.addRow(self.tr("Credit limit"), self.limit_input)
            if self.gst_shown:
                form.addRow(self.tr("GSTIN"), self.gstin_input)
            form.addRow(self.tr("Notes"), self.notes_input)
        else:
            self.limit_input.hide()
            self.notes_input.hide()
        if not self.gst_shown:
            self.gstin_input.hide()
        lay.addLayout(form)

        self.message = MessageLine("customerDialogMessage")
        lay.addWidget(self.message)
        self.use_existing = TouchButton(self.tr("Use existing customer"), "useExistingButton")
        self.use_existing.hide()
        self.use_existing.clicked.connect(self._use_existing)
        lay.addWidget(self.use_existing)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = TouchButton(self.tr("Cancel"), "cancelCustomerButton")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = PrimaryButton(self.tr("Save"), "saveCustomerButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
        touch_sized(self)  # inputs as tall as touch buttons
        self.name_input.setFocus()

    def save(self) -> None:
        name = self.name_input.text().strip()
        if not name:
            self.message.show_error(self.tr("Name: is required"))
            self.name_input.setFocus()
            return
        phone = self.phone_input.text().strip() or None
        self.save_button.setEnabled(False)
        self.message.show_info(self.tr("Saving…"))

        ctx = self.state.ctx
        gstin = self.gstin_input.text().strip() if self.gst_shown else None
        if self.customer is None:
            limit = self.limit_input.text().strip() or None
            notes = self.notes_input.toPlainText()
            self.state.tasks.run(lambda: customers.add_customer(ctx, name, phone, limit, notes, gstin=gstin or None),
                                 on_done=self._saved, on_error=self._failed)
        else:
            limit_text = self.limit_input.text().strip()

            def edit() -> CustomerView:
                return customers.edit_customer(
                    ctx, self.customer.id, name=name, phone=phone or "", notes=self.notes_input.toPlainText(),
                    credit_limit=limit_text or None, clear_credit_limit=not limit_text, gstin=gstin)

            self.state.tasks.run(edit, on_done=self._saved, on_error=self._failed)

    def _saved(self, view: CustomerView) -> None:
        self.saved = view
        self.state.data_changed.emit("customer")
        self.customer_saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, DuplicatePhone):
            self.existing = exc.existing
            self.message.show_error(error_text(exc))
            self.use_existing.setText(self.tr("Use {name}").format(name=exc.existing.name))
            self.use_existing.show()
            return
        self.message.show_error(error_text(exc))

    def _use_existing(self) -> None:
        if self.existing is not None:
            self.saved = self.existing
            self.customer_saved.emit(self.existing)
            self.accept()
