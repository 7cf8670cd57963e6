"""The pull on a real hub: two tills of one store see each other's sales, balances and voids."""

from __future__ import annotations

import json

import pytest
from hubkit import hub_for, make_book, open_book, pg, possuite, two_tills, waiting
from sqlalchemy import event, text

from possuite.domain.errors import CreditLimitExceeded, ValidationError
from possuite.hub import outbox, pull, push
from possuite.hub.connect import KeptHubEngine, hub_engine, with_saved_password
from possuite.hub.outbox import identity
from possuite.hub.register import register_till
from possuite.hub.sync import sync
from possuite.services.bills import list_bills
from possuite.services.collections import collect_dues, void_bill
from possuite.services.context import Actor
from possuite.services.customers import add_customer, edit_customer, get_customer, lookup
from possuite.services.integrity import run_checks
from possuite.services.statement import customer_statement
from possuite.services.users import add_user, login
from testkit import count_statements, sell

pytestmark = pytest.mark.hub


@pytest.fixture
def tills(pg_server, hub_db, tmp_path, config_dir):
    """Two tills of one store (the second counter's book starts as a copy of the first), registered."""
    return two_tills(pg_server, hub_db, tmp_path, config_dir)


def clean(ctx) -> None:
    assert [f"{f.check}: {f.subject}: {f.message}" for f in run_checks(ctx)] == []


def balance(ctx, name: str) -> int:
    return get_customer(ctx, name).balance


def hub_balance(admin_url: str, customer_id: str) -> int:
    engine = pg(admin_url)
    with engine.connect() as conn:
        total = conn.execute(text("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE customer_id = :c"),
                             {"c": customer_id}).scalar_one()
    engine.dispose()
    return int(total)


def test_a_sale_left_pending_at_one_till_shows_at_the_other_and_a_collection_there_settles_it(tills, config_dir):
    hub, a, b = tills
    asha = add_customer(a, "Asha Rao", "9822000001")
    bill = sell(a, asha.id, 50000, pay=[("cash", 20000)], pending=True)
    assert sync(a, config_dir).pushed > 0

    report = sync(b, config_dir)
    assert report.pulled > 0 and report.waiting == 0
    assert balance(b, asha.id) == 30000
    found = lookup(b, "Asha")
    assert [(c.name, c.balance) for c in found] == [("Asha Rao", 30000)]  # the lookup's red Pending
    assert bill.number in [line.document for line in customer_statement(b, asha.id).lines]
    bills = {r.number: r for r in list_bills(b, customer_id=asha.id).rows}
    assert bills[bill.number].outstanding == 30000
    clean(b)

    collect_dues(b, asha.id, 30000, "upi")
    sync(b, config_dir)
    assert sync(a, config_dir).pulled > 0
    for ctx in (a, b):
        assert balance(ctx, asha.id) == 0
        row = {r.number: r for r in list_bills(ctx, customer_id=asha.id).rows}[bill.number]
        assert row.outstanding == 0 and row.status == "paid"
        assert get_customer(ctx, asha.id).visits == 1
        clean(ctx)
    assert hub_balance(hub["admin"], asha.id) == 0
    # nothing new: a second round pulls nothing and changes nothing
    assert sync(a, config_dir).pulled == 0 and sync(b, config_dir).pulled == 0


def test_pulled_rows_are_not_sent_back_and_masters_follow_the_last_writer(tills, config_dir):
    hub, a, b = tills
    ravi = add_customer(a, "Ravi Kumar", "9822000002")
    sync(a, config_dir)
    sync(b, config_dir)
    assert waiting(b) == 0  # what B pulled is not in its outbox
    edit_customer(b, ravi.id, name="Ravi K. Kumar")
    sync(b, config_dir)
    sync(a, config_dir)
    assert get_customer(a, ravi.id).name == "Ravi K. Kumar"
    # both change the same customer offline: both end with the hub's winner (higher till id on a tie)
    edit_customer(a, ravi.id, name="Ravi from A")
    edit_customer(b, ravi.id, name="Ravi from B")
    for ctx in (a, b, a, b):
        sync(ctx, config_dir)
    names = {get_customer(ctx, ravi.id).name for ctx in (a, b)}
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        on_hub = conn.execute(text("SELECT name FROM customers WHERE id = :c"), {"c": ravi.id}).scalar_one()
    engine.dispose()
    assert names == {on_hub}


def test_the_cursor_never_skips_a_hub_transaction_that_commits_after_a_later_one(tills, config_dir):
    hub, a, b = tills
    sync(a, config_dir)
    sync(b, config_dir)
    with a.read() as conn:
        ident = outbox.identity(conn)
    first = add_customer(a, "First Customer", "9822000011")
    sell(a, first.id, 40000, no_payment=True)
    with a.read() as conn:
        early = outbox.read_batch(conn, ident.id, 10_000)
    second = add_customer(a, "Second Customer", "9822000012")
    sell(a, second.id, 7000, no_payment=True)
    with a.read() as conn:
        both = outbox.read_batch(conn, ident.id, 10_000)
    early_ids = {(t, r["id"]) for t, rows in early.rows.items() for r in rows}
    late = outbox.Batch(both.last_seq, {t: [r for r in rows if (t, r["id"]) not in early_ids]
                                        for t, rows in both.rows.items()})
    engine = hub_engine(with_saved_password(config_dir, ident.hub_url))
    slow = engine.connect()
    slow_tx = slow.begin()
    push.apply_batch(slow, early)   # takes its hub_seq numbers first ...
    # another writer (two transactions of one till wait for each other at its pull mark, hub h0014)
    other = pg(hub["admin"])
    with other.begin() as fast:
        push.apply_batch(fast, late)   # ... but commits after this one
    other.dispose()
    seqs = pg(hub["admin"])
    with seqs.connect() as conn:
        fast_min = conn.execute(text("SELECT min(hub_seq) FROM customers WHERE id = :c"), {"c": second.id}).scalar()
    seqs.dispose()

    pull.pull(b, config_dir)
    assert balance(b, second.id) == 7000
    with b.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM customers WHERE id = :c"), {"c": first.id}).scalar() == 0
        moved = pull.cursors(conn)
    # the second transaction's rows were applied, but no cursor moved past the first, still running
    assert all(p.seq < fast_min for p in moved.values())

    slow_tx.commit()
    slow.close()
    engine.dispose()
    pull.pull(b, config_dir)
    assert balance(b, first.id) == 40000 and balance(b, second.id) == 7000
    clean(b)


def test_a_pull_cut_off_midway_or_received_twice_leaves_the_book_whole(tills, config_dir, monkeypatch):
    hub, a, b = tills
    ids = []
    for i in range(6):
        c = add_customer(a, f"Client {i}", f"98220001{i:02d}")
        sell(a, c.id, 10000 + i, pay=[("cash", 1000)], pending=True)
        ids.append(c.id)
    sync(a, config_dir)

    real, calls = pull.apply_rows, []

    def dies_in_the_fifth_batch(conn, ctx, me, name, rows):
        calls.append(name)
        if len(calls) == 6:
            raise RuntimeError("killed")
        return real(conn, ctx, me, name, rows)

    with b.read() as conn:
        before = pull.cursors(conn)
    monkeypatch.setattr(pull, "apply_rows", dies_in_the_fifth_batch)
    with pytest.raises(RuntimeError):
        pull.pull(b, config_dir, batch_size=2)
    monkeypatch.setattr(pull, "apply_rows", real)
    # three batches of customers, then two bills with their lines in one transaction, then the fifth batch
    assert calls == ["customers"] * 3 + ["bills", "bill_lines", "bills"]
    with b.read() as conn:  # four batches committed (their cursors with them), the fifth not at all
        after = pull.cursors(conn)
        assert {t for t in after if after[t] != before.get(t)} == {"customers", "bills"}
        assert conn.execute(text("SELECT count(*) FROM customers")).scalar() == 6
        assert conn.execute(text("SELECT count(*) FROM bills")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM bills b WHERE NOT EXISTS "
                                 "(SELECT 1 FROM bill_lines l WHERE l.bill_id = b.id)")).scalar() == 0
    assert waiting(b) == 0
    pull.pull(b, config_dir, batch_size=2)
    assert [balance(b, c) for c in ids] == [10000 + i - 1000 for i in range(6)]
    clean(b)
    with b.write() as conn:  # as if every batch came again
        conn.execute(text("DELETE FROM sync_cursors"))
    assert pull.pull(b, config_dir, batch_size=3) == 0
    assert [balance(b, c) for c in ids] == [10000 + i - 1000 for i in range(6)]
    assert waiting(b) == 0
    clean(b)


def test_a_bill_voided_at_both_tills_offline_ends_as_one_void_everywhere(tills, config_dir):
    hub, a, b = tills
    meera = add_customer(a, "Meera", "9822000003")
    unpaid = sell(a, meera.id, 30000, no_payment=True)
    part = sell(a, meera.id, 20000, pay=[("cash", 5000)], pending=True)
    sync(a, config_dir)
    sync(b, config_dir)
    assert balance(b, meera.id) == 45000
    for bill in (unpaid, part):  # both counters void both bills while the network is down
        void_bill(a, bill.number, "keyed twice")
        void_bill(b, bill.number, "wrong customer")
    for ctx in (a, b, a, b):
        report = sync(ctx, config_dir)
        assert report.rejected is None and report.waiting == 0, report.as_json()
    # each node: one void per bill in the projection; the part-paid bill's 50.00 went back in cash at both
    # counters, so the customer now owes it once
    for ctx in (a, b):
        assert balance(ctx, meera.id) == 5000
        rows = {r.number: r for r in list_bills(ctx, customer_id=meera.id).rows}
        assert rows[unpaid.number].status == rows[part.number].status == "void"
        clean(ctx)
    assert hub_balance(hub["admin"], meera.id) == 5000
    with a.read() as conn:
        va = conn.execute(text("SELECT voided_by, void_reason FROM bills WHERE id = :b"), {"b": part.bill_id}).one()
        undos = conn.execute(text("SELECT count(*) FROM ledger_entries WHERE kind = 'unvoid'")).scalar()
    with b.read() as conn:
        vb = conn.execute(text("SELECT voided_by, void_reason FROM bills WHERE id = :b"), {"b": part.bill_id}).one()
    assert va == vb and undos == 2   # the hub's first void shows everywhere; one undo per losing void
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM ledger_entries WHERE kind = 'unvoid'")).scalar() == 2
    engine.dispose()


def test_an_offline_credit_limit_counts_the_other_tills_sales(tills, config_dir):
    hub, a, b = tills
    kiran = add_customer(a, "Kiran", "9822000004", credit_limit=100000)
    sync(a, config_dir)
    sync(b, config_dir)
    sell(b, kiran.id, 80000, no_payment=True)
    sync(b, config_dir)
    sync(a, config_dir)
    cashier = a.as_actor(Actor("Meena", "cashier"))
    with pytest.raises(CreditLimitExceeded):
        sell(cashier, kiran.id, 30000, no_payment=True)   # 800 owed at B + 300 here > 1,000
    sell(cashier, kiran.id, 20000, no_payment=True)       # within the limit
    assert balance(a, kiran.id) == 100000
    sell(b.as_actor(Actor("Ravi", "cashier")), kiran.id, 15000, no_payment=True)  # B has not seen A's 200 yet
    for ctx in (b, a, b):
        sync(ctx, config_dir)
    assert balance(a, kiran.id) == balance(b, kiran.id) == 115000   # over the limit after the sync


@pytest.mark.parametrize("n", [3])
def test_a_pull_batch_runs_the_same_statements_for_few_rows_and_many(tills, config_dir, n):
    hub, a, b = tills
    counts = []
    sync(b, config_dir)   # the store's own row, published at registration
    for size in (n, n * 10):
        for i in range(size):
            c = add_customer(a, f"Batch {size} {i}", f"97{size:03d}{i:05d}")
            sell(a, c.id, 10000, pay=[("cash", 4000)], pending=True)
        sync(a, config_dir)
        with count_statements(b.engine) as seen:
            pull.pull(b, config_dir, batch_size=1000)
        counts.append(len(seen))
    assert counts[0] == counts[1], counts
    clean(b)


def test_registering_a_book_that_does_not_exist_makes_it_from_the_hub_ready_to_sell(
        pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    a = make_book(tmp_path / "a.sqlite3", "Glow Salon")
    add_user(a, "Meena", "cashier", "4321")
    asha = add_customer(a, "Asha Rao", "9822000001")
    first = sell(a, asha.id, 50000, pay=[("cash", 20000)], pending=True)
    register_till(a, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)

    path = tmp_path / "new" / "c.sqlite3"
    missing = possuite(["--db", str(path), "till", "register", hub["owner"], "--store", "No Such Store",
                        "--code", "C"], config_dir)
    assert missing.returncode == 2 and "No Such Store" in missing.stderr
    assert not path.exists() and not list(path.parent.glob("*.part*"))   # nothing half-made left behind

    made = possuite(["--db", str(path), "--json", "till", "register", hub["owner"], "--store", "glow salon",
                     "--code", "C", "--name", "Counter 3"], config_dir)
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout)
    assert data["created"] is True and data["code"] == "C" and data["sync"]["pulled"] > 0
    assert path.exists() and not list(path.parent.glob("*.part*"))

    c = open_book(path)
    assert c.store_id == a.store_id and c.store.name == "Glow Salon"
    assert login(c, "Meena", "4321").role == "cashier"        # users and their PINs came along
    assert balance(c, asha.id) == 30000
    clean(c)
    sale = sell(c.as_actor(login(c, "Meena", "4321")), asha.id, 10000, no_payment=True)
    assert sale.number == "SAL-C-26-0001"
    collect_dues(c, asha.id, 30000, "cash")                   # settles till A's bill first (oldest due)
    sync(c, config_dir)
    sync(a, config_dir)
    for ctx in (a, c):
        assert balance(ctx, asha.id) == 10000
        rows = {r.number: r for r in list_bills(ctx, customer_id=asha.id).rows}
        assert rows[first.number].status == "paid" and rows[sale.number].outstanding == 10000
        clean(ctx)
    again = possuite(["--db", str(path), "till", "register", hub["owner"], "--store", "Glow Salon",
                      "--code", "D"], config_dir)
    assert again.returncode == 2 and "already till C" in again.stderr


def test_a_book_that_is_no_till_is_told_to_register_before_pulling(tmp_path, config_dir):
    solo = make_book(tmp_path / "solo.sqlite3")
    with pytest.raises(ValidationError, match="register it first"):
        pull.pull(solo, config_dir)


def test_a_sale_opened_during_a_round_holds_it_after_the_batch_in_progress(tills, config_dir):
    """What ``pace`` guards (the app's sync process waits there while a sale is open): between two waits a round
    writes the book at most once and reads the hub for at most one batch, the pull's last write included, so a
    sale that opens mid-round meets at most the batch in progress."""
    hub, a, b = tills
    for i in range(4):
        c = add_customer(b, f"Paced {i}", f"98330000{i:02d}")
        sell(b, c.id, 40000 + i, pay=[("cash", 10000)], pending=True)
    assert sync(b, config_dir).waiting == 0
    for i in range(3):
        c = add_customer(a, f"Own {i}", f"98440000{i:02d}")
        sell(a, c.id, 30000 + i, pay=[("upi", 30000 + i)])
    events: list[str] = []
    engines = KeptHubEngine()

    def on_begin(conn) -> None:
        if conn.get_execution_options().get("immediate"):
            events.append("book write")

    event.listen(a.engine, "begin", on_begin)
    try:
        url = with_saved_password(config_dir, _ident(a).hub_url)
        event.listen(engines(url), "before_cursor_execute", lambda *args: events.append("hub"))
        report = sync(a, config_dir, batch_size=3, pace=lambda: events.append("pace"), engines=engines)
    finally:
        event.remove(a.engine, "begin", on_begin)
        engines.dispose()
    assert report.pushed > 0 and report.pulled > 0 and report.waiting == 0
    segments = " ".join(events).split("pace")
    assert len(segments) > 10  # many batches, each after a wait
    assert [s for s in segments if s.count("book write") > 1] == []
    # after a book write, the hub is not asked again before the next wait (the next batch is read after it)
    assert [s for s in segments if "book write" in s and "hub" in s.split("book write")[-1]] == []
    # and a book write comes straight after a wait: a sale that opened while the hub answered holds it too
    assert [s for s in segments if "book write" in s and "hub" in s.split("book write")[0]] == []


def _ident(ctx):
    with ctx.read() as conn:
        return identity(conn)
