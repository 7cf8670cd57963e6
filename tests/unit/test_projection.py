"""The ledger projection is a pure function of the entries: random entry sets, every invariant.

Histories are drawn as a till would write them (sales with a due date, payments at a bill or
collections, write-offs, debit adjustments, voids of earlier sales, refunds of earlier payments,
reversals of earlier write-offs), with posting times that often tie.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from possuite.domain.projection import CHARGE, CREDIT, Book, Entry, Item, project

T0 = datetime(2026, 1, 1, 10, 0)


@st.composite
def histories(draw) -> list[Entry]:
    n = draw(st.integers(0, 18))
    out: list[Entry] = []
    sales, payments, writeoffs = [], [], []
    voided: set[str] = set()
    at = T0
    for i in range(n):
        if draw(st.booleans()):
            at += timedelta(minutes=draw(st.integers(1, 5000)))
        eid = f"E{i:04d}"
        amount = draw(st.integers(1, 50_000))
        kind = draw(st.sampled_from(["sale", "sale", "payment", "collection", "writeoff", "opening", "void",
                                     "refund", "reversal"]))
        due = (at + timedelta(days=draw(st.integers(0, 60)))).date()
        if kind == "sale":
            bill = f"B{i:04d}"
            sales.append((eid, bill, amount))
            out.append(Entry(eid, "sale", amount, at, due, bill))
        elif kind == "payment" and sales:
            _sid, bill, _amt = draw(st.sampled_from(sales))
            payments.append(f"P{i}")
            out.append(Entry(eid, "payment", -amount, at, None, bill, payment_id=f"P{i}"))
        elif kind == "collection":
            payments.append(f"P{i}")
            out.append(Entry(eid, "payment", -amount, at, None, None, payment_id=f"P{i}"))
        elif kind == "writeoff":
            writeoffs.append(f"A{i}")
            out.append(Entry(eid, "writeoff", -amount, at, adjustment_id=f"A{i}"))
        elif kind == "opening":
            out.append(Entry(eid, "opening", amount, at, due, adjustment_id=f"A{i}"))
        elif kind == "void" and [s for s in sales if s[1] not in voided]:
            _sid, bill, amt = draw(st.sampled_from([s for s in sales if s[1] not in voided]))
            voided.add(bill)
            out.append(Entry(eid, "void", -amt, at, None, bill))
        elif kind == "refund" and payments:
            out.append(Entry(eid, "refund", amount, at, None, payment_id=draw(st.sampled_from(payments))))
        elif kind == "reversal" and writeoffs:
            out.append(Entry(eid, "reversal", amount, at, None, adjustment_id=draw(st.sampled_from(writeoffs))))
    return out


def _allocated(p) -> tuple[dict[str, int], dict[str, int]]:
    as_charge, as_credit = defaultdict(int), defaultdict(int)
    for (credit, charge), amt in p.allocations.items():
        as_charge[charge] += amt
        as_credit[credit] += amt
    return as_charge, as_credit


@given(histories())
def test_balance_is_the_sum_and_allocations_stay_within_the_amounts(entries):
    p = project(entries)
    assert p.balance == sum(e.amount for e in entries)
    by_id = {e.id: e for e in entries}
    as_charge, as_credit = _allocated(p)
    for (credit, charge), amt in p.allocations.items():
        assert amt > 0
        assert by_id[credit].amount < 0 < by_id[charge].amount
    for e in entries:
        used = as_charge[e.id] if e.amount > 0 else as_credit[e.id]
        assert 0 <= used <= abs(e.amount)
        assert p.open_amounts.get(e.id, 0) == abs(e.amount) - used
    # open charges − open credits is the balance, and only one side is ever open
    sides = {by_id[k].amount > 0 for k in p.open_amounts}
    assert len(sides) <= 1
    assert sum(v if by_id[k].amount > 0 else -v for k, v in p.open_amounts.items()) == p.balance


@given(histories(), st.randoms(use_true_random=False))
def test_the_order_entries_arrive_in_does_not_matter(entries, rnd):
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    assert project(shuffled) == project(entries)


@given(histories())
def test_a_voided_sale_is_taken_whole_by_its_void(entries):
    p = project(entries)
    sale_of = {e.bill_id: e for e in entries if e.kind == "sale"}
    for v in (e for e in entries if e.kind == "void"):
        charge = sale_of[v.bill_id]
        if charge.order_key < v.order_key:
            assert p.allocations.get((v.id, charge.id)) == charge.amount
            assert sum(a for (_c, ch), a in p.allocations.items() if ch == charge.id) == charge.amount


def _incremental(prefix: list[Entry], suffix: list[Entry]):
    """What posting does: the cached state of ``prefix`` plus a book that loads it lazily, then ``suffix``."""
    before = project(prefix)
    by_id = {e.id: e for e in prefix}
    loads: list[str] = []

    def load_side(side):
        loads.append(side)
        return [Item(by_id[k], v) for k, v in before.open_amounts.items()
                if (CHARGE if by_id[k].amount > 0 else CREDIT) == side]

    def load_void(charge_id):
        tied = defaultdict(int)
        for (credit, charge), amt in before.allocations.items():
            if charge == charge_id:
                tied[credit] += amt
        return (before.open_amounts.get(charge_id, 0),
                [(by_id[c], amt, before.open_amounts.get(c, 0)) for c, amt in tied.items()])

    book = Book(prior_balance=before.balance, load_side=load_side, load_void=load_void)
    # the earlier bills the new entries name (posting registers the charge of a bill it voids)
    book.bill_charges.update({e.bill_id: e for e in prefix if e.kind == "sale"})
    for e in suffix:
        book.apply(e)
    allocations = dict(before.allocations)
    for k, v in book.allocations.items():
        allocations[k] = allocations.get(k, 0) + v
    opens = dict(before.open_amounts)
    for k, item in book.open.items():
        opens[k] = item.open_amount
    return ({k: v for k, v in allocations.items() if v}, {k: v for k, v in opens.items() if v}, book.balance)


@settings(max_examples=150)
@given(histories(), st.integers(0, 18))
def test_posting_incrementally_gives_the_full_recomputation(entries, cut):
    ordered = sorted(entries, key=lambda e: e.order_key)
    prefix, suffix = ordered[:cut], ordered[cut:]
    full = project(entries)
    assert _incremental(prefix, suffix) == (full.allocations, full.open_amounts, full.balance)


def test_a_payment_at_a_bill_settles_that_bill_first_then_the_oldest_due():
    old = Entry("E1", "sale", 1000, T0, date(2026, 1, 5), "B1")
    older_due = Entry("E2", "opening", 500, T0 + timedelta(hours=1), date(2026, 1, 2))
    bill = Entry("E3", "sale", 300, T0 + timedelta(hours=2), date(2026, 2, 1), "B3")
    paid = Entry("E4", "payment", -700, T0 + timedelta(hours=2), None, "B3", payment_id="P4")
    p = project([paid, bill, older_due, old])
    assert p.allocations == {("E4", "E3"): 300, ("E4", "E2"): 400}
    assert p.open_amounts == {"E1": 1000, "E2": 100}


def test_an_advance_is_absorbed_by_the_next_charge_and_a_refund_takes_its_own_credit_back():
    adv = Entry("E1", "payment", -800, T0, payment_id="P1")
    other = Entry("E2", "payment", -100, T0 + timedelta(minutes=1), payment_id="P2")
    charge = Entry("E3", "opening", 500, T0 + timedelta(minutes=2), date(2026, 1, 2))
    refund = Entry("E4", "refund", 100, T0 + timedelta(minutes=3), payment_id="P2")
    p = project([adv, other, charge, refund])
    assert p.allocations == {("E1", "E3"): 500, ("E2", "E4"): 100}
    assert p.open_amounts == {"E1": 300} and p.balance == -300


def test_a_void_frees_the_payments_which_settle_other_dues():
    due = Entry("E1", "sale", 400, T0, date(2026, 1, 10), "B1")
    bill = Entry("E2", "sale", 1000, T0 + timedelta(days=1), date(2026, 2, 1), "B2")
    pay = Entry("E3", "payment", -1000, T0 + timedelta(days=1), None, "B2", payment_id="P3")
    void = Entry("E4", "void", -1000, T0 + timedelta(days=2), None, "B2")
    p = project([due, bill, pay, void])
    assert p.allocations == {("E4", "E2"): 1000, ("E3", "E1"): 400}
    assert p.open_amounts == {"E3": 600}


def test_ties_on_posting_time_go_by_id():
    rng = random.Random(3)
    entries = [Entry(f"E{i}", "sale" if i % 2 else "payment", (i + 1) * (1 if i % 2 else -1) * 100, T0,
                     date(2026, 1, 1) if i % 2 else None, f"B{i}" if i % 2 else None) for i in range(8)]
    rng.shuffle(entries)
    assert project(entries) == project(sorted(entries, key=lambda e: e.id))


def test_a_second_void_of_one_bill_is_held_open_until_its_undo_takes_it_back():
    t0 = datetime(2026, 11, 1, 10, 0)
    sale = Entry("E1", "sale", 30000, t0, date(2026, 12, 1), bill_id="B1")
    older = Entry("E0", "sale", 5000, t0 - timedelta(days=3), date(2026, 11, 1), bill_id="B0")
    first = Entry("E2", "void", -30000, t0 + timedelta(hours=1), bill_id="B1")
    second = Entry("E3", "void", -30000, t0 + timedelta(hours=2), bill_id="B1")
    # the second void alone: it settles nothing (the older bill stays open) and stays open itself
    held = project([older, sale, first, second])
    assert held.open_amounts == {"E0": 5000, "E3": 30000} and held.balance == -25000
    undo = Entry("E4", "unvoid", 30000, second.posted_at + timedelta(microseconds=1), bill_id="B1")
    after = project([older, sale, first, second, undo])
    assert after.balance == 5000 and after.open_amounts == {"E0": 5000}
    assert after.allocations == {("E2", "E1"): 30000, ("E3", "E4"): 30000}
    assert after == project([undo, second, first, sale, older])   # the same whatever order they arrive in
