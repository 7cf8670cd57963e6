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
from possuite.services.receipts import receipt_escpos
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
    """The bytes rendered for waiting jobs, so a job whose printer is off is laid out once, not on every retry.

    Keyed by everything the bytes depend on besides the document itself: the job, the printer's settings that
    change bytes (width, profile, symbol mode, cut, drawer kick), the store's settings the receipt shows and the
    owner's template files (name, size, modification time). A change of any of them is a new key, so the job is
    rendered again; posted documents do not change. Bounded (least recently used first out) by entries and bytes;
    an entry goes when its job is done or failed for good. Thread-safe (a till's worker, the CLI's print_now)."""

    def __init__(self, max_entries: int = 256, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._data: OrderedDict[tuple, bytes] = OrderedDict()
        self._by_job: dict[str, tuple] = {}
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            data = self._data.get(key)
            if data is not None:
                self._data.move_to_end(key)
            return data

    def put(self, job_id: str, key: tuple, data: bytes) -> None:
        with self._lock:
            self._drop(job_id)
            self._data[key] = data
            self._by_job[job_id] = key
            self._size += len(data)
            while self._data and (len(self._data) > self.max_entries or self._size > self.max_bytes):
                old_key, old = self._data.popitem(last=False)
                self._size -= len(old)
                self._by_job.pop(old_key[0], None)

    def forget(self, job_id: str) -> None:
        with self._lock:
            self._drop(job_id)

    def _drop(self, job_id: str) -> None:
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


def _render_key(ctx: Context, job: q.Job, cfg) -> tuple[tuple, bool]:
    """(what the bytes of ``job`` depend on, whether the receipt opens the cash drawer)."""
    kick = job.document_kind not in ("test", "shift") and cfg.drawer_kick and q.is_first_print(ctx, job)
    return (job.id, str(ctx.db_path), job.document_kind, job.document_ref, cfg.width, cfg.profile, cfg.symbol_mode,
            cfg.cut, kick, ctx.store, _template_files(user_template_dir(ctx.db_path, ctx.receipts_dir))), kick


def cached_job_bytes(ctx: Context, job: q.Job, cfg) -> bytes:
    """``job_bytes``, rendered once per job and printer set-up while the job waits (``RenderedJobs``)."""
    key, kick = _render_key(ctx, job, cfg)
    data = rendered_jobs.get(key)
    if data is None:
        data = job_bytes(ctx, job, cfg, kick=kick)
        rendered_jobs.put(job.id, key, data)
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
