"""The navigation: which pages the main window shows, in order, and who sees them.

Each page is built once by its factory ``(AppState) -> QWidget`` (and again in the new language
when the screen's language changes, unless it retranslates itself: ``retranslate_ui``). A page that wants to know
when it becomes visible may define ``on_shown()``. The factories import their page's module
when first called, so the login screen does not wait for every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from possuite.ui.state import AppState


@dataclass(frozen=True)
class PageSpec:
    key: str
    #: In English; the main window shows it translated (context "MainWindow").
    title: str
    factory: Callable[[AppState], QWidget]
    owner_only: bool = False


# deferred (each factory below): a page's module is imported when the page is first shown.

def _checkout(state: AppState) -> QWidget:
    from possuite.ui.checkout import CheckoutPage  # deferred: built on first show

    return CheckoutPage(state)


def _shift(state: AppState) -> QWidget:
    from possuite.ui.shift_page import ShiftPage  # deferred: built on first show

    return ShiftPage(state)


def _customers(state: AppState) -> QWidget:
    from possuite.ui.customers_page import CustomersPage  # deferred: built on first show

    return CustomersPage(state)


def _bills(state: AppState) -> QWidget:
    from possuite.ui.bills_page import BillsPage  # deferred: built on first show

    return BillsPage(state)


def _balances(state: AppState) -> QWidget:
    from possuite.ui.balances_page import BalancesPage  # deferred: built on first show

    return BalancesPage(state)


def _reports(state: AppState) -> QWidget:
    from possuite.ui.reports_page import ReportsPage  # deferred: built on first show

    return ReportsPage(state)


def _settings(state: AppState) -> QWidget:
    from possuite.ui.settings_page import SettingsPage  # deferred: built on first show

    return SettingsPage(state)


PAGES: list[PageSpec] = [
    PageSpec("checkout", QT_TRANSLATE_NOOP("MainWindow", "Checkout"), _checkout),
    PageSpec("shift", QT_TRANSLATE_NOOP("MainWindow", "Shift"), _shift),
    PageSpec("customers", QT_TRANSLATE_NOOP("MainWindow", "Customers"), _customers),
    PageSpec("bills", QT_TRANSLATE_NOOP("MainWindow", "Bills"), _bills),
    PageSpec("balances", QT_TRANSLATE_NOOP("MainWindow", "Balances"), _balances, owner_only=True),
    PageSpec("reports", QT_TRANSLATE_NOOP("MainWindow", "Reports"), _reports),
    PageSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), _settings, owner_only=True),
]
#: The owner's back office on the hub (``possuite --db postgresql://…``): it reads, it never sells.
BACK_OFFICE_PAGES: list[PageSpec] = [spec for spec in PAGES if spec.key in ("customers", "bills", "balances",
                                                                              "reports")]
