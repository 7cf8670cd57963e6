"""A sync round with nothing to do asks the hub one question and writes nothing (hub h0014's pull marks), and
nothing is missed for it: rows of transactions that commit out of order, rows the hub held before h0014."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from hubkit import pg, trade, two_tills
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from possuite.hub import outbox, pull, push, spec
from possuite.hub.background import sync_round
from possuite.hub.connect import KeptHubEngine, credentials_path, hub_engine, with_saved_password
from possuite.hub.register import register_till
from possuite.hub.sync import sync
from possuite.hub.sync_state import SYNCED
from possuite.services.customers import add_customer, get_customer
from possuite.services.integrity import run_checks
from testkit import sell

pytestmark = pytest.mark.hub

_TABLE_READ = "hub_seq FROM "  # the pull's read of one table (pull._hub_select)


@pytest.fixture
def tills(pg_server, hub_db, tmp_path, config_dir):
    return two_tills(pg_server, hub_db, tmp_path, config_dir)


def _ident(ctx) -> outbox.Identity:
    with ctx.read() as conn:
        return outbox.identity(conn)


@contextmanager
def watching(ctx, config_dir, engines: KeptHubEngine):
    """What a round does: the hub's statements, the tables it reads there, and the book's write transactions."""
    seen = {"hub": [], "tables": [], "book_writes": 0}
    hub = engines(with_saved_password(config_dir, _ident(ctx).hub_url))

    def on_hub(conn, cursor, statement, *args) -> None:
        seen["hub"].append(statement)
        if _TABLE_READ in statement:
            seen["tables"].append(statement.split(_TABLE_READ)[1].split()[0])

    def on_begin(conn) -> None:
        if conn.get_execution_options().get("immediate"):
            seen["book_writes"] += 1

    event.listen(hub, "before_cursor_execute", on_hub)
    event.listen(ctx.engine, "begin", on_begin)
    try:
        yield seen
    finally:
        event.remove(hub, "before_cursor_execute", on_hub)
        event.remove(ctx.engine, "begin", on_begin)


def _round(ctx, config_dir, engines):
    state = sync_round(ctx, config_dir, pace=lambda: None, engines=engines)
    assert state.kind == SYNCED, state
    return state


def test_a_round_with_nothing_to_do_asks_the_hub_one_question_and_writes_nothing(tills, config_dir):
    hub, a, b = tills
    trade(b, 3, "B ")
    sync(b, config_dir)
    engines = KeptHubEngine()
    try:
        _round(a, config_dir, engines)   # brings B's trade
        _round(a, config_dir, engines)   # the book's stamp of its last pull is fresh from here on
        with watching(a, config_dir, engines) as idle:
            state = _round(a, config_dir, engines)
        # the read-only transaction, its horizon and the marks: no table read, no book write
        assert len(idle["hub"]) == 3 and idle["tables"] == [], idle["hub"]
        assert idle["book_writes"] == 0 and state.pulled == state.pushed == 0
        assert state.last_sync is not None   # the answer still says when it met the hub

        asha = add_customer(b, "Asha Rao", "9822000101")
        sell(b, asha.id, 50000, pay=[("cash", 20000)], pending=True)
        sync(b, config_dir)
        with watching(a, config_dir, engines) as few:
            state = _round(a, config_dir, engines)
        assert state.pulled > 0 and get_customer(a, asha.id).balance == 30000
        # only the tables till B wrote to (a bill's lines come with it, and once more on their own)
        assert set(few["tables"]) == {"customers", "bills", "bill_lines", "payments", "ledger_entries"}, few["tables"]
        with watching(a, config_dir, engines) as again:
            _round(a, config_dir, engines)
        assert again["tables"] == [] and again["book_writes"] == 0

        # this till's own sales pushed: its next round reads nothing back (its own rows are never pulled)
        sell(a, asha.id, 10000, pay=[("upi", 10000)])
        assert _round(a, config_dir, engines).pushed > 0
        with watching(a, config_dir, engines) as own:
            _round(a, config_dir, engines)
        assert own["tables"] == [] and own["book_writes"] == 0
    finally:
        engines.dispose()
    # and B, which has not pulled since: A's sale reaches it (A's mark is above B's cursors)
    sync(b, config_dir)
    assert get_customer(b, asha.id).balance == 30000 and get_customer(b, asha.id).visits == 2


def test_two_hub_transactions_committing_out_of_order_around_a_pull_are_both_pulled(
        pg_server, hub_db, tmp_path, config_dir):
    """Till A's push starts first and commits last; till C's push starts later and commits before a pull of till
    B: B gets C's rows then, and A's in its next round (A's mark is above B's cursors), and then reads nothing."""
    from hubkit import hub_for, make_book, open_book

    from possuite.db.engine import backup_file

    hub = hub_for(pg_server, hub_db)
    a = make_book(tmp_path / "a.sqlite3", "Glow Salon")
    for name in ("b", "c"):   # the other counters' books start as copies of the first
        backup_file(tmp_path / "a.sqlite3", tmp_path / f"{name}.sqlite3")
    b, c = open_book(tmp_path / "b.sqlite3"), open_book(tmp_path / "c.sqlite3")
    for ctx, code in ((a, "A"), (b, "B"), (c, "C")):
        register_till(ctx, hub["owner"], "Glow Salon", code, f"Counter {code}", config_dir)
    for ctx in (a, b, c, b):
        sync(ctx, config_dir)
    first = add_customer(a, "First Customer", "9822000011")
    sell(a, first.id, 40000, no_payment=True)
    second = add_customer(c, "Second Customer", "9822000012")
    sell(c, second.id, 7000, no_payment=True)

    def batch(ctx):
        ident = _ident(ctx)
        with ctx.read() as conn:
            return ident, outbox.read_batch(conn, ident.id, 10_000)

    ident_a, early = batch(a)
    ident_c, late = batch(c)
    slow_engine = hub_engine(with_saved_password(config_dir, ident_a.hub_url))
    fast_engine = hub_engine(with_saved_password(config_dir, ident_c.hub_url))
    slow = slow_engine.connect()
    slow_tx = slow.begin()
    try:
        push.apply_batch(slow, early)   # A's transaction: the older id, its hub_seq numbers taken first ...
        slow_xid = slow.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one()
        with fast_engine.begin() as fast:
            push.apply_batch(fast, late)   # ... C's commits first
        engines = KeptHubEngine()
        try:
            with watching(b, config_dir, engines) as seen:
                state = _round(b, config_dir, engines)
            assert state.pulled > 0 and get_customer(b, second.id).balance == 7000
            with b.read() as conn:
                assert conn.execute(text("SELECT count(*) FROM customers WHERE id = :c"),
                                    {"c": first.id}).scalar() == 0
                cursors = pull.cursors(conn)
            # no cursor passed A's transaction, still running when B read
            assert all(p.xid <= slow_xid for p in cursors.values()), (cursors, slow_xid)
            assert "customers" in seen["tables"]

            slow_tx.commit()
            with watching(b, config_dir, engines) as later:
                state = _round(b, config_dir, engines)
            assert state.pulled > 0 and get_customer(b, first.id).balance == 40000
            assert get_customer(b, second.id).balance == 7000
            assert {"customers", "bills", "ledger_entries"} <= set(later["tables"])
            with watching(b, config_dir, engines) as idle:
                _round(b, config_dir, engines)
            assert idle["tables"] == [] and idle["book_writes"] == 0
        finally:
            engines.dispose()
    finally:
        slow.close()
        slow_engine.dispose()
        fast_engine.dispose()
    assert [f.message for f in run_checks(b)] == []


def test_rows_the_hub_held_before_its_pull_marks_are_pulled_after_the_upgrade(tills, config_dir):
    """A hub upgraded to h0014 marks the rows it already holds (writer '': every till's), so a till that had not
    pulled them yet still gets them; a hub before h0014 (no marks) has every table read."""
    from alembic import command

    from possuite.hub.schema import _alembic_config, init_hub

    hub, a, b = tills
    trade(a, 2, "A ")
    sync(a, config_dir)
    engine = pg(hub["admin"])
    with engine.connect() as conn:   # the hub as an older possuite left it
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "h0013")
        conn.commit()
    engine.dispose()
    trade(a, 1, "Old ")
    sync(a, config_dir)            # pushed to the hub before h0014: no marks
    assert init_hub(hub["admin"]).upgraded_from == "h0013"
    report = sync(b, config_dir)
    with a.read() as conn:
        ids = set(conn.execute(text("SELECT id FROM customers")).scalars())
    with b.read() as conn:
        assert set(conn.execute(text("SELECT id FROM customers")).scalars()) == ids
    assert report.pulled > 0 and [f.message for f in run_checks(b)] == []
    engines = KeptHubEngine()
    try:
        _round(b, config_dir, engines)
        with watching(b, config_dir, engines) as idle:
            _round(b, config_dir, engines)
        assert idle["tables"] == []
    finally:
        engines.dispose()


def test_a_till_reads_only_its_own_stores_marks_and_writes_none(pg_server, hub_db, tmp_path, config_dir):
    from hubkit import hub_for, make_book

    hub = hub_for(pg_server, hub_db)
    glow = make_book(tmp_path / "glow.sqlite3", "Glow Salon")
    spa = make_book(tmp_path / "spa.sqlite3", "Shine Spa")
    trade(glow, 1, "g ")
    trade(spa, 1, "s ")
    register_till(glow, hub["owner"], "Glow Salon", "A", None, config_dir)
    register_till(spa, hub["owner"], "Shine Spa", "S", None, config_dir)
    passwords = {url.split("//")[1].split("@")[0]: pw
                 for url, pw in json.loads(credentials_path(config_dir).read_text()).items()}
    till_a = pg(pg_server.url(hub_db, user=f"{hub_db}_till_a", password=passwords[f"{hub_db}_till_a"]))
    owner = pg(hub["owner"])
    try:
        with till_a.connect() as conn:
            stores = set(conn.execute(text(f"SELECT store_id FROM {spec.MARKS_TABLE}")).scalars())
        with owner.connect() as conn:
            every = set(conn.execute(text(f"SELECT store_id FROM {spec.MARKS_TABLE}")).scalars())
        assert stores == {glow.store_id} and every == {glow.store_id, spa.store_id}
        for engine in (till_a, owner):
            for sql in (f"UPDATE {spec.MARKS_TABLE} SET hub_xid = 0",
                        f"DELETE FROM {spec.MARKS_TABLE}",
                        f"INSERT INTO {spec.MARKS_TABLE} VALUES (:s, 'bills', '', 0)"):
                with pytest.raises(DBAPIError, match="permission denied"), engine.begin() as conn:
                    conn.execute(text(sql), {"s": glow.store_id})
        with till_a.begin() as conn:   # nor through the trigger's function itself
            with pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text("SELECT possuite_mark()"))
    finally:
        till_a.dispose()
        owner.dispose()


def test_a_sale_that_opens_during_an_idle_round_holds_its_round_trip_to_the_hub(tills, config_dir):
    """An idle push asks the hub nothing, so the pull's own wait is what holds the round before its first round
    trip: a sale that opened after the push read the book meets no hub statement of this round."""
    hub, a, b = tills
    engines = KeptHubEngine()
    try:
        _round(a, config_dir, engines)
        _round(a, config_dir, engines)
        events: list[str] = []
        url = with_saved_password(config_dir, _ident(a).hub_url)
        event.listen(engines(url), "before_cursor_execute", lambda *args: events.append("hub"))
        state = sync_round(a, config_dir, pace=lambda: events.append("pace"), engines=engines)
        assert state.kind == SYNCED and state.pushed == state.pulled == 0
    finally:
        engines.dispose()
    assert events == ["pace", "pace", "hub", "hub", "hub"], events
