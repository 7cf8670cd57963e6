"""The background sync of a till: after each sale or collection and every minute, never on the UI thread.

Each round is ``hub.background.sync_round`` on the task runner's own ``sync`` lane (a worker
thread of its own, so a slow hub never holds up a sale on the main lane or a search). One round
runs at a time: a request while one is running is remembered and run once when it ends. The hub
away is normal: the answer says "Offline — N sales waiting", never a dialog. ``changed`` carries
each answer (a ``SyncState``) to the status bar and Settings › Sync (docs/architecture.md §7).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from possuite.hub.sync_state import FAILED, NOT_A_TILL, SyncState
from possuite.ui.state import AppState, error_text

SYNC_LANE = "sync"
INTERVAL_MS = 60_000
#: The writes after which a till pushes at once.
SYNC_AFTER = frozenset({"sale", "collection", "customer", "adjustment", "void", "merge"})


def _current(ctx):
    # deferred: hub.background loads psycopg and the hub's SQL (~0.15 s); on this worker thread, after
    # the window is up, never at start-up
    from possuite.hub.background import current

    return current(ctx)


def _sync_round(ctx, config_dir: Path) -> SyncState:
    from possuite.hub.background import sync_round  # deferred: see _current

    return sync_round(ctx, config_dir)


class SyncWorker(QObject):
    changed = Signal(object)  # SyncState

    def __init__(self, state: AppState, config_dir: Path, interval_ms: int = INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = state
        self.config_dir = config_dir
        self.state = SyncState(NOT_A_TILL)
        self.rounds = 0  # finished sync rounds (tests wait on it)
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.request)
        state.data_changed.connect(lambda what: self.request() if what in SYNC_AFTER else None)

    def start(self) -> None:
        """Show what the book knows at once (no network), then sync now and every interval."""
        self.app.tasks.run(_current, self.app.ctx, on_done=self._shown, on_error=lambda _exc: None, lane=SYNC_LANE)
        self.request()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        """Sync now, or right after the round that is running."""
        if self._running:
            self._again = True
            return
        self._running = True
        self.app.tasks.run(_sync_round, self.app.ctx, self.config_dir, on_done=self._done, on_error=self._failed,
                           lane=SYNC_LANE)

    def _shown(self, state: SyncState) -> None:
        if self.rounds == 0:  # a round that already ended knows better
            self._publish(state)

    def _done(self, state: SyncState) -> None:
        self._running = False
        self.rounds += 1
        self._publish(state)
        if state.pulled:  # other tills' rows arrived: balances, over-limit flags and lists reload
            self.app.data_changed.emit("sync")
        if self._again:
            self._again = False
            self.request()

    def _failed(self, exc: BaseException) -> None:
        # An unexpected error (a bug, a damaged book): shown in red on the status bar, logged by the runner.
        self._done(SyncState(FAILED, reason=error_text(exc), hub=self.state.hub, till=self.state.till,
                             waiting=self.state.waiting, waiting_sales=self.state.waiting_sales,
                             last_sync=self.state.last_sync))

    def _publish(self, state: SyncState) -> None:
        self.state = state
        self.changed.emit(state)
