"""The background runner: results on the GUI thread, errors as messages, a busy indicator for slow work."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QApplication, QMessageBox
from till_driver import WAIT_MS, find

from possuite.domain.errors import ValidationError
from possuite.ui.state import TaskRunner, error_text, show_error


def test_results_and_errors_come_back_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = []
    gui = threading.get_ident()
    try:
        runner.run(lambda a, b: (threading.get_ident(), a + b), 2, 3,
                   on_done=lambda r: seen.append(("done", r[0] != gui, r[1], threading.get_ident() == gui)))
        runner.run(lambda: 1 / 0, on_error=lambda exc: seen.append(("error", type(exc).__name__,
                                                                    threading.get_ident() == gui)))
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    finally:
        runner.stop()
    assert seen == [("done", True, 5, True), ("error", "ZeroDivisionError", True)]


def test_writes_run_in_order_and_searches_do_not_wait_behind_them(qtbot):
    runner = TaskRunner()
    order = []
    release = threading.Event()
    try:
        runner.run(lambda: (release.wait(5), order.append("slow write")))
        runner.run(lambda: order.append("second write"))
        runner.search(lambda: order.append("search"))
        qtbot.waitUntil(lambda: order == ["search"], timeout=WAIT_MS)
        release.set()
        qtbot.waitUntil(lambda: len(order) == 3, timeout=WAIT_MS)
    finally:
        release.set()
        runner.stop()
    assert order == ["search", "slow write", "second write"]


def test_slow_labelled_work_shows_the_busy_indicator(qtbot, till_owner):
    state = till_owner.state
    bar = find(till_owner, "busyIndicator")
    assert not bar.isVisible()
    release = threading.Event()
    started = time.monotonic()
    state.tasks.run(release.wait, 10, label="Writing the report")
    try:
        qtbot.waitUntil(lambda: bar.isVisible(), timeout=WAIT_MS)
    finally:
        release.set()
    assert time.monotonic() - started >= 0.29  # not for quick jobs: only after ~300 ms
    assert till_owner.busy_label.text() == "Writing the report…"
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=WAIT_MS)
    state.tasks.run(lambda: None, label="Quick")
    qtbot.wait(400)
    assert not bar.isVisible()


def test_errors_read_as_a_field_and_a_reason_never_a_traceback(qtbot):
    assert error_text(ValidationError("amount", "must be more than zero")) == "Amount: must be more than zero"
    from possuite.services.logs import log_path

    apology = error_text(KeyError("x"))
    assert apology.startswith("Sorry, something went wrong (KeyError)") and str(log_path()) in apology
    assert "Traceback" not in apology
    box = show_error(None, ValidationError("phone", "'12' is not a phone number"))
    try:
        assert isinstance(box, QMessageBox) and box.isVisible()  # non-blocking: the test goes on
        assert box.text() == "Phone: '12' is not a phone number"
        assert box in QApplication.topLevelWidgets()
    finally:
        box.close()
