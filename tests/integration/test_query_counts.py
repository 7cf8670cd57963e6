"""Lists and balances use a constant number of queries whatever the row count (no N+1)."""

from __future__ import annotations

from possuite.services import balances, bills, customers
from testkit import count_statements, sell


def _grow(ctx, n_customers: int, start: int = 0) -> None:
    for i in range(start, start + n_customers):
        c = customers.add_customer(ctx, f"Customer {i:04d}", f"98220{i:05d}")
        sell(ctx, c.id, 10000 + i, no_payment=True)
        sell(ctx, c.id, 5000, pay=[("cash", 2000)], pending=True)


def _counts(ctx) -> dict[str, int]:
    assert ctx.store.name  # settings are loaded once per context, not per list
    out = {}
    for name, call in {
        "bills": lambda: bills.list_bills(ctx, limit=500),
        "bills_overdue": lambda: bills.list_bills(ctx, status="overdue", limit=500),
        "balances_summary": lambda: balances.summary(ctx),
        "balances_list": lambda: balances.customer_balances(ctx, limit=500),
        "balances_over_limit": lambda: balances.customer_balances(ctx, limit=500, over_limit=True),
        "customers": lambda: customers.list_customers(ctx, limit=500),
        "customers_owing": lambda: customers.list_customers(ctx, owing=True, limit=500),
        "lookup": lambda: customers.lookup(ctx, "custom"),
    }.items():
        with count_statements(ctx.engine) as seen:
            result = call()
        out[name] = len(seen)
        assert result is not None
    return out


def test_lists_use_the_same_number_of_queries_for_2_and_40_customers(ctx):
    _grow(ctx, 2)
    small = _counts(ctx)
    _grow(ctx, 38, start=2)
    large = _counts(ctx)
    assert small == large
    assert large["bills"] == 2 and large["balances_list"] == 1 and large["balances_summary"] == 1
    assert large["balances_over_limit"] == 1
    assert len(bills.list_bills(ctx, limit=500).rows) == 80
    assert len(balances.customer_balances(ctx, limit=500)) == 40


def test_bill_detail_uses_a_fixed_number_of_queries(ctx):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    few = sell(ctx, c.id, 50000, pay=[("cash", 100)], pending=True)
    from possuite.domain.cart import CartLine
    from possuite.domain.ledger import Tender
    from possuite.services.checkout import SaleRequest, complete_sale

    many = complete_sale(ctx, SaleRequest([CartLine(f"L{i}", 1000, 1000) for i in range(30)], customer_id=c.id,
                                          tenders=[Tender("cash", 100), Tender("upi", 200), Tender("card", 300)],
                                          leave_pending=True))
    with count_statements(ctx.engine) as a:
        bills.get_bill(ctx, few.number)
    with count_statements(ctx.engine) as b:
        bills.get_bill(ctx, many.number)
    assert len(a) == len(b) <= 5


def _sale_and_collection_counts(ctx, phone: str) -> tuple[int, int, list[str], list[str]]:
    """SQLite statements of a sale (3 lines, a customer, UPI + cash, rest pending) and of a collection that
    settles three bills and part of a fourth, counted by SQLite itself (the driver's and the chain's too)."""
    from possuite.bench.stats import count_sqlite_statements
    from possuite.domain.cart import CartLine
    from possuite.domain.ledger import Tender
    from possuite.services.checkout import SaleRequest, complete_sale
    from possuite.services.collections import collect_dues

    debtor = customers.add_customer(ctx, "Ravi", phone)   # a new customer: the same sale and collection each time
    req = SaleRequest([CartLine(f"L{i}", 1000, 10000 * (i + 1)) for i in range(3)], customer_id=debtor.id,
                      tenders=[Tender("upi", 20000), Tender("cash", 10000)], leave_pending=True)
    with count_sqlite_statements(ctx.engine) as sale:
        complete_sale(ctx, req)
    for _ in range(4):
        sell(ctx, debtor.id, 5000, no_payment=True)
    owed = customers.get_customer(ctx, debtor.id).balance
    with count_sqlite_statements(ctx.engine) as collection:
        collect_dues(ctx, debtor.id, owed - 2000, "cash")
    return len(sale), len(collection), sale, collection


def test_a_sale_and_a_collection_run_the_same_few_statements_on_a_small_and_a_grown_book(ctx):
    """The statements of the till's two writes are pinned (counted by SQLite: each row of a multi-row
    write is one, the tamper-evident chain's included) and do not grow with the book."""
    from possuite.services import printers

    printers.add_printer(ctx, "Counter", "file", "/dev/null", default=True)   # every receipt is queued
    _grow(ctx, 2)
    small = _sale_and_collection_counts(ctx, "9822099998")
    _grow(ctx, 38, start=2)
    large = _sale_and_collection_counts(ctx, "9822099999")
    assert small[:2] == large[:2], (small[2:], large[2:])
    # Sale: customer, number, bill, 3 lines, 3 ledger entries, 2 allocations, open charge, customer row, the
    # "any entry after these?" probe, 2 payments, the chain (heads and the till's registration in one read,
    # 4 content reads, 3 + 2 + 1 + 2 row updates, 2 heads: one link for the whole sale), the receipt job (free-
    # text lines: no items sold). 37 statements (12 through Core) before the writes went to the driver.
    # Collection over five open bills: customer, number, open charges, entry, 5 allocations, 4 open items
    # closed + 1 written, customer row, probe, payment, the chain (1 + 3 reads, 1 + 5 + 1 updates, 2 heads),
    # the receipt job. 36 before (11 through Core).
    assert large[:2] == (32, 31), (large[2:])


def test_a_sale_and_a_collection_run_no_statement_through_core(ctx):
    """Every statement of a plain sale with a customer and of a collection runs on the driver connection of the
    unit of work (db/direct.py): the customer's read too. It once went through Core because ``resolve`` asked
    SQLAlchemy whether a transaction was open, which it never is when the unit of work begins on the driver;
    a Core statement also moves the commit to SQLAlchemy's (about 0.2 ms of CPU a sale)."""
    from possuite.domain.cart import CartLine
    from possuite.domain.ledger import Tender
    from possuite.services.checkout import SaleRequest, complete_sale
    from possuite.services.collections import collect_dues

    debtor = customers.add_customer(ctx, "Ravi", "9822099997")
    req = SaleRequest([CartLine(f"L{i}", 1000, 10000 * (i + 1)) for i in range(3)], customer_id=debtor.id,
                      tenders=[Tender("upi", 20000), Tender("cash", 10000)], leave_pending=True)
    with count_statements(ctx.engine) as sale:
        complete_sale(ctx, req)
    with count_statements(ctx.engine) as collection:
        collect_dues(ctx, debtor.id, 5000, "cash")
    assert sale == [] and collection == []
