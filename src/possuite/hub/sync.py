"""``possuite sync``: push this till's outbox to the hub, then pull what the other tills wrote.

The one entry point for a whole sync, used by the command and by the app's background worker, so
both do the same thing in the same order. The push is ``possuite.hub.push``; the pull (rows of
the store written at other tills, re-projected into this book) is added beside it.
"""

from __future__ import annotations

from pathlib import Path

from possuite.hub import push as _push
from possuite.hub.push import SyncReport
from possuite.services.context import Context

__all__ = ["SyncReport", "sync", "status"]

status = _push.status


def sync(ctx: Context, config_dir: Path, *, batch_size: int = _push.BATCH_SIZE) -> SyncReport:
    """Push, then pull; raises ``HubUnreachable`` when the hub cannot be reached."""
    return _push.push(ctx, config_dir, batch_size=batch_size)
