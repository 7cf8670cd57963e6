"""Start the till: open the database, first-run wizard or login, then the main window.

``run_app(db)`` is what ``possuite`` with no command calls; it reads the environment once through
the wiring (``possuite.bootstrap``) and hands the values down. Heavy modules (pages, dialogs,
printing) are imported when first needed, so the login screen appears quickly.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine

from possuite import freeze_start_objects
from possuite.bootstrap import (
    Environment,
    open_context,
    prepare_user_folders,
    read_environment,
    start_process,
    user_config_dir,
)
from possuite.db.engine import open_database
from possuite.domain.clock import Clock
from possuite.domain.errors import PossuiteError
from possuite.hub import is_hub_url
from possuite.services.backup import backup_at_day_end
from possuite.services.context import Actor, Context
from possuite.services.users import store_exists
from possuite.ui.damaged_db_dialog import BackgroundCheck, check_database_at_start, needs_background_check
from possuite.ui.login import LoginDialog
from possuite.ui.main_window import PRINT_LANE, MainWindow
from possuite.ui.pages import BACK_OFFICE_PAGES
from possuite.ui.resources import apply_look, icon, use_resource_dir
from possuite.ui.state import AppState, TaskRunner, show_error
from possuite.ui.translation import SOURCE_LANGUAGE, set_language, use_store_digits
from possuite.ui.wizard import SetupWizard

log = logging.getLogger("possuite.ui")


class AppController(QObject):
    """The life of one till session: wizard → login → main window; lock → login again; exit."""

    def __init__(self, engine: Engine, path: Path | None, clock: Clock, settings: QSettings | None = None,
                 env: Environment | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.path = path
        self.clock = clock
        self.settings = settings
        self.env = env or Environment()
        self.tasks = TaskRunner(self, default_error=lambda exc: show_error(None, exc))
        self.state: AppState | None = None
        self.window = None
        self.wizard = None
        self.login = None
        self.print_worker = None
        self._base_ctx: Context | None = None

    def base_ctx(self) -> Context:
        """The store's context before anyone signs in: it has no rights (the login gives the actor)."""
        if self._base_ctx is None:
            self._base_ctx = open_context(self.env, engine=self.engine, path=self.path, clock=self.clock)
        return self._base_ctx

    def start(self) -> None:

        if store_exists(self.engine):
            self.show_login()
        else:
            self.show_wizard()

    def show_wizard(self) -> None:

        self.wizard = SetupWizard(self.engine, self.clock, self.tasks)
        self.wizard.created.connect(lambda _sid, actor: self.signed_in(actor))
        self.wizard.rejected.connect(self.quit)
        self.wizard.show()

    def show_login(self, locked_by: str | None = None) -> None:

        self.login = LoginDialog(self.base_ctx(), self.tasks, locked_by=locked_by)
        self.login.signed_in.connect(self.signed_in)
        if self.state is not None:  # locked: the sync and the book watch go on (ui/book_watch.py)
            self.state.data_changed.connect(self.login.book_changed)
        self.login.rejected.connect(self.quit)
        self.login.show()

    def signed_in(self, actor: Actor) -> None:
        # The screen speaks the user's language: a window already built retranslates on LanguageChange.
        use_store_digits((self.state.ctx if self.state is not None else self.base_ctx()).store.devanagari_digits)
        set_language(actor.language)
        if self.state is None:

            self.state = AppState(self.base_ctx().as_actor(actor), self, tasks=self.tasks)
            self.window = MainWindow(self.state, self.settings)
            self.window.lock_requested.connect(self.lock)
            self.window.closed.connect(self.quit)
            self.window.show()
            # The start's objects set aside from the collector once the window has painted (issue 15)
            self.window.after_first_paint(freeze_start_objects)
            # The printer thread starts once the window has painted; its module (the receipt renderers) loads
            # on a worker meanwhile (issue 15, cold start)
            self.window.after_first_paint(self._load_print_worker)
        else:
            self.state.set_actor(actor)
            self.window.show()
        self.window.checkout.focus_item_entry()

    def _load_print_worker(self) -> None:
        """Import the print worker on the print lane (not the GUI thread), then start it on the GUI thread."""
        if self.state is None or self.tasks.stopped:
            return
        self.tasks.run(_print_worker_class, on_done=self._start_print_worker, lane=PRINT_LANE,
                       on_error=lambda exc: log.error("the print worker did not load: %s", exc))

    def _start_print_worker(self, worker_class=None):
        """The background printer thread; None when it cannot start (printing never stops the till opening)."""
        if self.print_worker is not None or self.state is None or self.tasks.stopped:
            return self.print_worker
        worker_class = worker_class or _print_worker_class()
        try:
            worker = worker_class(self.state.ctx)
            worker.start()
        except Exception:
            log.exception("the print worker did not start")
            return None
        self.state.print_worker = worker
        # A collection or reprint queued its job in its own transaction: print it now, not at the next poll.
        self.state.data_changed.connect(lambda what: worker.wake() if what in ("collection", "print") else None)
        self.print_worker = worker
        return worker

    def lock(self) -> None:
        if self.window is not None:
            self.window.hide()
        self.show_login(locked_by=self.state.actor.name if self.state else None)

    def quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def close_windows(self) -> None:
        for w in (self.window, self.login, self.wizard):
            if w is not None:
                w.hide()

    def shutdown(self) -> None:
        if self.print_worker is not None:
            try:
                self.print_worker.stop()
            except Exception:
                log.exception("the print worker did not stop cleanly")
        self.print_worker = None
        if self.window is not None:
            self.window.save_geometry()
        self.tasks.stop()
        self.engine.dispose()


def _print_worker_class():
    # deferred: the worker loads the receipt renderers (python-escpos, reportlab, Jinja), after the window is up
    from possuite.services.print_worker import PrintWorker

    return PrintWorker


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("possuite")
    app.setApplicationName("possuite")
    apply_look(app)
    set_language(SOURCE_LANGUAGE)  # the English catalog: plural forms; the login switches to the user's
    app.setWindowIcon(icon("possuite"))
    return app


def window_settings(path: Path | None = None) -> QSettings:
    """Where the window remembers its size: ``path`` (an .ini file: ``POSSUITE_SETTINGS``) or the platform's place."""
    return QSettings(str(path), QSettings.Format.IniFormat) if path else QSettings()


def run_app(db: str | None = None, env: Environment | None = None, store: str | None = None) -> int:
    """Open the till window on ``db`` (or $POSSUITE_DB, or the default file). Returns the exit code.

    ``env`` is the environment the caller (``possuite``) already read and set the process up with;
    without one it is read and the process set up here. A hub URL (``postgresql://…``) opens the
    owner's back office instead (``run_backoffice``; ``store`` narrows it to one store).
    """

    if env is None:
        env = read_environment()
        start_process(env)
    use_resource_dir(env.resources_dir)
    app = make_app()
    if is_hub_url(db):
        return run_backoffice(app, db, env, store)
    path = env.db_path(db)
    try:
        clock = env.clock()
        # PRAGMA quick_check first: a damaged file gets the restore-a-backup dialog, not a crash.
        if path.exists() and not check_database_at_start(path, None, clock):
            return 2
        engine = open_database(path)
    except PossuiteError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("main", "possuite cannot open the database"), exc.message)
        return 2
    prepare_user_folders(env, path)
    sys.excepthook = _apologise
    app.setQuitOnLastWindowClosed(False)  # the controller decides (locking hides the window)
    while True:
        controller = AppController(engine, path, clock, window_settings(env.settings_file), env)
        controller.start()
        watcher = None
        if needs_background_check(path):
            # A big book opened after a light check; if the full check finds damage, the till stops
            # (every sale so far is committed) and the restore dialog takes over.
            watcher = BackgroundCheck()
            watcher.damaged.connect(lambda _problems: app.exit(_RECHECK))
            watcher.start(path)
        try:
            code = app.exec()
        finally:
            controller.close_windows()
            controller.shutdown()
        if code != _RECHECK:
            _day_end_backup(path, clock)
            return code
        try:
            if not check_database_at_start(path, None, clock, full=True):
                return 2
            engine = open_database(path)
        except PossuiteError as exc:
            QMessageBox.critical(None, QCoreApplication.translate("main", "possuite cannot open the database"),
                                 exc.message)
            return 2


_RECHECK = 75  # the event loop's exit code when the background check found damage


def open_backoffice_window(ctx, settings: QSettings | None = None, tasks: TaskRunner | None = None) -> MainWindow:
    """The owner's back office on ``ctx`` (``hub.backoffice.BackOfficeContext``): Customers, Bills,
    Balances and Reports across the hub's stores, a store filter, no checkout."""
    state = AppState(ctx, tasks=tasks)
    return MainWindow(state, settings, pages=BACK_OFFICE_PAGES)


def run_backoffice(app: QApplication, url: str, env: Environment, store: str | None = None) -> int:
    """The back office window on the hub at ``url`` until it closes; 2 when the hub cannot be opened."""
    # deferred: psycopg and the hub's modules load only for the back office
    from possuite.hub.backoffice import open_backoffice

    try:
        ctx = open_backoffice(url, store=store, clock=env.clock(),
                              config_dir=user_config_dir())
    except PossuiteError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("main", "possuite cannot open the hub"), exc.message)
        return 2
    tasks = TaskRunner(None, default_error=lambda exc: show_error(None, exc))
    window = open_backoffice_window(ctx, window_settings(env.settings_file), tasks)
    window.show()
    try:
        return app.exec()
    finally:
        window.save_geometry()
        tasks.stop()
        window.state.ctx.engine.dispose()


def _apologise(exc_type, exc, tb) -> None:
    """An unexpected error in a slot: log it, tell the user briefly; the window (and the cart) stay."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return

    exc.__traceback__ = tb
    show_error(QApplication.activeWindow(), exc, QCoreApplication.translate("main", "Sorry"))


def _day_end_backup(path: Path, clock: Clock) -> None:
    """Closing the till ends the day: take the day-end backup (rotation keeps the folder small)."""
    try:

        backup_at_day_end(path, clock=clock)
    except Exception:  # a failed backup must not turn closing the till into a crash
        logging.getLogger("possuite.ui").exception("day-end backup failed")
