"""The integrity check in the background: the incremental check at each day close, the full check on a schedule.

Never on the UI thread, one at a time; a request while one runs is remembered and run when it ends
(both seal days: they never run at once).

- **Day close** (a shift closed, its Z report queued): ``integrity.run_incremental`` proves what the day
  touched and the seals' chain, and seals the completed days (docs/architecture.md §3.5); then the customers'
  search index is merged into one segment (``customers.merge_search_index``, in short steps). It runs in the
  app's process, on the task runner's own ``check`` lane (never in front of a sale on the main lane or a
  search): it takes a fraction of a second, and a process would cost more to start than the check.
- **Schedule**: the full check (``integrity.run_scheduled_full``: the whole book, every sealed day read
  back, and when it finds nothing the completed days sealed) ``FIRST_FULL_MS`` after the window opens
  and then every ``FULL_INTERVAL_MS``, in **a process of its own** below the till's priority
  (``services/check_process.py``: ``possuite check worker``), started for each run on the ``check``
  lane: tens of seconds of Python at shop scale would otherwise hold the window's interpreter lock. A
  process that ends without an answer (killed, crashed) is shown in red and started again at the next
  scheduled run; closing the window ends it.

Findings show on the status bar in red (``changed`` carries the outcome) and go to the log; the owner
runs ``possuite check`` for the list (and ``check --rebuild`` for the ledger cache).
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from possuite.services import customers
from possuite.services.check_process import CheckProcess, CheckResult
from possuite.ui.state import AppState, error_text

log = logging.getLogger("possuite.ui")

CHECK_LANE = "check"
#: The first full check after the window opens (the till is usually quiet then), then one a day.
FIRST_FULL_MS = 10 * 60_000
FULL_INTERVAL_MS = 24 * 60 * 60_000
INCREMENTAL = "incremental"
FULL = "full"


@dataclass(frozen=True)
class CheckOutcome:
    kind: str                    # INCREMENTAL or FULL
    findings: int
    first: str = ""              # the first finding, as the log and the status bar's tooltip say it
    error: str = ""              # the check itself failed (a damaged file): shown like a finding
    gone: str = ""               # the check's process ended without an answer (killed, crashed): why
    pid: int = 0                 # the process that ran the check

    @property
    def sound(self) -> bool:
        return not self.findings and not self.error and not self.gone

    def status(self) -> str:
        """The status bar's words, in the screen's language (English: ``Book check: 2 finding(s) — …``)."""
        if self.gone:
            # the process ended before its answer (its exit code is in the tooltip); the schedule runs it again
            return QCoreApplication.translate("check_worker", "Book check did not finish; it will run again")
        if self.error:
            return QCoreApplication.translate("check_worker", "Book check failed: {error}").format(error=self.error)
        if self.findings:
            # {count}, not %n: the English words stay as they were ("finding(s)"), Hindi words it without a plural
            text = QCoreApplication.translate("check_worker", "Book check: {count} finding(s) — run possuite check")
            return text.format(count=self.findings)
        return ""


def _incremental(ctx) -> CheckOutcome:
    # deferred: the check's modules load on the check lane at the first day close, never on the way to the window
    from possuite.services import integrity

    found = integrity.run_incremental(ctx).findings
    _merge_search_index(ctx)
    return CheckOutcome(INCREMENTAL, len(found), str(found[0]) if found else "", pid=os.getpid())


def _merge_search_index(ctx) -> None:
    """The day close's tidy-up of the customers' search index (``customers.merge_search_index``: its segments
    merged in short write transactions), after the check on the same lane. A failure is logged, not the
    check's outcome: the search still works, the next day close tries again."""
    try:
        customers.merge_search_index(ctx)
    except Exception:  # noqa: BLE001 - housekeeping only
        log.warning("merging the customers' search index failed; the next day close tries again", exc_info=True)


def _full_outcome(result: CheckResult) -> CheckOutcome:
    """The child's answer as the status bar shows it (a user's error in the screen's language)."""
    user = result.user_error()
    error = error_text(user) if user is not None else result.error
    return CheckOutcome(FULL, result.count, str(result.findings[0]) if result.findings else "", error=error,
                        pid=result.pid)


class CheckWorker(QObject):
    changed = Signal(object)  # CheckOutcome
    _answered = Signal(object)  # CheckResult, from the check process's reader thread
    _ended = Signal(str)        # the check process ended without an answer: why

    def __init__(self, state: AppState, first_full_ms: int = FIRST_FULL_MS, full_interval_ms: int = FULL_INTERVAL_MS,
                 parent: QObject | None = None, command: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.app = state
        self.command = command  # the child's command line (tests); else services.check_process.child_command
        self.env = env          # the child's environment (tests: POSSUITE_NOW); else the app's
        self.outcome: CheckOutcome | None = None
        self.runs: list[str] = []   # kinds of the finished runs (tests wait on it)
        self.process: CheckProcess | None = None  # the full check's process, the latest run's
        self._running = False
        self._stopped = False
        self._lock = threading.Lock()  # the window closing vs. the check lane starting a process
        self._queued: list[str] = []
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(first_full_ms)
        self._first.timeout.connect(self.request_full)
        self._every = QTimer(self)
        self._every.setInterval(full_interval_ms)
        self._every.timeout.connect(self.request_full)
        self._answered.connect(self._result)
        self._ended.connect(self._gone)
        state.day_closed.connect(self.request_incremental)

    def start(self) -> None:
        self._first.start()
        self._every.start()

    def stop(self) -> None:
        """The window closes: no more runs; a full check in progress ends with its process (waited for)."""
        self._first.stop()
        self._every.stop()
        with self._lock:
            self._stopped = True
            process = self.process
        if process is not None:
            process.stop()

    @property
    def running(self) -> bool:
        return self._running

    def request_incremental(self) -> None:
        self._request(INCREMENTAL)

    def request_full(self) -> None:
        self._request(FULL)

    def _request(self, kind: str) -> None:
        if self._stopped:
            return
        if self._running:
            if kind not in self._queued:
                self._queued.append(kind)
            return
        self._running = True
        on_error = lambda exc, k=kind: self._done(CheckOutcome(k, 0, error=error_text(exc)))  # noqa: E731
        if kind == INCREMENTAL:
            self.app.tasks.run(_incremental, self.app.ctx, on_done=self._done, on_error=on_error, lane=CHECK_LANE)
        else:
            self.app.tasks.run(self._launch, self.app.ctx, on_done=self._launched, on_error=on_error, lane=CHECK_LANE)

    def _launch(self, ctx) -> bool:
        """On the check lane (starting a process is no wait for the UI thread): a new child for this run."""
        db_path = ctx.db_path or Path(ctx.engine.url.database)
        process = CheckProcess(db_path, self._answered.emit, self._ended.emit, command=self.command, env=self.env)
        with self._lock:
            if self._stopped:
                return False
            self.process = process
            return process.start()

    def _launched(self, started: bool) -> None:
        if not started:  # the window closed first
            self._running = False

    def _result(self, result: CheckResult) -> None:
        if self._running:
            log.info("the full book check ran in process %d: %.1f s, %.1f s of CPU", result.pid, result.wall_s,
                     result.cpu_s)
            self._done(_full_outcome(result))

    def _gone(self, why: str) -> None:
        # Killed or crashed before its answer: red on the status bar; the next scheduled run starts a new one.
        if self._running and not self._stopped:
            self._done(CheckOutcome(FULL, 0, gone=why))

    def _done(self, outcome: CheckOutcome) -> None:
        self._running = False
        self.runs.append(outcome.kind)
        if outcome.gone:
            log.warning("the %s book check did not finish: %s; it runs again at the next scheduled check",
                        outcome.kind, outcome.gone)
        elif not outcome.sound:
            log.warning("the %s book check found %s finding(s)%s", outcome.kind, outcome.findings,
                        f"; first: {outcome.first}" if outcome.first else f": {outcome.error}")
        self.outcome = outcome
        self.changed.emit(outcome)
        if self._queued and not self._stopped:
            self._request(self._queued.pop(0))
