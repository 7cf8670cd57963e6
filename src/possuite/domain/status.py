"""Bill status and aging, derived at read time from facts, never stored."""

from __future__ import annotations

from datetime import date

VOID = "void"
COMPLIMENTARY = "complimentary"
PAID = "paid"
OVERDUE = "overdue"
PARTIALLY_PAID = "partially_paid"
PENDING = "pending"
STATUSES = (VOID, COMPLIMENTARY, PAID, OVERDUE, PARTIALLY_PAID, PENDING)

AGING_BUCKETS = ("0-30", "31-60", "61-90", "90+")


def bill_status(*, voided: bool, complimentary: bool, total: int, outstanding: int,
                due_date: date | None, today: date) -> str:
    """Priority: void, complimentary, paid, overdue, partially paid, pending (docs/architecture.md §3)."""
    if voided:
        return VOID
    if complimentary:
        return COMPLIMENTARY
    if outstanding <= 0:
        return PAID
    if due_date is not None and due_date < today:
        return OVERDUE
    if outstanding < total:
        return PARTIALLY_PAID
    return PENDING


def days_past_due(due_date: date, today: date) -> int:
    return max((today - due_date).days, 0)


def aging_bucket(days_overdue: int) -> str:
    """0–30, 31–60, 61–90, 90+ days past due (not yet due counts as 0–30)."""
    if days_overdue <= 30:
        return "0-30"
    if days_overdue <= 60:
        return "31-60"
    if days_overdue <= 90:
        return "61-90"
    return "90+"
