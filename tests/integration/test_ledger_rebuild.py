"""The cached projection (allocations, open items, balances) against its recomputation from the entries:
``check`` names every customer whose cache differs, and the owner's rebuild fixes it in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from possuite.domain.errors import PermissionDenied
from possuite.services import audit, collections, customers, integrity, ledger
from possuite.services.audit import list_entries
from possuite.services.context import Actor
from testkit import sell


@pytest.fixture
def book(ctx, clock):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    ravi = customers.add_customer(ctx, "Ravi Kumar", "9822000002")
    sell(ctx, asha.id, 50000, no_payment=True)
    sell(ctx, asha.id, 30000, pay=[("upi", 10000), ("cash", 5000)], pending=True)
    sell(ctx, ravi.id, 40000, pay=[("card", 15000)], pending=True)
    clock.set(clock.now() + timedelta(days=3))
    collections.collect_dues(ctx, asha.id, 20000, "cash")
    collections.adjust(ctx, ravi.id, -5000, "goodwill")
    voided = sell(ctx, ravi.id, 20000, pay=[("upi", 30000)])   # pays ₹100 of the older bill too
    collections.void_bill(ctx, voided.number, "rang up twice")
    assert integrity.run_checks(ctx) == []
    return asha, ravi


def _raw(db_path, *sql: str) -> None:
    con = sqlite3.connect(db_path)
    for s in sql:
        assert con.execute(s).rowcount >= 1, s
    con.commit()
    con.close()


def _dump(db_path) -> list[str]:
    con = sqlite3.connect(db_path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_every_operation_leaves_the_cache_equal_to_the_recomputation(ctx, book):
    with ctx.read() as conn:
        assert ledger.differences(conn, ctx.store_id) == []
        assert integrity.check_projection(conn, ctx.store_id) == []


def test_check_names_each_damaged_customer_and_the_owner_rebuild_fixes_it(ctx, db_path, book):
    asha, ravi = book
    _raw(db_path,
         "UPDATE open_items SET open_amount = open_amount - 100 WHERE entry_id = (SELECT entry_id FROM open_items "
         f"WHERE customer_id = '{asha.id}' AND side = 'charge' AND open_amount > 100 LIMIT 1)",
         f"UPDATE customers SET balance = 7 WHERE id = '{ravi.id}'")
    findings = integrity.run_checks(ctx)
    projection = [f for f in findings if f.check == "projection"]
    assert sorted(f.subject for f in projection) == sorted([f"customer Asha Rao ({asha.id})",
                                                            f"customer Ravi Kumar ({ravi.id})"])
    assert "cached balance 7 but recomputed" in next(f.message for f in projection if "Ravi" in f.subject)
    assert {f.check for f in findings} >= {"projection", "open item", "balance"}   # the old findings stay

    before = _dump(db_path)
    with pytest.raises(PermissionDenied):
        integrity.rebuild_projection(ctx.as_actor(Actor("Cash", "cashier")))
    assert _dump(db_path) == before

    rebuilt = integrity.rebuild_projection(ctx)
    assert {(r.name, r.balance_before, r.balance_after, r.open_items) for r in rebuilt} == {
        ("Asha Rao", asha_balance(ctx, asha.id), asha_balance(ctx, asha.id), 1),
        ("Ravi Kumar", 7, customers.get_customer(ctx, ravi.id).balance, 0)}
    assert integrity.run_checks(ctx) == []
    entry = next(e for e in list_entries(ctx) if e["action"] == "ledger rebuilt")
    assert entry["user_name"] == ctx.actor.name
    assert integrity.rebuild_projection(ctx) == []      # nothing left to rebuild


def asha_balance(ctx, cid) -> int:
    return customers.get_customer(ctx, cid).balance


def test_a_wrong_allocation_is_undone_by_a_delta_row_never_a_delete(ctx, db_path, book):
    asha, _ravi = book
    con = sqlite3.connect(db_path)
    credit, charge = con.execute(
        "SELECT credit_entry_id, charge_entry_id FROM allocations WHERE customer_id = ? AND amount > 0 LIMIT 1",
        (asha.id,)).fetchone()
    count = con.execute("SELECT COUNT(*) FROM allocations").fetchone()[0]
    con.execute("INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, "
                "created_at) SELECT 'BOGUS', store_id, customer_id, credit_entry_id, charge_entry_id, 1, created_at "
                "FROM allocations WHERE credit_entry_id = ? AND charge_entry_id = ? LIMIT 1", (credit, charge))
    con.commit()
    con.close()
    assert [f.subject for f in integrity.run_checks(ctx) if f.check == "projection"] == \
        [f"customer Asha Rao ({asha.id})"]
    (r,) = integrity.rebuild_projection(ctx)
    assert r.allocations == 1
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM allocations").fetchone()[0] == count + 2   # the bogus row + its undo
    assert con.execute("SELECT COUNT(*) FROM allocations WHERE id = 'BOGUS'").fetchone()[0] == 1
    assert con.execute("SELECT COUNT(*) FROM allocations WHERE credit_entry_id = ? AND charge_entry_id = ? "
                       "AND amount = -1", (credit, charge)).fetchone()[0] == 1
    con.close()
    # The cache is sound again; the row inserted by hand stays in no till's chain (§3.6), and says so.
    assert [f.subject for f in integrity.run_checks(ctx)] == ["allocations BOGUS (till none)"]


def test_the_rebuild_is_one_transaction(ctx, db_path, book, monkeypatch):
    asha, ravi = book
    _raw(db_path, f"DELETE FROM open_items WHERE customer_id = '{asha.id}'",
         f"UPDATE customers SET balance = 1 WHERE id = '{ravi.id}'")
    before = _dump(db_path)

    def boom(*a, **k):
        raise RuntimeError("power cut")

    monkeypatch.setattr(audit, "record", boom)   # the last write of the rebuild fails
    with pytest.raises(RuntimeError):
        integrity.rebuild_projection(ctx)
    assert _dump(db_path) == before
    monkeypatch.undo()
    assert len(integrity.rebuild_projection(ctx)) == 2
    assert integrity.run_checks(ctx) == []


def test_the_guards_let_only_the_ledgers_demo_purge_through(ctx, book):
    from sqlalchemy import text

    asha, _ravi = book
    with pytest.raises(Exception, match="insert-only"), ctx.write() as conn:
        # listed but not a demo customer: still refused
        conn.execute(text("INSERT INTO ledger_purges(customer_id) VALUES (:c)"), {"c": asha.id})
        conn.execute(text("DELETE FROM ledger_entries WHERE customer_id = :c"), {"c": asha.id})
    with ctx.write() as conn:   # a real customer is never listed by the purge: nothing is deleted
        ledger.purge_demo_books(conn, ctx, "SELECT id FROM customers")
        assert conn.execute(text("SELECT COUNT(*) FROM ledger_purges")).scalar_one() == 0
    assert integrity.run_checks(ctx) == []
    with ctx.read() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM ledger_entries WHERE customer_id = :c"),
                            {"c": asha.id}).scalar_one() > 0


def _damage(db_path, sql: str) -> None:
    """Damage the cache (or the stored form of an entry) with the insert-only guards out of the way."""
    con = sqlite3.connect(db_path)
    for trigger in ("ledger_entries_no_update", "allocations_no_update"):
        con.execute(f"DROP TRIGGER {trigger}")
    assert con.execute(sql).rowcount >= 1, sql
    con.commit()
    con.close()


_ASHA = "(SELECT id FROM customers WHERE name = 'Asha Rao')"
_RAVI = "(SELECT id FROM customers WHERE name = 'Ravi Kumar')"
_FIRST_ALLOCATION = f"(SELECT MIN(rowid) FROM allocations WHERE customer_id = {_ASHA} AND amount > 0)"

#: Damage the fast comparison of the check must still see (each changes nothing but the cache's rows).
PROJECTION_DAMAGE = {
    "a cached balance off by one": "UPDATE customers SET balance = balance + 1 WHERE name = 'Asha Rao'",
    "an allocation filed under another customer":
        f"UPDATE allocations SET customer_id = {_RAVI} WHERE rowid = {_FIRST_ALLOCATION}",
    "an allocation row written twice":
        "INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, created_at) "
        f"SELECT 'TWICE', store_id, customer_id, credit_entry_id, charge_entry_id, amount, created_at "
        f"FROM allocations WHERE rowid = {_FIRST_ALLOCATION}",
    "an allocation tied to the wrong charge":
        f"UPDATE allocations SET charge_entry_id = (SELECT id FROM ledger_entries WHERE customer_id = {_ASHA} "
        "AND kind = 'sale' AND id != allocations.charge_entry_id LIMIT 1) "
        f"WHERE rowid = {_FIRST_ALLOCATION}",
    "an open item filed under another customer":
        f"UPDATE open_items SET customer_id = {_RAVI} WHERE rowid = (SELECT MIN(rowid) FROM open_items "
        f"WHERE customer_id = {_ASHA})",
    "a zero allocation row added": (
        "INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, created_at) "
        "SELECT 'ZERO', store_id, customer_id, credit_entry_id, (SELECT id FROM ledger_entries WHERE "
        f"customer_id = {_ASHA} AND kind = 'sale' AND id != allocations.charge_entry_id LIMIT 1), 0, created_at "
        f"FROM allocations WHERE rowid = {_FIRST_ALLOCATION}"),
}


@pytest.mark.parametrize("name", list(PROJECTION_DAMAGE))
def test_the_check_finds_cache_rows_that_differ_from_the_recomputation(ctx, db_path, book, name):
    asha, _ravi = book
    _damage(db_path, PROJECTION_DAMAGE[name])
    with ctx.read() as conn:
        found = {d.name for d in ledger.differences(conn, ctx.store_id)}
    if name == "a zero allocation row added":   # sums are what count: a pair summing to 0 is no allocation
        assert found == set()
    else:
        assert "Asha Rao" in found


def test_a_pair_split_over_several_rows_that_sum_right_is_sound(ctx, db_path, book):
    asha, _ravi = book
    _damage(db_path, f"UPDATE allocations SET amount = amount - 1 WHERE rowid = {_FIRST_ALLOCATION}")
    _raw(db_path, "INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, "
                  "created_at) SELECT 'REST', store_id, customer_id, credit_entry_id, charge_entry_id, 1, created_at "
                  f"FROM allocations WHERE rowid = {_FIRST_ALLOCATION}")
    # Sound as a cache; as a record, the edited and the hand-made rows are named by the chain (§3.6).
    assert {f.check for f in integrity.run_checks(ctx)} == {"chain"}


def test_entry_times_stored_in_another_iso_form_still_order_by_their_value(ctx, db_path, clock):
    """The check's replay compares stored time text; a time written in another ISO form (``T``, no
    microseconds) by some other writer must still sort by its value, not by its characters."""
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    start = clock.now().replace(hour=9, minute=0, second=0, microsecond=0)
    clock.set(start)
    first = sell(ctx, asha.id, 50000, no_payment=True)
    clock.set(start + timedelta(minutes=30))
    sell(ctx, asha.id, 30000, no_payment=True)
    clock.set(start + timedelta(hours=3))
    collections.collect_dues(ctx, asha.id, 20000, "cash")   # settles the 9:00 bill, the older one
    _damage(db_path, f"UPDATE ledger_entries SET posted_at = '{start.isoformat()}' "
                     f"WHERE kind = 'sale' AND bill_id = (SELECT id FROM bills WHERE number = '{first.number}')")
    # As text 'YYYY-MM-DDT09:00:00' sorts after 'YYYY-MM-DD 09:30:00.000000': a replay of the raw text would
    # settle the 9:30 bill first and report a difference that is not there.
    with ctx.read() as conn:
        assert ledger.differences(conn, ctx.store_id) == []


def test_an_entry_posted_before_entries_the_book_already_holds_leaves_the_cache_equal_to_the_replay(ctx, clock):
    """A till posts at its own clock after a pull brought another till's entries with a later clock (seed 777
    of the simulation): the new charge comes earlier in the rule's order than one already cached, so the
    customer's projection is the replay of all the entries, not the incremental settling."""
    with ctx.write() as conn:
        conn.exec_driver_sql("UPDATE stores SET allow_advances = 1")
    ctx.refresh_store()
    c = customers.add_customer(ctx, "Meera Iyer", "9822000003")
    collections.adjust(ctx, c.id, -5000, "paid ahead")          # ₹50 open credit
    start = clock.now()
    clock.set(start + timedelta(hours=2))
    later = sell(ctx, c.id, 3000, no_payment=True)              # the other till's clock, ahead
    clock.set(start + timedelta(hours=1))
    earlier = sell(ctx, c.id, 4000, no_payment=True)            # this till's clock, behind
    with ctx.read() as conn:
        assert ledger.differences(conn, ctx.store_id) == []
        opened = dict(conn.exec_driver_sql(
            "SELECT e.bill_id, o.open_amount FROM open_items o JOIN ledger_entries e ON e.id = o.entry_id "
            "WHERE o.customer_id = ?", (c.id,)).all())
    # the replay: the earlier bill takes ₹40 of the credit, the later one the last ₹10
    assert opened == {later.bill_id: 2000}
    assert earlier.bill_id not in opened
