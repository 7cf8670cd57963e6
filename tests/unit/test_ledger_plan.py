"""Checkout money split (plan_payment) and oldest-first allocation: every outcome of docs/architecture.md §4.1."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from possuite.domain.errors import ValidationError
from possuite.domain.ledger import (
    OUTCOME_COMPLIMENTARY,
    OUTCOME_FULL_PENDING,
    OUTCOME_PAID,
    OUTCOME_PENDING,
    OpenCharge,
    Tender,
    allocate_oldest_first,
    plan_payment,
)
from possuite.domain.money import INR


def plan(total: int, *tenders: Tender, previous: int = 0, customer: bool = True, **flags):
    return plan_payment(
        total=total, tenders=list(tenders), previous_balance=previous, currency=INR, has_customer=customer, **flags
    )


def cash(amount: int) -> Tender:
    return Tender("cash", amount)


def card(amount: int) -> Tender:
    return Tender("card", amount, "AUTH123")


def upi(amount: int) -> Tender:
    return Tender("upi", amount, "UPI-REF")


# --- paid --------------------------------------------------------------------------------------

def test_paid_in_full_leaves_nothing_pending():
    p = plan(500_00, cash(500_00), customer=False)
    assert (p.outcome, p.to_bill, p.pending, p.change, p.paid) == (OUTCOME_PAID, 500_00, 0, 0, 500_00)


def test_split_tenders_pay_together_and_only_cash_gives_change():
    p = plan(500_00, cash(250_00), card(200_00), upi(100_00), customer=False)
    assert p.outcome == OUTCOME_PAID
    assert (p.tendered, p.to_bill, p.change, p.received) == (550_00, 500_00, 50_00, 500_00)
    by_method = {s.tender.method: s for s in p.splits}
    assert by_method["card"].to_bill == 200_00 and by_method["card"].change == 0
    assert by_method["upi"].to_bill == 100_00 and by_method["upi"].change == 0
    assert (by_method["cash"].to_bill, by_method["cash"].change) == (200_00, 50_00)


def test_card_is_applied_before_cash_whatever_order_they_were_typed():
    p = plan(500_00, cash(300_00), card(300_00), customer=False)
    assert (p.to_bill, p.change) == (500_00, 100_00)
    assert [s.tender.method for s in p.splits] == ["card", "cash"]


def test_cash_change():
    p = plan(380_00, cash(500_00), customer=False)
    assert (p.outcome, p.change, p.received, p.pending) == (OUTCOME_PAID, 120_00, 380_00, 0)


# --- pending -------------------------------------------------------------------------------------

def test_partial_payment_needs_an_explicit_leave_pending():
    with pytest.raises(ValidationError, match=r"^payment: ₹600.00 short of the total; choose 'leave pending'"):
        plan(1_000_00, cash(400_00))
    p = plan(1_000_00, cash(400_00), leave_pending=True)
    assert (p.outcome, p.to_bill, p.paid, p.pending) == (OUTCOME_PENDING, 400_00, 400_00, 600_00)


def test_no_payment_at_all_needs_an_explicit_no_payment():
    with pytest.raises(ValidationError, match=r"^payment: no payment given for ₹800.00"):
        plan(800_00)
    p = plan(800_00, no_payment=True)
    assert (p.outcome, p.to_bill, p.paid, p.pending, p.tendered) == (OUTCOME_FULL_PENDING, 0, 0, 800_00, 0)


def test_leave_pending_without_any_tender_is_full_pending():
    p = plan(800_00, leave_pending=True)
    assert (p.outcome, p.pending) == (OUTCOME_FULL_PENDING, 800_00)


def test_no_payment_with_tenders_is_a_contradiction():
    with pytest.raises(ValidationError, match=r"^payment: 'no payment' was chosen but payments were given"):
        plan(800_00, cash(100_00), no_payment=True)


@pytest.mark.parametrize("flags", [{"leave_pending": True}, {"no_payment": True}, {}])
def test_pending_without_a_named_customer_is_refused(flags):
    tenders = () if flags.get("no_payment") else (cash(100_00),)
    with pytest.raises(ValidationError) as caught:
        plan(500_00, *tenders, customer=False, **flags)
    assert caught.value.field == "customer"
    assert "₹" in caught.value.why


def test_a_walk_in_pays_everything_even_when_told_about_previous_dues():
    # previous_balance means nothing without a customer: the walk-in's cash is only for this bill
    p = plan(300_00, cash(800_00), previous=500_00, customer=False)
    assert (p.to_previous, p.change) == (0, 500_00)


# --- complimentary -----------------------------------------------------------------------------

def test_complimentary_takes_no_payment_and_leaves_nothing_owing():
    p = plan(590_00, complimentary=True)
    assert (p.outcome, p.to_bill, p.pending, p.change, p.tendered) == (OUTCOME_COMPLIMENTARY, 0, 0, 0, 0)
    assert p.total == 590_00  # the retail value given away


def test_complimentary_refuses_tenders():
    with pytest.raises(ValidationError, match=r"^payment: a complimentary bill takes no payment"):
        plan(590_00, cash(100_00), complimentary=True)


# --- overpayment and previous dues --------------------------------------------------------------

def test_overpayment_settles_previous_dues_first():
    # docs/architecture.md §4.1 / issue 2: owes ₹500, bill ₹300, pays ₹800 -> the old ₹500 is settled, nothing pending.
    p = plan(300_00, cash(800_00), previous=500_00)
    assert (p.outcome, p.to_bill, p.to_previous, p.pending, p.change) == (OUTCOME_PAID, 300_00, 500_00, 0, 0)


def test_overpayment_beyond_all_dues_in_cash_is_change():
    p = plan(300_00, cash(1_000_00), previous=500_00)
    assert (p.to_previous, p.change) == (500_00, 200_00)


def test_card_may_pay_bill_and_dues_exactly():
    p = plan(300_00, card(800_00), previous=500_00)
    assert (p.to_bill, p.to_previous, p.change) == (300_00, 500_00, 0)


@pytest.mark.parametrize("method", ["card", "upi", "other"])
def test_non_cash_overpayment_beyond_all_dues_is_refused(method):
    with pytest.raises(ValidationError) as caught:
        plan(300_00, Tender(method, 900_00), previous=500_00)
    assert caught.value.field == f"payment {method}"
    assert "₹100.00 more than the bill and the customer's dues" in caught.value.why
    with pytest.raises(ValidationError, match=r"more than the bill; only cash can be given back as change"):
        plan(300_00, Tender(method, 300_01), customer=False)


def test_apply_to_dues_off_gives_change_instead():
    p = plan(300_00, cash(800_00), previous=500_00, apply_to_dues=False)
    assert (p.to_bill, p.to_previous, p.change, p.pending) == (300_00, 0, 500_00, 0)


def test_apply_to_dues_off_refuses_card_beyond_the_bill():
    with pytest.raises(ValidationError):
        plan(300_00, card(800_00), previous=500_00, apply_to_dues=False)


def test_partial_payment_with_old_dues_pays_the_new_bill_first():
    p = plan(1_000_00, cash(400_00), previous=500_00, leave_pending=True)
    assert (p.to_bill, p.to_previous, p.pending) == (400_00, 0, 600_00)


# --- customer credit (advance) -----------------------------------------------------------------

def test_customer_advance_is_absorbed_by_the_bill_first():
    p = plan(500_00, cash(300_00), previous=-200_00)
    assert (p.outcome, p.advance_used, p.to_bill, p.pending, p.paid) == (OUTCOME_PAID, 200_00, 300_00, 0, 500_00)


def test_an_advance_bigger_than_the_bill_pays_it_without_tenders():
    p = plan(500_00, previous=-600_00)
    assert (p.outcome, p.advance_used, p.to_bill, p.pending) == (OUTCOME_PAID, 500_00, 0, 0)


def test_a_partly_used_advance_with_nothing_else_paid_is_pending_not_full_pending():
    p = plan(500_00, previous=-200_00, no_payment=True)
    assert (p.outcome, p.advance_used, p.pending) == (OUTCOME_PENDING, 200_00, 300_00)


def test_card_beyond_everything_becomes_an_advance_only_when_the_store_allows_it():
    p = plan(300_00, card(500_00), allow_advances=True)
    assert (p.to_bill, p.to_advance, p.change) == (300_00, 200_00, 0)
    with pytest.raises(ValidationError):
        plan(300_00, card(500_00), allow_advances=True, customer=False)


# --- tenders -------------------------------------------------------------------------------------

def test_bad_tenders_are_named_by_position():
    with pytest.raises(ValidationError) as caught:
        plan(500_00, cash(100_00), Tender("cheque", 400_00))
    assert caught.value.field == "payment 2 method"
    with pytest.raises(ValidationError) as caught:
        plan(500_00, Tender("cash", 0))
    assert caught.value.field == "payment 1 amount"
    with pytest.raises(ValidationError):
        plan(500_00, Tender("upi", -100_00))


_tender = st.builds(
    Tender, method=st.sampled_from(["cash", "card", "upi", "other"]), amount=st.integers(1, 2_000_00)
)


@settings(max_examples=1500, deadline=None)
@given(
    total=st.integers(0, 2_000_00),
    tenders=st.lists(_tender, max_size=4),
    previous=st.integers(-1_000_00, 3_000_00),
    customer=st.booleans(),
    leave_pending=st.booleans(),
    apply_to_dues=st.booleans(),
    allow_advances=st.booleans(),
)
def test_every_plan_accounts_for_every_paisa(total, tenders, previous, customer, leave_pending, apply_to_dues,
                                             allow_advances):
    try:
        p = plan(total, *tenders, previous=previous, customer=customer, leave_pending=leave_pending,
                 apply_to_dues=apply_to_dues, allow_advances=allow_advances)
    except ValidationError as exc:
        assert exc.field and exc.why
        return
    tendered = sum(t.amount for t in tenders)
    assert p.tendered == tendered
    assert p.to_bill + p.to_previous + p.to_advance + p.change == tendered
    assert p.to_bill + p.advance_used + p.pending == total
    assert min(p.to_bill, p.to_previous, p.to_advance, p.change, p.pending, p.advance_used) >= 0
    assert p.change <= sum(t.amount for t in tenders if t.method == "cash")
    assert p.to_previous <= (max(previous, 0) if customer and apply_to_dues else 0)
    assert p.advance_used <= (max(-previous, 0) if customer else 0)
    if p.pending:
        assert customer
        assert p.outcome in (OUTCOME_PENDING, OUTCOME_FULL_PENDING)
        assert p.to_previous == 0 and p.change == 0  # nothing goes elsewhere while this bill is unpaid
    else:
        assert p.outcome == OUTCOME_PAID
    if p.to_advance:
        assert customer and allow_advances


# --- allocation -----------------------------------------------------------------------------------

def charge(entry_id: str, open_amount: int, due: date, posted: str = "2026-01-01T10:00:00") -> OpenCharge:
    return OpenCharge(entry_id, open_amount, due, posted)


def test_allocation_settles_the_oldest_due_first():
    charges = [
        charge("march", 300_00, date(2026, 3, 1)),
        charge("january", 200_00, date(2026, 1, 1)),
        charge("february", 500_00, date(2026, 2, 1)),
    ]
    allocations, left = allocate_oldest_first(600_00, charges)
    assert allocations == [("january", 200_00), ("february", 400_00)]
    assert left == 0


def test_allocation_breaks_due_date_ties_by_posting_time():
    charges = [
        charge("later", 100_00, date(2026, 1, 1), "2026-01-01T12:00:00"),
        charge("earlier", 100_00, date(2026, 1, 1), "2026-01-01T09:00:00"),
    ]
    assert allocate_oldest_first(150_00, charges) == ([("earlier", 100_00), ("later", 50_00)], 0)


def test_allocation_returns_what_no_charge_absorbs():
    assert allocate_oldest_first(700_00, [charge("a", 500_00, date(2026, 1, 1))]) == ([("a", 500_00)], 200_00)
    assert allocate_oldest_first(0, [charge("a", 500_00, date(2026, 1, 1))]) == ([], 0)
    assert allocate_oldest_first(100_00, []) == ([], 100_00)


def test_allocation_skips_settled_charges_and_refuses_negative_amounts():
    charges = [charge("settled", 0, date(2026, 1, 1)), charge("open", 100_00, date(2026, 2, 1))]
    assert allocate_oldest_first(100_00, charges) == ([("open", 100_00)], 0)
    with pytest.raises(ValueError):
        allocate_oldest_first(-1, charges)
