"""Status-bar words that come from services read in the cashier's language (issue 14):
the printer status (services/print_queue.QueueStatus.message). English stays byte for byte as before."""

from __future__ import annotations

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
