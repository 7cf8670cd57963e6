"""The status bar's words for a till's sync (pure: no database, no network)."""

from __future__ import annotations

from datetime import datetime, timedelta

from possuite.domain.dates import format_ago
from possuite.hub.sync_state import FAILED, NOT_A_TILL, OFFLINE, REFUSED, SYNCED, SyncState, status_line

NOW = datetime(2026, 12, 6, 20, 0)


def test_synced_says_how_long_ago():
    assert status_line(SyncState(SYNCED, last_sync=NOW - timedelta(seconds=20)), NOW) == ("Synced just now", False)
    assert status_line(SyncState(SYNCED, last_sync=NOW - timedelta(minutes=2, seconds=5)), NOW) == (
        "Synced 2 min ago", False)
    assert status_line(SyncState(SYNCED), NOW) == ("Not synced yet — nothing waiting", False)


def test_offline_counts_the_sales_waiting_and_is_not_an_error():
    assert status_line(SyncState(OFFLINE, waiting=120, waiting_sales=37), NOW) == ("Offline — 37 sales waiting", False)
    assert status_line(SyncState(OFFLINE, waiting=3, waiting_sales=1), NOW) == ("Offline — 1 sale waiting", False)
    assert status_line(SyncState(OFFLINE, waiting=2), NOW) == ("Offline — 2 changes waiting", False)


def test_a_refusal_is_red_and_says_the_hubs_reason_once():
    st = SyncState(REFUSED, reason="the hub refused a batch: duplicate key value (Key (id)=(X) already exists.)")
    assert status_line(st, NOW) == ("Sync refused: duplicate key value (Key (id)=(X) already exists.)", True)
    assert status_line(SyncState(FAILED, reason="Sync: boom"), NOW) == ("Sync failed: Sync: boom", True)


def test_a_book_that_is_no_till_shows_nothing():
    assert status_line(SyncState(NOT_A_TILL), NOW) == ("", False)


def test_format_ago_rounds_down_and_never_goes_negative():
    assert format_ago(NOW + timedelta(minutes=5), NOW) == "just now"  # a clock behind the last sync
    assert format_ago(NOW - timedelta(minutes=59, seconds=59), NOW) == "59 min ago"
    assert format_ago(NOW - timedelta(hours=3), NOW) == "3 h ago"
    assert format_ago(NOW - timedelta(days=1, hours=2), NOW) == "1 day ago"
    assert format_ago(NOW - timedelta(days=4), NOW) == "4 days ago"
