"""The unit of work writes on one connection kept out of the pool (``db.engine.KeptWriter``): no pool checkout per
sale, and the book is let go of as before (dispose, the last context gone)."""

from __future__ import annotations

import gc
import sqlite3
import threading

from sqlalchemy import event

from possuite.db.engine import kept_writer, open_database
from possuite.domain.clock import Clock
from possuite.services import customers
from possuite.services.context import Context
from testkit import sell


def _checkouts(engine) -> list:
    seen: list = []
    event.listen(engine, "checkout", lambda *_a: seen.append(1))
    return seen


def test_sales_and_their_copies_of_the_context_write_on_one_kept_connection(ctx):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    writer = kept_writer(ctx.engine, make=False)
    assert writer is not None and ctx._held["writer"] is writer
    kept = writer.driver_connection()
    checkouts = _checkouts(ctx.engine)
    sell(ctx, asha.id, 10000, pay=[("upi", 4000)], pending=True)
    sell(ctx.as_actor(ctx.actor), asha.id, 5000, pay=[("cash", 5000)])
    assert checkouts == [] and writer.driver_connection() is kept
    assert customers.get_customer(ctx, asha.id).visits == 2


def test_a_refused_write_leaves_the_kept_connection_usable(ctx):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    writer = kept_writer(ctx.engine, make=False)
    kept = writer.driver_connection()
    try:
        with ctx.write() as conn:
            conn.exec_driver_sql("UPDATE customers SET visits = 99 WHERE id = ?", (asha.id,))
            raise RuntimeError("the cashier cancelled")
    except RuntimeError:
        pass
    assert writer.driver_connection() is kept and not kept.in_transaction
    assert customers.get_customer(ctx, asha.id).visits == 0   # rolled back
    sell(ctx, asha.id, 10000, pay=[("upi", 10000)])
    assert customers.get_customer(ctx, asha.id).visits == 1


def test_a_second_writing_thread_takes_a_pooled_connection(ctx):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    inside, release, done = threading.Event(), threading.Event(), []

    def long_write():
        with ctx.write():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=long_write)
    t.start()
    assert inside.wait(10)
    other = threading.Thread(target=lambda: done.append(customers.add_customer(ctx, "Ravi Kumar", "9822000002")))
    other.start()
    other.join(0.5)
    release.set()   # the second write waited for the first's lock on the book (SQLite's), not for the kept connection
    t.join(10)
    other.join(10)
    assert done and customers.get_customer(ctx, done[0].id).name == "Ravi Kumar"
    assert customers.get_customer(ctx, asha.id).name == "Asha Rao"


def _book_let_go(path) -> bool:
    con = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        con.execute("PRAGMA journal_mode=WAL")
        return mode == "delete"
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


def test_dispose_closes_the_kept_connection_also_from_inside_a_write(ctx, db_path):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    with ctx.write():
        ctx.engine.dispose()   # e.g. the WAL's rescue: the connection closes as this write ends
        assert kept_writer(ctx.engine, make=False).driver_connection() is not None
    assert kept_writer(ctx.engine, make=False).driver_connection() is None
    ctx.engine.dispose()
    assert _book_let_go(db_path)
    sell(ctx, asha.id, 10000, pay=[("upi", 10000)])   # the next write opens a new one
    assert customers.get_customer(ctx, asha.id).visits == 1


def test_the_book_is_let_go_when_its_last_context_is_gone(tmp_path):
    """An in-process command leaves its engine to the collector, as a process that ends lets go of everything:
    the kept connection must not keep the engine (and the book's file) alive."""
    path = tmp_path / "book.sqlite3"
    ctx = Context(engine=open_database(path), store_id="none", clock=Clock(), db_path=path)
    with ctx.write() as conn:
        conn.exec_driver_sql("CREATE TABLE t(x)")
    assert kept_writer(ctx.engine, make=False).driver_connection() is not None
    # The checkpoint thread (db/engine.py::Checkpointer) knows the book's path, not the engine; the new book's
    # migrations made a checkpoint due, which it runs on a connection of its own after a pause in the commits. A
    # process that ends takes that daemon thread with it; here it is stopped, so that only the engine's own
    # connections are judged (on a loaded machine its checkpoint fell on the check below: CI, once).
    checkpointer = ctx.engine.checkpointer
    del ctx, conn
    gc.collect()
    checkpointer.stop()
    assert _book_let_go(path)
