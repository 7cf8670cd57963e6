"""Tills on a real hub: registering (codes, stores), pushing from each, exactly once, duplicates harmless."""

from __future__ import annotations

import json
import os
import stat

import pytest
from hubkit import book_ids, hub_for, hub_ids, hub_snapshot, make_book, open_book, pg, trade, waiting
from sqlalchemy import text

from possuite.db.engine import backup_file
from possuite.domain.errors import Conflict, NotFound
from possuite.hub import outbox, push, spec
from possuite.hub.connect import credentials_path
from possuite.hub.register import register_till
from possuite.services.collections import void_bill
from possuite.services.customers import edit_customer
from possuite.services.store_settings import update_settings

pytestmark = pytest.mark.hub

FACT_TABLES = ("bills", "bill_lines", "payments", "adjustments", "ledger_entries", "audit_log")


def test_a_book_that_never_registers_queues_nothing(tmp_path):
    ctx = make_book(tmp_path / "solo.sqlite3")
    trade(ctx, 3)
    assert waiting(ctx) == 0
    with ctx.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_versions")).scalar() == 0


def test_two_tills_of_a_store_and_one_of_another_push_every_row_exactly_once(
        pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3", "Glow Salon")
    trade(a1, 3, "pre ")
    backup_file(tmp_path / "a1.sqlite3", tmp_path / "a2.sqlite3")  # the second counter starts as a copy
    a2 = open_book(tmp_path / "a2.sqlite3")
    b1 = make_book(tmp_path / "b1.sqlite3", "Shine Spa")

    first = register_till(a1, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    assert first.published and first.sync.waiting == 0 and first.sync.pushed > 0
    second = register_till(a2, hub["owner"], "glow salon", "b", "Counter 2", config_dir)
    assert not second.published and second.code == "B" and second.sync.waiting == 0
    other = register_till(b1, hub["owner"], "Shine Spa", "C", None, config_dir)
    assert other.published

    # Counter 2 numbers its documents apart (per-till series come later), then all three trade and push.
    with a2.write() as conn:  # (the receipt prefix has no setting yet; the trigger sees any write)
        conn.execute(text("UPDATE stores SET invoice_prefix = 'SLB', receipt_prefix = 'RCB'"))
    trade(a1, 4, "a1 ")
    trade(a2, 3, "a2 ", adjustment=False)  # the ADJ series has no prefix to set apart
    trade(b1, 5, "b1 ")
    for ctx in (a1, a2, b1):
        report = push.push(ctx, config_dir, batch_size=7)
        assert report.waiting == 0 and report.rejected is None and report.pulled == 0

    for table in spec.SYNCED_TABLES:
        glow = sorted(set(book_ids(a1, table)) | set(book_ids(a2, table)))
        assert hub_ids(hub["admin"], table, a1.store_id) == glow, table
        assert hub_ids(hub["admin"], table, b1.store_id) == book_ids(b1, table), table
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        tills = dict(conn.execute(text("SELECT code, id FROM tills")).all())
        assert set(tills) == {"A", "B", "C"}
        # the till that wrote a row is the hub's record of it, stamped from the till's login
        by_till = dict(conn.execute(text("SELECT t.code, count(*) FROM bills b JOIN tills t ON t.id = b.till_id "
                                         "GROUP BY t.code")).all())
        assert by_till == {"A": 3 * 2 + 4 * 2, "B": 3 * 2, "C": 5 * 2}
        assert conn.execute(text("SELECT invoice_prefix FROM stores WHERE id = :s"),
                            {"s": a1.store_id}).scalar() == "SLB"  # a settings change travels (version 1)
        # the hub keeps no cached projection
        cols = {r[0] for r in conn.execute(text("SELECT column_name FROM information_schema.columns "
                                                "WHERE table_schema = 'public' AND table_name = 'customers'"))}
        assert "balance" not in cols and "visits" not in cols
    engine.dispose()


def test_codes_are_unique_in_the_business_and_a_book_keeps_its_store(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3", "Glow Salon")
    register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    b1 = make_book(tmp_path / "b1.sqlite3", "Shine Spa")
    with pytest.raises(Conflict, match="till code A is taken"):
        register_till(b1, hub["owner"], "Shine Spa", "A", None, config_dir)
    with pytest.raises(Conflict, match="this book belongs to store 'Shine Spa'"):
        register_till(b1, hub["owner"], "Glow Salon", "D", None, config_dir)
    with pytest.raises(NotFound, match="the hub has no store 'Shyne'"):
        register_till(b1, hub["owner"], "Shyne", "D", None, config_dir)
    with pytest.raises(Conflict, match="already till A"):
        register_till(a1, hub["owner"], "Glow Salon", "E", None, config_dir)
    with b1.read() as conn:
        assert outbox.identity(conn) is None  # refused registrations leave the book as it was
    assert hub_ids(hub["admin"], "stores") == [a1.store_id]
    register_till(b1, hub["owner"], "Shine Spa", "B", None, config_dir)
    assert sorted(hub_ids(hub["admin"], "stores")) == sorted([a1.store_id, b1.store_id])


def test_the_password_stays_out_of_the_book(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    path = tmp_path / "a1.sqlite3"
    a1 = make_book(path)
    register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    creds = credentials_path(config_dir)
    assert stat.S_IMODE(os.stat(creds).st_mode) == 0o600
    (url, password), = json.loads(creds.read_text()).items()
    with a1.read() as conn:
        ident = outbox.identity(conn)
    assert ident.hub_url == url and password not in url and "_till_a@" in url
    a1.engine.dispose()
    for f in tmp_path.glob("a1.sqlite3*"):
        assert password.encode() not in f.read_bytes()
    assert hub["owner"].split(":")[2].split("@")[0].encode() not in path.read_bytes()  # nor the owner's


def test_a_batch_delivered_twice_changes_nothing(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3")
    register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    trade(a1, 3)
    update_settings(a1, credit_days=45)
    with a1.read() as conn:
        ident = outbox.identity(conn)
        batch = outbox.read_batch(conn, ident.id, 10_000)
    assert {"bills", "ledger_entries", "stores", "customers"} <= set(batch.rows)
    engine = pg(pg_server.url(hub_db, user=f"{hub_db}_till_a", password=_till_password(config_dir)))
    with engine.begin() as conn:
        push.apply_batch(conn, batch)
    once = hub_snapshot(hub["admin"])
    with engine.begin() as conn:  # the same batch again, as after a lost acknowledgement
        push.apply_batch(conn, batch)
    engine.dispose()
    assert hub_snapshot(hub["admin"]) == once
    assert push.push(a1, config_dir).waiting == 0
    assert hub_snapshot(hub["admin"]) == once  # the real push of the same rows: still nothing new


def test_a_batch_the_hub_refuses_stays_queued_and_status_says_so(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3")
    backup_file(tmp_path / "a1.sqlite3", tmp_path / "a2.sqlite3")
    a2 = open_book(tmp_path / "a2.sqlite3")
    register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    register_till(a2, hub["owner"], "Glow Salon", "B", None, config_dir)
    with a2.write() as conn:  # a book whose till row was tampered with numbers as till A too
        conn.execute(text("UPDATE sync_till SET code = 'A'"))
    trade(a1, 1)
    trade(a2, 1)  # SAL-A-26-0001 twice
    assert push.push(a1, config_dir).waiting == 0
    report = push.push(a2, config_dir)
    assert report.rejected and "duplicate key" in report.rejected and report.waiting > 0
    again = push.status(a2, config_dir)
    assert again.rejected == report.rejected and again.waiting == report.waiting and again.hub["reachable"]
    assert hub_ids(hub["admin"], "bills", a1.store_id) == book_ids(a1, "bills")  # nothing of a2's batch landed


def _till_password(config_dir) -> str:
    return next(iter(json.loads(credentials_path(config_dir).read_text()).values()))


def _two_counters(pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3")
    trade(a1, 2)
    backup_file(tmp_path / "a1.sqlite3", tmp_path / "a2.sqlite3")
    a2 = open_book(tmp_path / "a2.sqlite3")
    register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    register_till(a2, hub["owner"], "Glow Salon", "B", None, config_dir)
    return hub, a1, a2


def _hub_value(admin_url: str, sql: str, **params):
    engine = pg(admin_url)
    with engine.connect() as conn:
        value = conn.execute(text(sql), params).one()
    engine.dispose()
    return tuple(value)


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_a_customer_edited_at_two_counters_keeps_the_later_version_whatever_the_push_order(
        pg_server, hub_db, tmp_path, config_dir, order):
    hub, a1, a2 = _two_counters(pg_server, hub_db, tmp_path, config_dir)
    cid = book_ids(a1, "customers")[0]
    edit_customer(a1, cid, notes="likes mornings")                 # version 1 at counter A
    edit_customer(a2, cid, notes="prefers Meena")                  # version 1 at counter B ...
    edit_customer(a2, cid, notes="prefers Meena, mornings too")    # ... and 2
    pushes = (a1, a2) if order == "older first" else (a2, a1)
    for ctx in pushes:
        assert push.push(ctx, config_dir).waiting == 0
    notes, version = _hub_value(hub["admin"], "SELECT notes, version FROM customers WHERE id = :c", c=cid)
    assert (notes, version) == ("prefers Meena, mornings too", 2)


def test_a_bill_voided_at_two_counters_keeps_the_first_void_on_the_hub(pg_server, hub_db, tmp_path, config_dir):
    hub, a1, a2 = _two_counters(pg_server, hub_db, tmp_path, config_dir)
    with a1.read() as conn:
        number = conn.execute(text("SELECT number FROM bills WHERE voided_at IS NULL ORDER BY number")).scalar()
    void_bill(a1, number, "wrong customer")
    void_bill(a2, number, "keyed twice")
    assert push.push(a1, config_dir).rejected is None
    assert push.push(a2, config_dir).rejected is None
    reason, till = _hub_value(hub["admin"], "SELECT b.void_reason, t.code FROM bills b JOIN tills t "
                                            "ON t.id = b.till_id WHERE b.number = :n", n=number)
    assert reason == "wrong customer" and till == "A"  # the bill stays the writer's; the first void wins


def test_a_registration_cut_off_after_the_hubs_commit_resumes_and_no_other_book_takes_it(
        pg_server, hub_db, tmp_path, config_dir, monkeypatch):
    hub = hub_for(pg_server, hub_db)
    a1 = make_book(tmp_path / "a1.sqlite3")
    trade(a1, 1)
    backup_file(tmp_path / "a1.sqlite3", tmp_path / "other.sqlite3")  # another counter of the same store

    def crash(*_a, **_k):
        raise RuntimeError("power cut")

    monkeypatch.setattr(outbox, "queue_whole_book", crash)
    with pytest.raises(RuntimeError):
        register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    monkeypatch.undo()
    with a1.read() as conn:
        assert outbox.identity(conn) is None  # the book's half rolled back; the hub has till A
    other = open_book(tmp_path / "other.sqlite3")
    with pytest.raises(Conflict, match="till code A is taken"):
        register_till(other, hub["owner"], "Glow Salon", "A", None, config_dir)
    again = register_till(a1, hub["owner"], "Glow Salon", "A", None, config_dir)
    assert again.sync.waiting == 0
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert list(conn.execute(text("SELECT id FROM tills")).scalars()) == [again.till_id]
    engine.dispose()
    assert hub_ids(hub["admin"], "bills") == book_ids(a1, "bills")
    assert not [k for k in json.loads(credentials_path(config_dir).read_text()) if k.startswith("pending")]


def test_two_tills_of_a_store_number_apart_and_the_hub_takes_both(pg_server, hub_db, tmp_path, config_dir):
    hub, a1, a2 = _two_counters(pg_server, hub_db, tmp_path, config_dir)
    trade(a1, 2, "a1 ")
    trade(a2, 2, "a2 ")
    for ctx in (a1, a2, a1):
        report = push.push(ctx, config_dir)
        assert report.waiting == 0 and report.rejected is None
    assert push.status(a2, config_dir).waiting == 0
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        numbers = set(conn.execute(text("SELECT number FROM bills WHERE store_id = :s"), {"s": a1.store_id}).scalars())
        adjs = set(conn.execute(text("SELECT number FROM adjustments")).scalars())
    engine.dispose()
    assert {"SAL-A-26-0001", "SAL-A-26-0004", "SAL-B-26-0001", "SAL-B-26-0004"} <= numbers
    assert {"ADJ-A-26-0001", "ADJ-B-26-0001"} <= adjs
    assert set(book_ids(a1, "bills")) | set(book_ids(a2, "bills")) == set(hub_ids(hub["admin"], "bills", a1.store_id))
