"""Quantities in thousandths through the services (docs/architecture.md §2): a sale of 1.25 kg and of 3 tablets
of a 10-strip posts each line's value rounded once, the bill, the receipt, the day report, the GST report and
the integrity check all read the same thousandths, and a return takes back a decimal quantity."""

from __future__ import annotations

from datetime import date

import pytest

from possuite.domain import quantity
from possuite.domain.errors import ValidationError
from possuite.domain.ledger import Tender
from possuite.domain.money import round_half_up
from possuite.services import catalog
from possuite.services.bills import get_bill
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.day_report import day_report
from possuite.services.gst_report import gst_report
from possuite.services.integrity import run_checks
from possuite.services.receipts import sale_receipt_text
from possuite.services.returns import create_return, returnable

DAY = date(2026, 11, 1)


@pytest.fixture
def goods(ctx):
    rice = catalog.add_item(ctx, "Loose Rice", "79.99", unit="kg", kind="product", hsn="1006", tax_rate="5")
    tabs = catalog.add_item(ctx, "Paracetamol 500", "35.55", unit="strip", pack_size=10, kind="product",
                            hsn="3004", tax_rate="12")
    soap = catalog.add_item(ctx, "Soap", "30", kind="product", hsn="3401", tax_rate="18")
    return rice, tabs, soap


def _sell(ctx, lines):
    return complete_sale(ctx, SaleRequest(lines, tenders=[Tender("cash", 10**7)]))


def test_1_25_kg_costs_price_times_1_25_rounded_half_up_once(ctx, goods):
    rice, tabs, soap = goods
    reg = ctx.store.gst_registration
    lines = [catalog.cart_line(rice, reg, quantity.parse_quantity("1.25", "kg")),
             catalog.cart_line(tabs, reg, quantity.parse_quantity("3", "strip", 10)),
             catalog.cart_line(soap, reg)]
    sale = _sell(ctx, lines)
    detail = get_bill(ctx, sale.number)
    got = {ln["description"]: (ln["qty"], ln["unit"], ln["pack_size"], ln["net"]) for ln in detail.lines}
    assert got == {"Loose Rice": (1250, "kg", 1, round_half_up(7999 * 125, 100)),      # 99.9875 -> 99.99
                   "Paracetamol 500": (3000, "strip", 10, round_half_up(3555 * 3, 10)),  # 10.665 -> 10.67
                   "Soap": (1000, "piece", 1, 3000)}
    assert detail.bill["subtotal"] == 9999 + 1067 + 3000
    assert run_checks(ctx) == []
    # the receipt says what was handed over: 1.250 kg, 3 TAB
    text = sale_receipt_text(ctx, sale.number, 42)
    assert "1.250 kg x ₹79.99" in text and "3 TAB x ₹35.55/10" in text, text
    # the day report's gross is the lines' values, each rounded once
    assert day_report(ctx, DAY).gross == 9999 + 1067 + 3000


def test_the_gst_hsn_summary_reports_kilograms_tablets_and_numbers(ctx, goods):
    rice, tabs, soap = goods
    reg = ctx.store.gst_registration
    _sell(ctx, [catalog.cart_line(rice, reg, 1250), catalog.cart_line(tabs, reg, 3000),
                catalog.cart_line(soap, reg, 2000)])
    rows = {r.hsn: (r.uqc, r.quantity) for r in gst_report(ctx, DAY, DAY).hsn_b2c}
    assert rows == {"1006": ("KGS-KILOGRAMS", 1250), "3004": ("TBS-TABLETS", 3000), "3401": ("NOS-NUMBERS", 2000)}


def test_a_return_takes_back_0_5_kg_and_the_check_knows_what_is_left(ctx, goods):
    rice, tabs, _soap = goods
    reg = ctx.store.gst_registration
    sale = _sell(ctx, [catalog.cart_line(rice, reg, 1250), catalog.cart_line(tabs, reg, 3000)])
    bill = returnable(ctx, sale.number)
    kg, tab = bill.lines
    r = create_return(ctx, sale.number, {kg.id: 500}, "cash", "too much")
    assert r.plan.lines[0].amount == round_half_up(kg.amount * 500, 1250)
    left = returnable(ctx, sale.number).lines[0]
    assert (left.returnable, left.text(left.returnable)) == (750, "0.75 kg")
    with pytest.raises(ValidationError, match="0.751 kg is more than was sold"):
        create_return(ctx, sale.number, {kg.id: 751}, "cash", "x")
    with pytest.raises(ValidationError, match="whole tablets"):
        create_return(ctx, sale.number, {tab.id: 1500}, "cash", "x")
    assert run_checks(ctx) == []


def test_a_piece_line_in_fractions_is_refused_before_anything_is_written(ctx, goods):
    _rice, _tabs, soap = goods
    line = catalog.cart_line(soap, ctx.store.gst_registration, 1500)
    with pytest.raises(ValidationError, match="line 1 qty: 1.5: this item is sold in whole pieces"):
        _sell(ctx, [line])
    with ctx.read() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM bills").scalar() == 0
