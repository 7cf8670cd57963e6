"""Who may do what, enforced in the services (the robustness suite covers every action × role)."""

from __future__ import annotations

import pytest

from possuite.domain.errors import AuthenticationFailed, PermissionDenied
from possuite.services import customers
from possuite.services.audit import list_entries
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import Actor
from possuite.services.users import add_user, authorise
from testkit import sell


@pytest.fixture
def cashier(ctx):
    add_user(ctx, "Ravi", "cashier", "5678")
    return ctx.as_actor(Actor("Ravi", "cashier"))


def test_cashier_sells_leaves_pending_and_collects(cashier):
    c = customers.add_customer(cashier, "Asha", "9822000001")
    sell(cashier, c.id, 50000, pay=[("cash", 20000)], pending=True)
    assert collect_dues(cashier, c.id, 10000, "cash").remaining_balance == 20000


def test_cashier_is_refused_owner_actions_naming_them(cashier):
    c = customers.add_customer(cashier, "Asha", "9822000001")
    sale = sell(cashier, c.id, 50000, no_payment=True)
    with pytest.raises(PermissionDenied, match="void bill"):
        void_bill(cashier, sale.number, "mistake")
    with pytest.raises(PermissionDenied, match="adjustment or write-off"):
        adjust(cashier, c.id, -100, "goodwill")
    with pytest.raises(PermissionDenied, match="set a credit limit"):
        customers.edit_customer(cashier, c.id, credit_limit=100000)
    with pytest.raises(PermissionDenied, match="deactivate a customer who owes"):
        customers.deactivate_customer(cashier, c.id, "moved")


def test_an_owner_pin_authorises_the_action_and_is_recorded(ctx, cashier):
    c = customers.add_customer(cashier, "Asha", "9822000001")
    sale = sell(cashier, c.id, 50000, no_payment=True)
    with pytest.raises(AuthenticationFailed, match="wrong PIN"):
        authorise(cashier, "0000")
    approved = authorise(cashier, "1234")
    void_bill(approved, sale.number, "entered twice")
    entry = next(e for e in list_entries(ctx) if e["action"] == "void")
    assert (entry["user_name"], entry["authorised_by"], entry["reason"]) == ("Ravi", "Owner", "entered twice")


def test_cashier_may_save_a_profile_whose_credit_limit_is_unchanged(cashier):
    c = customers.add_customer(cashier, "Asha", "9822000001")
    edited = customers.edit_customer(cashier, c.id, notes="prefers mornings", clear_credit_limit=True)
    assert edited.notes == "prefers mornings" and edited.credit_limit is None


def test_a_context_given_no_actor_is_refused_owner_and_cashier_actions(ctx):
    from possuite.services.app import open_context
    from possuite.services.context import NOBODY

    c = customers.add_customer(ctx, "Asha", "9822000001")
    sale = sell(ctx, c.id, 50000, no_payment=True)
    nobody = open_context(engine=ctx.engine, path=ctx.db_path, clock=ctx.clock)  # no actor passed
    assert nobody.actor == NOBODY and not nobody.actor.is_owner
    with pytest.raises(PermissionDenied, match="void bill: no one is signed in"):
        void_bill(nobody, sale.number, "mistake")
    with pytest.raises(PermissionDenied, match="adjustment or write-off: no one is signed in"):
        adjust(nobody, c.id, -100, "goodwill")
    with pytest.raises(PermissionDenied, match="sell: no one is signed in"):
        sell(nobody, c.id, 10000, pay=[("cash", 10000)])
    with pytest.raises(PermissionDenied, match="collect dues: no one is signed in"):
        collect_dues(nobody, c.id, 10000, "cash")
    with pytest.raises(PermissionDenied, match="edit customers"):
        customers.add_customer(nobody, "Ravi", "9822000002")
    assert customers.get_customer(ctx, c.id).balance == 50000  # nothing was written
