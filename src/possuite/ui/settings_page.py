"""Settings (owner only): a tab per area. Other features append ``(title, factory)`` to SETTINGS_TABS.

Example (printing): ``SETTINGS_TABS.append(("Printers", lambda state: PrintersTab(state)))``.
Tabs are built when the page is first shown, in list order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from possuite.ui.state import AppState
from possuite.ui.widgets import heading


def _store_tab(state: AppState) -> QWidget:
    w = QWidget()
    form = QFormLayout(w)
    s = state.ctx.store
    rows = [("Store", s.name), ("Address", s.address or "-"), ("Phone", s.phone or "-"),
            ("Tax id", s.tax_id or "-"), ("Currency", f"{s.currency_code} ({s.currency.symbol.strip()})"),
            ("Credit days", str(s.credit_days)), ("Invoice prefix", s.invoice_prefix),
            ("UPI id", s.upi_id or "-")]
    for label, value in rows:
        form.addRow(label, QLabel(value))
    note = QLabel("These were set in the first-run wizard; editing them here arrives with a later release.")
    note.setWordWrap(True)
    form.addRow(note)
    return w


def _later(text: str) -> Callable[[AppState], QWidget]:
    def build(_state: AppState) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        label = QLabel(text)
        label.setWordWrap(True)
        lay.addWidget(label)
        lay.addStretch(1)
        return w

    return build


#: (title, factory) pairs; the printing and backup features replace the placeholders by title.
SETTINGS_TABS: list[tuple[str, Callable[[AppState], QWidget]]] = [
    ("Store", _store_tab),
    ("Printers", lambda state: __import__("possuite.ui.printers_settings", fromlist=["x"]).PrintersTab(state)),
    ("Backups", lambda state: __import__("possuite.ui.backups_settings", fromlist=["x"]).BackupsTab(state)),
    ("Diagnostics", lambda state: __import__("possuite.ui.diagnostics_settings", fromlist=["x"]).DiagnosticsTab(state)),
]


def register_tab(title: str, factory: Callable[[AppState], QWidget]) -> None:
    """Add a tab, replacing one with the same title."""
    for i, (t, _f) in enumerate(SETTINGS_TABS):
        if t == title:
            SETTINGS_TABS[i] = (title, factory)
            return
    SETTINGS_TABS.append((title, factory))


class SettingsPage(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        lay = QVBoxLayout(self)
        lay.addWidget(heading("Settings"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("settingsTabs")
        lay.addWidget(self.tabs, 1)
        self._built = False

    def on_shown(self) -> None:
        if self._built:
            return
        self._built = True
        titles = [t for t, _ in SETTINGS_TABS]
        tabs = list(SETTINGS_TABS)
        if "Printers" not in titles:
            tabs.append(("Printers", _later("Printer set-up arrives with the printing release.")))
        if "Backups" not in titles:
            tabs.append(("Backups", _later("Backups arrive with the backup release.")))
        for title, factory in tabs:
            try:
                page = factory(self.state)
            except Exception as exc:  # one broken tab must not take Settings down
                page = QLabel(f"{title} could not be shown: {exc}")
            self.tabs.addTab(page, title)
