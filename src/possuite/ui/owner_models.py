"""Table models and small shared pieces of the owner pages (customers, balances, bills, detail tabs).

``PagedModel`` loads pages of rows on the worker as the view scrolls (``canFetchMore`` /
``fetchMore``), so 100,000 customers open with one page; sorting asks the service for a new
first page sorted on the real column (never on display strings). Results from an older
request (a previous search or sort) are dropped by a generation counter.

Cells expose the display text, ``ValueRole`` (the real value: minor units, dates) and
``RowRole`` (the service's row object). Pending amounts are red and bold, "nothing owed"
is a grey ``-``; ``CollectDelegate`` paints the green Collect button on rows that owe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.dates import format_date, format_datetime
from possuite.domain.labels import return_status_label, status_label
from possuite.domain.money import Currency, format_money
from possuite.services.balances import balances_page
from possuite.services.bills import list_bills
from possuite.services.customers import list_customers
from possuite.ui.state import AppState
from possuite.ui.translation import domain_word
from possuite.ui.widgets import set_role

RowRole = Qt.ItemDataRole.UserRole + 1
ValueRole = Qt.ItemDataRole.UserRole + 2
OwesRole = Qt.ItemDataRole.UserRole + 3

RED = QColor("#c62828")
GREY = QColor("#9a9ea6")
GREEN = QColor("#2e7d32")
PAGE_SIZE = 200
ROW_HEIGHT = 46
#: The red flag beside a customer over their credit limit (balances window).
OVER_LIMIT_FLAG = "⚑"

def _bill_status_text(b) -> str:
    """The payment status, with ``· Partly returned`` / ``· Returned`` beside it when the bill has returns."""
    returned = domain_word(return_status_label(b.return_status))
    return domain_word(status_label(b.status)) + (f" · {returned}" if returned else "")


STATUS_COLOURS = {"overdue": RED, "pending": QColor("#b26a00"), "partially_paid": QColor("#b26a00"),
                  "paid": GREEN, "complimentary": QColor("#6a1b9a"), "void": GREY}

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


def receipt_font() -> QFont:
    """A fixed-width font for receipt previews, big enough to read (DejaVu Sans Mono has ₹)."""
    f = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    f.setPointSize(10)
    return f


STORE_TITLE = QT_TRANSLATE_NOOP("owner_models", "Store")
STRETCH_MIN_WIDTH = 220  # the stretching column (a name) beside the store column


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]                       # the real value (sorting, tests)
    text: Callable[[Any], str] | None = None          # display text (default: str(value))
    sort: str | None = None                           # the service's sort key, when sortable
    right: bool = False                               # amounts and counts right-aligned
    kind: str = ""                                    # "pending": red > 0, grey "-" at 0; "status": bill colours
    width: int = 0
    flag: Callable[[Any], str] | None = None          # a reason to flag the row (red, bold, tooltip), or ""


def store_col() -> Column:
    """The row's store, last: shown only while a page's rows span stores (``RowsModel``)."""
    return Column(STORE_TITLE, lambda r: r.store, width=130)


def money_col(title: str, value: Callable[[Any], int], currency: Currency, *, sort: str | None = None,
              pending: bool = False, blank_zero: bool = False, width: int = 130) -> Column:
    def text(row) -> str:
        v = value(row)
        if blank_zero and v == 0:
            return ""
        if pending and v <= 0:
            return "-" if v == 0 else QCoreApplication.translate("owner_models", "Credit {amount}").format(
                amount=format_money(-v, currency))
        return format_money(v, currency)

    return Column(title, value, text, sort, right=True, kind="pending" if pending else "", width=width)


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of row objects, described by ``Column``s."""

    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[Any] = []
        # A last column ``store_col()``: shown (``make_table``) only while the rows name their store
        # (the hub's back office: ``Context.store_of_row``); decided when the rows are reset.
        self.store_column = len(columns) - 1 if columns and columns[-1].title == STORE_TITLE else -1
        self.stores_shown = False

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._show_stores_of(self._rows)
        self.endResetModel()

    def _show_stores_of(self, rows: list[Any]) -> None:
        """Inside a model reset: the store column shows when the rows name their store."""
        self.stores_shown = self.store_column >= 0 and any(getattr(r, "store", "") for r in rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("owner_models", col.title) if col.title else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if col.right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def text(self, row: int, column: int) -> str:
        return self.data(self.index(row, column)) or ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col.text is not None:
                return col.text(row)
            v = col.value(row)
            return "" if v is None else str(v)
        if role == ValueRole:
            return col.value(row)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if col.right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if col.flag is not None and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                                             Qt.ItemDataRole.ToolTipRole):
            why = col.flag(row)
            if why:
                if role == Qt.ItemDataRole.ToolTipRole:
                    return why
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(RED)
                f = QFont()
                f.setBold(True)
                return f
        if col.kind == "pending":
            v = col.value(row) or 0
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(RED if v > 0 else (GREEN if v < 0 else GREY))
            if role == Qt.ItemDataRole.FontRole and v > 0:
                f = QFont()
                f.setBold(True)
                return f
        if col.kind == "status":
            st = col.value(row)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(STATUS_COLOURS.get(st, QColor("#111111")))
            if role == Qt.ItemDataRole.FontRole and st in ("overdue", "void"):
                f = QFont()
                f.setBold(st == "overdue")
                f.setStrikeOut(st == "void")
                return f
        if role == OwesRole:
            return self.owes(row)
        return None

    def owes(self, row: Any) -> bool:
        return False


class PagedModel(RowsModel):
    """Rows loaded page by page on the worker; ``fetch(offset, limit, sort, desc)`` -> (rows, total|None)."""

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)

    def __init__(self, state: AppState, columns: list[Column], *, sort: str, desc: bool = False,
                 page_size: int = PAGE_SIZE, parent=None) -> None:
        super().__init__(columns, parent)
        self.state = state
        self.page_size = page_size
        self.sort_key = sort
        self.sort_desc = desc
        self.total: int | None = None
        self._gen = 0
        self._loading = False
        self._exhausted = True
        self._after: Any = None  # the cursor of the next page (keyset paging: fetch_after)
        self.loads = 0  # pages received (tests, diagnostics)

    # subclasses: read one page (runs on the worker thread; services only)
    def fetch(self, offset: int, limit: int, sort: str, desc: bool) -> tuple[list[Any], int | None]:
        raise NotImplementedError

    def fetch_after(self, offset: int, after: Any, limit: int, sort: str,
                    desc: bool) -> tuple[list[Any], int | None, Any]:
        """One page after the cursor the previous page returned (None: the first page) -> (rows, total|None,
        the next cursor). A model whose service pages by keyset overrides it; the others read by offset."""
        rows, total = self.fetch(offset, limit, sort, desc)
        return rows, total, None

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Ask for the first page again (after a search, filter, sort or a write)."""
        self._gen += 1
        self._request(0, reset=True)

    def canFetchMore(self, parent: _Index = _NO_INDEX) -> bool:
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: _Index = _NO_INDEX) -> None:
        if self.canFetchMore(parent):
            self._request(len(self._rows), reset=False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        if not key:
            return
        desc = order == Qt.SortOrder.DescendingOrder
        if (key, desc) == (self.sort_key, self.sort_desc) and self.loads:
            return
        self.sort_key, self.sort_desc = key, desc
        self.reload()

    def column_of_sort(self) -> int:
        for i, c in enumerate(self.columns):
            if c.sort == self.sort_key:
                return i
        return -1

    def _set_loading(self, on: bool) -> None:
        if on != self._loading:
            self._loading = on
            self.loading_changed.emit(on)

    def _request(self, offset: int, *, reset: bool) -> None:
        gen = self._gen
        self._set_loading(True)
        sort, desc, limit = self.sort_key, self.sort_desc, self.page_size
        after = None if reset else self._after
        self.state.tasks.run(self.fetch_after, offset, after, limit, sort, desc,
                             on_done=lambda res: self._arrived(gen, offset, reset, res),
                             on_error=lambda exc: self._error(gen, exc))

    def _arrived(self, gen: int, offset: int, reset: bool, result: tuple[list[Any], int | None, Any]) -> None:
        if gen != self._gen:
            return
        rows, total, after = result
        self.loads += 1
        if reset:
            self.beginResetModel()
            self._rows = list(rows)
            self._show_stores_of(self._rows)
            self.endResetModel()
            self._after = after
        elif rows and offset == len(self._rows):
            self.beginInsertRows(_NO_INDEX, len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
            self._after = after
        self._exhausted = len(rows) < self.page_size or (total is not None and len(self._rows) >= total)
        if total is not None and total != self.total:
            self.total = total
            self.total_changed.emit(total)
        self._set_loading(False)

    def _error(self, gen: int, exc: BaseException) -> None:
        if gen != self._gen:
            return
        self._set_loading(False)
        self._exhausted = True
        self.failed.emit(exc)


# ---------------------------------------------------------------- shared view pieces


class CollectDelegate(QStyledItemDelegate):
    """Paints a green **Collect** button in rows whose ``OwesRole`` is true; a click emits ``clicked``."""

    clicked = Signal(QModelIndex)

    def __init__(self, text: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.text = QCoreApplication.translate("CollectButton", "Collect") if text is None else text

    def button_rect(self, option_rect: QRect) -> QRect:
        w = min(104, option_rect.width() - 8)
        return QRect(option_rect.x() + (option_rect.width() - w) // 2, option_rect.y() + 1, w,
                     option_rect.height() - 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        if not index.data(OwesRole):
            return
        r = self.button_rect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#1b5e20"))
        painter.setBrush(GREEN)
        painter.drawRoundedRect(r, 6, 6)
        f = QFont(option.font)
        f.setBold(True)
        painter.setFont(f)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(116, ROW_HEIGHT)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: _Index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and index.data(OwesRole):
            if self.button_rect(option.rect).contains(event.position().toPoint()):
                self.clicked.emit(QModelIndex(index))
                return True
        return super().editorEvent(event, model, option, index)


def make_table(model: RowsModel, name: str, *, sortable: bool = False) -> QTableView:
    """A table view with touch-height rows, amounts right-aligned and the columns' widths."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setObjectName(name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setStyleSheet("QTableView::item { padding: 0 6px; }")
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    for i, col in enumerate(model.columns):
        if col.width:
            view.setColumnWidth(i, col.width)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    if isinstance(model, RowsModel) and model.store_column >= 0:
        # The store second on screen (after the number or name), only while the rows name one.
        store = model.store_column
        header.moveSection(header.visualIndex(store), 1)

        squeezed: list[int] = []

        def show_store() -> None:
            shown = model.stores_shown
            view.setColumnHidden(store, not shown)
            # A stretching column (the name) would be squeezed to nothing beside one more column: it
            # keeps a readable width (the table scrolls sideways) while the store shows.
            stretch = QHeaderView.ResizeMode.Stretch
            if shown:
                for i in range(header.count()):
                    if i != store and header.sectionResizeMode(i) == stretch:
                        header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                        view.setColumnWidth(i, STRETCH_MIN_WIDTH)
                        squeezed.append(i)
            else:
                for i in squeezed:
                    header.setSectionResizeMode(i, stretch)
                squeezed.clear()

        model.modelReset.connect(show_store)
        show_store()
    if sortable and isinstance(model, PagedModel):
        view.setSortingEnabled(False)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        col = model.column_of_sort()
        if col >= 0:
            header.setSortIndicator(col, Qt.SortOrder.DescendingOrder if model.sort_desc
                                    else Qt.SortOrder.AscendingOrder)

        def on_sort(section: int, order: Qt.SortOrder) -> None:
            if 0 <= section < len(model.columns) and model.columns[section].sort:
                model.sort(section, order)
                return
            current = model.column_of_sort()  # not sortable: put the indicator back
            header.blockSignals(True)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if model.sort_desc
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

        header.sortIndicatorChanged.connect(on_sort)
    return view


class StatCard(QFrame):
    """A summary card: a small title over a big figure (``pending`` paints the figure red)."""

    def __init__(self, title: str, name: str, *, pending: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "card")
        self.setMinimumWidth(150)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        self.title = QLabel(title)
        self.title.setWordWrap(True)  # a long title (in Hindi) takes two lines rather than widening the card
        set_role(self.title, "muted")
        self.value = QLabel("…")
        self.value.setAccessibleName(name)
        self.value.setObjectName(name)
        self.value.setStyleSheet("font-size: 16pt; font-weight: bold;" + (" color: #c62828;" if pending else ""))
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.title)
        lay.addWidget(self.value)

    def set_text(self, text: str, tooltip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tooltip)


# ---------------------------------------------------------------- the owner pages' models

CUSTOMER_FILTERS = {
    "all": QT_TRANSLATE_NOOP("owner_models", "All customers"),
    "active": QT_TRANSLATE_NOOP("owner_models", "Active"),
    "inactive": QT_TRANSLATE_NOOP("owner_models", "Inactive"),
    "owing": QT_TRANSLATE_NOOP("owner_models", "Owing"),
    "overdue": QT_TRANSLATE_NOOP("owner_models", "Overdue"),
}


class CustomersModel(PagedModel):
    """The customers page: Name, Phone, Visits, Total spent, Pending, Last visit, Collect."""

    COLLECT = 6

    def __init__(self, state: AppState, parent=None) -> None:
        cur = state.ctx.currency
        columns = [
            Column(QT_TRANSLATE_NOOP("owner_models", "Name"), lambda c: c.name,
                   lambda c: c.name if c.active
                   else QCoreApplication.translate("owner_models", "{name} (inactive)").format(
                name=c.name), sort="name"),
            Column(QT_TRANSLATE_NOOP("owner_models", "Phone"), lambda c: c.phone_display, width=170),
            Column(QT_TRANSLATE_NOOP("owner_models", "Visits"), lambda c: c.visits, sort="visits", right=True,
                   width=80),
            money_col(QT_TRANSLATE_NOOP("owner_models", "Total spent"), lambda c: c.total_spent, cur,
                      sort="total_spent"),
            money_col(QT_TRANSLATE_NOOP("owner_models", "Pending"), lambda c: c.balance, cur, sort="balance",
                      pending=True),
            Column(QT_TRANSLATE_NOOP("owner_models", "Last visit"), lambda c: c.last_visit,
                   lambda c: format_date(c.last_visit), sort="last_visit",
                   width=120),
            Column("", lambda c: c.balance > 0, lambda c: "", width=120),
            store_col(),
        ]
        super().__init__(state, columns, sort="name", parent=parent)
        self.search = ""
        self.filter = "all"

    def owes(self, row) -> bool:
        return row.balance > 0

    def fetch(self, offset: int, limit: int, sort: str, desc: bool):

        rows, total, _ = self.fetch_after(offset, None, limit, sort, desc)
        return rows, total

    def fetch_after(self, offset: int, after, limit: int, sort: str, desc: bool):
        """The first page with its count; each next page after the last row shown (keyset: as fast at row
        10,000 as at row 0), without the count the first page already gave."""
        f = self.filter
        page = list_customers(self.state.ctx, search=self.search, status=f if f in ("active", "inactive") else "all",
                              owing=f == "owing", overdue=f == "overdue", sort=sort, desc=desc, limit=limit,
                              offset=offset if after is None else 0, after=after, count=after is None)
        return page.rows, page.total, page.after

    def replace_row(self, view) -> None:
        """Show a customer's new figures at once (after a collection), before the reload arrives."""
        for i, row in enumerate(self._rows):
            if row.id == view.id:
                self._rows[i] = view
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))
                return


class BalancesModel(PagedModel):
    """Customers who owe, highest balance first, or by the heading clicked (``services.balances.balances_page``)."""

    COLLECT = 8

    def __init__(self, state: AppState, parent=None) -> None:
        cur = state.ctx.currency
        def over_limit(b) -> str:
            return QCoreApplication.translate("owner_models", "Over the credit limit of {amount}").format(
                amount=format_money(b.credit_limit, cur)) if b.over_limit else ""

        columns = [
            Column(QT_TRANSLATE_NOOP("owner_models", "Name"), lambda b: b.name,
                   lambda b: f"{OVER_LIMIT_FLAG} {b.name}" if b.over_limit else b.name,
                   flag=over_limit, sort="name"),
            Column(QT_TRANSLATE_NOOP("owner_models", "Phone"), lambda b: b.phone_display, width=160),
            money_col(QT_TRANSLATE_NOOP("owner_models", "Balance"), lambda b: b.balance, cur, pending=True, width=130,
                      sort="balance"),
            Column(QT_TRANSLATE_NOOP("owner_models", "Open bills"), lambda b: b.open_bills, right=True, width=105),
            Column(QT_TRANSLATE_NOOP("owner_models", "Oldest due"), lambda b: b.oldest_due,
                   lambda b: format_date(b.oldest_due), width=125),
            Column(QT_TRANSLATE_NOOP("owner_models", "Days overdue"), lambda b: b.days_overdue,
                   lambda b: str(b.days_overdue) if b.days_overdue else "-",
                   right=True, width=130),
            Column(QT_TRANSLATE_NOOP("owner_models", "Last payment"), lambda b: b.last_payment,
                   lambda b: format_date(b.last_payment) or QCoreApplication.translate("owner_models", "never"),
                   width=135, sort="last_payment"),
            Column(QT_TRANSLATE_NOOP("owner_models", "Bucket"), lambda b: b.bucket,
                   lambda b: QCoreApplication.translate("owner_models", "{bucket} days").format(
                       bucket=b.bucket), width=110),
            Column("", lambda b: b.balance > 0, lambda b: "", width=120),
            store_col(),
        ]
        super().__init__(state, columns, sort="balance", desc=True, parent=parent)
        self.over_limit = False  # the filter: only customers over their credit limit

    def owes(self, row) -> bool:
        return row.balance > 0

    def fetch(self, offset: int, limit: int, sort: str, desc: bool):

        rows, total, _ = self.fetch_after(offset, None, limit, sort, desc)
        return rows, total

    def fetch_after(self, offset: int, after, limit: int, sort: str, desc: bool):
        """Each next page after the last row shown (keyset: row 19,000 of the owing costs what row 0 does);
        the count comes with the cards (``services.balances.summary``)."""
        page = balances_page(self.state.ctx, sort=sort, desc=desc, limit=limit,
                             offset=offset if after is None else 0, after=after, over_limit=self.over_limit)
        return page.rows, None, page.after


@dataclass
class BillFilters:
    status: str | None = None
    customer_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    number: str = ""


class BillsModel(PagedModel):
    """The bills page: filtered, sorted and paged by ``services.bills.list_bills``."""

    def __init__(self, state: AppState, parent=None) -> None:
        cur = state.ctx.currency
        columns = [
            Column(QT_TRANSLATE_NOOP("owner_models", "Number"), lambda b: b.number, sort="number", width=140),
            Column(QT_TRANSLATE_NOOP("owner_models", "Date"), lambda b: b.posted_at,
                   lambda b: format_datetime(b.posted_at), sort="date", width=160),
            Column(QT_TRANSLATE_NOOP("owner_models", "Customer"), lambda b: b.customer_name or "",
                   lambda b: b.customer_name or QCoreApplication.translate("owner_models", "Walk-in")),
            money_col(QT_TRANSLATE_NOOP("owner_models", "Total"), lambda b: b.total, cur, sort="total", width=120),
            money_col(QT_TRANSLATE_NOOP("owner_models", "Paid"), lambda b: b.paid, cur, width=120),
            money_col(QT_TRANSLATE_NOOP("owner_models", "Outstanding"), lambda b: b.outstanding, cur, pending=True,
                      width=125),
            Column(QT_TRANSLATE_NOOP("owner_models", "Status"), lambda b: b.status, _bill_status_text, sort="status",
                   width=190, kind="status"),
            Column(QT_TRANSLATE_NOOP("owner_models", "Due"), lambda b: b.due_date,
                   lambda b: "" if b.status in ("paid", "void", "complimentary") else format_date(b.due_date),
                   width=115),
            store_col(),
        ]
        super().__init__(state, columns, sort="date", desc=True, parent=parent)
        self.filters = BillFilters()

    def fetch(self, offset: int, limit: int, sort: str, desc: bool):

        f = self.filters
        page = list_bills(self.state.ctx, status=f.status, customer_id=f.customer_id, date_from=f.date_from,
                          date_to=f.date_to, number=f.number or None, sort=sort, desc=desc, limit=limit,
                          page=offset // limit + 1)
        return page.rows, page.total_count
