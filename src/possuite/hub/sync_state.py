"""A till's sync state as the app shows it, and the status bar's words for it (no database, no network).

Kept apart from ``hub.background`` (which loads psycopg and the hub's SQL) so the window can show
the status line without loading the PostgreSQL driver at start-up (docs/architecture.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from possuite.domain.dates import format_ago

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

    @property
    def is_till(self) -> bool:
        return self.kind != NOT_A_TILL


def _waiting(state: SyncState) -> str:
    if state.waiting_sales:
        return f"{state.waiting_sales} sale{'s' if state.waiting_sales != 1 else ''} waiting"
    if state.waiting:
        return f"{state.waiting} change{'s' if state.waiting != 1 else ''} waiting"
    return "nothing waiting"


def status_line(state: SyncState, now: datetime) -> tuple[str, bool]:
    """The status bar's words for ``state`` and whether they are an error (red); ("", False) for no till."""
    if state.kind == NOT_A_TILL:
        return "", False
    if state.kind == REFUSED:
        return f"Sync refused: {state.reason.removeprefix(REFUSED_PREFIX)}", True
    if state.kind == FAILED:
        return f"Sync failed: {state.reason}", True
    if state.kind == OFFLINE:
        return f"Offline — {_waiting(state)}", False
    if state.last_sync is None:
        return f"Not synced yet — {_waiting(state)}", False
    return f"Synced {format_ago(state.last_sync, now)}", False
