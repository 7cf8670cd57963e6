"""Random tampering of a traded book, the way someone with the sqlite3 module would do it (the guards
dropped, rows changed, deleted, forged or swapped): the chain check (docs/architecture.md §3.6) must find
every one and name the right row. ``POSSUITE_TAMPER_N`` sets how many of each kind (200 by default),
``POSSUITE_TAMPER_SEED`` replays a run. The figures go in the README's reliability table."""

from __future__ import annotations

import os
import random
import sqlite3
from collections import Counter
from datetime import timedelta

import pytest

from possuite.db.ids import new_id
from possuite.services import chain, collections, customers
from testkit import sell

N = int(os.environ.get("POSSUITE_TAMPER_N", "200"))
SEED = int(os.environ.get("POSSUITE_TAMPER_SEED", random.randrange(1 << 30)))
TABLES = tuple(chain.STREAM_OF)
KINDS = ("change", "delete", "forge", "swap")
#: The insert-only guards and the chain's write-once guards: dropped, as someone with the sqlite3 shell would.
_GUARDS = ("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
           "(name LIKE '%_no_update' OR name LIKE '%_no_delete' OR name LIKE '%_chain_once')")


@pytest.fixture
def book(ctx, clock, db_path):
    """Five days of trade at one till: about 150 chained rows across the four tables."""
    people = [customers.add_customer(ctx, f"Customer {n}", f"98220000{n:02d}") for n in range(4)]
    rng = random.Random(7)
    for _day in range(5):
        for _ in range(5):
            who = rng.choice(people + [None])
            amount = rng.randrange(1000, 50000)
            if who is None:
                sell(ctx, None, amount, pay=[("cash", amount)])
            else:
                sell(ctx, who.id, amount, pay=[("upi", amount // 2)], pending=True)
        collections.collect_dues(ctx, people[0].id, 500, "cash")
        clock.set(clock.now() + timedelta(days=1))
    return ctx.store_id


def _chained(con, table: str) -> list[tuple]:
    return con.execute(f"SELECT rowid, id, chain_till, chain_seq FROM {table} WHERE chain_seq IS NOT NULL").fetchall()


def _columns(table: str) -> tuple[str, ...]:
    return chain._SEALED[table].columns


def _changed(value):
    if value is None:
        return "x"
    if isinstance(value, int):
        return value + 1
    return value + "x"


def _in_order(con, stream: str) -> list[tuple[str, str, int]]:
    """(table, id, seq) of the stream's rows in chain order."""
    rows = [(t, r[1], r[3]) for t in chain.TABLES_OF[stream] for r in _chained(con, t)]
    return sorted(rows, key=lambda r: r[2])


def tamper(con, rng: random.Random, kind: str) -> tuple[str, set[str]]:
    """Make one change of ``kind``; return (what was done, the row ids a right finding may name)."""
    table = rng.choice(TABLES)
    rows = _chained(con, table)
    rowid, rid, till, seq = rng.choice(rows)
    if kind == "change":
        col = rng.choice([c for c in _columns(table) if not (table == "ledger_entries" and c == "kind")])
        old = con.execute(f"SELECT {col} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()[0]
        con.execute(f"UPDATE {table} SET {col} = ? WHERE rowid = ?", (_changed(old), rowid))
        new = con.execute(f"SELECT id FROM {table} WHERE rowid = ?", (rowid,)).fetchone()[0]
        return f"{table}.{col} of #{seq} changed", {new}
    if kind == "delete":
        con.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
        after = [r for r in _in_order(con, chain.STREAM_OF[table]) if r[2] > seq]
        return f"{table} #{seq} deleted", ({after[0][1]} if after else {"(end of chain)"})
    if kind == "forge":
        forged = new_id()
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                if r[1] not in ("id", "store_id", "chain_till", "chain_seq", "chain_hash")]
        amount = "amount" if "amount" in cols else "total"
        bump = {amount: f"{amount} + 777", "number": "number || 'F'"}
        how = rng.choice(("unchained", "copied place", "next place"))
        chain_cols = {"unchained": "NULL, NULL, NULL", "copied place": "chain_till, chain_seq, chain_hash",
                      "next place": f"chain_till, (SELECT max(chain_seq) + 1 FROM {table}), chain_hash"}[how]
        con.execute(f"INSERT INTO {table}(id, store_id, {', '.join(cols)}, chain_till, chain_seq, chain_hash) "
                    f"SELECT ?, store_id, {', '.join(bump.get(c, c) for c in cols)}, "
                    f"{chain_cols} FROM {table} WHERE rowid = ?", (forged, rowid))
        return f"{table} forged ({how})", {forged}
    # swap: two rows of the same stream trade places in the chain (or, half the time, their amounts)
    stream = chain.STREAM_OF[table]
    order = _in_order(con, stream)
    i = rng.randrange(len(order) - 1)
    j = rng.randrange(i + 1, len(order))
    (ta, a, sa), (tb, b, sb) = order[i], order[j]
    if rng.random() < 0.5:
        ha = con.execute(f"SELECT chain_hash FROM {ta} WHERE id = ?", (a,)).fetchone()[0]
        hb = con.execute(f"SELECT chain_hash FROM {tb} WHERE id = ?", (b,)).fetchone()[0]
        con.execute(f"UPDATE {ta} SET chain_seq = ?, chain_hash = ? WHERE id = ?", (sb, hb, a))
        con.execute(f"UPDATE {tb} SET chain_seq = ?, chain_hash = ? WHERE id = ?", (sa, ha, b))
        return f"{ta} #{sa} and {tb} #{sb} swapped places", {b}
    ca = "total" if ta == "bills" else "amount"
    cb = "total" if tb == "bills" else "amount"
    va = con.execute(f"SELECT {ca} FROM {ta} WHERE id = ?", (a,)).fetchone()[0]
    vb = con.execute(f"SELECT {cb} FROM {tb} WHERE id = ?", (b,)).fetchone()[0]
    if va == vb:
        con.execute(f"UPDATE {ta} SET {ca} = {ca} + 1 WHERE id = ?", (a,))
    else:
        con.execute(f"UPDATE {ta} SET {ca} = ? WHERE id = ?", (vb, a))
        con.execute(f"UPDATE {tb} SET {cb} = ? WHERE id = ?", (va, b))
    return f"{ta} #{sa} and {tb} #{sb} swapped amounts", {a}


def test_every_random_tampering_is_found_and_names_the_right_row(book, db_path):
    store_id = book
    con = sqlite3.connect(db_path, isolation_level=None)
    assert chain.problems(con, store_id) == []
    rng = random.Random(SEED)
    found, named, missed = Counter(), Counter(), []
    for kind in KINDS:
        for _ in range(N):
            con.execute("BEGIN")
            for (name,) in con.execute(_GUARDS).fetchall():
                con.execute(f"DROP TRIGGER {name}")
            what, right = tamper(con, rng, kind)
            problems = chain.problems(con, store_id)
            con.execute("ROLLBACK")
            if problems:
                found[kind] += 1
            if any(p.row_id in right or any(r in p.message for r in right) for p in problems[:2]):
                named[kind] += 1
            else:
                missed.append((what, [(p.subject, p.message) for p in problems]))
    con.close()
    print(f"\nchain tampering (seed {SEED}): injected {N} of each kind; found {dict(found)}; "
          f"right row named {dict(named)}")
    assert missed == [], f"seed {SEED}: {missed[:5]}"
    assert all(found[k] == N for k in KINDS)
