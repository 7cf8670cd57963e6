"""The app's side of sync: one round as the background worker runs it.

``sync_round`` calls ``possuite.hub.sync.sync`` (the same push-then-pull as ``possuite sync``) and
never raises for the normal case of a hub that cannot be reached: the till sells offline and the
answer (``hub.sync_state.SyncState``) says how much is waiting. No Qt here: the app runs the rounds
in its sync process (``hub/sync_process.py``), and ``ui/sync_worker.py`` reads ``current`` on its own
thread (docs/architecture.md §7).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from possuite.hub import outbox, sync
from possuite.hub.connect import HubUnreachable, display, parse_url
from possuite.hub.register import RegisterResult, register_till
from possuite.hub.sync_state import FAILED, NOT_A_TILL, OFFLINE, REFUSED, SYNCED, SyncState
from possuite.services.context import Context

log = logging.getLogger("possuite.hub")

__all__ = ["FAILED", "NOT_A_TILL", "OFFLINE", "REFUSED", "SYNCED", "SyncState", "current", "register_from_settings",
           "sync_round"]


def _is_book(ctx: Context) -> bool:
    """A till's SQLite book; the app opened on the hub itself (the back office) is no till and never syncs."""
    return ctx.engine.dialect.name == "sqlite"


def _last_sync(ident: outbox.Identity) -> datetime | None:
    times = [t for t in (ident.last_push_at, ident.last_pull_at) if t is not None]
    return max(times) if times else None


def current(ctx: Context, kind: str | None = None, reason: str = "", pushed: int = 0,
            pulled: int = 0, pulled_tables: dict[str, int] | None = None,
            synced_at: datetime | None = None) -> SyncState:
    """The book's sync state without asking the hub (one read): what waits, when it last synced (``synced_at``:
    a round that just met the hub, which a round with nothing to do does not stamp in the book each time:
    ``pull.PULL_STAMP_EVERY_S``)."""
    if not _is_book(ctx):
        return SyncState(NOT_A_TILL)
    with ctx.read() as conn:
        ident = outbox.identity(conn)
        if ident is None:
            return SyncState(NOT_A_TILL)
        total, sales = outbox.waiting(conn)
    if kind is None:
        kind = REFUSED if ident.last_error else SYNCED
    if kind == REFUSED and not reason:
        reason = ident.last_error
    last = _last_sync(ident)
    if synced_at is not None and (last is None or synced_at > last):
        last = synced_at
    return SyncState(kind=kind, waiting=total, waiting_sales=sales, last_sync=last, pushed=pushed,
                     pulled=pulled, reason=reason, hub=display(parse_url(ident.hub_url)), till=ident.code,
                     till_name=ident.name, store_id=ident.store_id,
                     pulled_tables=tuple(sorted((pulled_tables or {}).items())))


def sync_round(ctx: Context, config_dir: Path, pace: Callable[[], None] | None = None, *,
               batch_size: int = sync.BATCH_SIZE, engines: Callable[[URL], Engine] | None = None) -> SyncState:
    """One sync (push, then pull) if the book is a till; the hub away is an answer, not an error.

    ``pace`` and ``engines``: see ``hub.sync.sync`` (the app's sync process waits there while a sale is
    open, and keeps its hub connection between rounds)."""
    if not _is_book(ctx):
        return SyncState(NOT_A_TILL)
    with ctx.read() as conn:
        if outbox.identity(conn) is None:
            return SyncState(NOT_A_TILL)
    try:
        report = sync.sync(ctx, config_dir, pace=pace, batch_size=batch_size, engines=engines)
    except HubUnreachable as exc:
        log.info("sync: the hub is away, selling offline (%s)", exc.why)
        return current(ctx, OFFLINE, exc.why)
    if report.rejected:
        log.warning("sync: %s (the rows stay queued)", report.rejected)
        return current(ctx, REFUSED, report.rejected, report.pushed, report.pulled, report.pulled_tables)
    # a round with nothing to do (most of them: one after each sale) is not worth a line in the app's log
    log.log(logging.INFO if report.pushed or report.pulled else logging.DEBUG,
            "sync: pushed %d rows, pulled %d, %d waiting (hub %s)", report.pushed, report.pulled, report.waiting,
            report.hub.get("url"))
    return current(ctx, SYNCED, "", report.pushed, report.pulled, report.pulled_tables, synced_at=ctx.clock.now())


def register_from_settings(ctx: Context, url_text: str, password: str, store: str, code: str, name: str,
                           config_dir: Path) -> RegisterResult:
    """Settings › Sync's Register: the URL as typed plus the password typed beside it (never kept in the book)."""
    url = parse_url(url_text)
    if password:
        url = url.set(password=password)
    return register_till(ctx, url.render_as_string(hide_password=False), store, code, name, config_dir)
