"""The customer ledger's one write path: document numbers, posting entries, the cached projection.

Every write that moves a customer's account goes through here (checkout, collections, adjustments,
write-offs, voids, the importer, the demo): the caller says which entries to post, and this module
alone moves allocations, open items and ``customers.balance``, by the rule of
``domain.projection`` (settled incrementally: the customer's cached open items are loaded only when
an entry needs them). ``rebuild`` recomputes the cache from the entries; ``possuite check`` proves
cache == recomputation.

- ``next_number`` / ``number_block``: the one place a series' prefix and format are decided.
- ``Posting(conn, ctx, customer_id, balance)``: ``add(...)`` entries (settled at once, in memory),
  then ``flush()`` writes them: one statement per kind of row (entries, allocations, open items
  written, open items closed, the customer row).
- ``fresh_books(...).write(conn)``: the documented bulk path, for customers created in the same transaction
  (their whole book is the new entries): entries, allocations and open items in a few multi-row
  inserts, the projection computed in one pass.
- ``reproject(conn, ctx, customer_ids)``: after entries arrived out of order (a pull from the hub
  brings other tills' entries, which interleave with this book's), the named customers' cache is
  made equal to the full replay, in a constant number of statements. ``Posting.flush`` calls it too
  when the customer already holds an entry after the new ones in posting order (this till's clock is
  behind a pulled entry's: the incremental settling assumed the new ones come last).
- ``undo_second_voids``: a bill voided at two tills while both were offline keeps one void; the
  later void gets its undo entry, with an id every node derives alike (docs/architecture.md §7).

Entries and allocations are only ever inserted (database triggers); an allocation is undone by a
negative one. Every function takes the caller's open write connection: its unit of work commits
everything at once or nothing.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import itertools
import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import Connection, Date, DateTime, bindparam, func, insert, select, text, update

from possuite.db import direct
from possuite.db import models as m
from possuite.db.engine import stored_time
from possuite.db.ids import new_id
from possuite.domain.errors import ValidationError
from possuite.domain.projection import (
    CHARGE,
    CREDIT,
    DUE_DATE,
    POSTED_AT,
    RETURN,
    Book,
    Entry,
    Item,
    Projection,
    order,
    project,
    project_at,
)
from possuite.services import chain
from possuite.services.context import Context

L = m.LedgerEntry.__table__
A = m.Allocation.__table__
O = m.OpenItem.__table__
C = m.Customer.__table__
ADJ = m.Adjustment.__table__

# Statements built once and run with parameters: a till posts these many times a day, and building
# a statement from literal values costs more Python than SQLite spends running it.
# A registered till's counter carries its code (``SAL-A``), read from ``sync_till`` in the same
# statement: right after ``till register`` the next number is the till's, with no cache to go stale.
_NEXT_NUMBER = (
    "INSERT INTO sequences(store_id, series, year, last_value) VALUES (:s, :series || "
    "COALESCE((SELECT '-' || code FROM sync_till WHERE store_id = :s LIMIT 1), ''), :y, :k) "
    "ON CONFLICT(store_id, series, year) DO UPDATE SET last_value = last_value + :k "
    "RETURNING last_value, series")
_INSERT_ENTRY = insert(L)
_INSERT_ALLOCATION = insert(A)
_INSERT_ADJUSTMENT = insert(ADJ)
_MOVE_BALANCE = update(C).where(C.c.id == bindparam("cid")).values(balance=C.c.balance + bindparam("delta"))
_WRITE_OPEN = text(
    "INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, bill_id) "
    "VALUES (:entry_id, :store_id, :customer_id, :side, :open_amount, :due_date, :posted_at, :bill_id) "
    "ON CONFLICT(entry_id) DO UPDATE SET open_amount = excluded.open_amount"
).bindparams(bindparam("due_date", type_=Date), bindparam("posted_at", type_=DateTime))
_CLOSE_OPEN = O.delete().where(O.c.entry_id == bindparam("eid"))
# A posting's own writes (every sale with a customer, every collection) on the driver connection of the
# transaction (db/direct.py): the same rows as the Core statements above, without Core's cost per statement.
_ENTRY_ROWS = direct.Insert(L)
_ALLOCATION_ROWS = direct.Insert(A)
_OPEN_ROWS = direct.Insert(O, "ON CONFLICT(entry_id) DO UPDATE SET open_amount = excluded.open_amount")
_CLOSE_OPEN_SQL = "DELETE FROM open_items WHERE entry_id = ?"
_MOVE_BALANCE_SQL = "UPDATE customers SET balance = balance + :delta WHERE id = :cid"
_ENTRY_COLS = (L.c.id, L.c.kind, L.c.amount, L.c.posted_at, L.c.due_date, L.c.bill_id, L.c.payment_id,
               L.c.adjustment_id, L.c.document)
#: An open item's entry (``domain.projection.Entry``'s fields first, then its document) and its open amount.
_OPEN_SIDE = (select(*_ENTRY_COLS, O.c.open_amount).select_from(O.join(L, L.c.id == O.c.entry_id))
              .where(O.c.store_id == bindparam("s"), O.c.customer_id == bindparam("cid"),
                     O.c.side == bindparam("side")))
_OPEN_SIDE_DIRECT = direct.Query(_OPEN_SIDE)
_ALLOCATED = (select(A.c.credit_entry_id, func.sum(A.c.amount).label("amt"))
              .where(A.c.charge_entry_id == bindparam("charge"), A.c.store_id == bindparam("s"))
              .group_by(A.c.credit_entry_id).subquery("x"))
_VOID_STATE = (select(_ALLOCATED.c.amt, func.coalesce(O.c.open_amount, 0).label("open_amount"), *_ENTRY_COLS)
               .select_from(_ALLOCATED.join(L, L.c.id == _ALLOCATED.c.credit_entry_id)
                            .outerjoin(O, O.c.entry_id == L.c.id)))
_OPEN_OF = select(O.c.open_amount).where(O.c.entry_id == bindparam("eid"))
_ENTRY_ROW = select(*_ENTRY_COLS, L.c.customer_id).where(L.c.id == bindparam("eid"))
#: An entry of the customer, other than the new ones, after the first new one in the rule's order
#: ``(posted_at, id)`` (the new entries of one posting share one time).
@cache
def _later_entry_sql(n: int) -> str:
    return ("SELECT 1 FROM ledger_entries WHERE store_id = ? AND customer_id = ? AND posted_at >= ? "
            f"AND (posted_at > ? OR id > ?) AND id NOT IN ({', '.join('?' * n)}) LIMIT 1")


# ---------------------------------------------------------------- document numbers

#: Series -> the store setting that holds its prefix (None: the series name is the prefix).
_PREFIX_SETTING = {"SAL": "invoice_prefix", "RCP": "receipt_prefix"}
#: The longest document number allowed (the Indian GST limit on an invoice number).
MAX_NUMBER_LENGTH = 16
#: What a number adds to its prefix and till code: ``-YY-`` and at least four digits.
_NUMBER_TAIL = len("-26-0001")


def series_prefix(ctx: Context, series: str) -> tuple[str, str]:
    """(counter name, printed prefix) of a series on a single-till book. A demo context numbers in
    series of its own (``DEMO-26-0001``, ``DEMORCP-…``, ``DEMOADJ-…``). A registered till's
    counter and prefix also carry its code after these (``number_block``): ``SAL-A-26-0042``."""
    if ctx.demo:
        return f"DEMO{series}", ("DEMO" if series == "SAL" else f"DEMO{series}")
    setting = _PREFIX_SETTING.get(series)
    return series, (getattr(ctx.store, setting) if setting else series)


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}-{year % 100:02d}-{seq:04d}"


#: What ``format_number`` makes: prefix, an optional till code, two-digit year, four or more digits.
_NUMBER_SHAPE = re.compile(r"[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,3})?-\d{2}-\d{4,}")


def looks_like_document_number(text: str) -> bool:
    """True when ``text`` has the shape of a document number (``SAL-26-0001``, ``SAL-A-26-0042``): the till
    takes a scanned receipt's number as a return of that bill."""
    return bool(_NUMBER_SHAPE.fullmatch((text or "").strip().upper()))


def number_length(prefix: str, till_code: str | None = None) -> int:
    """The length of a series' numbers up to 9,999 a year (the longest the rule promises to fit)."""
    return len(prefix) + (len(till_code) + 1 if till_code else 0) + _NUMBER_TAIL


def check_number_length(field: str, prefix: str, till_code: str | None = None) -> None:
    """Refuse a prefix or till code whose numbers would be longer than ``MAX_NUMBER_LENGTH``."""
    n = number_length(prefix, till_code)
    if n > MAX_NUMBER_LENGTH:
        example = format_number(f"{prefix}-{till_code}" if till_code else prefix, 2026, 1)
        raise ValidationError(field, "makes numbers like {example} ({n} characters; at most {max_number_length} on an "
                                     "invoice)",
                              example=example, n=n, max_number_length=MAX_NUMBER_LENGTH)


def number_block(conn: Connection, ctx: Context, series: str, on: date, count: int) -> list[tuple[str, int]]:
    """``count`` consecutive gapless numbers of a series for the year of ``on`` (one statement)."""
    if count <= 0:
        return []
    counter, prefix = series_prefix(ctx, series)
    (last, key), = direct.driver(conn).execute(_NEXT_NUMBER, {"s": ctx.store_id, "series": counter, "y": on.year,
                                                              "k": count}).fetchall()
    if key != counter:  # a registered till: the counter's key is ``SAL-A``, the prefix ``<prefix>-A``
        prefix += key[len(counter):]
    return [(format_number(prefix, on.year, seq), seq) for seq in range(last - count + 1, last + 1)]


def next_number(conn: Connection, ctx: Context, series: str, on: date) -> tuple[str, int]:
    """The next gapless number of a series (``SAL``, ``RCP``, ``ADJ``) for the year of ``on``."""
    return number_block(conn, ctx, series, on, 1)[0]


# ---------------------------------------------------------------- posting


def _entry(r) -> Entry:
    return Entry(r.id, r.kind, r.amount, r.posted_at, r.due_date, r.bill_id, r.payment_id, r.adjustment_id)


@dataclass(frozen=True)
class Posted:
    balance: int                                   # the customer's balance afterwards
    allocations: dict[tuple[str, str], int]        # (credit, charge) -> amount moved by this posting


class Posting:
    """New entries of one customer inside the caller's write transaction (see the module docstring).

    ``balance`` is the customer's cached balance as read in this transaction. Entries are settled as
    they are added (the rule of ``domain.projection``); nothing is written before ``flush``.
    """

    def __init__(self, conn: Connection, ctx: Context, customer_id: str, balance: int,
                 now: datetime | None = None) -> None:
        self.conn, self.ctx, self.customer_id = conn, ctx, customer_id
        self.now: datetime = now or ctx.clock.now()
        self.rows: list[dict] = []
        self.documents: dict[str, str] = {}
        self._initial: dict[str, int] = {}
        self._chained: list[tuple[str, list[str]]] = []   # written by ``flush``, linked by ``link_chain``
        self.book = Book(prior_balance=balance, load_side=self._load_side, load_void=self._load_void)

    # -- what the book asks for
    def _load_side(self, side: str) -> list[Item]:
        params = {"s": self.ctx.store_id, "cid": self.customer_id, "side": side}
        # On a till's book straight from the driver, in the transaction (db/direct.py): every sale with a customer
        # who owes and every collection read them.
        rows = (_OPEN_SIDE_DIRECT.rows(self.conn, params) if self.conn.dialect.name == "sqlite"
                else self.conn.execute(_OPEN_SIDE, params).all())
        items = []
        documents, initial = self.documents, self._initial
        for r in rows:   # by position (_OPEN_SIDE): the entry's fields, its document, its open amount
            eid, document, open_amount = r[0], r[8], r[9]
            documents[eid] = document
            initial.setdefault(eid, open_amount)
            items.append(Item(Entry._make(r[:8]), open_amount))
        return items

    def _load_void(self, charge_id: str) -> tuple[int, list[tuple[Entry, int, int]]]:
        charge_open = self.conn.execute(_OPEN_OF, {"eid": charge_id}).scalar_one_or_none() or 0
        self._initial.setdefault(charge_id, charge_open)
        tied = []
        for r in self.conn.execute(_VOID_STATE, {"charge": charge_id, "s": self.ctx.store_id}).all():
            self.documents[r.id] = r.document
            self._initial.setdefault(r.id, r.open_amount)
            tied.append((_entry(r), r.amt, r.open_amount))
        return charge_open, tied

    # -- entries
    def add(self, kind: str, amount: int, *, document: str = "", due_date: date | None = None,
            bill_id: str | None = None, payment_id: str | None = None, adjustment_id: str | None = None,
            note: str = "", entry_id: str | None = None) -> str:
        """Post one signed entry (charge +, credit −) and settle it at once. Returns its id."""
        entry_id = entry_id or new_id()
        self.rows.append({
            "id": entry_id, "store_id": self.ctx.store_id, "customer_id": self.customer_id, "kind": kind,
            "amount": amount, "bill_id": bill_id, "payment_id": payment_id, "adjustment_id": adjustment_id,
            "document": document, "posted_at": self.now, "due_date": due_date, "user_name": self.ctx.actor.name,
            "authorised_by": self.ctx.actor.authorised_by, "note": note})
        self.documents[entry_id] = document
        self._initial.setdefault(entry_id, 0)
        self.book.apply(Entry(entry_id, kind, amount, self.now, due_date, bill_id, payment_id, adjustment_id))
        return entry_id

    def void(self, charge_id: str, *, document: str, note: str) -> str:
        """Post the void of a bill's charge: it takes the whole charge back (freed credits settle other dues)."""
        r = self.conn.execute(_ENTRY_ROW, {"eid": charge_id}).one()
        self.book.bill_charges[r.bill_id] = _entry(r)
        return self.add("void", -r.amount, document=document, bill_id=r.bill_id, note=note)

    def credit_note(self, charge_id: str, amount: int, *, document: str, note: str,
                    refund_payment_id: str | None = None) -> tuple[str, str | None]:
        """Post a credit note (a return of ``amount``) against a bill's charge (docs/architecture.md §3.1).

        The credit settles that bill's charge first. Credited to the account (no ``refund_payment_id``), the
        rest settles the customer's oldest dues, and what nothing absorbs stays as credit. Paid back by a
        tender, the rest is refunded: a ``refund`` entry with the same payment id takes it back at once.
        Returns the ids of the credit entry and of its refund entry (None when nothing was refunded)."""
        r = self.conn.execute(_ENTRY_ROW, {"eid": charge_id}).one()
        self.book.bill_charges[r.bill_id] = _entry(r)
        credit_id = self.add(RETURN, -amount, document=document, bill_id=r.bill_id,
                             payment_id=refund_payment_id, note=note)
        rest = self.open_amount(credit_id)
        refund_id = None
        if refund_payment_id is not None and rest:
            refund_id = self.add("refund", rest, document=document, bill_id=r.bill_id, payment_id=refund_payment_id,
                                 note=note)
        return credit_id, refund_id

    # -- what the posting did so far
    def open_amount(self, entry_id: str) -> int:
        item = self.book.open.get(entry_id)
        return item.open_amount if item is not None else 0

    def settled_by(self, credit_id: str) -> list[tuple[str, int]]:
        """(charge, amount) this posting allocated from a credit, oldest due first."""
        return [(charge, amt) for (credit, charge), amt in self.book.allocations.items()
                if credit == credit_id and amt]

    def freed(self, charge_id: str) -> list[tuple[str, int]]:
        """(credit, amount) this posting took back from a charge (a void), in the order they were settled."""
        return [(credit, -amt) for (credit, charge), amt in self.book.allocations.items()
                if charge == charge_id and amt < 0]

    def entry(self, entry_id: str) -> Entry | None:
        item = self.book.open.get(entry_id)
        return item.entry if item is not None else None

    @property
    def balance(self) -> int:
        return self.book.balance

    # -- writing
    def flush(self, customer_sql: str | None = None, *, link_later: bool = False, **params) -> Posted:
        """Write the entries and what they moved (on the driver connection of the transaction: db/direct.py).

        ``customer_sql``: the caller's own update of the customer row (SQL with named parameters; it must take
        ``cid`` and ``delta``, the rest from ``params`` as the driver takes them), run instead of the plain
        balance move. ``link_later``: the caller writes more chained rows in this transaction (a sale's bill
        and payments) and links them with the posting's in one ``link_chain`` call (one read and one write of
        the chain's heads per operation); otherwise the posting's rows are linked here."""
        conn, ctx = self.conn, self.ctx
        drv = direct.driver(conn)
        if self.rows:
            _ENTRY_ROWS.run(drv, self.rows)
        moved = {k: v for k, v in self.book.allocations.items() if v}
        allocations = [
            {"id": new_id(), "store_id": ctx.store_id, "customer_id": self.customer_id, "credit_entry_id": cr,
             "charge_entry_id": ch, "amount": amt, "created_at": self.now} for (cr, ch), amt in moved.items()]
        if allocations:
            _ALLOCATION_ROWS.run(drv, allocations)
        self._chained = [("ledger_entries", [r["id"] for r in self.rows]),
                         ("allocations", [a["id"] for a in allocations])]
        if not link_later:
            self.link_chain()
        writes, closes = [], []
        for eid, before in self._initial.items():
            item = self.book.open.get(eid)
            after = item.open_amount if item is not None else 0
            if after == before:
                continue
            if after > 0:
                e = item.entry
                writes.append({"entry_id": eid, "store_id": ctx.store_id, "customer_id": self.customer_id,
                               "side": e.side, "open_amount": after, "due_date": e.due_date,
                               "posted_at": e.posted_at, "bill_id": e.bill_id if e.side == CHARGE else None})
            elif before > 0:
                closes.append((eid,))
        if closes:
            drv.cursor().executemany(_CLOSE_OPEN_SQL, closes)
        if writes:
            _OPEN_ROWS.run(drv, writes)
        delta = self.book.balance - self.book.prior_balance
        if customer_sql is not None:
            drv.execute(customer_sql, {"cid": self.customer_id, "delta": delta, **params})
        elif delta:
            drv.execute(_MOVE_BALANCE_SQL, {"cid": self.customer_id, "delta": delta})
        if self.rows:
            new = [r["id"] for r in self.rows]
            t = stored_time(self.now)
            if drv.execute(_later_entry_sql(len(new)),
                           (ctx.store_id, self.customer_id, t, t, min(new), *new)).fetchall():
                # The book already holds an entry after these in the rule's order (another till's, pulled, on
                # a clock ahead of this one): the incremental settling assumed otherwise, so the customer's
                # cache becomes the full replay of all its entries (domain.projection.project).
                reproject(conn, ctx, [self.customer_id])
        self.rows = []
        return Posted(self.book.balance, moved)

    def link_chain(self, *also: tuple[str, list[str]]) -> None:
        """Link the rows the last ``flush`` wrote, then the caller's ``also`` (``(table, ids)`` written in this
        transaction), onto this till's chains in one ``chain.link`` (docs/architecture.md §3.6)."""
        batches, self._chained = [*self._chained, *also], []
        chain.link(self.conn, self.ctx.store_id, batches, demo=self.ctx.demo)


def post_adjustment(conn: Connection, ctx: Context, customer_id: str, balance: int, amount: int, reason: str,
                    kind: str) -> tuple[str, str, list[tuple[str, int]]]:
    """An owner's adjustment (+ debit / opening, − write-off): its ADJ number, entry, settlement and row.
    Returns (adjustment id, number, what a write-off settled as (charge, amount) oldest due first)."""
    today = ctx.clock.today()
    number, seq = next_number(conn, ctx, "ADJ", today)
    adj_id = new_id()
    posting = Posting(conn, ctx, customer_id, balance)
    entry_id = posting.add(kind, amount, document=number, due_date=today if amount > 0 else None,
                           adjustment_id=adj_id, note=reason)
    posting.flush()
    conn.execute(_INSERT_ADJUSTMENT, {
        "id": adj_id, "store_id": ctx.store_id, "number": number, "seq": seq, "customer_id": customer_id,
        "kind": kind, "amount": amount, "reason": reason, "posted_at": posting.now, "business_date": today,
        "user_name": ctx.actor.name, "authorised_by": ctx.actor.authorised_by, "entry_id": entry_id,
        "is_demo": False})
    return adj_id, number, posting.settled_by(entry_id) if amount < 0 else []


def post_writeoff(conn: Connection, ctx: Context, customer_row, amount: int, reason: str,
                  kind: str = "writeoff") -> tuple[str, str, list[tuple[str, int]]]:
    """A credit adjustment settled oldest due first. Returns (adjustment id, number, allocations)."""
    return post_adjustment(conn, ctx, customer_row["id"], customer_row["balance"], -amount, reason, kind)


def documents_for(conn: Connection, charge_ids: list[str]) -> dict[str, str]:
    if not charge_ids:
        return {}
    rows = conn.execute(select(L.c.id, L.c.document).where(L.c.id.in_(charge_ids))).all()
    return {r.id: r.document for r in rows}


# ---------------------------------------------------------------- the bulk path

_BULK_ENTRY = ("INSERT INTO ledger_entries(id, store_id, customer_id, kind, amount, bill_id, payment_id, "
               "adjustment_id, document, posted_at, due_date, user_name, authorised_by, note) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
_BULK_ALLOCATION = ("INSERT INTO allocations(id, store_id, customer_id, credit_entry_id, charge_entry_id, amount, "
                    "created_at) VALUES (?,?,?,?,?,?,?)")
_BULK_OPEN = ("INSERT INTO open_items(entry_id, store_id, customer_id, side, open_amount, due_date, posted_at, "
              "bill_id) VALUES (?,?,?,?,?,?,?,?)")


@dataclass(frozen=True)
class NewEntry:
    """One entry for the bulk path (``fresh_books``)."""

    id: str
    customer_id: str
    kind: str
    amount: int
    document: str = ""
    due_date: date | None = None
    bill_id: str | None = None
    payment_id: str | None = None
    adjustment_id: str | None = None
    note: str = ""


@dataclass
class FreshBooks:
    """The bulk path: the whole book of customers that have no entries yet (created in the same
    transaction), e.g. an import's opening balances. ``fresh_books`` computes the projection of every
    customer in one pass (``project``); ``balances`` is what each customer's row must hold (the caller
    inserts its new customers with it: one insert instead of insert and update), and ``write`` inserts
    the entries, allocations and open items as three multi-row inserts (raw driver parameters: 100,000
    rows in about a second). Nothing bypasses the insert-only triggers."""

    entries: list[tuple]
    allocations: list[tuple]
    open_items: list[tuple]
    balances: dict[str, int]
    store_id: str = ""
    demo: bool = False

    def write(self, conn: Connection) -> None:
        if self.entries:
            conn.exec_driver_sql(_BULK_ENTRY, self.entries)
        if self.allocations:
            conn.exec_driver_sql(_BULK_ALLOCATION, self.allocations)
        if self.open_items:
            conn.exec_driver_sql(_BULK_OPEN, self.open_items)
        chain.link(conn, self.store_id, [("ledger_entries", [e[0] for e in self.entries]),
                                         ("allocations", [a[0] for a in self.allocations])], demo=self.demo)


def fresh_books(ctx: Context, entries: Iterable[NewEntry]) -> FreshBooks:
    """Plan the bulk posting of ``entries`` (see ``FreshBooks``); all are posted at the context's now."""
    now = ctx.clock.now()
    stamp = stored_time(now)
    s, actor = ctx.store_id, ctx.actor
    by_customer: dict[str, list[NewEntry]] = defaultdict(list)
    rows = []
    for e in entries:
        by_customer[e.customer_id].append(e)
        rows.append((e.id, s, e.customer_id, e.kind, e.amount, e.bill_id, e.payment_id, e.adjustment_id,
                     e.document, stamp, e.due_date.isoformat() if e.due_date else None, actor.name,
                     actor.authorised_by, e.note))
    allocs, opens, balances = [], [], {}
    for cid, mine in by_customer.items():
        if len(mine) == 1 and mine[0].amount:   # the common case (an opening balance): nothing to settle
            e = mine[0]
            balances[cid] = e.amount
            side = CHARGE if e.amount > 0 else CREDIT
            opens.append((e.id, s, cid, side, abs(e.amount), e.due_date.isoformat() if e.due_date else None,
                          stamp, e.bill_id if side == CHARGE else None))
            continue
        meta = {e.id: e for e in mine}
        proj = project(Entry(e.id, e.kind, e.amount, now, e.due_date, e.bill_id, e.payment_id, e.adjustment_id)
                       for e in mine)
        balances[cid] = proj.balance
        allocs += [(new_id(), s, cid, cr, ch, amt, stamp) for (cr, ch), amt in proj.allocations.items()]
        for eid, amt in proj.open_amounts.items():
            e = meta[eid]
            side = CHARGE if e.amount > 0 else CREDIT
            opens.append((eid, s, cid, side, amt, e.due_date.isoformat() if e.due_date else None, stamp,
                          e.bill_id if side == CHARGE else None))
    return FreshBooks(rows, allocs, opens, balances, s, ctx.demo)


# ---------------------------------------------------------------- removing demo books

_PURGE_SQL = [
    "DELETE FROM allocations WHERE customer_id IN (SELECT customer_id FROM ledger_purges)",
    "DELETE FROM open_items WHERE customer_id IN (SELECT customer_id FROM ledger_purges)",
    "DELETE FROM ledger_entries WHERE customer_id IN (SELECT customer_id FROM ledger_purges)",
]


def purge_demo_books(conn: Connection, ctx: Context, customers_sql: str) -> None:
    """Delete the whole book (entries, allocations, open items) of demo customers, inside the caller's
    transaction: ``customers_sql`` selects their ids. The insert-only guards stay in place: they let a
    delete through only for a demo customer listed in ``ledger_purges``, which this lists, and empties
    again before returning (a failure rolls the list back with everything else)."""
    conn.execute(text(f"INSERT INTO ledger_purges(customer_id) SELECT c.id FROM customers c "
                      f"WHERE c.store_id = :s AND c.is_demo = 1 AND c.id IN ({customers_sql})"),
                 {"s": ctx.store_id})
    for sql in _PURGE_SQL:
        conn.execute(text(sql))
    conn.execute(text("DELETE FROM ledger_purges"))


# ---------------------------------------------------------------- recomputation and rebuild

#: An entry's fields in ``domain.projection.Entry``'s order, then the customer (the replay reads the row as is).
_ALL_ENTRIES = text("SELECT id, kind, amount, posted_at, due_date, bill_id, payment_id, adjustment_id, customer_id "
                    "FROM ledger_entries WHERE +store_id = :s")
#: The same with each entry's rowid last (the states' check, SQLite: a state counts the entries at or below a mark).
_ALL_ENTRIES_ROWID = text("SELECT id, kind, amount, posted_at, due_date, bill_id, payment_id, adjustment_id, "
                          "customer_id, rowid FROM ledger_entries WHERE +store_id = :s")
#: How the database stores a posting time and a due date (``db.engine.STORED_TIME_FORMAT``, ISO dates): the
#: replay compares them as text, which orders as the values do in this one fixed format.
_TIME_TEXT, _DATE_TEXT = len("2026-01-01 10:00:00.000000"), len("2026-01-01")
_ALL_ALLOCATIONS = text(   # summed per pair in Python: cheaper than SQLite's GROUP BY sort
    "SELECT customer_id, credit_entry_id, charge_entry_id, amount FROM allocations WHERE +store_id = :s")
_ALL_OPEN = text("SELECT customer_id, entry_id, open_amount FROM open_items WHERE store_id = :s")
_ALL_BALANCES = text("SELECT id, name, balance FROM customers WHERE store_id = :s")


@dataclass(frozen=True)
class Difference:
    """Where one customer's cached projection differs from the recomputation."""

    customer_id: str
    name: str
    balance: tuple[int, int]                               # (cached, recomputed)
    allocations: dict[tuple[str, str], tuple[int, int]]    # pair -> (cached, recomputed)
    open_amounts: dict[str, tuple[int, int]]               # entry -> (cached, recomputed)

    def describe(self) -> str:
        bits = []
        if self.balance[0] != self.balance[1]:
            bits.append(f"cached balance {self.balance[0]} but recomputed {self.balance[1]}")
        if self.allocations:
            bits.append(f"{len(self.allocations)} allocation pair(s) differ")
        if self.open_amounts:
            bits.append(f"{len(self.open_amounts)} open item(s) differ")
        return "; ".join(bits)


def _raw_rows(conn: Connection, statement, store_id: str, customers: tuple | None = None) -> list[tuple]:
    """All rows of a whole-book read, straight from the driver (SQLAlchemy's per-row result processing
    costs more than the projection itself on a big book); ``customers``: see ``_range``."""
    sql, params = _range(str(statement), store_id, customers)
    return conn.connection.driver_connection.execute(sql, params).fetchall()


#: The column that names a row's customer, in each whole-book read (``customers`` ranges).
_CUSTOMER_COLUMN = {"ledger_entries": "+customer_id", "allocations": "+customer_id", "open_items": "customer_id",
                    "customers": "id", "check_states": "customer_id"}
#: Every stored state (``check_states``): the full check compares each with the replay at its point.
_ALL_STATES = text("SELECT customer_id, seq, posted_at, entries_to, balance, open FROM check_states "
                   "WHERE store_id = :s")


def _range(sql: str, store_id: str, customers: tuple | None) -> tuple[str, dict]:
    """A whole-book read kept to the customers whose id is in ``customers`` = ``(lo, hi)`` (``lo <= id < hi``;
    None: no bound on that side): the full check's parts (``services/integrity.py``). Entries and
    allocations are still read in storage order (the ``+``): SQLite skips the other customers' rows."""
    params = {"s": store_id}
    if customers is None:
        return sql, params
    column = next(c for t, c in _CUSTOMER_COLUMN.items() if f" FROM {t} " in sql)
    lo, hi = customers
    if lo is not None:
        sql, params["lo"] = f"{sql} AND {column} >= :lo", lo
    if hi is not None:
        sql, params["hi"] = f"{sql} AND {column} < :hi", hi
    return sql, params


@contextmanager
def _collector_paused():
    """The cyclic garbage collector off while a whole book is replayed and compared: that makes a few
    objects per entry, none of them in a cycle, all freed by reference counting before the collector is
    back on; its passes over them would cost about a third of the work and find nothing. Restored
    afterwards (unless it was off already, e.g. paused by the other checking thread)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _in_stored_format(r: tuple) -> tuple:
    """An entry row whose time or date is stored in another form (not written by this program), in the
    stored text format, so that it orders among the others by its value."""
    posted, due = r[POSTED_AT], r[DUE_DATE]
    posted = posted if isinstance(posted, datetime) else datetime.fromisoformat(str(posted))
    if due is not None:
        due = (due if isinstance(due, date) else date.fromisoformat(str(due))).isoformat()
    return (*r[:POSTED_AT], stored_time(posted), due, *r[DUE_DATE + 1:])


def recompute(conn: Connection, store_id: str, customers: tuple | None = None,
              at: dict[str, list[str]] | None = None, seen: dict | None = None) -> dict[str, Projection]:
    """Every customer's projection recomputed from the store's entries (one pass over the table); ``customers``:
    only those whose id is in that range (``_range``; SQLite only). ``at``: posting times per customer where
    the replay's state is wanted too (``project_at``), put in ``seen`` (customer -> time -> state).

    The rows go to the replay as the driver returns them (``domain.projection`` reads plain tuples,
    times as their stored text): the whole book costs one read and the replay, nothing per row."""
    entries: dict[str, list[tuple]] = defaultdict(list)
    if conn.dialect.name == "sqlite":
        for r in _raw_rows(conn, _ALL_ENTRIES_ROWID if at else _ALL_ENTRIES, store_id, customers):
            posted, due = r[POSTED_AT], r[DUE_DATE]
            if len(posted) != _TIME_TEXT or posted[10] != " " or (due is not None and len(due) != _DATE_TEXT):
                r = _in_stored_format(r)
            entries[r[8]].append(r)
    else:
        for r in conn.execute(_ALL_ENTRIES, {"s": store_id}):
            entries[r[8]].append(tuple(r))
    if not at:
        return {cid: project(es) for cid, es in entries.items()}
    out = {}
    for cid, es in entries.items():
        points = at.get(cid)
        if not points:
            out[cid] = project(es)
            continue
        ordered = order(es)
        # A point (time, mark) is the state of the entries posted up to the time, all at or below the mark, unless
        # an entry written later (above the mark) was posted before the time: then of those at or below the mark.
        top, tops, times = 0, [], []
        for e in ordered:
            top = max(top, e[9])
            tops.append(top)
            times.append(e[POSTED_AT])
        plain, late = [], []
        for t, mark in points:
            i = bisect_right(times, t)
            (late if i and tops[i - 1] > mark else plain).append((t, mark))
        out[cid], states = project_at(ordered, [t for t, _m in plain], ordered=True)
        seen[cid] = {(t, mark): states[t] for t, mark in plain}
        for t, mark in late:
            seen[cid][(t, mark)] = project_at([e for e in ordered if e[9] <= mark], [t], ordered=True)[1][t]
    return out


def differences(conn: Connection, store_id: str, customers: tuple | None = None,
                states: list | None = None) -> list[Difference]:
    """Customers whose cached allocations, open items or balance differ from the recomputation; ``customers``
    = ``(lo, hi)``: only those whose id is in that range (``_range``; the full check's parts, SQLite only).
    ``states`` (a list; a book only): every stored state of those customers (``check_states``) is compared
    with the replay at its point in the same pass, and each that differs is added as ``(customer id, name,
    seal, what differs)``."""
    with _collector_paused():
        return _differences(conn, store_id, customers, states)


def _state_problems(states: list[State], seen: dict, names: dict[str, str]) -> list[tuple[str, str, int, str]]:
    """Each stored state against the full replay's state at its point (``recompute(at=…)``)."""
    out = []
    for st in states:
        name = names.get(st.customer_id, "?")
        if st.open is None:
            continue   # no state was made there: nothing to compare (its row is covered by its seal's SHA-256)
        replayed = seen.get(st.customer_id, {}).get((st.posted_at, st.entries_to))
        if replayed is None:
            out.append((st.customer_id, name, st.seq, f"stands at {st.posted_at}, but the customer has no entries"))
            continue
        balance, items = replayed
        want = sorted([*e[:8], amt] for e, amt in items)
        have = sorted([*e[:8], amt] for e, amt in st.open)
        bits = []
        if balance != st.balance:
            bits.append(f"balance {st.balance} but the replay gives {balance}")
        if want != have:
            bits.append(f"{len(have)} open item(s) but the replay has {len(want)} "
                        f"({sum(1 for x in have if x not in want)} differ)")
        if bits:
            out.append((st.customer_id, name, st.seq, f"the state at {st.posted_at} differs from the replay: "
                                                      + "; ".join(bits)))
    return out


def _differences(conn: Connection, store_id: str, customers: tuple | None = None,
                 state_problems: list | None = None) -> list[Difference]:
    if customers is not None and conn.dialect.name != "sqlite":
        raise ValueError("customer ranges are read on a book (SQLite) only")
    raw = (lambda stmt: _raw_rows(conn, stmt, store_id, customers)) if conn.dialect.name == "sqlite" else (
        lambda stmt: [tuple(r) for r in conn.execute(stmt, {"s": store_id})])
    states = [state_of(r) for r in raw(_ALL_STATES)] if state_problems is not None else []
    at: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for st in states:
        if st.open is not None:
            at[st.customer_id].append((st.posted_at, st.entries_to))
    seen: dict = {}
    target = recompute(conn, store_id, customers, at, seen)
    alloc_rows, open_rows, customer_rows = raw(_ALL_ALLOCATIONS), raw(_ALL_OPEN), raw(_ALL_BALANCES)
    if states:
        state_problems += _state_problems(states, seen, {cid: name for cid, name, _b in customer_rows})
    # Compared as sets of rows first, at C speed: the recomputation has one row per (customer, credit,
    # charge) and per open entry. A customer none of whose stored rows is outside the recomputed ones,
    # none of whose recomputed rows is missing and none of whose rows is stored twice holds exactly the
    # recomputed rows; only the others (a damaged cache, or a pair written as several rows that may
    # still add up, e.g. a void's undo) are summed pair by pair below.
    want_alloc = {(cid, cr, ch, amt) for cid, p in target.items() for (cr, ch), amt in p.allocations.items()}
    want_open = {(cid, eid, amt) for cid, p in target.items() for eid, amt in p.open_amounts.items()}
    have_alloc, have_open = set(alloc_rows), set(open_rows)
    suspects: set[str] = set()   # equal sets (the sound book) cost one lookup per row; a difference, two
    if have_alloc != want_alloc:
        suspects |= {r[0] for r in have_alloc ^ want_alloc}
    if have_open != want_open:
        suspects |= {r[0] for r in have_open ^ want_open}
    for rows, distinct in ((alloc_rows, have_alloc), (open_rows, have_open)):
        if len(rows) != len(distinct):
            suspects |= {r[0] for r, n in Counter(rows).items() if n > 1}
    suspects |= {cid for cid, _name, balance in customer_rows
                 if balance != (target[cid].balance if cid in target else 0)}
    if not suspects:
        return []
    cached_alloc: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    cached_open: dict[str, dict[str, int]] = defaultdict(dict)
    for cid, cr, ch, amt in alloc_rows:
        if cid in suspects:
            pairs = cached_alloc[cid]
            pairs[(cr, ch)] = pairs.get((cr, ch), 0) + amt
    for cid, eid, amt in open_rows:
        if cid in suspects:
            cached_open[cid][eid] = amt
    empty = Projection({}, {}, 0)
    found = (_difference(cid, name, balance, target.get(cid, empty), cached_alloc.get(cid, {}),
                         cached_open.get(cid, {})) for cid, name, balance in customer_rows if cid in suspects)
    return [d for d in found if d is not None]


def _difference(cid: str, name: str, balance: int, want: Projection, have_a: dict[tuple[str, str], int],
                have_o: dict[str, int]) -> Difference | None:
    """One customer's cache (balance, allocation sums per pair, open items) against the recomputation."""
    if balance == want.balance and have_a == want.allocations and have_o == want.open_amounts:
        return None   # the common case, compared at C speed (neither side holds a zero amount)
    allocs = {k: (have_a.get(k, 0), want.allocations.get(k, 0))
              for k in have_a.keys() | want.allocations.keys() if have_a.get(k, 0) != want.allocations.get(k, 0)}
    opens = {k: (have_o.get(k, 0), want.open_amounts.get(k, 0))
             for k in have_o.keys() | want.open_amounts.keys() if have_o.get(k, 0) != want.open_amounts.get(k, 0)}
    if balance != want.balance or allocs or opens:
        return Difference(cid, name, (balance, want.balance), allocs, opens)
    return None


_OPEN_META = text(
    "SELECT id, amount, due_date, posted_at, bill_id FROM ledger_entries WHERE id = :id"
).columns(due_date=Date, posted_at=DateTime)


def rebuild(conn: Connection, ctx: Context) -> list[Difference]:
    """Make the cache equal the recomputation, inside the caller's write transaction.

    Allocations are insert-only: each pair that differs gets a delta row (target − stored). Open
    items and balances are plain cache rows: rewritten. Returns what was changed (per customer)."""
    diffs = differences(conn, ctx.store_id)
    now = ctx.clock.now()
    for d in diffs:
        deltas = [{"id": new_id(), "store_id": ctx.store_id, "customer_id": d.customer_id, "credit_entry_id": cr,
                   "charge_entry_id": ch, "amount": want - have, "created_at": now}
                  for (cr, ch), (have, want) in d.allocations.items()]
        if deltas:
            conn.execute(_INSERT_ALLOCATION, deltas)
            chain.link(conn, ctx.store_id, [("allocations", [a["id"] for a in deltas])], demo=ctx.demo)
        closes = [{"eid": eid} for eid, (_have, want) in d.open_amounts.items() if want == 0]
        if closes:
            conn.execute(_CLOSE_OPEN, closes)
        writes = []
        for eid, (_have, want) in d.open_amounts.items():
            if want:
                e = conn.execute(_OPEN_META, {"id": eid}).one()
                side = CHARGE if e.amount > 0 else CREDIT
                writes.append({"entry_id": eid, "store_id": ctx.store_id, "customer_id": d.customer_id,
                               "side": side, "open_amount": want, "due_date": e.due_date, "posted_at": e.posted_at,
                               "bill_id": e.bill_id if side == CHARGE else None})
        if writes:
            conn.execute(_WRITE_OPEN, writes)
        if d.balance[0] != d.balance[1]:
            conn.execute(update(C).where(C.c.id == d.customer_id).values(balance=d.balance[1]))
    return diffs


# ---------------------------------------------------------------- entries that arrived out of order (the pull)

_IN_IDS = "(SELECT value FROM json_each(:ids))"
_ENTRIES_OF = text(
    "SELECT customer_id, id, kind, amount, posted_at, due_date, bill_id, payment_id, adjustment_id "
    f"FROM ledger_entries WHERE store_id = :s AND customer_id IN {_IN_IDS}"
).columns(posted_at=DateTime, due_date=Date)
_ALLOCATIONS_OF = text(
    "SELECT customer_id, credit_entry_id, charge_entry_id, SUM(amount) FROM allocations "
    f"WHERE store_id = :s AND customer_id IN {_IN_IDS} "
    "GROUP BY customer_id, credit_entry_id, charge_entry_id HAVING SUM(amount) != 0")
_OPEN_OF_CUSTOMERS = text(
    f"SELECT customer_id, entry_id, open_amount FROM open_items WHERE store_id = :s AND customer_id IN {_IN_IDS}")
#: ``+store_id``: the named customers by id, not a walk of the store's index over every customer.
_BALANCES_OF = text(f"SELECT id, name, balance FROM customers WHERE +store_id = :s AND id IN {_IN_IDS}")
_SET_BALANCE = update(C).where(C.c.id == bindparam("cid")).values(balance=bindparam("balance"))


def _differences_of(conn: Connection, store_id: str, customer_ids: Iterable[str],
                    totals: dict[str, int] | None = None) -> tuple[list[Difference], dict[str, Entry]]:
    """The named customers' cache against the full replay of their entries (four reads, whatever their
    number). Returns the differences and the customers' entries by id; ``totals``: filled with each customer's
    ledger sum (every entry)."""
    ids = sorted(set(customer_ids))
    if not ids:
        return [], {}
    p = {"s": store_id, "ids": json.dumps(ids)}
    entries: dict[str, list[Entry]] = defaultdict(list)
    meta: dict[str, Entry] = {}
    for r in conn.execute(_ENTRIES_OF, p):
        e = Entry(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
        entries[r[0]].append(e)
        meta[e.id] = e
    if totals is not None:
        totals.update((c, sum(e.amount for e in es)) for c, es in entries.items())
    return _against_cache(conn, p, {cid: project(es) for cid, es in entries.items()}), meta


def _against_cache(conn: Connection, p: dict, target: dict[str, Projection]) -> list[Difference]:
    """The cached allocations (summed per pair), open items and balances of the customers in ``p`` against
    their recomputed projections (three reads)."""
    read = ((lambda stmt: conn.connection.driver_connection.execute(str(stmt), p)) if conn.dialect.name == "sqlite"
            else (lambda stmt: conn.execute(stmt, p)))   # plain values: straight from the driver where it can
    cached_alloc: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for cid, cr, ch, amt in read(_ALLOCATIONS_OF):
        cached_alloc[cid][(cr, ch)] = amt
    cached_open: dict[str, dict[str, int]] = defaultdict(dict)
    for cid, eid, amt in read(_OPEN_OF_CUSTOMERS):
        cached_open[cid][eid] = amt
    empty = Projection({}, {}, 0)
    found = (_difference(cid, name, balance, target.get(cid, empty), cached_alloc.get(cid, {}),
                         cached_open.get(cid, {})) for cid, name, balance in read(_BALANCES_OF))
    return [d for d in found if d is not None]


_ENTRIES_OF_RAW = ("SELECT id, kind, amount, posted_at, due_date, bill_id, payment_id, adjustment_id, customer_id "
                   f"FROM ledger_entries WHERE store_id = :s AND customer_id IN {_IN_IDS}")


def differences_of(conn: Connection, store_id: str, customer_ids: Iterable[str]) -> list[Difference]:
    """``differences`` for the named customers only (the incremental check: customers touched since the
    last seal), in a constant number of statements. Their entries go to the replay as the driver returns
    them, as in ``recompute``."""
    ids = sorted(set(customer_ids))
    if not ids or conn.dialect.name != "sqlite":
        return _differences_of(conn, store_id, ids)[0]
    p = {"s": store_id, "ids": json.dumps(ids)}
    entries: dict[str, list[tuple]] = defaultdict(list)
    with _collector_paused():
        for r in conn.connection.driver_connection.execute(_ENTRIES_OF_RAW, p):
            posted, due = r[POSTED_AT], r[DUE_DATE]
            if len(posted) != _TIME_TEXT or posted[10] != " " or (due is not None and len(due) != _DATE_TEXT):
                r = _in_stored_format(r)
            entries[r[-1]].append(r)
        return _against_cache(conn, p, {cid: project(es) for cid, es in entries.items()})


#: The named customers' entries summed per posting time, in the rule's order, from the covering index alone (no
#: table row is read): where each running balance is 0 (see ``differences_since``).
_MOMENTS = ("SELECT customer_id, posted_at, SUM(amount), MAX(rowid) FROM ledger_entries "
            f"WHERE store_id = :s AND customer_id IN {_IN_IDS} GROUP BY customer_id, posted_at "
            "ORDER BY customer_id, posted_at")
#: Customers with a credit note: a return paid back by a tender holds its credit open until its refund.
_RETURNED = ("SELECT DISTINCT customer_id FROM credit_notes "
             f"WHERE store_id = :s AND customer_id IN {_IN_IDS}")
#: Each customer's entries after its clean point (``[customer, posting time]`` pairs; no time: every entry).
#: ``CROSS JOIN`` keeps the customers outside: each one's tail is a range of the index, never a walk of the store.
_TAILS = ("WITH c(cid, t) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), ifnull(json_extract(value, '$[1]'), '') "
          "FROM json_each(:cuts)) "
          "SELECT e.id, e.kind, e.amount, e.posted_at, e.due_date, e.bill_id, e.payment_id, e.adjustment_id, "
          "e.customer_id, e.rowid FROM c CROSS JOIN ledger_entries e INDEXED BY ix_ledger_store_customer_posted "
          "WHERE e.store_id = :s AND e.customer_id = c.cid AND e.posted_at > c.t")
#: Every cached allocation row of the named customers, with whether it is newer than the sealed ones.
_ALLOCATION_ROWS_OF = ("SELECT customer_id, credit_entry_id, charge_entry_id, amount, rowid > :amark "
                       f"FROM allocations WHERE store_id = :s AND customer_id IN {_IN_IDS}")


def clean_points(driver, p: dict, entries_mark: int, returned: set[str] | None = None,
                 totals: dict[str, int] | None = None) -> dict[str, str | None]:
    """Each named customer's last clean point before its first entry newer than the seals (``rowid >
    entries_mark``): the posting time after which its running balance is 0 (None: from the first entry).
    Customers with a credit note (``returned``: read here when not given), or a time stored in another form,
    have none. ``totals``: filled with each customer's ledger sum (every entry, from the same index rows)."""
    if returned is None:
        returned = {r[0] for r in driver.execute(_RETURNED, p)}
    cuts: dict[str, str | None] = {}
    odd: set[str] = set()
    cid, running, cut, done = None, 0, None, True
    for c, posted, amount, top in driver.execute(_MOMENTS, p):
        if totals is not None:
            totals[c] = totals.get(c, 0) + amount
        if c != cid:
            if cid is not None:
                cuts[cid] = cut
            cid, running, cut, done = c, 0, None, c in returned
        if len(posted) != _TIME_TEXT or posted[10] != " ":
            odd.add(c)   # its text does not order as its value, wherever it is: no clean point
        if done:
            continue
        if top > entries_mark:
            done = True   # new entries from here on: the tail
            continue
        running += amount
        if running == 0:
            cut = posted
    if cid is not None:
        cuts[cid] = cut
    return {c: None if c in odd else t for c, t in cuts.items()}


def _stored_form(posted: str, due: str | None = None) -> bool:
    """A posting time (and due date) in the one text form the replay compares (``db.engine.STORED_TIME_FORMAT``)."""
    return len(posted) == _TIME_TEXT and posted[10] == " " and (due is None or len(due) == _DATE_TEXT)


# ---------------------------------------------------------------- verified states (the incremental check)

#: Whether seals store their customers' states (``states_at``); a book sealed before 0022 has none.
MAKE_STATES = True


@dataclass(frozen=True)
class State:
    """A customer's projection at a seal (``check_states``, migration 0022; docs/architecture.md §3.5): after
    every entry posted at or before ``posted_at``, all of which lie at or below the entries' rowid mark
    ``entries_to``; ``open`` None: no state could be made there (the customer is checked as without one)."""

    customer_id: str
    seq: int
    posted_at: str | None
    entries_to: int
    balance: int
    open: tuple[tuple[Entry, int], ...] | None

    def as_row(self, store_id: str) -> dict:
        return {"store_id": store_id, "seq": self.seq, "customer_id": self.customer_id, "posted_at": self.posted_at,
                "entries_to": self.entries_to, "balance": self.balance, "open": self.open_text()}

    def open_text(self) -> str | None:
        """The open items as stored: JSON, one ``[entry's 8 fields…, open amount]`` per item, by entry id."""
        if self.open is None:
            return None
        return json.dumps(sorted([*e[:8], amt] for e, amt in self.open), separators=(",", ":"))

    def text(self) -> str:
        """The row as the seal's SHA-256 covers it (``services/seals.py``)."""
        open_text = self.open_text()
        return "\x1f".join((self.customer_id, self.posted_at if self.posted_at is not None else "\x1e",
                            str(self.entries_to), str(self.balance), open_text if open_text is not None else "\x1e"))

    @property
    def start(self) -> tuple[int, tuple[tuple[Entry, int], ...]]:
        """Where a replay from this state begins (``domain.projection.project(entries, start)``)."""
        return self.balance, self.open or ()


def state_of(row) -> State:
    """A ``check_states`` row (customer_id, seq, posted_at, entries_to, balance, open) as a ``State``."""
    cid, seq, posted, mark, balance, open_json = row
    items = None if open_json is None else tuple((tuple(x[:8]), x[8]) for x in json.loads(open_json))
    return State(cid, seq, posted, mark, balance, items)


_STATE_COLUMNS = "customer_id, seq, posted_at, entries_to, balance, open"
#: Each named customer's latest state: one seek of ``ix_check_states_customer`` per customer, then its row by rowid
#: (not a second seek of the primary key's index: 11 -> 7.5 ms for the bench's day of 1,050 customers).
_LATEST_STATES = ("SELECT s.customer_id, s.seq, s.posted_at, s.entries_to, s.balance, s.open FROM json_each(:ids) j "
                  "CROSS JOIN check_states s WHERE s.rowid = (SELECT rowid FROM check_states INDEXED BY "
                  "ix_check_states_customer WHERE store_id = :s AND customer_id = j.value ORDER BY seq DESC LIMIT 1)")
#: The entries written after a rowid mark (since the seals), with the columns of a tail (``_TAILS``): one range of
#: the table's last rows.
_NEW_ENTRIES = ("SELECT id, kind, amount, posted_at, due_date, bill_id, payment_id, adjustment_id, customer_id, rowid "
                "FROM ledger_entries WHERE rowid > :m AND +store_id = :s")
#: The highest id among each customer's sealed entries (``rowid <= :m``) posted at a time (``[customer, time]``
#: pairs): where an entry written since the seals at a state's very time falls in the rule's order.
_SEALED_AT = ("WITH c(cid, t) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
              "FROM json_each(:cuts)) SELECT c.cid, (SELECT max(e.id) FROM ledger_entries e INDEXED BY "
              "ix_ledger_store_customer_posted WHERE e.store_id = :s AND e.customer_id = c.cid AND e.posted_at = c.t "
              "AND e.rowid <= :m) FROM c")
#: How many entries each customer holds posted after a time (``[customer, time]`` pairs): the covering index alone.
_HELD_AFTER = ("WITH c(cid, t) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
               "FROM json_each(:cuts)) SELECT c.cid, (SELECT count(*) FROM ledger_entries e INDEXED BY "
               "ix_ledger_store_customer_posted WHERE e.store_id = :s AND e.customer_id = c.cid AND e.posted_at > c.t) "
               "FROM c")
#: The allocation rows naming the given entries (the tails of the customers replayed from a state).
_ALLOCATIONS_NAMING = (
    "SELECT a.customer_id, a.credit_entry_id, a.charge_entry_id, a.amount FROM json_each(:tail) t "
    "CROSS JOIN allocations a INDEXED BY ix_allocations_credit_entry_id "
    "WHERE a.credit_entry_id = t.value AND a.store_id = :s "
    "UNION ALL SELECT a.customer_id, a.credit_entry_id, a.charge_entry_id, a.amount FROM json_each(:tail) t "
    "CROSS JOIN allocations a INDEXED BY ix_allocations_charge_entry_id "
    "WHERE a.charge_entry_id = t.value AND a.store_id = :s "
    "AND a.credit_entry_id NOT IN (SELECT value FROM json_each(:tail))")
#: The allocation rows written after a rowid mark (since the seals).
_NEW_ALLOCATIONS = ("SELECT customer_id, credit_entry_id, charge_entry_id FROM allocations "
                    "WHERE rowid > :m AND +store_id = :s")


def latest_states(driver, p: dict) -> dict[str, State]:
    """The named customers' latest stored states (``p``: ``s`` and ``ids``), usable or not."""
    return {r[0]: state_of(r) for r in driver.execute(_LATEST_STATES, p)}


def _resumable(driver, p: dict, entries_mark: int) -> tuple[dict[str, State], dict[str, list[tuple]]]:
    """The named customers a replay can start from their latest state: one was made (``open`` not None), and
    every entry written since the seals comes after the state's point in the rule's order — posted after its
    time, or at it with an id above every sealed entry of the customer posted then (``_SEALED_AT``) — in the
    stored form. Returns them and their entries written since the seals (``_NEW_ENTRIES`` rows)."""
    states = {c: st for c, st in latest_states(driver, p).items() if st.open is not None}
    new: dict[str, list[tuple]] = defaultdict(list)
    at_point: dict[str, str] = {}   # customer -> the lowest id of its new entries posted at the state's time
    if states:
        for r in driver.execute(_NEW_ENTRIES, {"s": p["s"], "m": entries_mark}):
            st = states.get(r[8])
            if st is None:
                continue
            if not _stored_form(r[POSTED_AT], r[DUE_DATE]) or r[POSTED_AT] < st.posted_at:
                del states[r[8]]   # a row written since the seals lands before the state's point
                new.pop(r[8], None)
                at_point.pop(r[8], None)
                continue
            if r[POSTED_AT] == st.posted_at:
                at_point[r[8]] = min(r[0], at_point.get(r[8], r[0]))
            new[r[8]].append(r)
    if at_point:
        cuts = sorted((c, states[c].posted_at) for c in at_point)
        sealed = {c: top for c, top in driver.execute(_SEALED_AT, {"s": p["s"], "m": entries_mark,
                                                                   "cuts": json.dumps(cuts)})}
        for c, first in at_point.items():
            if sealed.get(c) is None or sealed[c] >= first:   # it would not come after every entry of the state
                del states[c]
                new.pop(c, None)
    return states, new


def differences_since(conn: Connection, store_id: str, customer_ids: Iterable[str], marks: dict[str, int],
                      totals: dict[str, int] | None = None, cached: list | None = None) -> list[Difference]:
    """``differences_of`` for the incremental check (docs/architecture.md §3.5): each named customer is replayed
    from its latest verified **state** (stored at a seal, ``states_at``) when it has a usable one, else from its
    last **clean point** before the sealed rows end, instead of from its first entry.

    *From a state:* the state is the projection after every entry posted at or before its time (the check found
    the book sound when it was stored, and it is covered by its seal's SHA-256); the entries posted after it
    (the **tail**: those written since) are replayed from its open items and balance (``project(tail, start)``),
    and compared with the balance, every open item of the customer and every allocation naming a tail entry.
    A credit note needs no exception here (unlike a clean point): a return's credit still open, waiting for its
    refund, is among the state's open items. A customer whose entry written since the seals is posted at or
    before the state's time, whose tail holds a void or undo or a time in another form, or whose allocation row
    written since the seals names no tail entry, is replayed whole instead.

    *From a clean point* (customers without a usable state): a clean point is a posting time after which the
    customer's running balance is 0 and nothing can be open:
    at most one side is ever open (``domain.projection``) except while a second void waits for its undo
    (posted a microsecond after it: the undo then opens the tail, and a tail with a void or undo is replayed
    whole) or a return paid back by a tender waits for its refund (customers with a credit note are replayed
    whole), so a balance of 0 means nothing is. Every entry of one posting shares its time, so a clean point
    never splits one. From there on the replay does not depend on what came before (a payment or return at an
    earlier bill finds its charge settled; a refund finds the credit it names settled), so the projection is the
    one of the entries before the point (allocations pairing those only) joined with the replay of the entries
    after it (the **tail**). The tail is replayed and compared with the balance, every open item of the customer
    and every allocation naming a tail entry. The pairs before the point are sealed rows, proven by the clean
    check before their seal and unchanged since by the seals' SHA-256 (read back in turn, and by the scheduled
    full check), like every untouched customer's; when a row written after the seals names such a pair, the
    customer is replayed whole. The clean points come from the covering index alone (running sums per posting
    time); only the tails' rows are read. A bounded number of statements, whatever the number of customers.

    ``totals``: filled with each named customer's ledger sum (invariant 1, docs/architecture.md §3.2) from what the
    replay read: from a state, its balance plus every entry posted after it (its tail: no entry written since the
    seals lands before it, or the customer would not resume); from a clean point, or whole, every entry (the clean
    points' index rows, or the entries read). A customer with no entry is not named (its sum is 0). ``cached``:
    filled with the named customers' (id, name, cached balance) rows it compared (on SQLite)."""
    ids = sorted(set(customer_ids))
    if not ids or conn.dialect.name != "sqlite":
        return _differences_of(conn, store_id, ids, totals)[0]
    driver = conn.connection.driver_connection
    p = {"s": store_id, "ids": json.dumps(ids)}
    with _collector_paused():
        returned = {r[0] for r in driver.execute(_RETURNED, p)}
        states, new = _resumable(driver, p, marks.get("entries", 0)) if MAKE_STATES else ({}, {})
        # A state's tail (every entry after its point) is its customer's rows written since the seals when the
        # index holds no more entries posted after the point than those: counted on the covering index, not read
        # through it (every sealed entry of the customer lies at or before the point, by the state's making; one
        # that does not, the state or an entry edited underneath, sends the customer to the index's read, or to a
        # clean point when the tail also holds entries at the point's very time, which that read leaves out).
        at = sorted((c, st.posted_at) for c, st in states.items())
        held = dict(driver.execute(_HELD_AFTER, {"s": store_id, "cuts": json.dumps(at)})) if at else {}
        from_new = {c for c, t in at if held.get(c) == sum(1 for r in new.get(c, ()) if r[POSTED_AT] > t)}
        for c, t in at:
            if c not in from_new and any(r[POSTED_AT] == t for r in new.get(c, ())):
                del states[c]
        at = [(c, t) for c, t in at if c in states]
        rest = [c for c in ids if c not in states]
        sums: dict[str, int] = {}
        cuts = clean_points(driver, {"s": store_id, "ids": json.dumps(rest)}, marks.get("entries", 0),
                            returned, sums) if rest else {}
        read = sorted(cuts.items()) + [(c, t) for c, t in at if c not in from_new]
        cuts.update(at)
        entries: dict[str, list[tuple]] = defaultdict(list)
        whole: set[str] = set()
        rows = driver.execute(_TAILS, {"s": store_id, "cuts": json.dumps(read)}) if read else ()
        for r in itertools.chain(rows, (r for c in sorted(from_new) for r in new.get(c, ()))):
            if not _stored_form(r[POSTED_AT], r[DUE_DATE]):
                r = _in_stored_format(r)
                if r[8] in states:
                    whole.add(r[8])
            if r[1] in ("void", "unvoid") and cuts[r[8]] is not None:
                whole.add(r[8])   # a void reopens settled items: replayed from the first entry
            entries[r[8]].append(r)
        tail = {r[0] for es in entries.values() for r in es}
        cached_alloc: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
        if rest:
            for cid, cr, ch, amt, new in driver.execute(_ALLOCATION_ROWS_OF, {"s": store_id, "ids": json.dumps(rest),
                                                                             "amark": marks.get("allocations", 0)}):
                if cr in tail or ch in tail or cuts.get(cid) is None:
                    pairs = cached_alloc[cid]
                    pairs[(cr, ch)] = pairs.get((cr, ch), 0) + amt
                elif new:   # a new row among the entries before the clean point: replay this customer whole
                    whole.add(cid)
        if states:
            stated_tail = sorted(r[0] for c in states for r in entries.get(c, ()))
            for cid, cr, ch, amt in driver.execute(_ALLOCATIONS_NAMING, {"s": store_id,
                                                                         "tail": json.dumps(stated_tail)}):
                if cid in states:
                    pairs = cached_alloc[cid]
                    pairs[(cr, ch)] = pairs.get((cr, ch), 0) + amt
            for cid, cr, ch in driver.execute(_NEW_ALLOCATIONS, {"s": store_id, "m": marks.get("allocations", 0)}):
                if cid in states and cr not in tail and ch not in tail:
                    whole.add(cid)   # a new row between entries the state stands after: replayed whole
        for pairs in cached_alloc.values():   # a pair undone by a later row holds nothing
            for k in [k for k, v in pairs.items() if not v]:
                del pairs[k]
        target = {cid: project(es) for cid, es in entries.items() if cid not in whole and cid not in states}
        target.update((cid, project(entries.get(cid, ()), st.start)) for cid, st in states.items() if cid not in whole)
        cached_open: dict[str, dict[str, int]] = defaultdict(dict)
        for cid, eid, amt in driver.execute(str(_OPEN_OF_CUSTOMERS), p):
            cached_open[cid][eid] = amt
        empty = Projection({}, {}, 0)
        customers = driver.execute(str(_BALANCES_OF), p).fetchall()
        found = [_difference(cid, name, balance, target.get(cid, empty), cached_alloc.get(cid, {}),
                             cached_open.get(cid, {}))
                 for cid, name, balance in customers if cid not in whole]
        if cached is not None:
            cached += customers
        if totals is not None:
            totals.update(sums)
            totals.update((c, st.balance + sum(r[2] for r in entries.get(c, ()))) for c, st in states.items())
    found = [d for d in found if d is not None]
    if whole:
        found += _differences_of(conn, store_id, whole, totals)[0]
    return sorted(found, key=lambda d: ids.index(d.customer_id)) if whole else found


#: The entries of the customers with an entry among rows ``a < rowid <= b`` (a seal's), but demo customers': how
#: many each has there.
_SEALED_CUSTOMERS = ("SELECT customer_id, count(*) FROM ledger_entries WHERE rowid > :a AND rowid <= :b "
                     "AND +store_id = :s AND customer_id NOT IN (SELECT id FROM customers WHERE is_demo = 1) "
                     "GROUP BY customer_id")


def states_at(conn: Connection, store_id: str, seq: int, after: int, upto: int,
              pending: dict[str, State]) -> list[State]:
    """The states a seal stores (docs/architecture.md §3.5): for each customer with an entry among the rows it
    seals (``after < rowid <= upto``), its projection after every entry posted at or before its latest one
    there, replayed from its previous state (``pending``: one planned by an earlier seal of the same run; else
    the latest stored) or, without one, from its first entry. No state (``open`` None) where the entries at or
    below the mark are not exactly those posted up to that time (an entry written later lands before it), or
    for a time stored in another form. Called only with rows a check found sound. A bounded number of
    statements; the rows read are the customers' entries after their previous state."""
    driver = conn.connection.driver_connection
    counts = dict(driver.execute(_SEALED_CUSTOMERS, {"s": store_id, "a": after, "b": upto}).fetchall())
    if not counts:
        return []
    ids = sorted(counts)
    p = {"s": store_id, "ids": json.dumps(ids)}
    stored = latest_states(driver, p)
    bases = {c: pending.get(c, stored.get(c)) for c in ids}
    bases = {c: b for c, b in bases.items() if b is not None and b.open is not None}
    out: dict[str, State] = {}
    todo = list(ids)
    with _collector_paused():
        for _attempt in range(2):   # from the previous state; then the ones that cannot be, from the first entry
            if not todo:
                break
            cuts = sorted((c, bases[c].posted_at if c in bases else None) for c in todo)
            tails: dict[str, list[tuple]] = defaultdict(list)
            for r in driver.execute(_TAILS, {"s": store_id, "cuts": json.dumps(cuts)}):
                tails[r[8]].append(r)
            again = []
            for c in todo:
                base = bases.get(c)
                rows = tails.get(c, [])
                upto_rows = [r for r in rows if r[9] <= upto]
                if any(not _stored_form(r[POSTED_AT], r[DUE_DATE]) for r in rows) or not upto_rows:
                    out[c] = State(c, seq, None, upto, 0, None)
                    continue
                t = max(r[POSTED_AT] for r in upto_rows)
                if any(r[9] > upto and r[POSTED_AT] <= t for r in rows):
                    out[c] = State(c, seq, None, upto, 0, None)
                    continue
                if base is not None and (len(upto_rows) != counts[c] or
                                         any(r[1] in ("void", "unvoid") for r in upto_rows)):
                    again.append(c)   # not only this seal's entries after the state, or a void: from the first
                    continue
                book = Book() if base is None else Book.resume(*base.start)
                for e in order(upto_rows):
                    book.apply(e)
                balance, items = book.state()
                out[c] = State(c, seq, t, upto, balance, tuple((tuple(e[:8]), amt) for e, amt in items))
            for c in again:
                bases.pop(c, None)
            todo = again
    return [out[c] for c in ids if c in out]


def reproject(conn: Connection, ctx: Context, customer_ids: Iterable[str]) -> list[Difference]:
    """Make the named customers' cached projection equal the full replay of their entries.

    For entries that did not arrive in the rule's order (``Posting`` assumes they do): a pull brings
    another till's entries, posted between this book's. Inside the caller's write transaction, in a
    constant number of statements whatever the number of customers: four reads, then at most one
    write per kind of row (allocation deltas, open items closed, open items written, balances).
    Returns the customers whose cache changed."""
    diffs, meta = _differences_of(conn, ctx.store_id, customer_ids)
    if not diffs:
        return []
    now = ctx.clock.now()
    deltas, closes, writes, balances = [], [], [], []
    for d in diffs:
        deltas += [{"id": new_id(), "store_id": ctx.store_id, "customer_id": d.customer_id, "credit_entry_id": cr,
                    "charge_entry_id": ch, "amount": want - have, "created_at": now}
                   for (cr, ch), (have, want) in d.allocations.items()]
        for eid, (_have, want) in d.open_amounts.items():
            if not want:
                closes.append({"eid": eid})
                continue
            e = meta[eid]
            writes.append({"entry_id": eid, "store_id": ctx.store_id, "customer_id": d.customer_id, "side": e.side,
                           "open_amount": want, "due_date": e.due_date, "posted_at": e.posted_at,
                           "bill_id": e.bill_id if e.side == CHARGE else None})
        if d.balance[0] != d.balance[1]:
            balances.append({"cid": d.customer_id, "balance": d.balance[1]})
    if deltas:
        conn.execute(_INSERT_ALLOCATION, deltas)
        chain.link(conn, ctx.store_id, [("allocations", [a["id"] for a in deltas])], demo=ctx.demo)
    if closes:
        conn.execute(_CLOSE_OPEN, closes)
    if writes:
        conn.execute(_WRITE_OPEN, writes)
    if balances:
        conn.execute(_SET_BALANCE, balances)
    return diffs


_VOIDS_OF = text(
    "SELECT id, customer_id, kind, amount, bill_id, posted_at, document, user_name FROM ledger_entries "
    f"WHERE store_id = :s AND customer_id IN {_IN_IDS} AND kind IN ('void', 'unvoid') AND bill_id IS NOT NULL"
).columns(posted_at=DateTime)
_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def undo_id(void_id: str) -> str:
    """The id of a second void's undo: the void's time part and 16 characters hashed from its id, so every
    node that posts it posts the same row (the hub and each book keep it once)."""
    digest = base64.b32encode(hashlib.sha256(f"unvoid:{void_id}".encode()).digest()).decode()
    return void_id[:10] + digest.translate(_CROCKFORD)[:16]


def undo_second_voids(conn: Connection, ctx: Context, customer_ids: Iterable[str]) -> list[str]:
    """Post the undo of every second void among the named customers' entries; returns the new entry ids.

    Two tills that voided the same bill while offline both posted a void entry. The first void in the
    rule's order ``(posted_at, id)`` is the bill's void; each later one is undone by an ``unvoid``
    entry of the opposite amount, posted a microsecond after it with an id derived from its id
    (``undo_id``): any node that holds both voids posts the same undo, and it is kept once
    everywhere. Refunds the later void paid out stay on the customer's account (the money did go out).
    The caller reprojects the customers afterwards (docs/architecture.md §7)."""
    ids = sorted(set(customer_ids))
    if not ids:
        return []
    voids: dict[str, list] = defaultdict(list)
    undone: set[str] = set()
    for r in conn.execute(_VOIDS_OF, {"s": ctx.store_id, "ids": json.dumps(ids)}):
        if r.kind == "unvoid":
            undone.add(r.id)
        else:
            voids[r.bill_id].append(r)
    rows = []
    for bill_voids in voids.values():
        for v in sorted(bill_voids, key=lambda r: (r.posted_at, r.id))[1:]:
            uid = undo_id(v.id)
            if uid in undone:
                continue
            rows.append({"id": uid, "store_id": ctx.store_id, "customer_id": v.customer_id, "kind": "unvoid",
                         "amount": -v.amount, "bill_id": v.bill_id, "payment_id": None, "adjustment_id": None,
                         "document": v.document, "posted_at": v.posted_at + timedelta(microseconds=1),
                         "due_date": None, "user_name": v.user_name, "authorised_by": None,
                         "note": f"{v.document} was voided at another till first"})
    if rows:
        conn.execute(_INSERT_ENTRY, rows)
    return [r["id"] for r in rows]
