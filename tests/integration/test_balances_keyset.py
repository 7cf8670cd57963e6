"""Keyset paging of the balances list (``services/balances.py::balances_page(after=...)``): every page read after
the previous page's last row is the page ``offset`` gives, for every sort the Balances window offers and both
directions, with ties in every key, customers who never paid (NULL last payment) and the over-limit filter; a
deep page is a range of the balance index; and the list keeps one statement a page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, text

from possuite.domain.errors import ValidationError
from possuite.services import balances, customers
from possuite.services.balances import SORTS

PAGE = 7


@pytest.fixture
def book(ctx):
    """45 customers, 40 owing, in few distinct values per column, so every sort has runs of ties longer than a
    page; a third never paid; some over their credit limit."""
    names = ["Asha", "Bala", "asha", "Chitra", "Bala"]
    made = [customers.add_customer(ctx, f"{names[i % 5]}") for i in range(45)]
    base = datetime(2026, 10, 1, 10, 0)
    # The figures the ledger would cache, set straight in the test book: this test is about the read's order.
    with ctx.engine.begin() as conn:
        for i, c in enumerate(made):
            conn.execute(text("UPDATE customers SET balance = :b, credit_limit = :cl, last_payment_at = :lp "
                              "WHERE id = :id"),
                         {"id": c.id, "b": 0 if i >= 40 else 1000 + (i % 3) * 5000,
                          "cl": None if i % 2 else 3000,
                          "lp": None if i % 3 == 0 else (base + timedelta(days=i % 2)).isoformat(sep=" ")})
    return ctx


def _ids(rows):
    return [r.id for r in rows]


@pytest.mark.parametrize("over_limit", [False, True])
@pytest.mark.parametrize("desc", [False, True])
@pytest.mark.parametrize("sort", sorted(SORTS))
def test_each_keyset_page_equals_the_offset_page(book, sort, desc, over_limit):
    whole = balances.balances_page(book, sort=sort, desc=desc, over_limit=over_limit, limit=1000).rows
    assert len(whole) == (13 if over_limit else 40)
    pages, after, n = [], None, 0
    while True:
        page = balances.balances_page(book, sort=sort, desc=desc, over_limit=over_limit, limit=PAGE, after=after)
        by_offset = balances.balances_page(book, sort=sort, desc=desc, over_limit=over_limit, limit=PAGE,
                                           offset=n * PAGE)
        assert _ids(page.rows) == _ids(by_offset.rows), f"page {n}"
        assert page.rows == by_offset.rows  # the aggregates (open bills, aging) too
        if not page.rows:
            assert page.after is None
            break
        pages.extend(page.rows)
        after, n = page.after, n + 1
    assert _ids(pages) == _ids(whole)
    assert n == -(-len(whole) // PAGE)


def test_the_orders_are_the_ones_the_headings_promise(book):
    rows = balances.balances_page(book, limit=1000).rows
    assert [r.balance for r in rows] == sorted((r.balance for r in rows), reverse=True)
    for a, b in zip(rows, rows[1:], strict=False):  # ties by name, then id
        if a.balance == b.balance:
            assert (a.name.casefold(), a.id) < (b.name.casefold(), b.id)
    up = balances.balances_page(book, sort="balance", desc=False, limit=1000).rows
    assert [r.balance for r in up] == sorted(r.balance for r in up)
    by_name = balances.balances_page(book, sort="name", desc=False, limit=1000).rows
    assert [(r.name.casefold(), r.id) for r in by_name] == sorted((r.name.casefold(), r.id) for r in by_name)
    paid = balances.balances_page(book, sort="last_payment", desc=False, limit=1000).rows
    assert [r.last_payment is None for r in paid[:14]] == [True] * 14  # never paid: first ascending ...
    paid_desc = balances.balances_page(book, sort="last_payment", desc=True, limit=1000).rows
    assert all(r.last_payment is None for r in paid_desc[-14:])      # ... and last descending
    assert paid_desc[0].last_payment == datetime(2026, 10, 2, 10, 0)
    # The fixture is what the paging test needs: ties longer than a page in every key.
    assert len({r.name.casefold() for r in rows}) == 3 and len({r.balance for r in rows}) == 3


def test_the_default_page_is_the_list_the_window_always_showed(book):
    assert balances.customer_balances(book, limit=10, offset=5) == balances.balances_page(
        book, limit=10, offset=5).rows
    with pytest.raises(ValidationError, match="sort"):
        balances.balances_page(book, sort="days_overdue")


def _statements(ctx, fn):
    seen = []

    def grab(conn, cursor, statement, params, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT")):
            seen.append((statement, params))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        fn()
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)
    return seen


def test_a_deep_page_is_one_statement_reading_a_range_of_the_balance_index(book):
    first = balances.balances_page(book, limit=PAGE)
    [(statement, params)] = _statements(book, lambda: balances.balances_page(book, limit=PAGE, after=first.after))
    assert "OFFSET" not in statement.upper()
    with book.engine.connect() as conn:
        plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    assert "ix_customers_store_balance_active (store_id=? AND balance>? AND balance<?)" in plan, plan
    # Only the ties within one balance are put in name order, never the whole list sorted.
    assert "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY" in plan, plan
