"""The navigation registry: which pages the main window shows, in order, and who sees them.

Each page is built once by its factory ``(AppState) -> QWidget``. A page that wants to know
when it becomes visible may define ``on_shown()``. Later issues replace placeholder entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from possuite.ui.state import AppState


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppState], QWidget]
    owner_only: bool = False


def placeholder(title: str, release: str) -> Callable[[AppState], QWidget]:
    """A page that says which release brings it."""

    def build(_state: AppState) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        label = QLabel(f"<h2>{title}</h2><p>{title} arrive{'s' if not title.endswith('s') else ''} in {release}.</p>"
                       "<p>Checkout already records everything these pages will show.</p>")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setAccessibleName(f"{title} placeholder")
        lay.addWidget(label)
        return w

    return build


def _checkout(state: AppState) -> QWidget:
    from possuite.ui.checkout import CheckoutPage

    return CheckoutPage(state)


def _settings(state: AppState) -> QWidget:
    from possuite.ui.settings_page import SettingsPage

    return SettingsPage(state)


PAGES: list[PageSpec] = [
    PageSpec("checkout", "Checkout", _checkout),
    PageSpec("customers", "Customers", lambda s: import_module("possuite.ui.customers_page").CustomersPage(s)),
    PageSpec("bills", "Bills", lambda s: import_module("possuite.ui.bills_page").BillsPage(s)),
    PageSpec("balances", "Balances", lambda s: import_module("possuite.ui.balances_page").BalancesPage(s),
             owner_only=True),
    PageSpec("reports", "Reports", lambda s: import_module("possuite.ui.reports_page").ReportsPage(s)),
    PageSpec("settings", "Settings", _settings, owner_only=True),
]
