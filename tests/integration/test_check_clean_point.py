"""The incremental check replays a touched customer from its last clean point (docs/architecture.md §3.5):
the same findings as a replay of every entry, fewer entries replayed, and the customer replayed whole when a
row written since the seals reaches before that point."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from possuite.domain import projection
from possuite.services import collections, customers, integrity, ledger
from possuite.services.returns import create_return
from testkit import assert_incremental_balances_as_the_check_sums_them, sell, touched_scope
from testkit import edit_behind_the_app as _sql


@pytest.fixture
def people(ctx, clock, monkeypatch):
    """(Sealed without the customers' states, as a book sealed before migration 0022: the clean points' path;
    the states' own path is tests/integration/test_check_states.py.) Seven customers with three sealed days
    of history, then a day of new trade (unsealed): Asha pays
    everything off (clean points), Ravi always owes (none), Meera has a void and owes, Kiran has a return
    paid back in cash (replayed whole), Dev settles and then owes, Lata's first bill was voided and she
    paid the rest (a clean point after the void), Mohan's sealed bill is voided today (replayed whole)."""
    monkeypatch.setattr(ledger, "MAKE_STATES", False)
    asha, ravi, meera, kiran, dev, lata, mohan = (
        customers.add_customer(ctx, n, f"98220000{i:02d}")
        for i, n in enumerate(("Asha Rao", "Ravi Kumar", "Meera", "Kiran", "Dev", "Lata", "Mohan")))
    mohans = []
    for day in range(3):
        lata_bill = sell(ctx, lata.id, 4000 + day, no_payment=True)
        if day == 0:
            collections.void_bill(ctx, lata_bill.number, "wrong customer")
        else:
            collections.collect_dues(ctx, lata.id, 4000 + day, "cash")
        mohans.append(sell(ctx, mohan.id, 6000 + day, pay=[("cash", 6000 + day)]))
        sell(ctx, asha.id, 40000 + day, pay=[("cash", 10000)], pending=True)
        collections.collect_dues(ctx, asha.id, 30000 + day, "upi")              # Asha back to 0
        sell(ctx, asha.id, 5000, pay=[("card", 5000)])
        sell(ctx, ravi.id, 25000 + day, pay=[("upi", 5000)], pending=True)     # Ravi owes more each day
        voided = sell(ctx, meera.id, 12000, pay=[("cash", 2000)], pending=True)
        if day == 1:
            collections.void_bill(ctx, voided.number, "rang up twice")
        bill = sell(ctx, kiran.id, 9000, pay=[("cash", 9000)])
        if day == 2:
            with ctx.read() as conn:
                line_id = conn.execute(text("SELECT id FROM bill_lines WHERE bill_id = :b"),
                                       {"b": bill.bill_id}).scalar_one()
            create_return(ctx, bill.number, {line_id: 1000}, "cash", "did not suit")
        sell(ctx, dev.id, 7000 + day, pay=[("cash", 7000 + day)])
        clock.set(clock.now() + timedelta(days=1))
    first = integrity.run_incremental(ctx)
    assert first.findings == [] and first.full and len(first.sealed) == 3
    for c in (asha, ravi, meera, kiran):   # the new day
        sell(ctx, c.id, 3000, pay=[("cash", 1000)], pending=True)
    sell(ctx, dev.id, 6000, pay=[("cash", 1000)], pending=True)
    sell(ctx, lata.id, 2000, pay=[("cash", 500)], pending=True)
    collections.void_bill(ctx, mohans[1].number, "rang up twice")
    return {"asha": asha, "ravi": ravi, "meera": meera, "kiran": kiran, "dev": dev, "lata": lata, "mohan": mohan}


def _scope(ctx):
    return touched_scope(ctx)


def _both(ctx) -> tuple[list, list]:
    scope = _scope(ctx)
    with ctx.read() as conn:
        return (ledger.differences_since(conn, ctx.store_id, scope.customers, scope.marks),
                ledger.differences_of(conn, ctx.store_id, scope.customers))


def _replayed(ctx, monkeypatch) -> dict[str, int]:
    """How many entries the incremental check replays per customer (by name)."""
    seen: list[int] = []

    def counting(entries):
        entries = list(entries)
        seen.append(len(entries))
        return projection.project(entries)

    monkeypatch.setattr(ledger, "project", counting)
    scope = _scope(ctx)
    with ctx.read() as conn:
        ledger.differences_since(conn, ctx.store_id, scope.customers, scope.marks)
    return seen


def test_the_tails_replay_finds_what_the_whole_replay_finds_on_a_sound_book(ctx, people, monkeypatch):
    since, whole = _both(ctx)
    assert since == whole == []
    assert integrity.run_incremental(ctx, seal=False).findings == []
    with ctx.read() as conn:
        held = dict(conn.execute(text("SELECT customer_id, COUNT(*) FROM ledger_entries GROUP BY customer_id")).all())
    replayed = sorted(_replayed(ctx, monkeypatch))
    # Asha, Dev and Lata (her void long settled): back to 0 before the new day, so only its sale and payment
    # are replayed. Ravi and Meera (never at 0), Kiran (a credit note) and Mohan (a void today): every entry.
    ids = {k: v.id for k, v in people.items()}
    assert replayed == sorted([2, 2, 2, *(held[ids[k]] for k in ("ravi", "meera", "kiran", "mohan"))])
    assert sum(replayed) < sum(held.values())


@pytest.mark.parametrize("damage", [
    "UPDATE open_items SET open_amount = open_amount - 1 WHERE customer_id = '{asha}'",
    "UPDATE customers SET balance = balance + 5 WHERE id = '{asha}'",
    "DELETE FROM open_items WHERE customer_id = '{dev}'",
    "UPDATE allocations SET amount = amount - 1 WHERE rowid = (SELECT MAX(rowid) FROM allocations "
    "WHERE customer_id = '{asha}')",
    # an open item for an entry settled before the clean point
    "INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, bill_id) "
    "SELECT id, store_id, customer_id, 'charge', 5, NULL, posted_at, NULL FROM ledger_entries "
    "WHERE customer_id = '{asha}' AND kind = 'sale' AND id NOT IN (SELECT entry_id FROM open_items) LIMIT 1",
])
def test_damage_since_the_seal_is_found_as_the_whole_replay_finds_it(ctx, db_path, people, damage):
    _sql(db_path, damage.format(asha=people["asha"].id, dev=people["dev"].id), drop=("allocations_no_update",))
    since, whole = _both(ctx)
    assert since and [d.customer_id for d in since] == [d.customer_id for d in whole]
    assert "projection" in {f.check for f in integrity.run_incremental(ctx, seal=False).findings}


def test_a_new_row_reaching_before_the_clean_point_replays_the_customer_whole(ctx, db_path, people, monkeypatch):
    """An allocation written after the seals between two of Asha's settled entries: the tail alone cannot
    judge it, so Asha is replayed from her first entry, and the extra ₹0.07 is reported."""
    asha = people["asha"].id
    _sql(db_path, "INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, "
                  "created_at) SELECT 'ZZALLOCATION00000000000000', store_id, customer_id, cr.id, ch.id, 7, "
                  "'2026-11-04 12:00:00.000000' FROM (SELECT * FROM ledger_entries WHERE customer_id = "
                  f"'{asha}' AND amount < 0 ORDER BY posted_at LIMIT 1) cr, (SELECT id FROM ledger_entries "
                  f"WHERE customer_id = '{asha}' AND amount > 0 ORDER BY posted_at LIMIT 1) ch")
    since, whole = _both(ctx)
    assert [d.customer_id for d in since] == [d.customer_id for d in whole] == [asha]
    assert since[0].allocations == whole[0].allocations and len(since[0].allocations) == 1


def test_a_sealed_allocation_before_the_clean_point_altered_is_found_by_its_seal_and_the_full_check(
        ctx, db_path, people):
    """What the tail's replay does not recompute (Asha's settled pairs) is sealed rows: the seal's SHA-256
    and the full check find an edit to them."""
    asha = people["asha"].id
    _sql(db_path, "UPDATE allocations SET amount = amount + 1 WHERE rowid = (SELECT MIN(rowid) FROM allocations "
                  f"WHERE customer_id = '{asha}')", drop=("allocations_no_update",))
    run = integrity.run_incremental(ctx, seal=False, read_back_seconds=60)
    assert [f.subject for f in run.findings if f.check == "seal"] == ["sealed day 2026-11-01 (seal 1)"]
    assert {f.subject for f in integrity.run_checks(ctx) if f.check == "projection"} == {
        f"customer Asha Rao ({asha})"}


def test_a_sealed_entry_time_stored_in_another_form_replays_the_customer_whole(ctx, db_path, people, monkeypatch):
    """A time in another ISO form sorts as text elsewhere than its value: Asha then has no clean point."""
    asha = people["asha"].id
    _sql(db_path, "UPDATE ledger_entries SET posted_at = replace(posted_at, ' ', 'T') WHERE rowid = (SELECT MIN(rowid) "
                  f"FROM ledger_entries WHERE customer_id = '{asha}')", drop=("ledger_entries_no_update",))
    with ctx.read() as conn:
        held = conn.execute(text("SELECT COUNT(*) FROM ledger_entries WHERE customer_id = :c"), {"c": asha}).scalar()
    assert held in _replayed(ctx, monkeypatch)
    assert _both(ctx) == ([], [])


def test_every_touched_customers_balance_is_summed_as_the_balance_check_sums_it(ctx, db_path, people):
    """Invariant 1 in the incremental run comes from what the replay read (``integrity._ledger_since``): the same
    findings as the balance check's own sums, for every way a customer is replayed (clean point, a credit note,
    a void, whole)."""
    assert_incremental_balances_as_the_check_sums_them(ctx, db_path, people)
