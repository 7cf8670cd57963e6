"""The main window: navigation (pages from ``ui.pages.PAGES``), the status bar, shortcuts, geometry.

F2 item entry, F3 customer search, F12 pay: they bring the checkout forward from any page.
The status bar shows the user, the store, the database file, the sync with the hub (on a till of
a hub: ``ui/sync_worker.py``) and the printer (polled on the worker every few seconds). Window size
and position are remembered with QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from possuite.hub.sync_state import SyncState, status_line
from possuite.ui.pages import PAGES, PageSpec
from possuite.ui.resources import icon
from possuite.ui.state import AppState
from possuite.ui.sync_worker import SyncWorker
from possuite.ui.widgets import TouchButton, set_role

STATUS_POLL_MS = 5000


class MainWindow(QMainWindow):
    lock_requested = Signal()
    closed = Signal()

    def __init__(self, state: AppState, settings: QSettings | None = None) -> None:
        super().__init__()
        self.state = state
        self.settings = settings or QSettings()
        self.setWindowTitle(f"possuite — {state.ctx.store.name}")
        self.setWindowIcon(icon("possuite"))
        self.setAccessibleName("mainWindow")
        self.setMinimumSize(1024, 700)
        self.pages: dict[str, QWidget] = {}
        self.nav_buttons: dict[str, TouchButton] = {}
        self.specs: dict[str, PageSpec] = {spec.key: spec for spec in PAGES}
        self._build()
        self._shortcuts()
        state.user_changed.connect(self._user_changed)
        state.tasks.busy_changed.connect(self._busy)
        state.data_changed.connect(lambda what: self.poll_status() if what in ("sale", "print", "collection")
                                   else None)
        self._user_changed()
        self.show_page("checkout")
        self._timer = QTimer(self)
        self._timer.setInterval(STATUS_POLL_MS)
        self._timer.timeout.connect(self.poll_status)
        self._timer.start()
        self.poll_status()
        self.sync_worker = SyncWorker(state, state.config_dir, parent=self)
        self.sync_worker.changed.connect(self._show_sync)
        state.sync_worker = self.sync_worker
        self.sync_worker.start()
        self._restore_geometry()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        nav = QFrame()
        nav.setObjectName("navPanel")
        nav.setFixedWidth(190)
        nl = QVBoxLayout(nav)
        nl.setContentsMargins(0, 0, 0, 8)
        nl.setSpacing(2)
        store = QLabel(self.state.ctx.store.name)
        store.setObjectName("navStore")
        store.setWordWrap(True)
        nl.addWidget(store)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        for spec in PAGES:
            b = TouchButton(spec.title, f"nav:{spec.key}", role="nav")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, key=spec.key: self.show_page(key))
            self.nav_group.addButton(b)
            self.nav_buttons[spec.key] = b
            nl.addWidget(b)
        nl.addStretch(1)
        self.switch_button = TouchButton("Switch user", "switchUserButton", role="nav")
        self.switch_button.clicked.connect(self.lock_requested)
        self.lock_button = TouchButton("Lock", "lockButton", role="nav")
        self.lock_button.clicked.connect(self.lock_requested)
        nl.addWidget(self.switch_button)
        nl.addWidget(self.lock_button)
        root.addWidget(nav)
        self.stack = QStackedWidget()
        wrap = QWidget()
        wl = QVBoxLayout(wrap)
        wl.setContentsMargins(12, 12, 12, 6)
        wl.addWidget(self.stack)
        root.addWidget(wrap, 1)
        self.setCentralWidget(central)

        bar = self.statusBar()
        self.user_status = QLabel()
        self.user_status.setAccessibleName("userStatus")
        self.store_status = QLabel(self.state.ctx.store.name)
        self.store_status.setAccessibleName("storeStatus")
        path = self.state.ctx.db_path
        self.db_status = QLabel(f"Database: {path.name if path else 'in memory'}")
        self.db_status.setToolTip(str(path) if path else "")
        self.db_status.setAccessibleName("databaseStatus")
        self.sync_status = QLabel()
        self.sync_status.setAccessibleName("syncStatus")
        self.sync_status.hide()  # shown only on a till of a hub
        self.printer_status = QLabel("Printer: …")
        self.printer_status.setAccessibleName("printerStatus")
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setAccessibleName("busyIndicator")
        self.busy_label.hide()
        self.busy_bar.hide()
        for w in (self.user_status, self.store_status, self.db_status):
            bar.addWidget(w)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy_bar)
        bar.addPermanentWidget(self.sync_status)
        bar.addPermanentWidget(self.printer_status)

    def _shortcuts(self) -> None:
        def on_checkout(action):
            def run() -> None:
                page = self.show_page("checkout")
                getattr(page, action)()

            return run

        for key, action in (("F2", "focus_item_entry"), ("F3", "focus_customer"), ("F12", "pay")):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(on_checkout(action))

    # --- pages ---------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        if key not in self.pages:
            widget = self.specs[key].factory(self.state)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        spec = self.specs[key]
        if spec.owner_only and not self.state.is_owner:
            key = "checkout"
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self.nav_buttons[key].setChecked(True)
        shown = getattr(widget, "on_shown", None)
        if callable(shown):
            shown()
        return widget

    @property
    def checkout(self):
        return self.page("checkout")

    def _user_changed(self) -> None:
        actor = self.state.actor
        self.user_status.setText(f"User: {actor.name} ({actor.role})")
        for spec in PAGES:
            self.nav_buttons[spec.key].setVisible(self.state.is_owner or not spec.owner_only)
        current = self.stack.currentWidget()
        for key, widget in self.pages.items():
            if widget is current and self.specs[key].owner_only and not self.state.is_owner:
                self.show_page("checkout")

    # --- status --------------------------------------------------------------------------
    def poll_status(self) -> None:
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.till import printer_state

        if getattr(self, "sync_worker", None) is not None:
            self._show_sync()  # "Synced 2 min ago" moves on with the clock
        self.state.tasks.search(printer_state, self.state.ctx, on_done=self._printer,
                                on_error=lambda exc: self.printer_status.setText(f"Printer: {exc}"))

    def _show_sync(self, st: SyncState | None = None) -> None:
        st = st if st is not None else self.sync_worker.state
        text, failed = status_line(st, self.state.ctx.clock.now())
        self.sync_status.setText(text)
        self.sync_status.setToolTip(f"Hub {st.hub}, till {st.till}" if st.is_till else "")
        self.sync_status.setVisible(bool(text))
        set_role(self.sync_status, "error" if failed else "info")

    def _printer(self, st) -> None:
        self.printer_status.setText(st.message or f"Printer: {st.state}")
        set_role(self.printer_status, "error" if st.failed or st.state == "offline" else "info")

    def _busy(self, label: str) -> None:
        self.busy_label.setText(f"{label}…" if label else "")
        self.busy_label.setVisible(bool(label))
        self.busy_bar.setVisible(bool(label))

    # --- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def save_geometry(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_geometry()
        self._timer.stop()
        self.sync_worker.stop()
        self.closed.emit()
        super().closeEvent(event)
