"""The background sync worker without a hub, with a stand-in for the sync process (``hub/sync_process.py``):
one round at a time, requests during a round folded into one, the process stopped cleanly at exit, its
failure shown in red, a sale open at the counter holding it between batches, no process for a book
that is no till."""

from __future__ import annotations

import sys
import textwrap

from possuite import child_process
from possuite.hub import sync_process
from possuite.hub.sync_state import NOT_A_TILL, SYNCED, SyncState, status_line
from possuite.ui import sync_worker
from possuite.ui.state import AppState

#: Speaks the child's protocol: answers ``sync`` once GATE exists, writes every word it hears to HEARD.
STAND_IN = textwrap.dedent("""
    import json, os, sys, time
    gate, heard = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        word = line.strip()
        with open(heard, "a") as fh:
            fh.write(word + "\\n")
        if word == "sync":
            while not os.path.exists(gate):
                time.sleep(0.01)
            print(json.dumps({"log": [20, "possuite.hub", "sync: stand-in round"]}), flush=True)
            print(json.dumps({"state": {"kind": "synced", "till": "A", "pushed": 3, "waiting": 0}}), flush=True)
""")

DIES = "import sys; sys.stdin.readline(); print('boom: the book cannot be read', file=sys.stderr); sys.exit(3)"


def _till(_ctx):
    return SyncState(SYNCED, till="A", hub="owner@hub/db")


def _worker(qtbot, ctx, tmp_path, monkeypatch, script: str, *args: str):
    monkeypatch.setattr(sync_worker, "_current", _till)  # the book is a till of a hub
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = sync_worker.SyncWorker(state, tmp_path / "config", interval_ms=3_600_000,
                                    command=[sys.executable, "-c", script, *args])
    return state, worker


def test_one_round_at_a_time_in_one_process_and_a_request_during_a_round_runs_once_after(
        qtbot, ctx, tmp_path, monkeypatch):
    gate, heard = tmp_path / "gate", tmp_path / "heard"
    state, worker = _worker(qtbot, ctx, tmp_path, monkeypatch, STAND_IN, str(gate), str(heard))
    worker.request()
    for what in ("sale", "collection", "sale"):
        state.data_changed.emit(what)
    assert worker.running
    qtbot.waitUntil(lambda: heard.exists(), timeout=20_000)
    pid = worker.process.pid
    gate.touch()
    qtbot.waitUntil(lambda: worker.rounds == 2 and not worker.running, timeout=20_000)
    qtbot.wait(200)
    # three requests during a round made one more round, never two at once, in the same process
    assert worker.rounds == 2 and heard.read_text().split() == ["sync", "sync"] and worker.process.pid == pid
    assert worker.state.kind == SYNCED and worker.state.pushed == 3
    proc = worker.process.proc
    worker.stop()
    assert proc.poll() == 0  # the process ended when the app closed its input
    worker.request()
    qtbot.wait(200)
    assert worker.rounds == 2 and proc.poll() == 0  # no round and no new process after stop
    state.shutdown()


def test_a_hung_process_is_killed_at_exit(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(child_process, "STOP_WAIT_S", 0.5)  # read when stopping: killed after 0.5 s
    heard = tmp_path / "heard"
    state, worker = _worker(qtbot, ctx, tmp_path, monkeypatch, STAND_IN, str(tmp_path / "never"), str(heard))
    worker.request()
    qtbot.waitUntil(lambda: heard.exists(), timeout=20_000)  # in a round that never ends
    proc = worker.process.proc
    worker.stop()
    assert proc.poll() is not None and proc.returncode != 0  # killed, not left behind
    assert worker.state.kind != "failed"  # stopping it is no failure
    state.shutdown()


def test_a_process_that_dies_is_shown_in_red_and_started_again_at_the_next_round(qtbot, ctx, tmp_path,
                                                                                  monkeypatch):
    state, worker = _worker(qtbot, ctx, tmp_path, monkeypatch, DIES)
    seen = []
    worker.changed.connect(seen.append)
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 1 and not worker.running, timeout=20_000)
    first = worker.process.pid
    text, red = status_line(worker.state, ctx.clock.now())
    assert red and text == "Sync failed: the sync process ended (exit code 3): boom: the book cannot be read"
    assert worker.state.till == "A" and seen[-1] is worker.state
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 2 and not worker.running, timeout=20_000)
    assert worker.process.pid != first  # a new process for the next round
    worker.stop()
    state.shutdown()


def test_a_sale_open_at_the_counter_holds_the_process_between_batches(qtbot, ctx, tmp_path, monkeypatch):
    gate, heard = tmp_path / "gate", tmp_path / "heard"
    gate.touch()
    state, worker = _worker(qtbot, ctx, tmp_path, monkeypatch, STAND_IN, str(gate), str(heard))
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 1, timeout=20_000)
    state.sale_open.emit(True)
    state.sale_open.emit(True)  # said once
    state.sale_open.emit(False)
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 2, timeout=20_000)
    assert heard.read_text().split() == ["sync", "pause", "resume", "sync"]
    worker.stop()
    state.shutdown()


#: Writes every word it hears to HEARD; dies at its first ``sync`` (exit 3), answers later ones.
DIES_ONCE = textwrap.dedent("""
    import json, os, sys
    heard, died = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        word = line.strip()
        with open(heard, "a") as fh:
            fh.write(word + "\\n")
        if word == "sync":
            if not os.path.exists(died):
                open(died, "w").close()
                sys.exit(3)
            print(json.dumps({"state": {"kind": "synced", "till": "A", "pushed": 1, "waiting": 0}}), flush=True)
""")


def test_a_process_started_again_while_a_sale_is_open_is_held_like_the_one_before(qtbot, ctx, tmp_path,
                                                                                  monkeypatch):
    heard = tmp_path / "heard"
    state, worker = _worker(qtbot, ctx, tmp_path, monkeypatch, DIES_ONCE, str(heard), str(tmp_path / "died"))
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 1 and not worker.running, timeout=20_000)  # it died
    state.sale_open.emit(True)  # the cashier scans the first line meanwhile
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 2, timeout=20_000)
    # the new process hears that a sale is open before its first round, so it waits between batches too
    assert heard.read_text().split() == ["sync", "pause", "sync"]
    worker.stop()
    state.shutdown()


def test_a_book_that_is_no_till_starts_no_process(qtbot, ctx, tmp_path):
    state = AppState(ctx, config_dir=tmp_path / "config")
    worker = sync_worker.SyncWorker(state, tmp_path / "config", interval_ms=3_600_000,
                                    command=[sys.executable, "-c", DIES])
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds == 1, timeout=20_000)
    assert worker.state.kind == NOT_A_TILL and worker.process is None
    worker.stop()
    state.shutdown()


def test_the_answer_crosses_the_pipe_whole():
    st = SyncState(SYNCED, waiting=2, waiting_sales=1, pushed=5, pulled=7, reason="", hub="u@h:5432/db", till="A",
                   till_name="Counter 1", store_id="S1", last_sync=None)
    assert sync_process.state_from_json(sync_process.state_to_json(st)) == st
