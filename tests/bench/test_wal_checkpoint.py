"""WAL checkpoints happen on a thread of their own; a commit checkpoints only when the WAL is large."""

from __future__ import annotations

import os
import time

from possuite.db import engine as db_engine
from possuite.services import customers
from testkit import sell


def _wait(predicate, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_a_commit_checkpoints_only_when_the_wal_is_large_and_stays_durable(ctx):
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == db_engine.AUTOCHECKPOINT_PAGES
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: still durable at commit


def test_a_burst_of_sales_is_checkpointed_in_the_background(ctx, db_path):
    checkpointer = ctx.engine.checkpointer
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    for _ in range(checkpointer.every + 1):
        sell(ctx, asha.id, 10000, pay=[("upi", 4000)], pending=True)
    assert _wait(lambda: checkpointer.runs >= 1), "no background checkpoint after a burst of sales"
    with ctx.engine.connect() as conn:  # everything committed so far is in the database file now
        busy, log, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    assert busy == 0 and log == done
    assert customers.get_customer(ctx, asha.id).visits == checkpointer.every + 1


def test_a_stopped_checkpointer_has_let_go_of_the_file_and_starts_no_other_run(ctx, db_path, monkeypatch):
    """``stop`` waits for a checkpoint under way (the bench builder then switches the journal mode, which
    fails with "database is locked" while any connection is open), and later commits start none."""
    import sqlite3
    import threading

    checkpointer = ctx.engine.checkpointer
    started, release, real = threading.Event(), threading.Event(), checkpointer.checkpoint

    def slow_checkpoint():
        started.set()
        release.wait(10)
        return real()

    # Opening the book (its migrations' commits) may already have set a checkpoint going: let it end, count
    # from there.
    base = -1
    while base != checkpointer.runs:
        base = checkpointer.runs
        time.sleep(0.3)
    monkeypatch.setattr(checkpointer, "checkpoint", slow_checkpoint)
    for _ in range(checkpointer.every):
        checkpointer.poke()
    assert started.wait(10), "no checkpoint began"
    stopper = threading.Thread(target=checkpointer.stop)
    stopper.start()
    time.sleep(0.1)
    assert stopper.is_alive(), "stop returned while a checkpoint was still running"
    release.set()
    stopper.join(10)
    assert not stopper.is_alive() and checkpointer.runs == base + 1
    for _ in range(checkpointer.every * 2):
        checkpointer.poke()
    time.sleep(0.2)
    assert checkpointer.runs == base + 1, "a stopped checkpointer ran again"
    ctx.engine.dispose()
    con = sqlite3.connect(db_path, isolation_level=None)
    try:  # nothing of this engine's holds the file: the journal mode can change
        assert con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
        con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()


class _Spans(list):
    """When each background checkpoint ran, (start, end); ``running`` while one does."""

    def __init__(self) -> None:
        super().__init__()
        import threading
        self.running = threading.Event()


def _timed_checkpoints(checkpointer, monkeypatch, slow_s: float) -> _Spans:
    """Record when each background checkpoint runs; each takes ``slow_s`` longer (a shop-sized book's 20-30 ms
    of page writes and sync, made long enough to see)."""
    spans, real = _Spans(), checkpointer.checkpoint

    def checkpoint():
        spans.running.set()
        t0 = time.monotonic()
        time.sleep(slow_s)
        try:
            return real()
        finally:
            spans.append((t0, time.monotonic()))
            spans.running.clear()

    monkeypatch.setattr(checkpointer, "checkpoint", checkpoint)
    return spans


def _overlaps(a: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def test_a_due_checkpoint_waits_for_the_pause_between_customers_and_never_runs_beside_a_sale(ctx, monkeypatch):
    """Sales in bursts longer than ``every`` (the checkpoint falls due in the middle of one), a customer's pause
    between bursts: every checkpoint runs in a pause, none beside a sale. (Run at the commit that made it due,
    as before, the checkpoint ran beside the burst's next sales: at shop scale their commits wait for its sync.)
    The next customer comes after the pause, or, when a checkpoint begun in the pause is still running then (a
    loaded machine can start the thread late), once it has ended: a checkpoint started in a pause is one the rule
    allows, and the test judges where checkpoints start, not how long the machine took to run one."""
    checkpointer = ctx.engine.checkpointer
    checkpointer.pause_s = 0.15
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    _wait(lambda: checkpointer._thread is None or checkpointer._commits < checkpointer.every, 5)
    spans = _timed_checkpoints(checkpointer, monkeypatch, 0.2)
    sales = []
    for _burst in range(3):
        for _ in range(checkpointer.every // 2 + 3):
            t0 = time.monotonic()
            sell(ctx, asha.id, 10000, pay=[("upi", 4000)], pending=True)
            sales.append((t0, time.monotonic()))
        time.sleep(0.6)   # the next customer
        _wait(lambda: not spans.running.is_set())
    assert _wait(lambda: len(spans) >= 1), "no checkpoint ran"
    assert not [s for s in sales if _overlaps(s, spans)], "a checkpoint ran beside a sale"
    assert all(e - s >= 0.2 for s, e in spans)


def test_without_a_pause_no_checkpoint_runs_among_the_commits_and_the_commits_own_copies_the_wal(
        ctx, monkeypatch):
    """Back-to-back writes (an import, the benchmark's loop) never pause. A background checkpoint among them could
    not finish (each commit adds frames while it copies: SQLite neither syncs the book nor lets the WAL start again;
    at shop scale the commit's own checkpoint still ran, in a sale, and three sales beside each background one were
    slower), so none runs there: the commit that takes the WAL past ``AUTOCHECKPOINT_PAGES`` copies it after
    itself, and the WAL starts again from its beginning (it does not grow without end). The due checkpoint still
    runs at the next pause."""
    checkpointer = ctx.engine.checkpointer
    auto = 120
    monkeypatch.setattr(db_engine, "AUTOCHECKPOINT_PAGES", auto)
    ctx.engine.dispose()   # the next connections are made with the smaller automatic checkpoint
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    _wait(lambda: checkpointer._thread is None or checkpointer._commits < checkpointer.every, 5)
    checkpointer.pause_s = 1.5   # far longer than the gap between two of these sales, even on a busy machine
    spans = _timed_checkpoints(checkpointer, monkeypatch, 0.0)
    wal = f"{ctx.engine.url.database}-wal"
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == auto
        frame = conn.exec_driver_sql("PRAGMA page_size").scalar() + 24
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")   # an empty WAL: one sale's frames measured next
    sell(ctx, asha.id, 10000, pay=[("upi", 4000)], pending=True)
    per_sale = os.path.getsize(wal) // frame
    sales = 160   # past the 150 after which a background checkpoint used to run among such commits
    assert sales * per_sale > 3 * auto   # the loop writes the WAL past the automatic checkpoint several times
    for _ in range(sales):
        sell(ctx, asha.id, 10000, pay=[("upi", 4000)], pending=True)
    assert not spans, "a background checkpoint ran among back-to-back commits"
    with ctx.engine.connect() as conn:   # frames in the WAL since it last started again (this copies them too)
        _busy, frames, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    assert frames <= auto + 2 * per_sale, f"the WAL holds {frames} frames ({per_sale} a sale): the commits' own " \
                                          "checkpoint never ran"
    assert _wait(lambda: len(spans) >= 1, 5), "no checkpoint at the pause after back-to-back commits"


def test_a_write_under_way_is_no_pause_however_long_it_takes(ctx, db_path, monkeypatch):
    """A due checkpoint waits while a write holds the book, however long since the last commit: a commit still
    syncing its WAL (the commit event that counts it comes before the driver's commit) or another process's
    write (the sync), which this process's clock does not see. On the clock alone it ran beside such a write
    (fresh-clone CI, stop 24: a sale of 270 ms beside a checkpoint)."""
    import sqlite3

    checkpointer = ctx.engine.checkpointer
    checkpointer.pause_s = 0.1
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    _wait(lambda: checkpointer._thread is None or checkpointer._commits < checkpointer.every, 5)
    spans = _timed_checkpoints(checkpointer, monkeypatch, 0.0)
    other = sqlite3.connect(db_path, isolation_level=None)   # another process's writer, as the sync's would be
    try:
        for _ in range(checkpointer.every):
            sell(ctx, asha.id, 10000, pay=[("upi", 4000)], pending=True)
        other.execute("BEGIN IMMEDIATE")
        held = time.monotonic()
        time.sleep(1.0)   # ten pauses' worth with no commit in this process
        assert not spans, "a checkpoint ran while another connection's write held the book"
        other.execute("ROLLBACK")
        assert _wait(lambda: len(spans) >= 1, 5), "no checkpoint once the write had ended"
        assert spans[0][0] >= held + 1.0
    finally:
        other.close()
