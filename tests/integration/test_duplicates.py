"""Likely duplicate customers and merging them: both kept until the owner merges, balance summed, history kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain.errors import Conflict, PermissionDenied, ValidationError
from possuite.services import customers, users
from possuite.services.audit import list_entries
from possuite.services.collections import adjust
from possuite.services.duplicates import (
    SAME_PHONE,
    SIMILAR_PHONE,
    likely_duplicates,
    merge_customers,
    similar_phones,
)
from possuite.services.integrity import run_checks
from possuite.services.statement import customer_statement
from testkit import count_statements, sell


def _pulled_twin(ctx, of: customers.CustomerView, name: str | None = None, *, later: int = 1) -> str:
    """A customer another till created with the same phone while offline (as the pull writes it)."""
    cid = new_id()
    C = m.Customer.__table__
    with ctx.write() as conn:
        row = conn.execute(select(C).where(C.c.id == of.id)).mappings().one()
        conn.execute(C.insert().values(
            id=cid, store_id=ctx.store_id, name=name or row["name"], name_key=(name or row["name"]).casefold(),
            phone=row["phone"], phone_e164=row["phone_e164"], phone_digits=row["phone_digits"], notes="",
            credit_limit=None, active=True, balance=0, visits=0, total_spent=0, deactivated_reason="",
            is_demo=False, created_at=row["created_at"] + timedelta(hours=later),
            updated_at=row["created_at"] + timedelta(hours=later)))
    return cid


def test_similar_phones_are_one_slip_apart():
    assert similar_phones("9876543210", "9876543210")
    assert similar_phones("9876543210", "9876543211")       # one digit
    assert similar_phones("9876543210", "9876543201")       # two neighbours swapped
    assert not similar_phones("9876543210", "9876543012")   # two apart
    assert not similar_phones("9876543210", "987654321")
    assert not similar_phones("", "")


def test_two_customers_with_one_phone_are_both_kept_and_listed(ctx):
    priya = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    twin = _pulled_twin(ctx, priya, "Priya S.")
    assert {c.id for c in customers.list_customers(ctx, search="43210", limit=50).rows} == {priya.id, twin}
    (pair,) = likely_duplicates(ctx)
    assert (pair.keep.id, pair.other.id, pair.why) == (priya.id, twin, SAME_PHONE)  # the older one stays
    with pytest.raises(ValidationError, match="belongs to 2 customers"):
        customers.get_customer(ctx, "9876543210")  # a phone is no longer enough to say which


def test_same_name_and_a_similar_phone_is_a_likely_duplicate_but_not_a_namesake(ctx):
    a = customers.add_customer(ctx, "Rahul Mehta", "99887 66554")
    b = customers.add_customer(ctx, "rahul mehta", "99887 66545")        # swapped digits
    customers.add_customer(ctx, "Rahul Mehta", "91234 00000")            # a namesake
    customers.add_customer(ctx, "Anita Desai", "99887 66555")            # a similar phone, another name
    pairs = likely_duplicates(ctx)
    assert [(p.keep.id, p.other.id, p.why) for p in pairs] == [(a.id, b.id, SIMILAR_PHONE)]


def test_merge_sums_the_balance_onto_the_survivor_and_keeps_both_histories(ctx):
    keep = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    sell(ctx, keep.id, 50000, no_payment=True)
    other_id = _pulled_twin(ctx, keep)
    sell(ctx, other_id, 30000, pay=[("cash", 10000)], pending=True)
    result = merge_customers(ctx, keep.id, other_id, "one person, two tills")
    assert result.moved == 20000 and len(result.documents) == 2
    assert result.keep.balance == 70000 and result.keep.active
    assert result.merged.balance == 0 and not result.merged.active
    with ctx.read() as conn:
        merged_into = conn.execute(text("SELECT merged_into FROM customers WHERE id = :i"), {"i": other_id}).scalar()
    assert merged_into == keep.id
    kinds = {row.kind for row in customer_statement(ctx, other_id).lines}
    assert {"sale", "transfer_out"} <= kinds            # the merged customer's history is still there
    assert "transfer_in" in {row.kind for row in customer_statement(ctx, keep.id).lines}
    assert run_checks(ctx) == []                        # every invariant holds after the merge
    (entry,) = [e for e in list_entries(ctx) if e["action"] == "customers merged"]
    assert entry["target"] == keep.id and entry["reason"] == "one person, two tills"
    assert likely_duplicates(ctx) == []
    assert customers.get_customer(ctx, "98765 43210").id == keep.id  # the phone names the survivor again
    with pytest.raises(Conflict, match="merged into"):
        customers.reactivate_customer(ctx, other_id)


def test_a_merged_customers_credit_settles_the_survivors_dues(ctx):
    keep = customers.add_customer(ctx, "Asha Rao", "98220 00001")
    sell(ctx, keep.id, 40000, no_payment=True)
    other_id = _pulled_twin(ctx, keep)
    with ctx.write() as conn:  # the other till took an advance (allowed there)
        conn.execute(text("UPDATE stores SET allow_advances = 1"))
    ctx.refresh_store()
    adjust(ctx, other_id, -15000, "paid ahead")
    assert customers.get_customer(ctx, other_id).balance == -15000
    result = merge_customers(ctx, keep.id, other_id)
    assert result.moved == -15000 and result.keep.balance == 25000 and result.merged.balance == 0
    assert run_checks(ctx) == []


def test_merge_refuses_what_makes_no_sense_and_writes_nothing(ctx):
    a = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    b = customers.add_customer(ctx, "Rahul Mehta", "99887 66554")
    with pytest.raises(ValidationError, match="same customer"):
        merge_customers(ctx, a.id, a.id)
    merge_customers(ctx, a.id, b.id)
    with pytest.raises(Conflict, match="merged into"):
        merge_customers(ctx, b.id, a.id)
    with ctx.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM adjustments")).scalar() == 0  # nothing owed, nothing moved


def test_only_the_owner_lists_and_merges(ctx):
    a = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    b = _pulled_twin(ctx, a)
    users.add_user(ctx, "Ravi", "cashier", "4321")
    cashier = ctx.as_actor(users.login(ctx, "Ravi", "4321"))
    with pytest.raises(PermissionDenied):
        likely_duplicates(cashier)
    with pytest.raises(PermissionDenied):
        merge_customers(cashier, a.id, b)
    assert customers.get_customer(ctx, b).active


def test_the_duplicates_list_uses_the_same_statements_for_10_and_1000_customers(ctx):
    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            c = customers.add_customer(ctx, f"Customer {i:04d}", f"98220{i:05d}")
            if i % 5 == 0:
                _pulled_twin(ctx, c)
            if i % 7 == 0:
                customers.add_customer(ctx, f"Customer {i:04d}", f"91{i:08d}")  # a namesake

    grow(0, 10)
    with count_statements(ctx.engine) as small:
        few = likely_duplicates(ctx)
    grow(10, 990)
    with count_statements(ctx.engine) as large:
        many = likely_duplicates(ctx)
    assert len(small) == len(large) == 3
    assert len(few) == 2 and len(many) == 200
