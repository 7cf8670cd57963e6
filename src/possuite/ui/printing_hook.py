"""Where the till meets printing: the receipt's print state after a sale, and the print worker's life.

The sale's print job is queued by the checkout service in the sale's own transaction; the
window only reports on it. ``printing.worker.PrintWorker`` (a plain thread) is started at
sign-in and stopped at exit when the printing feature is installed.
"""

from __future__ import annotations

import importlib
import logging

from possuite.services.checkout import SaleResult
from possuite.ui.state import AppState

log = logging.getLogger("possuite.ui")


def after_sale(state: AppState, result: SaleResult, summary) -> None:
    """Tell the summary whether the receipt is queued, printed, or only shown on screen."""
    from possuite.services.till import receipt_print_state

    worker = getattr(state, "print_worker", None)
    if worker is not None and hasattr(worker, "wake"):
        worker.wake()  # the job is already queued with the sale; print it now rather than at the next poll
    state.tasks.search(receipt_print_state, state.ctx, result.number, on_done=summary.set_print_state,
                       on_error=lambda exc: summary.set_print_state(f"Printing: {exc}"))
    state.data_changed.emit("print")


def start_print_worker(state: AppState):
    """Start the background printer thread if printing is installed; returns it (or None)."""
    try:
        mod = importlib.import_module("possuite.printing.worker")
    except ImportError:
        return None
    worker_cls = getattr(mod, "PrintWorker", None)
    if worker_cls is None:
        return None
    try:
        worker = worker_cls(state.ctx)
        worker.start()
        state.print_worker = worker
        # A collection or reprint queued its job in its own transaction: print it now, not at the next poll.
        state.data_changed.connect(lambda what: worker.wake() if what in ("collection", "print") else None)
    except Exception:  # printing must never stop the till from opening
        log.exception("the print worker did not start")
        return None
    return worker


def stop_print_worker(worker) -> None:
    if worker is None:
        return
    try:
        stop = getattr(worker, "stop", None)
        if stop is not None:
            stop()
    except Exception:
        log.exception("the print worker did not stop cleanly")
