"""The SQLite file: pragmas, insert-only ledger, store scoping, atomic sales, search index."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from possuite.db.engine import SCHEMA_REVISION, open_database
from possuite.domain.errors import NotFound
from possuite.services import balances, bills, customers, integrity
from possuite.services.app import open_context
from possuite.services.collections import collect_dues
from possuite.services.context import CLI_ACTOR
from possuite.services.users import init_store
from testkit import sell


def test_pragmas_protect_a_completed_sale(ctx):
    with ctx.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_schema_revision_matches_alembic_head():
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import possuite.db.engine as engine_module

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(engine_module.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_REVISION


def test_ledger_entries_refuse_update_and_delete(ctx, db_path):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    sell(ctx, c.id, 50000, pay=[("cash", 20000)], pending=True)
    con = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="insert-only"):
        con.execute("UPDATE ledger_entries SET amount = 1")
    with pytest.raises(sqlite3.IntegrityError, match="insert-only"):
        con.execute("DELETE FROM ledger_entries")
    with pytest.raises(sqlite3.IntegrityError, match="insert-only"):
        con.execute("DELETE FROM allocations")
    con.close()


def test_two_stores_in_one_file_never_see_each_other(ctx, db_path, clock):
    a = customers.add_customer(ctx, "Priya Sharma", "9876543210")
    sell(ctx, a.id, 50000, no_payment=True)
    init_store_second = __import__("possuite.services.users", fromlist=["x"])
    # A second store in the same file (a later multi-store set-up): insert it directly.
    with ctx.write() as conn:
        conn.execute(text("INSERT INTO stores (id, name, address, phone, tax_id, currency, country, credit_days, "
                          "invoice_prefix, receipt_prefix, upi_id, allow_advances, cashier_may_comp, created_at) "
                          "VALUES ('01STORE2000000000000000000', 'Other', '', '', '', 'INR', 'IN', 30, 'SAL', "
                          "'RCP', '', 0, 0, '2026-11-01 10:00:00')"))
    assert init_store_second
    other = open_context(engine=ctx.engine, clock=clock, actor=CLI_ACTOR)
    other.store_id = "01STORE2000000000000000000"
    b = customers.add_customer(other, "Priya Sharma", "9876543210")  # same phone: allowed in another store
    sell(other, b.id, 70000, no_payment=True)
    assert customers.list_customers(ctx).total == 1
    assert [v.id for v in customers.lookup(ctx, "priya")] == [a.id]
    assert [v.id for v in customers.lookup(other, "43210")] == [b.id]
    assert [r.total for r in bills.list_bills(ctx).rows] == [50000]
    assert bills.list_bills(other).rows[0].number == "SAL-26-0001"  # numbering per store
    assert balances.summary(ctx).total_outstanding == 50000
    assert balances.summary(other).total_outstanding == 70000
    with pytest.raises(NotFound):
        customers.get_customer(ctx, b.id)
    with pytest.raises(NotFound):
        collect_dues(other, a.id, 100, "cash")
    assert integrity.run_checks(ctx) == [] and integrity.run_checks(other) == []


def test_a_failure_mid_sale_leaves_nothing_half_written(ctx, db_path, monkeypatch):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    sell(ctx, c.id, 50000, no_payment=True)
    before = list(sqlite3.connect(db_path).iterdump())

    import possuite.services.checkout as checkout

    def boom(*a, **k):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(checkout.Posting, "flush", boom)
    with pytest.raises(RuntimeError):
        sell(ctx, c.id, 30000, pay=[("cash", 80000)])
    assert list(sqlite3.connect(db_path).iterdump()) == before
    monkeypatch.undo()
    # The number the failed sale would have taken is still free: no gap.
    assert sell(ctx, c.id, 30000, pay=[("cash", 30000)]).number == "SAL-26-0002"


def test_search_index_follows_renames_and_phone_changes(ctx):
    c = customers.add_customer(ctx, "Meena Iyer", "9822012345")
    customers.edit_customer(ctx, c.id, name="Meenakshi Raman", phone="9123456780")
    assert [v.name for v in customers.lookup(ctx, "raman")] == ["Meenakshi Raman"]
    assert customers.lookup(ctx, "iyer") == []
    assert [v.name for v in customers.lookup(ctx, "45678")] == ["Meenakshi Raman"]
    assert customers.lookup(ctx, "22012") == []


def test_lookup_by_name_fragments_and_phone_digits(ctx):
    for name, phone in [("Priya Sharma", "9876543210"), ("Priyanka Das", "9822011111"), ("Arjun Rao", None)]:
        customers.add_customer(ctx, name, phone)
    assert [v.name for v in customers.lookup(ctx, "pr")] == ["Priya Sharma", "Priyanka Das"]
    assert [v.name for v in customers.lookup(ctx, "sharma")] == ["Priya Sharma"]
    assert [v.name for v in customers.lookup(ctx, "arj")] == ["Arjun Rao"]
    assert [v.name for v in customers.lookup(ctx, "987")] == ["Priya Sharma"]      # start
    assert [v.name for v in customers.lookup(ctx, "6543")] == ["Priya Sharma"]     # middle
    assert [v.name for v in customers.lookup(ctx, "11111")] == ["Priyanka Das"]   # end
    assert customers.lookup(ctx, "zzq") == []
    assert customers.lookup(ctx, "000000") == []


def test_reads_never_write(ctx, db_path):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    sell(ctx, c.id, 50000, no_payment=True)
    before = list(sqlite3.connect(db_path).iterdump())
    bills.list_bills(ctx, status="pending")
    bills.get_bill(ctx, "SAL-26-0001")
    balances.summary(ctx)
    balances.customer_balances(ctx)
    integrity.run_checks(ctx)
    customers.lookup(ctx, "ash")
    assert list(sqlite3.connect(db_path).iterdump()) == before


def test_database_file_is_private_to_the_owner(tmp_path, clock):
    import os
    import stat
    from pathlib import Path

    from possuite.db.engine import default_db_path

    path = tmp_path / "private.sqlite3"
    engine = open_database(path)
    init_store(engine, clock, store="S", pin="1234")
    engine.dispose()
    if os.name == "posix":  # the file itself: read and write for its owner, nothing for group or others
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    else:  # Windows has no mode bits: the book is private by living in the user's own profile (its ACL)
        assert default_db_path().is_relative_to(Path.home())


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    from possuite.domain.errors import ValidationError

    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    with pytest.raises(ValidationError, match="not a possuite database"):
        open_database(bad)


def test_a_database_from_a_newer_version_is_refused_clearly_and_left_alone(tmp_path, clock):
    from possuite.domain.errors import ValidationError

    path = tmp_path / "newer.sqlite3"
    engine = open_database(path)
    init_store(engine, clock, store="S", pin="1234")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    files_before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(ValidationError, match="written by a newer possuite"):
        open_database(path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == files_before  # no pointless backup copy
