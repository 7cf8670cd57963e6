"""The incremental check replays a touched customer from its latest verified state, stored at a seal
(docs/architecture.md §3.5, migration 0022): its cost follows what the day wrote, not the customer's age; it
finds what the whole replay finds; a state edited, deleted or forged is found by the incremental and the full
check; a state that disagrees with the replay is named by the full check."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import event, text

from possuite.domain import projection
from possuite.services import collections, customers, integrity, ledger
from possuite.services.returns import create_return
from testkit import assert_incremental_balances_as_the_check_sums_them, sell, touched_scope
from testkit import edit_behind_the_app as _sql


def _close_day(ctx, clock) -> integrity.Incremental:
    """The day close: the clock moves to the next morning and the incremental check seals the day."""
    clock.set(clock.now() + timedelta(days=1))
    run = integrity.run_incremental(ctx, read_back_seconds=60)
    assert run.findings == [] and run.sealed, run.findings
    return run


@pytest.fixture
def people(ctx, clock):
    """Six customers with four sealed days of history, then a day of new trade (unsealed): Ravi always owes
    (no clean point), Asha pays everything off, Meera had a bill voided on the second day and owes, Kiran has a
    return paid back in cash on the third day, Dev pays part of his dues each day, Mohan's sealed bill is voided today
    (replayed whole)."""
    ravi, asha, meera, kiran, dev, mohan = (
        customers.add_customer(ctx, n, f"98221000{i:02d}")
        for i, n in enumerate(("Ravi Kumar", "Asha Rao", "Meera", "Kiran", "Dev", "Mohan")))
    mohans = []
    for day in range(4):
        sell(ctx, ravi.id, 25000 + day, pay=[("upi", 5000)], pending=True)
        sell(ctx, asha.id, 40000 + day, pay=[("cash", 10000)], pending=True)
        collections.collect_dues(ctx, asha.id, 30000 + day, "upi")
        voided = sell(ctx, meera.id, 12000, pay=[("cash", 2000)], pending=True)
        if day == 1:
            collections.void_bill(ctx, voided.number, "rang up twice")
        bill = sell(ctx, kiran.id, 9000, pay=[("cash", 9000)])
        if day == 2:
            with ctx.read() as conn:
                line_id = conn.execute(text("SELECT id FROM bill_lines WHERE bill_id = :b"),
                                       {"b": bill.bill_id}).scalar_one()
            create_return(ctx, bill.number, {line_id: 1000}, "cash", "did not suit")
        sell(ctx, dev.id, 7000 + day, pay=[("cash", 1000)], pending=True)
        collections.collect_dues(ctx, dev.id, 3000, "cash")                     # pays part of his dues
        mohans.append(sell(ctx, mohan.id, 6000 + day, pay=[("cash", 1000)], pending=True))
        clock.set(clock.now() + timedelta(days=1))
        run = integrity.run_incremental(ctx, read_back_seconds=60)
        assert run.findings == [] and run.sealed
    for c in (ravi, asha, meera, kiran):   # the new day
        sell(ctx, c.id, 3000, pay=[("cash", 1000)], pending=True)
    sell(ctx, dev.id, 6000, pay=[("cash", 1000)], pending=True)
    collections.void_bill(ctx, mohans[1].number, "rang up twice")
    return {"ravi": ravi, "asha": asha, "meera": meera, "kiran": kiran, "dev": dev, "mohan": mohan}


def _scope(ctx):
    return touched_scope(ctx)


def _both(ctx) -> tuple[list, list]:
    scope = _scope(ctx)
    with ctx.read() as conn:
        return (ledger.differences_since(conn, ctx.store_id, scope.customers, scope.marks),
                ledger.differences_of(conn, ctx.store_id, scope.customers))


def _balances(ctx) -> tuple[list, list]:
    """The balance check (invariant 1) of the touched customers from their states, and over every entry."""
    scope = _scope(ctx)
    with ctx.read() as conn:
        since = integrity._ledger_since(conn, ctx.store_id, scope)[0]   # the sums the incremental run takes
        assert since == integrity.check_cached_balances(conn, ctx.store_id, scope)   # from the replay, or in SQL
        return (since, [f for f in integrity.check_cached_balances(conn, ctx.store_id)
                        if f.subject.split("(")[-1].rstrip(")") in scope.customers])


def _replayed(ctx, monkeypatch) -> list[tuple[int, bool]]:
    """What the incremental check replays: (entries, from a state?) per replay."""
    seen: list[tuple[int, bool]] = []

    def counting(entries, start=None):
        entries = list(entries)
        seen.append((len(entries), start is not None))
        return projection.project(entries, start)

    monkeypatch.setattr(ledger, "project", counting)
    scope = _scope(ctx)
    with ctx.read() as conn:
        ledger.differences_since(conn, ctx.store_id, scope.customers, scope.marks)
    return seen


def _held(ctx, cid) -> int:
    with ctx.read() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM ledger_entries WHERE customer_id = :c"), {"c": cid}).scalar()


def _states(ctx, cid) -> list[tuple]:
    with ctx.read() as conn:
        return conn.execute(text("SELECT seq, posted_at, balance, open FROM check_states WHERE customer_id = :c "
                                 "ORDER BY seq"), {"c": cid}).all()


def test_each_seal_stores_the_states_of_the_customers_its_entries_touch(ctx, people):
    ravi = _states(ctx, people["ravi"].id)
    assert [r[0] for r in ravi] == [1, 2, 3, 4] and all(r[3] is not None for r in ravi)
    assert [r[2] for r in ravi] == [20000, 40001, 60003, 80006]   # what he owed at each day's end
    kiran = _states(ctx, people["kiran"].id)   # a return paid back in cash on the third day: states all along
    assert [r[0] for r in kiran] == [1, 2, 3, 4] and all(r[3] is not None for r in kiran)
    assert _both(ctx) == ([], [])
    assert integrity.run_incremental(ctx, seal=False).findings == []
    assert integrity.run_checks(ctx) == []


def test_the_touched_customers_are_replayed_from_their_states(ctx, people, monkeypatch):
    replayed = _replayed(ctx, monkeypatch)
    # Ravi, Asha, Meera (her void long before the state), Kiran (his return too), Dev: only the new day's
    # entries, from their states. Mohan (a void today): every entry, from nothing.
    assert sorted(n for n, from_state in replayed if from_state) == [2, 2, 2, 2, 2]
    assert [n for n, from_state in replayed if not from_state] == [_held(ctx, people["mohan"].id)]


def _owes_every_day(ctx, clock, c, days: int) -> None:
    """``days`` more days of trade for ``c``, each closed (sealed), then a sale today (unsealed)."""
    for day in range(days):
        sell(ctx, c.id, 20000 + day, pay=[("upi", 5000)], pending=True)
        if day % 7 == 6:
            collections.collect_dues(ctx, c.id, 1000, "cash")   # pays a little: never back to 0
        clock.set(clock.now() + timedelta(days=1))
        assert integrity.run_incremental(ctx, read_back_seconds=0).findings == []
    sell(ctx, c.id, 3000, pay=[("cash", 1000)], pending=True)


def _statements(ctx):
    """Every statement the engine's connections run (SQLAlchemy's and the driver's own), BEGIN and PRAGMA aside."""
    seen: list[str] = []

    def trace(sql: str) -> None:
        if not sql.lstrip().upper().startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT", "--", "SAVEPOINT",
                                                "RELEASE")):
            seen.append(sql)

    def on(dbapi, _record, _proxy) -> None:
        dbapi.set_trace_callback(trace)

    def off(dbapi, _record) -> None:
        dbapi.set_trace_callback(None)

    event.listen(ctx.engine, "checkout", on)
    event.listen(ctx.engine, "checkin", off)
    return seen, lambda: (event.remove(ctx.engine, "checkout", on), event.remove(ctx.engine, "checkin", off))


def _measure(ctx, monkeypatch) -> tuple[list, int]:
    """What the day close's check replays (``_replayed``) and how many statements it runs."""
    replayed = _replayed(ctx, monkeypatch)
    monkeypatch.undo()
    seen, stop = _statements(ctx)
    try:
        run = integrity.run_incremental(ctx, seal=False, read_back_seconds=0)
    finally:
        stop()
    assert run.findings == [] and run.customers == 1 and run.read_back == 1
    return replayed, len(seen)


def test_a_customer_who_never_reaches_zero_costs_the_same_after_5_or_50_sealed_days(ctx, clock, monkeypatch):
    c = customers.add_customer(ctx, "Always Owes", "9822100099")
    _owes_every_day(ctx, clock, c, 5)
    young = _measure(ctx, monkeypatch)
    clock.set(clock.now() + timedelta(days=1))
    _owes_every_day(ctx, clock, c, 45)
    old = _measure(ctx, monkeypatch)
    assert _held(ctx, c.id) > 50   # every day's entries are held ...
    assert young[0] == old[0] == [(2, True)]   # ... and only today's sale and payment are replayed, from the state
    assert young[1] == old[1]   # the check's statements do not grow with the book either


DAMAGE = [
    "UPDATE open_items SET open_amount = open_amount - 1 WHERE customer_id = '{ravi}'",
    "UPDATE customers SET balance = balance + 5 WHERE id = '{ravi}'",
    "DELETE FROM open_items WHERE customer_id = '{dev}'",
    "UPDATE allocations SET amount = amount - 1 WHERE rowid = (SELECT MAX(rowid) FROM allocations "
    "WHERE customer_id = '{ravi}')",
    # an open item for an entry settled before the state's point
    "INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, bill_id) "
    "SELECT id, store_id, customer_id, 'credit', 5, NULL, posted_at, NULL FROM ledger_entries "
    "WHERE customer_id = '{ravi}' AND amount < 0 AND id NOT IN (SELECT entry_id FROM open_items) LIMIT 1",
    # an open charge of the state's made smaller in the cache
    "UPDATE open_items SET open_amount = open_amount - 7 WHERE entry_id = (SELECT MIN(entry_id) FROM open_items "
    "WHERE customer_id = '{meera}')",
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_since_the_seal_is_found_as_the_whole_replay_finds_it(ctx, db_path, people, damage, monkeypatch):
    ids = {k: v.id for k, v in people.items()}
    _sql(db_path, damage.format(**ids), drop=("allocations_no_update",))
    since, whole = _both(ctx)
    assert since and since == whole
    assert _balances(ctx)[0] == _balances(ctx)[1]
    assert "projection" in {f.check for f in integrity.run_incremental(ctx, seal=False).findings}
    assert any(s for _n, s in _replayed(ctx, monkeypatch))   # the states were used


def test_a_new_row_reaching_before_the_states_point_replays_the_customer_whole(ctx, db_path, people,
                                                                              monkeypatch):
    """An allocation written after the seals between two of Ravi's sealed entries: the state cannot judge it,
    so Ravi is replayed from his first entry, and the extra ₹0.07 is reported as the whole replay does."""
    ravi = people["ravi"].id
    _sql(db_path, "INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, "
                  "created_at) SELECT 'ZZALLOCATION00000000000000', store_id, customer_id, cr.id, ch.id, 7, "
                  "'2026-11-05 12:00:00.000000' FROM (SELECT * FROM ledger_entries WHERE customer_id = "
                  f"'{ravi}' AND amount < 0 ORDER BY posted_at LIMIT 1) cr, (SELECT id FROM ledger_entries "
                  f"WHERE customer_id = '{ravi}' AND amount > 0 ORDER BY posted_at LIMIT 1) ch")
    since, whole = _both(ctx)
    assert [d.customer_id for d in since] == [d.customer_id for d in whole] == [ravi]
    assert since == whole
    assert (_held(ctx, ravi), False) in _replayed(ctx, monkeypatch)


def test_an_entry_written_today_but_posted_before_the_states_point_is_replayed_whole(ctx, clock, people,
                                                                                    monkeypatch):
    """A till whose clock was behind: Ravi's sale today is dated before his state. His state cannot be resumed
    (an entry lands before its point): the whole replay judges him, and finds the book sound; the next seal
    stores a state that holds the late sale."""
    ravi = people["ravi"].id
    now = clock.now()
    clock.set(now - timedelta(days=3))
    sell(ctx, ravi, 1234, pending=True)
    clock.set(now)
    assert (_held(ctx, ravi), False) in _replayed(ctx, monkeypatch)
    monkeypatch.undo()
    assert _both(ctx) == ([], []) and _balances(ctx) == ([], [])
    _sql(ctx.engine.url.database, f"UPDATE customers SET balance = balance - 1234 WHERE id = '{ravi}'")
    assert len(_balances(ctx)[0]) == 1 and _balances(ctx)[0] == _balances(ctx)[1]   # the late sale is counted
    _sql(ctx.engine.url.database, f"UPDATE customers SET balance = balance + 1234 WHERE id = '{ravi}'")
    _close_day(ctx, clock)
    assert _states(ctx, ravi)[-1][2] == 80006 + 2000 + 1234   # the late sale is in the new state
    assert integrity.run_checks(ctx) == []
    sell(ctx, ravi, 500, pending=True)
    assert _replayed(ctx, monkeypatch) != [] and (1, True) in _replayed(ctx, monkeypatch)
    monkeypatch.undo()
    assert _both(ctx) == ([], [])


def test_a_sealed_allocation_before_the_states_point_altered_is_found_by_its_seal_and_the_full_check(
        ctx, db_path, people):
    ravi = people["ravi"].id
    _sql(db_path, "UPDATE allocations SET amount = amount + 1 WHERE rowid = (SELECT MIN(rowid) FROM allocations "
                  f"WHERE customer_id = '{ravi}')", drop=("allocations_no_update",))
    run = integrity.run_incremental(ctx, seal=False, read_back_seconds=60)
    assert [f.subject for f in run.findings if f.check == "seal"] == ["sealed day 2026-11-01 (seal 1)"]
    assert {f.subject for f in integrity.run_checks(ctx) if f.check == "projection"} == {
        f"customer Ravi Kumar ({ravi})"}


TAMPER = {
    "edited": "UPDATE check_states SET balance = balance - 100 WHERE customer_id = '{ravi}' AND seq = 4",
    "open item edited": "UPDATE check_states SET open = replace(open, ',20000]', ',19000]') "
                        "WHERE customer_id = '{ravi}' AND seq = 2",
    "deleted": "DELETE FROM check_states WHERE customer_id = '{ravi}' AND seq = 4",
    # the same open items, written as other JSON text: the state's text is hashed as stored (``seals._STATES_TEXT``)
    "rewritten": "UPDATE check_states SET open = replace(open, ',', ', ') WHERE customer_id = '{ravi}' AND seq = 4",
    "forged": "INSERT INTO check_states(store_id, seq, customer_id, posted_at, entries_to, balance, open) "
              "SELECT store_id, 4, '{nobody}', posted_at, entries_to, 0, '[]' FROM check_states "
              "WHERE customer_id = '{ravi}' AND seq = 4",
}


@pytest.mark.parametrize("how", sorted(TAMPER))
def test_a_state_edited_deleted_or_forged_is_found_by_the_incremental_and_the_full_check(ctx, db_path, people, how):
    nobody = customers.add_customer(ctx, "Nobody", "9822100098")
    _sql(db_path, TAMPER[how].format(ravi=people["ravi"].id, nobody=nobody.id),
         drop=("check_states_no_update", "check_states_no_delete"))
    seq = 2 if how == "open item edited" else 4
    day = f"2026-11-0{seq}"
    run = integrity.run_incremental(ctx, seal=False, read_back_seconds=60)
    assert f"sealed day {day} (seal {seq})" in {f.subject for f in run.findings if f.check == "seal"}
    assert f"sealed day {day} (seal {seq})" in {f.subject for f in integrity.run_scheduled_full(ctx)
                                                if f.check == "seal"}
    if how not in ("deleted", "rewritten"):   # the full check's replay names the customer and the seal too
        state = {(f.subject, f.message.split(":")[0]) for f in integrity.run_checks(ctx) if f.check == "state"}
        who = people["ravi"] if how != "forged" else nobody
        assert state == {(f"customer {who.name} ({who.id})", f"the state stored with seal {seq}")}


def test_the_full_check_names_a_state_that_disagrees_with_the_replay(ctx, db_path, people):
    ravi = people["ravi"].id
    _sql(db_path, f"UPDATE check_states SET balance = 1 WHERE customer_id = '{ravi}' AND seq = 3",
         drop=("check_states_no_update",))
    found = [f for f in integrity.run_checks(ctx) if f.check == "state"]
    assert len(found) == 1 and found[0].subject == f"customer Ravi Kumar ({ravi})"
    assert "seal 3" in found[0].message and "balance 1 but the replay gives 60003" in found[0].message


def test_a_book_sealed_before_0022_is_upgraded_and_its_customers_get_states_at_the_next_seal(tmp_path, clock,
                                                                                               monkeypatch):
    """A book whose days were sealed at schema 0021 (no states): the upgrade adds the empty table and keeps the
    seals; each touched customer is checked as before (clean point or whole) until a seal covers an entry of
    it, which stores its first state; from then on it is replayed from its state."""
    from pathlib import Path

    from alembic import command
    from alembic.config import Config

    import possuite.db.engine as db_engine
    from possuite.db.engine import current_revision, make_engine, open_database
    from possuite.services.app import open_context
    from possuite.services.context import CLI_ACTOR
    from possuite.services.users import init_store

    path = tmp_path / "old.sqlite3"
    engine = open_database(path)
    init_store(engine, clock, store="Old Salon", pin="1234")
    ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
    ravi = customers.add_customer(ctx, "Ravi Kumar", "9822100001")
    with monkeypatch.context() as m:
        m.setattr(ledger, "MAKE_STATES", False)   # sealed as schema 0021 seals
        for day in range(3):
            sell(ctx, ravi.id, 25000 + day, pay=[("upi", 5000)], pending=True)
            _close_day(ctx, clock)
    engine.dispose()
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db_engine.__file__).parent / "migrations"))
    old = make_engine(path)
    with old.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0021")
        conn.commit()
    old.dispose()
    assert current_revision(path) == "0021"

    engine = open_database(path)   # the app opens it: upgraded through 0022 to the newest
    try:
        assert current_revision(path) == db_engine.SCHEMA_REVISION
        ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
        with ctx.read() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM check_seals")).scalar() == 3
            assert conn.execute(text("SELECT COUNT(*) FROM check_states")).scalar() == 0
        sell(ctx, ravi.id, 3000, pay=[("cash", 1000)], pending=True)
        assert _replayed(ctx, monkeypatch) == [(_held(ctx, ravi.id), False)]   # no state yet: every entry
        monkeypatch.undo()
        run = _close_day(ctx, clock)
        assert not run.full and run.findings == []
        assert [r[2] for r in _states(ctx, ravi.id)] == [20000 + 20001 + 20002 + 2000]
        sell(ctx, ravi.id, 4000, pay=[("cash", 1000)], pending=True)
        assert _replayed(ctx, monkeypatch) == [(2, True)]
        monkeypatch.undo()
        assert integrity.run_incremental(ctx, seal=False, read_back_seconds=60).findings == []
        assert integrity.run_scheduled_full(ctx) == []
    finally:
        engine.dispose()


def test_a_random_month_of_trade_checks_alike_from_the_states_and_from_the_first_entries(ctx, clock, monkeypatch):
    """Sales part paid or not, collections, voids, returns to the account and in cash, sales dated days back
    (a till whose clock was behind), over 20 days closed one by one: every day close finds the book sound,
    the tails' replay from the states agrees with the whole replay every day, and the full check finds every
    stored state equal to the replay at its point."""
    import random

    from possuite.domain.errors import Conflict, ValidationError

    rng = random.Random(15)
    people = [customers.add_customer(ctx, f"Customer {i}", f"98221001{i:02d}") for i in range(8)]
    bills: list = []
    from_state = 0
    for _day in range(20):
        for _ in range(rng.randint(3, 9)):
            c = rng.choice(people)
            op = rng.random()
            try:
                if op < 0.5:
                    amount = rng.randint(10, 400) * 100
                    pay = rng.choice([[], [("cash", amount // 2)], [("upi", amount // 4)], [("card", amount)]])
                    bills.append(sell(ctx, c.id, amount, pay=pay, pending=True, no_payment=not pay))
                elif op < 0.7:
                    collections.collect_dues(ctx, c.id, rng.randint(1, 300) * 100, "cash")
                elif op < 0.78 and bills:
                    collections.void_bill(ctx, rng.choice(bills).number, "rang up twice")
                elif op < 0.86 and bills:
                    b = rng.choice(bills)
                    with ctx.read() as conn:
                        line_id = conn.execute(text("SELECT id FROM bill_lines WHERE bill_id = :b"),
                                               {"b": b.bill_id}).scalar_one()
                    create_return(ctx, b.number, {line_id: 1000}, rng.choice(["cash", "account"]), "did not suit")
                else:   # a till whose clock is behind: dated a day or two back
                    now = clock.now()
                    clock.set(now - timedelta(days=rng.randint(1, 2), hours=rng.randint(0, 5)))
                    sell(ctx, c.id, rng.randint(10, 200) * 100, pay=[("cash", 500)], pending=True)
                    clock.set(now)
            except (ValidationError, Conflict):
                pass   # nothing owed, a void bill, returned already...: the till refused it, as it would
        since, whole = _both(ctx) if _day else ([], [])
        assert since == whole == []
        if _day:
            from_state += sum(1 for _n, s in _replayed(ctx, monkeypatch) if s)
            monkeypatch.undo()
        _close_day(ctx, clock)
    assert from_state > 20   # the states were used, day after day
    assert integrity.run_checks(ctx) == []
    assert integrity.run_scheduled_full(ctx) == []


def test_a_sealed_entry_before_the_states_point_altered_is_found_by_its_seal_and_the_full_check(ctx, db_path,
                                                                                              people):
    """The state's balance stands for the sealed entries before its point: an entry's amount edited underneath
    is found by its seal's read-back (as every sealed row), and the full check names Ravi's balance, his
    projection and the states that no longer equal the replay."""
    ravi = people["ravi"].id
    _sql(db_path, "UPDATE ledger_entries SET amount = amount + 100 WHERE rowid = (SELECT MIN(rowid) FROM "
                  f"ledger_entries WHERE customer_id = '{ravi}')", drop=("ledger_entries_no_update",))
    run = integrity.run_incremental(ctx, seal=False, read_back_seconds=60)
    assert "sealed day 2026-11-01 (seal 1)" in {f.subject for f in run.findings if f.check == "seal"}
    found = {(f.check, f.subject) for f in integrity.run_checks(ctx)}
    assert {("balance", f"customer Ravi Kumar ({ravi})"), ("projection", f"customer Ravi Kumar ({ravi})"),
            ("state", f"customer Ravi Kumar ({ravi})")} <= found


@pytest.mark.parametrize("index", [True, False])
def test_a_credit_note_against_a_void_bill_is_found_from_the_void_bills(ctx, db_path, index):
    """Invariant 11 asked from the void bills (``ix_bills_void``, 0022), and as before on a book without it."""
    c = customers.add_customer(ctx, "Asha", "9822100011")
    bill = sell(ctx, c.id, 9000, pay=[("cash", 9000)])
    sell(ctx, c.id, 5000, pay=[("cash", 5000)])
    with ctx.read() as conn:
        line_id = conn.execute(text("SELECT id FROM bill_lines WHERE bill_id = :b"), {"b": bill.bill_id}).scalar_one()
    create_return(ctx, bill.number, {line_id: 1000}, "cash", "did not suit")
    _sql(db_path, f"UPDATE bills SET voided_at = posted_at WHERE id = '{bill.bill_id}'")
    if not index:
        con = sqlite3.connect(db_path)
        con.execute("DROP INDEX ix_bills_void")
        con.commit()
        con.close()
    found = [f for f in integrity.run_checks(ctx) if f.check == "returns"]
    assert [f.subject for f in found] == [f"bill {bill.number}"] and "is void, yet 1 credit note" in found[0].message


def test_every_touched_customers_balance_is_summed_as_the_balance_check_sums_it(ctx, db_path, people):
    """Invariant 1 in the incremental run comes from what the replay read (``integrity._ledger_since``): the same
    findings as the balance check's own sums, for every way a customer is replayed (state, a void today (whole))."""
    assert_incremental_balances_as_the_check_sums_them(ctx, db_path, people)


def test_a_states_point_moved_back_underneath_reads_its_customers_tail_through_the_index(ctx, db_path, people):
    """A state's tail is its customer's entries written since the seals only while the index holds no other entry
    posted after the state's point (``ledger._HELD_AFTER``). Ravi's latest state moved back a day (the guards
    dropped): his sealed entries of that day now lie after the point, so his tail is read through the index and
    replayed on top of the state, and the difference is found, as the replay from the index always found it; the
    seal's read-back finds the state edited."""
    ravi = people["ravi"].id
    _sql(db_path, "UPDATE check_states SET posted_at = (SELECT posted_at FROM check_states s WHERE s.seq = 3 AND "
                  f"s.customer_id = '{ravi}') WHERE customer_id = '{ravi}' AND seq = 4",
         drop=("check_states_no_update",))
    since, whole = _both(ctx)
    assert [d.customer_id for d in since] == [ravi] and whole == []
    run = integrity.run_incremental(ctx, seal=False, read_back_seconds=60)
    assert "sealed day 2026-11-04 (seal 4)" in {f.subject for f in run.findings if f.check == "seal"}
    assert f"customer Ravi Kumar ({ravi})" in {f.subject for f in run.findings if f.check == "projection"}


def test_an_entry_written_today_at_the_states_very_time_resumes_the_state_when_it_sorts_after_it(ctx, clock, db_path,
                                                                                                people, monkeypatch):
    """The rule's order is (posting time, id): a sale posted at the very time of Ravi's state (a clock that did not
    move, as the bench's fixed clock) but written after it, so with a greater id, comes after every entry the state
    holds: Ravi resumes from his state over it (and the new day's sale), and is judged as the whole replay judges
    him. An entry at that time with a smaller id (another till's, pulled late) does not: he is replayed whole."""
    ravi = people["ravi"].id
    now = clock.now()
    clock.set(now - timedelta(days=1))   # the fourth day's time: Ravi's state's point
    sell(ctx, ravi, 777, pending=True)
    clock.set(now)
    assert _states(ctx, ravi)[-1][1] == (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
    assert (3, True) in _replayed(ctx, monkeypatch)   # the new day's sale and payment, the sale at the point
    monkeypatch.undo()
    assert _both(ctx) == ([], []) and _balances(ctx) == ([], [])
    assert integrity.run_incremental(ctx, seal=False).findings == []
    _sql(db_path, f"UPDATE customers SET balance = balance + 3 WHERE id = '{ravi}'")
    since, whole = _both(ctx)
    assert [d.customer_id for d in since] == [ravi] and since == whole
    assert len(_balances(ctx)[0]) == 1 and _balances(ctx)[0] == _balances(ctx)[1]
    _sql(db_path, f"UPDATE customers SET balance = balance - 3 WHERE id = '{ravi}'")
    # An entry at the point with an id below the state's own entries there: the state cannot be resumed.
    _sql(db_path, "INSERT INTO ledger_entries(id, store_id, customer_id, kind, amount, bill_id, payment_id, "
                  "adjustment_id, document, posted_at, due_date, user_name, authorised_by, note) SELECT "
                  "'00000000000000000000000001', store_id, customer_id, 'adjustment', 0, NULL, NULL, NULL, '', "
                  f"posted_at, NULL, '', NULL, '' FROM ledger_entries WHERE customer_id = '{ravi}' "
                  "ORDER BY posted_at DESC LIMIT 1 OFFSET 4")
    assert (_held(ctx, ravi), False) in _replayed(ctx, monkeypatch)
    monkeypatch.undo()
    assert _both(ctx) == ([], [])
