"""The background sync of a till: after each sale or collection and every minute, never on the UI thread,
and never in the till's own process.

Each round runs in the app's sync process (``hub/sync_process.py``: ``possuite sync worker``, started
here once and watched, below the till's priority), so the sync shares neither the till's interpreter
lock nor its priority. The book is read here only to know whether it is a till at all (a book that is
no till starts no process) and what waits, on the task runner's own ``sync`` lane. One round runs at
a time: a request while one is running is remembered and run once when it ends. While a sale is open
at the counter (``AppState.sale_open``) the process waits between two batches, so its writes land
between sales. The hub away is normal: the answer says "Offline — N sales waiting", never a dialog.
The process ending by itself is shown in red (``FAILED``) and it is started again at the next round.
``changed`` carries each answer (a ``SyncState``) to the status bar and Settings › Sync, and ``pulled`` the
tables a round changed (rows by table) to ``ui/book_watch.py``, which reloads what the window keeps of them
(docs/architecture.md §7).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from possuite.hub.sync_process import SyncProcess
from possuite.hub.sync_state import FAILED, NOT_A_TILL, SyncState
from possuite.ui.state import AppState, error_text

SYNC_LANE = "sync"
INTERVAL_MS = 60_000
#: The writes after which a till pushes at once.
SYNC_AFTER = frozenset({"sale", "collection", "customer", "adjustment", "void", "merge"})
#: What a round that says it pulled rows without saying of which tables changed (a child of another version).
ANY_TABLE = {"stores": 1, "items": 1}


def _current(ctx):
    # deferred: hub.background loads psycopg and the hub's SQL (~0.15 s); on this worker thread, after
    # the window is up, never at start-up
    from possuite.hub.background import current

    return current(ctx)


class SyncWorker(QObject):
    changed = Signal(object)  # SyncState
    pulled = Signal(object)  # {table: rows} a round changed in the book (hub.pull.pull_tables)
    _answered = Signal(object)  # from the process's reader thread: handled on the UI thread
    _ended = Signal(str)

    def __init__(self, state: AppState, config_dir: Path, interval_ms: int = INTERVAL_MS,
                 parent: QObject | None = None, command: list[str] | None = None) -> None:
        super().__init__(parent)
        self.app = state
        self.config_dir = config_dir
        self.command = command  # the child's command line (tests); else hub.sync_process.child_command
        self.state = SyncState(NOT_A_TILL)
        self.rounds = 0  # finished sync rounds (tests wait on it)
        self.process: SyncProcess | None = None
        self._running = False
        self._again = False
        self._sale_open = False
        self._stopped = False
        self._known: SyncState | None = None  # the book's own state at the last request (no network)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.request)
        self._answered.connect(self._done)
        self._ended.connect(self._gone)
        state.data_changed.connect(lambda what: self.request() if what in SYNC_AFTER else None)
        state.sale_open.connect(self._counter)

    def start(self) -> None:
        """Show what the book knows at once (no network), then sync now and every interval."""
        self.app.tasks.run(_current, self.app.ctx, on_done=self._shown, on_error=lambda _exc: None, lane=SYNC_LANE)
        self.request()
        self._timer.start()

    def stop(self) -> None:
        """At exit: no more rounds; the process ends after its batch in progress (killed if it hangs)."""
        self._stopped = True
        self._timer.stop()
        if self.process is not None:
            self.process.stop()

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        """Sync now, or right after the round that is running."""
        if self._running or self._stopped:
            self._again = not self._stopped
            return
        self._running = True
        self.app.tasks.run(self._ask, self.app.ctx, on_done=self._asked, on_error=self._failed, lane=SYNC_LANE)

    def _ask(self, ctx) -> SyncState | None:
        """On the sync lane: a book that is no till answers at once; a till's round goes to the process."""
        here = self._known = _current(ctx)
        if not here.is_till or self._stopped:
            return here
        if self.process is None:
            db_path = ctx.db_path or Path(ctx.engine.url.database)
            self.process = SyncProcess(db_path, self.config_dir, self._answered.emit, self._ended.emit,
                                       command=self.command)
            self.process.set_sale_open(self._sale_open)  # said to the child as it starts
        self.process.request()
        return None

    def _asked(self, answer: SyncState | None) -> None:
        if answer is not None:
            self._done(answer)

    def _counter(self, open_: bool) -> None:
        self._sale_open = open_
        if self.process is not None:
            self.process.set_sale_open(open_)  # the bench's cashier drives the same (bench/sync.py)

    def _shown(self, state: SyncState) -> None:
        if self.rounds == 0:  # a round that already ended knows better
            self._publish(state)

    def _done(self, state: SyncState) -> None:
        if not self._running:  # the process ended as it answered: the answer came first
            return
        self._running = False
        self.rounds += 1
        self._publish(state)
        if state.pulled:  # the store's settings and the tiles (ui/book_watch.py); balances, over-limit flags, lists
            self.pulled.emit(dict(state.pulled_tables) or dict(ANY_TABLE))
            self.app.data_changed.emit("sync")
        if self._again:
            self._again = False
            self.request()

    def _gone(self, why: str) -> None:
        # The process ended by itself (a crash, killed): red on the status bar; the next round starts it again.
        if self._running:
            self._fail(why)

    def _failed(self, exc: BaseException) -> None:
        # An unexpected error here (the process could not start, a damaged book): shown in red, logged.
        self._fail(error_text(exc))

    def _fail(self, reason: str) -> None:
        known = self.state if self.state.is_till or self._known is None else self._known
        self._done(SyncState(FAILED, reason=reason, hub=known.hub, till=known.till, till_name=known.till_name,
                             store_id=known.store_id, waiting=known.waiting, waiting_sales=known.waiting_sales,
                             last_sync=known.last_sync))

    def _publish(self, state: SyncState) -> None:
        self.state = state
        self.changed.emit(state)
