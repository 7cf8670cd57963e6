"""The customer ledger's rules: how money is split at checkout and allocated to charges.

Open-item accounting: charges raise what a customer owes, credits lower it,
allocations tie credits to charges, oldest first. Everything here is pure:
the services feed in the open items they read and write out what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from possuite.domain.errors import ValidationError
from possuite.domain.money import Currency, format_money

TENDER_METHODS = ("cash", "card", "upi", "other")
COLLECT_METHODS = ("cash", "card", "upi", "other")

OUTCOME_PAID = "paid"
OUTCOME_PENDING = "pending"
OUTCOME_FULL_PENDING = "full_pending"
OUTCOME_COMPLIMENTARY = "complimentary"


@dataclass(frozen=True)
class OpenCharge:
    """A charge with something still owed on it."""

    entry_id: str
    open_amount: int
    due_date: date
    posted_at: str  # ISO timestamp; ties on due date go to the older posting

    @property
    def sort_key(self) -> tuple:
        return (self.due_date, self.posted_at, self.entry_id)


def allocate_oldest_first(amount: int, charges: list[OpenCharge]) -> tuple[list[tuple[str, int]], int]:
    """Settle ``amount`` over ``charges`` oldest due first. Returns (allocations, remainder)."""
    if amount < 0:
        raise ValueError("allocation amount must not be negative")
    result: list[tuple[str, int]] = []
    left = amount
    for charge in sorted(charges, key=lambda c: c.sort_key):
        if left == 0:
            break
        take = min(left, charge.open_amount)
        if take > 0:
            result.append((charge.entry_id, take))
            left -= take
    return result, left


@dataclass(frozen=True)
class Tender:
    method: str
    amount: int
    reference: str = ""

    def validate(self, position: int) -> None:
        if self.method not in TENDER_METHODS:
            raise ValidationError(
                f"payment {position} method",
                "{method!r} is not one of {choices}", method=self.method, choices=", ".join(TENDER_METHODS))
        if self.amount <= 0:
            raise ValidationError(f"payment {position} amount", "must be more than zero")


@dataclass(frozen=True)
class TenderSplit:
    """Where one tender's money goes."""

    tender: Tender
    to_bill: int
    to_previous: int
    to_advance: int
    change: int

    @property
    def applied(self) -> int:
        return self.to_bill + self.to_previous + self.to_advance


@dataclass(frozen=True)
class PaymentPlan:
    total: int
    advance_used: int        # earlier customer credit absorbed by this bill
    to_bill: int             # money received now that settles this bill
    to_previous: int         # money received now that settles older dues
    to_advance: int          # money kept as customer credit (advances allowed)
    change: int
    pending: int             # left owing on this bill
    tendered: int
    outcome: str
    splits: tuple[TenderSplit, ...] = field(default_factory=tuple)

    @property
    def paid(self) -> int:
        """What this bill shows as paid: total − pending."""
        return self.total - self.pending

    @property
    def received(self) -> int:
        return self.tendered - self.change


def plan_payment(
    *,
    total: int,
    tenders: list[Tender] | tuple[Tender, ...],
    previous_balance: int,
    currency: Currency,
    has_customer: bool,
    leave_pending: bool = False,
    no_payment: bool = False,
    complimentary: bool = False,
    apply_to_dues: bool = True,
    allow_advances: bool = False,
) -> PaymentPlan:
    """Split the tenders between this bill, older dues, advance and change (docs/architecture.md §4.1).

    ``previous_balance`` is what the customer owed before this bill (negative:
    the customer holds credit, which this bill absorbs first).
    """
    tenders = list(tenders)
    for i, t in enumerate(tenders, start=1):
        t.validate(i)
    tendered = sum(t.amount for t in tenders)
    fmt = lambda m: format_money(m, currency)  # noqa: E731

    if complimentary:
        if tenders:
            raise ValidationError("payment", "a complimentary bill takes no payment")
        return PaymentPlan(total, 0, 0, 0, 0, 0, 0, 0, OUTCOME_COMPLIMENTARY)
    if no_payment and tenders:
        raise ValidationError("payment", "'no payment' was chosen but payments were given")

    advance_used = min(-previous_balance, total) if previous_balance < 0 and has_customer else 0
    bill_due = total - advance_used
    dues_open = max(previous_balance, 0) if (apply_to_dues and has_customer) else 0

    # Card/UPI/other first (exact amounts), cash last: change can only come from cash.
    ordered = sorted(tenders, key=lambda t: t.method == "cash")
    splits: list[TenderSplit] = []
    bill_left, dues_left = bill_due, dues_open
    for t in ordered:
        to_bill = min(t.amount, bill_left)
        bill_left -= to_bill
        rest = t.amount - to_bill
        to_prev = min(rest, dues_left)
        dues_left -= to_prev
        rest -= to_prev
        to_adv = change = 0
        if rest:
            if t.method == "cash":
                change = rest
            elif allow_advances and has_customer:
                to_adv = rest
            else:
                what = "the bill and the customer's dues" if dues_open else "the bill"
                raise ValidationError(
                    f"payment {t.method}",
                    "{amount} is {extra} more than {what}; only cash can be given back as change",
                    amount=fmt(t.amount), extra=fmt(rest), what=what)
        splits.append(TenderSplit(t, to_bill, to_prev, to_adv, change))

    to_bill = bill_due - bill_left
    pending = bill_left
    if pending and not has_customer:
        raise ValidationError(
            "customer",
            "{amount} would be left pending; pick or create a customer to leave money pending",
            amount=fmt(pending))
    if pending and tendered and not leave_pending:
        raise ValidationError(
            "payment", "{amount} short of the total; choose 'leave pending' to complete the bill",
            amount=fmt(pending))
    if pending and not tendered and not no_payment and not leave_pending:
        raise ValidationError(
            "payment", "no payment given for {amount}; choose 'no payment' to leave it all pending",
            amount=fmt(pending))
    if pending == 0:
        outcome = OUTCOME_PAID
    elif to_bill == 0 and advance_used == 0:
        outcome = OUTCOME_FULL_PENDING
    else:
        outcome = OUTCOME_PENDING
    return PaymentPlan(
        total=total,
        advance_used=advance_used,
        to_bill=to_bill,
        to_previous=sum(s.to_previous for s in splits),
        to_advance=sum(s.to_advance for s in splits),
        change=sum(s.change for s in splits),
        pending=pending,
        tendered=tendered,
        outcome=outcome,
        splits=tuple(splits),
    )
