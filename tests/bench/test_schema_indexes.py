"""The indexes the models declare are the ones the migration creates (the benchmark's covering indexes
live in both), and the integrity check's passes read them the way they were tuned to."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, text

from possuite.db import models as m
from possuite.db.engine import open_database


def _indexes(con: sqlite3.Connection) -> dict[str, tuple]:
    out = {}
    for name, table in con.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                   "AND name NOT LIKE 'sqlite_autoindex_%' AND sql IS NOT NULL"):
        cols = tuple(r[2] for r in con.execute(f"PRAGMA index_xinfo('{name}')") if r[5])
        unique = con.execute(f"SELECT \"unique\" FROM pragma_index_list('{table}') WHERE name = ?",
                             (name,)).fetchone()[0]
        out[name] = (table, cols, unique)
    return out


def test_models_and_migration_declare_the_same_indexes(tmp_path):
    declared = tmp_path / "models.sqlite3"
    engine = create_engine(f"sqlite:///{declared}")
    m.Base.metadata.create_all(engine)
    engine.dispose()
    migrated = tmp_path / "migrated.sqlite3"
    open_database(migrated).dispose()
    from_models = _indexes(sqlite3.connect(declared))
    from_migration = _indexes(sqlite3.connect(migrated))
    assert from_models == from_migration


def test_integrity_passes_read_covering_indexes(ctx):
    plans = {}
    with ctx.engine.connect() as conn:
        for name, sql in {
            "balances": "SELECT customer_id, SUM(amount) FROM ledger_entries WHERE store_id = :s GROUP BY customer_id",
            "allocated as charge": "SELECT COALESCE(SUM(a.amount), 0) FROM allocations a "
                                   "WHERE a.charge_entry_id = :e AND a.store_id = :s",
            "allocated as credit": "SELECT COALESCE(SUM(a.amount), 0) FROM allocations a "
                                   "WHERE a.credit_entry_id = :e AND a.store_id = :s",
            "lines per bill": "SELECT bill_id, SUM(qty * unit_price - line_discount), SUM(bill_discount), SUM(tax), "
                              "SUM(amount), COUNT(*) FROM bill_lines WHERE store_id = :s GROUP BY bill_id",
            "paid per bill": "SELECT bill_id, SUM(amount) FROM payments WHERE store_id = :s AND kind = 'sale' "
                             "GROUP BY bill_id",
            "visits": "SELECT customer_id, COUNT(*), SUM(total) FROM bills WHERE store_id = :s "
                      "AND voided_at IS NULL GROUP BY customer_id",
        }.items():
            rows = conn.execute(text("EXPLAIN QUERY PLAN " + sql), {"s": ctx.store_id, "e": "x"}).all()
            plans[name] = " | ".join(r[3] for r in rows)
    for name, plan in plans.items():
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, f"{name}: {plan}"


def test_the_incremental_replay_reads_the_touched_customers_by_index(ctx):
    """The clean points come from the covering index alone, and each tail is a range of the index: never a
    walk of the store's entries (a pass over 2 million rows at shop scale, per touched customer)."""
    from possuite.services import ledger

    with ctx.engine.connect() as conn:
        driver = conn.connection.driver_connection
        moments = " | ".join(r[3] for r in driver.execute("EXPLAIN QUERY PLAN " + ledger._MOMENTS,
                                                           {"s": ctx.store_id, "ids": "[]"}))
        tails = " | ".join(r[3] for r in driver.execute("EXPLAIN QUERY PLAN " + ledger._TAILS,
                                                        {"s": ctx.store_id, "cuts": "[]"}))
    assert "COVERING INDEX ix_ledger_store_customer_posted (store_id=? AND customer_id=?)" in moments
    assert "TEMP B-TREE" not in moments
    assert "SCAN c" in tails
    assert "ix_ledger_store_customer_posted (store_id=? AND customer_id=? AND posted_at>?)" in tails


def test_the_customers_cards_are_read_from_an_index_alone(ctx):
    """The customers page's cards count the active customers too: every column is in the index (0019), so
    the statement never reads the table's rows (282 ms at 100,000 customers before, README)."""
    from possuite.services.customers import SUMMARY_SQL

    with ctx.engine.connect() as conn:
        plan = " | ".join(r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + SUMMARY_SQL.text),
                                                         {"s": ctx.store_id}))
    assert "COVERING INDEX ix_customers_store_balance_active" in plan, plan


def test_a_documents_print_jobs_are_found_through_an_index(ctx):
    """The first-print question, a reprint's waiting job and ``possuite queue``'s list read a range of
    ``ix_print_jobs_document`` in the order they ask for (0021): before, each read every job of the store
    (a year's 219,000 jobs: about 33 ms per receipt for the first-print question alone)."""
    from sqlalchemy import select

    from possuite.services.print_queue import FAILED, FIRST_JOB, QUEUED, ROWID, J

    waiting = (select(J.c.id).where(J.c.store_id == "s", J.c.document_kind == "sale", J.c.document_ref == "n",
                                    J.c.status.in_((QUEUED, FAILED))).order_by(J.c.created_at, ROWID).limit(1))
    listing = select(J).where(J.c.store_id == "s", J.c.document_ref == "n").order_by(J.c.created_at, ROWID)
    with ctx.engine.connect() as conn:
        for stmt, params in ((FIRST_JOB, {"p_store": "s", "p_kind": "sale", "p_ref": "n"}), (waiting, {}),
                             (listing, {})):
            sql = str(stmt.params(**params).compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "ix_print_jobs_document" in plan, plan
            assert "TEMP B-TREE" not in plan, plan


def test_the_incremental_chain_check_starts_from_the_rows_since_the_seal(ctx):
    """The incremental check finds where this till's rows since the last seal start in each chained table by a
    range of the table (rowid above the seal's mark), not by walking the till's whole chain in the chain index
    from its first row: at shop scale that walk read 1.9 million index rows, 0.5 s of every day close."""
    from possuite.services import chain

    with ctx.engine.connect() as conn:
        for t in chain.STREAM_OF:
            sql = chain._START.format(t=t, live=chain._CHAINED[t])
            plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, (1000, "T", "s")))
            assert plan.startswith(f"SEARCH {t} USING INTEGER PRIMARY KEY (rowid>?)"), f"{t}: {plan}"
