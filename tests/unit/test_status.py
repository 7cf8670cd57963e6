"""Bill status (derived at read time, docs/architecture.md §3) and aging buckets for the balances view."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from possuite.domain.status import (
    AGING_BUCKETS,
    COMPLIMENTARY,
    OVERDUE,
    PAID,
    PARTIALLY_PAID,
    PENDING,
    STATUSES,
    VOID,
    aging_bucket,
    bill_status,
    days_past_due,
)

TODAY = date(2026, 11, 1)
YESTERDAY = TODAY - timedelta(days=1)
NEXT_MONTH = TODAY + timedelta(days=30)


def status(*, voided=False, complimentary=False, total=1_000_00, outstanding=0, due=NEXT_MONTH, today=TODAY):
    return bill_status(voided=voided, complimentary=complimentary, total=total, outstanding=outstanding,
                       due_date=due, today=today)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"voided": True, "complimentary": True, "outstanding": 600_00, "due": YESTERDAY}, VOID),
        ({"voided": True, "outstanding": 0}, VOID),
        ({"complimentary": True, "total": 590_00, "outstanding": 0}, COMPLIMENTARY),
        ({"complimentary": True, "outstanding": 100_00, "due": YESTERDAY}, COMPLIMENTARY),
        ({"outstanding": 0}, PAID),
        ({"outstanding": 0, "due": YESTERDAY}, PAID),
        ({"outstanding": 600_00, "due": YESTERDAY}, OVERDUE),
        ({"outstanding": 1_000_00, "due": YESTERDAY}, OVERDUE),
        ({"outstanding": 600_00}, PARTIALLY_PAID),
        ({"outstanding": 1_000_00}, PENDING),
    ],
)
def test_status_priority_is_void_complimentary_paid_overdue_partial_pending(facts, expected):
    assert status(**facts) == expected


def test_a_bill_due_today_is_not_overdue_yet():
    assert status(outstanding=1_000_00, due=TODAY) == PENDING
    assert status(outstanding=1_000_00, due=TODAY, today=TODAY + timedelta(days=1)) == OVERDUE


def test_a_bill_without_a_due_date_never_turns_overdue():
    assert status(outstanding=400_00, due=None, today=date(2099, 1, 1)) == PARTIALLY_PAID


def test_status_depends_only_on_the_facts_given():
    facts = {"outstanding": 600_00, "due": YESTERDAY}
    assert [status(**facts) for _ in range(3)] == [OVERDUE] * 3
    assert set(STATUSES) == {VOID, COMPLIMENTARY, PAID, OVERDUE, PARTIALLY_PAID, PENDING}


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-10, "0-30"), (0, "0-30"), (1, "0-30"), (30, "0-30"), (31, "31-60"), (60, "31-60"), (61, "61-90"),
     (90, "61-90"), (91, "90+"), (400, "90+")],
)
def test_aging_buckets_have_inclusive_upper_bounds(days, bucket):
    assert aging_bucket(days) == bucket
    assert bucket in AGING_BUCKETS


def test_days_past_due_counts_whole_days_and_never_goes_negative():
    assert days_past_due(date(2026, 10, 1), TODAY) == 31
    assert days_past_due(TODAY, TODAY) == 0
    assert days_past_due(NEXT_MONTH, TODAY) == 0
    assert aging_bucket(days_past_due(date(2026, 7, 1), TODAY)) == "90+"
