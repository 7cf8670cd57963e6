"""Sealed days and the incremental check (docs/architecture.md §3.5): each completed day's rows are
sealed, the incremental check proves the new rows and the seals' chain, and a sealed day changed
underneath (the guards dropped, a row edited with sqlite3) is reported."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import text

from possuite.services import collections, customers, integrity, seals
from testkit import edit_behind_the_app as _sql
from testkit import sell


def _day(ctx, clock, n: int, asha, ravi) -> None:
    """One day's trading: two sales (one part paid), a collection."""
    sell(ctx, asha.id, 40000 + n, pay=[("cash", 10000)], pending=True)
    sell(ctx, ravi.id, 25000 + n, pay=[("upi", 25000 + n)])
    sell(ctx, None, 5000 + n, pay=[("cash", 5000 + n)])
    collections.collect_dues(ctx, asha.id, 5000, "cash")
    clock.set(clock.now() + timedelta(days=1))


@pytest.fixture
def sealed(ctx, clock):
    """Three days traded and sealed (the first incremental run checks the whole book and seals them)."""
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    ravi = customers.add_customer(ctx, "Ravi Kumar", "9822000002")
    for n in range(3):
        _day(ctx, clock, n, asha, ravi)
    first = _incremental(ctx)
    assert first.findings == [] and first.full and len(first.sealed) == 3
    return asha, ravi


def _first_bill(db_path) -> str:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT id FROM bills ORDER BY rowid LIMIT 1").fetchone()[0]
    finally:
        con.close()


def _incremental(ctx, **kw):
    """The day close's check with a read-back budget no machine misses: which sealed days one run reads back
    depends on the clock (``READ_BACK_SECONDS``, 50 ms), and these tests look at given days. The budget's own
    rule is tested with ``read_back_seconds=0`` below."""
    return integrity.run_incremental(ctx, **{"read_back_seconds": 60.0, **kw})


def _seal_findings(ctx) -> list[str]:
    return [f.subject for f in _incremental(ctx, seal=False).findings if f.check == "seal"]


def test_the_first_run_checks_the_whole_book_and_seals_each_completed_day(ctx, clock, sealed):
    with ctx.read() as conn:
        chain = seals.seals(conn, ctx.store_id)
    assert [s.day.isoformat() for s in chain] == ["2026-11-01", "2026-11-02", "2026-11-03"]
    assert [s.rows["bills"] for s in chain] == [3, 3, 3]
    assert chain[0].prev_hash == seals.GENESIS and chain[1].prev_hash == chain[0].hash
    again = _incremental(ctx)   # the same day: nothing new to check or seal
    assert again.findings == [] and not again.full and again.sealed == [] and again.customers == 0
    assert again.read_back == 3   # all three sealed days read back within the budget
    assert integrity.run_checks(ctx) == []


def test_the_next_day_is_checked_for_what_it_touched_and_sealed_once_over(ctx, clock, sealed):
    asha, ravi = sealed
    _day(ctx, clock, 3, asha, ravi)
    run = _incremental(ctx)
    assert run.findings == [] and not run.full
    assert (run.customers, run.bills) == (2, 3)
    assert [d.isoformat() for d in run.sealed] == ["2026-11-04"] and run.seals == 4


def test_a_sealed_bill_edited_underneath_is_reported_by_the_incremental_and_the_scheduled_check(ctx, db_path, sealed):
    _sql(db_path, "UPDATE bills SET note = 'x', tendered = tendered + 100 WHERE rowid = "
                  "(SELECT MIN(rowid) FROM bills)")
    assert _seal_findings(ctx) == ["sealed day 2026-11-01 (seal 1)"]
    found = integrity.run_scheduled_full(ctx)
    assert [f.subject for f in found if f.check == "seal"] == ["sealed day 2026-11-01 (seal 1)"]
    # The bill's hash in the till's chain (§3.6) names the row itself.
    assert [f.subject.split(" (")[0] for f in found if f.check == "chain"] == [f"bills {_first_bill(db_path)}"]
    # The plain full check reads no sealed day back (the seals' chain is intact); the rows' chain names the bill.
    assert [f.check for f in integrity.run_checks(ctx)] == ["chain"]


def test_a_sealed_entry_edited_with_the_guards_dropped_and_put_back_is_reported(ctx, db_path, sealed):
    # The amount is unchanged (every total still adds up): only the SHA-256 over the rows can tell.
    _sql(db_path, "UPDATE ledger_entries SET note = 'edited' WHERE rowid = (SELECT MAX(rowid) FROM ledger_entries "
                  "WHERE substr(posted_at, 1, 10) = '2026-11-02')", drop=("ledger_entries_no_update",))
    found = _incremental(ctx, seal=False).findings
    assert [(f.check, f.subject) for f in found] == [("seal", "sealed day 2026-11-02 (seal 2)")]
    assert "SHA-256" in found[0].message


def test_a_sealed_allocation_removed_is_reported_with_the_counts(ctx, db_path, sealed):
    _sql(db_path, "DELETE FROM allocations WHERE rowid = (SELECT MAX(rowid) FROM allocations "
                  "WHERE substr(created_at, 1, 10) = '2026-11-03')", drop=("allocations_no_delete",))
    found = {f.subject: f.message for f in _incremental(ctx, seal=False).findings if f.check == "seal"}
    assert "allocations:" in found["sealed day 2026-11-03 (seal 3)"]
    assert "sealed, now" in found["sealed day 2026-11-03 (seal 3)"]
    # It was the newest allocation: the table now ends below the seals' mark, which the chain notices too.
    assert "allocations: the rows end at" in found["seal 3 (2026-11-03)"]


def test_a_seal_altered_or_removed_breaks_the_chain(ctx, db_path, sealed):
    _sql(db_path, "UPDATE check_seals SET bills_total = bills_total + 1 WHERE seq = 2")
    assert "seal 2 (2026-11-02)" in _seal_findings(ctx)
    _sql(db_path, "UPDATE check_seals SET bills_total = bills_total - 1 WHERE seq = 2", "DELETE FROM check_seals "
                                                                                       "WHERE seq = 2")
    messages = [f.message for f in _incremental(ctx, seal=False).findings]
    assert any("missing" in m for m in messages) and any("chain is broken" in m for m in messages)


def _turns(ctx, clock, runs: int) -> list[list[str]]:
    """``runs`` day-close checks a minute apart, each reading one sealed day back (``read_back_seconds=0``): the
    subjects of the seal findings of each."""
    out = []
    for _ in range(runs):
        clock.set(clock.now() + timedelta(minutes=1))   # each read-back is noted at its own time
        out.append([f.subject for f in integrity.run_incremental(ctx, read_back_seconds=0).findings
                    if f.check == "seal"])
    return out


def test_an_older_seal_altered_under_its_hash_is_found_when_its_turn_comes_and_by_the_full_check(ctx, clock,
                                                                                                db_path, sealed):
    """The incremental check proves the chain's links over every seal each run, and recomputes an older seal's own
    hash when it reads that seal back, in turn (docs/architecture.md §3.5); the full check hashes every seal."""
    _sql(db_path, "UPDATE check_seals SET bills_total = bills_total + 1 WHERE seq = 2")
    assert "seal 2 (2026-11-02)" in {f.subject for f in integrity.run_checks(ctx)}
    first, second, third = _turns(ctx, clock, 3)
    assert first == []                                                    # seal 1's turn
    assert second == ["seal 2 (2026-11-02)", "sealed day 2026-11-02 (seal 2)"]   # its own: hash and rows
    assert third == second   # a seal found altered is not noted as read: it is read back again at the next run


def test_a_seals_hash_altered_deleted_or_the_last_seal_altered_is_found_by_the_next_run(ctx, clock, db_path, sealed):
    _sql(db_path, "UPDATE check_seals SET hash = '" + "ab" * 32 + "' WHERE seq = 2")
    assert "seal 3 (2026-11-03)" in _turns(ctx, clock, 1)[0]   # seal 3 no longer follows it: at once
    _sql(db_path, "UPDATE check_seals SET hash = (SELECT prev_hash FROM check_seals WHERE seq = 3) WHERE seq = 2")
    assert _turns(ctx, clock, 3) == [[], [], []]
    _sql(db_path, "UPDATE check_seals SET bills_to = bills_to + 1 WHERE seq = 3")   # the marks the run stands on
    assert "seal 3 (2026-11-03)" in _turns(ctx, clock, 1)[0]
    _sql(db_path, "UPDATE check_seals SET bills_to = bills_to - 1 WHERE seq = 3", "DELETE FROM check_seals "
                                                                                  "WHERE seq = 2")
    messages = [f.message for f in integrity.run_incremental(ctx, seal=False, read_back_seconds=0).findings]
    assert any("missing" in m for m in messages) and any("chain is broken" in m for m in messages)


LINK_DAMAGE = ["UPDATE check_seals SET prev_hash = hash WHERE seq = 2",
               "UPDATE check_seals SET seq = 7 WHERE seq = 3",
               "UPDATE check_seals SET day = '2026-10-01' WHERE seq = 3",
               "UPDATE check_seals SET entries_to = 0 WHERE seq = 3",
               "UPDATE check_seals SET payments_rows = payments_rows + 1 WHERE seq = 3",
               "UPDATE check_seals SET hash = prev_hash WHERE seq = 1"]


@pytest.mark.parametrize("damage", LINK_DAMAGE)
def test_the_incremental_chain_check_finds_what_the_full_one_finds_but_older_seals_own_hashes(ctx, db_path, sealed,
                                                                                             damage):
    """``seals.link_problems`` (every link in SQL, the last seal's own hash) against ``seals.chain_problems`` (every
    seal hashed): the same problems, in the same order, but an older seal's own hash, which its read-back recomputes
    in turn (the test above)."""
    _sql(db_path, damage)
    altered = "its figures do not match its hash (the seal was altered)"
    with ctx.read() as conn:
        chain = seals.seals(conn, ctx.store_id)
        last = f"seal {chain[-1].seq} ({chain[-1].day.isoformat()})"
        full = seals.chain_problems(conn, ctx.store_id, chain)
        since = seals.link_problems(conn, ctx.store_id)
    assert full
    assert since == [(subject, m) for subject, m in full if m != altered or subject == last]


def test_damage_since_the_last_seal_is_found_by_the_incremental_check(ctx, db_path, clock, sealed):
    asha, ravi = sealed
    _day(ctx, clock, 3, asha, ravi)
    _sql(db_path, "UPDATE bills SET total = total + 1 WHERE rowid = (SELECT MAX(rowid) FROM bills)",
         "UPDATE customers SET balance = balance + 7 WHERE name = 'Asha Rao'")
    run = _incremental(ctx)
    checks = {f.check for f in run.findings}
    assert {"bill total", "balance", "projection", "open items vs balance"} <= checks
    assert run.sealed == []   # nothing is sealed over a finding


def test_a_gap_in_the_numbers_since_the_last_seal_is_found(ctx, db_path, clock, sealed):
    asha, ravi = sealed
    _day(ctx, clock, 3, asha, ravi)
    _sql(db_path, "UPDATE bills SET seq = seq + 1, number = 'SAL-26-0099' WHERE rowid = (SELECT MAX(rowid) FROM bills)")
    assert "numbering" in {f.check for f in _incremental(ctx, seal=False).findings}


def test_a_row_dated_a_sealed_day_that_arrives_later_goes_into_the_next_seal(ctx, clock, sealed):
    asha, _ravi = sealed
    now = clock.now()
    clock.set(now - timedelta(days=2))   # a till whose clock is behind (or a pull): dated a sealed day
    sell(ctx, asha.id, 1234, pending=True)
    clock.set(now)
    run = _incremental(ctx)
    assert run.findings == [] and run.customers == 1 and run.sealed == []   # today is not over
    clock.set(now + timedelta(days=1))
    run = _incremental(ctx)
    assert run.findings == [] and [d.isoformat() for d in run.sealed] == ["2026-11-04"]
    with ctx.read() as conn:
        assert seals.seals(conn, ctx.store_id)[-1].rows["bills"] == 1   # the late bill, in the next seal
    assert integrity.run_checks(ctx) == []


def test_older_sealed_days_are_read_back_in_turn(ctx, db_path, clock, sealed):
    reads = [integrity.run_incremental(ctx, read_back_seconds=0).read_back for _ in range(3)]
    assert reads == [1, 1, 1]   # the newest, always
    with ctx.read() as conn:
        verified = conn.execute(text("SELECT seq, verified_at FROM check_seals ORDER BY seq")).all()
    assert all(v is not None for _seq, v in verified)
    # A change in the oldest day is found by the run whose turn reads it back (the newest is always read).
    _sql(db_path, "UPDATE bills SET tax = tax WHERE rowid = 1")   # no change
    assert _seal_findings(ctx) == []


def test_an_untouched_customers_cache_edited_underneath_is_left_to_the_full_check(ctx, db_path, clock, sealed):
    """The boundary of docs/architecture.md §3.5: the incremental check looks at what new rows touch."""
    asha, ravi = sealed
    sell(ctx, asha.id, 1000, pay=[("cash", 1000)])   # Asha is touched today, Ravi is not
    _sql(db_path, "UPDATE customers SET balance = balance + 5 WHERE name = 'Ravi Kumar'")
    run = _incremental(ctx, seal=False)
    assert run.findings == [] and run.customers == 1
    assert {f.check for f in integrity.run_checks(ctx)} >= {"balance", "projection"}


def test_entry_times_stored_in_another_iso_form_replay_alike_in_the_incremental_check(ctx, db_path, clock, sealed):
    asha, ravi = sealed
    _day(ctx, clock, 3, asha, ravi)
    _sql(db_path, "UPDATE ledger_entries SET posted_at = replace(substr(posted_at, 1, 19), ' ', 'T') "
                  "WHERE rowid = (SELECT MAX(rowid) FROM ledger_entries)", drop=("ledger_entries_no_update",))
    found = _incremental(ctx, seal=False).findings
    # The replay reads the row alike; the till's chain (§3.6) sees that its stored text was rewritten.
    assert [f.check for f in found] == ["chain"]


def test_rows_of_a_sealed_day_arriving_today_wait_for_the_next_completed_day(ctx, clock, sealed):
    asha, _ravi = sealed
    now = clock.now()   # 2026-11-04: the three days before are sealed
    clock.set(now - timedelta(days=1))
    sell(ctx, asha.id, 999, pending=True)   # dated 2026-11-03 (sealed), written today
    clock.set(now)
    assert _incremental(ctx).sealed == []   # no seal for a day that is not over
    clock.set(now + timedelta(days=1))
    assert [d.isoformat() for d in _incremental(ctx).sealed] == ["2026-11-04"]


def test_a_sale_that_arrives_during_the_scheduled_full_check_is_left_for_the_next_seal(ctx, clock, sealed,
                                                                                      monkeypatch):
    """The scheduled full check reads its parts in snapshots of their own and seals afterwards: a bill of a
    completed day that commits while it runs (a late sale, another till's pulled in by the sync) was not
    checked by it, so no seal may cover it; the next check proves it and seals it."""
    asha, ravi = sealed
    _day(ctx, clock, 3, asha, ravi)              # day 4 traded; the clock is now on day 5
    real = integrity.run_checks

    def checks_while_a_sale_commits(c):
        found = real(c)
        today = clock.now()
        clock.set(today - timedelta(days=1))     # a sale dated day 4 arrives while the check runs
        sell(c, ravi.id, 777, pay=[("cash", 777)])
        clock.set(today)
        return found

    monkeypatch.setattr(integrity, "run_checks", checks_while_a_sale_commits)
    assert integrity.run_scheduled_full(ctx) == []
    with ctx.read() as conn:
        late = conn.execute(text("SELECT max(rowid) FROM bills")).scalar_one()
        chain = seals.seals(conn, ctx.store_id)
    assert chain[-1].day.isoformat() == "2026-11-03" and chain[-1].marks["bills"] < late   # day 4 waits
    monkeypatch.setattr(integrity, "run_checks", real)
    run = _incremental(ctx)                      # the next check proves the late sale and seals day 4 with it
    assert run.findings == [] and [d.isoformat() for d in run.sealed] == ["2026-11-04"]
    with ctx.read() as conn:
        assert seals.seals(conn, ctx.store_id)[-1].marks["bills"] == late


def _exact_figures(con, store_id: str, key: str, after: int, upto: int) -> seals.Figures:
    """A table's figures the ``||`` way (``SealedTable.row_text``), as every seal was made before ``printf``."""
    return seals.Figures(*con.execute(seals._FIGURES_EXACT[key], {"a": after, "b": upto, "s": store_id}).fetchone())


@pytest.mark.parametrize("key", seals.KEYS)
def test_a_days_figures_are_the_row_texts_whatever_a_column_holds_a_nul_byte_included(ctx, db_path, sealed, key):
    """The figures (count, total, the rows' text the SHA-256 covers) built by ``printf`` are ``row_text``'s: for
    every sealed day, with a later column set (``cess``), and with a NUL byte written into a column (``printf``'s
    text stops there; the read-back takes the ``||`` text, so the edit is reported)."""
    table = next(t for t in seals.TABLES if t.key == key)
    con = sqlite3.connect(db_path)
    guards = [r for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                                     f"tbl_name = '{table.table}'")]
    for name, _sql_text in guards:
        con.execute(f"DROP TRIGGER {name}")

    def every_day() -> None:
        with ctx.read() as conn:
            chain = seals.seals(conn, ctx.store_id)
            before = dict.fromkeys(seals.KEYS, 0)
            for s in chain:
                got = seals.figures(conn, ctx.store_id, key, before[key], s.marks[key])
                assert got == _exact_figures(con, ctx.store_id, key, before[key], s.marks[key])
                assert got.rows == s.rows[key]
                before = s.marks

    every_day()
    rowid = con.execute(f"SELECT min(rowid) FROM {table.table}").fetchone()[0]
    if table.later:
        con.execute(f"UPDATE {table.table} SET {table.later[-1]} = 7 WHERE rowid = ?", (rowid,))
        con.commit()
        every_day()
    text_column = next(c for c in table.columns if c not in ("id",) and con.execute(
        f"SELECT typeof({c}) FROM {table.table} WHERE rowid = ?", (rowid,)).fetchone()[0] == "text")
    # Appended after a NUL: printf's text of the row is the one sealed; only the bytes' count tells them apart.
    con.execute(f"UPDATE {table.table} SET {text_column} = {text_column} || char(0) || 'x' WHERE rowid = ?", (rowid,))
    con.commit()
    every_day()
    for _name, sql_text in guards:
        con.execute(sql_text)
    con.commit()
    con.close()
    assert "sealed day 2026-11-01 (seal 1)" in _seal_findings(ctx)
