"""Test data for the owner pages' tests: a few customers with paid, pending, overdue and complimentary bills."""

from __future__ import annotations

from datetime import datetime

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues
from possuite.services.customers import add_customer


def sell(ctx, customer_id, total, paid=0, *, comp=False, desc="Haircut"):
    tenders = [Tender("cash", paid)] if paid else []
    req = SaleRequest(lines=[CartLine(desc, 1000, total)], customer_id=customer_id, tenders=tenders,
                      leave_pending=bool(paid) and paid < total, no_payment=not paid and not comp and bool(customer_id),
                      complimentary=comp, reason="family" if comp else "")
    return complete_sale(ctx, req)


def seed_shop(ctx, clock) -> dict:
    """Five customers: Asha owes 600 (overdue), Ravi owes 1,250 (recent), Meena paid up,
    Zoya owes 50 (90 less a 40 collection), Kabir never bought. One walk-in paid bill, one
    complimentary bill. Ends with the clock at 1 Nov 2026."""
    ids = {}
    ids["asha"] = add_customer(ctx, "Asha Rao", "98450 12345").id
    ids["ravi"] = add_customer(ctx, "Ravi Kumar", "98765 43210").id
    ids["meena"] = add_customer(ctx, "Meena Iyer", "90000 11111").id
    ids["zoya"] = add_customer(ctx, "Zoya Khan", "91234 56780").id
    ids["kabir"] = add_customer(ctx, "Kabir Shah", "99887 76655").id
    clock.set(datetime(2026, 8, 10, 11, 0))
    ids["asha_bill"] = sell(ctx, ids["asha"], 100000, 40000, desc="Hair colour").number       # 600 overdue
    clock.set(datetime(2026, 9, 2, 12, 0))
    ids["meena_bill"] = sell(ctx, ids["meena"], 80000, 80000, desc="Facial").number           # paid
    clock.set(datetime(2026, 10, 20, 16, 0))
    ids["ravi_bill"] = sell(ctx, ids["ravi"], 125000, desc="Bridal makeup trial").number      # 1,250 pending
    ids["zoya_bill"] = sell(ctx, ids["zoya"], 9000, desc="Threading").number                  # 90 pending
    clock.set(datetime(2026, 10, 25, 10, 0))
    ids["comp_bill"] = sell(ctx, ids["meena"], 30000, comp=True, desc="Head massage").number   # complimentary
    ids["walkin_bill"] = sell(ctx, None, 25000, 25000, desc="Manicure").number                # walk-in, paid
    clock.set(datetime(2026, 10, 28, 10, 0))
    collect_dues(ctx, ids["zoya"], 4000, "upi")                                               # zoya owes 50
    clock.set(datetime(2026, 11, 1, 10, 0))
    return ids
