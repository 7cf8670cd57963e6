"""The print worker: a plain thread that drains the persistent print queue.

Printing happens only after the sale's transaction committed (the job row is part of
it). Each job is claimed atomically, rendered from the database for its printer,
sent once, and then marked done; a failed send goes back to the queue with a backoff
(2 s, 4 s … 60 s) and is tried again until the printer answers — also after the app
restarts, since the queue lives in the database. The till starts one worker at login
and stops it at exit; the CLI uses ``process_job`` to try one job at once.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path

from possuite.domain.errors import PossuiteError
from possuite.printing.connections import SEND_TIMEOUT_S, PrinterOffline, PrinterSetupError, send
from possuite.printing.escpos_render import escpos_bytes
from possuite.printing.template_folder import user_template_dir
from possuite.printing.templates import check_templates, layout
from possuite.reports.shift import shift_rows
from possuite.services import print_queue as q
from possuite.services.context import Context
from possuite.services.printers import get_printer, printer_by_id, sample_receipt
from possuite.services.receipts import receipt_escpos, version_kinds, version_statement
from possuite.services.shifts import shift_document

log = logging.getLogger("possuite.printing")

DONE, RETRY, FAILED = "done", "retry", "failed"

Sender = Callable[..., None]


def job_bytes(ctx: Context, job: q.Job, cfg, kick: bool | None = None) -> bytes:
    """What to send for ``job`` on printer ``cfg`` (raises PossuiteError when the document is gone); ``kick``:
    whether a receipt opens the cash drawer, when the caller already knows."""
    if job.document_kind == "test":
        rows = layout(sample_receipt(ctx), cfg.width, ascii_money=cfg.symbol_mode == "symbol",
                      user_dir=user_template_dir(ctx.db_path, ctx.receipts_dir), lang=ctx.store.receipt_language,
                      digits=ctx.store.receipt_digits)
        return escpos_bytes(rows, width=cfg.width, profile=cfg.profile, symbol_mode=cfg.symbol_mode, cut=cfg.cut)
    if job.document_kind == "shift":  # an X or Z report: never opens the drawer
        rows = shift_rows(shift_document(ctx, job.document_ref), cfg.width, ascii_only=cfg.symbol_mode == "symbol")
        return escpos_bytes(rows, width=cfg.width, profile=cfg.profile, symbol_mode=cfg.symbol_mode, cut=cfg.cut)
    if kick is None:
        kick = cfg.drawer_kick and q.is_first_print(ctx, job)
    return receipt_escpos(ctx, job.document_ref, width=cfg.width, profile=cfg.profile, symbol_mode=cfg.symbol_mode,
                          cut=cfg.cut, drawer_kick=kick)


class RenderedJobs:
    """The bytes rendered for waiting receipts, so a job whose printer is off is laid out once, not on every retry.

    Keyed by everything the bytes depend on (``_render_key``): the job, the printer's settings that change bytes
    (width, profile, symbol mode, cut, drawer kick), the store's settings the receipt shows, the owner's template
    files (name, size, modification time) and the document's version: what of a posted receipt can still change
    while it waits (``receipts.version_statement``: a void, the bills a payment settled, the customer's name and
    phone), read fresh at every attempt. A change of any of them is a new key, so the receipt is laid out again
    and prints as a fresh rendering would. Bounded (least recently used first out) by entries and bytes; an entry
    goes when its job is done or failed for good. Thread-safe (a till's worker, the CLI's print_now)."""

    def __init__(self, max_entries: int = 256, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._data: OrderedDict[tuple, bytes] = OrderedDict()
        self._by_job: dict[str, tuple] = {}
        self._first: dict[str, bool] = {}
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            data = self._data.get(key)
            if data is not None:
                self._data.move_to_end(key)
            return data

    def first_print(self, job_id: str) -> bool | None:
        """Whether a kept job is the first queued for its document (None: not asked yet). It never changes for a
        job (a later copy is queued after it), so only a job's first attempt asks the queue."""
        with self._lock:
            return self._first.get(job_id)

    def put(self, job_id: str, key: tuple, data: bytes, first: bool | None = None) -> None:
        with self._lock:
            self._drop(job_id)
            self._data[key] = data
            self._by_job[job_id] = key
            if first is not None:
                self._first[job_id] = first
            self._size += len(data)
            while self._data and (len(self._data) > self.max_entries or self._size > self.max_bytes):
                old_key, old = self._data.popitem(last=False)
                self._size -= len(old)
                self._by_job.pop(old_key[0], None)
                self._first.pop(old_key[0], None)

    def forget(self, job_id: str) -> None:
        with self._lock:
            self._drop(job_id)

    def _drop(self, job_id: str) -> None:
        self._first.pop(job_id, None)
        key = self._by_job.pop(job_id, None)
        if key is not None and key in self._data:
            self._size -= len(self._data.pop(key))

    def __len__(self) -> int:
        return len(self._data)


#: The process's rendered waiting jobs (``process_job``).
rendered_jobs = RenderedJobs()


def _template_files(folder: Path | None) -> tuple:
    """(name, size, modification time) of each file in the owner's template folder: a change renders again."""
    if folder is None:
        return ()
    try:
        with os.scandir(folder) as entries:
            found = []
            for entry in entries:
                if entry.is_file():
                    st = entry.stat()
                    found.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(found))


#: Jobs laid out at every attempt, never kept: they print the moment they are printed (the test page's date, the
#: X/Z slip's "Printed …") and an open shift's figures move with every sale; a few a day, so keeping them saves
#: nothing worth a version of a whole shift.
NOT_KEPT = ("test", "shift")


@cache
def _version_statement(kind: str, ask_first: bool):
    """The document's version, and with ``ask_first`` the first job queued for it, in one statement."""
    stmt = version_statement(kind)
    return stmt.add_columns(q.FIRST_JOB.scalar_subquery().label("first_job")) if ask_first else stmt


def _document_version(ctx: Context, job: q.Job, ask_first: bool) -> tuple[tuple | None, bool | None]:
    """(what of the job's receipt can still change, whether the job is its document's first print when
    ``ask_first``): one statement, two only for a number without a receipt prefix that is no bill
    (``receipt_for`` tries a collection then). None: no such document (rendering it says so)."""
    params = {"p_store": ctx.store_id, "p_number": (job.document_ref or "").strip().upper(),
              **q.first_job_params(ctx, job)}
    with ctx.read() as conn:
        for kind in version_kinds(ctx, job.document_ref):
            row = conn.execute(_version_statement(kind, ask_first), params).first()
            if row is not None:
                values = tuple(row)
                if ask_first:
                    return (kind, *values[:-1]), values[-1] == job.id
                return (kind, *values), None
    return None, None


def _render_key(ctx: Context, job: q.Job, cfg) -> tuple[tuple | None, bool, bool | None]:
    """(what the bytes of receipt ``job`` depend on, whether it opens the cash drawer, whether it is its
    document's first print when known): one statement per attempt; the queue's first-print question (a scan of
    the store's jobs) only on a job's first attempt with the drawer on. Key None: the document is not there."""
    first = rendered_jobs.first_print(job.id)
    ask_first = bool(cfg.drawer_kick) and first is None
    version, asked = _document_version(ctx, job, ask_first)
    if asked is not None:
        first = asked
    kick = bool(cfg.drawer_kick) and bool(first)
    if version is None:
        return None, kick, first
    return (job.id, str(ctx.db_path), job.document_kind, job.document_ref, cfg.width, cfg.profile, cfg.symbol_mode,
            cfg.cut, kick, ctx.store, _template_files(user_template_dir(ctx.db_path, ctx.receipts_dir)),
            version), kick, first


def cached_job_bytes(ctx: Context, job: q.Job, cfg) -> bytes:
    """``job_bytes``, rendered once per job, printer set-up and document version while the job waits
    (``RenderedJobs``); test pages and shift slips are rendered at every attempt (``NOT_KEPT``)."""
    if job.document_kind in NOT_KEPT:
        return job_bytes(ctx, job, cfg)
    key, kick, first = _render_key(ctx, job, cfg)
    if key is None:
        return job_bytes(ctx, job, cfg, kick=kick)
    data = rendered_jobs.get(key)
    if data is None:
        data = job_bytes(ctx, job, cfg, kick=kick)
        rendered_jobs.put(job.id, key, data, first=first)
    return data


def process_job(ctx: Context, job: q.Job, *, sender: Sender = send, timeout: float = SEND_TIMEOUT_S,
                backoff_base: float = q.BACKOFF_BASE_S, backoff_max: float = q.BACKOFF_MAX_S) -> tuple[str, str]:
    """Render and send one claimed job; record the result. Returns (outcome, error text)."""
    cfg = printer_by_id(ctx, job.printer_id) if job.printer_id else None
    if cfg is None:
        try:
            cfg = get_printer(ctx)  # its printer was removed: the default takes it
        except PossuiteError:
            err = "no receipt printer is set up"
            q.mark_retry(ctx, job, err, base=backoff_base, cap=backoff_max)
            return RETRY, err
    try:
        data = cached_job_bytes(ctx, job, cfg)
    except PossuiteError as exc:
        q.mark_failed(ctx, job.id, exc.message)
        return FAILED, exc.message
    except Exception as exc:  # noqa: BLE001 - a rendering bug must not kill the worker
        log.exception("rendering print job %s failed", job.id)
        err = f"could not lay out the receipt: {type(exc).__name__}: {exc}"
        q.mark_failed(ctx, job.id, err)
        return FAILED, err
    try:
        sender(cfg, data, timeout)
    except PrinterSetupError as exc:
        rendered_jobs.forget(job.id)
        q.mark_failed(ctx, job.id, f"{cfg.name}: {exc}")
        return FAILED, str(exc)
    except (PrinterOffline, OSError) as exc:
        q.mark_retry(ctx, job, f"{cfg.name}: {exc}", base=backoff_base, cap=backoff_max)
        return RETRY, str(exc)
    except Exception as exc:  # noqa: BLE001 - unknown send trouble: keep the job, try later
        log.exception("sending print job %s failed", job.id)
        q.mark_retry(ctx, job, f"{cfg.name}: {type(exc).__name__}: {exc}", base=backoff_base, cap=backoff_max)
        return RETRY, str(exc)
    rendered_jobs.forget(job.id)
    q.mark_done(ctx, job.id)
    return DONE, ""


def print_now(ctx: Context, job_id: str, **kwargs) -> tuple[str, str]:
    """Try one queued job right away (``possuite print``). ``("busy", "")`` if someone else has it."""
    job = q.claim_next(ctx, job_id=job_id)
    if job is None:
        return "busy", ""
    return process_job(ctx, job, **kwargs)


def drain_once(ctx: Context, **kwargs) -> list[tuple[str, str, str]]:
    """Try every job that is due, once each. Returns (document, outcome, error) per job tried."""
    results = []
    seen: set[str] = set()
    while True:
        job = q.claim_next(ctx)
        if job is None or job.id in seen:
            break
        seen.add(job.id)
        outcome, err = process_job(ctx, job, **kwargs)
        results.append((job.document_ref or job.document_kind, outcome, err))
    return results


_workers: weakref.WeakSet[PrintWorker] = weakref.WeakSet()


def wake_workers() -> None:
    """Tell running workers to look at the queue now (e.g. right after a sale committed)."""
    for w in list(_workers):
        w.wake()


class PrintWorker(threading.Thread):
    """Drains the queue until ``stop()``; survives printer errors and database hiccups."""

    def __init__(self, ctx: Context, *, poll_s: float = 1.0, sender: Sender = send, timeout: float = SEND_TIMEOUT_S,
                 backoff_base: float = q.BACKOFF_BASE_S, backoff_max: float = q.BACKOFF_MAX_S,
                 lease_s: float = q.LEASE_S, on_change: Callable[[q.Job, str, str], None] | None = None) -> None:
        super().__init__(name="possuite-print", daemon=True)
        self.ctx = ctx
        self.poll_s = poll_s
        self.lease_s = lease_s
        self.on_change = on_change
        self._kwargs = {"sender": sender, "timeout": timeout, "backoff_base": backoff_base, "backoff_max": backoff_max}
        self._stop_event = threading.Event()
        self._wake = threading.Event()
        _workers.add(self)

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float | None = 15.0) -> None:
        """Ask the thread to finish (after the job it is sending) and wait for it."""
        self._stop_event.set()
        self._wake.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop_event.is_set()

    def run(self) -> None:
        folder = user_template_dir(self.ctx.db_path, self.ctx.receipts_dir)
        if folder is not None and folder.is_dir():
            check_templates(folder)  # an owner's broken template is reported when the app starts
        try:
            n = q.recover_interrupted(self.ctx, self.lease_s)
            if n:
                log.warning("%d print job(s) were interrupted by a shutdown and need a retry", n)
        except Exception:  # noqa: BLE001
            log.exception("print queue recovery failed")
        while not self._stop_event.is_set():
            try:
                job = q.claim_next(self.ctx)
            except Exception:  # noqa: BLE001 - database busy or closed: wait and look again
                log.exception("print queue: could not read the queue")
                job = None
            if job is not None:
                try:
                    outcome, err = process_job(self.ctx, job, **self._kwargs)
                except Exception:  # noqa: BLE001
                    log.exception("print job %s could not be recorded", job.id)
                    outcome, err = FAILED, "internal error"
                if self.on_change is not None:
                    try:
                        self.on_change(job, outcome, err)
                    except Exception:  # noqa: BLE001
                        log.exception("print queue listener failed")
                if outcome == DONE:
                    continue  # more may be waiting
            self._wake.wait(self.poll_s)
            self._wake.clear()
