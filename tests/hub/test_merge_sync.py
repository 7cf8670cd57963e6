"""A merge of two customers is a write like any other: the outbox queues it and the hub gets it."""

from __future__ import annotations

import pytest
from hubkit import book_ids, hub_for, make_book, open_book, pg
from sqlalchemy import text

from possuite.db.engine import backup_file
from possuite.hub import push
from possuite.hub.register import register_till
from possuite.hub.sync import sync
from possuite.services.customers import add_customer, get_customer
from possuite.services.duplicates import SAME_PHONE, likely_duplicates, merge_customers
from possuite.services.integrity import run_checks
from testkit import sell

pytestmark = pytest.mark.hub


def test_a_merge_reaches_the_hub(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    ctx = make_book(tmp_path / "till.sqlite3")
    keep = add_customer(ctx, "Priya Sharma", "98765 43210")
    other = add_customer(ctx, "Priya Sharma", "98765 43201")
    sell(ctx, keep.id, 50000, no_payment=True)
    register_till(ctx, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    sell(ctx, other.id, 30000, no_payment=True)
    (pair,) = likely_duplicates(ctx)
    result = merge_customers(ctx, pair.keep.id, pair.other.id, "same person")
    assert push.push(ctx, config_dir).waiting == 0
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        row = conn.execute(text("SELECT active, merged_into, version FROM customers WHERE id = :i"),
                           {"i": other.id}).one()
        moved = conn.execute(text("SELECT customer_id, kind, amount FROM ledger_entries WHERE kind LIKE 'transfer%' "
                                  "ORDER BY kind")).all()
        numbers = set(conn.execute(text("SELECT number FROM adjustments")).scalars())
        balances = dict(conn.execute(text("SELECT customer_id, sum(amount) FROM ledger_entries GROUP BY 1")).all())
    engine.dispose()
    assert (row.active, row.merged_into) == (False, keep.id) and row.version >= 1
    assert [tuple(r) for r in moved] == [(keep.id, "transfer_in", 30000), (other.id, "transfer_out", -30000)]
    assert numbers == set(result.documents)
    assert balances == {keep.id: 80000, other.id: 0}  # the hub's entries sum as the till's balances do


def test_one_person_added_at_two_tills_offline_is_kept_twice_then_merged_everywhere(
        pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3")
    backup_file(tmp_path / "a1.sqlite3", tmp_path / "a2.sqlite3")
    a2 = open_book(tmp_path / "a2.sqlite3")
    register_till(a1, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    register_till(a2, hub["owner"], "Glow Salon", "B", "Counter 2", config_dir)
    first = add_customer(a1, "Priya Sharma", "98765 43210")       # both tills offline, the same person
    sell(a1, first.id, 50000, no_payment=True)
    second = add_customer(a2, "Priya S.", "098765 43210")
    sell(a2, second.id, 30000, no_payment=True)
    for ctx in (a1, a2, a1):
        sync(ctx, config_dir)
    for ctx in (a1, a2):  # each till holds both customers, with the same phone
        assert {first.id, second.id} <= set(book_ids(ctx, "customers"))
        (pair,) = likely_duplicates(ctx)
        assert {pair.keep.id, pair.other.id} == {first.id, second.id} and pair.why == SAME_PHONE
    result = merge_customers(a1, first.id, second.id, "one person, two tills")
    assert result.keep.balance == 80000
    for ctx in (a1, a2):
        sync(ctx, config_dir)
    for ctx in (a1, a2):  # the merge reached the other till through the hub
        kept, merged = get_customer(ctx, first.id), get_customer(ctx, second.id)
        assert (kept.balance, kept.active, merged.balance, merged.active) == (80000, True, 0, False)
        assert likely_duplicates(ctx) == [] and run_checks(ctx) == []
