"""Amounts in Devanagari digits: the one format function (``domain/money.py::format_number``) writes them when the
writer's digits are Devanagari (a Hindi reader of a store that picked them); Indian grouping is kept and printers
without ₹ keep Western digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from possuite.domain.errors import ValidationError
from possuite.domain.money import (
    DEVANAGARI,
    WESTERN,
    current_digits,
    format_money,
    format_number,
    parse_money,
    set_digits,
    using_digits,
    western_digits,
)
from possuite.i18n import digits_for, language_tag, split_language_tag


def test_western_digits_unless_devanagari_is_asked_for():
    assert format_money(1_23_456_00) == "₹1,23,456.00"
    with using_digits(DEVANAGARI):
        assert format_money(1_23_456_00) == "₹१,२३,४५६.००"
        assert format_money(-50) == "-₹०.५०"
        assert format_number(10_00_000_00) == "१०,००,०००.००"
        assert format_money(60000, ascii_only=True) == "Rs. 600.00"   # a printer's own text: Western digits
        assert format_number(60000, digits=WESTERN) == "600.00"
    assert current_digits() == WESTERN and format_money(60000) == "₹600.00"


def test_the_process_choice_and_a_bad_one():
    try:
        set_digits(DEVANAGARI)
        assert format_money(100) == "₹१.००"
    finally:
        set_digits(WESTERN)
    with pytest.raises(ValidationError) as exc:
        set_digits("roman")
    assert exc.value.field == "digits"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_an_amount_in_devanagari_digits_is_the_same_amount_digit_for_digit(minor):
    with using_digits(DEVANAGARI):
        text = format_money(minor)
    assert text.lstrip("-₹").replace(",", "").replace(".", "").strip("०१२३४५६७८९") == ""
    assert parse_money(western_digits(text), allow_negative=True) == minor


def test_only_a_hindi_reader_of_a_store_that_picked_them_gets_devanagari_digits():
    assert digits_for("hi", True) == DEVANAGARI
    assert digits_for("hi", False) == digits_for("en", True) == WESTERN
    assert split_language_tag(language_tag("hi", True)) == ("hi", True)
    assert split_language_tag("en") == ("en", False) and split_language_tag("xx-u-nu-deva") == ("en", True)
