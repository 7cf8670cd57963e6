"""The bill discount: spread over the lines for tax, and a cashier's discount capped at the owner's limit
(services/checkout.py ``_check_discount``; the owner's PIN lets one sale through, audited)."""

from __future__ import annotations

import pytest

from possuite.domain.cart import CartLine, Discount, compute_totals, discount_over_limit
from possuite.domain.errors import PermissionDenied
from possuite.domain.ledger import Tender
from possuite.services import audit
from possuite.services.bills import get_bill
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import Actor
from possuite.services.store_settings import update_settings
from possuite.services.users import add_user, authorise
from testkit import line

MEENA = Actor("Meena", "cashier", user_id="U1")


def _sale(discount: Discount, amount: int = 100000) -> SaleRequest:
    total = compute_totals([line(amount)], discount).total
    return SaleRequest([line(amount)], discount=discount, tenders=[Tender("cash", total)])


def test_a_cashier_discounts_up_to_the_limit_and_no_further(ctx):
    update_settings(ctx, max_cashier_discount_bp=1000)            # 10%
    cashier = ctx.as_actor(MEENA)
    assert complete_sale(cashier, _sale(Discount(percent_bp=1000))).total == 90000
    assert complete_sale(cashier, _sale(Discount(amount=10000))).total == 90000
    with pytest.raises(PermissionDenied) as refused:
        complete_sale(cashier, _sale(Discount(amount=10001)))
    assert "over the cashiers' limit of 10%" in refused.value.message
    with pytest.raises(PermissionDenied):
        complete_sale(cashier, _sale(Discount(percent_bp=1500)))
    assert not [e for e in audit.list_entries(ctx) if e["action"] == "discount over limit"]


def test_the_owners_pin_lets_one_sale_through_and_it_is_audited(ctx):
    update_settings(ctx, max_cashier_discount_bp=500)
    add_user(ctx, "Meena", "cashier", "4321")
    cashier = ctx.as_actor(MEENA)
    r = complete_sale(authorise(cashier, "1234"), _sale(Discount(percent_bp=2000)))
    assert r.total == 80000
    entry = next(e for e in audit.list_entries(ctx) if e["action"] == "discount over limit")
    assert (entry["target"], entry["user_name"], entry["authorised_by"]) == (r.number, "Meena", "Owner")


def test_owners_and_stores_without_a_limit_discount_freely(ctx):
    assert complete_sale(ctx.as_actor(MEENA), _sale(Discount(percent_bp=5000))).total == 50000   # no limit set
    update_settings(ctx, max_cashier_discount_bp=0)
    assert complete_sale(ctx, _sale(Discount(percent_bp=5000))).total == 50000                    # the owner
    with pytest.raises(PermissionDenied):
        complete_sale(ctx.as_actor(MEENA), _sale(Discount(amount=1)))                           # 0%: none at all


def test_the_discount_is_spread_over_the_lines_for_tax(ctx):
    lines = [CartLine("Facial", 1000, 80000, tax_rate_bp=1800), CartLine("Shampoo", 1000, 20000, tax_rate_bp=500)]
    r = complete_sale(ctx, SaleRequest(lines, discount=Discount(amount=10000), tenders=[Tender("cash", 200000)]))
    bill = get_bill(ctx, r.number)
    assert [(ln["bill_discount"], ln["tax"]) for ln in bill.lines] == [(8000, 12960), (2000, 900)]
    assert r.total == 72000 + 12960 + 18000 + 900


def test_the_limit_compares_exactly_in_integers():
    assert not discount_over_limit(3333, 33333, 1000)     # 9.999%
    assert discount_over_limit(3334, 33333, 1000)         # 10.002%
    assert not discount_over_limit(99999, 100000, None)
