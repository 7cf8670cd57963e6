"""The tamper-evident ledger: a hash chain over what each till wrote (docs/architecture.md §3.6).

Every bill, payment, ledger entry and allocation carries ``chain_till`` (the chain of the till that wrote
it), ``chain_seq`` (its place in that chain) and ``chain_hash`` = SHA-256 of the previous row's hash, the
table, the till, the place and the row's **canonical content**: the sealed columns' text, exactly as
``services/seals.py`` hashes a sealed day (``SealedTable.row_text``, read back from the row as SQLite stores
it: one serialisation for both). Columns a later event changes (a bill's void columns, ``shift_id``, the
demo flag) are outside it, as they are outside the seals.

Two streams per (store, till): ``ledger`` (bills, payments, ledger entries, in the order they were linked:
the till's facts, pushed to the hub as they are and verified there) and ``allocations`` (the till's own
cache rows, never pushed). A second void's ``unvoid`` entry is outside the chain (every node that holds
both voids may post the same row, so it belongs to no one till's chain); the check proves it is derived
from its void instead. Demo rows are outside too (the demo may remove them).

- ``link(conn, store_id, batches)``: the one writer of the chain columns, called where the rows are written
  (``services/ledger.py`` for entries and allocations, the checkout/collections/returns for bills and
  payments, ``backfill`` for the bulk paths), inside the writing transaction;
- ``backfill(conn, store_id)``: links every unlinked row of the book in write order (migration 0016, the
  bench's history builder);
- ``problems(conn, store_id, marks=None)``: the chain verified (all of it, or the own chain from the rows
  above the last seal's marks), each problem naming the first row that was changed, deleted or inserted out
  of order;
- ``day_last_hash(conn, store_id, day)``: the hash the day report prints.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Boolean, Connection, Date, DateTime, text

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.services import ledger, seals

#: The hash a chain starts from.
GENESIS = seals.GENESIS
LEDGER, ALLOCATIONS = "ledger", "allocations"
#: Chained tables -> stream, in the order a batch links them when a writer hands several at once.
STREAM_OF = {"bills": LEDGER, "payments": LEDGER, "ledger_entries": LEDGER, "allocations": ALLOCATIONS}
TABLES_OF = {LEDGER: ("bills", "payments", "ledger_entries"), ALLOCATIONS: ("allocations",)}
#: The seal key of each chained table (``seals.TABLES``): its columns and what the book keeps (not demo).
_SEALED = {t.table: t for t in seals.TABLES}
#: A second void's undo is outside the chain (see the module docstring).
_CHAINED = {t: (f"{_SEALED[t].live} AND kind != 'unvoid'" if t == "ledger_entries" else _SEALED[t].live)
            for t in STREAM_OF}


def canonical_text(table: str, dialect: str = "sqlite") -> str:
    """SQL: a row's canonical content, the sealed columns joined (``seals.SealedTable.row_text``): each value
    as the book stores it (SQLite's text of an integer; a time as ``db.engine.STORED_TIME_FORMAT``, a date as
    ISO, a flag as 1/0), NULL as char(30), char(31) between. On the hub (``postgresql``) the same text is
    spelled in PostgreSQL from the book's column types, so a row hashes alike wherever it is."""
    if dialect == "sqlite":
        return _SEALED[table].row_text()
    cols = m.Base.metadata.tables[table].columns

    def as_stored(name: str) -> str:
        kind = cols[name].type
        if isinstance(kind, DateTime):
            return f"to_char({name}, 'YYYY-MM-DD HH24:MI:SS.US')"
        if isinstance(kind, Date):
            return f"to_char({name}, 'YYYY-MM-DD')"
        if isinstance(kind, Boolean):
            return f"({name})::int::text"
        return f"({name})::text"
    sealed = _SEALED[table]
    out = " || chr(31) || ".join(f"coalesce({as_stored(c)}, chr(30))" for c in sealed.columns)
    for c in sealed.later:   # as row_text: a later integer column only when not 0
        out += f" || (CASE WHEN {c} = 0 THEN '' ELSE chr(31) || '{c}=' || ({c})::text END)"
    return out


def row_hash(prev_hash: str, table: str, till: str, seq: int, content: str) -> str:
    return hashlib.sha256(f"{prev_hash}\x1d{table}\x1d{till}\x1d{seq}\x1d{content}".encode()).hexdigest()


def _driver(conn):
    """The DB-API connection under a SQLAlchemy one (or a plain ``sqlite3`` connection: the bench's floor)."""
    return conn.connection.driver_connection if isinstance(conn, Connection) else conn


_HEADS = "SELECT stream, till, seq, hash FROM chain_heads WHERE store_id = ?"
#: The heads and the till this book is on the hub (none before it registers), in one read.
_HEADS_AND_TILL = ("SELECT (SELECT id FROM sync_till WHERE store_id = :s), h.stream, h.till, h.seq, h.hash "
                   "FROM (SELECT 1) LEFT JOIN chain_heads h ON h.store_id = :s")
_MOVE_HEAD = ("INSERT INTO chain_heads(store_id, stream, till, seq, hash) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT(store_id, stream) DO UPDATE SET till = excluded.till, seq = excluded.seq, "
              "hash = excluded.hash")
_SET = {t: f"UPDATE {t} SET chain_till = ?, chain_seq = ?, chain_hash = ? WHERE rowid = ?" for t in STREAM_OF}


#: Ids per read (SQLite's limit on a statement's parameters is far above it).
_CHUNK = 500


@cache
def _content_of(table: str, n: int) -> str:
    return (f"SELECT rowid, {canonical_text(table)} FROM {table} "
            f"WHERE id IN ({', '.join('?' * n)}) AND chain_hash IS NULL AND {_CHAINED[table]}")


def _heads(driver, store_id: str) -> dict[str, list]:
    """Where this till's chains end. A registered till's chain is keyed by its id on the hub: a book copied
    to start a second counter (docs/architecture.md §7) carries the first book's chain id, so each copy,
    once registered, starts a chain of its own (the rows before stay in the chain they were written in)."""
    rows = driver.execute(_HEADS_AND_TILL, {"s": store_id}).fetchall()
    heads = {r[1]: [r[2], r[3], r[4]] for r in rows if r[1] is not None}
    registered = rows[0][0]
    till = registered or next((h[0] for h in heads.values()), None) or new_id()
    for stream in TABLES_OF:
        if heads.get(stream, [None])[0] != till:
            heads[stream] = [till, 0, GENESIS]
    return heads


def link(conn: Connection, store_id: str, batches: Iterable[tuple[str, Sequence[str]]], *,
         demo: bool = False) -> None:
    """Append the rows just written (``(table, ids)`` in write order; each table's ids in one insert's
    order) to this till's chains, inside the caller's write transaction. The head is read and moved in
    that transaction, which holds the book's write lock from its start (``BEGIN IMMEDIATE``), so several
    processes on one book append one after another. Demo documents (``demo``) and rows outside the chain
    (demo customers' rows, an ``unvoid``) are left unlinked. A few statements whatever the number of rows:
    one read of the heads, one read per table, one update per table, one write of the heads."""
    batches = [(t, ids) for t, ids in batches if ids]
    if demo or not batches:
        return
    driver = _driver(conn)
    heads = _heads(driver, store_id)
    moved: set[str] = set()
    cur = driver.cursor()
    for table, ids in batches:
        rows = sorted(r for i in range(0, len(ids), _CHUNK)
                      for r in driver.execute(_content_of(table, len(ids[i:i + _CHUNK])), tuple(ids[i:i + _CHUNK])))
        if not rows:
            continue
        stream = STREAM_OF[table]
        head = heads[stream]
        till, seq, h = head
        sets = []
        for rowid, content in rows:
            seq += 1
            h = row_hash(h, table, till, seq, content)
            sets.append((till, seq, h, rowid))
        cur.executemany(_SET[table], sets)
        head[1], head[2] = seq, h
        moved.add(stream)
    if moved:
        cur.executemany(_MOVE_HEAD, [(store_id, s, *heads[s]) for s in sorted(moved)])


def backfill(conn: Connection, store_id: str) -> int:
    """Link every row of the store not linked yet to this till's chains, in write order (the bulk paths:
    migration 0016 for an upgraded book's history, the bench's history builder, which write thousands of
    rows at a time). Write order: the rows' posting times, a sale's bill before its payments before its
    entries, then ``rowid``. One sorted read per stream (SQLite's sorter holds the rows, so the updates
    made while reading do not disturb it), updates in chunks. Returns the rows linked."""
    driver = _driver(conn)
    when = {"bills": "posted_at", "payments": "posted_at", "ledger_entries": "posted_at",
            "allocations": "created_at"}
    heads = _heads(driver, store_id)
    cur = driver.cursor()
    total = 0
    for stream, tables in TABLES_OF.items():
        parts = " UNION ALL ".join(
            f"SELECT {when[t]} AS t, {i} AS k, rowid AS r, {canonical_text(t)} AS c FROM {t} "
            f"WHERE chain_hash IS NULL AND +store_id = :s AND {_CHAINED[t]}" for i, t in enumerate(tables))
        head = heads[stream]
        till, seq, h = head
        sets: dict[int, list[tuple]] = {i: [] for i in range(len(tables))}
        for _t, k, rowid, content in driver.execute(f"SELECT * FROM ({parts}) ORDER BY t, k, r", {"s": store_id}):
            seq += 1
            h = row_hash(h, tables[k], till, seq, content)
            sets[k].append((till, seq, h, rowid))
            if len(sets[k]) >= 10000:
                cur.executemany(_SET[tables[k]], sets[k])
                sets[k] = []
        for k, rows in sets.items():
            if rows:
                cur.executemany(_SET[tables[k]], rows)
        if seq != head[1]:
            total += seq - head[1]
            head[1], head[2] = seq, h
            cur.execute(_MOVE_HEAD, (store_id, stream, *head))
    return total


def head(conn: Connection, store_id: str, stream: str = LEDGER) -> tuple[str, int, str] | None:
    """(till, seq, hash) where this till's chain of ``stream`` ends; None before its first row."""
    for s, till, seq, h in _driver(conn).execute(_HEADS, (store_id,)):
        if s == stream:
            return till, seq, h
    return None


#: This till's last chained row of a day (bills and payments by business date, entries by posting date), read
#: along the date indexes (a day's rows, never the chain); one statement, on a book or the hub's views alike.
_DAY_LAST = text(
    "SELECT chain_hash FROM ("
    " SELECT chain_seq, chain_hash, chain_till FROM bills WHERE store_id = :s AND business_date = :d"
    " UNION ALL SELECT chain_seq, chain_hash, chain_till FROM payments WHERE store_id = :s AND business_date = :d"
    " UNION ALL SELECT chain_seq, chain_hash, chain_till FROM ledger_entries"
    "  WHERE store_id = :s AND substr(posted_at, 1, 10) = :d) x "
    "WHERE chain_till = (SELECT till FROM chain_heads WHERE store_id = :s AND stream = 'ledger') "
    "ORDER BY chain_seq DESC LIMIT 1")


def day_last_hash(conn: Connection, store_id: str, day: str) -> str:
    """The hash of this till's last chained row of ``day`` (ISO date): the day report prints it (its first
    ``SHORT`` characters), so a paper copy can later prove what the book said. "" when the till chained
    nothing that day (or on the hub, which has no till of its own)."""
    return conn.execute(_DAY_LAST, {"s": store_id, "d": day}).scalar() or ""


#: How much of a hash the printed reports show (48 bits: enough to tell a rewritten book from the real one).
SHORT = 12


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class Problem:
    """The first row where a chain breaks (or a row outside every chain)."""

    table: str
    row_id: str
    till: str
    seq: int | None
    message: str

    @property
    def subject(self) -> str:
        place = f", #{self.seq}" if self.seq is not None else ""
        return f"{self.table} {self.row_id} (till {self.till}{place})"


_ROWS = ("SELECT chain_till, chain_seq, {rank}, chain_hash, id, {content} FROM {t} "
         "WHERE chain_till {till} AND +store_id = ? AND {live} ORDER BY chain_till, chain_seq")
_UNLINKED = "SELECT id, count(*) OVER () FROM {t} WHERE chain_till IS NULL AND +store_id = ? AND {live} {above} LIMIT 1"
#: The first of this till's rows written since the last seal (its rowid mark). ``+chain_till``: the rows since the
#: mark are a range of the table; through the chain's index SQLite walked this till's whole chain from its first
#: row (1.9 million at shop scale: 0.5 s of every incremental check, and growing with the book).
_START = "SELECT min(chain_seq) FROM {t} WHERE rowid > ? AND +chain_till = ? AND +store_id = ? AND {live}"
_AT = "SELECT chain_hash FROM {t} WHERE chain_till = ? AND chain_seq = ? AND +store_id = ? AND {live}"
_UNVOIDS = ("SELECT u.id, u.amount, v.id, v.amount FROM ledger_entries u LEFT JOIN ledger_entries v "
            "ON v.bill_id = u.bill_id AND v.kind = 'void' AND substr(v.id, 1, 10) = substr(u.id, 1, 10) "
            "AND v.store_id = u.store_id AND v.customer_id = u.customer_id WHERE u.kind = 'unvoid' AND +u.store_id = ?")


def _rows(driver, stream: str, store_id: str, till: str | None, start: int) -> Iterator[tuple]:
    """The stream's rows in chain order (``(till, seq)``), merged over its tables (one ordered read each,
    along the chain index). ``till``: only that chain, from ``start`` on."""
    def read(i: int, t: str) -> Iterator[tuple]:
        sql = _ROWS.format(rank=i, t=t, content=canonical_text(t), live=_CHAINED[t],
                           till="IS NOT NULL" if till is None else "= ? AND chain_seq >= ?")
        params = (store_id,) if till is None else (till, start, store_id)
        yield from driver.execute(sql, params)
    return heapq.merge(*(read(i, t) for i, t in enumerate(TABLES_OF[stream])), key=lambda r: (r[0], r[1]))


def _walk(stream: str, rows: Iterable[tuple], own: str | None, anchors: Mapping[str, tuple[int, str]],
          label: Mapping[str, str], *, hub: bool = False) -> tuple[list[Problem], dict[str, tuple[int, str]]]:
    """Each chain's rows in order against their hashes; the first break of each chain. Gaps in another
    till's chain are rows not pulled yet (verified on the hub, which holds the whole chain): only the own
    chain must run unbroken from its anchor. On the hub (``hub``) every chain must, from its first row there
    (a till's rows pushed before the hub's h0011 carry no chain: a chain may start on the hub after #1).
    Returns the problems and where each chain ended."""
    tables = TABLES_OF[stream]
    out: list[Problem] = []
    broken: set[str] = set()
    state: dict[str, list] = {}   # till -> [place, hash, (table, id)] of the last row verified
    for till, seq, rank, stored, rid, content in rows:
        if till in broken:
            continue
        table = tables[rank]
        st = state.get(till)
        if st is None:
            st = state[till] = [*anchors.get(till, (0, GENESIS)), None]
        prev_seq, prev_hash, prev_row = st
        mine = hub or till == own
        problem = None
        if hub and prev_row is None and till not in anchors and seq > 1:
            st[:] = [seq, stored, (table, rid)]   # its first row on the hub: the anchor
            continue
        if prev_row is not None and seq == prev_seq:
            problem = (f"holds place #{seq} in the chain like {prev_row[0]} {prev_row[1]}: a row inserted out of "
                       "order (or a copy)")
        elif seq != prev_seq + 1 and not mine:
            st[:] = [seq, stored, (table, rid)]   # rows not pulled yet: verify from here
            continue
        elif seq != prev_seq + 1:
            problem = (f"the chain jumps from #{prev_seq} to #{seq} here: "
                       f"{seq - prev_seq - 1 if seq > prev_seq else 'some'} row(s) before it were deleted")
        elif row_hash(prev_hash, table, till, seq, content) != stored:
            problem = ("does not match its hash: the row was changed after it was written, or moved in the chain "
                       "(rows swapped, or one inserted before it)")
        if problem is not None:
            out.append(Problem(table, rid, label.get(till, till), seq, problem))
            broken.add(till)
            continue
        st[:] = [seq, stored, (table, rid)]
    ends = {till: (st[0], st[1]) for till, st in state.items() if till not in broken}
    return out, ends


# ---------------------------------------------------------------- the full check, in parts

#: The rows of a part of a stream's chains, merged over its tables in chain order by SQLite (``MERGE (UNION
#: ALL)`` along each table's chain index). Each row's canonical content comes from one ``printf`` (half the
#: cost of the ``||`` chain of ``canonical_text``, identical text) with its length in bytes beside it:
#: ``printf``'s ``%s`` stops at a NUL byte where ``||`` does not, so a row whose text is shorter than its
#: columns' bytes is read again the ``||`` way (``_exact``) and hashed as before: the proof is the same.
_PART = ("SELECT chain_till, chain_seq, {rank}, chain_hash, id, {content}, {nbytes}, rowid FROM {t} "
         "WHERE chain_till IS NOT NULL AND +store_id = ? AND {live}{lo}{hi}")
_ANCHOR = ("SELECT chain_seq, chain_hash FROM {t} WHERE chain_till = ? AND chain_seq < ? AND +store_id = ? "
           "AND {live} ORDER BY chain_seq DESC LIMIT 1")
#: Chained rows per part of the full check at least (below it a stream is one part).
PART_ROWS = 200_000


def _printf_content(table: str) -> tuple[str, str]:
    """SQL: what a row's hash covers after the previous row's hash (``row_hash``: the table, the till, the
    place and the canonical content, ``canonical_text``) built by one ``printf``, and the byte length the
    ``||`` text of the same has (see ``_PART``)."""
    sealed = _SEALED[table]
    head = f"\x1d{table}\x1d"
    head_bytes = f"{len(head.encode())} + length(CAST(chain_till AS BLOB)) + length(CAST(chain_seq AS BLOB)) + 2"
    if sealed.later:   # not for the chained tables today: the ``||`` text, whose length is its own
        text = f"'{head}' || chain_till || char(29) || chain_seq || char(29) || {canonical_text(table)}"
        return text, f"length(CAST({text} AS BLOB))"
    fmt = "\x1f".join("%s" for _ in sealed.columns)
    args = ", ".join(f"ifnull({c}, char(30))" for c in sealed.columns)
    size = " + ".join(f"length(CAST(ifnull({c}, char(30)) AS BLOB))" for c in sealed.columns)
    return (f"printf('{head}%s\x1d%s\x1d{fmt}', chain_till, chain_seq, {args})",
            f"{head_bytes} + {size} + {len(sealed.columns) - 1}")


@cache
def _part_sql(stream: str, lo: bool, hi: bool, one: bool = False) -> str:
    """A part's rows (``_PART``), from ``(till, seq)`` on (``lo``), below another (``hi``); ``one``: the rows of
    one till's chain from a place on (``chain_till = ? AND chain_seq >= ?``: the incremental check's own chain)."""
    parts = []
    for i, t in enumerate(TABLES_OF[stream]):
        content, nbytes = _printf_content(t)
        parts.append(_PART.format(rank=i, t=t, content=content, nbytes=nbytes, live=_CHAINED[t],
                                  lo=" AND chain_till = ? AND chain_seq >= ?" if one else
                                  " AND (chain_till, chain_seq) >= (?, ?)" if lo else "",
                                  hi=" AND (chain_till, chain_seq) < (?, ?)" if hi else ""))
    return " UNION ALL ".join(parts) + " ORDER BY 1, 2"


@cache
def _own_sql(stream: str) -> str:
    """One till's rows of a stream from a place on, in chain order, with only what a sound row's hash needs: its
    place, its stored hash, the ``printf`` text it covers and the bytes of the ``||`` text (``_clean_end``)."""
    parts = []
    for t in TABLES_OF[stream]:
        content, nbytes = _printf_content(t)
        parts.append(f"SELECT chain_seq, chain_hash, {content}, {nbytes} FROM {t} "
                     f"WHERE chain_till = ? AND chain_seq >= ? AND +store_id = ? AND {_CHAINED[t]}")
    return " UNION ALL ".join(parts) + " ORDER BY 1"


def _clean_end(driver, stream: str, store_id: str, own: str, start: int,
               anchor: tuple[int, str]) -> tuple[int, str] | None:
    """This till's chain of ``stream`` from place ``start`` (the incremental check's rows since the seals), when it
    is sound: every row at the next place, its text whole (no NUL byte cut it) and its stored hash that of the row
    before's hash and its text. Returns where the chain ends then (its last place and hash; the anchor when there
    is no row), or None at the first row that is not, and the walk (``_walk_lean``) gives the verdict: where every
    row is sound the walk does what this does, row for row; so a run on a sound book costs a hash a row and less
    Python than the walk (6,278 rows of the bench's day: 29 -> 25 ms of CPU, 9 of it Python)."""
    seq, stored = anchor
    if not isinstance(stored, str):
        return None
    prev = stored.encode()
    sha256 = hashlib.sha256
    for q, h, message, nbytes in driver.execute(_own_sql(stream), (own, start, store_id) * len(TABLES_OF[stream])):
        body = message.encode()
        if q != seq + 1 or len(body) != nbytes or sha256(prev + body).hexdigest() != h:
            return None
        seq, stored, prev = q, h, h.encode()
    return seq, stored


def parts(conn: Connection, store_id: str, n: int) -> list[tuple[str, tuple | None, tuple | None]]:
    """The full check's chain work as ``(stream, lo, hi)`` parts: each stream cut at places of this till's
    chain (``lo`` inclusive, ``hi`` exclusive, ``(till, seq)``; None: open), at most ``n`` parts a stream and
    about ``PART_ROWS`` rows a part or more. Each part is verified alone (``part``), on any connection, and
    ``merge`` puts them together into what one walk of the stream finds."""
    out: list[tuple[str, tuple | None, tuple | None]] = []
    heads = {r[0]: (r[1], r[2]) for r in _driver(conn).execute(_HEADS, (store_id,))}
    for stream in TABLES_OF:
        till, top = heads.get(stream, (None, 0))
        k = max(1, min(n, top // PART_ROWS))
        cuts = [(till, top * j // k + 1) for j in range(1, k)]
        bounds = [None, *cuts, None]
        out += [(stream, bounds[j], bounds[j + 1]) for j in range(k)]
    return out


def part(conn: Connection, store_id: str, stream: str, lo: Sequence | None, hi: Sequence | None) -> dict:
    """One part of a stream's chains verified (see ``parts``), in the caller's snapshot: the first break of
    each chain in it, where each unbroken chain ends, and this till's head (for the last part's check of
    the chain's end). Plain data (JSON), so that another process can verify a part."""
    driver = _driver(conn)
    heads = {r[0]: (r[1], r[2], r[3]) for r in driver.execute(_HEADS, (store_id,))}
    own = heads[stream][0] if stream in heads else None
    anchors: dict[str, tuple[int, str]] = {}
    params: list = [store_id]
    if lo is not None:   # the row before the part: where one walk of the stream would stand
        till, start = lo
        prev = [r for t in TABLES_OF[stream]
                for r in driver.execute(_ANCHOR.format(t=t, live=_CHAINED[t]), (till, start, store_id))]
        if prev:
            anchors[till] = tuple(max(prev, key=lambda r: r[0]))
        params += [till, start]
    if hi is not None:
        params += list(hi)
    rows = driver.execute(_part_sql(stream, lo is not None, hi is not None), tuple(params) * len(TABLES_OF[stream]))
    found, ends = _walk_lean(driver, stream, rows, own, anchors)
    return {"problems": found, "ends": {k: list(v) for k, v in ends.items()},
            "head": list(heads[stream]) if stream in heads else None}


def _exact(driver, table: str, rowid: int, till, seq) -> bytes:
    """What the hash covers after the previous hash, the ``||`` way (``row_hash``), for a row ``printf``
    cut short."""
    content = driver.execute(f"SELECT {canonical_text(table)} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()[0]
    return f"\x1d{table}\x1d{till}\x1d{seq}\x1d{content}".encode()


def _walk_lean(driver, stream: str, rows: Iterable[tuple], own: str | None,
               anchors: Mapping[str, tuple[int, str]]) -> tuple[list[list], dict[str, tuple[int, str]]]:
    """``_walk`` on a book (not the hub) over rows in chain order, each till's rows together: the same
    verdicts, row for row (a row in place is hashed over the same bytes as ``row_hash`` hashes; any other
    row takes ``_walk``'s branches in its order), at less cost a row. Problems as ``[table, row id, till,
    seq, message]``."""
    tables = TABLES_OF[stream]
    sha256 = hashlib.sha256
    out: list[list] = []
    ends: dict[str, tuple[int, str]] = {}
    current = None
    skip = mine = False
    prev_seq, prev_hash, prev_row = 0, GENESIS, None
    prev_b = b""
    for till, seq, rank, stored, rid, message, nbytes, rowid in rows:
        if till != current:
            if current is not None and not skip:
                ends[current] = (prev_seq, prev_hash)
            current, skip = till, False
            prev_seq, prev_hash = anchors.get(till, (0, GENESIS))
            prev_b = f"{prev_hash}".encode()
            prev_row = None
            mine = till == own
        if skip:
            continue
        if seq == prev_seq + 1:
            body = message.encode()
            if len(body) != nbytes:   # a NUL in a column: printf's text stops there; hash the real text
                body = _exact(driver, tables[rank], rowid, till, seq)
            if sha256(prev_b + body).hexdigest() == stored:
                prev_seq, prev_hash, prev_row, prev_b = seq, stored, (rank, rid), stored.encode()
                continue
            problem = ("does not match its hash: the row was changed after it was written, or moved in the chain "
                       "(rows swapped, or one inserted before it)")
        elif prev_row is not None and seq == prev_seq:
            problem = (f"holds place #{seq} in the chain like {tables[prev_row[0]]} {prev_row[1]}: a row inserted "
                       "out of order (or a copy)")
        elif not mine:   # rows not pulled yet: verify from here
            prev_seq, prev_hash, prev_row, prev_b = seq, stored, (rank, rid), f"{stored}".encode()
            continue
        else:
            problem = (f"the chain jumps from #{prev_seq} to #{seq} here: "
                       f"{seq - prev_seq - 1 if seq > prev_seq else 'some'} row(s) before it were deleted")
        out.append([tables[rank], rid, till, seq, problem])
        skip = True
    if current is not None and not skip:
        ends[current] = (prev_seq, prev_hash)
    return out, ends


def merge(stream: str, results: Sequence[dict]) -> list[Problem]:
    """The parts of one stream (``part``'s results, in ``parts`` order) as one walk of it: the first break of
    each chain, then whether this till's chain ends at its head (read in the last part's snapshot, which
    also holds any row written after the others were read)."""
    head_row = results[-1]["head"]
    own = head_row[0] if head_row else None
    label = {own: f"{own}, this till"} if own else {}
    broken: set[str] = set()
    out: list[Problem] = []
    ends: dict[str, tuple[int, str]] = {}
    for r in results:
        for table, rid, till, seq, message in r["problems"]:
            if till not in broken:
                broken.add(till)
                out.append(Problem(table, rid, label.get(till, till), seq, message))
        for till, end in r["ends"].items():
            if till not in broken:
                ends[till] = (end[0], end[1])
    if own and own not in broken:
        end = ends.get(own, (0, GENESIS))
        if end != (head_row[1], head_row[2]):
            out.append(Problem(stream, "(end of chain)", label[own], end[0],
                               f"the chain ends at #{end[0]} but this till wrote up to #{head_row[1]}: "
                               "the last row(s) were deleted, or the chain's head was altered"))
    return out


def rest(conn: Connection, store_id: str, marks: Mapping[str, int] | None = None) -> list[Problem]:
    """Rows in no till's chain, and second voids' undos not derived from a void (all of them, or among the rows
    written since the last seal's ``marks``)."""
    driver = _driver(conn)
    key_of = {"bills": "bills", "payments": "payments", "ledger_entries": "entries", "allocations": "allocations"}
    out: list[Problem] = []
    for t in STREAM_OF:
        above = "" if marks is None else f"AND rowid > {int(marks.get(key_of[t], 0))}"
        r = driver.execute(_UNLINKED.format(t=t, live=_CHAINED[t], above=above), (store_id,)).fetchone()
        if r is not None:
            out.append(Problem(t, r[0], "none", None,
                               f"is in no till's chain ({r[1]} such row(s)): inserted by hand, not by possuite"))
    undos: dict[str, bool] = {}
    since = "" if marks is None else f" AND u.rowid > {int(marks.get('entries', 0))}"
    for uid, amount, vid, vamount in driver.execute(_UNVOIDS + since, (store_id,)):
        undos[uid] = undos.get(uid, False) or (vid is not None and ledger.undo_id(vid) == uid and amount == -vamount)
    out += [Problem("ledger_entries", uid, "none", None,
                    "is an undo of a second void that no void of its bill accounts for (forged)")
            for uid, derived in undos.items() if not derived]
    return out


def problems(conn: Connection, store_id: str, marks: Mapping[str, int] | None = None,
             streams: Sequence[str] | None = None, outside: bool = True) -> list[Problem]:
    """The chains verified. ``marks`` None: every row of every chain (the full check). With the last seal's
    rowid marks (``seals.KEYS`` -> rowid; the incremental check): this till's chains from the first row
    written after the sealed ones (a seal is made only after a check found nothing), and the rows outside
    every chain among those written since. Incremental, in parts (two connections): ``streams``, only those
    (``TABLES_OF`` order); ``outside`` False: not the rows outside every chain (``rest``)."""
    if marks is None:   # the full check: each stream as one part (``services/integrity.py`` splits them)
        return [p for stream, lo, hi in parts(conn, store_id, 1)
                for p in merge(stream, [part(conn, store_id, stream, lo, hi)])] + rest(conn, store_id)
    driver = _driver(conn)
    heads = {r[0]: (r[1], r[2], r[3]) for r in driver.execute(_HEADS, (store_id,))}
    out: list[Problem] = []
    key_of = {"bills": "bills", "payments": "payments", "ledger_entries": "entries", "allocations": "allocations"}
    for stream, tables in TABLES_OF.items():
        if streams is not None and stream not in streams:
            continue
        head_row = heads.get(stream)
        own = head_row[0] if head_row else None
        label = {own: f"{own}, this till"} if own else {}
        anchors: dict[str, tuple[int, str]] = {}
        if own is None:
            continue
        starts = [driver.execute(_START.format(t=t, live=_CHAINED[t]),
                                 (marks.get(key_of[t], 0), own, store_id)).fetchone()[0] for t in tables]
        starts = [s for s in starts if s is not None]
        start = min(starts) if starts else head_row[1] + 1
        if start > 1:
            prev = None
            for t in tables:
                prev = prev or driver.execute(_AT.format(t=t, live=_CHAINED[t]),
                                              (own, start - 1, store_id)).fetchone()
            if prev is None:
                out.append(Problem(stream, f"#{start - 1}", label[own], start - 1,
                                   "the row before the ones written since the last seal is missing (deleted)"))
                continue
            anchors[own] = (start - 1, prev[0])
        # This till's chain from ``start`` (the day's rows of the incremental check), merged by SQLite: a sound
        # chain's end (``_clean_end``), else the lean walk's verdicts (``part``'s: ``_walk``'s, row for row).
        end = _clean_end(driver, stream, store_id, own, start, anchors.get(own, (0, GENESIS)))
        if end is not None:
            walked, ends = [], {own: end}
        else:
            rows = driver.execute(_part_sql(stream, False, False, one=True), (store_id, own, start) * len(tables))
            walked, ends = _walk_lean(driver, stream, rows, own, anchors)
        found = [Problem(table, rid, label.get(till, till), seq, message) for table, rid, till, seq, message in walked]
        out += found
        if own and label[own] not in {p.till for p in found} and head_row is not None:
            end = ends.get(own, anchors.get(own, (0, GENESIS)))
            if end != (head_row[1], head_row[2]):
                out.append(Problem(stream, "(end of chain)", label[own], end[0],
                                   f"the chain ends at #{end[0]} but this till wrote up to #{head_row[1]}: "
                                   "the last row(s) were deleted, or the chain's head was altered"))
    return out + (rest(conn, store_id, marks) if outside else [])


# ---------------------------------------------------------------- on the hub

_HUB_ROWS = ("SELECT chain_till, chain_seq, {rank}, chain_hash, id, {content} FROM public.{t} "
             "WHERE chain_till IS NOT NULL AND (:s = '*' OR store_id = :s) "
             # byte order, as Python compares the ids: the three tables' rows are merged on (till, place)
             "ORDER BY chain_till COLLATE \"C\", chain_seq")
_HUB_TILLS = text("SELECT x.chain_till, t.code, st.name FROM (SELECT DISTINCT chain_till, till_id, store_id "
                  "FROM public.bills WHERE chain_till IS NOT NULL) x LEFT JOIN public.tills t ON t.id = x.till_id "
                  "LEFT JOIN public.stores st ON st.id = x.store_id")


def hub_problems(conn: Connection, store_id: str) -> list[Problem]:
    """Every till's chain as the hub holds it (``store_id`` '*': every store), verified row by row: the first
    row of each chain that was changed, deleted or inserted out of order on the hub. The hub holds what each
    till pushed (a till's allocations stay on the till: the ``ledger`` stream only). Run it with the tills
    synced: a push cut between a sale's rows leaves a gap at a chain's end until the next push."""
    def read(i: int, t: str) -> Iterator[tuple]:
        sql = _HUB_ROWS.format(rank=i, t=t, content=canonical_text(t, "postgresql"))
        for r in conn.execute(text(sql), {"s": store_id}):
            yield tuple(r)
    rows = heapq.merge(*(read(i, t) for i, t in enumerate(TABLES_OF[LEDGER])), key=lambda r: (r[0], r[1]))
    label = {}
    for till, code, store in conn.execute(_HUB_TILLS):
        label[till] = f"{till}, till {code or '?'} of {store or '?'}"
    return _walk(LEDGER, rows, None, {}, label, hub=True)[0]
