"""Weighing-scale barcodes: the owner's layout, EAN-13 and GS1 price/weight check digits, clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from possuite.domain.errors import ValidationError
from possuite.domain.scale_barcode import (
    PRICE,
    WEIGHT,
    ScaleLayout,
    ScaleReading,
    ean13_check_digit,
    item_codes,
    layout_text,
    make_scale_barcode,
    matches,
    parse_layout,
    parse_scale_barcode,
    quantity_of,
    value_check_digit,
)

PROPERTY = settings(max_examples=300, deadline=None)
WEIGHED = ScaleLayout(prefix="21", item_digits=5, value=WEIGHT, value_digits=5)
PRICED = ScaleLayout(prefix="22", item_digits=5, value=PRICE, value_digits=5)
VERIFIED = ScaleLayout(prefix="23", item_digits=4, value=PRICE, value_digits=5, value_check=True)


def error_of(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_the_ean13_check_digit_is_the_standard_one():
    assert ean13_check_digit("400638133393") == 1   # 4006381333931, the usual worked example
    assert ean13_check_digit("890100100001") == 8   # 8 + 27 + 3 + 1 + 3 = 42


def test_the_gs1_price_check_digits_match_the_general_specifications_examples():
    assert value_check_digit("2875") == 9     # 4 + 5 + 1 + 3 = 13, × 3 = 39
    assert value_check_digit("14685") == 6    # sum 33; 10 − 3 = 7 is the 5- product of 6


def test_a_weighed_item_gives_its_code_and_grams_as_thousandths_of_a_kilo():
    # 21 00042 01250 C: item 42, 1.250 kg
    code = "21000420125" + "0"
    code += str(ean13_check_digit(code))
    reading = parse_scale_barcode(code, WEIGHED)
    assert (reading.item_code, reading.quantity, reading.price) == ("00042", 1250, None)


def test_a_priced_label_gives_the_price_in_paise():
    code = make_scale_barcode("42", 150_75, PRICED)
    assert code.startswith("2200042")
    reading = parse_scale_barcode(code, PRICED)
    assert (reading.item_code, reading.quantity, reading.price) == ("00042", None, 150_75)


def test_a_value_check_digit_is_verified():
    code = make_scale_barcode("7", 146_85, VERIFIED)
    assert code[:12] == "230007614685"
    assert parse_scale_barcode(code, VERIFIED).price == 146_85
    forged = code[:6] + "5" + code[7:12]  # a wrong verifier, with a correct EAN check digit
    forged += str(ean13_check_digit(forged))
    err = error_of(parse_scale_barcode, forged, VERIFIED)
    assert err.field == "barcode" and "fails its check digit (expected 6, got 5)" in err.why


def test_a_one_digit_prefix_with_a_six_digit_item_code_and_a_multiplier():
    layout = ScaleLayout(prefix="2", item_digits=6, value=PRICE, value_digits=5, multiplier=100)
    code = make_scale_barcode("123456", 250_00, layout)
    assert parse_scale_barcode(code, layout).price == 250_00
    assert layout.pattern == "2 IIIIII $$$$$ C"


def test_only_codes_with_the_layouts_prefix_are_the_scales():
    code = make_scale_barcode("42", 500, WEIGHED)
    assert matches(code, WEIGHED)
    assert not matches("8901001000014", WEIGHED)
    assert not matches(code[:12], WEIGHED)


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("", "is empty"),
        ("21000420125", "has 11 digits"),
        ("21000420125O5", "digits only"),
        ("8901001000014", "does not begin with the scale prefix 21"),
        ("2100042012500", "wrong check digit: expected 9, got 0"),
    ],
)
def test_a_bad_scan_says_why_and_names_the_barcode(code, says):
    err = error_of(parse_scale_barcode, code, WEIGHED)
    assert err.field == "barcode"
    assert says in err.why


def test_a_zero_weight_is_refused():
    body = "210004200000"
    err = error_of(parse_scale_barcode, body + str(ean13_check_digit(body)), WEIGHED)
    assert "zero weight" in err.why


@pytest.mark.parametrize(
    ("layout", "says"),
    [
        (ScaleLayout(prefix="19"), "prefix must be 2 or 20-29"),
        (ScaleLayout(prefix="2x"), "prefix must be 2 or 20-29"),
        (ScaleLayout(item_digits=4), "make 12 digits"),
        (ScaleLayout(item_digits=4, value_digits=6, value_check=True), "4- or 5-digit value only"),
        (ScaleLayout(value="volume"), "weight or price"),
        (ScaleLayout(multiplier=7), "multiplier"),
    ],
)
def test_a_layout_that_cannot_fill_an_ean13_is_refused(layout, says):
    err = error_of(layout.validate)
    assert err.field == "scale barcode layout"
    assert says in err.why


layouts = st.sampled_from([
    WEIGHED, PRICED, VERIFIED,
    ScaleLayout(prefix="20", item_digits=5, value=WEIGHT, value_digits=4, value_check=True),
    ScaleLayout(prefix="2", item_digits=6, value=WEIGHT, value_digits=5),
    ScaleLayout(prefix="29", item_digits=4, value=PRICE, value_digits=6),
])


@PROPERTY
@given(layouts, st.data())
def test_what_a_scale_prints_reads_back(layout, data):
    item = str(data.draw(st.integers(0, 10**layout.item_digits - 1)))
    amount = data.draw(st.integers(1, 10**layout.value_digits - 1)) * layout.multiplier
    reading = parse_scale_barcode(make_scale_barcode(item, amount, layout), layout)
    assert reading.item_code == item.zfill(layout.item_digits)
    assert (reading.quantity if layout.value == WEIGHT else reading.price) == amount


@PROPERTY
@given(layouts, st.integers(1, 9999), st.integers(2, 11), st.integers(1, 9))
def test_one_misread_digit_is_caught(layout, amount, position, shift):
    code = make_scale_barcode("1", amount, layout)
    misread = code[:position] + str((int(code[position]) + shift) % 10) + code[position + 1:]
    with pytest.raises(ValidationError):
        parse_scale_barcode(misread, layout)


@pytest.mark.parametrize("text,layout", [
    ("21 IIIII WWWWW C", ScaleLayout("21", 5, WEIGHT, 5)),
    ("22IIIII$$$$$C", ScaleLayout("22", 5, PRICE, 5)),
    ("28 IIII V $$$$$ C x100", ScaleLayout("28", 4, PRICE, 5, value_check=True, multiplier=100)),
    ("2 iiiiii wwwww c x10", ScaleLayout("2", 6, WEIGHT, 5, multiplier=10)),
])
def test_the_owner_writes_the_layout_as_the_scales_manual_draws_it(text, layout):
    assert parse_layout(text) == layout
    assert parse_layout(layout_text(layout)) == layout   # stored and read back
    assert parse_layout("none") is None and parse_layout("") is None


@pytest.mark.parametrize("text,says", [
    ("21 IIIII WWWW C", "make 12 digits"),
    ("31 IIIII WWWWW C", "is not a layout"),
    ("21 IIIII WWWWW", "is not a layout"),
    ("21 IIIII WWWWW C x7", "multiplier"),
])
def test_a_layout_that_is_not_one_is_refused_naming_the_setting(text, says):
    with pytest.raises(ValidationError, match="scale barcode") as err:
        parse_layout(text)
    assert says in str(err.value)


def test_a_weight_label_is_the_quantity_of_a_kg_item_and_a_price_label_what_the_price_buys():
    weight = ScaleReading("00123", 1250, None)
    assert quantity_of(weight, "kg", 80_00) == 1250
    assert quantity_of(weight, "g", 8) == 1_250_000
    with pytest.raises(ValidationError, match="sold by the piece"):
        quantity_of(weight, "piece", 80_00)
    # ₹99.99 of rice at ₹79.99/kg: 1.250 kg (79.99 × 1.25 = 99.9875 -> 99.99, the label exactly)
    assert quantity_of(ScaleReading("00123", None, 99_99), "kg", 79_99) == 1250
    # a price label on a piece item must be whole pieces
    assert quantity_of(ScaleReading("00123", None, 90_00), "piece", 30_00) == 3000
    with pytest.raises(ValidationError, match="whole number of pieces"):
        quantity_of(ScaleReading("00123", None, 100_00), "piece", 30_00)
    assert item_codes(weight) == ("00123", "123")
