"""The drawer's arithmetic: denominations, counts and what a shift should hold (domain/cash.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from possuite.domain.cash import (
    DENOMINATIONS,
    Movement,
    count_total,
    parse_count,
    shift_figures,
    variance,
    variance_label,
)
from possuite.domain.errors import ValidationError


def test_the_denominations_run_from_the_2000_note_to_the_1_rupee_coin():
    assert DENOMINATIONS[0] == 200000 and DENOMINATIONS[-1] == 100
    assert list(DENOMINATIONS) == sorted(DENOMINATIONS, reverse=True)


def test_a_count_is_the_sum_of_face_value_times_pieces():
    assert count_total({50000: 3, 2000: 2, 100: 7}) == 150000 + 4000 + 700
    assert count_total({}) == 0


@pytest.mark.parametrize("counts", [{300: 1}, {50000: -1}, {50000: 1.5}, {50000: True}, {100: 10**6}])
def test_a_count_refuses_what_no_drawer_holds(counts):
    with pytest.raises(ValidationError) as e:
        count_total(counts)
    assert e.value.field == "counted"


def test_a_typed_count_reads_the_note_in_rupees():
    assert parse_count("500=3") == (50000, 3)
    assert parse_count(" ₹2000 = 0 ") == (200000, 0)
    assert parse_count("1=40") == (100, 40)


@pytest.mark.parametrize("spec", ["500", "3=1", "500=-1", "500=x", "abc=2", "500=1.5", "0=1"])
def test_a_bad_typed_count_names_the_field(spec):
    with pytest.raises(ValidationError) as e:
        parse_count(spec)
    assert e.value.field == "count"


def test_expected_cash_is_the_float_plus_every_cash_movement_and_other_methods_stand_apart():
    f = shift_figures(100000, [
        Movement("sale", "cash", 30000, 2), Movement("sale", "card", 45000), Movement("collection", "cash", 20000),
        Movement("refund", "cash", -7000), Movement("cash_out", "cash", -15000), Movement("sale", "upi", 12000),
        Movement("refund", "upi", -2000), Movement("cash_in", "cash", 5000),
    ])
    assert f.expected_cash == 100000 + 30000 + 20000 - 7000 - 15000 + 5000
    assert list(f.cash) == ["sale", "collection", "refund", "cash_in", "cash_out"]
    assert f.cash_counts["sale"] == 2
    assert f.methods == {"card": 45000, "upi": 10000}


def test_a_new_kind_of_cash_movement_counts_without_changing_the_rule():
    f = shift_figures(0, [Movement("credit_note", "cash", -5000)])
    assert f.expected_cash == -5000 and f.cash == {"credit_note": -5000}


@given(st.integers(0, 10**9), st.lists(st.tuples(st.sampled_from(["sale", "refund", "cash_in", "cash_out"]),
                                                 st.sampled_from(["cash", "card", "upi"]),
                                                 st.integers(-10**7, 10**7)), max_size=30))
def test_only_cash_moves_the_drawer(opening, rows):
    f = shift_figures(opening, [Movement(k, m, a) for k, m, a in rows])
    assert f.expected_cash == opening + sum(a for _, m, a in rows if m == "cash")
    assert sum(f.methods.values()) == sum(a for _, m, a in rows if m != "cash")


def test_variance_is_counted_minus_expected():
    assert variance(9500, 10000) == -500 and variance_label(-500) == "short"
    assert variance_label(100) == "over" and variance_label(0) == "exact"
