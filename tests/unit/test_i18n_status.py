"""Status-bar words that come from services read in the cashier's language (issue 14):
the printer status (services/print_queue.QueueStatus.message) and the sync status line
(hub/sync_state.status_line). English stays byte for byte as before."""

from __future__ import annotations

from datetime import datetime, timedelta

from possuite.domain.cash import MOVEMENT_LABELS, variance_label
from possuite.domain.dates import format_ago
from possuite.hub.sync_state import FAILED, OFFLINE, SYNCED, SyncState, ago_text, status_line
from possuite.i18n import using_language
from possuite.services.print_queue import QueueStatus


def _msg(lang: str, **kw) -> str:
    st = QueueStatus(**{"waiting": 0, "failed": 0, "printer_name": "Counter", "state": "ready", **kw})
    with using_language(lang):
        return st.message


def test_printer_status_english_is_unchanged():
    assert _msg("en", printer_name=None, state="no printer") == "No receipt printer set up"
    assert _msg("en") == "Printer Counter: ready"
    assert _msg("en", waiting=1, state="offline") == "1 receipt waiting — printer offline"
    assert _msg("en", waiting=3, state="printing", failed=2) == (
        "3 receipts waiting — printing; 2 failed — retry from the print queue")


def test_printer_status_in_hindi():
    assert _msg("hi", printer_name=None, state="no printer") == "रसीद प्रिंटर सेट नहीं है"
    assert _msg("hi") == "प्रिंटर Counter: तैयार"
    assert _msg("hi", waiting=1, state="offline") == "1 रसीद इंतज़ार में — प्रिंटर ऑफ़लाइन"
    assert _msg("hi", waiting=3, state="printing", failed=2) == (
        "3 रसीदें इंतज़ार में — छप रही है; 2 नहीं छपीं — छपाई की कतार से फिर कोशिश करें")


# --- the sync status line (hub/sync_state.status_line) ------------------------------------------

NOW = datetime(2026, 12, 6, 20, 0)


def _sync(lang: str, state: SyncState) -> tuple[str, bool]:
    with using_language(lang):
        return status_line(state, NOW)


def test_sync_status_line_english_is_unchanged():
    assert _sync("en", SyncState(SYNCED, last_sync=NOW - timedelta(days=2))) == ("Synced 2 days ago", False)
    assert _sync("en", SyncState(SYNCED, last_sync=NOW - timedelta(days=1))) == ("Synced 1 day ago", False)
    assert _sync("en", SyncState(SYNCED, last_sync=NOW - timedelta(hours=3))) == ("Synced 3 h ago", False)
    assert _sync("en", SyncState(OFFLINE, waiting=120, waiting_sales=37)) == ("Offline — 37 sales waiting", False)


def test_sync_status_line_in_hindi():
    assert _sync("hi", SyncState(SYNCED, last_sync=NOW - timedelta(minutes=2))) == ("2 मिनट पहले सिंक हुआ", False)
    assert _sync("hi", SyncState(SYNCED, last_sync=NOW - timedelta(seconds=5))) == ("अभी-अभी सिंक हुआ", False)
    assert _sync("hi", SyncState(OFFLINE, waiting=120, waiting_sales=37)) == (
        "ऑफ़लाइन — 37 बिक्रियाँ भेजनी बाकी", False)
    assert _sync("hi", SyncState(OFFLINE, waiting=3, waiting_sales=1)) == ("ऑफ़लाइन — 1 बिक्री भेजनी बाकी", False)
    assert _sync("hi", SyncState(SYNCED)) == ("अभी सिंक नहीं हुआ — कुछ बाकी नहीं", False)
    assert _sync("hi", SyncState(FAILED, reason="boom")) == ("सिंक नहीं हो सका: boom", True)


def test_ago_text_follows_the_language():
    then = NOW - timedelta(days=3)
    with using_language("en"):
        assert ago_text(then, NOW) == format_ago(then, NOW) == "3 days ago"
    with using_language("hi"):
        assert ago_text(then, NOW) == "3 दिन पहले"


# --- the shift variance words (domain/cash.variance_label, shown through ui.translation.domain_word) ---------


def test_variance_words_are_in_the_catalog_and_read_in_hindi():
    from possuite.ui.translation import domain_word

    with using_language("en"):
        assert [domain_word(variance_label(v)) for v in (-500, 500, 0)] == ["short", "over", "exact"]
    with using_language("hi"):
        assert [domain_word(variance_label(v)) for v in (-500, 500, 0)] == ["कम", "ज़्यादा", "बराबर"]
        assert domain_word(MOVEMENT_LABELS["sale"]) == "नकद बिक्री"


# --- the sale summary's print line (services/till.receipt_print_state) ----------------------------------------


def test_receipt_print_state_without_a_printer_reads_in_hindi(ctx):
    from possuite.services.till import receipt_print_state

    with using_language("en"):
        assert receipt_print_state(ctx, "B-1") == (
            "No receipt printer set up: the receipt is shown here (Settings › Printers).")
    with using_language("hi"):
        assert receipt_print_state(ctx, "B-1") == "रसीद प्रिंटर सेट नहीं है: रसीद यहीं दिखाई गई है (सेटिंग्स › प्रिंटर)।"
