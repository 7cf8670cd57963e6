"""What a running till keeps in memory of its book, kept up with what a sync pulled or another process wrote.

The window reads most things when it uses them (a scan reads the item and its price at the scan, the login
screen its users when it opens, a page its rows when shown or told). What it keeps:

- the store's settings (``Context.store``, one copy shared by the window, the login screen and the print worker):
  the window's title and status bar, the receipts' header (name, address, phone, GSTIN), the invoice and receipt
  prefixes, credit days, the cashiers' discount limit, GST registration, return days;
- the checkout's tiles: the most sold items with their prices (a tile adds its item at the price it shows);
- the login screen's users, while the till is locked (the sync goes on meanwhile).

Two things change them under a running till, and each is answered here, never with disk work on the GUI thread:

- **a sync round pulled rows** (``SyncWorker.pulled``: the round's tables and row counts, ``hub.pull.pull_tables``):
  the store's row → its settings are read again on the search lane and used from then on
  (``data_changed("settings")``); items → ``data_changed("item")`` (the tiles are read again); users →
  ``data_changed("users")`` (the login screen's list, if it is shown); the rest
  (customers, other tills' bills) → ``data_changed("sync")`` as before (the worker says it);
- **another process wrote the book** (``possuite store set``, ``possuite item edit`` on the same file while the till
  runs): ``poll`` (the status bar's timer, every 5 s) asks SQLite's ``PRAGMA data_version`` on a connection of its
  own; when another connection committed since (this till's own sales count too: they write on other
  connections), the store's row is read again and compared, and ``data_changed("book")`` reads the tiles again
  (the checkout redraws them only when they differ). Two statements after a change, one when nothing changed.

The rule for a sale in progress (docs/architecture.md §7, "What a running till takes from a sync"): a cart line
keeps the price it was scanned at; a line scanned after the change takes the new price, in a line of its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping

from PySide6.QtCore import QObject
from sqlalchemy import event

from possuite.services.context import StoreSettings
from possuite.ui.state import AppState

log = logging.getLogger("possuite.ui")

#: The tables a running till keeps something of in memory, and the ``data_changed`` kind that reloads it
#: (``stores`` is read again first: ``BookWatch.reload_store``).
RELOADS = {"items": "item", "users": "users"}
STORE_TABLE = "stores"


class BookWatch(QObject):
    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.store_reloads = 0  # store settings read again and found changed (tests wait on it)
        self.polls = 0  # polls answered (tests wait on it)
        self._polling = False
        self._stopped = False
        self._commits = CommitCounter()

    # --- a sync round ---------------------------------------------------------------------------
    def pulled(self, tables: Mapping[str, int]) -> None:
        """A sync round changed these tables of the book (rows by table): reload what the window keeps of them."""
        if self._stopped:
            return
        if STORE_TABLE in tables:
            self.reload_store()
        for table, kind in RELOADS.items():
            if tables.get(table):
                self.state.data_changed.emit(kind)

    def reload_store(self) -> None:
        """Read the store's settings again on the search lane; used from then on if they changed."""
        ctx = self.state.ctx
        self.state.tasks.search(ctx.read_store, on_done=self._store_read,
                                on_error=lambda exc: log.warning("the store's settings could not be read again: %s",
                                                                 exc))

    def _store_read(self, settings: StoreSettings | None) -> None:
        if settings is None or self._stopped or settings.id != self.state.ctx.store_id:
            return
        if not self.state.ctx.use_store(settings):
            return
        from possuite.ui.translation import use_store_digits

        self.store_reloads += 1
        use_store_digits(settings.devanagari_digits)
        self.state.data_changed.emit("settings")

    # --- another process ------------------------------------------------------------------------
    def poll(self) -> None:
        """Has another connection committed to the book since the last poll? (On the search lane.)"""
        if self._polling or self._stopped or self.state.tasks.stopped or self.state.ctx.db_path is None:
            return
        self._polling = True
        self.state.tasks.search(self._probe, self.state.ctx, on_done=self._probed, on_error=self._probe_failed)

    def _probe(self, ctx) -> StoreSettings | None:
        """On the search lane: None when nothing was committed elsewhere; else the store's settings as they are."""
        if not self._commits.moved(ctx.engine):
            return None
        return ctx.read_store()

    def _probed(self, settings: StoreSettings | None) -> None:
        self._polling = False
        self.polls += 1
        if settings is None or self._stopped:
            return
        self._store_read(settings)
        self.state.data_changed.emit("book")

    def _probe_failed(self, exc: BaseException) -> None:
        self._polling = False
        self._commits.close()  # a new connection next time
        log.warning("the book's change counter could not be read: %s", exc)

    def stop(self) -> None:
        """At exit: no more polls; the watch's connection is closed."""
        self._stopped = True
        self._commits.close()


class CommitCounter:
    """Whether another connection committed to a book since the last look: SQLite's ``PRAGMA data_version`` on a
    connection of the counter's own (taken out of the engine's pool: the value is per connection and counts the
    commits of every other one, in this process or another). Closed when the engine is disposed (a restore swaps
    the book's file under closed connections only) and opened again at the next look. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn = None
        self._engine = None  # the engine the counter listens to (its disposal closes the connection)
        self._version: int | None = None

    def moved(self, engine) -> bool:
        """True when another connection committed since the last call (False at the first: it notes where the book
        stands)."""
        with self._lock:
            if self._engine is not engine:
                self._forget_engine()
                event.listen(engine, "engine_disposed", self._disposed)
                self._engine = engine
            if self._conn is None:
                conn = engine.raw_connection()
                conn.detach()  # its own connection, out of the pool's count
                self._conn = conn
            cur = self._conn.cursor()
            try:
                version = cur.execute("PRAGMA data_version").fetchone()[0]
            finally:
                cur.close()
            previous, self._version = self._version, version
            return previous is not None and version != previous

    def _disposed(self, _engine) -> None:
        with self._lock:  # (the engine still listens: it opens connections again after a restore)
            self._close_connection()

    def close(self) -> None:
        with self._lock:
            self._forget_engine()

    def _forget_engine(self) -> None:
        self._close_connection()
        engine, self._engine = self._engine, None
        if engine is not None and event.contains(engine, "engine_disposed", self._disposed):
            event.remove(engine, "engine_disposed", self._disposed)

    def _close_connection(self) -> None:
        conn, self._conn, self._version = self._conn, None, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing must not raise
                log.debug("closing the commit counter's connection failed", exc_info=True)
