"""Sealed days: what the incremental integrity check stands on (docs/architecture.md §3.5).

When a business day is over, the rows it added to the book are sealed: per sealed table (``TABLES``),
the ``rowid`` mark the day's rows end at (a seal covers the rows above the previous seal's mark, up
to its own), their count, their money total, and one SHA-256 over their columns; each seal's hash
covers those figures and the previous seal's hash (a chain: changing, removing or reordering a seal
breaks every hash after it). Rows are sealed by the order they were written in, not by their dates:
a row another till's pull brings in late, dated a sealed day, lands in the next seal, so a seal
never changes after it is made.

Rows of demo documents are outside the seals (the demo may remove them); so are the columns a later
event legitimately changes (a bill's void columns: a void is an entry of its own, sealed with its
day; ``shift_id``, set by a trigger in the same transaction).

- ``unsealed_days`` / ``plan_seals`` / ``write_seals``: the seals of every completed day not sealed yet
  (planned inside a read, written in one short write transaction);
- ``chain_problems``: the chain itself, from the seal rows alone (cheap);
- ``row_problems``: seals read back against the rows (the cost of reading the rows again).

Each problem is ``(subject, message)``; ``services/integrity.py`` makes them findings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, text

from possuite.db.engine import stored_time

#: The hash a chain starts from (the first seal's ``prev_hash``).
GENESIS = "0" * 64


@dataclass(frozen=True)
class SealedTable:
    key: str                    # the column prefix in ``check_seals``
    table: str
    day: str                    # SQL: the row's business day, ISO text
    columns: tuple[str, ...]    # what the digest covers
    total: str                  # SQL: the money the seal totals
    live: str                   # SQL: the rows the book keeps (demo rows may be removed: not sealed)
    #: Integer columns added later with a default of 0 (every row before them holds 0): in the digest only
    #: when not 0, so a day sealed before they existed reads back the same.
    later: tuple[str, ...] = ()

    def row_text(self) -> str:
        text = "||char(31)||".join(f"ifnull({c}, char(30))" for c in self.columns)
        for c in self.later:
            text += f"||(CASE WHEN {c} = 0 THEN '' ELSE char(31)||'{c}='||{c} END)"
        return text

    def printf_text(self) -> tuple[str, str]:
        """SQL: ``row_text``'s text built by one ``printf`` (the ``||`` chain copies the growing text at every
        column: a day's 3,759 bill lines 10.7 ms, this 4.6), and the byte length ``row_text``'s text has.
        ``printf``'s ``%s`` stops at a NUL byte where ``||`` does not: a text shorter than that length is not
        ``row_text``'s (see ``figures``)."""
        args = [f"ifnull({c}, char(30))" for c in self.columns]
        args += [f"(CASE WHEN {c} = 0 THEN '' ELSE char(31)||'{c}='||{c} END)" for c in self.later]
        fmt = "\x1f".join("%s" for _ in self.columns) + "%s" * len(self.later)
        size = " + ".join(f"length(CAST({a} AS BLOB))" for a in args)
        return f"printf('{fmt}', {', '.join(args)})", f"{size} + {len(self.columns) - 1}"


#: Read once per statement from the partial indexes of migration 0012 (a handful of rows, if any).
_NOT_DEMO_CUSTOMER = "customer_id NOT IN (SELECT id FROM customers WHERE is_demo = 1)"

TABLES: tuple[SealedTable, ...] = (
    SealedTable("entries", "ledger_entries", "substr(posted_at, 1, 10)",
                ("id", "customer_id", "kind", "amount", "bill_id", "payment_id", "adjustment_id", "document",
                 "posted_at", "due_date", "user_name", "authorised_by", "note"), "amount", _NOT_DEMO_CUSTOMER),
    SealedTable("allocations", "allocations", "substr(created_at, 1, 10)",
                ("id", "customer_id", "credit_entry_id", "charge_entry_id", "amount", "created_at"), "amount",
                _NOT_DEMO_CUSTOMER),
    SealedTable("bills", "bills", "business_date",
                ("id", "number", "seq", "customer_id", "user_id", "user_name", "authorised_by", "posted_at",
                 "business_date", "due_date", "subtotal", "discount", "tax", "total", "retail_value",
                 "complimentary", "outcome", "previous_balance", "applied_to_previous", "advance_used",
                 "tendered", "change", "charge_entry_id", "gst_registration", "seller_gstin", "buyer_gstin",
                 "place_of_supply"), "total", "is_demo = 0"),
    SealedTable("lines", "bill_lines", "(SELECT b.business_date FROM bills b WHERE b.id = bill_id)",
                ("id", "bill_id", "position", "item_id", "description", "kind", "qty", "unit_price",
                 "line_discount", "bill_discount", "tax_rate_bp", "tax_inclusive", "net", "tax", "amount",
                 "hsn", "cgst", "sgst", "igst"), "amount",
                "bill_id NOT IN (SELECT id FROM bills WHERE is_demo = 1)", later=("cess_rate_bp", "cess")),
    SealedTable("payments", "payments", "business_date",
                ("id", "number", "seq", "kind", "bill_id", "customer_id", "method", "tendered", "amount", "change",
                 "reference", "posted_at", "business_date", "user_id", "user_name", "credit_entry_id",
                 "previous_balance", "remaining_balance"), "amount", "is_demo = 0"),
)
KEYS = tuple(t.key for t in TABLES)


@dataclass(frozen=True)
class Figures:
    """One table's rows in one seal: how many, their money total, and their text (hashed)."""

    rows: int
    total: int
    text: str


@dataclass(frozen=True)
class Seal:
    seq: int
    day: date
    marks: dict[str, int]        # table key -> the rowid the seal's rows end at
    rows: dict[str, int]
    totals: dict[str, int]
    digest: str
    prev_hash: str
    hash: str
    verified_at: datetime | None = None
    #: The customers' states this seal stores (``check_states``, planned with it; ``ledger.states_at``).
    states: tuple = ()

    def as_row(self, store_id: str, sealed_at: datetime) -> dict:
        out = {"store_id": store_id, "seq": self.seq, "day": self.day.isoformat(), "sealed_at": stored_time(sealed_at),
               "digest": self.digest, "prev_hash": self.prev_hash, "hash": self.hash}
        for k in KEYS:
            out.update({f"{k}_to": self.marks[k], f"{k}_rows": self.rows[k], f"{k}_total": self.totals[k]})
        return out


def chain_hash(prev_hash: str, seq: int, day: date, marks: dict[str, int], rows: dict[str, int],
               totals: dict[str, int], digest: str) -> str:
    figures = "|".join(f"{k}:{marks[k]}:{rows[k]}:{totals[k]}" for k in KEYS)
    return hashlib.sha256(f"{prev_hash}|{seq}|{day.isoformat()}|{figures}|{digest}".encode()).hexdigest()


def _digest(figures: dict[str, Figures], states: str = "") -> str:
    """The SHA-256 of a seal's rows; ``states``: the text of the customers' states it stores (``states_text``),
    hashed after the tables when there are any (a seal made before migration 0022 has none: its digest reads
    back as it was made)."""
    h = hashlib.sha256()
    for k in KEYS:
        h.update(f"{k}\n".encode())
        h.update(figures[k].text.encode())
        h.update(b"\n")
    if states:
        h.update(b"states\n")
        h.update(states.encode())
        h.update(b"\n")
    return h.hexdigest()


def states_text(states) -> str:
    """A seal's states as its digest covers them: each ``State.text()``, by customer id, one a line."""
    return "\n".join(st.text() for st in sorted(states, key=lambda st: st.customer_id))


_STATES_OF = text("SELECT customer_id, seq, posted_at, entries_to, balance, open FROM check_states "
                  "WHERE store_id = :s AND seq = :q ORDER BY customer_id")
_INSERT_STATES = text("INSERT INTO check_states(store_id, seq, customer_id, posted_at, entries_to, balance, open) "
                      "VALUES (:store_id, :seq, :customer_id, :posted_at, :entries_to, :balance, :open)")


#: The text of a seal's states as ``states_text`` makes it (``State.text()`` by customer id, one a line), built by
#: SQLite from the stored rows: the ``open`` column is hashed as stored (written as ``State.open_text()``), not
#: parsed and written again, so a stored text changed in any way differs (the read-back of a day: about 1,000
#: states, 10 ms of JSON less).
_STATES_TEXT = text("SELECT ifnull(group_concat(t, char(10)), '') FROM (SELECT customer_id || char(31) "
                    "|| ifnull(posted_at, char(30)) || char(31) || entries_to || char(31) || balance || char(31) "
                    "|| ifnull(open, char(30)) AS t FROM check_states WHERE store_id = :s AND seq = :q "
                    "ORDER BY customer_id)")


def stored_states_text(conn: Connection, store_id: str, seq: int) -> str:
    """``states_text`` of the states stored with seal ``seq``, from their stored text (see ``_STATES_TEXT``)."""
    return _driver(conn).execute(str(_STATES_TEXT), {"s": store_id, "q": seq}).fetchone()[0]


def stored_states(conn: Connection, store_id: str, seq: int) -> list:
    """The states stored with seal ``seq`` (``ledger.State``), by customer id."""
    from possuite.services import ledger  # ledger → chain → seals: imported when used
    return [ledger.state_of(tuple(r)) for r in conn.execute(_STATES_OF, {"s": store_id, "q": seq})]


#: A table's rows in a rowid range: count, money total, their texts one a line (``row_text``), in storage order. The
#: texts are built by ``printf`` (``SealedTable.printf_text``) with the bytes ``row_text``'s would have summed beside
#: them; where the text comes out shorter (a NUL byte in a column) the range is read again the ``||`` way
#: (``_FIGURES_EXACT``), so the text hashed is ``row_text``'s either way.
_FIGURES = {t.key: (
    f"SELECT count(*), ifnull(sum(m), 0), ifnull(group_concat(r, char(10)), ''), ifnull(sum(n), 0) FROM ("
    f"SELECT {t.total} AS m, {t.printf_text()[0]} AS r, {t.printf_text()[1]} AS n FROM {t.table} "
    f"WHERE rowid > :a AND rowid <= :b AND +store_id = :s AND {t.live} ORDER BY rowid)") for t in TABLES}
_FIGURES_EXACT = {t.key: (
    f"SELECT count(*), ifnull(sum(m), 0), ifnull(group_concat(r, char(10)), '') FROM ("
    f"SELECT {t.total} AS m, {t.row_text()} AS r FROM {t.table} "
    f"WHERE rowid > :a AND rowid <= :b AND +store_id = :s AND {t.live} ORDER BY rowid)") for t in TABLES}
_DAY_MARKS = {t.key: (f"SELECT {t.day} AS d, max(rowid) FROM {t.table} "
                      f"WHERE rowid > :m AND +store_id = :s AND {t.live} GROUP BY d") for t in TABLES}
_SEALS = text("SELECT * FROM check_seals WHERE store_id = :s ORDER BY seq")
_LAST = text("SELECT * FROM check_seals WHERE store_id = :s ORDER BY seq DESC LIMIT 1")
_TOP = {t.key: f"SELECT max(rowid) FROM {t.table}" for t in TABLES}


def _driver(conn: Connection):
    return conn.connection.driver_connection


def figures(conn: Connection, store_id: str, key: str, after: int, upto: int) -> Figures:
    """One table's rows with ``after < rowid <= upto`` (one range read in storage order)."""
    params = {"a": after, "b": upto, "s": store_id}
    n, total, body, size = _driver(conn).execute(_FIGURES[key], params).fetchone()
    if len(body.encode()) != size + max(n - 1, 0):   # a NUL byte cut a row's printf text: the || way
        n, total, body = _driver(conn).execute(_FIGURES_EXACT[key], params).fetchone()
    return Figures(n, total, body)


def _seal(m) -> Seal:
    day = m["day"] if isinstance(m["day"], date) else date.fromisoformat(str(m["day"]))
    return Seal(m["seq"], day, {k: m[f"{k}_to"] for k in KEYS}, {k: m[f"{k}_rows"] for k in KEYS},
                {k: m[f"{k}_total"] for k in KEYS}, m["digest"], m["prev_hash"], m["hash"], m["verified_at"])


def seals(conn: Connection, store_id: str) -> list[Seal]:
    """The store's chain, in order (read straight from the driver: the incremental check reads it every run)."""
    conn.execute(_LAST, {"s": store_id})   # the read transaction begins here, as for any statement of the caller
    cur = _driver(conn).execute(str(_SEALS), {"s": store_id})
    names = [d[0] for d in cur.description]
    return [_seal(dict(zip(names, r, strict=True))) for r in cur]


def last_seal(conn: Connection, store_id: str) -> Seal | None:
    r = conn.execute(_LAST, {"s": store_id}).first()
    return _seal(r._mapping) if r is not None else None


def tops(conn: Connection) -> dict[str, int]:
    """Each sealed table's highest rowid now (0 when empty): the rows a check that starts after this read
    is certain to see (rowids only grow; the tables are insert-only)."""
    driver = _driver(conn)
    return {t.key: driver.execute(_TOP[t.key]).fetchone()[0] or 0 for t in TABLES}


def marks_of(seal: Seal | None) -> dict[str, int]:
    """Where the sealed rows end (0 everywhere before the first seal)."""
    return dict(seal.marks) if seal is not None else dict.fromkeys(KEYS, 0)


def plan_seals(conn: Connection, store_id: str, through: date) -> list[Seal]:
    """The seals of every day up to ``through`` whose rows are not sealed yet, in order (nothing written).

    A day's mark in each table is the highest rowid of a row of that day or before (never below the
    previous mark); rows dated a day already sealed count to the first day sealed now. Days that add
    no row get no seal."""
    last = last_seal(conn, store_id)
    marks = marks_of(last)
    after = last.day if last is not None else None
    per_day: dict[str, dict[str, int]] = {k: {} for k in KEYS}
    limit = through.isoformat()
    floor = after.isoformat() if after is not None else ""
    days: set[str] = set()
    for k in KEYS:
        for d, top in _driver(conn).execute(_DAY_MARKS[k], {"m": marks[k], "s": store_id}):
            if d is None:
                continue
            d = max(d, _next_day(floor)) if floor else d
            if d > limit:   # today's rows, or rows dated a sealed day arriving today: the next seal's
                continue
            per_day[k][d] = max(per_day[k].get(d, 0), top)
            days.add(d)
    from possuite.services import ledger  # ledger → chain → seals: imported when used
    planned: list[Seal] = []
    prev_hash = last.hash if last is not None else GENESIS
    seq = last.seq if last is not None else 0
    pending: dict = {}   # the states planned by the earlier seals of this plan, by customer
    for d in sorted(days):
        new = {k: max(marks[k], per_day[k].get(d, 0)) for k in KEYS}
        if new == marks:
            continue
        figs = {k: figures(conn, store_id, k, marks[k], new[k]) for k in KEYS}
        seq += 1
        day = date.fromisoformat(d)
        states = tuple(ledger.states_at(conn, store_id, seq, marks["entries"], new["entries"], pending)
                       if ledger.MAKE_STATES else ())
        pending.update((st.customer_id, st) for st in states)
        rows, totals = {k: figs[k].rows for k in KEYS}, {k: figs[k].total for k in KEYS}
        digest = _digest(figs, states_text(states))
        h = chain_hash(prev_hash, seq, day, new, rows, totals, digest)
        planned.append(Seal(seq, day, new, rows, totals, digest, prev_hash, h, states=states))
        marks, prev_hash = new, h
    return planned


def _next_day(iso: str) -> str:
    return date.fromordinal(date.fromisoformat(iso).toordinal() + 1).isoformat()


_INSERT = text(f"INSERT INTO check_seals(store_id, seq, day, sealed_at, "
               f"{', '.join(f'{k}_to, {k}_rows, {k}_total' for k in KEYS)}, digest, prev_hash, hash, verified_at) "
               f"VALUES (:store_id, :seq, :day, :sealed_at, "
               f"{', '.join(f':{k}_to, :{k}_rows, :{k}_total' for k in KEYS)}, :digest, :prev_hash, :hash, :sealed_at)")


def write_seals(conn: Connection, store_id: str, planned: Sequence[Seal], now: datetime) -> list[Seal]:
    """Store planned seals inside the caller's write transaction, if the chain still ends where the plan
    started (another check may have sealed meanwhile: then nothing is written). Returns what was written."""
    if not planned:
        return []
    last = last_seal(conn, store_id)
    if (last.hash if last is not None else GENESIS) != planned[0].prev_hash:
        return []
    conn.execute(_INSERT, [s.as_row(store_id, now) for s in planned])
    states = [st.as_row(store_id) for s in planned for st in s.states]
    if states:
        conn.execute(_INSERT_STATES, states)
    return list(planned)


def chain_problems(conn: Connection, store_id: str, chain: Sequence[Seal]) -> list[tuple[str, str]]:
    """The chain from its rows alone: numbered 1..n, each hash over its figures and its predecessor's
    hash, marks never going back, and no sealed table's rows ending below its mark."""
    out: list[tuple[str, str]] = []
    prev_hash, prev_marks, prev_day = GENESIS, dict.fromkeys(KEYS, 0), None
    for n, s in enumerate(chain, start=1):
        subject = _subject(s)
        if s.seq != n:
            out.append((subject, f"seal {n} is missing from the chain"))
        if s.prev_hash != prev_hash:
            out.append((subject, "does not follow the seal before it (the chain is broken)"))
        out += _altered(s)
        back = [k for k in KEYS if s.marks[k] < prev_marks[k]]
        if back or (prev_day is not None and s.day <= prev_day):
            out.append((subject, "goes back before the seal before it"))
        prev_hash, prev_marks, prev_day = s.hash, s.marks, s.day
    return out + (_ends_below(conn, chain[-1]) if chain else [])


def _subject(s: Seal) -> str:
    return f"seal {s.seq} ({s.day.isoformat()})"


def _altered(s: Seal) -> list[tuple[str, str]]:
    """The seal's own hash recomputed from its figures: the problem when it differs (the seal was altered)."""
    if chain_hash(s.prev_hash, s.seq, s.day, s.marks, s.rows, s.totals, s.digest) == s.hash:
        return []
    return [(_subject(s), "its figures do not match its hash (the seal was altered)")]


def _ends_below(conn: Connection, last: Seal) -> list[tuple[str, str]]:
    """A sealed table whose rows now end below the last seal's mark (its last rows deleted)."""
    driver = _driver(conn)
    out = []
    for t in TABLES:
        top = driver.execute(_TOP[t.key]).fetchone()[0] or 0
        if top < last.marks[t.key] and last.rows[t.key]:
            out.append((_subject(last), f"{t.table}: the rows end at {top} but the seals cover up to "
                                         f"{last.marks[t.key]}"))
    return out


def row_problems(conn: Connection, store_id: str, chain: Sequence[Seal], which: Sequence[int]) -> \
        tuple[list[tuple[str, str]], list[int]]:
    """Seals (by position in ``chain``) read back against the rows: counts, totals and the SHA-256.
    Returns (problems, positions found equal)."""
    out: list[tuple[str, str]] = []
    equal: list[int] = []
    for i in which:
        problem = _read_back(conn, store_id, chain[i], chain[i - 1].marks if i > 0 else dict.fromkeys(KEYS, 0))
        if problem is None:
            equal.append(i)
        else:
            out.append(problem)
    return out, equal


def _read_back(conn: Connection, store_id: str, s: Seal, before: dict[str, int]) -> tuple[str, str] | None:
    """One seal read back against its rows (those above ``before``, the previous seal's marks): the problem, or
    None when they are as sealed."""
    figs = {k: figures(conn, store_id, k, before[k], s.marks[k]) for k in KEYS}
    subject = f"sealed day {s.day.isoformat()} (seal {s.seq})"
    moved = [f"{t.table}: {s.rows[t.key]} row(s) totalling {s.totals[t.key]} sealed, "
             f"now {figs[t.key].rows} totalling {figs[t.key].total}"
             for t in TABLES if (figs[t.key].rows, figs[t.key].total) != (s.rows[t.key], s.totals[t.key])]
    if moved:
        return subject, "rows changed since it was sealed: " + "; ".join(moved)
    if _digest(figs, stored_states_text(conn, store_id, s.seq)) != s.digest:
        return subject, ("rows changed since it was sealed: their contents (or the customers' states stored with it) "
                         "differ from the seal's SHA-256")
    return None


# ---------------------------------------------------------------- the incremental check's part of the seals

#: The chain's links, numbering, marks and days over every seal, in SQL (no seal's hash recomputed): the seals
#: where one is wrong, as ``chain_problems`` judges them (``missing``: the seal's place in the chain).
_BACK = " OR ".join(f"{k}_to < ifnull(p_{k}, 0)" for k in KEYS) + " OR (pd IS NOT NULL AND day <= pd)"
_LINKS = text(f"""
    SELECT seq, day, n, n != seq, prev_hash != ifnull(ph, '{GENESIS}'), {_BACK}
    FROM (SELECT seq, day, prev_hash, {", ".join(f"{k}_to" for k in KEYS)}, row_number() OVER w AS n,
                 lag(hash) OVER w AS ph, lag(day) OVER w AS pd,
                 {", ".join(f"lag({k}_to) OVER w AS p_{k}" for k in KEYS)}
          FROM check_seals WHERE store_id = :s WINDOW w AS (ORDER BY seq))
    WHERE n != seq OR prev_hash != ifnull(ph, '{GENESIS}') OR {_BACK}""")
_SEAL = text("SELECT * FROM check_seals WHERE store_id = :s AND seq = :q")
_BEFORE = text(f"SELECT {', '.join(f'{k}_to' for k in KEYS)} FROM check_seals WHERE store_id = :s AND seq < :q "
               "ORDER BY seq DESC LIMIT 1")
#: The seals in the order the incremental check reads them back: never verified first, then verified longest ago.
_TURN = text("SELECT seq FROM check_seals WHERE store_id = :s ORDER BY verified_at IS NOT NULL, verified_at, seq")
_COUNT = text("SELECT count(*) FROM check_seals WHERE store_id = :s")


def link_problems(conn: Connection, store_id: str) -> list[tuple[str, str]]:
    """The chain as the incremental check proves it each run (docs/architecture.md §3.5): every seal numbered
    1..n, following the one before it (its ``prev_hash``), its marks never going back and its day after the one
    before, in SQL over every seal; the **last** seal's own hash recomputed (the marks the run stands on); and no
    sealed table's rows ending below its marks. An older seal's own hash is recomputed when it is read back, in
    turn (``read_back``), and every seal's by the full check (``chain_problems``). Problems as ``chain_problems``
    gives them, in its order."""
    driver = _driver(conn)
    last = last_seal(conn, store_id)
    if last is None:
        return []
    out: list[tuple[str, str]] = []
    altered = _altered(last)
    for seq, day, n, missing, broken, back in driver.execute(str(_LINKS), {"s": store_id}):
        here = f"seal {seq} ({date.fromisoformat(str(day)).isoformat()})"
        if missing:
            out.append((here, f"seal {n} is missing from the chain"))
        if broken:
            out.append((here, "does not follow the seal before it (the chain is broken)"))
        if seq == last.seq:   # in chain_problems' order: the hash after the link, before the marks
            out += altered
            altered = []
        if back:
            out.append((here, "goes back before the seal before it"))
    return out + altered + _ends_below(conn, last)


def turn(conn: Connection, store_id: str) -> list[int]:
    """The seals' numbers in the order the incremental check reads them back (``_TURN``)."""
    return [r[0] for r in _driver(conn).execute(str(_TURN), {"s": store_id})]


def count(conn: Connection, store_id: str) -> int:
    return _driver(conn).execute(str(_COUNT), {"s": store_id}).fetchone()[0]


def read_back(conn: Connection, store_id: str, seq: int) -> list[tuple[str, str]]:
    """Seal ``seq`` read back for the incremental check: its own hash recomputed (as ``chain_problems`` does for
    every seal), then its rows against it (``row_problems``). Returns the problems (none: it is as sealed)."""
    m = conn.execute(_SEAL, {"s": store_id, "q": seq}).first()
    if m is None:
        return []
    s = _seal(m._mapping)
    prev = conn.execute(_BEFORE, {"s": store_id, "q": seq}).first()
    before = dict(zip(KEYS, prev, strict=True)) if prev is not None else dict.fromkeys(KEYS, 0)
    problem = _read_back(conn, store_id, s, before)
    return _altered(s) + ([problem] if problem is not None else [])


_VERIFIED = text("UPDATE check_seals SET verified_at = :t WHERE store_id = :s AND seq = :seq")


def mark_verified(conn: Connection, store_id: str, seqs: Sequence[int], now: datetime) -> None:
    if seqs:
        conn.execute(_VERIFIED, [{"t": stored_time(now), "s": store_id, "seq": q} for q in seqs])
