"""Settings › Store: the store's details and GST set-up, editable by the owner (read-only for anyone else).

Save runs ``services.store_settings.update_settings`` on the task runner (the one service ``possuite store set``
uses: checked, owner only, audited); a bad value shows one line naming the setting and changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from possuite.domain import gst
from possuite.domain.cart import format_percent
from possuite.domain.errors import PossuiteError
from possuite.domain.money import parse_percent_bp
from possuite.i18n import LANGUAGES
from possuite.services import store_settings
from possuite.services.permissions import SETTINGS
from possuite.services.store_settings import StoreView
from possuite.ui import translation
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton

#: (value, label) of the registration box; "" is a book that has not set GST up.
REGISTRATIONS = [("", QT_TRANSLATE_NOOP("store_settings", "Not set up (sell as before)")),
                 (gst.REGULAR, QT_TRANSLATE_NOOP("store_settings", "Regular: TAX INVOICE, GST charged")),
                 (gst.COMPOSITION, QT_TRANSLATE_NOOP("store_settings", "Composition: BILL OF SUPPLY, no GST charged")),
                 (gst.UNREGISTERED, QT_TRANSLATE_NOOP("store_settings", "Unregistered: BILL OF SUPPLY, no GSTIN"))]


def _line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    w = QLineEdit(text)
    w.setAccessibleName(name)
    w.setObjectName(name)
    w.setPlaceholderText(placeholder)
    w.setMinimumHeight(36)
    return w


class StoreTab(QWidget):
    """The store's settings; an owner edits and saves them."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.editable = state.allowed(SETTINGS)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        self.name_input = _line("storeNameInput")
        self.address_input = QPlainTextEdit()
        self.address_input.setAccessibleName("storeAddressInput")
        self.address_input.setObjectName("storeAddressInput")
        self.address_input.setFixedHeight(64)
        self.phone_input = _line("storePhoneInput")
        self.gstin_input = _line("storeGstinInput", placeholder=self.tr("15 characters, e.g. 29ABCDE1234F1Z5"))
        self.state_box = QComboBox()
        self.state_box.setAccessibleName("storeStateBox")
        self.state_box.setObjectName("storeStateBox")
        self.state_box.addItem("-", "")
        for s in gst.STATES:
            if s.active and s.code != "97":
                self.state_box.addItem(s.label, s.code)
        self.registration_box = QComboBox()
        self.registration_box.setAccessibleName("storeRegistrationBox")
        self.registration_box.setObjectName("storeRegistrationBox")
        for value, label in REGISTRATIONS:
            self.registration_box.addItem(QCoreApplication.translate("store_settings", label), value)
        self.heading_label = QLabel()
        self.heading_label.setAccessibleName("storeHeadingLabel")
        self.upi_input = _line("storeUpiInput", placeholder=self.tr("shop@bank"))
        self.credit_days = QSpinBox()
        self.credit_days.setRange(0, store_settings.MAX_CREDIT_DAYS)
        self.credit_days.setAccessibleName("storeCreditDays")
        self.return_days = QSpinBox()
        self.return_days.setRange(0, store_settings.MAX_CREDIT_DAYS)
        self.return_days.setAccessibleName("storeReturnDays")
        self.prefix_input = _line("storePrefixInput")
        self.advances = QCheckBox(self.tr("Keep overpayments as customer credit"))
        self.advances.setAccessibleName("storeAdvances")
        self.cashier_comp = QCheckBox(self.tr("Cashiers may give complimentary bills"))
        self.cashier_comp.setAccessibleName("storeCashierComp")
        self.shifts = QCheckBox(self.tr("Selling needs an open shift (the drawer counted at opening and closing)"))
        self.shifts.setAccessibleName("storeShiftsRequired")
        self.discount_limit = _line("storeDiscountLimit")
        self.discount_limit.setPlaceholderText(self.tr("no limit"))
        self.scale_input = _line("storeScaleBarcode", placeholder=self.tr("none; e.g. 21 IIIII WWWWW C"))
        self.scale_input.setToolTip(self.tr("This till's weighing-scale labels as the scale's manual draws them: "
                                            "21 IIIII WWWWW C (weight in grams), 22 IIIII $$$$$ C (price), x10 after "
                                            "it for 10-gram steps. The item code is the item's SKU or barcode."))
        self.currency_label = QLabel()
        # Receipts print in this language whatever the screen's language (possuite.i18n; a language's own name).
        self.receipt_language = QComboBox()
        self.receipt_language.setAccessibleName("storeReceiptLanguage")
        self.receipt_language.setObjectName("storeReceiptLanguage")
        for code, name in LANGUAGES.items():
            self.receipt_language.addItem(name, code)
        # Amounts for Hindi readers (screens, receipts, slips, PDFs) in Devanagari digits (domain/money.py).
        self.devanagari_digits = QCheckBox(self.tr("Amounts in Devanagari digits (₹१,२५०.००) for Hindi"))
        self.devanagari_digits.setAccessibleName("storeDevanagariDigits")
        self.devanagari_digits.setObjectName("storeDevanagariDigits")
        self.devanagari_digits.setMinimumHeight(44)
        form.addRow(self.tr("Store"), self.name_input)
        form.addRow(self.tr("Address"), self.address_input)
        form.addRow(self.tr("Phone"), self.phone_input)
        form.addRow(self.tr("GSTIN"), self.gstin_input)
        form.addRow(self.tr("State"), self.state_box)
        form.addRow(self.tr("GST registration"), self.registration_box)
        form.addRow(self.tr("Receipts say"), self.heading_label)
        form.addRow(self.tr("UPI id"), self.upi_input)
        form.addRow(self.tr("Credit days"), self.credit_days)
        form.addRow(self.tr("Returns by a cashier (days)"), self.return_days)
        form.addRow(self.tr("Invoice prefix"), self.prefix_input)
        form.addRow("", self.advances)
        form.addRow("", self.cashier_comp)
        form.addRow("", self.shifts)
        form.addRow(self.tr("Cashier bill discount up to (%)"), self.discount_limit)
        form.addRow(self.tr("Scale barcode labels"), self.scale_input)
        form.addRow(self.tr("Currency"), self.currency_label)
        form.addRow(self.tr("Receipt language"), self.receipt_language)
        form.addRow("", self.devanagari_digits)
        self.message = MessageLine("storeMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = PrimaryButton(self.tr("Save store settings"), "saveStoreButton")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        lay.addStretch(1)
        self.registration_box.currentIndexChanged.connect(self._show_heading)
        self.state.tasks.run(store_settings.show_store, state.ctx, on_done=self.load)
        for w in (self.name_input, self.address_input, self.phone_input, self.gstin_input, self.state_box,
                  self.registration_box, self.upi_input, self.credit_days, self.return_days, self.prefix_input,
                  self.advances, self.cashier_comp, self.shifts, self.discount_limit, self.receipt_language,
                  self.scale_input, self.devanagari_digits):
            w.setEnabled(self.editable)
        self.save_button.setVisible(self.editable)
        if not self.editable:
            self.message.show_info(self.tr("Only an owner changes the store's settings."))

    def load(self, s: StoreView) -> None:
        self.name_input.setText(s.name)
        self.address_input.setPlainText(s.address)
        self.phone_input.setText(s.phone)
        self.gstin_input.setText(s.tax_id)
        self.state_box.setCurrentIndex(max(self.state_box.findData(s.state), 0))
        self.registration_box.setCurrentIndex(max(self.registration_box.findData(s.gst_registration), 0))
        self.upi_input.setText(s.upi_id)
        self.credit_days.setValue(s.credit_days)
        self.return_days.setValue(s.return_days)
        self.prefix_input.setText(s.invoice_prefix)
        self.advances.setChecked(s.allow_advances)
        self.cashier_comp.setChecked(s.cashier_may_comp)
        self.shifts.setChecked(s.shifts_required)
        limit = s.max_cashier_discount_bp
        self.discount_limit.setText("" if limit is None else format_percent(limit).rstrip("%"))
        self.scale_input.setText(s.scale_barcode)
        self.currency_label.setText(s.currency)
        self.receipt_language.setCurrentIndex(max(self.receipt_language.findData(s.receipt_language), 0))
        self.devanagari_digits.setChecked(s.devanagari_digits)
        self._show_heading()

    def _show_heading(self) -> None:
        self.heading_label.setText(gst.invoice_heading(self.registration_box.currentData() or ""))

    def changes(self) -> dict:
        """What Save sends: every field as shown (the service checks them all before writing any)."""
        return {"name": self.name_input.text(), "address": self.address_input.toPlainText(),
                "phone": self.phone_input.text(), "tax_id": self.gstin_input.text(),
                "state": self.state_box.currentData() or "",
                "gst_registration": self.registration_box.currentData() or "", "upi_id": self.upi_input.text(),
                "credit_days": self.credit_days.value(), "return_days": self.return_days.value(),
                "invoice_prefix": self.prefix_input.text(), "allow_advances": self.advances.isChecked(),
                "cashier_may_comp": self.cashier_comp.isChecked(), "shifts_required": self.shifts.isChecked(),
                "scale_barcode": self.scale_input.text() or "none",
                "max_cashier_discount_bp": parse_percent_bp(self.discount_limit.text(), "cashier discount limit")
                if self.discount_limit.text().strip() else "none",
                "receipt_language": self.receipt_language.currentData() or "en",
                "devanagari_digits": self.devanagari_digits.isChecked()}

    def save(self) -> None:
        if not self.editable:
            return
        try:
            changes = self.changes()
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        self.save_button.setEnabled(False)
        self.message.show_info(self.tr("Saving…"))
        ctx = self.state.ctx
        self.state.tasks.run(lambda: store_settings.update_settings(ctx, **changes), on_done=self._saved,
                             on_error=self._failed)

    def _saved(self, s: StoreView) -> None:
        self.save_button.setEnabled(True)
        self.state.ctx.refresh_store()
        translation.use_store_digits(s.devanagari_digits)  # a Hindi screen's amounts follow at once
        self.load(s)
        self.message.show_info(self.tr("Saved."))
        self.state.data_changed.emit("settings")

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.show_error(error_text(exc))
