"""Returns and credit notes through the services: the ledger, who may, the reports and the check."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from possuite.domain.cart import CartLine
from possuite.domain.errors import PermissionDenied, ValidationError
from possuite.domain.ledger import Tender
from possuite.services import customers
from possuite.services.audit import list_entries
from possuite.services.bills import get_bill
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import Actor
from possuite.services.credit_notes import credit_notes, get_credit_note
from possuite.services.day_report import day_report
from possuite.services.integrity import run_checks
from possuite.services.returns import create_return, returnable
from possuite.services.statement import customer_statement
from possuite.services.store_settings import update_settings
from possuite.services.users import add_user, authorise
from testkit import count_statements, sell


def _sale(ctx, customer_id=None, *, qty=3, price=10001, rate=1800, pay=None, **kw):
    lines = [CartLine("Shampoo", qty * 1000, price, tax_rate_bp=rate, kind="product"), CartLine("Haircut", 1000, 40000)]
    tenders = [Tender(m, a) for m, a in (pay or [])]
    return complete_sale(ctx, SaleRequest(lines, customer_id=customer_id, tenders=tenders, **kw))


def _lines(ctx, number):
    return {ln.description: ln for ln in returnable(ctx, number).lines}


def test_returns_of_a_line_in_steps_add_up_to_exactly_its_amount_and_tax(ctx):
    bill = _sale(ctx, pay=[("cash", 10**6)])
    sold = _lines(ctx, bill.number)["Shampoo"]
    notes = [create_return(ctx, bill.number, {sold.id: 1000}, "cash", "step") for _ in range(3)]
    assert sum(n.plan.lines[0].amount for n in notes) == sold.amount
    assert sum(n.plan.lines[0].tax for n in notes) == sold.tax
    assert [n.number for n in notes] == ["CN-26-0001", "CN-26-0002", "CN-26-0003"]
    assert all(n.plan.lines[0].net + n.plan.lines[0].tax == n.plan.lines[0].amount for n in notes)
    with pytest.raises(ValidationError, match="nothing is left to return"):
        create_return(ctx, bill.number, {sold.id: 1000}, "cash", "again")
    assert run_checks(ctx) == []


def test_a_walk_in_bill_cannot_be_refunded_to_an_account(ctx):
    bill = _sale(ctx, pay=[("cash", 10**6)])
    with pytest.raises(ValidationError, match="refund: .* has no customer"):
        create_return(ctx, bill.number, {_lines(ctx, bill.number)["Haircut"].id: 1000}, "account", "x")


def test_a_cash_refund_never_settles_other_dues_and_the_ledger_gets_entries_not_edits(ctx):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    sell(ctx, c.id, 30000, no_payment=True)                      # old dues stay as they are
    bill = _sale(ctx, c.id, pay=[("upi", 60000)], leave_pending=True)
    assert bill.pending == 15404
    haircut = _lines(ctx, bill.number)["Haircut"]
    r = create_return(ctx, bill.number, {haircut.id: 1000}, "cash", "stylist absent")
    assert (r.to_bill, r.to_dues, r.to_account, r.refunded) == (15404, 0, 0, 24596)
    assert r.customer_balance == 30000
    assert get_bill(ctx, bill.number).bill["outstanding"] == 0
    kinds = [ln.kind for ln in customer_statement(ctx, c.id).lines]
    assert kinds[-2:] == ["return", "refund"]
    assert customers.get_customer(ctx, c.id).balance == r.customer_balance
    assert run_checks(ctx) == []


def test_the_statement_shows_the_credit_note_with_its_reason_and_the_refund(ctx):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    bill = _sale(ctx, c.id, pay=[("cash", 10**6)])
    create_return(ctx, bill.number, {_lines(ctx, bill.number)["Haircut"].id: 1000}, "card", "not done")
    st = customer_statement(ctx, c.id)
    rows = [(ln.document, ln.description, ln.debit, ln.credit) for ln in st.lines]
    assert rows[-2:] == [("CN-26-0001", "Credit note: not done", 0, 40000),
                         ("CN-26-0001", "Refund (Card)", 40000, 0)]
    assert st.closing == 0


def test_a_cashier_may_return_within_the_store_days_and_needs_an_owner_after(ctx, clock):
    add_user(ctx, "Ravi", "cashier", "5678")
    cashier = ctx.as_actor(Actor("Ravi", "cashier"))
    update_settings(ctx, return_days=3)
    bill = _sale(cashier, pay=[("cash", 10**6)])
    line = _lines(ctx, bill.number)["Haircut"]
    clock.set(datetime(2026, 11, 4, 18, 0))
    assert create_return(cashier, bill.number, {line.id: 1000}, "cash", "within days").number == "CN-26-0001"
    shampoo = _lines(ctx, bill.number)["Shampoo"]
    clock.set(datetime(2026, 11, 5, 9, 0))
    with pytest.raises(PermissionDenied, match="more than 3 day"):
        create_return(cashier, bill.number, {shampoo.id: 1000}, "cash", "late")
    approved = authorise(cashier, "1234")
    assert create_return(approved, bill.number, {shampoo.id: 1000}, "cash", "late, owner ok").number == "CN-26-0002"
    audit = [e for e in list_entries(ctx) if e["action"] == "return"]
    assert [(e["target"], e["user_name"], e["authorised_by"]) for e in audit] == [
        ("CN-26-0002", "Ravi", "Owner"), ("CN-26-0001", "Ravi", None)]
    with pytest.raises(ValidationError, match="return days"):
        update_settings(ctx, return_days=-1)


def test_the_day_report_counts_the_returns_of_the_day_and_the_cash_refunded(ctx, clock):
    bill = _sale(ctx, pay=[("cash", 10**6)])
    clock.set(datetime(2026, 11, 2, 11, 0))
    lines = _lines(ctx, bill.number)
    r = create_return(ctx, bill.number, {lines["Shampoo"].id: 2000, lines["Haircut"].id: 1000}, "cash", "x")
    day1, day2 = day_report(ctx, date(2026, 11, 1)), day_report(ctx, date(2026, 11, 2))
    assert day1.returns_count == 0 and day1.net_sales == bill.total
    assert (day2.returns_count, day2.returns_value, day2.returns_tax) == (1, r.total, r.plan.tax)
    assert day2.net_sales == -r.total and day2.expected_cash == -r.total and day2.refunds == {"cash": r.total}


def test_credit_notes_of_a_period_carry_their_tax_per_rate_for_the_gst_report(ctx, clock):
    bill = _sale(ctx, pay=[("cash", 10**6)])
    lines = _lines(ctx, bill.number)
    create_return(ctx, bill.number, {lines["Shampoo"].id: 1000, lines["Haircut"].id: 1000}, "cash", "x")
    clock.set(datetime(2026, 12, 2, 11, 0))
    create_return(ctx, bill.number, {lines["Shampoo"].id: 1000}, "upi", "y")
    nov = credit_notes(ctx, date(2026, 11, 1), date(2026, 11, 30))
    assert [n.number for n in nov] == ["CN-26-0001"]
    n = nov[0]
    assert n.bill_number == bill.number and n.bill_date == date(2026, 11, 1)
    assert n.tax_by_rate == {0: (40000, 0), 1800: (n.net - 40000, n.tax)}
    assert sum(v[0] + v[1] for v in n.tax_by_rate.values()) == n.total
    assert len(credit_notes(ctx)) == 2
    doc = get_credit_note(ctx, "cn-26-0002")
    assert doc.note["bill_number"] == bill.number and [ln["description"] for ln in doc.lines] == ["Shampoo"]


def test_bill_detail_reads_its_returns_in_a_fixed_number_of_statements(ctx):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    one = _sale(ctx, c.id, qty=10, pay=[("cash", 10**6)])
    many = _sale(ctx, c.id, qty=10, pay=[("cash", 10**6)])
    create_return(ctx, one.number, {_lines(ctx, one.number)["Shampoo"].id: 1000}, "cash", "x")
    for _ in range(6):
        create_return(ctx, many.number, {_lines(ctx, many.number)["Shampoo"].id: 1000}, "account", "x")
    with count_statements(ctx.engine) as a:
        get_bill(ctx, one.number)
    with count_statements(ctx.engine) as b:
        detail = get_bill(ctx, many.number)
    assert len(a) == len(b) <= 6
    assert len(detail.returns) == 6 and detail.as_json()["return_status"] == "partly_returned"


def test_the_check_finds_a_line_returned_beyond_what_was_sold_and_a_credit_note_off_its_lines(ctx, db_path):
    bill = _sale(ctx, pay=[("cash", 10**6)])
    create_return(ctx, bill.number, {_lines(ctx, bill.number)["Shampoo"].id: 1000}, "cash", "x")
    con = sqlite3.connect(db_path)
    con.execute("UPDATE credit_note_lines SET qty = 5000")
    con.execute("UPDATE credit_notes SET total = total + 1")
    con.commit()
    con.close()
    found = {(f.check, f.subject) for f in run_checks(ctx)}
    assert ("returns", f"bill {bill.number} line 1 (Shampoo)") in found
    assert ("credit note total", "credit note CN-26-0001") in found


def test_the_check_finds_a_gap_in_the_credit_note_series(ctx, db_path):
    bill = _sale(ctx, pay=[("cash", 10**6)])
    create_return(ctx, bill.number, {_lines(ctx, bill.number)["Shampoo"].id: 1000}, "cash", "x")
    con = sqlite3.connect(db_path)
    con.execute("UPDATE credit_notes SET seq = 2, number = 'CN-26-0002'")
    con.commit()
    con.close()
    assert [f.subject for f in run_checks(ctx) if f.check == "numbering"] == ["credit notes 2026"]


def test_demo_data_has_returns_that_keep_the_book_sound_and_leave_with_the_demo(ctx):
    from possuite.services.demo import cleanup_demo, create_demo

    made = create_demo(ctx, customers_n=12, bills_n=150, days=30, seed=7)
    notes = credit_notes(ctx)
    assert made.returns == len(notes) > 0
    assert all(n.number.startswith("DEMOCN-") for n in notes)
    assert run_checks(ctx) == []
    cleanup_demo(ctx)
    assert credit_notes(ctx) == [] and run_checks(ctx) == []


def test_credit_notes_split_their_tax_as_the_bill_was_split_cgst_sgst_or_igst(ctx):
    from possuite.services.store_settings import show_store

    assert show_store(ctx).gst_registration == "regular" and ctx.store.state == "27"   # Maharashtra
    local = customers.add_customer(ctx, "Local Salon Supply", "9822000011")
    b2b = customers.add_customer(ctx, "Amazon Seller Services", "9822000012", gstin="29AAICA3918J1ZE")
    here = _sale(ctx, local.id, qty=3, price=10001, pay=[("cash", 10**6)])
    there = _sale(ctx, b2b.id, qty=3, price=10001, pay=[("cash", 10**6)])
    for bill in (here, there):
        create_return(ctx, bill.number, {_lines(ctx, bill.number)["Shampoo"].id: 1000}, "cash", "x")
    local_note, b2b_note = credit_notes(ctx)
    assert list(local_note.gst_by_rate) == [1800]
    taxable, cgst, sgst, igst = local_note.gst_by_rate[1800]
    assert taxable == local_note.net and igst == 0 and cgst + sgst == local_note.tax and cgst - sgst in (0, 1)
    assert b2b_note.buyer_gstin == "29AAICA3918J1ZE" and b2b_note.place_of_supply == "29"
    assert b2b_note.gst_by_rate[1800][1:] == (0, 0, b2b_note.tax)
    assert local_note.as_json()["gst_by_rate"][0]["rate_bp"] == 1800


def test_voiding_a_bill_paid_with_a_returns_store_credit_puts_the_credit_back_on_the_account(ctx):
    from possuite.services.collections import void_bill

    c = customers.add_customer(ctx, "Asha", "9822000001")
    first = _sale(ctx, c.id, pay=[("cash", 10**6)])
    create_return(ctx, first.number, {_lines(ctx, first.number)["Haircut"].id: 1000}, "account", "redo later")
    assert customers.get_customer(ctx, c.id).balance == -40000          # store credit
    second = sell(ctx, c.id, 30000, no_payment=True)                      # paid by the credit
    assert customers.get_customer(ctx, c.id).balance == -10000
    r = void_bill(ctx, second.number, "wrong service")
    assert (r.kept_as_credit, r.refund, r.customer_balance) == (30000, 0, -40000)
    assert run_checks(ctx) == []


def test_a_cash_refund_leaves_the_open_shifts_drawer_and_a_card_refund_does_not(ctx):
    from possuite.services.shifts import open_shift, shift_report

    open_shift(ctx, 1000_00)
    bill = _sale(ctx, pay=[("cash", 10**6)])                         # change given: the drawer keeps the total
    lines = _lines(ctx, bill.number)
    before = shift_report(ctx).figures.expected_cash
    cash = create_return(ctx, bill.number, {lines["Shampoo"].id: 1000}, "cash", "x")
    create_return(ctx, bill.number, {lines["Haircut"].id: 1000}, "card", "y")
    assert shift_report(ctx).figures.expected_cash == before - cash.refunded


def test_what_a_customer_spent_is_net_of_returns_and_the_check_knows_it(ctx, db_path):
    c = customers.add_customer(ctx, "Asha", "9822000001")
    bill = _sale(ctx, c.id, pay=[("cash", 10**6)])
    spent = customers.get_customer(ctx, c.id).total_spent
    assert spent == bill.total
    r = create_return(ctx, bill.number, {_lines(ctx, bill.number)["Haircut"].id: 1000}, "account", "stylist absent")
    after = customers.get_customer(ctx, c.id)
    assert after.total_spent == spent - r.plan.total == bill.total - 40000 and after.visits == 1
    assert run_checks(ctx) == []
    con = sqlite3.connect(db_path)   # the cached figure as it was before returns counted: found
    con.execute("UPDATE customers SET total_spent = ? WHERE id = ?", (spent, c.id))
    con.commit()
    con.close()
    assert [(f.check, f.subject) for f in run_checks(ctx)] == [("customer stats", f"customer Asha ({c.id})")]
