"""Cart totals: tax per line rounded half-up, bill discounts spread exactly, bad lines named (architecture §2)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from possuite.domain.cart import MAX_QTY, CartLine, Discount, compute_totals
from possuite.domain.errors import ValidationError


def haircut(price: int = 500_00, **kw) -> CartLine:
    return CartLine("Haircut", kw.pop("qty", 1) * 1000, price, **kw)


# --- tax -----------------------------------------------------------------------------------------

def test_tax_exclusive_is_added_on_top():
    totals = compute_totals([haircut(100_00, tax_rate_bp=1800)])
    assert (totals.subtotal, totals.tax, totals.total) == (100_00, 18_00, 118_00)
    line = totals.lines[0]
    assert (line.net, line.tax, line.amount) == (100_00, 18_00, 118_00)


def test_tax_inclusive_is_carved_out_of_the_price():
    totals = compute_totals([haircut(118_00, tax_rate_bp=1800, tax_inclusive=True)])
    assert (totals.tax, totals.total) == (18_00, 118_00)
    assert totals.lines[0].net == 100_00


def test_tax_inclusive_rounds_the_net_half_up_and_keeps_the_price():
    # ₹100 including 18%: net 84.7457… -> ₹84.75, tax is the rest, the customer pays exactly ₹100.
    totals = compute_totals([haircut(100_00, tax_rate_bp=1800, tax_inclusive=True)])
    assert (totals.lines[0].net, totals.tax, totals.total) == (84_75, 15_25, 100_00)


def test_tax_is_rounded_half_up_per_line_not_per_bill():
    # Each 25-paise line carries 4.5 paise of tax -> 5 each (15), where rounding the bill would give 14.
    lines = [CartLine(f"Pin {i}", 1000, 25, tax_rate_bp=1800) for i in range(3)]
    totals = compute_totals(lines)
    assert [lt.tax for lt in totals.lines] == [5, 5, 5]
    assert totals.tax == 15
    assert totals.total == 75 + 15


def test_quantity_and_line_discount_come_before_tax():
    line = CartLine("Shampoo", 3000, 250_00, line_discount=50_00, tax_rate_bp=1200)
    totals = compute_totals([line])
    assert totals.lines[0].gross == 700_00
    assert totals.line_discounts == 50_00
    assert (totals.subtotal, totals.tax, totals.total) == (700_00, 84_00, 784_00)


def test_tax_is_reported_by_rate():
    totals = compute_totals([
        haircut(100_00, tax_rate_bp=1800),
        CartLine("Gel", 1000, 200_00, tax_rate_bp=1200),
        CartLine("Wax", 1000, 300_00, tax_rate_bp=1800, tax_inclusive=True),
        CartLine("Advice", 1000, 50_00),
    ])
    assert totals.tax_by_rate == {1800: 18_00 + 45_76, 1200: 24_00}
    assert totals.tax == sum(totals.tax_by_rate.values())


# --- discounts ---------------------------------------------------------------------------------

def test_bill_discount_is_shared_in_proportion_to_line_values():
    totals = compute_totals([haircut(100_00), CartLine("Colour", 1000, 300_00)], Discount(amount=40_00))
    assert [lt.bill_discount for lt in totals.lines] == [10_00, 30_00]
    assert (totals.discount, totals.total) == (40_00, 360_00)


def test_tax_is_charged_on_what_the_customer_pays_after_discount():
    totals = compute_totals([haircut(100_00, tax_rate_bp=1800)], Discount(amount=10_00))
    assert (totals.lines[0].net, totals.tax, totals.total) == (90_00, 16_20, 106_20)


def test_percentage_discount_is_of_the_subtotal_rounded_half_up():
    totals = compute_totals([haircut(123_45)], Discount(percent_bp=1000))
    assert totals.discount == 12_35  # 12.345 -> 12.35
    assert totals.total == 111_10


def test_a_hundred_percent_discount_leaves_nothing_to_pay():
    totals = compute_totals([haircut(100_00, tax_rate_bp=1800)], Discount(percent_bp=10_000))
    assert (totals.discount, totals.tax, totals.total) == (100_00, 0, 0)


def test_discount_larger_than_the_bill_is_refused():
    with pytest.raises(ValidationError, match=r"^discount: is more than the bill's value"):
        compute_totals([haircut(100_00)], Discount(amount=100_01))


def test_negative_discount_is_refused():
    with pytest.raises(ValidationError) as caught:
        compute_totals([haircut(100_00)], Discount(amount=-1))
    assert caught.value.field == "discount"


_line = st.builds(
    CartLine,
    description=st.just("Item"),
    qty=st.integers(min_value=1, max_value=20).map(lambda n: n * 1000),
    unit_price=st.integers(min_value=0, max_value=50_000_00),
    tax_rate_bp=st.sampled_from([0, 500, 1200, 1800, 2800]),
    tax_inclusive=st.booleans(),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_line, min_size=1, max_size=12), st.data())
def test_bill_discount_pieces_add_up_exactly(lines, data):
    subtotal = sum(line.gross for line in lines)
    amount = data.draw(st.integers(min_value=0, max_value=subtotal))
    totals = compute_totals(lines, Discount(amount=amount))
    shares = [lt.bill_discount for lt in totals.lines]
    assert sum(shares) == amount == totals.discount
    for lt in totals.lines:
        assert 0 <= lt.bill_discount <= lt.gross
        # each share is within one paisa of its exact proportional part
        if subtotal:
            assert abs(Fraction(lt.bill_discount) - Fraction(amount * lt.gross, subtotal)) < 1
        assert lt.net + lt.tax == lt.amount
        assert lt.tax >= 0
    assert totals.total == sum(lt.amount for lt in totals.lines)
    assert totals.tax == sum(lt.tax for lt in totals.lines)
    if all(line.tax_rate_bp == 0 for line in lines):
        assert totals.total == subtotal - amount
    if amount < subtotal:
        assert totals.total > 0  # a non-empty cart with value never totals ₹0.00


# --- line validation -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (CartLine("", 1000, 100_00), "line 2 description"),
        (CartLine("   ", 1000, 100_00), "line 2 description"),
        (CartLine("Gel", 0, 100_00), "line 2 qty"),
        (CartLine("Gel", -1000, 100_00), "line 2 qty"),
        (CartLine("Gel", MAX_QTY + 1, 1), "line 2 qty"),
        (CartLine("Gel", 1000, -1), "line 2 price"),
        (CartLine("Gel", 1000, 100_00, line_discount=-1), "line 2 discount"),
        (CartLine("Gel", 2000, 100_00, line_discount=200_01), "line 2 discount"),
        (CartLine("Gel", 1000, 100_00, tax_rate_bp=10_001), "line 2 tax rate"),
        (CartLine("Gel", 1000, 100_00, tax_rate_bp=-1), "line 2 tax rate"),
    ],
)
def test_a_bad_line_is_named_by_its_position(bad, field):
    with pytest.raises(ValidationError) as caught:
        compute_totals([haircut(), bad, haircut()])
    assert caught.value.field == field


def test_an_empty_cart_totals_zero():
    totals = compute_totals([])
    assert (totals.subtotal, totals.tax, totals.total) == (0, 0, 0)


def test_retail_value_is_the_total_before_any_complimentary_waiver():
    totals = compute_totals([haircut(500_00, tax_rate_bp=1800)])
    assert totals.retail_value == 590_00


def test_a_typed_bill_discount_is_an_amount_or_a_percentage():
    from possuite.domain.cart import Discount, format_percent, parse_discount
    from possuite.domain.errors import ValidationError

    assert parse_discount("50") == Discount(amount=5000)
    assert parse_discount(" 12.5% ") == Discount(percent_bp=1250)
    assert parse_discount("") == Discount()
    assert (format_percent(1000), format_percent(1250), format_percent(1234)) == ("10%", "12.5%", "12.34%")
    for bad in ("abc", "-5", "120%", "1.234%"):
        with pytest.raises(ValidationError) as e:
            parse_discount(bad)
        assert e.value.field == "discount"


def test_a_lines_cess_is_rounded_like_its_tax_and_counted_in_the_tax_and_total():
    from possuite.domain.cart import CartLine, compute_totals

    # 3 × 12.35 = 37.05: GST 40 % = 14.82, cess 60 % = 22.23 (each half-up once)
    t = compute_totals([CartLine("Pan Masala", 3000, 12_35, tax_rate_bp=4000, cess_rate_bp=6000)])
    (line,) = t.lines
    assert (line.net, line.tax, line.cess, line.gst, line.amount) == (37_05, 37_05, 22_23, 14_82, 74_10)
    assert (t.tax, t.cess, t.total) == (37_05, 22_23, 74_10)
    # a tax-inclusive price carves out GST and cess at their joint rate: 170 / 1.45 = 117.24
    t = compute_totals([CartLine("Cigarettes", 1000, 170_00, tax_rate_bp=4000, cess_rate_bp=500,
                                 tax_inclusive=True)])
    assert (t.lines[0].net, t.lines[0].cess, t.lines[0].gst, t.total) == (117_24, 5_86, 46_90, 170_00)
    # no cess: exactly what it always was
    plain = compute_totals([CartLine("Haircut", 1000, 201_00, tax_rate_bp=1800)])
    assert (plain.lines[0].tax, plain.lines[0].cess, plain.total) == (36_18, 0, 237_18)


def test_a_cess_rate_beyond_the_cap_or_negative_is_refused_naming_the_line():
    import pytest

    from possuite.domain.cart import CartLine, compute_totals
    from possuite.domain.errors import ValidationError

    for bad in (-1, 100_001):
        with pytest.raises(ValidationError) as err:
            compute_totals([CartLine("X", 1000, 100, cess_rate_bp=bad)])
        assert err.value.field == "line 1 cess"
