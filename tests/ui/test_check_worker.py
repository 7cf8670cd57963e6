"""The background book check: the incremental check runs at day close (a shift closed) on the app's check
lane, the full check on its schedule in a process of its own (``possuite check worker``); what they find
shows in red on the status bar. A check process that dies is shown in red and started again at the next
run; closing the window ends it; a sale committed while it checks makes no finding."""

from __future__ import annotations

import os
import sqlite3
import sys
import textwrap
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from till_driver import signed_in_state, temp_settings

from possuite.services import customers, integrity
from possuite.ui import check_worker
from possuite.ui.main_window import MainWindow
from possuite.ui.resources import apply_look
from possuite.ui.state import AppState
from testkit import sell

#: The real ``possuite check worker``, held after the first check it runs (its read snapshot taken) until
#: GATE exists; READY appears when it is held there.
HELD = textwrap.dedent("""
    import os, sys, time
    from possuite.services import integrity
    ready, gate = sys.argv[1], sys.argv[2]

    def held(check):
        def run(*args, **kw):
            found = check(*args, **kw)
            open(ready, "a").close()
            while not os.path.exists(gate):
                time.sleep(0.01)
            return found
        return run

    integrity.CHECKS[:] = [held(c) for c in integrity.CHECKS]
    from possuite.cli import main
    sys.exit(main(sys.argv[3:]))
""")

#: Speaks the check process's protocol without a book: RUNNING exists while it "checks" (until GATE exists).
STAND_IN = textwrap.dedent("""
    import json, os, sys, time
    gate, running = sys.argv[1], sys.argv[2]
    print(json.dumps({"started": {"pid": os.getpid()}}), flush=True)
    open(running, "w").close()
    while not os.path.exists(gate):
        time.sleep(0.01)
    os.remove(running)
    print(json.dumps({"result": {"pid": os.getpid(), "count": 0, "findings": []}}), flush=True)
""")


def _traded(ctx, clock) -> str:
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    for n in range(2):
        sell(ctx, asha.id, 30000 + n, pay=[("cash", 10000)], pending=True)
        clock.set(clock.now() + timedelta(days=1))
    return asha.id


def _env(clock) -> dict[str, str]:
    return {**os.environ, "POSSUITE_NOW": clock.now().isoformat()}  # the child's clock is the test's


def _held(db_path: Path, tmp_path: Path) -> tuple[list[str], Path, Path]:
    ready, gate = tmp_path / "ready", tmp_path / "gate"
    return [sys.executable, "-c", HELD, str(ready), str(gate), "--db", str(db_path), "check", "worker"], ready, gate


def _tamper(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("UPDATE bills SET tendered = tendered + 1 WHERE rowid = (SELECT MIN(rowid) FROM bills)")
    con.commit()
    con.close()


def _reaped(pid: int) -> bool:
    """The process is gone and waited for (no zombie left behind)."""
    if not os.path.exists(f"/proc/{pid}"):
        return True
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] not in ("Z", "X")  # never a zombie


def test_day_close_runs_the_incremental_check_on_its_own_lane_and_seals(qtbot, ctx, clock, tmp_path, monkeypatch):
    _traded(ctx, clock)
    threads = []
    real = integrity.run_incremental
    monkeypatch.setattr(integrity, "run_incremental",
                        lambda c, **kw: threads.append(threading.current_thread().name) or real(c, **kw))
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000)
    state.day_closed.emit()
    qtbot.waitUntil(lambda: worker.runs == ["incremental"], timeout=20_000)
    # in the app's own process (a fraction of a second; the day close waits for it), never the UI thread
    assert threads == [f"possuite-{check_worker.CHECK_LANE}"] and worker.outcome.pid == os.getpid()
    assert worker.outcome.sound and worker.outcome.status() == "" and worker.process is None
    with ctx.read() as conn:
        assert len(integrity.seals.seals(conn, ctx.store_id)) == 2   # the two completed days
    state.shutdown()


def test_day_close_then_merges_the_customers_search_index_and_a_failed_merge_is_only_logged(
        qtbot, ctx, tmp_path, monkeypatch, caplog):
    for n in range(6):  # a transaction each: a segment of the search index each
        customers.add_customer(ctx, f"Customer {n}", f"98220 0000{n}")

    def segments() -> int:
        with ctx.read() as conn:
            return conn.exec_driver_sql("SELECT count(DISTINCT segid) FROM customers_fts_idx").scalar_one()

    assert segments() > 1
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000)
    state.day_closed.emit()
    qtbot.waitUntil(lambda: worker.runs == ["incremental"], timeout=20_000)
    assert segments() == 1 and worker.outcome.sound

    def broken(_ctx, **_kw):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(customers, "merge_search_index", broken)
    state.day_closed.emit()
    qtbot.waitUntil(lambda: worker.runs == ["incremental", "incremental"], timeout=20_000)
    assert worker.outcome.sound and worker.outcome.status() == ""  # the check's outcome is the check's
    assert "merging the customers' search index failed" in caplog.text
    state.shutdown()


def test_the_scheduled_full_check_runs_in_a_process_of_its_own_and_reports_a_changed_sealed_day(
        qtbot, ctx, clock, db_path, tmp_path):
    _traded(ctx, clock)
    assert integrity.run_incremental(ctx).sealed
    _tamper(db_path)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=10, env=_env(clock))
    worker.start()
    qtbot.waitUntil(lambda: worker.runs == ["full"], timeout=60_000)
    worker.stop()
    # another process did the work: the child the worker started, below the till's priority
    child = worker.process
    assert worker.outcome.pid not in (0, os.getpid()) and worker.outcome.pid == child.pid == child.started_pid
    assert child.proc.returncode == 0 and _reaped(child.pid)
    # Two findings: the row's own hash in the ledger chain (docs/architecture.md §3.6), named first, and its
    # sealed day read back (the child ran exactly these checks: integrity.run_scheduled_full).
    assert worker.outcome.findings == 2 and worker.outcome.first.startswith("[chain] bills ")
    assert [f for f in integrity.run_scheduled_full(ctx) if "sealed day 2026-11-01" in str(f)]
    assert worker.outcome.status() == "Book check: 2 finding(s) — run possuite check"
    state.shutdown()


def test_a_sound_book_is_sealed_by_the_check_process(qtbot, ctx, clock, tmp_path):
    _traded(ctx, clock)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000, env=_env(clock))
    worker.request_full()
    qtbot.waitUntil(lambda: worker.runs == ["full"], timeout=60_000)
    assert worker.outcome.sound and worker.outcome.status() == "" and worker.outcome.pid != os.getpid()
    with ctx.read() as conn:
        assert len(integrity.seals.seals(conn, ctx.store_id)) == 2   # sealed by the child after a clean check
    worker.stop()
    state.shutdown()


def test_a_sale_committed_while_the_process_checks_makes_no_finding(qtbot, ctx, clock, db_path, tmp_path):
    cid = _traded(ctx, clock)
    command, ready, gate = _held(db_path, tmp_path)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000, command=command, env=_env(clock))
    worker.request_full()
    qtbot.waitUntil(ready.exists, timeout=60_000)   # mid-check: a snapshot read, checks still to run
    for n in range(3):   # the counter sells (a charge, payments, allocations, a number, the chain)
        sell(ctx, cid, 5000 + n, pay=[("cash", 2000)], pending=True)
    gate.touch()
    qtbot.waitUntil(lambda: worker.runs == ["full"], timeout=60_000)
    assert worker.outcome.sound, worker.outcome
    assert integrity.run_checks(ctx) == []
    worker.stop()
    state.shutdown()


def test_a_killed_check_process_is_shown_in_red_and_runs_again_at_the_next_schedule(qtbot, ctx, clock, db_path,
                                                                                     tmp_path):
    _traded(ctx, clock)
    command, ready, gate = _held(db_path, tmp_path)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000, command=command, env=_env(clock))
    seen = []
    worker.changed.connect(seen.append)
    worker.request_full()
    qtbot.waitUntil(ready.exists, timeout=60_000)
    first = worker.process
    first.proc.kill()   # as the OS's memory killer or a user would
    qtbot.waitUntil(lambda: worker.runs == ["full"], timeout=20_000)   # no hang
    assert not worker.running and seen == [worker.outcome] and not worker.outcome.sound
    assert worker.outcome.status() == "Book check did not finish; it will run again"
    assert worker.outcome.gone == "the check process ended (exit code -9)"
    assert _reaped(first.pid)
    gate.touch()
    worker.request_full()   # the next scheduled run: a new process, a whole check
    qtbot.waitUntil(lambda: worker.runs == ["full", "full"], timeout=60_000)
    assert worker.process.pid != first.pid and worker.outcome.sound and worker.outcome.status() == ""
    worker.stop()
    state.shutdown()


def test_a_request_during_a_run_waits_for_it(qtbot, ctx, tmp_path, monkeypatch):
    gate, running = tmp_path / "gate", tmp_path / "running"
    overlaps = []

    def incremental(_ctx):
        overlaps.append(running.exists())   # the full check's process still checking?
        return check_worker.CheckOutcome(check_worker.INCREMENTAL, 0)

    monkeypatch.setattr(check_worker, "_incremental", incremental)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000,
                                      command=[sys.executable, "-c", STAND_IN, str(gate), str(running)])
    worker.request_full()
    state.day_closed.emit()
    state.day_closed.emit()
    assert worker.running
    qtbot.waitUntil(running.exists, timeout=20_000)
    qtbot.wait(100)
    assert worker.runs == [] and overlaps == []
    gate.touch()
    qtbot.waitUntil(lambda: len(worker.runs) == 2 and not worker.running, timeout=20_000)
    qtbot.wait(100)
    # two day closes during a run made one more run, after it, never two at once
    assert worker.runs == ["full", "incremental"] and overlaps == [False]
    worker.stop()
    state.shutdown()


def _window(qtbot, ctx, tmp_path, command, env):
    win = MainWindow(signed_in_state(ctx), temp_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.check_worker.command, win.check_worker.env = command, env
    return win


def _shot(win, name: str) -> None:
    if os.environ.get("POSSUITE_SCREENSHOTS"):
        win.statusBar().grab().save(os.path.join(os.environ["POSSUITE_SCREENSHOTS"], name))


@pytest.fixture
def _the_apps_look(qapp):
    """Screenshots in the app's own look (its style sheet: the red of ``role=error``); put back after."""
    if not os.environ.get("POSSUITE_SCREENSHOTS"):
        yield
        return
    sheet, font, style = qapp.styleSheet(), qapp.font(), qapp.style().name()
    apply_look(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setStyle(style)


def test_the_check_process_findings_and_its_death_show_in_red_on_the_status_bar(qtbot, ctx, clock, db_path,
                                                                               tmp_path, _the_apps_look):
    _traded(ctx, clock)
    assert integrity.run_incremental(ctx).sealed
    _tamper(db_path)
    command, ready, gate = _held(db_path, tmp_path)
    win = _window(qtbot, ctx, tmp_path, command, _env(clock))
    worker, label = win.check_worker, win.check_status
    worker.request_full()
    qtbot.waitUntil(ready.exists, timeout=60_000)
    _shot(win, "check-status-running.png")
    assert not label.isVisible()   # as before: nothing shows while the book is being checked
    gate.touch()
    qtbot.waitUntil(lambda: worker.runs == ["full"], timeout=60_000)
    qtbot.waitUntil(label.isVisible, timeout=5_000)
    _shot(win, "check-status-findings.png")
    assert label.text() == "Book check: 2 finding(s) — run possuite check" and label.property("role") == "error"
    assert label.toolTip().startswith("[chain] bills ")
    gate.unlink()
    ready.unlink()
    worker.request_full()
    qtbot.waitUntil(ready.exists, timeout=60_000)
    worker.process.proc.kill()
    qtbot.waitUntil(lambda: worker.runs == ["full", "full"], timeout=20_000)
    _shot(win, "check-status-process-died.png")
    assert label.isVisible() and label.property("role") == "error"
    assert label.text() == "Book check did not finish; it will run again"
    assert label.toolTip() == "the check process ended (exit code -9)"
    win.close()
    win.state.shutdown()


def test_closing_the_window_ends_the_check_process(qtbot, ctx, clock, db_path, tmp_path):
    _traded(ctx, clock)
    command, ready, _gate = _held(db_path, tmp_path)
    win = _window(qtbot, ctx, tmp_path, command, _env(clock))
    state, worker = win.state, win.check_worker
    worker.request_full()
    qtbot.waitUntil(ready.exists, timeout=60_000)   # mid-check, held for ever
    proc = worker.process.proc
    assert proc.poll() is None
    win.close()
    assert proc.returncode is not None and _reaped(proc.pid)   # ended and waited for, at once
    worker.request_full()
    qtbot.wait(300)
    assert worker.process.proc is proc and worker.runs == []   # no new process after the window closed
    state.shutdown()
