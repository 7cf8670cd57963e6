"""A merge of two customers is a write like any other: the outbox queues it and the hub gets it."""

from __future__ import annotations

import pytest
from hubkit import hub_for, make_book, pg
from sqlalchemy import text

from possuite.hub import push
from possuite.hub.register import register_till
from possuite.services.customers import add_customer
from possuite.services.duplicates import likely_duplicates, merge_customers
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
