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
from hubkit import book_ids, cli_env, hub_for, hub_ids, make_book, pg, trade, two_tills, waiting
from sqlalchemy import text
from test_pull_kill import ORPHANS

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
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


def _sync_backends(admin_url: str) -> list[int]:
    engine = pg(admin_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE application_name = 'possuite sync' "
                                          "AND datname = current_database() ORDER BY pid")).scalars())
    finally:
        engine.dispose()


def test_the_sync_process_keeps_its_hub_connection_between_rounds_and_replaces_one_cut_since(
        pg_server, hub_db, tmp_path, config_dir):
    hub, path, ctx = _till(pg_server, hub_db, tmp_path, config_dir)
    answers = queue.Queue()
    proc = SyncProcess(path, config_dir, answers.put, answers.put, env=cli_env(config_dir))
    try:
        proc.request()
        assert answers.get(timeout=120).kind == SYNCED
        kept = _sync_backends(hub["admin"])
        assert len(kept) == 1  # one connection, open between rounds
        for i in range(2):
            trade(ctx, 1, f"k{i}")
            proc.request()
            state = answers.get(timeout=120)
            assert state.kind == SYNCED and state.pushed > 0
        assert _sync_backends(hub["admin"]) == kept  # no new login, no new server process, round after round
        engine = pg(hub["admin"])
        with engine.connect() as conn:  # the hub restarted, or a network cut the connection
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": kept[0]})
        engine.dispose()
        trade(ctx, 1, "cut")
        proc.request()
        state = answers.get(timeout=120)
        assert state.kind == SYNCED and state.pushed > 0 and state.waiting == 0  # a new connection, no failure
        assert _sync_backends(hub["admin"]) not in ([], kept)
    finally:
        proc.stop()
    assert _sync_backends(hub["admin"]) == []  # let go when the app stops the process
    assert set(book_ids(ctx, "bills")) == set(hub_ids(hub["admin"], "bills"))


def test_a_till_selling_without_a_break_still_syncs(pg_server, hub_db, tmp_path, config_dir):
    """The counter never starves the sync: sales back to back let a batch through each time one closes, and a
    sale left open is waited for MAX_PAUSE_S in all (here 2 s), not at every batch."""
    hub, path, ctx = _till(pg_server, hub_db, tmp_path, config_dir)
    waiting_rows = waiting(ctx)
    answers = queue.Queue()
    small = [*child_command(path, config_dir), "--batch-size", "5"]  # many batches, each one waits
    proc = SyncProcess(path, config_dir, answers.put, answers.put, command=small, env=cli_env(config_dir))
    try:
        proc.set_sale_open(True)
        proc.request()
        sold, deadline = 0, time.monotonic() + 100  # well inside MAX_PAUSE_S (120 s): no sale waits it out
        while answers.empty() and time.monotonic() < deadline:
            time.sleep(0.03)  # the lines scanned
            complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, 30000)], tenders=[Tender("cash", 30000)]))
            sold += 1
            proc.set_sale_open(False)  # the sale closes and the next customer's first line opens another
            proc.set_sale_open(True)
        state = answers.get(timeout=1)
        assert state.kind == SYNCED and state.pushed >= waiting_rows > 10 and sold >= 3
        assert set(hub_ids(hub["admin"], "bills")) >= set(book_ids(ctx, "bills")[:3])
    finally:
        proc.stop()
    long_open = [*child_command(path, config_dir), "--batch-size", "5", "--max-pause-s", "2"]
    proc = SyncProcess(path, config_dir, answers.put, answers.put, command=long_open, env=cli_env(config_dir))
    try:
        trade(ctx, 2, "open")
        proc.set_sale_open(True)  # and it stays open: a cart forgotten on the screen
        t0 = time.monotonic()
        proc.request()
        state = answers.get(timeout=120)
        took = time.monotonic() - t0
        assert state.kind == SYNCED and state.waiting == 0 and state.pushed > 10
        assert 2 <= took < 60, took  # held 2 s for the open sale, then the whole round (many batches) went on
    finally:
        proc.stop()
    assert set(book_ids(ctx, "bills")) == set(hub_ids(hub["admin"], "bills"))


def test_the_sync_processs_checkpoints_run_at_its_paces_not_on_a_thread_of_their_own(
        pg_server, hub_db, tmp_path, config_dir, monkeypatch):
    """The child's book engine checkpoints only where the round paces itself (between the till's sales): a round
    of many small pull batches leaves no checkpoint thread behind and has still copied its WAL."""
    import contextlib
    import threading

    from hubkit import open_book

    from possuite.hub import sync_process

    hub, a, b = two_tills(pg_server, hub_db, tmp_path, config_dir)
    trade(a, 6)
    assert sync(a, config_dir).waiting == 0
    answers: list[dict] = []

    class Pipe:
        def send(self, msg: dict) -> None:
            answers.append(msg)

    @contextlib.contextmanager
    def talking(what, out=None):  # the child's pipe, without lowering this test process's priority
        yield Pipe()

    monkeypatch.setattr(sync_process, "talking_to_parent", talking)
    child = open_book(tmp_path / "b.sqlite3")   # the child's own engine on the book, as the process opens it
    checkpointer = child.engine.checkpointer
    r, w = os.pipe()
    inp, words = os.fdopen(r, "r"), os.fdopen(w, "w")
    t = threading.Thread(target=sync_process.serve, args=(child, config_dir, inp), kwargs={"batch_size": 1})
    t.start()
    try:
        words.write("sync\n")
        words.flush()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not [m for m in answers if "state" in m]:
            time.sleep(0.05)
        state = sync_process.state_from_json([m for m in answers if "state" in m][0]["state"])
        assert state.kind == SYNCED and state.pulled > 3 * checkpointer.every   # a batch (a commit) a row
        assert checkpointer.paced and checkpointer._thread is None and checkpointer.runs >= 3
    finally:
        words.close()
        t.join(30)
    assert not t.is_alive()
    assert [f.message for f in run_checks(b)] == []
