"""Small shared widgets: money labels, the red pending label, touch buttons, the yellow alert box.

Colours come from ``resources/style.qss`` through a ``role`` property (``pending``, ``nil``,
``collect``, ``alert``, ``total``...), so every page paints pending red and Collect green the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from possuite.domain.money import INR, Currency, format_money

#: Minimum height of anything a cashier touches (docs/architecture.md §6).
TOUCH_HEIGHT = 44
#: The style sheet's colours, for what is painted by hand (delegates): keep them equal to style.qss.
PENDING_RED = "#c62828"
NIL_GREY = "#9a9ea6"
MUTED_GREY = "#6b7080"


#: The users' roles as the screen names them (services/context.py ROLES), translated where shown.
ROLE_TITLES = {"owner": QT_TRANSLATE_NOOP("widgets", "owner"), "cashier": QT_TRANSLATE_NOOP("widgets", "cashier")}


def role_title(role: str) -> str:
    """``owner``/``cashier`` in the screen's language."""
    return QCoreApplication.translate("widgets", ROLE_TITLES[role]) if role in ROLE_TITLES else role


def translated(context: str, texts) -> list[str]:
    """``texts`` (marked with ``QT_TRANSLATE_NOOP(context, …)``) in the screen's language."""
    return [QCoreApplication.translate(context, t) for t in texts]


def set_role(widget: QWidget, role: str) -> None:
    """Set the style-sheet role of ``widget`` and repaint it with the new rules."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class MoneyLabel(QLabel):
    """A right-aligned amount in the store's currency (``big`` for numbers a cashier acts on)."""

    def __init__(self, currency: Currency = INR, amount: int = 0, *, prefix: str = "", big: bool = False,
                 name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.prefix = prefix
        self._amount = 0
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if big:
            set_role(self, "total")
        if name:
            self.setAccessibleName(name)
            self.setObjectName(name)
        self.set_amount(amount)

    @property
    def amount(self) -> int:
        return self._amount

    def set_amount(self, minor: int) -> None:
        self._amount = minor
        self.setText(f"{self.prefix}{format_money(minor, self.currency)}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:  # "Pending: …" in the new language
            self.set_amount(self._amount)
        super().changeEvent(event)


class PendingLabel(MoneyLabel):
    """``Pending: ₹500.00`` in red when something is owed; a grey ``-`` when nothing is."""

    def __init__(self, currency: Currency = INR, amount: int = 0, *, prefix: str | None = None, big: bool = False,
                 name: str = "", parent: QWidget | None = None) -> None:
        self._big = big
        #: None: the translated "Pending: " of the screen's language at each change.
        self._own_prefix = prefix
        super().__init__(currency, amount, prefix=prefix or "", name=name, parent=parent)

    def set_amount(self, minor: int) -> None:
        self._amount = minor
        if minor > 0:
            prefix = self.tr("Pending: ") if self._own_prefix is None else self._own_prefix
            self.setText(f"{prefix}{format_money(minor, self.currency)}")
            set_role(self, "pending-big" if self._big else "pending")
        elif minor < 0:
            self.setText(self.tr("Credit: {amount}").format(amount=format_money(-minor, self.currency)))
            set_role(self, "credit")
        else:
            self.setText("-")
            set_role(self, "nil")


class TouchButton(QPushButton):
    """A button at least 44 px high with an accessible name (tests find buttons by it)."""

    def __init__(self, text: str, name: str = "", *, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setMinimumHeight(TOUCH_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if name:
            self.setAccessibleName(name)
            self.setObjectName(name)
        if role:
            set_role(self, role)


class CollectButton(TouchButton):
    """The green Collect action."""

    def __init__(self, text: str | None = None, name: str = "collectButton", parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("CollectButton", "Collect") if text is None else text, name,
                         role="collect", parent=parent)


class PrimaryButton(TouchButton):
    """The main action of a screen (Pay, Complete)."""

    def __init__(self, text: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, name, role="primary", parent=parent)


class AlertBox(QFrame):
    """The yellow alert box (e.g. ``Customer has pending balance: ₹600.00``) with optional action buttons."""

    def __init__(self, text: str = "", name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "alert")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        set_role(self.label, "alert-text")
        if name:
            self.label.setAccessibleName(name)
            self.label.setObjectName(name)
        lay.addWidget(self.label, 1)
        self._lay = lay

    def add_button(self, button: QPushButton) -> QPushButton:
        self._lay.addWidget(button)
        return button

    def set_text(self, text: str) -> None:
        self.label.setText(text)


class MessageLine(QLabel):
    """A one-line message under an input: ``error`` (red) or ``info`` (grey); hidden when empty."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        if name:
            self.setAccessibleName(name)
            self.setObjectName(name)
        self.hide()

    def show_error(self, text: str) -> None:
        set_role(self, "error")
        self.setText(text)
        self.setVisible(bool(text))

    def show_info(self, text: str) -> None:
        set_role(self, "info")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def heading(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    set_role(label, "heading")
    if name:
        label.setAccessibleName(name)
        label.setObjectName(name)
    return label


def grow_to_fit(window: QWidget) -> None:
    """Grow ``window`` (never shrink it) so a section that just appeared is not cut off.

    Wrapped labels report their height only for a given width, so ask the layout at the real width.
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    hint = window.sizeHint()
    width = max(hint.width(), window.width())
    height = hint.height()
    if layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    if height > window.height() or width > window.width():
        window.resize(width, max(height, window.height()))


def fit_placeholder(box: QLineEdit) -> None:
    """Keep an input box at least as wide as its hint (placeholder) text, in whatever language it is: a longer
    translation widens the box instead of cutting its hint off (the clipping test checks input boxes)."""
    text = box.placeholderText()
    if not text:
        return
    margins = box.textMargins()
    need = box.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 16  # frame and padding
    box.setMinimumWidth(max(box.minimumWidth(), need))
    if box.maximumWidth() < need:
        box.setMaximumWidth(need)


#: Input boxes a finger taps (a line edit, a drop-down, a number box), kept ≥ TOUCH_HEIGHT like the buttons.
TOUCH_INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox)


def touch_sized(root: QWidget) -> None:
    """Give every input box under ``root`` a touch target's height (a dialog calls it once its boxes exist)."""
    for w in root.findChildren(QWidget):
        if isinstance(w, TOUCH_INPUTS) and not isinstance(w.parent(), TOUCH_INPUTS):
            w.setMinimumHeight(max(w.minimumHeight(), TOUCH_HEIGHT))
