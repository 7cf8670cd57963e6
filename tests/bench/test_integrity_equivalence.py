"""The faster integrity check finds exactly what the original queries found, for every kind of damage.

``reference_integrity.py`` is the check as it was before it was tuned for the benchmark (one plain
query per invariant). Each case below damages a copy of a small but varied book (sales of every
outcome, walk-ins, collections over several bills, a write-off, a void, a second store in the same
file) in one way, and both versions must report the same findings, and at least one.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from possuite.domain.clock import FixedClock
from possuite.services import collections, customers, integrity
from possuite.services.app import open_context
from possuite.services.context import CLI_ACTOR
from possuite.services.users import init_store
from testkit import sell

_REFERENCE = Path(__file__).with_name("reference_integrity.py")
_spec = importlib.util.spec_from_file_location("reference_integrity", _REFERENCE)
reference = importlib.util.module_from_spec(_spec)
sys.modules["reference_integrity"] = reference
_spec.loader.exec_module(reference)


class MutableClock(FixedClock):
    def set(self, at) -> None:
        object.__setattr__(self, "at", at)


@pytest.fixture(scope="module")
def sound_book(tmp_path_factory) -> Path:
    from datetime import datetime

    from possuite.db.engine import open_database

    path = tmp_path_factory.mktemp("book") / "book.sqlite3"
    clock = MutableClock(datetime(2026, 6, 1, 10, 0))
    engine = open_database(path)
    init_store(engine, clock, store="Glow Salon", owner="Owner", pin="1234")
    ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    ravi = customers.add_customer(ctx, "Ravi Kumar", "9822000002")
    for day in range(1, 6):
        clock.set(datetime(2026, 6, day, 11, 0))
        sell(ctx, asha.id, 50000, no_payment=True)
        sell(ctx, ravi.id, 30000, pay=[("upi", 10000), ("cash", 5000)], pending=True)
        sell(ctx, None, 12000, pay=[("cash", 20000)])
        sell(ctx, asha.id, 8000, pay=[("card", 8000)])
    clock.set(datetime(2026, 7, 1, 10, 0))
    collections.collect_dues(ctx, asha.id, 120000, "cash")
    collections.collect_dues(ctx, ravi.id, 40000, "upi")
    collections.adjust(ctx, ravi.id, -5000, "goodwill")
    sell(ctx, ravi.id, 20000, pay=[("cash", 60000)])  # settles older dues, change
    void = sell(ctx, asha.id, 15000, pay=[("upi", 5000)], pending=True)
    collections.void_bill(ctx, void.number, "wrong customer")
    # A second store in the same file must never show up in the first one's findings.
    with ctx.write() as conn:
        conn.execute(text("INSERT INTO stores (id, name, address, phone, tax_id, currency, country, credit_days, "
                          "invoice_prefix, receipt_prefix, upi_id, allow_advances, cashier_may_comp, created_at) "
                          "VALUES ('01STORE2000000000000000000', 'Other Shop', '', '', '', 'INR', 'IN', 30, 'SAL', "
                          "'RCP', '', 0, 0, '2026-06-01 10:00:00')"))
    other = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
    other.store_id = "01STORE2000000000000000000"
    tara = customers.add_customer(other, "Tara", "9822000009")
    sell(other, tara.id, 7000, no_payment=True)
    engine.dispose()
    return path


def _store(con: sqlite3.Connection) -> str:
    return con.execute("SELECT id FROM stores WHERE name = 'Glow Salon'").fetchone()[0]


GLOW = "store_id = (SELECT id FROM stores WHERE name = 'Glow Salon')"

DAMAGE = {
    "cached balance off": "UPDATE customers SET balance = balance + 1 WHERE name = 'Asha Rao'",
    "visits off": "UPDATE customers SET visits = visits + 2 WHERE name = 'Ravi Kumar'",
    "total spent off": "UPDATE customers SET total_spent = total_spent - 100 WHERE name = 'Asha Rao'",
    "ledger amount changed": "UPDATE ledger_entries SET amount = amount + 700 WHERE rowid = "
                             "(SELECT MIN(rowid) FROM ledger_entries WHERE kind = 'sale')",
    "charge over-allocated": "UPDATE allocations SET amount = amount + 999999 WHERE rowid = "
                             "(SELECT MIN(rowid) FROM allocations)",
    "negative allocation": "UPDATE allocations SET amount = -amount WHERE rowid = "
                           f"(SELECT MAX(rowid) FROM allocations WHERE {GLOW})",
    "open item missing": "DELETE FROM open_items WHERE rowid = "
                         "(SELECT MIN(rowid) FROM open_items WHERE side = 'charge')",
    "open item wrong": "UPDATE open_items SET open_amount = open_amount - 1 WHERE rowid = "
                       f"(SELECT MAX(rowid) FROM open_items WHERE {GLOW})",
    "open item for a settled entry": "INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, "
                                     "due_date, posted_at, bill_id) SELECT id, store_id, customer_id, 'credit', 5, "
                                     "NULL, posted_at, NULL FROM ledger_entries WHERE kind = 'payment' AND id NOT IN "
                                     "(SELECT entry_id FROM open_items) LIMIT 1",
    "stale open item": "UPDATE open_items SET entry_id = 'NOSUCHENTRY0000000000000000' WHERE rowid = "
                       "(SELECT MIN(rowid) FROM open_items)",
    "zero open item": "UPDATE open_items SET open_amount = 0 WHERE rowid = (SELECT MIN(rowid) FROM open_items)",
    "line amount wrong": "UPDATE bill_lines SET amount = amount + 1 WHERE rowid = 3",
    "line tax wrong": "UPDATE bill_lines SET tax = tax + 1 WHERE rowid = 4",
    "bill subtotal wrong": "UPDATE bills SET subtotal = subtotal + 5 WHERE rowid = 2",
    "bill without lines": "DELETE FROM bill_lines WHERE bill_id = (SELECT id FROM bills WHERE rowid = 5)",
    "payment exceeds bill": "UPDATE payments SET amount = amount + 900000 WHERE kind = 'sale' AND rowid = "
                            "(SELECT MIN(rowid) FROM payments WHERE kind = 'sale' AND customer_id IS NOT NULL)",
    "walk-in underpaid": "UPDATE payments SET amount = amount - 1 WHERE rowid = "
                         "(SELECT MIN(rowid) FROM payments WHERE customer_id IS NULL)",
    "walk-in left pending": "UPDATE bills SET outcome = 'pending' WHERE rowid = "
                            "(SELECT MIN(rowid) FROM bills WHERE customer_id IS NULL)",
    "invoice number gap": "UPDATE bills SET seq = seq + 100 WHERE rowid = (SELECT MAX(rowid) FROM bills "
                          f"WHERE {GLOW})",
    "duplicate invoice seq": "UPDATE bills SET seq = 1 WHERE rowid = (SELECT MAX(rowid) FROM bills "
                             f"WHERE {GLOW})",
    "receipt number gap": "UPDATE payments SET seq = 9 WHERE kind = 'collection' AND rowid = "
                          "(SELECT MIN(rowid) FROM payments WHERE kind = 'collection')",
}


def _findings(module, path: Path) -> list[str]:
    ctx = open_context(path, actor=CLI_ACTOR)
    try:
        ctx.store_id = _store(sqlite3.connect(path))
        # The projection check (cache == recomputation) came after the original: compared on its own
        # in tests/integration/test_ledger_rebuild.py; so did the chain (tests/integration/test_ledger_chain.py,
        # tests/robustness/test_chain_tampering.py), which names each damaged row besides.
        return sorted(str(f) for f in module.run_checks(ctx) if f.check not in ("projection", "chain"))
    finally:
        ctx.engine.dispose()


def test_a_sound_book_has_no_findings_in_either_version(sound_book):
    assert _findings(integrity, sound_book) == _findings(reference, sound_book) == []


@pytest.mark.parametrize("name", list(DAMAGE))
def test_the_tuned_check_finds_the_same_as_the_original(sound_book, tmp_path, name):
    path = tmp_path / "damaged.sqlite3"
    shutil.copy(sound_book, path)
    con = sqlite3.connect(path)
    for trigger in ("ledger_entries_no_update", "ledger_entries_no_delete", "allocations_no_update"):
        con.execute(f"DROP TRIGGER {trigger}")
    changed = con.execute(DAMAGE[name]).rowcount
    con.commit()
    con.close()
    assert changed >= 1, f"the damage {name!r} touched nothing"
    ours, theirs = _findings(integrity, path), _findings(reference, path)
    assert theirs, f"the original check did not notice {name!r}"
    assert ours == theirs


def test_single_checks_still_answer_on_their_own(sound_book, tmp_path):
    path = tmp_path / "damaged.sqlite3"
    shutil.copy(sound_book, path)
    con = sqlite3.connect(path)
    con.execute(DAMAGE["open item wrong"])
    con.commit()
    store = _store(con)
    ctx = open_context(path, actor=CLI_ACTOR)
    try:
        with ctx.read() as conn:
            assert [f.check for f in integrity.check_open_items(conn, store)] == ["open item"]
            assert integrity.check_allocation_bounds(conn, store) == []
    finally:
        ctx.engine.dispose()
