"""The integrity check in the background: the incremental check at each day close, the full check on a schedule.

Both run on the task runner's own ``check`` lane (a worker thread of its own: never the UI thread, and
never in front of a sale on the main lane or a search), one at a time; a request while one runs is
remembered and run when it ends.

- **Day close** (a shift closed, its Z report queued): ``integrity.run_incremental`` proves what the day
  touched and the seals' chain, and seals the completed days (docs/architecture.md §3.5).
- **Schedule**: ``integrity.run_scheduled_full`` checks the whole book ``FIRST_FULL_MS`` after the
  window opens and then every ``FULL_INTERVAL_MS``, reading every sealed day back; when it finds nothing
  it seals the completed days.

Findings show on the status bar in red (``changed`` carries the outcome) and go to the log; the owner
runs ``possuite check`` for the list (and ``check --rebuild`` for the ledger cache).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from possuite.services import integrity
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

    @property
    def sound(self) -> bool:
        return not self.findings and not self.error

    def status(self) -> str:
        """The status bar's words, in the screen's language (English: ``Book check: 2 finding(s) — …``)."""
        if self.error:
            return QCoreApplication.translate("check_worker", "Book check failed: {error}").format(error=self.error)
        if self.findings:
            # {count}, not %n: the English words stay as they were ("finding(s)"), Hindi words it without a plural
            text = QCoreApplication.translate("check_worker", "Book check: {count} finding(s) — run possuite check")
            return text.format(count=self.findings)
        return ""


def _incremental(ctx) -> CheckOutcome:
    found = integrity.run_incremental(ctx).findings
    return CheckOutcome(INCREMENTAL, len(found), str(found[0]) if found else "")


def _full(ctx) -> CheckOutcome:
    found = integrity.run_scheduled_full(ctx)
    return CheckOutcome(FULL, len(found), str(found[0]) if found else "")


class CheckWorker(QObject):
    changed = Signal(object)  # CheckOutcome

    def __init__(self, state: AppState, first_full_ms: int = FIRST_FULL_MS, full_interval_ms: int = FULL_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = state
        self.outcome: CheckOutcome | None = None
        self.runs: list[str] = []   # kinds of the finished runs (tests wait on it)
        self._running = False
        self._queued: list[str] = []
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(first_full_ms)
        self._first.timeout.connect(self.request_full)
        self._every = QTimer(self)
        self._every.setInterval(full_interval_ms)
        self._every.timeout.connect(self.request_full)
        state.day_closed.connect(self.request_incremental)

    def start(self) -> None:
        self._first.start()
        self._every.start()

    def stop(self) -> None:
        self._first.stop()
        self._every.stop()

    @property
    def running(self) -> bool:
        return self._running

    def request_incremental(self) -> None:
        self._request(INCREMENTAL)

    def request_full(self) -> None:
        self._request(FULL)

    def _request(self, kind: str) -> None:
        if self._running:
            if kind not in self._queued:
                self._queued.append(kind)
            return
        self._running = True
        fn = _incremental if kind == INCREMENTAL else _full
        self.app.tasks.run(fn, self.app.ctx, on_done=self._done,
                           on_error=lambda exc, k=kind: self._done(CheckOutcome(k, 0, error=error_text(exc))),
                           lane=CHECK_LANE)

    def _done(self, outcome: CheckOutcome) -> None:
        self._running = False
        self.runs.append(outcome.kind)
        if not outcome.sound:
            log.warning("the %s book check found %s finding(s)%s", outcome.kind, outcome.findings,
                        f"; first: {outcome.first}" if outcome.first else f": {outcome.error}")
        self.outcome = outcome
        self.changed.emit(outcome)
        if self._queued:
            self._request(self._queued.pop(0))
