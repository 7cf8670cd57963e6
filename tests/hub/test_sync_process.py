"""The app's sync process (``hub/sync_process.py``, ``possuite sync worker``) against a real PostgreSQL: it
pushes and answers each round, its log records reach the app's log, it runs below the till's priority,
a sale open at the counter holds it before its next batch, it ends cleanly when the app lets go, and one
killed mid-pull is reported and leaves the book whole for the next one to complete."""

from __future__ import annotations

import logging
import os
import queue
import time

import pytest
from hubkit import book_ids, cli_env, hub_for, hub_ids, make_book, trade, two_tills
from sqlalchemy import text
from test_pull_kill import ORPHANS

from possuite.domain.cart import CartLine
from possuite.hub.register import register_till
from possuite.hub.sync import sync
from possuite.hub.sync_process import SyncProcess, child_command
from possuite.hub.sync_state import SYNCED
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.customers import add_customer, get_customer
from possuite.services.integrity import run_checks

pytestmark = pytest.mark.hub


def _count(ctx, sql: str) -> int:
    with ctx.read() as conn:
        return conn.execute(text(sql)).scalar()


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


def test_the_sync_process_killed_while_pulling_is_reported_and_the_next_one_completes_the_round(
        pg_server, hub_db, tmp_path, config_dir):
    hub, a, b = two_tills(pg_server, hub_db, tmp_path, config_dir)
    customers = [add_customer(a, f"Client {i}", f"98220003{i:02d}") for i in range(10)]
    for c in customers * 3:
        complete_sale(a, SaleRequest([CartLine(f"Item {k}", 1000, 1000 + 100 * k) for k in range(2)],
                                     customer_id=c.id, no_payment=True))
    assert sync(a, config_dir).waiting == 0
    before = _count(b, "SELECT count(*) FROM bills")
    answers, gone = queue.Queue(), queue.Queue()
    slow = [*child_command(tmp_path / "b.sqlite3", config_dir), "--batch-size", "1"]  # one row a batch
    proc = SyncProcess(tmp_path / "b.sqlite3", config_dir, answers.put, gone.put, command=slow,
                       env=cli_env(config_dir))
    try:
        proc.request()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _count(b, "SELECT count(*) FROM bills") < before + 3:
            time.sleep(0.003)
        proc.proc.kill()  # as the OS or a user would: mid-pull
        why = gone.get(timeout=60)
        assert why.startswith("the sync process ended (exit code ") and answers.empty()
        assert before + 3 <= _count(b, "SELECT count(*) FROM bills") < before + 30  # killed midway
        assert _count(b, ORPHANS) == 0 and [f.message for f in run_checks(b)] == []
        proc.request()  # the next round starts a new process, which completes it
        state = answers.get(timeout=180)
        assert state.kind == SYNCED and state.waiting == 0 and state.pulled > 0
    finally:
        proc.stop()
    assert _count(b, "SELECT count(*) FROM bills") == _count(a, "SELECT count(*) FROM bills")
    assert [get_customer(b, c.id).balance for c in customers] == [get_customer(a, c.id).balance for c in customers]
    assert [f.message for f in run_checks(b)] == []
