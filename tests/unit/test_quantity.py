"""Quantities in thousandths: one parser, one formatter, one line amount rounded once."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from possuite.domain.errors import ValidationError
from possuite.domain.money import round_half_up
from possuite.domain.quantity import (
    MAX_QUANTITY,
    UNITS,
    UQC_LABELS,
    check_pack_size,
    format_quantity,
    line_amount,
    parse_quantity,
    parse_unit,
    price_basis,
    uqc_for,
)

PROPERTY = settings(max_examples=400, deadline=None)


def error_of(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- what a grocer and a pharmacist type ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "unit", "pack", "q"),
    [
        ("1.25", "kg", 1, 1250), ("3", "piece", 1, 3000), (3, "piece", 1, 3000), ("0.5", "l", 1, 500),
        ("250", "g", 1, 250_000), ("250 g", "kg", 1, 250), ("250g", "kg", 1, 250), ("1.25 kg", "kg", 1, 1250),
        ("0.5kg", "g", 1, 500_000), ("500 ml", "l", 1, 500), ("30 cm", "m", 1, 300), ("2.5", "m", 1, 2500),
        (".5", "kg", 1, 500), ("3.", "piece", 1, 3000), (" 0.005 ", "kg", 1, 5),
        ("3", "strip", 10, 3000), ("3 tab", "strip", 10, 3000), ("2 strips", "strip", 10, 20_000),
        ("1 strip", "strip", 15, 15_000), ("0.5 strip", "strip", 10, 5000),
    ],
)
def test_typed_quantities_become_thousandths(typed, unit, pack, q):
    assert parse_quantity(typed, unit, pack) == q


@pytest.mark.parametrize(
    ("q", "unit", "pack", "text"),
    [
        (1250, "kg", 1, "1.25 kg"), (3000, "piece", 1, "3"), (500, "l", 1, "0.5 l"), (250_000, "g", 1, "250 g"),
        (2500, "m", 1, "2.5 m"), (5, "kg", 1, "0.005 kg"), (3000, "strip", 10, "3 tab"),
        (10_000, "strip", 10, "1 strip"), (20_000, "strip", 10, "2 strips"), (13_000, "strip", 10, "13 tab"),
    ],
)
def test_quantities_print_as_a_shop_writes_them(q, unit, pack, text):
    assert format_quantity(q, unit, pack) == text


@pytest.mark.parametrize(
    ("typed", "unit", "pack", "says"),
    [
        ("1.2345", "kg", 1, "more than 3 decimals"),
        ("1.5", "piece", 1, "whole pieces"),
        ("2.5", "strip", 10, "whole tablets"),
        ("0.5 strip", "strip", 15, "whole tablets"),  # 7.5 tablets
        ("0.0005 kg", "kg", 1, "more than 3 decimals"),
        ("1.5 g", "kg", 1, "finer than a thousandth"),
        ("-2", "kg", 1, "must not be negative"),
        ("0", "piece", 1, "more than zero"),
        ("0.000", "kg", 1, "more than zero"),
        ("100001", "piece", 1, "too large"),
        ("99999999999999", "kg", 1, "too large"),
        ("", "kg", 1, "is empty"),
        ("abc", "kg", 1, "not a quantity"),
        ("1.2.3", "kg", 1, "not a number"),
        ("1,25", "kg", 1, "use a dot"),
        ("2 l", "kg", 1, "not a unit for this item"),
        ("3 strips", "piece", 1, "not a unit for this item"),
        ("٣", "piece", 1, "not a quantity"),
    ],
)
def test_a_bad_quantity_says_why_and_names_the_field(typed, unit, pack, says):
    err = error_of(parse_quantity, typed, unit, pack)
    assert err.field == "quantity"
    assert says in err.why


def test_the_field_name_can_be_the_callers():
    assert error_of(parse_quantity, "x", "kg", field="line 2 quantity").field == "line 2 quantity"


def test_units_and_pack_sizes_are_checked_by_name():
    assert parse_unit("Litre") == "l" and parse_unit("pcs") == "piece" and parse_unit("tablet") == "strip"
    assert error_of(parse_unit, "barrel").field == "unit"
    assert check_pack_size(10, "strip") == 10
    assert error_of(check_pack_size, 0, "strip").field == "pack size"
    assert error_of(check_pack_size, 10, "kg").field == "pack size"


# --- the line amount -----------------------------------------------------------------------------------

def test_a_weighed_line_is_price_times_quantity_rounded_once():
    assert line_amount(80_00, 1250) == 100_00           # 1.25 kg at ₹80/kg
    assert line_amount(99_99, 333) == 33_30              # 33.29667 -> ₹33.30
    assert line_amount(2_50, 2) == 1                     # 0.5 paisa rounds half up


def test_three_tablets_of_a_ten_strip_cost_three_tenths_of_the_strip():
    assert line_amount(35_50, 3000, pack_size=10) == 10_65


def test_loose_tablets_of_a_fifteen_strip_are_rounded_once_per_line():
    # ₹25 a strip of 15: one tablet is 166.67 paise -> ₹1.67; the whole strip is exactly ₹25.
    assert line_amount(25_00, 1000, pack_size=15) == 1_67
    assert line_amount(25_00, 15_000, pack_size=15) == 25_00
    assert line_amount(25_00, 7000, pack_size=15) == 11_67  # not 7 × 1.67 = 11.69


def test_line_amount_refuses_floats():
    with pytest.raises(TypeError):
        line_amount(80.0, 1250)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        line_amount(80_00, 1.25)  # type: ignore[arg-type]


def test_each_unit_reports_in_a_gst_unit_quantity_code():
    assert {code: uqc_for(code) for code in UNITS} == {
        "piece": "PCS", "kg": "KGS", "g": "GMS", "l": "LTR", "m": "MTR", "strip": "TBS",
    }
    assert all(uqc_for(code) in UQC_LABELS for code in UNITS)
    assert UQC_LABELS["KGS"] == "KGS-KILOGRAMS"


def test_the_price_basis_reads_on_a_receipt():
    assert price_basis("kg") == "kg"
    assert price_basis("piece") == "piece"
    assert price_basis("strip", 10) == "strip of 10"


# --- properties ----------------------------------------------------------------------------------------

@PROPERTY
@given(st.sampled_from(sorted(UNITS)), st.integers(1, MAX_QUANTITY), st.integers(1, 30))
def test_parsing_what_was_printed_gives_the_quantity_back(unit, q, pack):
    if UNITS[unit].whole:
        q = max(1000, q // 1000 * 1000)
    if unit != "strip":
        pack = 1
    assert parse_quantity(format_quantity(q, unit, pack), unit, pack) == q


@PROPERTY
@given(st.integers(0, 10**9), st.integers(-MAX_QUANTITY, MAX_QUANTITY), st.integers(1, 100))
def test_line_amount_is_an_int_rounded_half_up_from_the_exact_product(price, q, pack):
    amount = line_amount(price, q, pack)
    assert type(amount) is int
    exact = Fraction(price * q, 1000 * pack)
    assert abs(amount - exact) <= Fraction(1, 2)
    assert amount == round_half_up(price * q, 1000 * pack)


@PROPERTY
@given(st.integers(0, 10**9), st.integers(1, 1000), st.integers(1, 50))
def test_whole_units_and_whole_strips_cost_exactly_price_times_count(price, count, pack):
    assert line_amount(price, count * 1000) == price * count
    assert line_amount(price, count * pack * 1000, pack) == price * count
