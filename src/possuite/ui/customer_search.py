"""Search-as-you-type for customers: a box and a result list, fed from the worker.

Each keystroke restarts a ~100 ms timer; the search runs on the search lane; results from
an older keystroke are dropped. Rows show ``Name``, ``+91 98765 43210 • 5 visits`` and
``Pending: ₹500.00`` in red when the customer owes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.money import format_money
from possuite.services.customers import CustomerView, lookup
from possuite.ui.customer_dialog import CustomerDialog
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MUTED_GREY, NIL_GREY, PENDING_RED, MessageLine, TouchButton, set_role

#: A term shorter than ``SELECTIVE_CHARS`` is searched once the typing pauses this long: one or two letters
#: match thousands of customers, and a fast typist's next key is already on its way.
DEBOUNCE_MS = 100
#: From this many characters on (4 letters of a name, 4 phone digits: the cashier's usual term, a handful of
#: matches, 1-2 ms of lookup at shop scale) the search starts at the key itself, so the list is painted within a
#: frame of the key (issue 15: 105 ms before, the debounce's 100 ms). Each later key searches again; a
#: newer answer replaces an older one (the generation counter), an older one arriving late is dropped.
SELECTIVE_CHARS = 4
ROW_HEIGHT = 58
ViewRole = Qt.ItemDataRole.UserRole + 1
DetailRole = Qt.ItemDataRole.UserRole + 2
PendingRole = Qt.ItemDataRole.UserRole + 3
OwesRole = Qt.ItemDataRole.UserRole + 4


def visits_text(view: CustomerView) -> str:
    visits = QCoreApplication.translate("customer_search", "%n visit(s)", "", view.visits)
    return f"{view.phone_display} • {visits}" if view.phone_display else visits


def pending_text(amount: int, currency) -> str:
    """``Pending: ₹500.00`` in the screen's language."""
    return QCoreApplication.translate("customer_search", "Pending: {amount}").format(amount=format_money(amount,
                                                                                                         currency))


def accessible_row_text(view: CustomerView, currency) -> str:
    owes = f", {pending_text(view.balance, currency)}" if view.balance > 0 else ""
    return f"{view.name}, {visits_text(view)}{owes}"


class CustomerRowDelegate(QStyledItemDelegate):
    """Paints one result: name (bold) over phone • visits (grey), the pending amount right, red.

    Painting instead of a widget per row keeps a 20-row refresh to a few milliseconds.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = option.rect.adjusted(10, 4, -10, -4)
        pending = index.data(PendingRole) or "-"
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        fm = QFontMetrics(bold)
        pending_width = fm.horizontalAdvance(pending) + 12
        painter.setPen(QColor(PENDING_RED if index.data(OwesRole) else NIL_GREY))
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, pending)
        left = rect.adjusted(0, 0, -pending_width, 0)
        top, bottom = left.adjusted(0, 0, 0, -left.height() // 2), left.adjusted(0, left.height() // 2, 0, 0)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight,
                                       top.width()))
        painter.setFont(option.font)
        painter.setPen(QColor(MUTED_GREY))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(option.font).elidedText(index.data(DetailRole) or "",
                                                              Qt.TextElideMode.ElideRight, bottom.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, ROW_HEIGHT)


class CustomerSearch(QWidget):
    """The search box plus results. ``picked`` carries the chosen ``CustomerView``."""

    picked = Signal(object)
    results_shown = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, search_name: str = "customerSearch",
                 results_name: str = "customerResults") -> None:
        super().__init__(parent)
        self.state = state
        self._generation = 0
        self._shown_term = ""
        self.results: list[CustomerView] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.input = QLineEdit()
        self.input.setAccessibleName(search_name)
        self.input.setObjectName(search_name)
        self.input.setClearButtonEnabled(True)
        self.input.installEventFilter(self)
        lay.addWidget(self.input)
        self.message = MessageLine(f"{search_name}Message")
        lay.addWidget(self.message)
        self.list = QListWidget()
        self.list.setAccessibleName(results_name)
        self.list.setObjectName(results_name)
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(CustomerRowDelegate(self.list))
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.hide()
        lay.addWidget(self.list, 1)
        lay.addStretch(0)  # keeps the box at the top while there are no results
        self._lay = lay

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self.input.textEdited.connect(self._edited)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.input.setPlaceholderText(self.tr("Search customer: name or phone digits (F3)"))
        if self.results:
            self._show(self.results, self._shown_term)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- searching -----------------------------------------------------------------------
    def _edited(self, text: str) -> None:
        self._timer.start(0 if len(text.strip()) >= SELECTIVE_CHARS else DEBOUNCE_MS)

    def _search_now(self) -> None:
        if self.state.tasks.stopped:
            return  # the window closed while the typing pause was running: nobody is waiting for the result
        term = self.input.text().strip()
        self._generation += 1
        gen = self._generation
        if not term:
            self._show([], "")
            return

        self.state.tasks.search(lookup, self.state.ctx, term,
                                on_done=lambda rows: self._arrived(gen, term, rows),
                                on_error=lambda exc: self._failed(gen, exc))

    def _arrived(self, gen: int, term: str, rows: list[CustomerView]) -> None:
        if gen != self._generation:
            return  # a newer keystroke is on its way
        self._show(rows, term)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.message.show_error(error_text(exc))

    def _show(self, rows: list[CustomerView], term: str) -> None:
        self.results = rows
        self._shown_term = term
        self.list.clear()
        cur = self.state.ctx.currency
        for view in rows:
            item = QListWidgetItem(view.name)
            item.setData(ViewRole, view)
            item.setData(DetailRole, visits_text(view))
            item.setData(PendingRole, pending_text(view.balance, cur) if view.balance > 0 else "-")
            item.setData(OwesRole, view.balance > 0)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible_row_text(view, cur))
            self.list.addItem(item)
        if term and not rows:
            self.message.show_info(self.tr("No customer matches {term!r}. Use New customer to add one.").format(
                term=term))
        else:
            self.message.clear_message()
        self.list.setVisible(bool(rows))
        self._lay.setStretch(self._lay.count() - 1, 0 if rows else 1)
        if rows:
            self.list.setCurrentRow(0)
        self.results_shown.emit(len(rows))

    def row_texts(self, row: int) -> tuple[str, str, str]:
        """What row ``row`` shows: name, phone • visits, and ``Pending: ₹X`` or ``-``."""
        item = self.list.item(row)
        return item.text(), item.data(DetailRole), item.data(PendingRole)

    # --- choosing ------------------------------------------------------------------------
    def _activated(self, item: QListWidgetItem) -> None:
        view = item.data(ViewRole)
        if view is not None:
            self.pick(view)

    def pick(self, view: CustomerView) -> None:
        self.clear()
        self.picked.emit(view)

    def clear(self) -> None:
        self._generation += 1
        self._timer.stop()
        self.input.clear()
        self._show([], "")

    def focus(self) -> None:
        self.input.setFocus()
        self.input.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.input and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.count():
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed faster than the debounce: search now
                    self._timer.stop()
                    self._search_now()
                    return True
                item = self.list.currentItem()
                if item is not None and self.list.isVisible():
                    self._activated(item)
                return True
            if key == Qt.Key.Key_Escape and self.input.text():
                self.clear()
                return True
        return super().eventFilter(obj, event)


class CustomerPicker(QWidget):
    """"Pick or create a customer": shown when money would be left pending for a walk-in."""

    picked = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("pickCustomerSection")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.search = CustomerSearch(state, search_name="paymentCustomerSearch", results_name="paymentCustomerResults")
        self.search.list.setMaximumHeight(180)
        self.search.picked.connect(self.picked)
        row.addWidget(self.search, 1)
        self.new_button = TouchButton(self.tr("New customer"), "paymentNewCustomerButton")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_customer)
        row.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)

    def set_pending(self, amount_text: str) -> None:
        self.message.setText(self.tr("{amount_text} would be left pending: pick or create a customer to leave money "
                                     "pending.").format(amount_text=amount_text))

    def show(self) -> None:
        super().show()
        self.search.focus()

    def reset(self) -> None:
        """Hidden, with no term and no results, for the next sale of the payment dialog that holds it."""
        self.hide()
        self.message.setText("")
        self.search.clear()

    def new_customer(self) -> None:

        typed = self.search.input.text().strip()
        digits = typed.replace(" ", "").lstrip("+").isdigit()
        dlg = CustomerDialog(self.state, self, name="" if digits else typed, phone=typed if digits else "")
        dlg.customer_saved.connect(self.picked)
        dlg.open()
        self.customer_dialog = dlg
