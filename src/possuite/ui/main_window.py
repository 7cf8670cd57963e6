"""The main window: navigation (pages from ``ui.pages.PAGES``), the status bar, shortcuts, geometry.

F2 item entry, F3 customer search, F12 pay: they bring the checkout forward from any page.
The status bar shows the user, the store, the database file, the sync with the hub (on a till of
a hub: ``ui/sync_worker.py``), the printer (polled on the worker every few seconds) and, in red, what
the background book check found (``ui/check_worker.py``; hidden while the book is sound). Window size
and position are remembered with QSettings.

On the hub (the owner's back office, ``ui.main.run_backoffice``) the window shows
``pages.BACK_OFFICE_PAGES`` (no checkout: it never sells, and says so), a store filter above the
navigation (every store, or one; the switch opens the narrowed context on a worker) and a Refresh
button that brings the hub's projection up to date; the status bar names the hub: no printer, no sync.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
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
from possuite.ui.book_watch import BookWatch
from possuite.ui.check_worker import CheckOutcome, CheckWorker
from possuite.ui.pages import PAGES, PageSpec
from possuite.ui.resources import icon
from possuite.ui.state import AppState, show_error
from possuite.ui.sync_worker import SyncWorker
from possuite.ui.widgets import TouchButton, role_title, set_role

STATUS_POLL_MS = 5000
#: The latest the window's background work waits for its first paint (a window that is never painted: hidden,
#: minimised, a test without a screen).
AFTER_FIRST_PAINT_LATEST_MS = 1000
#: The task lane of the printer's status and the print worker's loading: the receipt renderers they import
#: (python-escpos, reportlab, Jinja; about 0.35 s of CPU) never hold up a search or a page's rows.
PRINT_LANE = "print"


def printer_state(ctx):
    """The printer's status line (on the print lane)."""
    # deferred: services.till loads the receipt renderers; imported here, on a worker, after the first paint
    from possuite.services.till import printer_state as state_of

    return state_of(ctx)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    closed = Signal()

    def __init__(self, state: AppState, settings: QSettings | None = None,
                 pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.state = state
        self.settings = settings or QSettings()
        self.page_specs = pages or PAGES
        #: The owner's back office on the hub: reads every store, never sells.
        self.back_office = bool(getattr(state.ctx, "hub", ""))
        self.home = self.page_specs[0].key
        self._title()
        self.setWindowIcon(icon("possuite"))
        self.setAccessibleName("mainWindow")
        self.setMinimumSize(1024, 700)
        self.pages: dict[str, QWidget] = {}
        self.nav_buttons: dict[str, TouchButton] = {}
        self.specs: dict[str, PageSpec] = {spec.key: spec for spec in self.page_specs}
        self._build()
        self._shortcuts()
        state.user_changed.connect(self._user_changed)
        state.tasks.busy_changed.connect(self._busy)
        state.data_changed.connect(lambda what: self.poll_status() if what in ("sale", "print", "collection")
                                   else None)
        state.data_changed.connect(lambda what: self._store_changed() if what == "settings" else None)
        self._user_changed()
        self.show_page(self.home)
        self._timer = QTimer(self)
        self._timer.setInterval(STATUS_POLL_MS)
        self._timer.timeout.connect(self.poll_status)
        self.sync_worker = None
        self.check_worker = None
        self.book_watch = None
        self._closed = False
        self._after_paint: list[Callable[[], None]] = []
        self._after_paint_timer = QTimer(self)  # in case no paint comes
        self._after_paint_timer.setSingleShot(True)
        self._after_paint_timer.setInterval(AFTER_FIRST_PAINT_LATEST_MS)
        self._after_paint_timer.timeout.connect(self._run_after_paint)
        if not self.back_office:  # no printer and nothing to sync at the back office
            self.sync_worker = SyncWorker(state, state.config_dir, parent=self)
            self.sync_worker.changed.connect(self._show_sync)
            state.sync_worker = self.sync_worker
            # What a sync pulled or another process wrote reaches what the window keeps (store settings, tiles).
            self.book_watch = BookWatch(state, parent=self)
            self.sync_worker.pulled.connect(self.book_watch.pulled)
            self._timer.timeout.connect(self.book_watch.poll)
            self.check_worker = CheckWorker(state, parent=self)
            self.check_worker.changed.connect(self._show_check)
            state.check_worker = self.check_worker
            # The status poll, the sync (its first round imports psycopg and the hub's SQL on a worker) and the
            # check's schedule start once the window has painted: started before, their threads competed with
            # the first paint for the interpreter (issue 15, cold start; docs/architecture.md §6).
            self.after_first_paint(self._start_background)
        self._restore_geometry()

    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the window has been painted for the first time (at once if it has been)."""
        if self._after_paint is None:
            fn()
            return
        self._after_paint.append(fn)
        self._after_paint_timer.start()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._after_paint:
            QTimer.singleShot(0, self._run_after_paint)  # after this paint pass (the pages paint next)

    def _run_after_paint(self) -> None:
        self._after_paint_timer.stop()
        todo, self._after_paint = self._after_paint or [], None
        for fn in todo:
            fn()

    def _start_background(self) -> None:
        if self._closed:
            return
        self._timer.start()
        self.poll_status()
        self.book_watch.poll()  # where the book stands: the next polls see what other processes commit after
        self.sync_worker.start()
        self.check_worker.start()

    def _store_changed(self) -> None:
        """The store's settings changed (here, pulled by a sync, or written by another process): its name shows."""
        self._title()
        if not self.back_office:
            self.store_label.setText(self.state.ctx.store.name)
            self.store_status.setText(self.state.ctx.store.name)

    def _title(self) -> None:
        ctx = self.state.ctx
        if self.back_office:
            self.setWindowTitle(self.tr("possuite — back office — {store} on {hub}").format(store=ctx.store.name,
                                                                                          hub=ctx.hub))
        else:
            self.setWindowTitle(self.tr("possuite — {store}").format(store=ctx.store.name))

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
        self.store_label = QLabel()
        self.store_label.setObjectName("navStore")
        self.store_label.setWordWrap(True)
        nl.addWidget(self.store_label)
        if self.back_office:
            self._build_store_filter(nl)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        for spec in self.page_specs:
            b = TouchButton("", f"nav:{spec.key}", role="nav")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, key=spec.key: self.show_page(key))
            self.nav_group.addButton(b)
            self.nav_buttons[spec.key] = b
            nl.addWidget(b)
        nl.addStretch(1)
        self.switch_button = TouchButton("", "switchUserButton", role="nav")
        self.switch_button.clicked.connect(self.lock_requested)
        self.lock_button = TouchButton("", "lockButton", role="nav")
        self.lock_button.clicked.connect(self.lock_requested)
        if self.back_office:  # signed in by the hub's login: nobody to switch to
            self.refresh_button = TouchButton("", "hubRefreshButton", role="nav")
            self.refresh_button.clicked.connect(self.refresh_from_hub)
            nl.addWidget(self.refresh_button)
        else:
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
        self.db_status = QLabel()
        self.db_status.setAccessibleName("databaseStatus")
        self.sync_status = QLabel()
        self.sync_status.setAccessibleName("syncStatus")
        self.sync_status.hide()  # shown only on a till of a hub
        self.check_status = QLabel()
        self.check_status.setAccessibleName("checkStatus")
        self.check_status.hide()  # shown only when the background book check finds something
        self.printer_status = QLabel()
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
        bar.addPermanentWidget(self.check_status)
        bar.addPermanentWidget(self.printer_status)
        self.printer_status.setVisible(not self.back_office)
        self.retranslate_ui()

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Every text the window itself shows, in the screen's language (``ui/translation.py``)."""
        self._title()
        self.store_label.setText(self.tr("Back office") if self.back_office else self.state.ctx.store.name)
        for spec in self.page_specs:
            self.nav_buttons[spec.key].setText(QCoreApplication.translate("MainWindow", spec.title))
        self.switch_button.setText(self.tr("Switch user"))
        self.lock_button.setText(self.tr("Lock"))
        if self.back_office:
            self.refresh_button.setText(self.tr("Refresh"))
            self.backoffice_note.setText(self.tr("Reads the stores on the hub. It never sells: there is no checkout "
                                                 "here."))
            self.store_filter.setItemText(0, self.tr("All stores"))
            self.db_status.setText(self.tr("Hub: {hub} · read-only · nothing is sold here: sales are made at the "
                                           "tills").format(hub=self.state.ctx.hub))
        else:
            path = self.state.ctx.db_path
            self.db_status.setText(self.tr("Database: {file}").format(file=path.name) if path
                                   else self.tr("Database: in memory"))
            self.db_status.setToolTip(str(path) if path else "")
        if not self.printer_status.text():
            self.printer_status.setText(self.tr("Printer: …"))
        self._user_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # A window whose session ended (its tasks stopped) has nothing left to say in another language.
        if event.type() == QEvent.Type.LanguageChange and shiboken6.isValid(self.state) \
                and not self.state.tasks.stopped:
            self.retranslate_ui()
            self._rebuild_pages()
            if not self.back_office and hasattr(self, "_timer"):
                self.poll_status()
        super().changeEvent(event)

    def _rebuild_pages(self) -> None:
        """Pages that cannot retranslate themselves are built again, in the new language, when next shown.

        A page with ``retranslate_ui`` (the checkout: it keeps the cart) receives ``LanguageChange`` itself.
        """
        current = self.stack.currentWidget()
        current_key = next((k for k, w in self.pages.items() if w is current), None)
        for key, widget in list(self.pages.items()):
            if callable(getattr(widget, "retranslate_ui", None)):
                continue
            self.stack.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
            del self.pages[key]
        if current_key is not None and current_key not in self.pages:
            self.show_page(current_key)

    def _shortcuts(self) -> None:
        def on_checkout(action):
            def run() -> None:
                page = self.show_page("checkout")
                getattr(page, action)()

            return run

        if "checkout" not in self.specs:  # the back office never sells
            return
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
            key = self.home
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
        self.user_status.setText(self.tr("User: {name} ({role})").format(name=actor.name, role=role_title(actor.role)))
        for spec in self.page_specs:
            self.nav_buttons[spec.key].setVisible(self.state.is_owner or not spec.owner_only)
        current = self.stack.currentWidget()
        for key, widget in self.pages.items():
            if widget is current and self.specs[key].owner_only and not self.state.is_owner:
                self.show_page(self.home)

    # --- the back office's store filter --------------------------------------------------
    def _build_store_filter(self, layout: QVBoxLayout) -> None:
        ctx = self.state.ctx
        self.backoffice_note = note = QLabel()
        note.setObjectName("backOfficeNote")
        note.setAccessibleName("backOfficeNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.store_filter = QComboBox()
        self.store_filter.setAccessibleName("storeFilter")
        self.store_filter.setMinimumHeight(44)
        self.store_filter.addItem("", "*")  # "All stores": retranslate_ui
        for store_id, name in ctx.stores:
            self.store_filter.addItem(name, store_id)
        self.store_filter.setCurrentIndex(max(self.store_filter.findData(ctx.store_id), 0))
        self.store_filter.currentIndexChanged.connect(lambda _i: self.choose_store(self.store_filter.currentData()))
        layout.addWidget(self.store_filter)
        layout.addSpacing(8)

    def choose_store(self, store_id: str) -> None:
        """Every page shows ``store_id`` (``*``: every store) from now on."""
        if store_id == self.state.ctx.store_id:
            return
        self.store_filter.setEnabled(False)
        self.state.tasks.run(self.state.ctx.narrowed, store_id, on_done=self._store_chosen,
                             on_error=self._store_failed, label=self.tr("Opening the store"))

    def _store_chosen(self, ctx) -> None:
        old = self.state.ctx
        self.state.ctx = ctx.as_actor(old.actor)
        old.engine.dispose()
        self.store_filter.setEnabled(True)
        self.store_status.setText(ctx.store.name)
        self._title()
        self.state.data_changed.emit("*")

    def _store_failed(self, exc: BaseException) -> None:
        self.store_filter.setEnabled(True)
        self.store_filter.blockSignals(True)
        self.store_filter.setCurrentIndex(max(self.store_filter.findData(self.state.ctx.store_id), 0))
        self.store_filter.blockSignals(False)
        show_error(self, exc)

    def refresh_from_hub(self) -> None:
        """Bring the hub's projection up to date with what the tills sent, then reload every page."""
        # deferred: the hub's modules load with the back office only
        from possuite.hub.backoffice import refresh_projection

        self.state.tasks.run(refresh_projection, self.state.ctx, label=self.tr("Reading the hub"),
                             on_done=lambda _r: self.state.data_changed.emit("*"))

    # --- status --------------------------------------------------------------------------
    def poll_status(self) -> None:
        if getattr(self, "sync_worker", None) is not None:
            self._show_sync()  # "Synced 2 min ago" moves on with the clock
        self.state.tasks.run(printer_state, self.state.ctx, on_done=self._printer, lane=PRINT_LANE,
                             on_error=lambda exc: self.printer_status.setText(self.tr("Printer: {exc}").format(
                                 exc=exc)))

    def _show_sync(self, st: SyncState | None = None) -> None:
        st = st if st is not None else self.sync_worker.state
        text, failed = status_line(st, self.state.ctx.clock.now())
        self.sync_status.setText(text)
        self.sync_status.setToolTip(self.tr("Hub {hub}, till {till}").format(hub=st.hub,
                                                                             till=st.till) if st.is_till else "")
        self.sync_status.setVisible(bool(text))
        set_role(self.sync_status, "error" if failed else "info")

    def _show_check(self, outcome: CheckOutcome) -> None:
        text = outcome.status()
        self.check_status.setText(text)
        self.check_status.setToolTip(outcome.first or outcome.error or outcome.gone)
        self.check_status.setVisible(bool(text))
        set_role(self.check_status, "error")

    def _printer(self, st) -> None:
        self.printer_status.setText(st.message or self.tr("Printer: {state}").format(state=st.state))
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
        self._closed = True
        self.save_geometry()
        self._timer.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
        if self.book_watch is not None:
            self.book_watch.stop()
        if self.check_worker is not None:
            self.check_worker.stop()
        self.closed.emit()
        super().closeEvent(event)
