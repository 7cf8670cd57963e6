"""A till's sync state as the app shows it, and the status bar's words for it (no database, no network).

Kept apart from ``hub.background`` (which loads psycopg and the hub's SQL) so the window can show
the status line without loading the PostgreSQL driver at start-up (docs/architecture.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from possuite.domain.dates import ago_parts
from possuite.i18n import _, ngettext

SYNCED, OFFLINE, REFUSED, FAILED, NOT_A_TILL = "synced", "offline", "refused", "failed", "not a till"
REFUSED_PREFIX = "the hub refused a batch: "  # how hub.push words a refusal; the status bar says it once


@dataclass(frozen=True)
class SyncState:
    """What the till knows about its sync after a round (or without one: ``current``)."""

    kind: str                      # SYNCED, OFFLINE, REFUSED, FAILED (an unexpected error) or NOT_A_TILL
    waiting: int = 0               # rows queued for the hub
    waiting_sales: int = 0         # of which bills
    last_sync: datetime | None = None
    pushed: int = 0
    pulled: int = 0
    reason: str = ""               # why offline, or the hub's refusal (never a password)
    hub: str = ""                  # user@host:port/db
    till: str = ""                 # the till's code
    till_name: str = ""
    store_id: str = ""
    #: The rows ``pulled`` by table, (table, rows) sorted by table: what the running till reloads
    #: (``ui/book_watch.py``; docs/architecture.md §7, "What a running till takes from a sync").
    pulled_tables: tuple[tuple[str, int], ...] = ()

    @property
    def is_till(self) -> bool:
        return self.kind != NOT_A_TILL


def _waiting(state: SyncState) -> str:
    if state.waiting_sales:
        return ngettext("{count} sale waiting", "{count} sales waiting", state.waiting_sales).format(
            count=state.waiting_sales)
    if state.waiting:
        return ngettext("{count} change waiting", "{count} changes waiting", state.waiting).format(
            count=state.waiting)
    return _("nothing waiting")


def ago_text(then: datetime, now: datetime) -> str:
    """``domain.dates.format_ago`` in the current language (English: byte for byte the same)."""
    unit, n = ago_parts(then, now)
    if unit == "now":
        return _("just now")
    if unit == "min":
        return _("{count} min ago").format(count=n)
    if unit == "h":
        return _("{count} h ago").format(count=n)
    return ngettext("{count} day ago", "{count} days ago", n).format(count=n)


def status_line(state: SyncState, now: datetime) -> tuple[str, bool]:
    """The status bar's words for ``state`` and whether they are an error (red); ("", False) for no till."""
    if state.kind == NOT_A_TILL:
        return "", False
    if state.kind == REFUSED:
        return _("Sync refused: {reason}").format(reason=state.reason.removeprefix(REFUSED_PREFIX)), True
    if state.kind == FAILED:
        return _("Sync failed: {reason}").format(reason=state.reason), True
    if state.kind == OFFLINE:
        return _("Offline — {waiting}").format(waiting=_waiting(state)), False
    if state.last_sync is None:
        return _("Not synced yet — {waiting}").format(waiting=_waiting(state)), False
    return _("Synced {ago}").format(ago=ago_text(state.last_sync, now)), False
