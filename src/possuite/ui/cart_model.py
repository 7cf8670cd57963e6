"""The cart as a table model: lines are ``domain.cart.CartLine``; every figure comes from ``compute_totals``.

Editable columns: qty (in the line's unit, parsed with ``quantity.parse_quantity``: ``1.25`` for a kg item,
``3`` tablets of a strip, ``250 g``; shown as ``1.250 kg`` / ``3 TAB`` / ``3``) and line discount (an amount,
parsed with ``parse_money``).
A bad edit is refused with a message (``edit_refused``), never half-applied.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from possuite.domain import quantity
from possuite.domain.cart import CartLine, Discount, Totals, compute_totals
from possuite.domain.errors import PossuiteError, ValidationError
from possuite.domain.money import INR, Currency, format_money, parse_money, to_major_string

DESCRIPTION, QTY, PRICE, DISCOUNT, AMOUNT = range(5)
HEADERS = (QT_TRANSLATE_NOOP("cart_model", "Item"), QT_TRANSLATE_NOOP("cart_model", "Qty"),
           QT_TRANSLATE_NOOP("cart_model", "Price"), QT_TRANSLATE_NOOP("cart_model", "Discount"),
           QT_TRANSLATE_NOOP("cart_model", "Amount"))
#: The line itself, for views and tests.
LineRole = Qt.ItemDataRole.UserRole + 1
#: The sort/edit value (int), not the display text.
ValueRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class CartModel(QAbstractTableModel):
    totals_changed = Signal(object)
    edit_refused = Signal(str)

    def __init__(self, currency: Currency = INR, parent=None) -> None:
        super().__init__(parent)
        self.currency = currency
        self._lines: list[CartLine] = []
        self.discount = Discount()
        self._totals: Totals = compute_totals([], self.discount)

    # --- reading -------------------------------------------------------------------------
    @property
    def lines(self) -> list[CartLine]:
        return list(self._lines)

    @property
    def totals(self) -> Totals:
        return self._totals

    def is_empty(self) -> bool:
        return not self._lines

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("cart_model", HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft if section == DESCRIPTION else Qt.AlignmentFlag.AlignRight)
        return None

    def retranslate(self) -> None:
        """The screen's language changed: the view asks for the headers again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (QTY, DISCOUNT):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        col = index.column()
        money = lambda v: format_money(v, self.currency)  # noqa: E731
        if role == Qt.ItemDataRole.DisplayRole:
            if col == DESCRIPTION:
                return line.description
            if col == QTY:
                return quantity.receipt_qty(line.qty, line.unit, line.pack_size)
            if col == PRICE:   # a strip's price is per strip: ₹35.55/10 (tablets)
                return money(line.unit_price) + (f"/{line.pack_size}" if line.unit == "strip" else "")
            if col == DISCOUNT:
                return money(line.line_discount) if line.line_discount else "-"
            if col == AMOUNT:
                return money(self._totals.lines[index.row()].amount)
        if role == Qt.ItemDataRole.EditRole:
            if col == QTY:
                return quantity.number_text(line.qty)
            if col == DISCOUNT:
                return to_major_string(line.line_discount, self.currency)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignLeft if col == DESCRIPTION else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == LineRole:
            return line
        if role == ValueRole:
            return {DESCRIPTION: line.description, QTY: line.qty, PRICE: line.unit_price,
                    DISCOUNT: line.line_discount, AMOUNT: self._totals.lines[index.row()].amount}[col]
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, col = index.row(), index.column()
        line = self._lines[row]
        try:
            if col == QTY:
                qty = quantity.parse_quantity(str(value), line.unit, line.pack_size, f"line {row + 1} qty")
                new = replace(line, qty=qty)
            elif col == DISCOUNT:

                text = str(value).strip() or "0"
                new = replace(line, line_discount=parse_money(text, f"line {row + 1} discount", self.currency))
            else:
                return False
            return self._replace_line(row, new)
        except PossuiteError as exc:
            self.edit_refused.emit(exc.message)
            return False

    # --- changing ------------------------------------------------------------------------
    def _recompute(self, lines: list[CartLine], discount: Discount) -> Totals:
        return compute_totals(lines, discount)

    def _commit(self, lines: list[CartLine], discount: Discount | None = None) -> None:
        discount = self.discount if discount is None else discount
        totals = self._recompute(lines, discount)  # raises before anything changes
        self._lines = lines
        self.discount = discount
        self._totals = totals
        self.totals_changed.emit(totals)

    def _replace_line(self, row: int, new: CartLine) -> bool:
        lines = list(self._lines)
        lines[row] = new
        try:
            self._commit(lines)
        except PossuiteError as exc:
            self.edit_refused.emit(exc.message)
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    def replace_line(self, row: int, new: CartLine) -> bool:
        """Put ``new`` in place of line ``row`` (an item's new tax details); False when refused."""
        return 0 <= row < len(self._lines) and self._replace_line(row, new)

    def add_line(self, line: CartLine) -> int:
        """Add a line; the same item again raises the qty of its line (pieces and strips; a weighed or
        measured quantity, such as a scale label's, gets a line of its own). A line is one price: the item
        scanned after its price or tax changed (a sync pulled it, the owner edited it) gets a line of its own,
        and the lines scanned before keep theirs (docs/architecture.md §7). Returns the row."""
        for row, existing in enumerate(self._lines):
            if (line.item_id and existing.item_id == line.item_id and existing.unit_price == line.unit_price
                    and (existing.tax_rate_bp, existing.cess_rate_bp, existing.tax_inclusive)
                    == (line.tax_rate_bp, line.cess_rate_bp, line.tax_inclusive)
                    and quantity.UNITS[line.unit].whole and existing.unit == line.unit):
                self._replace_line(row, replace(existing, qty=existing.qty + line.qty))
                return row
        lines = [*self._lines, line]
        row = len(self._lines)
        totals = self._recompute(lines, self.discount)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines = lines
        self._totals = totals
        self.endInsertRows()
        self.totals_changed.emit(totals)
        return row

    def change_qty(self, row: int, delta: int) -> bool:
        """One unit more or less (``delta`` in whole units: a piece, a tablet, a kilogram); at zero the line goes."""
        if not 0 <= row < len(self._lines):
            return False
        line = self._lines[row]
        qty = line.qty + delta * quantity.SCALE
        if qty <= 0:
            self.remove_line(row)
            return True
        return self._replace_line(row, replace(line, qty=qty))

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self._lines):
            return
        lines = [ln for i, ln in enumerate(self._lines) if i != row]
        discount = self.discount
        try:
            totals = self._recompute(lines, discount)
        except ValidationError:  # the bill discount no longer fits: drop it
            discount = Discount()
            totals = self._recompute(lines, discount)
        self.beginRemoveRows(QModelIndex(), row, row)
        self._lines = lines
        self.discount = discount
        self._totals = totals
        self.endRemoveRows()
        self.totals_changed.emit(totals)

    def set_discount(self, discount: Discount) -> None:
        self._commit(list(self._lines), discount)
        if self._lines:
            self.dataChanged.emit(self.index(0, AMOUNT), self.index(len(self._lines) - 1, AMOUNT))

    def load(self, lines: list[CartLine], discount: Discount | None = None) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.discount = discount or Discount()
        self._totals = self._recompute(self._lines, self.discount)
        self.endResetModel()
        self.totals_changed.emit(self._totals)

    def clear(self) -> None:
        self.load([], Discount())
