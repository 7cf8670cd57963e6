"""The app's sync process (``hub/sync_process.py``, ``possuite sync worker``) against a real PostgreSQL: it
pushes and answers each round, its log records reach the app's log, it runs below the till's priority,
a sale open at the counter holds it before its next batch, and it ends cleanly when the app lets go."""

from __future__ import annotations

import logging
import os
import queue
import time

import pytest
from hubkit import book_ids, cli_env, hub_for, hub_ids, make_book, trade

from possuite.hub.register import register_till
from possuite.hub.sync_process import SyncProcess
from possuite.hub.sync_state import SYNCED

pytestmark = pytest.mark.hub


def _till(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    path = tmp_path / "till.sqlite3"
    ctx = make_book(path)
    register_till(ctx, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    trade(ctx, 3)
    return hub, path, ctx


def test_the_sync_process_pushes_answers_logs_into_the_apps_log_and_runs_below_the_till(
        pg_server, hub_db, tmp_path, config_dir, caplog):
    hub, path, ctx = _till(pg_server, hub_db, tmp_path, config_dir)
    answers, gone = queue.Queue(), []
    proc = SyncProcess(path, config_dir, answers.put, gone.append, env=cli_env(config_dir))
    with caplog.at_level(logging.INFO, logger="possuite"):
        proc.request()
        state = answers.get(timeout=120)
        assert state.kind == SYNCED and state.till == "A" and state.pushed > 0 and state.waiting == 0
        assert set(book_ids(ctx, "bills")) == set(hub_ids(hub["admin"], "bills")) != set()
        if hasattr(os, "getpriority"):  # POSIX: nice 10 below this process (Windows: the below-normal class)
            assert os.getpriority(os.PRIO_PROCESS, proc.pid) >= os.getpriority(os.PRIO_PROCESS, 0) + 1
        trade(ctx, 1, "b")
        proc.request()  # the same process, a second round
        again = answers.get(timeout=120)
        assert again.kind == SYNCED and again.pushed > 0 and proc.alive
    assert [r for r in caplog.records if r.name == "possuite.hub" and r.getMessage().startswith("sync: pushed")]
    pid = proc.pid
    assert proc.stop() == 0 and not gone  # it ends when its input closes; no failure reported
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert set(book_ids(ctx, "bills")) == set(hub_ids(hub["admin"], "bills"))


def test_a_sale_open_at_the_counter_holds_the_round_before_its_next_batch(pg_server, hub_db, tmp_path, config_dir,
                                                                          caplog):
    hub, path, ctx = _till(pg_server, hub_db, tmp_path, config_dir)
    answers = queue.Queue()
    proc = SyncProcess(path, config_dir, answers.put, lambda why: answers.put(why), env=cli_env(config_dir))
    try:
        with caplog.at_level(logging.INFO, logger="possuite"):
            proc.start()
            proc.pause()
            proc.request()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not [r for r in caplog.records if "sale is open" in r.getMessage()]:
                time.sleep(0.05)
            assert [r for r in caplog.records if "sale is open" in r.getMessage()], "the round never waited"
            time.sleep(0.5)
            assert hub_ids(hub["admin"], "bills") == [] and answers.empty()  # nothing sent while the sale is open
            proc.resume()
            state = answers.get(timeout=120)
        assert state.kind == SYNCED and state.waiting == 0
        assert set(book_ids(ctx, "bills")) == set(hub_ids(hub["admin"], "bills")) != set()
    finally:
        proc.stop()
