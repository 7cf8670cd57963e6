"""WAL checkpoints happen on a thread of their own; a commit checkpoints only when the WAL is large."""

from __future__ import annotations

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
