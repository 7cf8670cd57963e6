"""Bills and payments a till pushed before its book's 0011 reach their shifts on the hub (book 0020, hub h0013).

A till before 0011 pushed its bills and payments without the shift they joined, so the back office's day
report counted 0 bills in those shifts. Upgraded, the book queues each row's shift link once and the push
fills the hub's NULL ``shift_id``: the hub's shifts then show the till's own figures, the chain check stays
clean and the other till pulls nothing again. The hub lets a till fill a NULL shift of its own row with one
of its own shifts, once, and nothing else (docs/architecture.md §7).
"""

from __future__ import annotations

import json

import pytest
from hubkit import open_book, pg, possuite, two_tills
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from possuite.hub import outbox, push
from possuite.hub.backoffice import open_backoffice
from possuite.hub.checks import run_checks as hub_checks
from possuite.hub.connect import hub_engine, with_saved_password
from possuite.hub.sync import sync
from possuite.services.collections import collect_dues, void_bill
from possuite.services.customers import add_customer
from possuite.services.shifts import close_shift, move_cash, open_shift
from testkit import sell

pytestmark = pytest.mark.hub

DAY = "2026-11-01"
#: What book 0011 started to queue: a till before it never sent these.
NEW_IN_0011 = {"credit_notes", "credit_note_lines", "shifts", "shift_cash_moves"}


@pytest.fixture
def tills(pg_server, hub_db, tmp_path, config_dir):
    return two_tills(pg_server, hub_db, tmp_path, config_dir)


def till_login(ctx, config_dir):
    with ctx.read() as conn:
        url = conn.execute(text("SELECT hub_url FROM sync_till")).scalar()
    return hub_engine(with_saved_password(config_dir, url))


def push_as_before_0011(ctx, config_dir) -> None:
    """What a till whose book was before 0011 sent: ``push.push``'s loop with that revision's rows (bills and
    payments without ``shift_id``; no shifts, cash moves or credit notes), on the till's own login."""
    with ctx.read() as conn:
        ident = outbox.identity(conn)
    engine = till_login(ctx, config_dir)
    try:
        while True:
            with ctx.read() as conn:
                batch = outbox.read_batch(conn, ident.id, push.BATCH_SIZE)
            if batch is None:
                break
            rows = {name: [{k: v for k, v in r.items() if k != "shift_id"} for r in found]
                    for name, found in batch.rows.items() if name not in NEW_IN_0011}
            with engine.begin() as hub:
                push.apply_batch(hub, outbox.Batch(batch.last_seq, rows))
            with ctx.write() as conn:
                outbox.mark_pushed(conn, batch.last_seq, ctx.clock.now())
    finally:
        engine.dispose()


def upgrade_from_before_0011(ctx, path):
    """The book as a till before 0011 held it (its schema at 0015, the revision before 0011), opened by this
    possuite: opening upgrades it (0011 queues the shifts, 0020 the shift links)."""
    from alembic import command

    from possuite.db.engine import _script_config

    cfg = _script_config()
    with ctx.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0015")
        conn.commit()
    ctx.engine.dispose()
    return open_book(path)


def shifts_in_day_report(db: str, config_dir) -> list[dict]:
    done = possuite(["--db", db, "report", "day", "--date", DAY, "--json"], config_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["shifts"]


FIGURES = ("number", "opening_float", "bills", "sales_total", "expected_cash", "counted_cash", "variance",
           "card", "upi")


def figures(shifts: list[dict]) -> list[tuple]:
    return [tuple(s[k] for k in FIGURES) for s in shifts]


def a_day_in_two_shifts(a):
    """Till A's day: shift 1 (two bills, one voided later, a collection, a cash move, closed), a bill sold
    between shifts (in none), shift 2 (a pending bill part paid, a UPI bill; left open)."""
    ravi = add_customer(a, "Ravi", "9876543210")
    asha = add_customer(a, "Asha", "9822000001")
    open_shift(a, 100000)
    sell(a, ravi.id, 30000, pay=[("cash", 30000)])
    keyed_twice = sell(a, asha.id, 12000, pay=[("cash", 12000)])
    sell(a, asha.id, 40000, pay=[("cash", 10000)], pending=True)
    collect_dues(a, asha.id, 5000, "upi")
    move_cash(a, "out", 2000, "tea")
    close_shift(a, counted=148000)
    outside = sell(a, ravi.id, 7000, pay=[("card", 7000)])   # no shift open: joins none, anywhere
    open_shift(a, 50000)
    sell(a, ravi.id, 25000, pay=[("upi", 25000)])
    sell(a, asha.id, 9000, pay=[("cash", 9000)])
    void_bill(a, keyed_twice.number, "keyed twice")   # a void in shift 2 of a bill of shift 1
    return outside


def test_bills_pushed_before_0011_join_their_shifts_on_the_hub_after_the_upgrade(tills, config_dir, tmp_path):
    from alembic import command

    from possuite.hub.schema import _alembic_config, init_hub

    hub, a, b = tills
    outside = a_day_in_two_shifts(a)
    with a.read() as conn:
        at_till = conn.execute(text("SELECT id, shift_id FROM bills WHERE shift_id IS NOT NULL "
                                    "UNION ALL SELECT id, shift_id FROM payments WHERE shift_id IS NOT NULL")).all()
        counts = dict(conn.execute(text(
            "SELECT 'bill_shifts', count(*) FROM bills WHERE shift_id IS NOT NULL UNION ALL "
            "SELECT 'payment_shifts', count(*) FROM payments WHERE shift_id IS NOT NULL")).all())
    own = shifts_in_day_report(str(tmp_path / "a.sqlite3"), config_dir)
    assert [s["bills"] for s in own] == [3, 2] and counts["bill_shifts"] == 5
    push_as_before_0011(a, config_dir)
    sync(b, config_dir)   # B pulls A's bills as they were
    assert [s["bills"] for s in shifts_in_day_report(hub["owner"], config_dir)] == []   # not even the shifts yet
    a = upgrade_from_before_0011(a, tmp_path / "a.sqlite3")
    with a.read() as conn:
        links = dict(conn.execute(text("SELECT tbl, count(*) FROM sync_outbox WHERE tbl LIKE '%_shifts' "
                                       "GROUP BY tbl")).all())
    engine = pg(hub["admin"])
    with engine.connect() as conn:   # the hub an older possuite made: the shift links are refused, kept queued
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "h0011")
        conn.commit()
    engine.dispose()
    refused = sync(a, config_dir)
    assert refused.rejected and refused.waiting == sum(counts.values()) + 3   # + what 0011 queued: 2 shifts, 1 move
    assert [s["bills"] for s in shifts_in_day_report(hub["owner"], config_dir)] == []
    assert init_hub(hub["admin"]).upgraded_from == "h0011"   # the owner upgrades the hub: hub init
    report = sync(a, config_dir)
    assert report.waiting == 0 and report.rejected is None
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        on_hub = conn.execute(text("SELECT id, shift_id FROM bills WHERE shift_id IS NOT NULL "
                                   "UNION ALL SELECT id, shift_id FROM payments WHERE shift_id IS NOT NULL")).all()
        unlinked = conn.execute(text("SELECT shift_id FROM bills WHERE id = :b"), {"b": outside.bill_id}).scalar()
    engine.dispose()
    assert sorted(on_hub) == sorted(at_till) and unlinked is None   # each in exactly the shift it was sold in
    assert figures(shifts_in_day_report(hub["owner"], config_dir)) == figures(own)
    assert links == counts   # every row that joined a shift sent its link once
    # The chain (bills and payments are in it) and every other check: clean on the hub; B pulls nothing again.
    bo = open_backoffice(hub["owner"], config_dir=config_dir)
    try:
        assert [f"{f.check}: {f.subject}: {f.message}" for f in hub_checks(bo)] == []
    finally:
        bo.engine.dispose()
    assert possuite(["--db", hub["owner"], "check"], config_dir).returncode == 0
    assert sync(b, config_dir).pulled == 0
    assert sync(a, config_dir).pushed == 0   # the links went once


def _refused(engine, sql: str, params: dict) -> str:
    with pytest.raises(DBAPIError) as info, engine.begin() as conn:
        conn.execute(text(sql), params)
    return str(info.value.orig)


def test_a_till_may_fill_only_a_null_shift_of_its_own_rows_with_its_own_shift(tills, config_dir):
    hub, a, b = tills
    ravi = add_customer(a, "Ravi", "9876543210")
    open_shift(a, 100000)
    in_shift = sell(a, ravi.id, 30000, pay=[("cash", 30000)])
    close_shift(a, counted=130000)
    own_none = sell(a, ravi.id, 7000, pay=[("cash", 7000)])   # sold outside any shift: NULL on the hub
    sync(a, config_dir)
    sync(b, config_dir)
    b_none = sell(b, ravi.id, 5000, pay=[("cash", 5000)])   # B's, outside any shift
    open_shift(b, 10000)
    b_in = sell(b, ravi.id, 6000, pay=[("cash", 6000)])      # B's, in B's shift
    sync(b, config_dir)
    admin = pg(hub["admin"])
    with admin.connect() as conn:
        p = {code: conn.execute(text("SELECT s.id FROM shifts s JOIN tills t ON t.id = s.till_id WHERE t.code = :c"),
                                {"c": code.upper()}).scalar() for code in ("a", "b")}
        for key, bill in (("in", in_shift), ("own", own_none), ("b_none", b_none), ("b_in", b_in)):
            p[key] = bill.bill_id
            p["p" + key] = conn.execute(text("SELECT id FROM payments WHERE bill_id = :b"),
                                        {"b": bill.bill_id}).scalar()
    till_a = till_login(a, config_dir)
    try:
        # a shift already set never changes, nor is emptied
        assert "already" in _refused(till_a, "UPDATE bills SET shift_id = :b WHERE id = :in", p)
        assert "already" in _refused(till_a, "UPDATE bills SET shift_id = NULL WHERE id = :in", p)
        assert "already" in _refused(till_a, "UPDATE payments SET shift_id = :b WHERE id = :pin", p)
        assert "already" in _refused(till_a, "UPDATE bills SET shift_id = :a WHERE id = :b_in", p)
        # another till's rows with no shift: not A's to fill, whichever shift it names
        for shift in (":a", ":b"):
            assert "only the till that wrote" in _refused(
                till_a, f"UPDATE bills SET shift_id = {shift} WHERE id = :b_none", p)
            assert "only the till that wrote" in _refused(
                till_a, f"UPDATE payments SET shift_id = {shift} WHERE id = :pb_none", p)
        # its own row into another till's shift, or into no shift at all that the hub holds
        assert "not a shift of the till" in _refused(till_a, "UPDATE bills SET shift_id = :b WHERE id = :own", p)
        assert "not a shift of the till" in _refused(till_a, "UPDATE payments SET shift_id = :b WHERE id = :pown", p)
        assert "not a shift of the till" in _refused(till_a, "UPDATE bills SET shift_id = 'NOSUCHSHIFT' "
                                                             "WHERE id = :own", p)
        # the fill carries nothing else with it: the column grant, and below it the trigger (even for the admin)
        assert "permission denied" in _refused(till_a, "UPDATE bills SET shift_id = :a, total = 1 WHERE id = :own", p)
        assert "only a void may change" in _refused(
            admin, "UPDATE bills SET shift_id = :a, total = 1 WHERE id = :own", p)
        assert "only a void may change" in _refused(admin, "UPDATE bills SET shift_id = :a, voided_at = now() "
                                                           "WHERE id = :own", p)
        assert "permission denied" in _refused(till_a, "UPDATE payments SET shift_id = :a, amount = 1 "
                                                       "WHERE id = :pown", p)
        assert "permission denied" in _refused(till_a, "DELETE FROM payments WHERE id = :pown", p)
        # not even the hub's admin fills a shift (only the till that wrote the row), nor deletes a payment
        assert "only the till that wrote" in _refused(admin, "UPDATE bills SET shift_id = :a WHERE id = :own", p)
        assert "insert-only" in _refused(admin, "DELETE FROM payments WHERE id = :pown", p)
        assert "insert-only" in _refused(admin, "UPDATE payments SET amount = 1 WHERE id = :pown", p)
        # its own NULL shift with its own shift: the one change allowed, once
        with till_a.begin() as conn:
            assert conn.execute(text("UPDATE payments SET shift_id = :a WHERE id = :pown"), p).rowcount == 1
        assert "already" in _refused(till_a, "UPDATE payments SET shift_id = NULL WHERE id = :pown", p)
        assert "insert-only" in _refused(till_a, "UPDATE payments SET shift_id = :a WHERE id = :pown", p)  # no change
    finally:
        till_a.dispose()
        admin.dispose()
