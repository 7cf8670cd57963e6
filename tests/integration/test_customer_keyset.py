"""Keyset paging of the customers list (``services/customers.py::list_customers(after=...)``): every page read
after the previous page's last row is the page ``offset`` gives, for every sort the Customers page offers and
both directions, with ties in the sort key and NULL keys; and the deep page is a range of the index."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, text

from possuite.services import customers
from possuite.services.customers import SORTS

PAGE = 7


@pytest.fixture
def book(ctx):
    """40 customers in few distinct values per column, so every sort has runs of ties longer than a page."""
    names = ["Asha", "Bala", "asha", "Chitra", "Bala"]
    made = [customers.add_customer(ctx, f"{names[i % 5]}") for i in range(40)]
    base = datetime(2026, 11, 1, 10, 0)
    # The figures the ledger would cache, set straight in the test book: this test is about the read's order.
    with ctx.engine.begin() as conn:
        for i, c in enumerate(made):
            conn.execute(text("UPDATE customers SET balance = :b, visits = :v, total_spent = :t, last_visit = :lv, "
                              "created_at = :ca WHERE id = :id"),
                         {"b": (i % 3) * 5000, "v": i % 4, "t": (i % 2) * 100, "id": c.id,
                          "lv": None if i % 3 == 0 else (base + timedelta(days=i % 2)).isoformat(sep=" "),
                          "ca": (base + timedelta(hours=i % 5)).isoformat(sep=" ")})
    return ctx


@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize("sort", sorted(SORTS))
@pytest.mark.parametrize("owing", [False, True])
def test_each_keyset_page_equals_the_offset_page(book, sort, desc, owing):
    whole = customers.list_customers(book, sort=sort, desc=desc, owing=owing, limit=1000)
    assert whole.total == len(whole.rows) == (26 if owing else 40)
    pages, after, n = [], None, 0
    while True:
        page = customers.list_customers(book, sort=sort, desc=desc, owing=owing, limit=PAGE, after=after,
                                        count=after is None)
        by_offset = customers.list_customers(book, sort=sort, desc=desc, owing=owing, limit=PAGE, offset=n * PAGE)
        assert [c.id for c in page.rows] == [c.id for c in by_offset.rows], f"page {n}"
        assert page.total == (whole.total if after is None else None)
        if not page.rows:
            assert page.after is None
            break
        pages.extend(page.rows)
        after, n = page.after, n + 1
    assert [c.id for c in pages] == [c.id for c in whole.rows]
    assert n == -(-whole.total // PAGE)


def test_the_sort_keys_tie_and_include_nulls(book):
    """The fixture is what the test above needs: ties longer than a page in every key, NULL last visits."""
    rows = customers.list_customers(book, limit=1000).rows
    assert len({c.name.casefold() for c in rows}) == 3
    assert sum(c.last_visit is None for c in rows) == 14


def test_a_deep_page_by_name_is_a_range_of_the_name_index(book):
    """The page after a cursor starts reading the index at the cursor (no OFFSET walk over the rows before)."""
    first = customers.list_customers(book, limit=PAGE)
    seen = []

    def grab(conn, cursor, statement, params, context, executemany):
        seen.append((statement, params))

    event.listen(book.engine, "before_cursor_execute", grab)
    try:
        customers.list_customers(book, limit=PAGE, after=first.after, count=False)
    finally:
        event.remove(book.engine, "before_cursor_execute", grab)
    [(statement, params)] = [s for s in seen if "FROM customers" in s[0]]
    assert "OFFSET" not in statement.upper() or params[-1] == 0
    with book.engine.connect() as conn:
        plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    assert "ix_customers_store_name_key (store_id=? AND name_key>?)" in plan, plan
    # Only the ties within one name are put in id order (as with OFFSET), never the whole list sorted.
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
