"""The sale's writes on the driver connection (db/direct.py) store exactly what Core's ``insert(table)`` stores."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert, text

from possuite.db import direct
from possuite.db import models as m
from possuite.db.engine import stored_time

B = m.Bill.__table__


def _bill(ctx, bill_id: str, number: str, **over) -> dict:
    row = {"id": bill_id, "store_id": ctx.store_id, "number": number, "seq": 1, "customer_id": None,
           "user_id": None, "user_name": "Owner", "authorised_by": None,
           "posted_at": datetime(2026, 11, 2, 10, 0, 0), "business_date": date(2026, 11, 2),
           "due_date": None, "subtotal": 10000, "tax": 1800, "total": 11800, "retail_value": 11800,
           "complimentary": True, "outcome": "paid", "note": "Ünïcode ‘quotes’", "charge_entry_id": None,
           "is_demo": False}
    row.update(over)
    return row


def _stored(conn, bill_id: str) -> dict:
    r = dict(conn.exec_driver_sql("SELECT * FROM bills WHERE id = ?", (bill_id,)).mappings().one())
    return {k: v for k, v in r.items() if k not in ("id", "number")}


@pytest.mark.parametrize("posted", [datetime(2026, 11, 2, 10, 0, 0), datetime(2026, 11, 2, 23, 59, 59, 999999)])
def test_a_row_written_on_the_driver_is_the_row_core_writes(ctx, posted):
    with ctx.write() as conn:
        conn.execute(insert(B), _bill(ctx, "A" * 26, "T-1", posted_at=posted))
        direct.Insert(B).run(conn, _bill(ctx, "B" * 26, "T-2", posted_at=posted))
        core, mine = _stored(conn, "A" * 26), _stored(conn, "B" * 26)
        # The defaults Core fills in for columns left out (discount, comp_reason, void_reason, GST columns ...).
        assert mine == core
        assert mine["posted_at"] == stored_time(posted) and mine["business_date"] == "2026-11-02"
        assert mine["complimentary"] == 1 and mine["is_demo"] == 0 and mine["discount"] == 0
        assert conn.execute(text("SELECT typeof(posted_at), typeof(complimentary) FROM bills WHERE id = :i"),
                            {"i": "B" * 26}).one() == ("text", "integer")


def test_several_rows_in_one_call_and_an_unknown_column_refused(ctx):
    with ctx.write() as conn:
        direct.Insert(B).run(conn, [_bill(ctx, f"{c}" * 26, f"T-{c}") for c in "CDE"])
        assert conn.execute(text("SELECT count(*) FROM bills WHERE number LIKE 'T-%'")).scalar() == 3
        with pytest.raises(KeyError, match="no column colour"):
            direct.Insert(B).run(conn, _bill(ctx, "F" * 26, "T-F", colour="red"))


# ---------------------------------------------------------------- the unit of work on the driver (Context.write)


def _bills_named(ctx, prefix: str) -> int:
    with ctx.read() as conn:
        return conn.execute(text("SELECT count(*) FROM bills WHERE number LIKE :p"), {"p": prefix + "%"}).scalar()


class Boom(Exception):
    pass


def test_a_write_that_fails_leaves_nothing_whether_it_ran_core_or_not(ctx):
    with pytest.raises(Boom), ctx.write() as conn:      # only driver statements
        direct.Insert(B).run(conn, _bill(ctx, "G" * 26, "U-1"))
        raise Boom
    with pytest.raises(Boom), ctx.write() as conn:      # Core joins the driver's transaction
        direct.Insert(B).run(conn, _bill(ctx, "H" * 26, "U-2"))
        conn.execute(insert(B), _bill(ctx, "J" * 26, "U-3"))
        raise Boom
    assert _bills_named(ctx, "U-") == 0
    with ctx.write() as conn:
        direct.Insert(B).run(conn, _bill(ctx, "K" * 26, "U-4"))
        conn.execute(insert(B), _bill(ctx, "M" * 26, "U-5"))
    with ctx.write() as conn:
        direct.Insert(B).run(conn, _bill(ctx, "N" * 26, "U-6"))
    assert _bills_named(ctx, "U-") == 3
    with ctx.engine.connect() as conn:   # every connection went back to the pool outside a transaction
        assert not conn.connection.driver_connection.in_transaction


def test_every_write_is_begun_immediate_announced_and_heard_by_the_commit_listeners(ctx):
    from sqlalchemy import event

    seen, commits = [], []
    listener = lambda conn, cursor, statement, *a: seen.append(statement)  # noqa: E731
    on_commit = lambda conn: commits.append(1)  # noqa: E731
    event.listen(ctx.engine, "before_cursor_execute", listener)
    event.listen(ctx.engine, "commit", on_commit)
    heard = ctx.engine.checkpointer._last_commit
    try:
        with ctx.write() as conn:
            direct.Insert(B).run(conn, _bill(ctx, "P" * 26, "V-1"))
            assert conn.connection.driver_connection.in_transaction
        with ctx.write() as conn:
            conn.execute(insert(B), _bill(ctx, "Q" * 26, "V-2"))
    finally:
        event.remove(ctx.engine, "before_cursor_execute", listener)
        event.remove(ctx.engine, "commit", on_commit)
    assert seen.count("BEGIN IMMEDIATE") == 2 and "BEGIN" not in seen   # Core's autobegin joined, began nothing
    assert len(commits) == 2
    assert ctx.engine.checkpointer._last_commit > heard   # the background checkpoint counts them


# ---------------------------------------------------------------- the reads on the driver (direct.Query)


def test_the_customer_and_open_items_read_on_the_driver_are_the_values_core_reads(ctx):
    """A sale's and a collection's reads inside the write (the customer, brief or whole, and their open charges)
    give the values, types included, that the same select gives through Core."""
    from possuite.services import customers, ledger
    from testkit import sell

    c = customers.add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, c.id, 10000, no_payment=True)
    sell(ctx, c.id, 5000, pay=[("cash", 2000)], pending=True)
    with ctx.write() as conn:
        params = {"s": ctx.store_id, "id": c.id}
        core = dict(conn.execute(customers._BY_ID, params).mappings().one())
        whole = customers.resolve(conn, ctx, c.id)
        brief = customers.resolve(conn, ctx, c.id, brief=True)
        side = {"s": ctx.store_id, "cid": c.id, "side": "charge"}
        open_core = [tuple(r) for r in conn.execute(ledger._OPEN_SIDE, side).all()]
        open_mine = [tuple(r) for r in ledger._OPEN_SIDE_DIRECT.all(conn, side)]
    assert whole == core and {k: type(v) for k, v in whole.items()} == {k: type(v) for k, v in core.items()}
    assert brief == {k: core[k] for k in customers.BRIEF_COLUMNS}
    assert type(brief["active"]) is bool and brief["balance"] == 13000
    assert open_mine == open_core and len(open_mine) == 2
    assert [tuple(map(type, r)) for r in open_mine] == [tuple(map(type, r)) for r in open_core]
