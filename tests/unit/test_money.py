"""Money: the one parser, the one formatter, the one rounding function (docs/architecture.md §2, issue 2, issue 7)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from possuite.domain.errors import ValidationError
from possuite.domain.money import (
    INR,
    MAX_MAJOR_UNITS,
    apply_basis_points,
    currency_for,
    format_money,
    format_number,
    parse_money,
    parse_percent_bp,
    round_half_up,
    to_major_string,
)

USD = currency_for("USD")
JPY = currency_for("JPY")
#: The parser fuzz runs thousands of cases (issue 7); exact-arithmetic properties need fewer.
FUZZ = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROPERTY = settings(max_examples=800, deadline=None)


# --- parse_money: what a cashier may type -------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "paise"),
    [
        ("600", 600_00),
        ("600.5", 600_50),
        ("600.50", 600_50),
        ("600.05", 600_05),
        ("₹1,000.50", 1_000_50),
        ("1,00,000", 1_00_000_00),
        ("10,00,000.99", 10_00_000_99),
        ("1,000,000", 1_000_000_00),
        ("100,000", 100_000_00),
        (" 12 ", 12_00),
        ("\t12\n", 12_00),
        ("Rs. 600", 600_00),
        ("Rs.600", 600_00),
        ("Rs 600", 600_00),
        ("rs 600", 600_00),
        ("INR 250", 250_00),
        ("₹ 75", 75_00),
        (".5", 50),
        ("600.", 600_00),
        ("0", 0),
        ("0.01", 1),
        ("000600", 600_00),
        (600, 600_00),
        ("10000000000", MAX_MAJOR_UNITS * 100),
    ],
)
def test_parser_accepts_what_people_type(typed, paise):
    assert parse_money(typed, "amount") == paise


def test_parser_returns_a_plain_int():
    value = parse_money("₹1,000.50", "amount")
    assert type(value) is int


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("-5", "amount"),
        ("-0.01", "price"),
        ("₹-600", "amount"),
        ("- 600", "amount"),
        ("+600", "amount"),
        ("NaN", "amount"),
        ("nan", "amount"),
        ("inf", "amount"),
        ("-inf", "amount"),
        ("Infinity", "amount"),
        ("1e9", "amount"),
        ("1E3", "amount"),
        ("12.345", "amount"),
        ("0.001", "amount"),
        ("1,2,3", "amount"),
        ("12,50", "amount"),      # European decimal comma: would be ₹1,250 if read as grouping
        ("1,00", "amount"),
        ("1,000,00", "amount"),
        ("1,00,00", "amount"),
        ("100,00,000", "amount"),
        ("1,0000", "amount"),
        (",100", "amount"),
        ("100,", "amount"),
        ("1,,000", "amount"),
        ("₹", "amount"),
        ("Rs.", "amount"),
        ("", "amount"),
        ("   ", "amount"),
        ("1" * 40, "amount"),
        ("9" * 41, "amount"),
        ("10000000001", "amount"),
        ("१२३", "amount"),          # Devanagari digits
        ("١٢٣", "amount"),          # Arabic-Indic digits
        ("１２３", "amount"),        # full-width digits
        ("12.3.4", "amount"),
        ("1 000", "amount"),
        ("abc", "amount"),
        ("12abc", "amount"),
        ("0x10", "amount"),
        (".", "amount"),
        ("₹₹600", "amount"),
        ("$600", "amount"),
        ("--600", "amount"),
        ("600-", "amount"),
        ("12\x0034", "amount"),
        ("1_000", "amount"),
    ],
)
def test_parser_rejects_hostile_amounts_naming_the_field(typed, field):
    with pytest.raises(ValidationError) as caught:
        parse_money(typed, field)
    assert caught.value.field == field
    assert caught.value.message.startswith(f"{field}: ")


def test_message_names_the_field_the_user_typed_into():
    with pytest.raises(ValidationError, match=r"^discount: .*not a number"):
        parse_money("ten", "discount")
    with pytest.raises(ValidationError, match=r"^payment cash: .*negative"):
        parse_money("-10", "payment cash")
    with pytest.raises(ValidationError, match=r"more than 2 decimals"):
        parse_money("12.345", "price")
    with pytest.raises(ValidationError, match=r"too large"):
        parse_money("1" * 40, "price")


@pytest.mark.parametrize("not_text", [True, False, 1.5, None, b"600", [600]])
def test_parser_refuses_non_text_values_including_floats(not_text):
    with pytest.raises(ValidationError) as caught:
        parse_money(not_text, "amount")
    assert caught.value.field == "amount"


def test_zero_only_where_allowed():
    assert parse_money("0", "amount") == 0
    with pytest.raises(ValidationError, match=r"^amount: must be more than zero"):
        parse_money("0", "amount", allow_zero=False)
    with pytest.raises(ValidationError, match=r"^amount: must be more than zero"):
        parse_money("₹0.00", "amount", allow_zero=False)


def test_signs_only_where_meaningful():
    assert parse_money("+600", "adjustment", allow_sign=True) == 600_00
    assert parse_money("-600", "adjustment", allow_negative=True) == -600_00
    assert parse_money("-₹1,000.50", "adjustment", allow_negative=True) == -1_000_50
    assert parse_money("₹-1,000.50", "adjustment", allow_negative=True) == -1_000_50
    with pytest.raises(ValidationError):
        parse_money("-600", "adjustment", allow_sign=True)
    with pytest.raises(ValidationError):
        parse_money("--600", "adjustment", allow_negative=True)
    with pytest.raises(ValidationError):
        parse_money("+-600", "adjustment", allow_negative=True)


def test_yen_has_no_decimals():
    assert parse_money("1,500", "price", JPY) == 1500
    assert parse_money("¥1500", "price", JPY) == 1500
    with pytest.raises(ValidationError, match=r"^price: JPY has no decimals"):
        parse_money("15.5", "price", JPY)


def test_dollars_parse_with_their_symbol():
    assert parse_money("$1,234.56", "price", USD) == 1_234_56


# --- format_money / format_number --------------------------------------------------------------

@pytest.mark.parametrize(
    ("paise", "shown"),
    [
        (0, "₹0.00"),
        (5, "₹0.05"),
        (60_000, "₹600.00"),
        (1_000_50, "₹1,000.50"),
        (99_999_99, "₹99,999.99"),
        (1_00_000_00, "₹1,00,000.00"),
        (12_34_56_789_00, "₹12,34,56,789.00"),
        (-500_00, "-₹500.00"),
        (-1_00_000_00, "-₹1,00,000.00"),
    ],
)
def test_rupees_show_with_indian_grouping(paise, shown):
    assert format_money(paise) == shown
    assert format_money(paise, INR) == shown


def test_ascii_form_for_printers_without_the_rupee_sign():
    assert format_money(600_00, ascii_only=True) == "Rs. 600.00"
    assert format_money(1_00_000_00, ascii_only=True) == "Rs. 1,00,000.00"
    assert format_money(-500_00, ascii_only=True) == "-Rs. 500.00"
    assert format_money(600_00, ascii_only=True).isascii()


def test_other_currencies_use_their_own_grouping_and_decimals():
    assert format_money(1_234_567_89, USD) == "$1,234,567.89"
    assert format_money(1500, JPY) == "¥1,500"
    assert format_money(1_000_000, JPY) == "¥1,000,000"
    assert format_money(-1500, JPY, ascii_only=True) == "-JPY 1,500"
    assert format_number(1_00_000_00) == "1,00,000.00"
    assert to_major_string(60_050) == "600.50"
    assert to_major_string(-5) == "-0.05"
    assert to_major_string(1500, JPY) == "1500"


@pytest.mark.parametrize("not_minor_units", [600.0, True, "600", None])
def test_formatter_refuses_anything_but_int_minor_units(not_minor_units):
    with pytest.raises(TypeError):
        format_money(not_minor_units)


def test_unknown_currency_is_named():
    assert currency_for("inr") is INR
    with pytest.raises(ValidationError, match=r"^currency: unknown currency 'XYZ'"):
        currency_for("XYZ")


# --- rounding ---------------------------------------------------------------------------------

def _exact_half_away_from_zero(x: Fraction) -> int:
    magnitude = abs(x)
    whole = magnitude.numerator // magnitude.denominator
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    return whole if x >= 0 else -whole


@pytest.mark.parametrize(
    ("n", "d", "expected"),
    [(5, 2, 3), (-5, 2, -3), (3, 2, 2), (1, 2, 1), (-1, 2, -1), (1, 3, 0), (2, 3, 1), (7, 1, 7), (0, 9, 0),
     (25, 10, 3), (-25, 10, -3), (-24, 10, -2)],
)
def test_round_half_up_goes_away_from_zero_on_halves(n, d, expected):
    assert round_half_up(n, d) == expected


@PROPERTY
@given(st.integers(min_value=-(10**15), max_value=10**15), st.integers(min_value=1, max_value=10**7))
def test_round_half_up_matches_exact_fractions(n, d):
    assert round_half_up(n, d) == _exact_half_away_from_zero(Fraction(n, d))


@pytest.mark.parametrize("d", [0, -1])
def test_round_half_up_refuses_non_positive_denominators(d):
    with pytest.raises(ValueError):
        round_half_up(10, d)


@PROPERTY
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=10_000))
def test_basis_points_are_exact_then_rounded_once(amount, bp):
    assert apply_basis_points(amount, bp) == _exact_half_away_from_zero(Fraction(amount * bp, 10_000))


def test_eighteen_percent_of_a_quarter_rupee_rounds_up():
    assert apply_basis_points(25, 1800) == 5  # 4.5 paise -> 5, not banker's 4


# --- percentages --------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "bp"), [("18", 1800), ("12.5%", 1250), (" 0 ", 0), ("100", 10_000), ("0.25", 25)])
def test_percentages_become_basis_points(typed, bp):
    assert parse_percent_bp(typed, "tax rate") == bp


@pytest.mark.parametrize("typed", ["", "%", "101", "12.345", "-5", "abc", "1e2", "१८", "nan"])
def test_bad_percentages_name_the_field(typed):
    with pytest.raises(ValidationError) as caught:
        parse_percent_bp(typed, "tax rate")
    assert caught.value.field == "tax rate"


# --- fuzz: the parser never does anything but return an int or say what is wrong ----------------

_AMOUNTISH = st.text(alphabet="0123456789,.₹Rs -+eEnaINf_١१０ \t", max_size=24)


def _parse_outcome(text: str, **kwargs) -> int | None:
    try:
        value = parse_money(text, "amount", **kwargs)
    except ValidationError as exc:
        assert exc.field == "amount"
        assert exc.why
        return None
    assert type(value) is int
    return value


@FUZZ
@given(st.one_of(st.text(max_size=60), _AMOUNTISH))
def test_fuzzed_text_returns_an_int_or_a_validation_error(text):
    value = _parse_outcome(text)
    if value is not None:
        assert 0 <= value <= MAX_MAJOR_UNITS * 100


@FUZZ
@given(_AMOUNTISH)
def test_fuzzed_text_with_signs_allowed_stays_in_range(text):
    value = _parse_outcome(text, allow_negative=True, allow_zero=False)
    if value is not None:
        assert value != 0
        assert abs(value) <= MAX_MAJOR_UNITS * 100


@PROPERTY
@given(st.integers(min_value=0, max_value=MAX_MAJOR_UNITS * 100))
def test_every_formatted_rupee_amount_parses_back_to_itself(paise):
    assert parse_money(format_number(paise), "amount") == paise
    assert parse_money(format_money(paise), "amount") == paise
    assert parse_money(format_money(paise, ascii_only=True), "amount") == paise
    assert parse_money(to_major_string(paise), "amount") == paise
    assert parse_money(format_money(-paise), "amount", allow_negative=True) == -paise


@PROPERTY
@given(st.integers(min_value=0, max_value=MAX_MAJOR_UNITS * 100))
def test_every_formatted_dollar_amount_parses_back_to_itself(cents):
    assert parse_money(format_number(cents, USD), "amount", USD) == cents
    assert parse_money(format_money(cents, USD), "amount", USD) == cents


@PROPERTY
@given(st.integers(min_value=0, max_value=MAX_MAJOR_UNITS))
def test_every_formatted_yen_amount_parses_back_to_itself(yen):
    assert parse_money(format_number(yen, JPY), "amount", JPY) == yen
