"""The checkout outcomes of docs/architecture.md §4.1 posted through the real services, for receipt tests."""

from __future__ import annotations

from dataclasses import dataclass

from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues
from possuite.services.context import Context
from possuite.services.customers import add_customer
from possuite.services.returns import create_return
from possuite.services.store_settings import update_settings


@dataclass(frozen=True)
class Posted:
    paid: str
    pending: str
    full_pending: str
    complimentary: str
    overpaid: str
    collection: str
    long_names: str


def post_all_outcomes(ctx: Context) -> Posted:
    """Seven documents, one per receipt footer (store with a UPI id, GST on some lines)."""
    update_settings(ctx, upi_id="glowsalon@okbank")
    ctx.refresh_store()
    asha = add_customer(ctx, "Asha Rao", "98450 12345")
    ravi = add_customer(ctx, "Ravi Kumar", "98450 67890")
    cut = CartLine("Haircut", 1000, 500_00)
    colour = CartLine("Hair colour (global, ammonia free)", 2000, 700_00, tax_rate_bp=1800)
    shampoo = CartLine("Shampoo 200ml", 1000, 250_00, tax_rate_bp=1800, tax_inclusive=True, kind="product")

    paid = complete_sale(ctx, SaleRequest([cut, shampoo], tenders=[Tender("card", 300_00), Tender("cash", 500_00)]))
    # 500 + 2×700×1.18 = 2152.00; pays 1552.00 leaving 600.00 pending
    pending = complete_sale(ctx, SaleRequest([cut, colour], customer_id=asha.id,
                                             tenders=[Tender("upi", 1552_00)], leave_pending=True))
    full = complete_sale(ctx, SaleRequest([cut], customer_id=ravi.id, no_payment=True))
    comp = complete_sale(ctx, SaleRequest([cut, CartLine("Head massage", 1000, 300_00)], customer_id=asha.id,
                                          complimentary=True, reason="birthday treat"))
    # Ravi owes 500.00; pays 1000.00 cash for a 500.00 bill: 500.00 goes to his previous balance
    over = complete_sale(ctx, SaleRequest([cut], customer_id=ravi.id, tenders=[Tender("cash", 1000_00)]))
    coll = collect_dues(ctx, asha.id, 200_00, "cash")
    long = complete_sale(ctx, SaleRequest(
        [CartLine("Keratin smoothening treatment for extra long thick hair with deep conditioning", 3000, 12_345_67,
                  tax_rate_bp=1800)],
        tenders=[Tender("card", 43_703_67)]))
    return Posted(paid.number, pending.number, full.number, comp.number, over.number, coll.number, long.number)


@dataclass(frozen=True)
class Credits:
    cash: str       # a walk-in's return, refunded in cash
    pending: str    # a return of a pending bill: its pending first, the rest in cash
    account: str    # a return to the customer's account
    comp: str       # a complimentary bill's return: nothing refunded


def post_credit_notes(ctx: Context, posted: Posted) -> Credits:
    """Four credit notes against the outcome documents, one per way a return's money goes back."""
    cash = create_return(ctx, posted.paid, ["Shampoo 200ml"], "cash", "sealed, unused")
    # Asha still owes 400.00 of the pending bill: one colour (826.00) lowers it to 0, 426.00 back in cash
    pending = create_return(ctx, posted.pending, ["Hair colour (global, ammonia free)"], "cash", "allergic reaction")
    account = create_return(ctx, posted.overpaid, ["Haircut"], "account", "redo next week")
    comp = create_return(ctx, posted.complimentary, ["Head massage"], "cash", "not taken")
    return Credits(cash.number, pending.number, account.number, comp.number)
