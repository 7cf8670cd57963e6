"""The background book check: the incremental check runs at day close (a shift closed), the full check on
its schedule, both off the UI thread; what they find shows in red on the status bar."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta

from possuite.services import customers, integrity
from possuite.ui import check_worker
from possuite.ui.state import AppState
from testkit import sell


def _traded(ctx, clock) -> None:
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    for n in range(2):
        sell(ctx, asha.id, 30000 + n, pay=[("cash", 10000)], pending=True)
        clock.set(clock.now() + timedelta(days=1))


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
    assert threads == [f"possuite-{check_worker.CHECK_LANE}"]
    assert worker.outcome.sound and worker.outcome.status() == ""
    with ctx.read() as conn:
        assert len(integrity.seals.seals(conn, ctx.store_id)) == 2   # the two completed days
    state.shutdown()


def test_the_scheduled_full_check_reads_every_sealed_day_back_and_reports_a_changed_one(qtbot, ctx, clock, db_path,
                                                                                         tmp_path):
    _traded(ctx, clock)
    assert integrity.run_incremental(ctx).sealed
    con = sqlite3.connect(db_path)
    con.execute("UPDATE bills SET tendered = tendered + 1 WHERE rowid = (SELECT MIN(rowid) FROM bills)")
    con.commit()
    con.close()
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=10)
    worker.start()
    qtbot.waitUntil(lambda: worker.runs == ["full"], timeout=20_000)
    worker.stop()
    # Two findings: the row's own hash in the ledger chain (docs/architecture.md §3.6), named first, and its
    # sealed day read back (the worker ran exactly these checks: integrity.run_scheduled_full).
    assert worker.outcome.findings == 2 and worker.outcome.first.startswith("[chain] bills ")
    assert [f for f in integrity.run_scheduled_full(ctx) if "sealed day 2026-11-01" in str(f)]
    assert worker.outcome.status() == "Book check: 2 finding(s) — run possuite check"
    state.shutdown()


def test_a_request_during_a_run_waits_for_it(qtbot, ctx, tmp_path, monkeypatch):
    gate, running, seen = threading.Event(), [], []

    def slow(_ctx):
        running.append(1)
        seen.append(len(running))
        gate.wait(10)
        running.pop()
        return check_worker.CheckOutcome(check_worker.FULL, 0)

    monkeypatch.setattr(check_worker, "_full", slow)
    monkeypatch.setattr(check_worker, "_incremental", slow)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = check_worker.CheckWorker(state, first_full_ms=3_600_000)
    worker.request_full()
    state.day_closed.emit()
    state.day_closed.emit()
    assert worker.running
    gate.set()
    qtbot.waitUntil(lambda: len(worker.runs) == 2 and not worker.running, timeout=10_000)
    qtbot.wait(100)
    assert len(worker.runs) == 2 and seen == [1, 1]   # two day closes during a run made one more, never two at once
    state.shutdown()
