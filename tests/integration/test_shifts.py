"""Shifts on a real book: the float, cash in/out, what the drawer should hold, the count and variance,
who may do what, the store's "selling needs a shift" setting, the day report and the print queue."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import text

from possuite.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from possuite.services import audit, printers, shifts
from possuite.services.collections import collect_dues, void_bill
from possuite.services.context import Actor
from possuite.services.customers import add_customer
from possuite.services.day_report import day_report
from possuite.services.store_settings import update_settings
from possuite.services.users import add_user
from testkit import count_statements, sell

CASHIER = Actor("Meena", "cashier", user_id="U-MEENA")
OTHER = Actor("Ravi", "cashier", user_id="U-RAVI")


def _dump(ctx) -> list[str]:
    with ctx.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        return list(raw.iterdump())


def test_the_drawer_should_hold_the_float_plus_cash_taken_less_cash_paid_out(ctx, clock):
    asha = add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, asha.id, 50000, no_payment=True)          # before the shift: not in it
    shift = shifts.open_shift(ctx, 200000)                # ₹2,000 float
    sell(ctx, None, 30000, pay=[("cash", 50000)])         # ₹300 cash, ₹200 change given
    sell(ctx, None, 45000, pay=[("card", 45000)])
    sell(ctx, None, 12000, pay=[("upi", 12000)])
    sell(ctx, asha.id, 10000, pay=[("cash", 5000)], pending=True)
    collect_dues(ctx, asha.id, 20000, "cash")             # ₹200 collected in cash
    wrong = sell(ctx, None, 7000, pay=[("cash", 7000)])
    void_bill(ctx, wrong.number, "rang up twice")         # ₹70 handed back from the drawer
    shifts.move_cash(ctx, "out", 15000, "milk and sugar")
    shifts.move_cash(ctx, "in", 5000, "coins from the bank")

    r = shifts.shift_report(ctx)
    assert r.kind == "X"
    assert r.figures.cash == {"sale": 30000 + 5000 + 7000, "collection": 20000, "refund": -7000,
                              "cash_in": 5000, "cash_out": -15000}
    assert r.expected_cash == 200000 + 42000 + 20000 - 7000 + 5000 - 15000
    assert r.figures.methods == {"card": 45000, "upi": 12000}
    assert r.bills == 5 and r.voided == 1
    assert [m.reason for m in r.moves] == ["milk and sugar", "coins from the bank"]

    z = shifts.close_shift(ctx, notes={50000: 4, 10000: 4, 2000: 2, 100: 5})   # ₹2,445 counted
    assert z.kind == "Z"
    assert z.shift.counted_cash == 244500
    assert z.shift.expected_cash == 245000
    assert z.shift.variance == -500                       # ₹5 short
    assert z.shift.counted_notes == {50000: 4, 10000: 4, 2000: 2, 100: 5}
    assert shift.number == z.shift.number == "SHF-26-0001"
    # After the close, sales join no shift; the Z report does not move.
    sell(ctx, None, 1000, pay=[("cash", 1000)])
    assert shifts.shift_report(ctx, shift.number).expected_cash == 245000
    with ctx.read() as conn:
        loose = conn.execute(text("SELECT COUNT(*) FROM payments WHERE shift_id IS NULL")).scalar()
    assert loose == 1  # the sale after the close (the bill before the shift was left pending: no payment)
    assert shifts.current_shift(ctx) is None


def test_one_figure_count_records_an_over_drawer(ctx):
    shifts.open_shift(ctx, 100000)
    sell(ctx, None, 25000, pay=[("cash", 25000)])
    z = shifts.close_shift(ctx, counted=126000, note="found a ₹10 note")
    assert (z.shift.expected_cash, z.shift.counted_cash, z.shift.variance) == (125000, 126000, 1000)
    assert z.shift.counted_notes == {}
    assert z.shift.close_note == "found a ₹10 note"


def test_a_second_shift_cannot_open_while_one_is_open(ctx):
    shifts.open_shift(ctx, 0)
    with pytest.raises(Conflict, match="SHF-26-0001 is already open"):
        shifts.open_shift(ctx, 100)
    shifts.close_shift(ctx, counted=0)
    assert shifts.open_shift(ctx, 100).number == "SHF-26-0002"


@pytest.mark.parametrize("act,field", [
    (lambda c: shifts.open_shift(c, -100), "float"),
    (lambda c: shifts.move_cash(c, "out", 100, "x"), "shift"),
    (lambda c: shifts.close_shift(c, counted=100), "shift"),
])
def test_bad_requests_name_the_field_and_write_nothing(ctx, act, field):
    before = _dump(ctx)
    with pytest.raises(ValidationError) as e:
        act(ctx)
    assert e.value.field == field
    assert _dump(ctx) == before


def test_bad_counts_and_cash_moves_are_refused_inside_an_open_shift(ctx):
    shifts.open_shift(ctx, 10000)
    before = _dump(ctx)
    for act, field in [
        (lambda: shifts.move_cash(ctx, "out", 10001, "bank drop"), "amount"),   # more than the drawer holds
        (lambda: shifts.move_cash(ctx, "in", 0, "x"), "amount"),
        (lambda: shifts.move_cash(ctx, "in", 100, "  "), "reason"),
        (lambda: shifts.close_shift(ctx, notes={300: 1}), "counted"),          # no ₹3 coin
        (lambda: shifts.close_shift(ctx, notes={50000: -1}), "counted"),
        (lambda: shifts.close_shift(ctx), "counted"),
    ]:
        with pytest.raises(ValidationError) as e:
            act()
        assert e.value.field == field
    assert _dump(ctx) == before


def test_a_cashier_runs_their_own_shift_but_not_anothers(ctx):
    add_user(ctx, "Meena", "cashier", "4321")
    meena = ctx.as_actor(CASHIER)
    ravi = ctx.as_actor(OTHER)
    shifts.open_shift(meena, 50000)
    shifts.move_cash(meena, "out", 1000, "tea")
    with pytest.raises(PermissionDenied):
        shifts.move_cash(ravi, "out", 1000, "tea")
    with pytest.raises(PermissionDenied):
        shifts.close_shift(ravi, counted=49000)
    z = shifts.close_shift(ctx, counted=49000)              # the owner may close anyone's
    assert z.shift.closed_by == "cli" and z.shift.user_name == "Meena"
    actions = [(e["action"], e["user_name"]) for e in audit.list_entries(ctx)]
    assert ("shift opened", "Meena") in actions and ("cash out", "Meena") in actions
    assert ("shift closed", "cli") in actions
    closed = next(e for e in audit.list_entries(ctx) if e["action"] == "shift closed")
    assert json.loads(closed["details"]) == {"expected": 49000, "counted": 49000, "variance": 0}


def test_nobody_signed_in_cannot_open_a_shift(ctx):
    from possuite.services.context import NOBODY

    with pytest.raises(PermissionDenied):
        shifts.open_shift(ctx.as_actor(NOBODY), 100)


def test_when_the_store_requires_shifts_selling_and_collecting_need_one(ctx):
    asha = add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, asha.id, 10000, no_payment=True)
    update_settings(ctx, shifts_required=True)
    before = _dump(ctx)
    with pytest.raises(ValidationError) as e:
        sell(ctx, None, 1000, pay=[("cash", 1000)])
    assert e.value.field == "shift"
    with pytest.raises(ValidationError) as e:
        collect_dues(ctx, asha.id, 1000, "cash")
    assert e.value.field == "shift"
    assert _dump(ctx) == before
    shifts.open_shift(ctx, 0)
    sell(ctx, None, 1000, pay=[("cash", 1000)])
    collect_dues(ctx, asha.id, 1000, "cash")
    assert shifts.shift_report(ctx).expected_cash == 2000
    update_settings(ctx, shifts_required=False)
    shifts.close_shift(ctx, counted=2000)
    sell(ctx, None, 1000, pay=[("cash", 1000)])           # shifts off: sells without one


def test_the_day_report_lists_the_days_shifts(ctx, clock):
    clock.set(datetime(2026, 11, 1, 9, 0))
    shifts.open_shift(ctx, 100000)
    sell(ctx, None, 20000, pay=[("cash", 20000)])
    clock.set(datetime(2026, 11, 1, 14, 0))
    shifts.close_shift(ctx, counted=119000)
    shifts.open_shift(ctx, 119000)
    sell(ctx, None, 5000, pay=[("upi", 5000)])
    r = day_report(ctx)
    assert [(s.shift.number, s.bills, s.expected_cash, s.shift.variance) for s in r.shifts] == [
        ("SHF-26-0001", 1, 120000, -1000), ("SHF-26-0002", 1, 119000, None)]
    assert r.shifts[1].figures.methods == {"upi": 5000}


def test_the_report_reads_a_constant_number_of_statements(ctx):
    shifts.open_shift(ctx, 100)
    assert ctx.store.name  # the store's settings are read once per context, not per report
    with count_statements(ctx.engine) as few:
        shifts.shift_report(ctx)
    for i in range(12):
        sell(ctx, None, 1000 + i, pay=[("cash" if i % 2 else "card", 1000 + i)])
        shifts.move_cash(ctx, "in", 100, f"coins {i}")
    with count_statements(ctx.engine) as many:
        shifts.shift_report(ctx)
    assert len(many) == len(few) == 4
    with count_statements(ctx.engine) as day:
        day_report(ctx)
    assert len(day) == 8   # seven, and the day's last hash in the till's chain (§3.6)


def test_closing_queues_the_z_report_for_the_default_printer(ctx, tmp_path):
    printers.add_printer(ctx, "Counter", "file", str(tmp_path / "slip.bin"), width=32, default=True)
    shifts.open_shift(ctx, 100)
    shifts.close_shift(ctx, counted=100)
    with ctx.read() as conn:
        jobs = conn.execute(text("SELECT document_kind, document_ref FROM print_jobs")).all()
    assert [tuple(j) for j in jobs] == [("shift", "SHF-26-0001")]
    from possuite.services.print_worker import drain_once

    assert [o for _, o, _ in drain_once(ctx)] == ["done"]
    data = (tmp_path / "slip.bin").read_bytes()
    assert b"SHIFT Z REPORT" in data and b"SHF-26-0001" in data


def test_an_unknown_shift_is_not_found(ctx):
    with pytest.raises(NotFound):
        shifts.shift_report(ctx)
    with pytest.raises(NotFound):
        shifts.shift_report(ctx, "SHF-26-0042")


def test_a_credit_notes_cash_refund_comes_out_of_the_drawer_card_refunds_off_the_slips(ctx):
    from possuite.services import returns

    shifts.open_shift(ctx, 100000)
    cash_sale = sell(ctx, None, 40000, pay=[("cash", 40000)])
    card_sale = sell(ctx, None, 25000, pay=[("card", 25000)])
    for number, method in ((cash_sale.number, "cash"), (card_sale.number, "card")):
        line_id = returns.returnable(ctx, number).lines[0].id
        returns.create_return(ctx, number, {line_id: 1000}, method, "customer changed their mind")
    r = shifts.shift_report(ctx)
    assert r.figures.cash == {"sale": 40000, "refund": -40000}
    assert r.expected_cash == 100000
    assert r.figures.methods == {"card": 0}


def test_the_day_report_and_the_z_report_expect_the_same_cash_after_a_cash_out(ctx, clock):
    """One rule (domain/cash.expected_cash): float + cash taken − refunds + cash in − cash out, in both."""
    from possuite.reports.day import day_report_text

    shifts.open_shift(ctx, 100000)                        # ₹1,000 float
    sell(ctx, None, 30000, pay=[("cash", 30000)])
    wrong = sell(ctx, None, 7000, pay=[("cash", 7000)])
    void_bill(ctx, wrong.number, "rang up twice")         # ₹70 back from the drawer
    shifts.move_cash(ctx, "out", 10000, "tea")            # ₹100 for tea
    shifts.move_cash(ctx, "in", 2000, "coins")
    z = shifts.close_shift(ctx, counted=100000 + 30000 + 7000 - 7000 - 10000 + 2000)
    day = day_report(ctx, clock.today())
    assert z.shift.expected_cash == day.expected_cash == 122000
    assert z.shift.variance == 0
    assert (day.opening_float, day.cash_in, day.cash_out) == (100000, 2000, -10000)
    text_ = day_report_text(day, 42)
    assert "Cash out" in text_ and "-₹100.00" in text_ and "₹1,220.00" in text_
