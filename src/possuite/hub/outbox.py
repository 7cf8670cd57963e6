"""The till's side of the outbox: its identity as a till, what is waiting, and reading a batch.

The rows themselves are queued by the book's triggers (migration 0003); this module only reads
them, queues a whole book at registration, and removes what the hub has committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, case, delete, func, insert, literal, or_, select, update

from possuite.db import models as m
from possuite.hub import spec

T = m.SyncTill.__table__
O = m.SyncOutbox.__table__
V = m.SyncVersion.__table__


@dataclass(frozen=True)
class Identity:
    id: str
    business_id: str
    business_name: str
    store_id: str
    code: str
    name: str
    hub_url: str
    registered_at: datetime
    last_push_at: datetime | None
    last_pull_at: datetime | None
    last_error: str


def identity(conn: Connection) -> Identity | None:
    row = conn.execute(select(T)).mappings().first()
    if row is None:
        return None
    return Identity(**{k: row[k] for k in Identity.__dataclass_fields__})


def waiting(conn: Connection) -> tuple[int, int]:
    """Rows queued for the hub, and how many sales (bills, each once: a bill voided since is queued twice)."""
    total, sales = conn.execute(select(func.count(), func.count(case((O.c.tbl == "bills", O.c.row_id)).distinct()))
                                ).one()
    return int(total), int(sales)


def queue_whole_book(conn: Connection, store_id: str) -> int:
    """Queue every row of the store in the synced tables (registration: what was written before)."""
    queued = 0
    for name in spec.SYNCED_TABLES:
        t = spec.till_table(name)
        where = t.c.id == store_id if name == "stores" else t.c.store_id == store_id
        src = select(literal(name), t.c.id).where(where).order_by(t.c.id)
        queued += conn.execute(insert(O).from_select(["tbl", "row_id"], src)).rowcount or 0
    return queued


@dataclass(frozen=True)
class Batch:
    last_seq: int
    rows: dict[str, list[dict]]  # table (or spec.SHIFT_LINKS entry) -> rows as the hub takes them

    @property
    def size(self) -> int:
        return sum(len(r) for r in self.rows.values())


def last_seq(conn: Connection) -> int:
    """The newest outbox entry's sequence number (0 when nothing waits)."""
    return int(conn.execute(select(func.coalesce(func.max(O.c.seq), 0))).scalar_one())


def read_batch(conn: Connection, till_id: str, limit: int, upto: int | None = None) -> Batch | None:
    """The oldest ``limit`` outbox entries (up to entry ``upto``) with their rows' current values (a constant
    number of statements)."""
    oldest = select(O.c.seq, O.c.tbl, O.c.row_id)
    if upto is not None:
        oldest = oldest.where(O.c.seq <= upto)
    queued = conn.execute(oldest.order_by(O.c.seq).limit(limit)).all()
    if not queued:
        return None
    ids: dict[str, set[str]] = {}
    for _seq, tbl, row_id in queued:
        ids.setdefault(tbl, set()).add(row_id)
    rows: dict[str, list[dict]] = {}
    children: dict[str, set[str]] = {}  # child table -> ids of the parents in this batch
    for parent, (child, _col) in spec.CHILDREN.items():
        if ids.get(parent):
            children[child] = ids[parent]
    for name in spec.SYNCED_TABLES:
        wanted = ids.get(name)
        parents = children.get(name)
        if not wanted and not parents:
            continue
        t = spec.till_table(name)
        cols = [t.c[c] for c in spec.synced_columns(name)]
        # A bill goes with its lines, a credit note with its lines, whatever the batch's size: the hub
        # never holds one without the other (the lines' own outbox entries send them again: harmless).
        where = t.c.id.in_(wanted or ())
        if parents:
            where = or_(where, t.c[spec.CHILDREN_PARENT_COLUMN[name]].in_(parents))
        found = [dict(r) for r in conn.execute(select(*cols).where(where)).mappings()]
        if name in spec.MASTERS:
            versions = dict(conn.execute(select(V.c.row_id, V.c.version).where(
                V.c.tbl == name, V.c.row_id.in_(wanted or ()))).all())
            for r in found:
                r[spec.VERSION] = versions.get(r["id"], 0)
        for r in found:
            r[spec.TILL_ID] = till_id
        if found:  # a row removed since (demo clean-up) has nothing left to send
            rows[name] = found
    for link, name in spec.SHIFT_LINKS.items():  # a shift link sends the row's id and shift only (book 0020)
        if wanted := ids.get(link):
            t = spec.till_table(name)
            found = [dict(r) for r in conn.execute(select(t.c.id, t.c[spec.SHIFT_COLUMN]).where(
                t.c.id.in_(wanted), t.c[spec.SHIFT_COLUMN].is_not(None))).mappings()]
            if found:
                rows[link] = found
    return Batch(last_seq=queued[-1][0], rows=rows)


def mark_pushed(conn: Connection, last_seq: int, now: datetime) -> None:
    conn.execute(delete(O).where(O.c.seq <= last_seq))
    conn.execute(update(T).values(last_push_at=now, last_error=""))


def record_error(conn: Connection, error: str) -> None:
    conn.execute(update(T).values(last_error=error[:1000]))
