"""A small, hand-checked month of trading (October 2026) for the report tests, and a bulk builder for
the query-count and speed tests.

October (all amounts in paise; Haircut = ₹500 + 18% GST = ₹590.00):
  S1 Oct 1   Asha, no payment                        -> 590 owed (due Oct 31)
  S2 Oct 5   Asha pays ₹1,000 cash on a ₹590 bill     -> 410 of it settles S1
  S3 Oct 6   walk-in, UPI ₹590
  S4 Oct 7   Asha, card ₹200, rest pending            -> 390 left
  R1 Oct 7   Asha collection ₹100 cash (RCP-26-0001)  -> settles S1 (80 left)
  S5 Oct 7   Bharat, complimentary (birthday)
  S6 Oct 7   walk-in, haircut + 2 shampoo (incl. 12%, ₹50 off), ₹2,000 cash, ₹760 change; voided the same day
  S7 Oct 10  Chitra, no payment; Oct 12 write-off ₹90 (ADJ-26-0001)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services import collections, customers
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.store_settings import update_settings

HAIRCUT = CartLine("Haircut", 1000, 50000, tax_rate_bp=1800)
SHAMPOO = CartLine("Herbal Shampoo", 2000, 35000, line_discount=5000, tax_rate_bp=1200, tax_inclusive=True)


@dataclass
class October:
    ctx: object
    asha: str
    bharat: str
    chitra: str
    numbers: dict[str, str]


def october(ctx, clock) -> October:
    update_settings(ctx, upi_id="glowsalon@okaxis")
    ctx.refresh_store()
    asha = customers.add_customer(ctx, "Asha Rao", "9876543210").id
    bharat = customers.add_customer(ctx, "Bharat Shah", "9876543211").id
    chitra = customers.add_customer(ctx, "Chitra Iyer", "9876543212").id
    n: dict[str, str] = {}

    def sale(key, when, **kw):
        clock.set(when)
        lines = kw.pop("lines", [HAIRCUT])
        n[key] = complete_sale(ctx, SaleRequest(lines, **kw)).number

    sale("S1", datetime(2026, 10, 1, 10), customer_id=asha, no_payment=True)
    sale("S2", datetime(2026, 10, 5, 11), customer_id=asha, tenders=[Tender("cash", 100000)])
    sale("S3", datetime(2026, 10, 6, 12), tenders=[Tender("upi", 59000)])
    sale("S4", datetime(2026, 10, 7, 11), customer_id=asha, tenders=[Tender("card", 20000)], leave_pending=True)
    clock.set(datetime(2026, 10, 7, 11, 30))
    n["R1"] = collections.collect_dues(ctx, asha, 10000, "cash").number
    sale("S5", datetime(2026, 10, 7, 15), customer_id=bharat, complimentary=True, reason="birthday")
    sale("S6", datetime(2026, 10, 7, 16), lines=[HAIRCUT, SHAMPOO], tenders=[Tender("cash", 200000)])
    clock.set(datetime(2026, 10, 7, 16, 30))
    collections.void_bill(ctx, n["S6"], "wrong item")
    sale("S7", datetime(2026, 10, 10, 12), customer_id=chitra, no_payment=True)
    clock.set(datetime(2026, 10, 12, 12))
    n["A1"] = collections.adjust(ctx, chitra, -9000, "goodwill").number
    clock.set(datetime(2026, 11, 1, 10))
    return October(ctx, asha, bharat, chitra, n)


def fast_writes(engine) -> None:
    """Tests only: no fsync per transaction, so building thousands of sales takes seconds."""
    event.listen(engine, "connect", lambda dbapi, _rec: dbapi.execute("PRAGMA synchronous=OFF"))
    engine.dispose()


@dataclass
class Bulk:
    ctx: object
    regular: str          # the customer with n bills (half paid, a third pending, the rest part-paid)
    day: datetime         # the business day of those bills
    n: int


def bulk(ctx, clock, n: int) -> Bulk:
    """``n`` customers owing an opening balance (imported) and ``n`` sales to one regular on one day."""
    from possuite.services.importer import import_customers

    fast_writes(ctx.engine)
    rows = ["name,phone,opening_balance"] + [f"Owing {i},+91 98{i:08d},{100 + i}" for i in range(n)]
    clock.set(datetime(2026, 10, 1, 9))
    import_customers(ctx, ("\n".join(rows) + "\n").encode())
    regular = customers.add_customer(ctx, "Regular Customer", "7000000001").id
    day = datetime(2026, 10, 20, 9)
    for i in range(n):
        clock.set(day.replace(hour=9 + i * 11 // max(n, 1), minute=i % 60))
        if i % 3 == 0:
            complete_sale(ctx, SaleRequest([HAIRCUT], customer_id=regular, no_payment=True))
        elif i % 3 == 1:
            complete_sale(ctx, SaleRequest([HAIRCUT, SHAMPOO], customer_id=regular,
                                           tenders=[Tender("upi", 30000), Tender("cash", 100000)]))
        else:
            complete_sale(ctx, SaleRequest([HAIRCUT], customer_id=regular, tenders=[Tender("cash", 20000)],
                                           leave_pending=True))
    clock.set(datetime(2026, 10, 20, 21))
    collections.collect_dues(ctx, regular, 50000, "upi")
    clock.set(datetime(2026, 11, 1, 10))
    return Bulk(ctx, regular, day, n)
