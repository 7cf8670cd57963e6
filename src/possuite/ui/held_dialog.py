"""Hold and recall: park the checkout's cart, and the dialog listing parked carts (Recall or Discard).

Recalling while another cart is on the counter parks that one first, so no cart is ever lost.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from possuite.domain.dates import format_time
from possuite.domain.money import format_money
from possuite.services.checkout import charged_lines
from possuite.services.customers import get_customer
from possuite.services.held_carts import HeldCart, discard_cart, hold_cart, list_held, recall_cart
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading

CartRole = Qt.ItemDataRole.UserRole + 1


class HeldCartsDialog(QDialog):
    recalled = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Held carts"))
        self.setAccessibleName("heldCartsDialog")
        self.setMinimumSize(560, 380)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Held carts")))
        self.list = QListWidget()
        self.list.setAccessibleName("heldCartsList")
        self.list.itemActivated.connect(lambda _i: self.recall())
        lay.addWidget(self.list, 1)
        self.message = MessageLine("heldMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.discard_button = TouchButton(self.tr("Discard"), "discardHeldButton", role="danger")
        self.discard_button.setAutoDefault(False)
        self.discard_button.clicked.connect(self.discard)
        self.close_button = TouchButton(self.tr("Close"), "closeHeldButton")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.recall_button = PrimaryButton(self.tr("Recall"), "recallHeldButton")
        self.recall_button.setDefault(True)
        self.recall_button.clicked.connect(self.recall)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.recall_button)
        lay.addLayout(row)
        self.load()

    def load(self) -> None:

        self.message.show_info(self.tr("Loading…"))
        self.state.tasks.search(list_held, self.state.ctx, on_done=self._show,
                                on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show(self, carts: list[HeldCart]) -> None:
        self.list.clear()
        cur = self.state.ctx.currency
        for cart in carts:
            who = f" · {cart.customer_name}" if cart.customer_name and cart.customer_name != cart.label else ""
            items = self.tr("%n item(s)", "", cart.item_count)
            held = self.tr("held {time} by {user}").format(time=format_time(cart.created_at), user=cart.user_name)
            text = f"{cart.label}{who}\n{items} · {format_money(cart.total, cur)} · {held}"
            item = QListWidgetItem(text)
            item.setData(CartRole, cart)
            item.setSizeHint(QSize(200, 56))
            self.list.addItem(item)
        if carts:
            self.list.setCurrentRow(0)
            self.message.clear_message()
        else:
            self.message.show_info(self.tr("No carts are held."))
        self.recall_button.setEnabled(bool(carts))
        self.discard_button.setEnabled(bool(carts))
        self.list.setFocus()

    def _current(self) -> HeldCart | None:
        item = self.list.currentItem()
        return item.data(CartRole) if item else None

    def recall(self) -> None:
        cart = self._current()
        if cart is None:
            return

        self.recall_button.setEnabled(False)
        self.state.tasks.run(recall_cart, self.state.ctx, cart.id, on_done=self._recalled,
                             on_error=self._failed)

    def _recalled(self, cart: HeldCart) -> None:
        self.recalled.emit(cart)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(error_text(exc))
        self.load()

    def discard(self) -> None:
        cart = self._current()
        if cart is None:
            return

        def done(_r) -> None:
            self.state.data_changed.emit("held")
            self.load()

        self.state.tasks.run(discard_cart, self.state.ctx, cart.id, on_done=done, on_error=self._failed)


class HoldRecall:
    """The checkout page's Hold and Recall buttons (the page owns the cart, customer and messages)."""

    def __init__(self, page) -> None:
        self.page = page
        self.state: AppState = page.state
        self.dialog: HeldCartsDialog | None = None

    def _park(self, on_done) -> None:

        page = self.page
        cid = page.customer.id if page.customer else None
        self.state.tasks.run(partial(hold_cart, self.state.ctx, page.cart.lines, customer_id=cid,
                                     discount=page.cart.discount),
                             on_done=on_done, on_error=lambda exc: page.item_message.show_error(error_text(exc)))

    def hold(self) -> None:
        if self.page.cart.is_empty():
            return

        def held(cart: HeldCart) -> None:
            self.state.data_changed.emit("held")
            self.page.new_sale()
            self.page.item_message.show_info(QCoreApplication.translate(
                "held_dialog", "Cart held as “{label}”. Recall it any time.").format(label=cart.label))

        self._park(held)

    def refresh_count(self) -> None:

        def shown(carts: list[HeldCart]) -> None:
            self.page.recall_button.setText(
                QCoreApplication.translate("held_dialog", "Recall ({count})").format(count=len(carts)) if carts
                else QCoreApplication.translate("held_dialog", "Recall"))

        self.state.tasks.search(list_held, self.state.ctx, on_done=shown, on_error=lambda _e: None)

    def recall(self) -> None:
        dlg = HeldCartsDialog(self.state, self.page)
        dlg.recalled.connect(self._recalled)
        dlg.open()
        self.dialog = dlg

    def _recalled(self, cart: HeldCart) -> None:
        page = self.page
        if not page.cart.is_empty():
            self._park(lambda _c: self.state.data_changed.emit("held"))
        # held at its prices; charged as the store now charges GST (its registration may have changed meanwhile)
        page.cart.load(charged_lines(cart.lines, self.state.ctx.store.gst_registration), cart.discount)
        page.set_customer(None)
        page.item_message.show_info(QCoreApplication.translate("held_dialog",
                                                               "Recalled “{label}”.").format(label=cart.label))
        if cart.customer_id:

            self.state.tasks.search(get_customer, self.state.ctx, cart.customer_id, on_done=page.set_customer,
                                    on_error=lambda _e: None)
        self.state.data_changed.emit("held")
        page.focus_item_entry()
