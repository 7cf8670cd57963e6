"""Helpers for the till's pytest-qt tests: a small shop, and ways to drive widgets as a cashier would.

Widgets are found by their accessible name (what a screen reader announces), clicked with
the mouse and typed into with ``keyClicks``; worker results are awaited with ``waitUntil``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from possuite.domain.cart import CartLine
from possuite.services import catalog, checkout, customers, users
from possuite.services.context import Context
from possuite.ui.state import AppState

OWNER_PIN = "1234"
CASHIER_PIN = "4321"
WAIT_MS = 5000


@dataclass
class Shop:
    haircut: catalog.ItemView
    facial: catalog.ItemView
    shampoo: catalog.ItemView
    priya: customers.CustomerView   # owes ₹500.00 (one earlier visit, nothing paid)
    rahul: customers.CustomerView   # owes nothing
    anita: customers.CustomerView   # credit limit ₹1,000.00, owes ₹300.00


def make_shop(ctx: Context) -> Shop:
    haircut = catalog.add_item(ctx, "Haircut", "300", sku="HC")
    facial = catalog.add_item(ctx, "Facial", "800", sku="FAC")
    shampoo = catalog.add_item(ctx, "Shampoo 200 ml", "320", sku="SH200", barcode="8901234567890", kind="product")
    priya = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    rahul = customers.add_customer(ctx, "Rahul Mehta", "99887 66554")
    anita = customers.add_customer(ctx, "Anita Desai", "98220 11223", credit_limit="1000")
    checkout.complete_sale(ctx, checkout.SaleRequest([CartLine("Old visit", 1000, 500_00)], customer_id=priya.id,
                                                     no_payment=True))
    checkout.complete_sale(ctx, checkout.SaleRequest([CartLine("Old visit", 1000, 300_00)], customer_id=anita.id,
                                                     no_payment=True))
    return Shop(haircut, facial, shampoo, customers.get_customer(ctx, priya.id), rahul,
                customers.get_customer(ctx, anita.id))


def signed_in_state(ctx: Context, name: str = "Owner", pin: str = OWNER_PIN) -> AppState:
    return AppState(ctx.as_actor(users.login(ctx, name, pin)))


def temp_settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "till.ini"), QSettings.Format.IniFormat)


# --- finding and driving widgets -------------------------------------------------------------
def find(root: QWidget | None, name: str, cls: type = QWidget) -> QWidget:
    """The visible widget named ``name`` under ``root`` (or in any top-level window)."""
    roots = [root] if root is not None else QApplication.topLevelWidgets()
    hits = []
    for r in roots:
        if r.accessibleName() == name and isinstance(r, cls):
            hits.append(r)
        hits += [w for w in r.findChildren(cls) if w.accessibleName() == name]
    visible = [w for w in hits if w.isVisible()]
    if not (visible or hits):
        raise LookupError(f"no widget named {name!r}")
    return (visible or hits)[0]


def shown(root: QWidget, name: str) -> bool:
    try:
        return find(root, name).isVisible()
    except LookupError:
        return False


def click(qtbot, root: QWidget, name: str) -> QAbstractButton:
    button = find(root, name, QAbstractButton)
    assert button.isVisible(), f"{name} is not visible"
    assert button.isEnabled(), f"{name} is disabled"
    assert button.height() >= 44 or name.startswith("nav:"), f"{name} is only {button.height()} px high"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return button


def type_into(qtbot, root: QWidget, name: str, text: str, *, enter: bool = False) -> QLineEdit:
    edit = find(root, name, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    if enter:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return edit


def add_item(qtbot, page, code: str) -> None:
    before = page.cart.totals.total
    type_into(qtbot, page, "itemEntry", code, enter=True)
    qtbot.waitUntil(lambda: page.cart.totals.total != before, timeout=WAIT_MS)


def pick_customer(qtbot, page, term: str, name: str) -> None:
    type_into(qtbot, page, "customerSearch", term)
    qtbot.waitUntil(lambda: any(v.name == name for v in page.search.results), timeout=WAIT_MS)
    row = [v.name for v in page.search.results].index(name)
    lst = page.search.list
    rect = lst.visualItemRect(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.customer is not None and page.customer.name == name, timeout=WAIT_MS)


def open_payment(qtbot, page):
    click(qtbot, page, "payButton")
    qtbot.waitUntil(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible(), timeout=WAIT_MS)
    return page.payment_dialog


def wait_summary(qtbot, page):
    qtbot.waitUntil(lambda: page.summary_dialog is not None and page.summary_dialog.isVisible(), timeout=WAIT_MS)
    summary = page.summary_dialog
    qtbot.waitUntil(lambda: not summary.receipt.toPlainText().startswith("Preparing"), timeout=WAIT_MS)
    return summary


def auth_dialog(qtbot, dlg):
    qtbot.waitUntil(lambda: getattr(dlg, "_auth_dialog", None) is not None and dlg._auth_dialog.isVisible(),
                    timeout=WAIT_MS)
    return dlg._auth_dialog
