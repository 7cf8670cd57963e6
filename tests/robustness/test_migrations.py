"""Migrations: a database made at every earlier schema revision, holding a real book, upgrades
to the newest schema with every row and balance intact (and a copy taken first).

The test walks Alembic's revision list, so a new revision is covered as soon as it exists:
it needs a seeder in ``RAW_SEEDERS`` (raw SQL written for that revision's tables), and the
test says so when one is missing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

import possuite.db.engine as db_engine
from possuite.db.engine import SCHEMA_REVISION, make_engine, open_database
from possuite.domain.clock import FixedClock
from possuite.services import backup, chain
from possuite.services.app import open_context
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import CLI_ACTOR
from possuite.services.customers import add_customer
from possuite.services.integrity import run_checks
from possuite.services.returns import returnable
from possuite.services.users import hash_pin, init_store
from testkit import sell

NOW = datetime(2026, 11, 1, 10, 0)


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db_engine.__file__).parent / "migrations"))
    return cfg


def revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def upgrade_to(path: Path, revision: str) -> None:
    engine = make_engine(path)
    try:
        cfg = _config()
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
    finally:
        engine.dispose()


# -- raw seeders: a small but complete book, in each revision's own tables -------------------------

def seed_0001(con: sqlite3.Connection, one: int = 1) -> dict[str, int]:
    """Asha bought ₹600 paying ₹200 (pending ₹400), then paid ₹100 at a collection: she owes ₹300.

    ``one``: how the book counts one piece on a line (1 before revision 0010, 1000 thousandths from it)."""
    ts, day = "2026-10-01 10:00:00.000000", "2026-10-01"
    sql = [
        ("INSERT INTO stores (id, name, address, phone, tax_id, currency, country, credit_days, invoice_prefix, "
         "receipt_prefix, upi_id, allow_advances, cashier_may_comp, created_at) VALUES "
         "('S1', 'Old Salon', '', '', '', 'INR', 'IN', 30, 'SAL', 'RCP', '', 0, 0, ?)", (ts,)),
        ("INSERT INTO users (id, store_id, name, role, pin_hash, failed_attempts, lock_count, locked_until, "
         "active, created_at) VALUES ('U1', 'S1', 'Owner', 'owner', ?, 0, 0, NULL, 1, ?)", (hash_pin("1234"), ts)),
        ("INSERT INTO customers (id, store_id, name, name_key, phone, phone_e164, phone_digits, notes, credit_limit, "
         "active, balance, visits, total_spent, last_visit, last_payment_at, deactivated_reason, is_demo, "
         "created_at, updated_at) VALUES ('C1', 'S1', 'Asha Rao', 'asha rao', '98220 00001', '+919822000001', "
         "'9822000001', '', NULL, 1, 30000, 1, 60000, ?, ?, '', 0, ?, ?)", (ts, ts, ts, ts)),
        ("INSERT INTO items (id, store_id, name, name_key, sku, barcode, price, tax_rate_bp, tax_inclusive, kind, "
         "active, sold_qty, is_demo, created_at) VALUES ('I1', 'S1', 'Facial', 'facial', 'FC', NULL, 60000, 0, 0, "
         "'service', 1, ?, 0, ?)", (one, ts)),
        ("INSERT INTO bills (id, store_id, number, seq, customer_id, user_id, user_name, authorised_by, posted_at, "
         "business_date, due_date, subtotal, discount, tax, total, retail_value, complimentary, comp_reason, "
         "outcome, previous_balance, applied_to_previous, advance_used, tendered, change, note, charge_entry_id, "
         "voided_at, void_reason, voided_by, is_demo) VALUES ('B1', 'S1', 'SAL-26-0001', 1, 'C1', 'U1', 'Owner', "
         "NULL, ?, ?, '2026-10-31', 60000, 0, 0, 60000, 60000, 0, '', 'pending', 0, 0, 0, 20000, 0, '', 'E1', "
         "NULL, '', NULL, 0)", (ts, day)),
        ("INSERT INTO bill_lines (id, store_id, bill_id, position, item_id, description, kind, qty, unit_price, "
         "line_discount, bill_discount, tax_rate_bp, tax_inclusive, net, tax, amount) VALUES ('L1', 'S1', 'B1', 1, "
         "'I1', 'Facial', 'service', ?, 60000, 0, 0, 0, 0, 60000, 0, 60000)", (one,)),
        ("INSERT INTO ledger_entries (id, store_id, customer_id, kind, amount, bill_id, payment_id, adjustment_id, "
         "document, posted_at, due_date, user_name, authorised_by, note) VALUES "
         "('E1', 'S1', 'C1', 'sale', 60000, 'B1', NULL, NULL, 'SAL-26-0001', ?, '2026-10-31', 'Owner', NULL, ''), "
         "('E2', 'S1', 'C1', 'payment', -20000, 'B1', 'P1', NULL, 'SAL-26-0001', ?, NULL, 'Owner', NULL, ''), "
         "('E3', 'S1', 'C1', 'payment', -10000, NULL, 'P2', NULL, 'RCP-26-0001', ?, NULL, 'Owner', NULL, '')",
         (ts, ts, ts)),
        ("INSERT INTO payments (id, store_id, number, seq, kind, bill_id, customer_id, method, tendered, amount, "
         "change, reference, note, posted_at, business_date, user_id, user_name, credit_entry_id, "
         "previous_balance, remaining_balance, is_demo) VALUES "
         "('P1', 'S1', NULL, NULL, 'sale', 'B1', 'C1', 'cash', 20000, 20000, 0, '', '', ?, ?, 'U1', 'Owner', 'E2', "
         "NULL, NULL, 0), "
         "('P2', 'S1', 'RCP-26-0001', 1, 'collection', NULL, 'C1', 'upi', 10000, 10000, 0, '', '', ?, ?, 'U1', "
         "'Owner', 'E3', 40000, 30000, 0)", (ts, day, ts, day)),
        ("INSERT INTO allocations (id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, created_at) "
         "VALUES ('A1', 'S1', 'C1', 'E2', 'E1', 20000, ?), ('A2', 'S1', 'C1', 'E3', 'E1', 10000, ?)", (ts, ts)),
        ("INSERT INTO open_items (entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, bill_id) "
         "VALUES ('E1', 'S1', 'C1', 'charge', 30000, '2026-10-31', ?, 'B1')", (ts,)),
        ("INSERT INTO sequences (store_id, series, year, last_value) VALUES ('S1', 'SAL', 2026, 1), "
         "('S1', 'RCP', 2026, 1)", ()),
        ("INSERT INTO audit_log (id, store_id, at, user_name, authorised_by, action, target, reason, details) "
         "VALUES ('AU1', 'S1', ?, 'Owner', NULL, 'store created', 'Old Salon', 'first run', '')", (ts,)),
    ]
    for statement, params in sql:
        con.execute(statement, params)
    con.commit()
    return {"Asha Rao": 30000}


# 0002 only changed two triggers and added the (empty) ledger_purges table, 0003 added the sync tables
# and the outbox triggers, 0007 the shift tables and nullable or defaulted columns, 0004 GST columns with
# defaults, 0009 customers.merged_into, 0005 items' unit and pack size with defaults, 0015 the receipt
# language with a default, 0011 only outbox triggers, 0014 users.language with a default, 0012 the (empty)
# seals table and three indexes: 0001's rows fit all.
# 0010 counts line quantities (and items' sold counts) in thousandths: one piece is 1000. 0017 adds the cess
# columns with a default of 0; 0018 only re-creates outbox triggers, 0019 only an index, 0020 only queues
# shift links (a registered book's), 0021 only an index, 0022 the (empty) check_states table,
# 0023 only two indexes.
RAW_SEEDERS: dict[str, Callable[[sqlite3.Connection], dict[str, int]]] = {
    "0001": seed_0001, "0002": seed_0001, "0003": seed_0001, "0007": seed_0001, "0004": seed_0001, "0006": seed_0001,
    "0008": seed_0001, "0009": seed_0001, "0005": seed_0001, "0015": seed_0001, "0011": seed_0001,
    "0014": seed_0001, "0012": seed_0001,
    "0010": lambda con: seed_0001(con, one=1000), "0017": lambda con: seed_0001(con, one=1000),
    "0018": lambda con: seed_0001(con, one=1000),
    "0016": lambda con: _chained(seed_0001(con, one=1000), con),
    "0019": lambda con: _chained(seed_0001(con, one=1000), con),
    "0020": lambda con: _chained(seed_0001(con, one=1000), con),
    "0021": lambda con: _chained(seed_0001(con, one=1000), con),
    "0022": lambda con: _chained(seed_0001(con, one=1000), con),
    "0023": lambda con: _chained(seed_0001(con, one=1000), con),
    "0024": lambda con: _chained(seed_0001(con, one=1000), con)}


def _chained(expected: dict[str, int], con: sqlite3.Connection) -> dict[str, int]:
    """0016 chains every row as it is written (docs/architecture.md §3.6): a raw seeder links its rows the way
    the bulk paths do (``services/chain.py::backfill``), else the check names them as rows in no chain."""
    chain.backfill(con, "S1")
    con.commit()
    return expected
#: Columns a revision converts in place, (table, column) -> factor for the pieces the seeders write: revision
#: 0010's quantities in thousandths. A book made before it holds these values × factor afterwards.
CONVERTED = {"0010": {("bill_lines", "qty"): 1000, ("credit_note_lines", "qty"): 1000, ("items", "sold_qty"): 1000}}


def as_converted(before: dict[str, set[tuple]], revision: str) -> dict[str, set[tuple]]:
    """The rows of a book made at ``revision`` as the later revisions' conversions leave them."""
    order = revisions()
    factors = {}
    for later, cols in CONVERTED.items():
        if order.index(later) > order.index(revision):
            factors.update(cols)
    return {t: {tuple((c, v * factors.get((t, c), 1) if isinstance(v, int) else v) for c, v in row) for row in rows}
            for t, rows in before.items()}


def seed_with_services(path: Path) -> dict[str, int]:
    clock = FixedClock(NOW)
    engine = open_database(path)
    try:
        init_store(engine, clock, store="New Salon", pin="1234")
        ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
        asha = add_customer(ctx, "Asha Rao", "9822000001")
        ravi = add_customer(ctx, "Ravi Kumar", "9822000002")
        adjust(ctx, ravi.id, 50000, "opening balance", kind="opening")
        sell(ctx, asha.id, 60000, pay=[("cash", 20000)], pending=True)
        sell(ctx, ravi.id, 10000, pay=[("card", 5000), ("cash", 30000)])  # pays old dues too
        wrong = sell(ctx, asha.id, 7000, no_payment=True)
        void_bill(ctx, wrong.number, "wrong customer")
        collect_dues(ctx, asha.id, 10000, "upi")
        adjust(ctx, ravi.id, -1000, "goodwill")
        sell(ctx, None, 2500, pay=[("cash", 5000)])
        return {"Asha Rao": 30000, "Ravi Kumar": 24000}
    finally:
        engine.dispose()


def snapshot(path: Path) -> dict[str, set[tuple]]:
    """Every row of every table (FTS shadow tables and Alembic's own table left out)."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'customers_fts%' AND name != 'alembic_version'")]
        out = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
            out[t] = {tuple(zip(cols, row, strict=True)) for row in con.execute(f"SELECT * FROM {t}")}
        return out
    finally:
        con.close()


def rows_survived(before: dict[str, set[tuple]], after: dict[str, set[tuple]]) -> list[str]:
    """Each earlier row must still be there with the same values in the columns it had."""
    problems = []
    for table, rows in before.items():
        if table not in after:
            problems.append(f"table {table} disappeared")
            continue
        later = {frozenset(r) for r in after[table]}
        for row in rows:
            if not any(frozenset(row) <= r for r in later):
                problems.append(f"{table}: row {dict(row)} changed or vanished")
    return problems


CASES = [(r, "raw SQL") for r in revisions()] + [(revisions()[-1], "services")]


@pytest.mark.parametrize("revision,how", CASES, ids=[f"{r}-{h}" for r, h in CASES])
def test_a_database_from_every_revision_upgrades_with_rows_and_balances_intact(tmp_path, revision, how):
    path = tmp_path / f"made-at-{revision}.sqlite3"
    upgrade_to(path, revision)
    if how == "services":
        expected = seed_with_services(path)
    else:
        assert revision in RAW_SEEDERS, f"add a raw-SQL seeder for schema revision {revision} to RAW_SEEDERS"
        con = sqlite3.connect(path)
        con.execute("PRAGMA foreign_keys = ON")
        expected = RAW_SEEDERS[revision](con)
        con.close()
    before = snapshot(path)

    engine = open_database(path)  # what the app does at start: upgrade to the newest schema
    try:
        ctx = open_context(engine=engine, path=path, clock=FixedClock(NOW), actor=CLI_ACTOR)
        assert run_checks(ctx) == []
        with ctx.read() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_REVISION
            balances = dict(conn.exec_driver_sql("SELECT name, balance FROM customers").all())
    finally:
        engine.dispose()

    assert balances == expected
    assert rows_survived(as_converted(before, revision), snapshot(path)) == []
    copies = [b for b in backup.list_backups(path) if b.kind.startswith("pre-upgrade")]
    if revision != SCHEMA_REVISION:
        assert [b.kind for b in copies] == [f"pre-upgrade-{revision}"]
        assert snapshot(copies[0].path) == before
    else:
        assert copies == []


def test_the_engine_knows_the_newest_revision():
    assert revisions()[-1] == SCHEMA_REVISION
    assert len(ScriptDirectory.from_config(_config()).get_heads()) == 1  # one line of revisions, no branches


def test_revision_0010_converts_an_old_books_lines_to_thousandths_with_totals_unchanged(tmp_path):
    """A book at 0005 (the head before 0010) sold 2 strips of a 10-tablet strip at ₹35 a strip (walk-in, cash)
    and took 1 strip back on a credit note, besides 0001's Facial: after the upgrade the strip line counts
    20 tablets (20000), the return 10 tablets (10000), the Facial 1000; no amount moves and the check is clean."""
    path = tmp_path / "made-at-0005.sqlite3"
    upgrade_to(path, "0005")
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    seed_0001(con)
    ts, day = "2026-10-02 11:00:00.000000", "2026-10-02"
    for statement, params in [
        ("INSERT INTO items (id, store_id, name, name_key, sku, barcode, price, tax_rate_bp, tax_inclusive, kind, "
         "active, sold_qty, is_demo, created_at, unit, pack_size) VALUES ('I2', 'S1', 'Paracetamol 500', "
         "'paracetamol 500', 'PCM', NULL, 3500, 0, 0, 'product', 1, 2, 0, ?, 'strip', 10)", (ts,)),
        ("INSERT INTO bills (id, store_id, number, seq, customer_id, user_id, user_name, posted_at, business_date, "
         "subtotal, discount, tax, total, retail_value, complimentary, comp_reason, outcome, previous_balance, "
         "applied_to_previous, advance_used, tendered, change, note, void_reason, is_demo) VALUES ('B2', 'S1', "
         "'SAL-26-0002', 2, NULL, 'U1', 'Owner', ?, ?, 7000, 0, 0, 7000, 7000, 0, '', 'paid', 0, 0, 0, 7000, 0, "
         "'', '', 0)", (ts, day)),
        ("INSERT INTO bill_lines (id, store_id, bill_id, position, item_id, description, kind, qty, unit_price, "
         "line_discount, bill_discount, tax_rate_bp, tax_inclusive, net, tax, amount) VALUES ('L2', 'S1', 'B2', 1, "
         "'I2', 'Paracetamol 500', 'product', 2, 3500, 0, 0, 0, 0, 7000, 0, 7000)", ()),
        ("INSERT INTO payments (id, store_id, kind, bill_id, method, tendered, amount, change, reference, note, "
         "posted_at, business_date, user_id, user_name, is_demo) VALUES ('P3', 'S1', 'sale', 'B2', 'cash', 7000, "
         "7000, 0, '', '', ?, ?, 'U1', 'Owner', 0), ('P4', 'S1', 'refund', 'B2', 'cash', -3500, -3500, 0, "
         "'CN-26-0001', '', ?, ?, 'U1', 'Owner', 0)", (ts, day, ts, day)),
        ("INSERT INTO credit_notes (id, store_id, number, seq, bill_id, customer_id, posted_at, business_date, net, "
         "tax, retail_value, total, complimentary, refund_method, to_bill, to_dues, to_account, refunded, reason, "
         "user_id, user_name, is_demo) VALUES ('N1', 'S1', 'CN-26-0001', 1, 'B2', NULL, ?, ?, 3500, 0, 3500, 3500, "
         "0, 'cash', 0, 0, 0, 3500, 'one strip back', 'U1', 'Owner', 0)", (ts, day)),
        ("INSERT INTO credit_note_lines (id, store_id, credit_note_id, bill_id, bill_line_id, position, item_id, "
         "description, qty, unit_price, tax_rate_bp, net, tax, amount) VALUES ('NL1', 'S1', 'N1', 'B2', 'L2', 1, "
         "'I2', 'Paracetamol 500', 1, 3500, 0, 3500, 0, 3500)", ()),
        ("UPDATE sequences SET last_value = 2 WHERE series = 'SAL'", ()),
        ("INSERT INTO sequences (store_id, series, year, last_value) VALUES ('S1', 'CN', 2026, 1)", ()),
        # registered and everything pushed: the outbox triggers are live, and the outbox is empty
        ("INSERT INTO sync_till (id, business_id, business_name, store_id, code, name, hub_url, registered_at, "
         "pull_cursor, last_error, applying) VALUES ('T1', 'BZ', 'Old Salon', 'S1', 'A', 'Counter', "
         "'postgresql://hub/db', ?, 0, '', 0)", (ts,)),
    ]:
        con.execute(statement, params)
    con.commit()
    totals_before = con.execute("SELECT number, subtotal, tax, total FROM bills ORDER BY number").fetchall()
    con.close()

    engine = open_database(path)
    try:
        ctx = open_context(engine=engine, path=path, clock=FixedClock(NOW), actor=CLI_ACTOR)
        assert run_checks(ctx) == []
        with ctx.read() as conn:
            lines = conn.exec_driver_sql("SELECT id, qty, unit, pack_size, amount FROM bill_lines ORDER BY id").all()
            returned = conn.exec_driver_sql("SELECT qty, amount FROM credit_note_lines").all()
            sold = dict(conn.exec_driver_sql("SELECT id, sold_qty FROM items").all())
            totals_after = conn.exec_driver_sql("SELECT number, subtotal, tax, total FROM bills ORDER BY number").all()
            outbox = [r[0] for r in conn.exec_driver_sql("SELECT tbl FROM sync_outbox ORDER BY seq")]
    finally:
        engine.dispose()
    assert [tuple(r) for r in lines] == [("L1", 1000, "piece", 1, 60000), ("L2", 20000, "strip", 10, 7000)]
    assert [tuple(r) for r in returned] == [(10000, 3500)]
    assert sold == {"I1": 1000, "I2": 20000}
    assert [tuple(r) for r in totals_after] == [tuple(r) for r in totals_before]
    # the conversion queues nothing for the hub (the hub converts its own copy: h0010); only 0011 queued the
    # credit note the till wrote before credit notes were synced, once
    assert outbox == ["credit_notes", "credit_note_lines"]
    bill = returnable(ctx, "SAL-26-0002")
    assert (bill.lines[0].returnable, bill.lines[0].text(bill.lines[0].returnable)) == (10000, "1 strip")
