"""``possuite sync`` (the push) and ``possuite sync status``.

A push sends the outbox oldest first, in batches. Each batch is one hub transaction that inserts
its rows table by table in dependency order: facts with ``ON CONFLICT (id) DO NOTHING``, masters
with last-writer-wins by version, a bill's void with first-void-wins, a shift's close likewise
(the first close), a shift link (book 0020) fills a NULL ``shift_id`` of the till's own bill or payment
(hub h0013); re-sending a batch changes nothing. A bill travels with its lines and a credit
note with its lines in one batch (``outbox.read_batch``). Only after the hub committed does the
till remove those outbox entries, so a push cut off anywhere (network, kill -9) leaves the hub
consistent and the next push completes it. A batch the hub rejects (a constraint) stays queued
with the hub's reason, shown by ``sync status``. The pull is ``possuite.hub.pull``;
``possuite.hub.sync`` runs both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
from sqlalchemy import Connection, Engine, and_, func, or_, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from possuite.domain.errors import ValidationError
from possuite.hub import outbox, spec
from possuite.hub.connect import (
    HubUnreachable,
    check_reachable,
    display,
    hub_engine,
    is_connection_error,
    parse_url,
    reason,
    refusal,
    with_saved_password,
)
from possuite.services.context import Context

BATCH_SIZE = 500


def _statements() -> dict[str, object]:
    out = {}
    for name in spec.SYNCED_TABLES:
        t = spec.hub_table(name)
        stmt = pg_insert(t)
        if name in spec.MASTERS:
            newer = or_(stmt.excluded.version > t.c.version,
                        and_(stmt.excluded.version == t.c.version,
                             stmt.excluded.till_id > func.coalesce(t.c.till_id, "")))
            keep = {"id", "store_id"}
            stmt = stmt.on_conflict_do_update(index_elements=["id"], where=newer,
                                              set_={c.name: stmt.excluded[c.name] for c in t.columns
                                                    if c.name not in keep})
        elif name == "bills":
            first_void = and_(t.c.voided_at.is_(None), stmt.excluded.voided_at.is_not(None))
            stmt = stmt.on_conflict_do_update(index_elements=["id"], where=first_void,
                                              set_={c: stmt.excluded[c] for c in spec.VOID_COLUMNS})
        elif name == "shifts":  # its one change, the close: the first close that reaches the hub
            first_close = and_(t.c.closed_at.is_(None), stmt.excluded.closed_at.is_not(None))
            stmt = stmt.on_conflict_do_update(index_elements=["id"], where=first_close,
                                              set_={c: stmt.excluded[c] for c in spec.CLOSE_COLUMNS})
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=["id"])
        out[name] = stmt
    return out


_STATEMENTS = _statements()


def _fill_shift(name: str):
    """A shift link's one statement: the hub row's NULL ``shift_id`` filled where the row is this till's own
    and the shift one of its shifts (the login names the till: ``tills.role_name``), exactly what the hub's
    trigger allows (h0013), so an honest push is never refused; a row already filled is left alone."""
    col = spec.SHIFT_COLUMN
    return text(f"UPDATE {name} x SET {col} = v.{col} "
                f"FROM unnest(CAST(:ids AS varchar[]), CAST(:shifts AS varchar[])) AS v(id, {col}) "
                f"WHERE x.id = v.id AND x.{col} IS NULL "
                "AND x.till_id = (SELECT t.id FROM tills t WHERE t.role_name = current_user) "
                f"AND EXISTS (SELECT 1 FROM shifts s WHERE s.id = v.{col} AND s.till_id = x.till_id "
                "AND s.store_id = x.store_id)")


_FILL_SHIFT = {link: _fill_shift(name) for link, name in spec.SHIFT_LINKS.items()}


def apply_batch(conn: Connection, batch: outbox.Batch) -> None:
    """Write one batch into the hub on ``conn`` (inside the caller's hub transaction)."""
    for name in spec.SYNCED_TABLES:
        rows = batch.rows.get(name)
        if rows:
            conn.execute(_STATEMENTS[name], rows)
    for link in spec.SHIFT_LINKS:  # after the rows and shifts they name (book 0020, hub h0013)
        if rows := batch.rows.get(link):
            conn.execute(_FILL_SHIFT[link], {"ids": [r["id"] for r in rows],
                                             "shifts": [r[spec.SHIFT_COLUMN] for r in rows]})


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0  # rows of other tills that changed this book (hub.pull)
    #: the same by table (``hub.pull.pull_tables``): what a running till reloads (not in ``as_json``)
    pulled_tables: dict[str, int] = field(default_factory=dict)
    waiting: int = 0
    waiting_sales: int = 0
    last_sync: datetime | None = None
    hub: dict = field(default_factory=dict)
    rejected: str | None = None

    @property
    def in_sync(self) -> bool:
        return self.waiting == 0 and self.rejected is None and bool(self.hub.get("reachable"))

    def as_json(self) -> dict:
        return {"pushed": self.pushed, "pulled": self.pulled, "waiting": self.waiting,
                "waiting_sales": self.waiting_sales,
                "last_sync": self.last_sync.isoformat() if self.last_sync else None,
                "hub": self.hub, "rejected": self.rejected}


def _identity(ctx: Context) -> outbox.Identity:
    with ctx.read() as conn:
        return _registered(outbox.identity(conn))


def _registered(ident: outbox.Identity | None) -> outbox.Identity:
    if ident is None:
        raise ValidationError("sync", "this book is not a till of a hub; register it first with "
                                      "`possuite till register URL --store STORE --code CODE`")
    return ident


def _hub_info(ident: outbox.Identity, reachable: bool | None, error: str | None = None) -> dict:
    return {"url": display(parse_url(ident.hub_url)), "till": ident.code, "till_id": ident.id,
            "store_id": ident.store_id, "business": ident.business_name, "reachable": reachable, "error": error}


def status(ctx: Context, config_dir: Path, *, probe: bool = True) -> SyncReport:
    """What is waiting, when the last push succeeded, and (``probe``) whether the hub answers."""
    ident = _identity(ctx)
    with ctx.read() as conn:
        total, sales = outbox.waiting(conn)
    reachable, error = None, None
    if probe:
        try:
            url = with_saved_password(config_dir, ident.hub_url)
            engine = hub_engine(url)
            try:
                check_reachable(engine, url)
            finally:
                engine.dispose()
            reachable = True
        except HubUnreachable as exc:
            reachable, error = False, exc.message
    return SyncReport(waiting=total, waiting_sales=sales, last_sync=ident.last_push_at,
                      hub=_hub_info(ident, reachable, error), rejected=ident.last_error or None)


def push(ctx: Context, config_dir: Path, *, batch_size: int = BATCH_SIZE,
         pace: Callable[[], None] | None = None, engines: Callable[[URL], Engine] | None = None) -> SyncReport:
    """Send the outbox as it is when the push begins (what the till queues meanwhile goes with the next
    push: a till selling without a break still ends its rounds); raises HubUnreachable when the hub cannot
    be reached. With nothing queued it does not ask the hub at all (``hub.sync.sync``'s pull does).

    ``pace``: called before each batch (``hub.sync.sync``). ``engines``: the hub engine for a URL, kept
    by the caller (the app's sync process, ``connect.KeptHubEngine``); else one made and let go here."""
    if batch_size < 1:
        raise ValidationError("batch size", "must be at least 1")
    if pace is not None:
        pace()
    with ctx.read() as conn:
        ident = _registered(outbox.identity(conn))
        upto = outbox.last_seq(conn)  # what is queued now goes; what the till queues meanwhile, next time
    url = with_saved_password(config_dir, ident.hub_url)
    engine = engines(url) if engines is not None else hub_engine(url)
    report = SyncReport()
    try:
        if upto:  # nothing queued: no round trip (the pull that follows meets the hub, or says it is away)
            check_reachable(engine, url)
        while upto:
            if pace is not None:
                pace()
            with ctx.read() as conn:
                batch = outbox.read_batch(conn, ident.id, batch_size, upto)
            if batch is None:
                break
            try:
                with engine.begin() as hub:
                    apply_batch(hub, batch)
            except (DBAPIError, psycopg.Error) as exc:
                if is_connection_error(exc):
                    raise HubUnreachable("hub", "cannot connect to {display} ({reason})",
                                         display=display(url), reason=reason(exc)) from None
                report.rejected = f"the hub refused a batch: {refusal(exc)}"
                with ctx.write() as conn:
                    outbox.record_error(conn, report.rejected)
                break
            if pace is not None:  # the sale opened while the hub took the batch: marking it waits too (a
                pace()            # round stopped here sends the batch again next time: harmless)
            with ctx.write() as conn:
                outbox.mark_pushed(conn, batch.last_seq, ctx.clock.now())
            report.pushed += batch.size
    finally:
        if engines is None:
            engine.dispose()
    if upto:
        after = status(ctx, config_dir, probe=False)
    else:  # nothing was queued: the book as read above (a round with nothing to do reads it once)
        after = SyncReport(last_sync=ident.last_push_at, hub=_hub_info(ident, True),
                           rejected=ident.last_error or None)
    report.waiting, report.waiting_sales, report.last_sync = after.waiting, after.waiting_sales, after.last_sync
    report.hub = {**after.hub, "reachable": True}
    report.rejected = after.rejected
    return report
