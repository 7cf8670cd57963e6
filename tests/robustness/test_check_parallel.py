"""The full check in parts and on two processes (``services/integrity.py`` ``run_checks``, issue 15) finds
what the one-pass check found, finding for finding and in the same order: the chain's streams cut into
parts (each verified alone from the row before it, ``chain.part``/``chain.merge``) and walked by the lean
walk (``printf`` content, a NUL-byte guard), the projection in customer ranges, the other checks each
on one of two lanes, one of them another process. Tampering and damage of every kind the suites already
inject, through both paths."""

from __future__ import annotations

import importlib.util
import random
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from test_chain_tampering import KINDS, book, tamper  # noqa: F401  (``book`` is a fixture)

from possuite.services import chain, integrity
from possuite.services.app import open_context
from possuite.services.context import CLI_ACTOR

_GUARDS = ("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
           "(name LIKE '%_no_update' OR name LIKE '%_no_delete' OR name LIKE '%_chain_once')")


def _reference_chain(con, store_id: str) -> list[chain.Problem]:
    """The full chain check as one walk over each stream (``chain._rows`` and ``chain._walk``, the code the
    full check used before it was cut into parts)."""
    heads = {r[0]: (r[1], r[2], r[3]) for r in con.execute(chain._HEADS, (store_id,))}
    out: list[chain.Problem] = []
    for stream in chain.TABLES_OF:
        head_row = heads.get(stream)
        own = head_row[0] if head_row else None
        label = {own: f"{own}, this till"} if own else {}
        found, ends = chain._walk(stream, chain._rows(con, stream, store_id, None, 0), own, {}, label)
        out += found
        if own and label[own] not in {p.till for p in found} and head_row is not None:
            end = ends.get(own, (0, chain.GENESIS))
            if end != (head_row[1], head_row[2]):
                out.append(chain.Problem(stream, "(end of chain)", label[own], end[0],
                                         f"the chain ends at #{end[0]} but this till wrote up to #{head_row[1]}: "
                                         "the last row(s) were deleted, or the chain's head was altered"))
    return out + chain.rest(con, store_id)


def _in_parts(con, store_id: str, n: int) -> list[chain.Problem]:
    by_stream: dict[str, list[dict]] = {}
    for stream, lo, hi in chain.parts(con, store_id, n):
        by_stream.setdefault(stream, []).append(chain.part(con, store_id, stream, lo, hi))
    merged = [p for stream, results in by_stream.items() for p in chain.merge(stream, results)]
    return merged + chain.rest(con, store_id)


#: A column of each chained table set to its value, a NUL byte, and more: ``printf`` would stop at the NUL.
_NUL = {"bills": "user_name", "payments": "reference", "ledger_entries": "note", "allocations": "created_at"}


def _damage(con: sqlite3.Connection, rng: random.Random, kind: str) -> None:
    """In a transaction of its own (the caller rolls it back): the book's guards dropped, then one tampering of
    ``kind`` (``KINDS``), or a NUL byte and more appended to a text column ("nul") or to a number ("nul in a number")
    of a chained row."""
    con.execute("BEGIN")
    for (name,) in con.execute(_GUARDS).fetchall():
        con.execute(f"DROP TRIGGER {name}")
    if kind.startswith("nul"):
        table = rng.choice(tuple(_NUL))
        col = _NUL[table] if kind == "nul" else "amount" if table != "bills" else "total"
        rowid = rng.choice([r[0] for r in con.execute(f"SELECT rowid FROM {table} WHERE chain_seq > 0")])
        glue = "||" if kind == "nul" else "AS BLOB) ||"
        con.execute(f"UPDATE {table} SET {col} = {'' if kind == 'nul' else 'CAST('}{col} {glue} char(0) || "
                    f"'x' WHERE rowid = ?", (rowid,))
    else:
        tamper(con, rng, kind)


def test_the_chain_in_parts_finds_what_one_walk_finds_for_every_tampering(book, db_path, monkeypatch):  # noqa: F811
    store_id = book
    monkeypatch.setattr(chain, "PART_ROWS", 5)   # about 150 chained rows: every stream in several parts
    con = sqlite3.connect(db_path, isolation_level=None)
    assert len(chain.parts(con, store_id, 4)) == 8
    assert _in_parts(con, store_id, 4) == _reference_chain(con, store_id) == []
    rng = random.Random(1507)
    seen = 0
    for kind in (*KINDS, "nul", "nul in a number"):
        for _ in range(25):
            _damage(con, rng, kind)
            want = _reference_chain(con, store_id)
            got = {n: _in_parts(con, store_id, n) for n in (1, 2, 4)}
            con.execute("ROLLBACK")
            assert want, f"{kind}: the one walk found nothing"
            assert got == {1: want, 2: want, 4: want}, kind
            seen += 1
    con.close()
    assert seen == 25 * (len(KINDS) + 2)


def _reference_since(con, store_id: str, marks: dict[str, int]) -> list[chain.Problem]:
    """The incremental chain check as it was before it took the lean walk: this till's chains from the first row
    written after ``marks``, read table by table in the ``||`` text (``chain._rows``), merged in Python and walked
    by ``chain._walk``."""
    heads = {r[0]: (r[1], r[2], r[3]) for r in con.execute(chain._HEADS, (store_id,))}
    key_of = {"bills": "bills", "payments": "payments", "ledger_entries": "entries", "allocations": "allocations"}
    out: list[chain.Problem] = []
    for stream, tables in chain.TABLES_OF.items():
        head_row = heads.get(stream)
        own = head_row[0] if head_row else None
        if own is None:
            continue
        label = {own: f"{own}, this till"}
        starts = [con.execute(chain._START.format(t=t, live=chain._CHAINED[t]),
                              (marks.get(key_of[t], 0), own, store_id)).fetchone()[0] for t in tables]
        starts = [s for s in starts if s is not None]
        start = min(starts) if starts else head_row[1] + 1
        anchors: dict[str, tuple[int, str]] = {}
        if start > 1:
            prev = None
            for t in tables:
                prev = prev or con.execute(chain._AT.format(t=t, live=chain._CHAINED[t]),
                                           (own, start - 1, store_id)).fetchone()
            if prev is None:
                out.append(chain.Problem(stream, f"#{start - 1}", label[own], start - 1,
                                         "the row before the ones written since the last seal is missing (deleted)"))
                continue
            anchors[own] = (start - 1, prev[0])
        found, ends = chain._walk(stream, chain._rows(con, stream, store_id, own, start), own, anchors, label)
        out += found
        if label[own] not in {p.till for p in found}:
            end = ends.get(own, anchors.get(own, (0, chain.GENESIS)))
            if end != (head_row[1], head_row[2]):
                out.append(chain.Problem(stream, "(end of chain)", label[own], end[0],
                                         f"the chain ends at #{end[0]} but this till wrote up to #{head_row[1]}: "
                                         "the last row(s) were deleted, or the chain's head was altered"))
    return out + chain.rest(con, store_id, marks)


def test_the_incremental_chain_check_finds_what_the_walk_finds_for_every_tampering(book, db_path):  # noqa: F811
    """The incremental check's chains (``chain.problems`` with a seal's marks: SQLite merges the tables and builds
    the ``printf`` text, the lean walk hashes it) against the walk it replaced, for every kind of tampering (NUL
    bytes included), from marks at the start, in the middle and at the end of the book."""
    store_id = book
    con = sqlite3.connect(db_path, isolation_level=None)
    tops = {k: con.execute(f"SELECT max(rowid) FROM {t}").fetchone()[0]
            for k, t in (("entries", "ledger_entries"), ("allocations", "allocations"), ("bills", "bills"),
                         ("payments", "payments"), ("lines", "bill_lines"))}
    every = [{k: top * j // 3 for k, top in tops.items()} for j in range(4)]
    for marks in every:
        assert chain.problems(con, store_id, marks) == _reference_since(con, store_id, marks) == []
    rng = random.Random(1508)
    seen = 0
    for kind in (*KINDS, "nul", "nul in a number"):
        for _ in range(25):
            _damage(con, rng, kind)
            for marks in every:
                want = _reference_since(con, store_id, marks)
                assert chain.problems(con, store_id, marks) == want, (kind, marks)
                seen += bool(want)
            con.execute("ROLLBACK")
    con.close()
    assert seen >= 25 * (len(KINDS) + 2)   # each tampering found from the first marks at least


_spec = importlib.util.spec_from_file_location(
    "equivalence_damage", Path(__file__).parents[1] / "bench" / "test_integrity_equivalence.py")
_equivalence = importlib.util.module_from_spec(_spec)
sys.modules["equivalence_damage"] = _equivalence
_spec.loader.exec_module(_equivalence)
sound_book = _equivalence.sound_book
DAMAGE = {
    **_equivalence.DAMAGE,
    "bill row changed (chain)": "UPDATE bills SET user_name = user_name || 'x' WHERE rowid = 3",
    "entry deleted (chain)": "DELETE FROM ledger_entries WHERE rowid = (SELECT MAX(rowid) FROM ledger_entries "
                             f"WHERE {_equivalence.GLOW})",
    "bill taken out of the chain (chain)": "UPDATE bills SET chain_till = NULL, chain_seq = NULL, chain_hash = NULL "
                                           f"WHERE rowid = (SELECT MAX(rowid) FROM bills WHERE {_equivalence.GLOW})",
    "allocation pair moved (projection)": "UPDATE allocations SET amount = amount - 1 WHERE rowid = "
                                          "(SELECT MIN(rowid) FROM allocations)",
}


def _run(path: Path, *, parallel: bool, monkeypatch) -> tuple[list[str], set[str]]:
    """``run_checks`` on a process and in many parts (``parallel``), or every check of ``CHECKS`` called in
    turn on one connection: one pass, one snapshot, the way the check ran before it was cut."""
    with monkeypatch.context() as m:
        m.setattr(integrity, "PROCESS_ROWS", 0)
        m.setattr(integrity, "PART_CUSTOMERS", 1)
        m.setattr(chain, "PART_ROWS", 3)
        ctx = open_context(path, actor=CLI_ACTOR)
        try:
            ctx.store_id = _equivalence._store(sqlite3.connect(path))
            if parallel:
                found = [str(f) for f in integrity.run_checks(ctx)]
                return found, {lane for _t, lane, _c, _w in integrity.LAST_RUN}
            with ctx.read() as conn:
                return [str(f) for check in integrity.CHECKS for f in check(conn, ctx.store_id)], set()
        finally:
            ctx.engine.dispose()


def test_a_sound_book_is_sound_on_two_processes(sound_book, monkeypatch):
    found, lanes = _run(sound_book, parallel=True, monkeypatch=monkeypatch)
    assert found == []
    assert lanes == {"this process", "checking process"}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_two_processes_in_parts_find_what_one_pass_finds(sound_book, tmp_path, name, monkeypatch):
    path = tmp_path / "damaged.sqlite3"
    shutil.copy(sound_book, path)
    con = sqlite3.connect(path)
    for (trigger,) in con.execute(_GUARDS).fetchall():
        con.execute(f"DROP TRIGGER {trigger}")
    assert con.execute(DAMAGE[name]).rowcount >= 1
    con.commit()
    con.close()
    serial, _ = _run(path, parallel=False, monkeypatch=monkeypatch)
    parallel, lanes = _run(path, parallel=True, monkeypatch=monkeypatch)
    assert serial, f"the check did not notice {name!r}"
    assert parallel == serial
    assert "checking process" in lanes


def test_a_checking_process_that_fails_hands_its_work_back(sound_book, tmp_path, monkeypatch):
    path = tmp_path / "damaged.sqlite3"
    shutil.copy(sound_book, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE customers SET balance = balance + 1 WHERE name = 'Asha Rao'")
    con.commit()
    con.close()
    serial, _ = _run(path, parallel=False, monkeypatch=monkeypatch)
    monkeypatch.setattr(integrity, "_CHILD_MAIN", "import sys; sys.exit(3)")
    parallel, lanes = _run(path, parallel=True, monkeypatch=monkeypatch)
    assert parallel == serial and len(serial) >= 2
    assert lanes == {"this process"}
