"""Entries of one posting share their posting time; their ids keep the replay in the order they were
written (docs/architecture.md §3.1, "Ids"): the check finds nothing and the rebuild changes nothing."""

from __future__ import annotations

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services import collections, customers, integrity
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.returns import create_return, returnable
from testkit import sell


def _bill(ctx, customer_id, pay):
    lines = [CartLine("Shampoo", 3000, 10001, tax_rate_bp=1800, kind="product"), CartLine("Haircut", 1000, 40000)]
    return complete_sale(ctx, SaleRequest(lines, customer_id=customer_id, tenders=[Tender(m, a) for m, a in pay],
                                          leave_pending=True))


def test_many_same_time_postings_replay_as_written_the_check_is_clean_and_the_rebuild_changes_nothing(ctx):
    # The ctx's clock stands still: every entry below has the same posting time, so only ids order them.
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    ravi = customers.add_customer(ctx, "Ravi Kumar", "9822000002")
    refunds = 0
    for i in range(25):
        for c in (asha, ravi):
            sell(ctx, c.id, 20000 + i, no_payment=True)                    # older dues the refunds must not touch
            bill = _bill(ctx, c.id, [("upi", 60000 + 7 * i)])              # partly paid: the rest is pending
            lines = {ln.description: ln for ln in returnable(ctx, bill.number).lines}
            r = create_return(ctx, bill.number, {lines["Haircut"].id: 1000}, "cash", "not done")   # credit + refund
            refunds += r.refunded > 0
            create_return(ctx, bill.number, {lines["Shampoo"].id: 1000}, "account", "one back")
            owes = customers.get_customer(ctx, c.id).balance
            if i % 3 == 0 and owes > 0:
                collections.collect_dues(ctx, c.id, min(15000, owes), "cash")
            if i % 4 == 0:
                paid = sell(ctx, c.id, 5000, pay=[("cash", 25000)])       # pays older dues too
                collections.void_bill(ctx, paid.number, "rang up twice")
            if i % 5 == 0:
                collections.adjust(ctx, c.id, 1500, "late fee")             # a debit after it all
    assert refunds == 50                                                    # every cash return paid something back
    assert integrity.run_checks(ctx) == []
    assert integrity.rebuild_projection(ctx) == []
