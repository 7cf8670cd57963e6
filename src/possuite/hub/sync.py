"""``possuite sync``: push this till's outbox to the hub, then pull what the other tills wrote.

The one entry point for a whole sync, used by the command and by the app's background worker, so
both do the same thing in the same order: ``possuite.hub.push`` sends this till's rows (what the
hub takes is decided there), then ``possuite.hub.pull`` brings the store's rows written elsewhere
and re-projects the customers they touch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from possuite.hub import pull as _pull
from possuite.hub import push as _push
from possuite.hub.push import SyncReport
from possuite.services.context import Context

__all__ = ["BATCH_SIZE", "SyncReport", "sync", "status"]

BATCH_SIZE = _push.BATCH_SIZE

status = _push.status


def sync(ctx: Context, config_dir: Path, *, batch_size: int = BATCH_SIZE,
         pace: Callable[[], None] | None = None, engines: Callable[[URL], Engine] | None = None) -> SyncReport:
    """Push, then pull; raises ``HubUnreachable`` when the hub cannot be reached.

    ``pace`` is called before each batch takes the book's write lock (the app's sync process waits
    there while a sale is open at the counter: ``hub/sync_process.py``). ``engines``: the hub engine
    for a URL, kept by the caller from one round to the next (``connect.KeptHubEngine``)."""
    report = _push.push(ctx, config_dir, batch_size=batch_size, pace=pace, engines=engines)
    report.pulled_tables = _pull.pull_tables(ctx, config_dir, batch_size=batch_size, pace=pace, engines=engines)
    report.pulled = sum(report.pulled_tables.values())
    if not report.pulled:  # the push's own count of what waits stands (a round with nothing to do reads less)
        return report
    after = status(ctx, config_dir, probe=False)
    if after.waiting and report.rejected is None:
        # the pull posted something for the hub (the undo of a bill's second void): send it now
        again = _push.push(ctx, config_dir, batch_size=batch_size, pace=pace, engines=engines)
        report.pushed += again.pushed
        report.rejected = again.rejected
        after = again
    report.waiting, report.waiting_sales = after.waiting, after.waiting_sales
    return report
