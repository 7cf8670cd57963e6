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
