"""The checkout page: item entry, most-sold grid, cart, customer panel, totals, hold/recall, Pay.

Item lookups and customer searches run on the worker's search lane; the sale itself runs
in the payment dialog. Totals always come from ``domain.cart.compute_totals``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.cart import CartLine, format_percent
from possuite.domain.labels import method_label
from possuite.domain.money import format_money
from possuite.domain.quantity import receipt_qty
from possuite.services.catalog import ItemView, cart_line, find_item, list_items, most_sold, scan_line
from possuite.services.checkout import SaleResult, charged_lines
from possuite.services.customers import CustomerView
from possuite.services.ledger import looks_like_document_number
from possuite.services.permissions import SETTINGS
from possuite.services.shifts import current_shift
from possuite.ui import cart_model as cm
from possuite.ui.customer_panel import CustomerPanel
from possuite.ui.held_dialog import HoldRecall
from possuite.ui.item_dialog import EditItemDialog, NewItemDialog, OpenItemDialog
from possuite.ui.payment_dialog import PaymentDialog
from possuite.ui.return_dialog import ReturnDialog
from possuite.ui.shift_dialogs import OpenShiftDialog
from possuite.ui.state import AppState, error_text
from possuite.ui.summary import SaleSummaryDialog
from possuite.ui.translation import domain_word
from possuite.ui.widgets import (
    MessageLine,
    MoneyLabel,
    PrimaryButton,
    TouchButton,
    set_role,
)

TILE_COLUMNS = 4
TILE_COUNT = 8
COMPLETER_DEBOUNCE_MS = 120


def line_for(item: ItemView, store_registration: str = "") -> CartLine:
    return cart_line(item, store_registration)


class CheckoutPage(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.currency = state.ctx.currency
        self.customer: CustomerView | None = None
        self.cart = cm.CartModel(self.currency, self)
        self.payment_dialog = None
        self.summary_dialog = None
        self.shift_dialog = None
        self.last_result: SaleResult | None = None
        self._completer_gen = 0
        self._just_added: str | None = None
        self.setAccessibleName("checkoutPage")
        self._build()
        self.cart.totals_changed.connect(self._show_totals)
        self.cart.edit_refused.connect(self.item_message.show_error)
        state.data_changed.connect(self._data_changed)

        self.holds = HoldRecall(self)
        self._show_totals(self.cart.totals)
        self.refresh_tiles()
        self.refresh_held_count()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        entry = QHBoxLayout()
        self.item_entry = QLineEdit()
        self.item_entry.setAccessibleName("itemEntry")
        self.item_entry.setObjectName("itemEntry")
        self.item_entry.setMinimumHeight(44)
        self.item_entry.returnPressed.connect(self.add_from_entry)
        self.completer_model = QStringListModel(self)
        self.completer = QCompleter(self.completer_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self._completion_chosen)
        self.item_entry.setCompleter(self.completer)
        self._completer_timer = QTimer(self)
        self._completer_timer.setSingleShot(True)
        self._completer_timer.setInterval(COMPLETER_DEBOUNCE_MS)
        self._completer_timer.timeout.connect(self._refresh_completions)
        self.item_entry.textEdited.connect(lambda _t: self._completer_timer.start())
        entry.addWidget(self.item_entry, 1)
        self.add_button = TouchButton("", "addItemButton")
        self.add_button.clicked.connect(self.add_from_entry)
        entry.addWidget(self.add_button)
        self.open_item_button = TouchButton("", "openItemButton")
        self.open_item_button.clicked.connect(self.open_item)
        entry.addWidget(self.open_item_button)
        left.addLayout(entry)
        message_row = QHBoxLayout()
        self.item_message = MessageLine("itemMessage")
        message_row.addWidget(self.item_message, 1)
        self.new_item_button = TouchButton("", "newItemButton")
        self.new_item_button.clicked.connect(self.new_item)
        self.new_item_button.hide()
        message_row.addWidget(self.new_item_button)
        left.addLayout(message_row)

        self.tiles_box = QGridLayout()
        self.tiles_box.setSpacing(6)
        self.tiles: list[TouchButton] = []
        tiles_frame = QWidget()
        tiles_frame.setAccessibleName("mostSoldItems")
        tiles_frame.setLayout(self.tiles_box)
        left.addWidget(tiles_frame)

        self.table = QTableView()
        self.table.setAccessibleName("cartTable")
        self.table.setObjectName("cartTable")
        self.table.setModel(self.cart)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(cm.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(56)
        for col, width in ((cm.QTY, 96), (cm.PRICE, 120), (cm.DISCOUNT, 110), (cm.AMOUNT, 130)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(col, width)
        self.table.installEventFilter(self)
        left.addWidget(self.table, 1)

        self.line_buttons = QGridLayout()
        self._line_columns = 0
        self.minus_button = TouchButton("", "qtyMinusButton", parent=self)
        self.minus_button.clicked.connect(lambda: self._change_qty(-1))
        self.plus_button = TouchButton("", "qtyPlusButton", parent=self)
        self.plus_button.clicked.connect(lambda: self._change_qty(+1))
        self.discount_button = TouchButton("", "lineDiscountButton", parent=self)
        self.discount_button.clicked.connect(self._edit_discount)
        self.remove_button = TouchButton("", "removeLineButton", role="danger", parent=self)
        self.remove_button.clicked.connect(self._remove_line)
        # Owners: the selected line's item's HSN and GST rate (services.catalog.edit_item checks the right).
        self.edit_item_button = TouchButton("", "editItemButton", parent=self)
        self.edit_item_button.clicked.connect(self.edit_item)
        for i, b in enumerate((self.minus_button, self.plus_button, self.discount_button, self.edit_item_button,
                               self.remove_button)):
            self.line_buttons.addWidget(b, 0, i)
        left.addLayout(self.line_buttons)
        self._show_edit_item()
        self.state.user_changed.connect(self._show_edit_item)
        root.addLayout(left, 3)

        right = QVBoxLayout()
        self.customer_panel = CustomerPanel(self.state)
        self.customer_panel.customer_changed.connect(self._customer_changed)
        self.customer_panel.dialog_closed.connect(self.focus_item_entry)
        self.search = self.customer_panel.search
        right.addWidget(self.customer_panel, 1)

        totals = QFrame()
        set_role(totals, "card")
        tl = QGridLayout(totals)
        self.subtotal_label = MoneyLabel(self.currency, name="subtotalLabel")
        self.discount_label = MoneyLabel(self.currency, name="discountLabel")
        self.tax_label = MoneyLabel(self.currency, name="taxLabel")
        self.total_label = MoneyLabel(self.currency, big=True, name="totalLabel")
        self.total_titles: list[QLabel] = []
        for r, w in enumerate((self.subtotal_label, self.discount_label, self.tax_label, self.total_label)):
            label = QLabel()
            if w is self.total_label:
                set_role(label, "heading")
            self.total_titles.append(label)
            tl.addWidget(label, r, 0)
            tl.addWidget(w, r, 1)
        right.addWidget(totals)

        actions = QGridLayout()
        self.hold_button = TouchButton("", "holdButton")
        self.hold_button.clicked.connect(self.hold)
        self.recall_button = TouchButton("", "recallButton")
        self.recall_button.clicked.connect(self.recall)
        self.new_sale_button = TouchButton("", "newSaleButton")
        self.new_sale_button.clicked.connect(self.new_sale)
        self.pay_button = PrimaryButton("", "payButton")
        self.pay_button.setMinimumHeight(56)
        self.pay_button.clicked.connect(self.pay)
        actions.addWidget(self.hold_button, 0, 0)
        actions.addWidget(self.recall_button, 0, 1)
        actions.addWidget(self.new_sale_button, 0, 2)
        actions.addWidget(self.pay_button, 1, 0, 1, 3)
        right.addLayout(actions)
        root.addLayout(right, 2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The page's own texts in the screen's language; the cart and the customer stay (docs/architecture.md §9)."""
        self.item_entry.setPlaceholderText(self.tr("Scan a barcode or type a SKU or name (F2)"))
        self.add_button.setText(self.tr("Add"))
        self.open_item_button.setText(self.tr("Other amount"))
        self.open_item_button.setToolTip(self.tr("Ring up an amount that is not in the catalog"))
        self.new_item_button.setText(self.tr("Add as new item…"))
        self.minus_button.setText(self.tr("−  Qty"))
        self.plus_button.setText(self.tr("+  Qty"))
        self.discount_button.setText(self.tr("Line discount"))
        self.remove_button.setText(self.tr("Remove line"))
        self.edit_item_button.setText(self.tr("Edit item"))
        for label, text in zip(self.total_titles, (self.tr("Subtotal"), self.tr("Discount"), self.tr("Tax"),
                                                   self.tr("TOTAL")), strict=True):
            label.setText(text)
        self.hold_button.setText(self.tr("Hold"))
        self.new_sale_button.setText(self.tr("New sale"))
        self.pay_button.setText(self.tr("Pay (F12)"))
        self.cart.retranslate()
        if hasattr(self, "_line_columns"):
            self._line_columns = 0  # new words, new widths
            self._arrange_line_buttons()
        if hasattr(self, "holds") and not self.state.tasks.stopped:
            self.refresh_held_count()
        else:
            self.recall_button.setText(self.tr("Recall"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and not self.state.tasks.stopped:
            self.retranslate_ui()
            self.item_message.clear_message()
        super().changeEvent(event)

    # --- items ---------------------------------------------------------------------------
    def refresh_tiles(self) -> None:

        self.state.tasks.search(most_sold, self.state.ctx, TILE_COUNT, on_done=self._show_tiles)

    def _show_tiles(self, items: list[ItemView]) -> None:
        shown = (items, self.currency)
        if shown == getattr(self, "_tiles_shown", None):  # read again after a change elsewhere: nothing moved
            return
        self._tiles_shown = shown
        for t in self.tiles:
            t.setParent(None)
            t.deleteLater()
        self.tiles = []
        for i, item in enumerate(items):
            b = TouchButton(f"{item.name}\n{format_money(item.price, self.currency)}", f"tile:{item.name}",
                            role="tile")
            b.setMinimumHeight(56)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, item=item: self.add_item(item))
            self.tiles_box.addWidget(b, i // TILE_COLUMNS, i % TILE_COLUMNS)
            self.tiles.append(b)

    def _refresh_completions(self) -> None:
        text = self.item_entry.text().strip()
        if len(text) < 2:
            return
        self._completer_gen += 1
        gen = self._completer_gen

        def shown(items: list[ItemView]) -> None:
            if gen != self._completer_gen:
                return
            self.completer_model.setStringList([it.name for it in items])
            if items and self.item_entry.hasFocus():
                self.completer.complete()

        self.state.tasks.search(list_items, self.state.ctx, text, 20, on_done=shown)

    def _completion_chosen(self, text: str) -> None:
        # Chosen with Enter, the same key press also reaches the entry (returnPressed), so the item
        # may already be in; chosen by touch or mouse, only this signal comes.
        self.item_entry.setText(text)
        self.add_from_entry()

    def add_from_entry(self) -> None:
        code = self.item_entry.text().strip()
        if code and code == self._just_added:  # the other half of the same key press
            self.item_entry.clear()
            QTimer.singleShot(0, lambda: self.item_entry.text() == code and self.item_entry.clear())
            return
        if not code:
            return
        self._just_added = code
        QTimer.singleShot(0, self._forget_just_added)
        self._completer_timer.stop()
        self._completer_gen += 1

        def found(line: CartLine) -> None:
            self.add_scanned(line)

        def missing(exc: BaseException) -> None:
            if looks_like_document_number(code):   # a receipt's number scanned or typed: take a return of it
                self.item_message.clear_message()
                self.open_return(code)
                return
            self.item_message.show_error(self.tr("{error_text}. Check the code or pick from the list.").format(
                error_text=error_text(exc)))
            self.item_entry.setText(code)
            self.item_entry.selectAll()
            self._unknown_code = code
            self.new_item_button.setVisible(self.state.allowed(SETTINGS))  # owners add items; the service checks

        self.item_entry.clear()
        self.completer.popup().hide()
        # a scale's label (the store's layout) comes back with its weight or price as the quantity
        self.state.tasks.search(scan_line, self.state.ctx, code, on_done=found, on_error=missing)

    def open_return(self, number: str):
        """The return dialog for bill ``number`` (scanned from its receipt or typed)."""
        dlg = ReturnDialog(self.state, number.strip().upper(), self)
        dlg.returned.connect(lambda r: self.item_message.show_info(
            self.tr("Credit note {number} for {bill_number}: {amount}").format(
                number=r.number, bill_number=r.bill_number, amount=format_money(r.total, self.state.ctx.currency))
            + (self.tr(", refund {amount} by {method}").format(
                amount=format_money(r.refunded, self.state.ctx.currency),
                method=domain_word(method_label(r.refund_method)))
               if r.refunded else "")))
        self.return_dialog = dlg
        dlg.open()
        return dlg

    def _forget_just_added(self) -> None:
        self._just_added = None

    def add_item(self, item: ItemView) -> None:
        self.add_scanned(line_for(item, self.state.ctx.store.gst_registration))

    def add_scanned(self, line: CartLine) -> None:
        """A line for the cart (a tile, a typed code, a scale's label with its weight or price)."""
        self.new_item_button.hide()
        row = self.cart.add_line(line)
        self.table.selectRow(row)
        qty = "" if line.unit == "piece" else receipt_qty(line.qty, line.unit, line.pack_size) + " "
        self.item_message.show_info(self.tr("Added {name} — {amount}").format(
            name=qty + line.description, amount=format_money(line.value, self.currency)))
        self.item_entry.setFocus()

    def open_item(self) -> None:

        typed = self.item_entry.text().strip()
        dlg = OpenItemDialog(self.state, self, amount=typed if typed.replace(".", "", 1).isdigit() else "")
        dlg.line_added.connect(self._open_line)
        dlg.finished.connect(lambda _r: self.focus_item_entry())
        dlg.open()
        self.item_dialog = dlg

    def _open_line(self, line: CartLine) -> None:
        self.new_item_button.hide()
        self.item_entry.clear()
        self.table.selectRow(self.cart.add_line(line))
        self.item_message.show_info(self.tr("Added {name} — {amount}").format(
            name=line.description, amount=format_money(line.unit_price, self.currency)))

    def new_item(self) -> None:

        dlg = NewItemDialog(self.state, self, code=getattr(self, "_unknown_code", ""))
        dlg.item_added.connect(lambda item: (self.item_entry.clear(), self.add_item(item)))
        dlg.finished.connect(lambda _r: self.focus_item_entry())
        dlg.open()
        self.item_dialog = dlg

    def _show_edit_item(self) -> None:
        self.edit_item_button.setVisible(self.state.allowed(SETTINGS))
        self._arrange_line_buttons()

    def _arrange_line_buttons(self) -> None:
        """The cart's line buttons in one row while every label fits whole; in two rows when one row would
        clip a label (longer words in Hindi, the window at its minimum width)."""
        buttons = [b for b in (self.minus_button, self.plus_button, self.discount_button, self.edit_item_button,
                               self.remove_button) if not b.isHidden()]
        spacing = max(self.line_buttons.horizontalSpacing(), 0)
        needed = sum(b.sizeHint().width() for b in buttons) + spacing * (len(buttons) - 1)
        room = self.table.width() if self.table.width() > 100 else needed
        columns = len(buttons) if needed <= room else (len(buttons) + 1) // 2
        if columns == self._line_columns:
            return
        self._line_columns = columns
        for b in (self.minus_button, self.plus_button, self.discount_button, self.edit_item_button,
                  self.remove_button):
            self.line_buttons.removeWidget(b)
        for i, b in enumerate(buttons):
            self.line_buttons.addWidget(b, i // columns, i % columns)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._arrange_line_buttons)  # once the table has its new width; not after the page

    def edit_item(self) -> None:
        """The selected line's catalog item: its HSN/SAC and GST rate (owner); the line takes the new ones."""
        row = self._selected_row()
        line = self.cart.lines[row] if row >= 0 else None
        if line is None or not line.item_id:
            self.item_message.show_error(self.tr("Choose a line of a catalog item to edit its HSN and GST rate."))
            return
        self.state.tasks.search(find_item, self.state.ctx, line.item_id,
                                on_done=lambda item: self._open_item_editor(row, item),
                                on_error=lambda exc: self.item_message.show_error(error_text(exc)))

    def _open_item_editor(self, row: int, item: ItemView) -> None:
        dlg = EditItemDialog(self.state, item, self)
        dlg.item_edited.connect(lambda edited: self._item_edited(row, edited))
        dlg.finished.connect(lambda _r: self.focus_item_entry())
        dlg.open()
        self.item_dialog = dlg

    def _item_edited(self, row: int, item: ItemView) -> None:
        lines = self.cart.lines
        if 0 <= row < len(lines) and lines[row].item_id == item.id:
            fresh = line_for(item, self.state.ctx.store.gst_registration)
            self.cart.replace_line(row, replace(lines[row], tax_rate_bp=fresh.tax_rate_bp, hsn=fresh.hsn,
                                                cess_rate_bp=fresh.cess_rate_bp))
        self.item_message.show_info(self.tr("{name}: HSN {hsn}, GST {rate}").format(
            name=item.name, hsn=item.hsn or "-", rate=format_percent(item.tax_rate_bp)))

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        return self.cart.rowCount() - 1

    def _change_qty(self, delta: int) -> None:
        row = self._selected_row()
        if row >= 0 and self.cart.change_qty(row, delta):
            if row < self.cart.rowCount():
                self.table.selectRow(row)

    def _remove_line(self) -> None:
        row = self._selected_row()
        if row >= 0:
            self.cart.remove_line(row)
            if self.cart.rowCount():
                self.table.selectRow(min(row, self.cart.rowCount() - 1))

    def _edit_discount(self) -> None:
        row = self._selected_row()
        if row >= 0:
            index = self.cart.index(row, cm.DISCOUNT)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def eventFilter(self, obj, event) -> bool:

        if obj is self.table and event.type() == QEvent.Type.KeyPress and self.table.state() != \
                QAbstractItemView.State.EditingState:
            key = event.key()
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self._change_qty(+1)
                return True
            if key == Qt.Key.Key_Minus:
                self._change_qty(-1)
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._remove_line()
                return True
        return super().eventFilter(obj, event)

    def _show_totals(self, totals) -> None:
        self.subtotal_label.set_amount(totals.subtotal)
        self.discount_label.set_amount(totals.discount)
        self.tax_label.set_amount(totals.tax)
        self.total_label.set_amount(totals.total)
        has_lines = not self.cart.is_empty()
        self.pay_button.setEnabled(has_lines)
        self.hold_button.setEnabled(has_lines)
        self.state.sale_open.emit(has_lines)  # the background sync waits between batches meanwhile

    # --- customer ------------------------------------------------------------------------
    def set_customer(self, view: CustomerView | None) -> None:
        self.customer_panel.set_customer(view)

    def _customer_changed(self, view: CustomerView | None) -> None:
        self.customer = view

    @property
    def customer_dialog(self):
        return self.customer_panel.customer_dialog

    @property
    def collect_dialog(self):
        return self.customer_panel.collect_dialog

    def focus_customer(self) -> None:
        self.search.focus()

    def focus_item_entry(self) -> None:
        self.item_entry.setFocus()
        self.item_entry.selectAll()

    def _data_changed(self, what: str) -> None:
        # "book": another process committed (ui/book_watch.py): a tile adds its item at the price it shows
        if what in ("item", "sale", "settings", "book"):
            self.refresh_tiles()
        if what == "settings":
            self._charge_as_the_store_does()
        if what == "held":
            self.refresh_held_count()

    def _charge_as_the_store_does(self) -> None:
        """The store's GST registration changed under an open cart (a sync pulled it, another process or Settings
        set it): its lines are charged as the sale will post them (``services.checkout.charged_lines``: nothing at
        a composition or unregistered store), so the total on the screen stays the bill's. Prices stay."""
        lines = self.cart.lines
        charged = charged_lines(lines, self.state.ctx.store.gst_registration)
        for row, (old, new) in enumerate(zip(lines, charged, strict=True)):
            if old != new:
                self.cart.replace_line(row, new)

    # --- sale ----------------------------------------------------------------------------
    def pay(self) -> None:
        if self.cart.is_empty():
            self.item_message.show_error(self.tr("The cart is empty: add an item first."))
            self.focus_item_entry()
            return
        if self.payment_dialog is not None and self.payment_dialog.isVisible():
            return
        if self.shift_dialog is not None and self.shift_dialog.isVisible():
            return
        if self.state.ctx.store.shifts_required:  # ask the book (a shift may have closed on the Shift page)
            self.state.tasks.search(current_shift, self.state.ctx, on_done=self._pay_in_shift)
            return
        self._open_payment()

    def _pay_in_shift(self, shift) -> None:
        """Selling needs an open shift: with none, the cashier opens one (counts the float) and pays on."""
        if shift is not None:
            self._open_payment()
            return
        dlg = OpenShiftDialog(self.state, self, reason=self.tr("Selling needs an open shift at this till. Count the "
                                                               "cash in the drawer to open one; the sale continues "
                                                               "after it."))
        dlg.opened.connect(lambda _s: self._open_payment())
        dlg.finished.connect(lambda _r: self.focus_item_entry())
        self.shift_dialog = dlg
        dlg.open()

    def _open_payment(self) -> None:
        if self.cart.is_empty():
            return
        dlg = self.payment_dialog
        if dlg is not None and dlg.reusable():
            dlg.reset(self.cart.lines, self.cart.discount, self.customer)
        else:
            self._forget_dialog("payment_dialog")
            dlg = PaymentDialog(self.state, self.cart.lines, self.cart.discount, self.customer, self)
            dlg.customer_changed.connect(self.set_customer)
            dlg.discount_changed.connect(self.cart.set_discount)  # kept on the cart if the dialog is cancelled
            dlg.completed.connect(self._completed)
            dlg.finished.connect(lambda _r: self.focus_item_entry())
            self.payment_dialog = dlg
        dlg.open()

    def _completed(self, result: SaleResult) -> None:

        self.last_result = result
        name = self.customer.name if self.customer else None
        self.new_sale()
        self.item_message.show_info(self.tr("Bill {number} completed.").format(number=result.number))
        dlg = self.summary_dialog
        if dlg is not None and dlg.reusable():
            dlg.show_sale(result, name)
        else:
            self._forget_dialog("summary_dialog")
            dlg = SaleSummaryDialog(self.state, result, name, self)
            dlg.finished.connect(lambda _r: self.focus_item_entry())
            self.summary_dialog = dlg
        dlg.open()
        # what can wait for the summary's paint (worker threads started now would delay it: issue 15)
        dlg.after_paint(lambda: self.state.data_changed.emit("sale"))  # tiles, pages, status, sync
        dlg.after_paint(lambda: self._report_printing(result, dlg))

    def _forget_dialog(self, attr: str) -> None:
        """Delete a closed dialog that cannot serve the next sale (the screen's language or the currency changed).

        The payment and summary dialogs are built once and reset for each sale: building them took 30-50 ms of
        F12 and of Complete (``possuite bench --window``), and dialogs kept as the page's children made F12
        2-3× slower by the end of the day."""
        old = getattr(self, attr)
        if old is not None and not old.isVisible():
            setattr(self, attr, None)
            old.deleteLater()

    def _report_printing(self, result: SaleResult, summary) -> None:
        """Tell the summary whether the receipt is queued, printed, or only shown on screen.

        The sale's print job was queued by the checkout service in the sale's own transaction.
        """
        from possuite.services.till import receipt_print_state  # deferred: it loads the receipt renderers

        if self.state.print_worker is not None:
            self.state.print_worker.wake()  # print it now rather than at the worker's next look at the queue
        number = result.number
        self.state.tasks.search(receipt_print_state, self.state.ctx, number,
                                on_done=lambda text: summary.set_print_state(text, number),
                                on_error=lambda exc: summary.set_print_state(self.tr("Printing: {error}").format(
                                    error=exc), number))
        self.state.data_changed.emit("print")

    def new_sale(self) -> None:
        self.cart.clear()
        self.customer_panel.clear()
        self.item_message.clear_message()
        self.item_entry.clear()
        self.focus_item_entry()

    # --- hold / recall (ui.held_dialog.HoldRecall) --------------------------------------
    def hold(self) -> None:
        self.holds.hold()

    def recall(self) -> None:
        self.holds.recall()

    def refresh_held_count(self) -> None:
        self.holds.refresh_count()

    @property
    def held_dialog(self):
        return self.holds.dialog
