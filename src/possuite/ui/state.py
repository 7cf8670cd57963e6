"""What every page shares: the signed-in context, the background task runner, change signals.

``tasks.run(fn, *args, on_done=..., on_error=..., label=...)`` runs ``fn(*args)`` on a
worker thread and calls back on the GUI thread (Anki's ``CollectionOp``/``QueryOp`` idea,
Vorta's jobs manager). Writes go through one worker, in order; searches and status polls
use a second lane so a search never waits behind a slow write.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from possuite import i18n
from possuite.bootstrap import user_config_dir
from possuite.domain.errors import PossuiteError
from possuite.services.context import Actor, Context
from possuite.services.logs import report_unexpected
from possuite.services.permissions import allowed

log = logging.getLogger("possuite.ui")

#: A job taking longer than this shows the busy indicator (when it has a label).
BUSY_AFTER_MS = 300

MAIN = "main"
SEARCH = "search"


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    label: str | None
    id: int = 0
    result: Any = None
    error: BaseException | None = None
    started: float = field(default_factory=time.monotonic)


class _Lane(threading.Thread):
    """One worker thread draining a queue of jobs in order."""

    def __init__(self, name: str, deliver: Callable[[_Job], None]) -> None:
        super().__init__(name=f"possuite-{name}", daemon=True)
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self._deliver = deliver

    def run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            try:
                job.result = job.fn(*job.args)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                job.error = exc
            self._deliver(job)


class TaskRunner(QObject):
    """Background jobs with results delivered on the GUI thread by a queued signal."""

    _finished = Signal(object)
    #: The label of the slowest running labelled job, or "" when nothing labelled is running.
    busy_changed = Signal(str)

    def __init__(self, parent: QObject | None = None, default_error: Callable[[BaseException], None] | None = None):
        super().__init__(parent)
        self._finished.connect(self._on_finished)
        self._lanes: dict[str, _Lane] = {}
        self._pending: dict[int, _Job] = {}
        self._next_id = 0
        self._busy_label = ""
        self._default_error = default_error
        self._stopped = False

    def _lane(self, name: str) -> _Lane:
        lane = self._lanes.get(name)
        if lane is None:
            lane = _Lane(name, self._finished.emit)
            self._lanes[name] = lane
            lane.start()
        return lane

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, label: str | None = None,
            lane: str = MAIN) -> int:
        """Run ``fn(*args)`` off the GUI thread; returns a job id."""
        if self._stopped:
            raise RuntimeError("the task runner has been stopped")
        self._next_id += 1
        job = _Job(fn, args, on_done, on_error, label, id=self._next_id)
        self._pending[job.id] = job
        if label:
            QTimer.singleShot(BUSY_AFTER_MS, self._update_busy)
        self._lane(lane).jobs.put(job)
        return job.id

    def search(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> int:
        """A quick read on the search lane (never queued behind a sale)."""
        return self.run(fn, *args, on_done=on_done, on_error=on_error, lane=SEARCH)

    @property
    def stopped(self) -> bool:
        """True once ``stop`` ran (a window closed at exit may still hear of a language change)."""
        return self._stopped

    @property
    def pending(self) -> int:
        return len(self._pending)

    def _update_busy(self) -> None:
        now = time.monotonic()
        threshold = BUSY_AFTER_MS / 1000 - 0.01
        labelled = [j for j in self._pending.values() if j.label]
        labels = [j.label for j in labelled if now - j.started >= threshold]
        label = labels[0] if labels else ""
        if labelled and not labels:  # the timer fired a little early (a busy event loop): look again
            wait = min(threshold - (now - j.started) for j in labelled)
            QTimer.singleShot(max(int(wait * 1000) + 10, 10), self._update_busy)
        if label != self._busy_label:
            self._busy_label = label
            self.busy_changed.emit(label)

    def _on_finished(self, job: _Job) -> None:
        self._pending.pop(job.id, None)
        if job.label:
            self._update_busy()
        if self._stopped:
            return
        if job.error is None:
            if job.on_done is not None and _receiver_alive(job.on_done):
                job.on_done(job.result)
            return
        if not isinstance(job.error, PossuiteError):
            log.error("background job failed", exc_info=job.error)
        handler = job.on_error or self._default_error
        if handler is not None:
            handler(job.error)

    def stop(self, timeout: float = 5.0) -> None:
        """Finish queued jobs and end the worker threads (at exit)."""
        self._stopped = True
        for lane in self._lanes.values():
            lane.jobs.put(None)
        for lane in self._lanes.values():
            lane.join(timeout)
        self._lanes.clear()


def _receiver_alive(callback: Callable) -> bool:
    """False when ``callback`` is a method of a widget already deleted (a page rebuilt in a new language)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class AppState(QObject):
    """The signed-in session: context, tasks, and the signals pages listen to."""

    #: After any write: "sale", "collection", "customer", "settings", "held", ...
    data_changed = Signal(str)
    user_changed = Signal()
    #: A business day closed (a shift closed with its Z report): the incremental book check runs.
    day_closed = Signal()
    #: A sale is open at the counter (its cart has lines) or not: the sync waits between batches meanwhile.
    sale_open = Signal(bool)

    def __init__(self, ctx: Context, parent: QObject | None = None, tasks: TaskRunner | None = None,
                 config_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: The user's config folder (hub passwords), handed down by the wiring.
        self.config_dir = config_dir or user_config_dir()
        self.tasks = tasks or TaskRunner(self, default_error=lambda exc: show_error(None, exc))
        #: The printing thread (``services.print_worker.PrintWorker``), started at sign-in by ``ui.main``.
        self.print_worker = None
        #: The background sync (``ui.sync_worker.SyncWorker``), made by the main window.
        self.sync_worker = None
        #: The background book check (``ui.check_worker.CheckWorker``), made by the main window.
        self.check_worker = None

    @property
    def actor(self) -> Actor:
        return self.ctx.actor

    @property
    def is_owner(self) -> bool:
        return self.ctx.actor.is_owner

    @property
    def read_only(self) -> bool:
        """The owner's back office on the hub: pages show, nothing offers to write."""
        return bool(getattr(self.ctx, "hub", ""))

    def set_actor(self, actor: Actor) -> None:
        self.ctx = self.ctx.as_actor(actor)
        self.user_changed.emit()

    def allowed(self, action: str) -> bool:

        return allowed(self.ctx, action)

    def shutdown(self) -> None:
        self.tasks.stop()


#: Fields whose names are acronyms, spelled as people read them.
ACRONYMS = {"pin": "PIN", "gstin": "GSTIN", "hsn": "HSN"}


def error_text(exc: BaseException) -> str:
    """What a user reads for an error: the field and the reason, never a traceback."""
    if isinstance(exc, PossuiteError):
        if i18n.current_language() != i18n.SOURCE_LANGUAGE:  # the field and the problem in the user's language
            return i18n.error_text(exc)
        field = ACRONYMS.get(exc.field.lower()) or exc.field[:1].upper() + exc.field[1:]
        return f"{field}: {exc.why}"

    return report_unexpected(exc, "possuite.ui")  # logged with its traceback; the user reads an apology


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """A non-blocking message box with a clear message (``open()``, so tests and workers never hang)."""
    if title is None:
        title = QCoreApplication.translate("state", "Cannot do that")
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("errorMessage")
    box.setObjectName("errorMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
