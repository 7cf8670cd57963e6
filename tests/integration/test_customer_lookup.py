"""The checkout's customer search reads one statement straight from the driver (issue 15): still one statement
for every term class whatever the book and the matches, seen by the statement counts, and a disk fault on
that read is the user's message like any other read's."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, select

from possuite.db import models as m
from possuite.db.storage_faults import StorageFault
from possuite.services import customers
from possuite.services.importer import import_customers
from possuite.services.phones import display_phone
from testkit import count_statements, sell

#: One term of each class the search tells apart (``customers._search_params``), and what it finds below.
TERMS = {
    "name, 1-2 letters (index range)": "cu",
    "name, 3+ letters (trigram index)": "tomer 00",
    "name matching nothing": "zzq",
    "phone, 1-2 digits (index range)": "98",
    "phone digits at the start": "98220",
    "phone digits in the middle": "2200",
    "phone digits at the end": "0031",
    "a full phone as typed": "098220 00031",
    "phone digits matching nothing": "765432",
}


def _grow(ctx, start: int, stop: int) -> None:
    for i in range(start, stop):
        customers.add_customer(ctx, f"Customer {i:04d}", f"98220{i:05d}")


def _counts(ctx) -> dict[str, tuple[int, int]]:
    """(statements, rows found) per term class."""
    out = {}
    for cls, term in TERMS.items():
        with count_statements(ctx.engine) as seen:
            found = customers.lookup(ctx, term)
        out[cls] = (len(seen), len(found))
    return out


def test_every_term_class_is_one_statement_whatever_the_book_and_the_matches(ctx):
    _grow(ctx, 0, 2)
    small = _counts(ctx)
    _grow(ctx, 2, 60)
    large = _counts(ctx)
    assert {cls: n for cls, (n, _) in small.items()} == {cls: 1 for cls in TERMS}
    assert {cls: n for cls, (n, _) in large.items()} == {cls: 1 for cls in TERMS}
    # The counts held while the matches grew from none or a couple to a full page of 20 (the most shown).
    assert [small[c][1] for c in TERMS] == [2, 2, 0, 2, 2, 2, 0, 0, 0]
    assert [large[c][1] for c in TERMS] == [20, 20, 0, 20, 20, 20, 1, 1, 0]


def test_the_statement_is_announced_with_its_parameters_and_no_transaction_around_it(ctx):
    _grow(ctx, 0, 3)
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        found = customers.lookup(ctx, "0001", limit=5)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)
    assert [v.name for v in found] == ["Customer 0001"]
    assert len(seen) == 1  # no BEGIN / ROLLBACK: SQLite reads the one statement in a transaction of its own
    statement, parameters = seen[0]
    assert statement.startswith("SELECT c.id, c.name, c.phone") and "MATCH" in statement
    assert parameters["q"] == 'phone_digits:"0001"' and parameters["shown"] == 5


def test_a_disk_fault_on_a_read_straight_from_the_driver_is_the_users_message(ctx):
    with pytest.raises(StorageFault) as caught, ctx.read():
        raise sqlite3.OperationalError("disk I/O error")
    assert caught.value.kind == "io"
    with pytest.raises(sqlite3.OperationalError, match="no such table"), ctx.read():
        raise sqlite3.OperationalError("no such table: nowhere")  # not a storage fault: as it was


def test_the_views_are_the_ones_a_customer_read_makes(ctx, clock):
    """The lookup writes its views' fields directly (no dataclass ``__init__``): every field as ``get_customer``
    gives it, dates, phone display, limits, GSTIN and all."""
    assert not hasattr(customers.CustomerView, "__post_init__")  # nothing the direct write would skip
    a = customers.add_customer(ctx, "Asha Rao", "98220 12345", credit_limit="500", gstin="27AAPFU0939F1ZV")
    customers.add_customer(ctx, "Ashok", None)
    customers.add_customer(ctx, "Ash Kumar", "+44 20 7946 0958")
    sell(ctx, a.id, 25000, no_payment=True)  # a visit, and the red pending amount
    for term in ("ash", "as", "12345", "98"):
        found = customers.lookup(ctx, term)
        assert found, term
        for view in found:
            assert view == customers.get_customer(ctx, view.id), (term, view)
            assert vars(view) == vars(customers.get_customer(ctx, view.id))
    shown = {v.name: v for v in customers.lookup(ctx, "as")}
    assert shown["Asha Rao"].phone_display == "+91 98220 12345" and shown["Asha Rao"].credit_limit == 50000
    assert shown["Asha Rao"].gstin == "27AAPFU0939F1ZV" and shown["Asha Rao"].state == "27"
    assert shown["Ash Kumar"].phone_display == "+44 20 7946 0958" and shown["Ashok"].phone_display == ""
    assert shown["Asha Rao"].balance == 25000 and shown["Asha Rao"].visits == 1
    assert shown["Asha Rao"].created_at == a.created_at and shown["Asha Rao"].last_visit is not None


@pytest.mark.parametrize("term", ["+91 98220 00031", "+919822000031", "91 9822000031", "09822000031",
                                  "0091 98220 00031"])
def test_a_whole_phone_with_its_country_code_or_prefix_finds_the_customer(ctx, term):
    _grow(ctx, 30, 33)
    with count_statements(ctx.engine) as seen:
        found = customers.lookup(ctx, term)
    assert [c.name for c in found] == ["Customer 0031"]
    assert len(seen) == 1


def test_a_foreign_number_is_found_by_its_international_form_and_partial_terms_are_unchanged(ctx):
    _grow(ctx, 30, 33)
    customers.add_customer(ctx, "Visitor Smith", "+44 7911 123456")
    assert [c.name for c in customers.lookup(ctx, "+44 7911 123456")] == ["Visitor Smith"]
    assert [c.name for c in customers.lookup(ctx, "+447911123456")] == ["Visitor Smith"]
    assert [c.name for c in customers.lookup(ctx, "98220")] == ["Customer 0030", "Customer 0031", "Customer 0032"]
    assert [c.name for c in customers.lookup(ctx, "919822000")] == []  # partial digits stay partial digits
    assert [c.name for c in customers.lookup(ctx, "smith")] == ["Visitor Smith"]
    assert [c.name for c in customers.lookup(ctx, "Customer 0031")] == ["Customer 0031"]


def test_the_search_keeps_one_connection_and_lets_it_go_when_the_engine_is_disposed(ctx):
    """``db.engine.KeptReader``: the lookup reads on one connection kept out of the pool (no checkout per
    keystroke), sees every commit, reads on a pooled connection while another thread holds the kept one, and
    closes it when the engine is disposed (a restore, the WAL's rescue) or after a driver error."""
    reader = ctx.engine.search_reader
    checkouts = []

    def checkout(*_args):
        checkouts.append(1)

    _grow(ctx, 0, 3)
    event.listen(ctx.engine, "checkout", checkout)
    try:
        assert [v.name for v in customers.lookup(ctx, "0001")] == ["Customer 0001"]
        kept = reader._conn
        assert kept is not None and len(checkouts) == 1
        for _ in range(5):
            customers.lookup(ctx, "custom")
        assert len(checkouts) == 1 and reader._conn is kept  # no pool checkout per keystroke
        _grow(ctx, 3, 5)  # commits on other connections: the kept one sees them at its next statement
        checkouts.clear()
        assert len(customers.lookup(ctx, "custom")) == 5 and not checkouts
        with reader._lock:  # another thread is searching on it: this one reads on a pooled connection
            assert len(customers.lookup(ctx, "custom")) == 5
        assert len(checkouts) == 1
    finally:
        event.remove(ctx.engine, "checkout", checkout)
    ctx.engine.dispose()
    assert reader._conn is None and kept.closed
    assert len(customers.lookup(ctx, "custom")) == 5 and reader._conn is not None
    with pytest.raises(sqlite3.OperationalError):
        reader.rows("SELECT * FROM no_such_table", {})
    assert reader._conn is None  # a driver error: the next search takes a new connection
    assert len(customers.lookup(ctx, "custom")) == 5


def test_a_connection_opened_while_the_folder_was_read_only_is_not_kept(ctx, monkeypatch):
    from possuite.db import engine as db_engine

    _grow(ctx, 0, 2)
    ctx.engine.dispose()
    monkeypatch.setattr(db_engine, "folder_is_writable", lambda _path: False)
    assert len(customers.lookup(ctx, "custom")) == 2 and ctx.engine.search_reader._conn is None
    monkeypatch.undo()
    ctx.engine.dispose()
    assert len(customers.lookup(ctx, "custom")) == 2 and ctx.engine.search_reader._conn is not None


def _segments(ctx) -> int:
    with ctx.read() as conn:
        return conn.exec_driver_sql("SELECT count(DISTINCT segid) FROM customers_fts_idx").scalar_one()


def test_the_day_close_merges_the_search_index_into_one_segment_and_the_results_stay(ctx):
    """``customers.merge_search_index``: each customer added or renamed in a transaction of its own writes a
    segment of the search index; the merge leaves one, in steps of a few pages, and every search finds what it
    found before."""
    _grow(ctx, 0, 40)
    first = customers.lookup(ctx, "Customer 0007")[0]
    customers.edit_customer(ctx, first.id, name="Renamed Person", phone="98765 00007")
    assert _segments(ctx) > 1
    terms = ["cu", "tomer 00", "0031", "98220", "2200", "zzq", "98", "renamed", "perso", "765"]
    before = {t: [vars(v) for v in customers.lookup(ctx, t)] for t in terms}
    assert before["renamed"] and not customers.lookup(ctx, "Customer 0007")
    steps = customers.merge_search_index(ctx, pages=1)
    assert steps >= 2 and _segments(ctx) == 1
    with ctx.write() as conn:  # FTS5's own check of the index against its content (raises when they differ)
        conn.exec_driver_sql("INSERT INTO customers_fts(customers_fts) VALUES('integrity-check')")
    assert {t: [vars(v) for v in customers.lookup(ctx, t)] for t in terms} == before
    assert customers.merge_search_index(ctx) == 1  # nothing left to merge: one short transaction
    customers.add_customer(ctx, "Late Arrival", "98111 22233")
    assert _segments(ctx) == 2 and [v.name for v in customers.lookup(ctx, "arriv")] == ["Late Arrival"]


def _stored_display(ctx, cid):
    with ctx.read() as conn:
        return conn.execute(select(m.Customer.phone_display).where(m.Customer.id == cid)).scalar_one()


def test_the_phone_as_shown_is_stored_with_the_phone_and_the_lookup_reads_it(ctx):
    """Book 0024: add, edit and import write ``phone_display`` by ``phones.display_phone``; the lookup shows it
    without formatting, and formats a row written without it (NULL) as before."""
    a = customers.add_customer(ctx, "Asha Rao", "98220 12345")
    b = customers.add_customer(ctx, "Ashok", None)
    assert _stored_display(ctx, a.id) == display_phone("+919822012345", "98220 12345") == "+91 98220 12345"
    assert _stored_display(ctx, b.id) == ""
    customers.edit_customer(ctx, a.id, phone="+44 20 7946 0958")
    assert _stored_display(ctx, a.id) == "+44 20 7946 0958"
    customers.edit_customer(ctx, a.id, phone="")
    assert _stored_display(ctx, a.id) == ""
    customers.edit_customer(ctx, a.id, phone="98220 12345")
    import_customers(ctx, b"name,phone\nAshwin,9822054321\n")
    with ctx.read() as conn:
        imported = conn.execute(select(m.Customer.phone_display).where(m.Customer.name == "Ashwin")).scalar_one()
    assert imported == "+91 98220 54321"

    # The lookup reads the stored form: a stored text it could not have formatted shows as stored.
    with ctx.engine.begin() as conn:
        conn.execute(m.Customer.__table__.update().where(m.Customer.id == a.id).values(phone_display="shown"))
    assert {v.name: v.phone_display for v in customers.lookup(ctx, "ash")}["Asha Rao"] == "shown"
    # NULL (a row written without it): formatted as every other read does.
    with ctx.engine.begin() as conn:
        conn.execute(m.Customer.__table__.update().where(m.Customer.id == a.id).values(phone_display=None))
    found = {v.name: v for v in customers.lookup(ctx, "ash")}
    assert found["Asha Rao"].phone_display == "+91 98220 12345" == customers.get_customer(ctx, a.id).phone_display


def _previous_statement_ids(ctx, term: str, limit: int = 20) -> list[str]:
    """What the lookup showed for one or two letters before they were read straight from the name index: the first
    ``limit * 3`` names of the index range, sorted (starts with the term, name, id) and cut to ``limit``."""
    kind, params = customers._search_params(ctx, term, limit * 3)
    assert kind == "name_prefix"
    key = term.strip().casefold()
    candidates = customers._SEARCH_SQL[kind].format(cols="c.rowid AS r", active="AND c.active = 1")
    sql = customers._LOOKUP_SQL.format(cols="c.id", candidates=candidates)
    with ctx.read() as conn:
        return [r[0] for r in conn.exec_driver_sql(sql, {**params, "key": key, "klen": len(key), "shown": limit})]


def test_one_or_two_letters_show_the_same_customers_in_the_same_order_read_from_the_name_index(ctx):
    """Issue 15: for one or two letters every match starts with the term, so the 20 shown are the first by name
    and id, read in that order from ``ix_customers_store_name_key`` and no further (not 60 candidates read twice
    and sorted): the same customers, order and fields as the statement before, for every term and page size."""
    import random

    rng = random.Random(15)
    first = ["Asha", "ashok", "Amit", "Anil", "Bela", "bina", "Chetan", "Émile", "Zoë", "Ma", "Mahesh", "mala"]
    last = ["Rao", "Shah", "Iyer", "", "Das"]
    for i in range(150):  # names in no order, equal names (more than one page of them), a few inactive
        name = f"{rng.choice(first)} {rng.choice(last)}".strip()
        c = customers.add_customer(ctx, name, f"98{rng.randrange(10**8):08d}")
        if i % 17 == 0:
            customers.deactivate_customer(ctx, c.id)
    terms = ["a", "as", "AS", "b", "bi", "ch", "é", "ém", "zo", "m", "ma", "MA", "x", "9", "98"]
    for term in terms:
        for limit in (1, 5, 20):
            found = customers.lookup(ctx, term, limit)
            if not term.isdigit():
                assert [v.id for v in found] == _previous_statement_ids(ctx, term, limit), (term, limit)
                assert [(v.name.casefold(), v.id) for v in found] == sorted((v.name.casefold(), v.id) for v in found)
            for view in found:
                assert vars(view) == vars(customers.get_customer(ctx, view.id))
    assert len(customers.lookup(ctx, "a")) == 20 and all(v.active for v in customers.lookup(ctx, "ma"))
    # Read from the name index in its order: no sort of the whole range, one statement.
    kind, params = customers._search_params(ctx, "ma", 60)
    with ctx.read() as conn:
        plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + customers._lookup_sql(kind),
                                                              {**params, "shown": 20}))
    assert "USING INDEX ix_customers_store_name_key" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan
    with count_statements(ctx.engine) as seen:
        customers.lookup(ctx, "ma")
    assert len(seen) == 1
