"""The background sync worker without a hub: one round at a time, requests during a round folded into one."""

from __future__ import annotations

import threading
import time

from possuite.hub.sync_state import NOT_A_TILL, SyncState
from possuite.ui import sync_worker
from possuite.ui.state import AppState


def test_one_round_at_a_time_and_a_request_during_a_round_runs_once_after(qtbot, ctx, tmp_path, monkeypatch):
    gate, running, seen = threading.Event(), [], []

    def slow_round(_ctx, _config_dir):
        running.append(1)
        seen.append(len(running))
        gate.wait(10)
        time.sleep(0.05)
        running.pop()
        return SyncState(NOT_A_TILL)

    monkeypatch.setattr(sync_worker, "_sync_round", slow_round)
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = sync_worker.SyncWorker(state, tmp_path / "config", interval_ms=3_600_000)
    worker.request()
    for what in ("sale", "collection", "sale"):
        state.data_changed.emit(what)
    assert worker.running
    gate.set()
    qtbot.waitUntil(lambda: worker.rounds == 2 and not worker.running, timeout=10_000)
    qtbot.wait(200)
    assert worker.rounds == 2 and seen == [1, 1]  # three requests during a round made one more, never two at once
    state.shutdown()
