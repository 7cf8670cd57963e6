"""Settings (owner only): one tab per area, in the order of ``SETTINGS_TABS``.

Tabs are built when the page is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from possuite.ui.backups_settings import BackupsTab
from possuite.ui.diagnostics_settings import DiagnosticsTab
from possuite.ui.language_settings import REOPEN_TAB, LanguageTab
from possuite.ui.printers_settings import PrintersTab
from possuite.ui.state import AppState
from possuite.ui.store_settings import StoreTab
from possuite.ui.sync_settings import SyncTab
from possuite.ui.widgets import heading

#: (title, tab class) in the order the tabs appear.
SETTINGS_TABS: list[tuple[str, type[QWidget]]] = [
    (QT_TRANSLATE_NOOP("settings_page", "Store"), StoreTab),
    (QT_TRANSLATE_NOOP("settings_page", "Language"), LanguageTab),
    (QT_TRANSLATE_NOOP("settings_page", "Printers"), PrintersTab),
    (QT_TRANSLATE_NOOP("settings_page", "Backups"), BackupsTab),
    (QT_TRANSLATE_NOOP("settings_page", "Sync"), SyncTab),
    (QT_TRANSLATE_NOOP("settings_page", "Diagnostics"), DiagnosticsTab),
]


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab's page in a scroll area: on a small screen the page scrolls instead of its forms being
    squeezed below their own height (the Printers tab is taller than 768 px)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class SettingsPage(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Settings")))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("settingsTabs")
        lay.addWidget(self.tabs, 1)
        self._built = False

    def on_shown(self) -> None:
        if self._built:
            return
        self._built = True
        for title, tab in SETTINGS_TABS:
            try:
                page = tab(self.state)
            except Exception as exc:  # one broken tab must not take Settings down
                page = QLabel(self.tr("{title} could not be shown: {exc}").format(title=title, exc=exc))
            self.tabs.addTab(_scrolling(page), QCoreApplication.translate("settings_page", title))
            if tab is LanguageTab and REOPEN_TAB:  # the screen switched language from that tab: back to it
                REOPEN_TAB.clear()
                self.tabs.setCurrentIndex(self.tabs.count() - 1)
