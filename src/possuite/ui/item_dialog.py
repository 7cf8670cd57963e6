"""Items from the till: an open amount line (no catalog entry), the owner's quick "new item", and the
owner's edit of an item's HSN/SAC code, GST rate and cess (``services.catalog.edit_item``, audited).

A new store has an empty catalog; the owner can add an item straight from an unknown code
(scanned or typed) and anyone can ring up an open amount, so the first sale needs no set-up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from possuite.domain.cart import CartLine, format_percent
from possuite.domain.errors import PossuiteError, ValidationError
from possuite.domain.money import parse_money
from possuite.services.catalog import ItemView, add_item, edit_item
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, touch_sized


def _line(name: str, placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _buttons(dialog: QDialog, ok_text: str, ok_name: str) -> tuple[QHBoxLayout, PrimaryButton]:
    row = QHBoxLayout()
    row.addStretch(1)
    cancel = TouchButton(QCoreApplication.translate("item_dialog", "Cancel"), f"{ok_name}Cancel")
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    ok = PrimaryButton(ok_text, ok_name)
    ok.setDefault(True)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok


class OpenItemDialog(QDialog):
    """Ring up an amount with a description (``line_added(CartLine)``)."""

    line_added = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None, amount: str = "") -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Other amount"))
        self.setAccessibleName("openItemDialog")
        self.setMinimumWidth(420)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Other amount")))
        form = QFormLayout()
        self.description = _line("openItemDescription", self.tr("e.g. Hair spa"), self.tr("Service"))
        self.amount = _line("openItemAmount", self.tr("e.g. 450"), amount)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Amount"), self.amount)
        lay.addLayout(form)
        self.message = MessageLine("openItemMessage")
        lay.addWidget(self.message)
        row, self.ok_button = _buttons(self, self.tr("Add to cart"), "openItemAddButton")
        self.ok_button.clicked.connect(self.add)
        lay.addLayout(row)
        self.amount.setFocus()
        touch_sized(self)  # inputs as tall as touch buttons

    def add(self) -> None:
        try:
            description = self.description.text().strip()
            if not description:
                raise ValidationError("description", "is required")
            price = parse_money(self.amount.text(), "amount", self.state.ctx.currency, allow_zero=False)
            line = CartLine(description=description[:120], qty=1000, unit_price=price, kind="service")
            line.validate(1)
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        self.line_added.emit(line)
        self.accept()


class NewItemDialog(QDialog):
    """Owner: add a catalog item (name, price, SKU or barcode, tax) and sell it at once (``item_added``)."""

    item_added = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None, code: str = "") -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("New item"))
        self.setAccessibleName("newItemDialog")
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("New item")))
        form = QFormLayout()
        looks_scanned = code.isdigit() and len(code) >= 8
        self.name = _line("newItemName", self.tr("e.g. Hair spa"), "" if looks_scanned or code.isupper() else code)
        self.price = _line("newItemPrice", self.tr("e.g. 450"))
        self.sku = _line("newItemSku", self.tr("optional, e.g. SPA"),
                         code if code.isupper() and not looks_scanned else "")
        self.barcode = _line("newItemBarcode", self.tr("optional: scan it here"), code if looks_scanned else "")
        self.tax = _line("newItemTax", self.tr("e.g. 18 (percent), optional"))
        self.hsn = _line("newItemHsn", self.tr("HSN 4/6/8 digits or SAC 99xxxx, optional"))
        self.cess = _line("newItemCess", self.tr("compensation cess, e.g. 12 (percent), optional"))
        self.kind = QComboBox()
        self.kind.setAccessibleName("newItemKind")
        self.kind.addItem(self.tr("Service"), "service")
        self.kind.addItem(self.tr("Product"), "product")
        if looks_scanned:
            self.kind.setCurrentIndex(1)
        for label, widget in ((self.tr("Name *"), self.name), (self.tr("Price *"), self.price),
                              (self.tr("SKU"), self.sku), (self.tr("Barcode"), self.barcode),
                              (self.tr("Tax %"), self.tax), (self.tr("HSN/SAC"), self.hsn),
                              (self.tr("Cess %"), self.cess), (self.tr("Kind"), self.kind)):
            form.addRow(label, widget)
        lay.addLayout(form)
        self.message = MessageLine("newItemMessage")
        lay.addWidget(self.message)
        row, self.ok_button = _buttons(self, self.tr("Save and add"), "newItemSaveButton")
        self.ok_button.clicked.connect(self.save)
        lay.addLayout(row)
        (self.price if self.name.text() else self.name).setFocus()
        touch_sized(self)  # inputs as tall as touch buttons

    def save(self) -> None:

        ctx = self.state.ctx
        values = dict(sku=self.sku.text().strip() or None, barcode=self.barcode.text().strip() or None,
                      tax_rate=self.tax.text().strip() or None, kind=self.kind.currentData(),
                      hsn=self.hsn.text().strip() or None, cess=self.cess.text().strip() or None)
        name, price = self.name.text(), self.price.text()
        self.ok_button.setEnabled(False)
        self.message.show_info(self.tr("Saving…"))
        self.state.tasks.run(lambda: add_item(ctx, name, price, **values), on_done=self._saved,
                             on_error=self._failed)

    def _saved(self, item: ItemView) -> None:
        self.state.data_changed.emit("item")
        self.item_added.emit(item)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.show_error(error_text(exc))


class EditItemDialog(QDialog):
    """Owner: change a catalog item's HSN/SAC code, GST rate and cess (``item_edited(ItemView)``). New bills
    use them; posted bills keep what their lines stored."""

    item_edited = Signal(object)

    def __init__(self, state: AppState, item: ItemView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.item = item
        self.setWindowTitle(self.tr("Edit item"))
        self.setAccessibleName("editItemDialog")
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(item.name))
        form = QFormLayout()
        self.hsn = _line("editItemHsn", self.tr("HSN 4/6/8 digits or SAC 99xxxx; empty: none"), item.hsn)
        self.tax = _line("editItemTax", self.tr("e.g. 18 (percent)"),
                         format_percent(item.tax_rate_bp).removesuffix("%"))
        self.cess = _line("editItemCess", self.tr("compensation cess, e.g. 12 (percent); empty: none"),
                          format_percent(item.cess_rate_bp).removesuffix("%") if item.cess_rate_bp else "")
        form.addRow(self.tr("HSN/SAC"), self.hsn)
        form.addRow(self.tr("GST %"), self.tax)
        form.addRow(self.tr("Cess %"), self.cess)
        lay.addLayout(form)
        self.message = MessageLine("editItemMessage")
        lay.addWidget(self.message)
        row, self.ok_button = _buttons(self, self.tr("Save"), "editItemSaveButton")
        self.ok_button.clicked.connect(self.save)
        lay.addLayout(row)
        self.hsn.setFocus()
        touch_sized(self)  # inputs as tall as touch buttons

    def save(self) -> None:
        ctx, ref = self.state.ctx, self.item.id
        hsn, tax, cess = self.hsn.text(), self.tax.text(), self.cess.text()
        self.ok_button.setEnabled(False)
        self.message.show_info(self.tr("Saving…"))
        self.state.tasks.run(lambda: edit_item(ctx, ref, hsn=hsn, tax_rate=tax, cess=cess), on_done=self._saved,
                             on_error=self._failed)

    def _saved(self, item: ItemView) -> None:
        self.state.data_changed.emit("item")
        self.item_edited.emit(item)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.show_error(error_text(exc))
