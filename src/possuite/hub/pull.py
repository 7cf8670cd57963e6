"""The pull: the store's rows written elsewhere since this till's cursor, applied to the book.

One pull round reads the hub inside one read-only ``REPEATABLE READ`` transaction (one snapshot:
every row a pulled row points at is in it too) and walks the synced tables in dependency order
(``spec.PULLED_TABLES``), each in ``(hub_xid, hub_seq)`` order from its cursor, in batches. Each
batch is one book transaction that writes the rows, moves that table's cursor and re-projects the
customers whose entries arrived, so a pull cut off anywhere (network, kill -9) leaves the book
whole and the next one resumes after the last committed batch; a batch received twice changes
nothing. The rows do not go back into the outbox: the transaction sets ``sync_till.applying``.

The cursor (docs/architecture.md §7): ``hub_xid`` is the id of the hub transaction that last wrote
a row; the snapshot's ``xmin`` is the oldest transaction still running when the snapshot was
taken. Every transaction below it has ended, so no row can later appear below it: the cursor only
moves over rows with ``hub_xid < xmin``. Rows above are applied too (their references must be
there) and simply read again next time. A master changed or a bill voided on the hub carries the
changing transaction's id, so it moves past every cursor again. A table read to its end in the snapshot
moves its cursor to ``(xmin, 0)``: every row below it is in the book then, this till's own included.

Which tables are read (hub h0014): the round first asks the hub, in one statement, for the store's pull
marks, the newest transaction of each other writer per table (``pull_marks``, written by a trigger in the
rows' own transaction); a table is read only when such a mark is at or above its cursor's ``hub_xid``
(``to_read``). So a round with nothing new reads no table, and writes nothing to the book unless its
``last_pull_at`` stamp is a minute old (``PULL_STAMP_EVERY_S``). A hub before h0014 has every table read.

How rows are applied:

- masters (store settings, users, items, customers): the hub's row, unless this till changed the row
  since its last push and its change wins by the hub's own rule (greater version, then greater till
  id); the row's version becomes the hub's, so this till's next change outbids it;
- bills: new ones inserted; a bill the hub holds void takes the hub's void columns (the hub keeps the
  first void that reached it: every node shows that one);
- other facts: inserted when new (``INSERT`` of the ids the book lacks); a batch of bills brings their
  lines and a batch of credit notes theirs (``spec.CHILDREN``: read in the same snapshot, written in
  the same book transaction), so a pull cut anywhere never leaves one without the other; a till's
  shifts are not pulled (``spec.PUSH_ONLY``), nor which shift a bill or payment joined;
- the customers whose ledger entries arrived: a bill voided at two tills gets its second void
  undone (``services.ledger.undo_second_voids``; the undo is queued for the hub), then their cached
  projection is rebuilt from all their entries (``services.ledger.reproject``) and their visit
  figures recounted, in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from possuite.db import models as m
from possuite.domain.errors import ValidationError
from possuite.hub import outbox, spec
from possuite.hub.connect import (
    HubUnreachable,
    display,
    hub_engine,
    is_connection_error,
    reason,
    with_saved_password,
)
from possuite.services import ledger
from possuite.services.context import Context
from possuite.services.phones import display_phone

T, O, V = outbox.T, outbox.O, outbox.V
CUR = m.SyncCursor.__table__
B = m.Bill.__table__
BATCH_SIZE = 500
#: A round that pulled nothing stamps ``last_pull_at`` only when the stamp is this old: a round with nothing to
#: do writes nothing to the book (the app's rounds come after each sale and every minute).
PULL_STAMP_EVERY_S = 60.0

#: What a pulled row gets in the columns a till keeps for itself (spec.LOCAL_COLUMNS).
LOCAL_DEFAULTS: dict[str, dict[str, object]] = {
    "customers": {"balance": 0, "visits": 0, "total_spent": 0, "last_visit": None, "last_payment_at": None},
    "items": {"sold_qty": 0},
    "users": {"failed_attempts": 0, "lock_count": 0, "locked_until": None},
}
#: The columns a till keeps for itself that it derives from a pulled row's synced columns: written with the row,
#: whether it is new here or changed (a customer's phone as shown, book 0024).
LOCAL_DERIVED: dict[str, Callable[[dict], dict[str, object]]] = {
    "customers": lambda r: {"phone_display": display_phone(r["phone_e164"], r["phone"])},
}


def _hub_select(name: str):
    cols = [*spec.pulled_columns(name), spec.TILL_ID, *([spec.VERSION] if name in spec.MASTERS else [])]
    store_col = "id" if name == "stores" else "store_id"
    # This till's own rows are here already, except a bill of its own voided at another till.
    own = f"{spec.TILL_ID} IS DISTINCT FROM :me" + (" OR voided_at IS NOT NULL" if name == "bills" else "")
    quoted = ", ".join(f'"{c}"' for c in cols)
    return text(f"SELECT {quoted}, hub_xid, hub_seq FROM {name} "
                f"WHERE {store_col} = :store AND (hub_xid, hub_seq) > (:x, :q) AND ({own}) "
                "ORDER BY hub_xid, hub_seq LIMIT :n")


def _children_select(child: str, parent_col: str):
    quoted = ", ".join(f'"{c}"' for c in [*spec.pulled_columns(child), spec.TILL_ID])
    return text(f"SELECT {quoted} FROM {child} WHERE store_id = :store AND {parent_col} = ANY(:ids) ORDER BY id")


_HUB_SELECT = {name: _hub_select(name) for name in spec.PULLED_TABLES}
#: A parent's children, read in the same snapshot and applied in the parent's book transaction.
_CHILDREN_SELECT = {parent: _children_select(child, col) for parent, (child, col) in spec.CHILDREN.items()}
#: The snapshot's horizon, and whether the hub keeps pull marks (h0014; a hub before it: every table is read).
_HORIZON = text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
                f"to_regclass('public.{spec.MARKS_TABLE}') IS NOT NULL")
#: The newest hub transaction of another writer per pulled table of the store (one statement, a few rows).
_MARKS = text(f"SELECT tbl, max(hub_xid) FROM {spec.MARKS_TABLE} "
              "WHERE store_id = :store AND writer <> :me GROUP BY tbl")

_ON = update(T).values(applying=True)
_OFF = update(T).values(applying=False)
_SAVE_CURSOR = text("INSERT INTO sync_cursors(tbl, hub_xid, hub_seq) VALUES (:t, :x, :q) "
                    "ON CONFLICT(tbl) DO UPDATE SET hub_xid = excluded.hub_xid, hub_seq = excluded.hub_seq")
_SET_VERSION = text("INSERT INTO sync_versions(tbl, row_id, version) VALUES (:t, :id, :v) "
                    "ON CONFLICT(tbl, row_id) DO UPDATE SET version = excluded.version")
_VOID = update(B).where(B.c.id == bindparam("bid")).values(
    voided_at=bindparam("va"), void_reason=bindparam("vr"), voided_by=bindparam("vb"))
_IN_IDS = "(SELECT value FROM json_each(:ids))"
# The visit figures are the book's own cache of its bills (``check_customer_stats``): recounted.
_RECOUNT = text(f"""UPDATE customers SET
    visits = (SELECT COUNT(*) FROM bills b WHERE b.customer_id = customers.id AND b.voided_at IS NULL),
    total_spent = (SELECT COALESCE(SUM(b.total), 0) FROM bills b
                   WHERE b.customer_id = customers.id AND b.voided_at IS NULL)
                - (SELECT COALESCE(SUM(n.total), 0) FROM bills b JOIN credit_notes n
                   ON n.store_id = b.store_id AND n.bill_id = b.id WHERE b.customer_id = customers.id),
    last_visit = (SELECT MAX(b.posted_at) FROM bills b WHERE b.customer_id = customers.id)
    WHERE id IN {_IN_IDS}""")
_LAST_PAYMENT = text(f"""UPDATE customers SET last_payment_at = (SELECT MAX(p.posted_at) FROM payments p
    WHERE p.customer_id = customers.id AND p.kind != 'refund') WHERE id IN {_IN_IDS}""")
_SOLD = text("UPDATE items SET sold_qty = sold_qty + :q WHERE id = :iid")
_QUEUE = insert(O)


@dataclass(frozen=True, order=True)
class Position:
    xid: int
    seq: int


def cursors(conn: Connection) -> dict[str, Position]:
    return {r.tbl: Position(r.hub_xid, r.hub_seq) for r in conn.execute(select(CUR))}


def pull(ctx: Context, config_dir: Path, *, batch_size: int = BATCH_SIZE, engine=None,
         pace: Callable[[], None] | None = None, engines: Callable[[URL], Engine] | None = None) -> int:
    """Pull every table of the store from the hub into this book; returns the rows that changed it
    (``pull_tables``, summed)."""
    return sum(pull_tables(ctx, config_dir, batch_size=batch_size, engine=engine, pace=pace,
                           engines=engines).values())


def pull_tables(ctx: Context, config_dir: Path, *, batch_size: int = BATCH_SIZE, engine=None,
                pace: Callable[[], None] | None = None,
                engines: Callable[[URL], Engine] | None = None) -> dict[str, int]:
    """Pull every table of the store from the hub into this book; returns the rows that changed it, by table
    (only the tables where some row changed). A running till reloads what it keeps in memory of those tables
    (the store's settings, the checkout's tiles: docs/architecture.md §7, "What a running till takes from a sync").

    ``engine``: the hub engine to use (the caller keeps it); ``engines``: the same, for the book's URL
    (``connect.KeptHubEngine``); else one is made from the book's URL.
    ``pace``: called before each table's read on the hub, each batch's book transaction and the last write
    (``hub.sync.sync``): a sale opened at the counter holds the pull after at most the batch in progress."""
    with ctx.read() as conn:
        ident = outbox.identity(conn)
        where = cursors(conn)
    if ident is None:
        raise ValidationError("sync", "this book is not a till of a hub; register it first with "
                                      "`possuite till register URL --store STORE --code CODE`")
    if batch_size < 1:
        raise ValidationError("batch size", "must be at least 1")
    url = with_saved_password(config_dir, ident.hub_url)
    if engine is None and engines is not None:
        engine = engines(url)
    own_engine = engine is None
    engine = engine or hub_engine(url)
    pulled: dict[str, int] = {}
    if pace is not None:  # the pull's first round trip waits for an open sale too (the push may have asked none)
        pace()
    try:
        with engine.connect() as hub:
            hub = hub.execution_options(isolation_level="REPEATABLE READ")
            with hub.begin():
                hub.execute(text("SET TRANSACTION READ ONLY"))
                horizon, has_marks = hub.execute(_HORIZON).one()
                marks = dict(hub.execute(_MARKS, {"store": ident.store_id, "me": ident.id}).all()) \
                    if has_marks else None
                for name in spec.PULLED_TABLES:
                    pos = where.get(name, Position(0, 0))
                    if to_read(marks, name, pos):
                        _pull_table(ctx, hub, ident, name, pos, horizon, batch_size, pace, pulled)
    except (DBAPIError, psycopg.Error) as exc:
        if is_connection_error(exc):
            raise HubUnreachable("hub", "cannot connect to {display} ({reason})",
                                 display=display(url), reason=reason(exc)) from None
        raise
    finally:
        if own_engine:
            engine.dispose()
    now = ctx.clock.now()
    if pulled or ident.last_pull_at is None or abs((now - ident.last_pull_at).total_seconds()) >= PULL_STAMP_EVERY_S:
        if pace is not None:  # this write too waits for the sale open at the counter
            pace()
        with ctx.write() as conn:
            conn.execute(update(T).values(last_pull_at=now))
    if pulled:
        ctx.refresh_store()
    return pulled


def to_read(marks: dict[str, int] | None, name: str, cursor: Position) -> bool:
    """Whether the pull reads ``name``: some other writer's newest transaction on it (its mark, h0014) is at or
    above the cursor's. Every row another writer made visible since has its transaction's id, at or below
    that writer's mark and not below the cursor's ``hub_xid`` (the cursor never passes a transaction still
    running, docs/architecture.md §7), so a table whose marks are all below the cursor has nothing new.
    ``marks`` None: the hub keeps none (before h0014), every table is read."""
    return marks is None or marks.get(name, -1) >= cursor.xid


def _pull_table(ctx: Context, hub: Connection, ident: outbox.Identity, name: str, pos: Position, horizon: int,
                batch_size: int, pace: Callable[[], None] | None, pulled: dict[str, int]) -> None:
    """Pull table ``name`` (with its children) from ``pos``; adds the rows that changed the book to ``pulled``,
    by table, as each batch commits (a batch's children count under their own table)."""
    saved = pos
    #: Where the cursor goes once the table has been read to its end in this snapshot: every row of a
    #: transaction below the horizon is then in the book (this till's own were there already), and no
    #: such row can appear later; so the next read starts at the horizon, past this till's own rows too.
    done = Position(horizon, 0)
    while True:
        if pace is not None:  # no round trip to the hub while a sale is open either (the batch before went)
            pace()
        rows = [dict(r) for r in hub.execute(_HUB_SELECT[name], {
            "store": ident.store_id, "me": ident.id, "x": pos.xid, "q": pos.seq, "n": batch_size}).mappings()]
        if not rows:
            if saved < done:  # nothing of another writer left: the cursor moves past this till's own rows
                if pace is not None:
                    pace()
                with ctx.write() as conn:
                    conn.execute(_SAVE_CURSOR, {"t": name, "x": done.xid, "q": done.seq})
            return
        pos = Position(rows[-1]["hub_xid"], rows[-1]["hub_seq"])
        last = len(rows) < batch_size
        settled = [r for r in rows if r["hub_xid"] < horizon]
        children = []
        if name in spec.CHILDREN:  # a bill comes with its lines, a credit note with its lines
            children = [dict(r) for r in hub.execute(_CHILDREN_SELECT[name], {
                "store": ident.store_id, "ids": [r["id"] for r in rows]}).mappings()]
        if pace is not None:  # the sale opened while the hub answered: the book's write lock is the counter's
            pace()
        with ctx.write() as conn:
            conn.execute(_ON)
            changed = {name: apply_rows(conn, ctx, ident.id, name, rows)}
            if children:  # read again with the child table later: applying twice changes nothing
                child = spec.CHILDREN[name][0]
                changed[child] = apply_rows(conn, ctx, ident.id, child, children)
            if last and saved < done:
                conn.execute(_SAVE_CURSOR, {"t": name, "x": done.xid, "q": done.seq})
                saved = done
            elif settled:
                conn.execute(_SAVE_CURSOR, {"t": name, "x": settled[-1]["hub_xid"], "q": settled[-1]["hub_seq"]})
                saved = Position(settled[-1]["hub_xid"], settled[-1]["hub_seq"])
            conn.execute(_OFF)
        for table, n in changed.items():
            if n:
                pulled[table] = pulled.get(table, 0) + n
        if last:
            return


def apply_rows(conn: Connection, ctx: Context, me: str, name: str, rows: list[dict]) -> int:
    """Write one batch of the hub's rows of ``name`` into the book (the caller's transaction, with
    ``applying`` set). Returns how many rows changed the book. A constant number of statements."""
    t = spec.till_table(name)
    cols = spec.pulled_columns(name)
    local = LOCAL_DEFAULTS.get(name, {})
    ids = [r["id"] for r in rows]
    if name in spec.MASTERS:
        versions = dict(conn.execute(select(V.c.row_id, V.c.version).where(V.c.tbl == name, V.c.row_id.in_(ids))).all())
        pending = set(conn.execute(select(O.c.row_id).where(O.c.tbl == name, O.c.row_id.in_(ids))).scalars())
        held = {r["id"]: dict(r) for r in conn.execute(select(*[t.c[c] for c in cols]).where(t.c.id.in_(ids)))
                .mappings()}
        # A change made here and not pushed yet keeps the row if it wins by the hub's rule.
        take = [r for r in rows if r["id"] not in pending
                or (r[spec.VERSION], r[spec.TILL_ID] or "") > (versions.get(r["id"], 0), me)]
        differ = [r for r in take if held.get(r["id"]) != {c: r[c] for c in cols}]
        if differ:
            stmt = sqlite_insert(t)
            derive = LOCAL_DERIVED.get(name)
            derived = list(derive(differ[0])) if derive else []
            stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={
                c: stmt.excluded[c] for c in [*cols, *derived] if c not in ("id", "store_id")})
            conn.execute(stmt, [{**local, **{c: r[c] for c in cols}, **(derive(r) if derive else {})}
                                for r in differ])
        renumber = [r for r in take if versions.get(r["id"], 0) != r[spec.VERSION]]
        if renumber:  # this till's next change of the row outbids the hub's version
            conn.execute(_SET_VERSION, [{"t": name, "id": r["id"], "v": r[spec.VERSION]} for r in renumber])
        lost = [r["id"] for r in take if r["id"] in pending]
        if lost:
            conn.execute(delete(O).where(O.c.tbl == name, O.c.row_id.in_(lost)))
        return len(differ)
    if name == "bills":
        have = {r.id: (r.voided_at, r.void_reason, r.voided_by) for r in conn.execute(
            select(B.c.id, B.c.voided_at, B.c.void_reason, B.c.voided_by).where(B.c.id.in_(ids)))}
    else:
        have = dict.fromkeys(conn.execute(select(t.c.id).where(t.c.id.in_(ids))).scalars())
    new = [r for r in rows if r["id"] not in have]
    if new:
        conn.execute(insert(t), [{c: r[c] for c in cols} for r in new])
    changed = len(new)
    if name == "bills":
        voids = [r for r in rows if r["id"] in have and r["voided_at"] is not None
                 and have[r["id"]] != (r["voided_at"], r["void_reason"], r["voided_by"])]
        if voids:
            conn.execute(_VOID, [{"bid": r["id"], "va": r["voided_at"], "vr": r["void_reason"],
                                  "vb": r["voided_by"]} for r in voids])
        changed += len(voids)
        customers = {r["customer_id"] for r in (*new, *voids) if r["customer_id"]}
        if customers:
            conn.execute(_RECOUNT, {"ids": json.dumps(sorted(customers))})
    elif name == "credit_notes":  # what a customer spent is net of returns (services/returns.py)
        customers = {r["customer_id"] for r in new if r["customer_id"]}
        if customers:
            conn.execute(_RECOUNT, {"ids": json.dumps(sorted(customers))})
    elif name == "bill_lines":
        sold: dict[str, int] = {}
        for r in new:
            if r["item_id"]:
                sold[r["item_id"]] = sold.get(r["item_id"], 0) + r["qty"]
        if sold:
            conn.execute(_SOLD, [{"iid": k, "q": q} for k, q in sold.items()])
    elif name == "payments":
        customers = {r["customer_id"] for r in new if r["customer_id"]}
        if customers:
            conn.execute(_LAST_PAYMENT, {"ids": json.dumps(sorted(customers))})
    elif name == "ledger_entries":
        customers = {r["customer_id"] for r in new}
        undos = ledger.undo_second_voids(conn, ctx, customers)
        if undos:  # posted here, so they go to the hub (applying keeps the triggers quiet)
            conn.execute(_QUEUE, [{"tbl": "ledger_entries", "row_id": u} for u in undos])
        ledger.reproject(conn, ctx, customers)
    return changed
