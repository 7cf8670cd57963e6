"""Demo data: realistic, sound, marked, never printed, and removable without touching real history."""

from __future__ import annotations

from datetime import datetime

import phonenumbers
import pytest
from sqlalchemy import text

from possuite.domain.errors import PermissionDenied
from possuite.services import customers
from possuite.services.context import Actor
from possuite.services.demo import cleanup_demo, create_demo, plan_demo_cleanup
from possuite.services.exports import bills_export
from possuite.services.integrity import run_checks
from testkit import sell


def q(ctx, sql: str):
    with ctx.read() as conn:
        return conn.execute(text(sql), {"s": ctx.store_id}).all()


@pytest.fixture
def demo(ctx, clock):
    clock.set(datetime(2026, 11, 1, 19))
    real = customers.add_customer(ctx, "Real Person", "9000000001").id
    sell(ctx, real, 10000, no_payment=True)
    result = create_demo(ctx, 12, 90, days=100, seed=11)
    return ctx, real, result


def test_demo_is_sound_marked_and_varied(demo):
    ctx, _real, r = demo
    assert run_checks(ctx) == []
    assert (r.customers, r.items, r.bills) == (12, 20, 90)
    statuses = {b.status for b in bills_export(ctx) if b.number.startswith("DEMO")}
    assert {"paid", "overdue", "complimentary", "void"} <= statuses
    assert statuses & {"pending", "partially_paid"}
    assert r.collections > 0 and r.voids > 0 and r.complimentary > 0
    # every demo row is marked, and only demo rows
    assert q(ctx, "SELECT COUNT(*) FROM bills WHERE number LIKE 'DEMO-%' AND is_demo = 0")[0][0] == 0
    assert q(ctx, "SELECT COUNT(*) FROM bills WHERE number NOT LIKE 'DEMO-%' AND is_demo = 1")[0][0] == 0
    assert q(ctx, "SELECT COUNT(*) FROM payments p JOIN bills b ON b.id = p.bill_id "
                  "WHERE b.is_demo = 1 AND p.is_demo = 0")[0][0] == 0
    assert q(ctx, "SELECT COUNT(*) FROM customers WHERE is_demo = 1")[0][0] == 12
    assert q(ctx, "SELECT COUNT(*) FROM items WHERE is_demo = 1 AND tax_rate_bp IN (500, 1200, 1800)")[0][0] == 20
    # spread over the months before "now", never after it
    first, last = q(ctx, "SELECT MIN(posted_at), MAX(posted_at) FROM bills WHERE is_demo = 1")[0]
    assert first[:10] >= "2026-07-24" and last <= "2026-11-01 19:00:00"


def test_demo_sells_loose_henna_by_the_kilogram_and_tablets_from_a_strip(demo):
    ctx, _real, _r = demo
    units = dict(q(ctx, "SELECT unit, pack_size FROM items WHERE is_demo = 1 AND unit <> 'piece'"))
    assert units == {"kg": 1, "strip": 10}
    # lines in thousandths that are not whole units: 1.25 kg of henna, 3 tablets of a 10-strip, ...
    kg = q(ctx, "SELECT qty FROM bill_lines l JOIN bills b ON b.id = l.bill_id WHERE b.is_demo = 1 AND l.unit = 'kg'")
    tabs = q(ctx, "SELECT qty FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
                  "WHERE b.is_demo = 1 AND l.unit = 'strip' AND l.pack_size = 10")
    assert any(qty % 1000 for (qty,) in kg), kg
    assert any(qty % 10_000 for (qty,) in tabs), tabs
    # the first demo bill sells both, so even the smallest demo shows them
    first = q(ctx, "SELECT GROUP_CONCAT(l.unit) FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
                   "WHERE b.number = 'DEMO-26-0001'")[0][0]
    assert {"kg", "strip"} <= set(first.split(","))


def test_demo_counts_a_shift_each_trading_day_and_never_touches_the_real_one(ctx, clock):
    from possuite.services import shifts

    clock.set(datetime(2026, 11, 1, 19))
    real = shifts.open_shift(ctx, 50000)                     # the real drawer stays as it was
    r = create_demo(ctx, 6, 40, days=20, seed=3)
    assert r.shifts > 5
    days = q(ctx, "SELECT COUNT(DISTINCT business_date) FROM bills WHERE is_demo = 1")[0][0]
    assert r.shifts >= days
    assert q(ctx, "SELECT COUNT(*) FROM shifts WHERE is_demo = 1 AND closed_at IS NULL")[0][0] == 0
    assert q(ctx, "SELECT COUNT(*) FROM shifts WHERE is_demo = 1 AND variance IS NULL")[0][0] == 0
    # every demo payment joined a demo shift of its day; none joined the real one
    assert q(ctx, "SELECT COUNT(*) FROM payments p JOIN shifts s ON s.id = p.shift_id "
                  "WHERE p.is_demo = 1 AND (s.is_demo = 0 OR s.business_date <> p.business_date)")[0][0] == 0
    assert q(ctx, "SELECT COUNT(*) FROM payments WHERE is_demo = 1 AND shift_id IS NULL")[0][0] == 0
    assert shifts.shift_report(ctx).shift.number == real.number
    assert shifts.shift_report(ctx).expected_cash == 50000
    assert q(ctx, "SELECT number FROM shifts WHERE is_demo = 1 ORDER BY opened_at LIMIT 1")[0][0] == "DEMOSHF-26-0001"
    assert run_checks(ctx) == []
    cleanup_demo(ctx)
    assert q(ctx, "SELECT COUNT(*) FROM shifts") == [(1,)] and q(ctx, "SELECT COUNT(*) FROM shift_cash_moves") == [(0,)]


def test_demo_customers_have_unique_valid_indian_mobiles(demo):
    ctx, _real, _r = demo
    phones = [r[0] for r in q(ctx, "SELECT phone_e164 FROM customers WHERE is_demo = 1")]
    assert len(set(phones)) == len(phones) == 12
    for p in phones:
        num = phonenumbers.parse(p)
        assert phonenumbers.is_valid_number(num) and phonenumbers.number_type(num) == \
            phonenumbers.PhoneNumberType.MOBILE and p.startswith("+91")


def test_demo_never_queues_receipts(ctx, clock):
    with ctx.write() as conn:
        conn.execute(text("INSERT INTO printers(id, store_id, name, type, target, width, profile, symbol_mode, "
                          "is_default, cut, drawer_kick) VALUES ('P1', :s, 'Counter', 'file', '/dev/null', 42, "
                          "'default', 'image', 1, 1, 0)"), {"s": ctx.store_id})
    create_demo(ctx, 3, 10, seed=1)
    assert q(ctx, "SELECT COUNT(*) FROM print_jobs")[0][0] == 0


def test_cleanup_removes_demo_rows_only_and_keeps_the_book_sound(demo):
    ctx, real, _r = demo
    guards = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    triggers_before = q(ctx, guards)
    plan = plan_demo_cleanup(ctx)
    assert (plan.customers, plan.bills, plan.removed) == (12, 90, False)
    assert q(ctx, "SELECT COUNT(*) FROM customers WHERE is_demo = 1")[0][0] == 12   # planning changed nothing
    done = cleanup_demo(ctx)
    assert done.removed and done.bills == 90
    assert run_checks(ctx) == []
    assert q(ctx, "SELECT COUNT(*) FROM customers")[0][0] == 1
    assert q(ctx, "SELECT number FROM bills") == [("SAL-26-0001",)]
    assert q(ctx, "SELECT COUNT(*) FROM items")[0][0] == 0
    assert q(ctx, "SELECT COUNT(*) FROM sequences WHERE series LIKE 'DEMO%'")[0][0] == 0
    assert customers.get_customer(ctx, real).balance == 10000
    # the insert-only guards are back, exactly as they were
    assert q(ctx, guards) == triggers_before
    with pytest.raises(Exception, match="insert-only"), ctx.write() as conn:
        conn.execute(text("DELETE FROM ledger_entries"))
    # real numbering continues without a gap
    assert sell(ctx, real, 5000, pay=[("cash", 5000)]).number == "SAL-26-0002" and run_checks(ctx) == []
    assert cleanup_demo(ctx).nothing


def test_a_demo_customer_with_real_history_is_kept_whole(demo):
    ctx, _real, _r = demo
    demo_cust = q(ctx, "SELECT id FROM customers WHERE is_demo = 1 ORDER BY balance DESC LIMIT 1")[0][0]
    demo_bills = q(ctx, f"SELECT COUNT(*) FROM bills WHERE customer_id = '{demo_cust}'")[0][0]
    sell(ctx, demo_cust, 5000, pay=[("upi", 5000)])            # a real sale to a demo customer
    plan = plan_demo_cleanup(ctx)
    assert [k.id for k in plan.kept_customers] == [demo_cust]
    assert "1 real bill(s)" in plan.kept_customers[0].reason
    cleanup_demo(ctx)
    assert run_checks(ctx) == []
    assert q(ctx, f"SELECT COUNT(*) FROM bills WHERE customer_id = '{demo_cust}'")[0][0] == demo_bills + 1
    assert q(ctx, "SELECT COUNT(*) FROM customers")[0][0] == 2


def test_demo_data_is_for_the_owner(ctx):
    cashier = ctx.as_actor(Actor("Meena", "cashier"))
    with pytest.raises(PermissionDenied):
        create_demo(cashier, 2, 2)
    with pytest.raises(PermissionDenied):
        cleanup_demo(cashier)


def test_a_second_demo_after_cleanup_starts_afresh(demo):
    ctx, _real, _r = demo
    cleanup_demo(ctx)
    create_demo(ctx, 2, 5, seed=2)
    assert q(ctx, "SELECT MIN(number) FROM bills WHERE is_demo = 1")[0][0] == "DEMO-26-0001"
    assert run_checks(ctx) == []


def test_a_failed_cleanup_changes_nothing_and_keeps_the_guards(demo, monkeypatch):
    import possuite.services.demo as demo_module

    ctx, _real, _r = demo
    guards = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    before = (q(ctx, guards), q(ctx, "SELECT COUNT(*) FROM ledger_entries"), q(ctx, "SELECT COUNT(*) FROM bills"))
    monkeypatch.setattr(demo_module, "_DELETE_SQL", [*demo_module._DELETE_SQL, "DELETE FROM no_such_table"])
    with pytest.raises(Exception, match="no_such_table"):
        cleanup_demo(ctx)
    after = (q(ctx, guards), q(ctx, "SELECT COUNT(*) FROM ledger_entries"), q(ctx, "SELECT COUNT(*) FROM bills"))
    assert after == before and run_checks(ctx) == []
