"""What the hub holds of a till's book: which tables, which columns, facts or masters.

One place for the rule, used by the till's push (what to read and send), by the hub's tables
(what to insert) and by the tests that compare both with the hub migration's real tables.

- Facts (bills and their lines, credit notes and their lines, payments, adjustments, ledger
  entries, the audit log, shifts and their cash moves) only append: re-sending one is
  ``INSERT … ON CONFLICT (id) DO NOTHING``. A bill's one change, its void, travels as an update of
  the void columns that only the first void wins; a shift's one change, its close, likewise
  (docs/architecture.md §7).
- Masters (the store's settings, users, items, customers) change: last writer wins per row by a
  ``version`` (a per-row counter the till bumps on each change; ties go to the greater till id).
- Cached columns (the projection: customers' balance and visit figures, items' sold count) and
  a till's own lockout state and screen language of users are never synced: each node derives or keeps its own.
- A till's drawer (shifts, their cash moves, which shift a bill or payment joined) goes up to the
  hub for the back office's day report, and never down to the other tills (``PUSH_ONLY``): each
  till counts its own drawer.
- A shift link (``SHIFT_LINKS``): which shift a bill or payment joined, sent again on its own (book 0020)
  for the rows a till pushed before it synced shifts (book 0011); the hub fills a NULL ``shift_id`` of
  the till's own row once and refuses any other change (hub h0013, docs/architecture.md §7).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table

from possuite.db import models as m

#: In dependency order: a batch inserts its rows table by table in this order (foreign keys).
SYNCED_TABLES = ("stores", "users", "customers", "items", "bills", "bill_lines", "credit_notes", "credit_note_lines",
                 "payments", "adjustments", "ledger_entries", "audit_log", "shifts", "shift_cash_moves")
MASTERS = frozenset({"stores", "users", "customers", "items"})
FACTS = frozenset(SYNCED_TABLES) - MASTERS
#: Facts the hub refuses to UPDATE or DELETE (a bill may still be voided once, a shift closed once; a bill's or
#: payment's NULL shift filled once by its till: ``SHIFT_LINKS``, hub h0013).
INSERT_ONLY = FACTS - {"bills", "shifts"}
VOID_COLUMNS = ("voided_at", "void_reason", "voided_by")
#: What closing a shift writes: the one change of a shift row, made once (first close wins on the hub).
CLOSE_COLUMNS = ("closed_at", "closed_by", "expected_cash", "counted_cash", "counted_notes", "variance", "close_note")
#: Pushed to the hub, never pulled by the other tills: a till's own drawer.
PUSH_ONLY = frozenset({"shifts", "shift_cash_moves"})
#: The tables a pull brings, in dependency order.
PULLED_TABLES = tuple(t for t in SYNCED_TABLES if t not in PUSH_ONLY)
#: Which pulled tables of a store each writer changed last (hub h0014): read by the pull (``pull.to_read``), written
#: only by the hub's trigger in the writing transaction; a till may read its own store's marks.
MARKS_TABLE = "pull_marks"
#: A parent's rows pulled with their children in one book transaction (a bill never without its lines).
CHILDREN = {"bills": ("bill_lines", "bill_id"), "credit_notes": ("credit_note_lines", "credit_note_id")}
CHILDREN_PARENT_COLUMN = {child: col for child, col in CHILDREN.values()}

#: Columns a till keeps for itself: the projection (re-derived from the ledger) and per-till state. Every other
#: column of a master is pushed, and its change is queued by the book's trigger (``db/sync_triggers.py``).
LOCAL_COLUMNS: dict[str, frozenset[str]] = {
    # ``phone_display``: the phone as shown, derived from the synced phone (book 0024; a pull computes it).
    "customers": frozenset({"balance", "visits", "total_spent", "last_visit", "last_payment_at", "phone_display"}),
    "items": frozenset({"sold_qty"}),
    # A user's screen language is this till's preference (book 0014): the hub's users have no column for it.
    "users": frozenset({"failed_attempts", "lock_count", "locked_until", "language"}),
    # The till's own drawer policy; its receipt language; its scale's label layout.
    "stores": frozenset({"shifts_required", "max_cashier_discount_bp", "receipt_language",
                         "scale_barcode"}),
}
#: Columns the hub holds and a pull leaves alone: which of the writing till's shifts a bill or payment
#: joined (a pulled row joins no shift here; the column keeps its NULL).
PUSH_ONLY_COLUMNS: dict[str, frozenset[str]] = {
    "bills": frozenset({"shift_id"}),
    "payments": frozenset({"shift_id"}),
}

#: Outbox entries that send only a row's shift link (``id``, ``shift_id``), not the row: entry name -> table.
#: The push fills the hub row's ``shift_id`` where it is NULL and the row is the pushing till's own, with
#: one of that till's shifts (``push.apply_batch``); the hub's trigger allows nothing else (h0013).
SHIFT_LINKS = {"bill_shifts": "bills", "payment_shifts": "payments"}
#: The one column a shift link writes.
SHIFT_COLUMN = "shift_id"

#: Hub-only columns: which till wrote the row, the hub's order of arrival (pull cursors), the master's version.
TILL_ID, HUB_SEQ, VERSION = "till_id", "hub_seq", "version"


def till_table(name: str) -> Table:
    return m.Base.metadata.tables[name]


def synced_columns(name: str) -> list[str]:
    """The till's columns of ``name`` that the hub holds, in the till's order."""
    local = LOCAL_COLUMNS.get(name, frozenset())
    return [c.name for c in till_table(name).columns if c.name not in local]


def pulled_columns(name: str) -> list[str]:
    """The hub's columns of ``name`` that a pull writes into the book."""
    own = PUSH_ONLY_COLUMNS.get(name, frozenset())
    return [c for c in synced_columns(name) if c not in own]


def _hub_metadata() -> MetaData:
    md = MetaData()
    for name in SYNCED_TABLES:
        cols = []
        for c in till_table(name).columns:
            if c.name in LOCAL_COLUMNS.get(name, ()):
                continue
            kind = BigInteger() if isinstance(c.type, Integer) else c.type.copy()
            cols.append(Column(c.name, kind, primary_key=c.primary_key, nullable=c.nullable))
        cols.append(Column(TILL_ID, String(26), nullable=True))
        if name in MASTERS:
            cols.append(Column(VERSION, BigInteger(), nullable=False))
        Table(name, md, *cols)
    return md


#: The hub's tables as the push writes them (hub_seq is left to the hub's trigger).
HUB_METADATA = _hub_metadata()


def hub_table(name: str) -> Table:
    return HUB_METADATA.tables[name]
