"""The owner's back office on the hub: the till's read services, run on PostgreSQL across stores.

``open_backoffice(url, store=None)`` gives a ``BackOfficeContext``: a ``Context`` whose engine is the
hub, with ``search_path`` set to one of the two schemas of views of migration h0003 (named like a
till's tables), so ``services.balances``, ``customers``, ``bills``, ``statement``,
``payments_report``, ``day_report`` and ``exports`` run their own queries unchanged (the few
spellings the engines differ in are in ``db.dialect``):

- every store (the default): schema ``possuite_bo_all``, where every row's ``store_id`` is ``'*'``
  (``ALL_STORES``, the context's store: "All stores") and the real one is ``home_store_id``;
- one store (``--store NAME``): schema ``possuite_bo``, rows keep their ``store_id``.

The hub keeps no projection of its own from the tills (allocations, open items and balances are
never synced). Before it reads, the owner's connection refreshes a projection cache on the hub
(``projection_*``, writable by the owner's role only) for the customers whose entries, bills,
payments or record arrived since its cursor, with the same rule every till uses
(``domain.projection.project``): the back office shows exactly what a till holding the same entries
shows. The context is read-only: ``write()`` refuses, and the owner's role has no right to change a
till's rows anyway. See docs/architecture.md §7.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg.types.numeric import NumericLoader
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from possuite.domain.clock import Clock
from possuite.domain.errors import NotFound, ValidationError
from possuite.domain.projection import CHARGE, CREDIT, Entry, project
from possuite.hub.connect import (
    CONNECT_TIMEOUT_S,
    HubUnreachable,
    check_reachable,
    display,
    parse_url,
    reason,
    saved_entry,
    without_password,
)
from possuite.hub.schema import hub_revision
from possuite.hub.views import BACK_OFFICE_SCHEMAS
from possuite.services.context import OWNER, Actor, Context
from possuite.services.phones import try_normalise

ALL_STORES = "*"
_REFRESH_LOCK = 7365637  # one refresh at a time


class ReadOnlyHub(ValidationError):
    """A write asked of the back office: the hub is read-only there (exit 2)."""


class _WholeNumeric(NumericLoader):
    """PostgreSQL sums ``bigint`` columns into ``numeric``: money here is whole minor units, so a whole
    value comes back as ``int`` (as SQLite gives it), never as a ``Decimal``."""

    def load(self, data):
        value = super().load(data)
        return int(value) if value == value.to_integral_value() else value


@dataclass
class BackOfficeContext(Context):
    """A context on the hub for the owner's reads: one store or every store (``ALL_STORES``)."""

    hub: str = ""                 # user@host:port/db (never the password)
    scope_name: str = ""          # the store's name, or "All stores"
    stores: tuple[tuple[str, str], ...] = field(default=())  # (id, name) of every store on the hub
    url: URL | None = field(default=None, repr=False)

    @property
    def all_stores(self) -> bool:
        return self.store_id == ALL_STORES

    @property
    def is_back_office(self) -> bool:
        return True

    @property
    def spans_stores(self) -> bool:
        return self.all_stores

    def store_of_row(self, store_id: str | None) -> str:
        """On the hub every row names its store (narrowed to one store too: the owner reads several)."""
        return dict(self.stores).get(store_id or "", store_id or "-")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        raise ReadOnlyHub("hub", "the back office on {hub} is read-only; write at a till's book (possuite --db "
                                 "BOOK.sqlite …)",
                          hub=self.hub)
        yield  # pragma: no cover - a generator, so ``with ctx.write()`` is where it refuses

    def narrowed(self, store: str | None) -> BackOfficeContext:
        """The same hub, narrowed to ``store`` (a name or id; None or "*": every store)."""
        return open_backoffice(self.url, store=store, clock=self.clock, actor=self.actor, refresh=False)


def _engine(url: URL, schema: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True, pool_size=3, max_overflow=2, connect_args={
        "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "possuite back office",
        "options": f"-c search_path={schema},public"})

    @event.listens_for(engine, "connect")
    def _whole_numbers(dbapi_conn, _record) -> None:
        dbapi_conn.adapters.register_loader("numeric", _WholeNumeric)

    return engine


def owner_url(url_text: str | URL, config_dir: Path | None = None) -> URL:
    """The hub URL as given; without a password, the one kept for it in the credentials file, else
    libpq's own (``PGPASSWORD``, ``~/.pgpass``)."""
    url = url_text if isinstance(url_text, URL) else parse_url(str(url_text), "db")
    if url.password is None and config_dir is not None:
        kept = saved_entry(config_dir, without_password(url))
        if kept:
            url = url.set(password=kept)
    return url


def open_backoffice(url_text: str | URL, *, store: str | None = None, clock: Clock | None = None,
                    actor: Actor | None = None, config_dir: Path | None = None,
                    refresh: bool = True) -> BackOfficeContext:
    """The back office on the hub at ``url_text``, every store or ``store`` (a name or id)."""
    url = owner_url(url_text, config_dir)
    clock = clock or Clock()
    probe = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        check_reachable(probe, url)
        with probe.connect() as conn:
            rev = hub_revision(conn)
            if rev is None:
                raise NotFound("db", "{display} is not a possuite hub (run `possuite hub init URL` there)",
                               display=display(url))
            present = set(conn.execute(text("SELECT nspname FROM pg_namespace")).scalars())
            if not set(BACK_OFFICE_SCHEMAS) <= present:
                raise ValidationError("db", "{display} has hub schema {rev}, older than this possuite's back office; "
                                            "run `possuite hub init URL` to upgrade it",
                                      display=display(url), rev=rev)
            stores = tuple((r.id, r.name) for r in conn.execute(text(
                "SELECT id, name FROM public.stores ORDER BY created_at, id")))
    except DBAPIError as exc:
        raise HubUnreachable("db", "cannot read {display} ({reason})",
                             display=display(url), reason=reason(exc)) from None
    finally:
        probe.dispose()
    if not stores:
        raise NotFound("store", "{display} has no store yet; register a till first", display=display(url))
    store_id, name = _pick(stores, store)
    engine = _engine(url, "possuite_bo_all" if store_id == ALL_STORES else "possuite_bo")
    ctx = BackOfficeContext(engine=engine, store_id=store_id, clock=clock,
                            actor=actor or Actor(name=url.username or "owner", role=OWNER),
                            hub=display(url), scope_name=name, stores=stores, url=url)
    if refresh:
        refresh_projection(ctx)
    return ctx


def _pick(stores: tuple[tuple[str, str], ...], store: str | None) -> tuple[str, str]:
    if store is None or not store.strip() or store.strip() == ALL_STORES:
        return ALL_STORES, "All stores"
    ref = store.strip()
    found = [s for s in stores if s[0] == ref or s[1].casefold() == ref.casefold()]
    if len(found) > 1:
        raise ValidationError("store", "{ref!r} names {found_count} stores on the hub; give the store's id",
                              ref=ref, found_count=len(found))
    if not found:
        names = ", ".join(repr(s[1]) for s in stores)
        raise NotFound("store", "the hub has no store {ref!r} (its stores: {names})", ref=ref, names=names)
    return found[0]


# ---------------------------------------------------------------- the projection cache

# The customers with a row written since the cursor, and how far the cursor may move: over rows whose
# hub transaction is older than this statement's snapshot's xmin only (every transaction below it has
# ended, so no row can appear behind the cursor later: the pull's rule, docs/architecture.md §7).
_CHANGED = text(
    "WITH snap AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin), "
    "r AS MATERIALIZED ("
    " SELECT id AS customer_id, hub_xid, hub_seq FROM public.customers WHERE (hub_xid, hub_seq) > (:x, :q)"
    " UNION ALL SELECT customer_id, hub_xid, hub_seq FROM public.ledger_entries WHERE (hub_xid, hub_seq) > (:x, :q)"
    " UNION ALL SELECT customer_id, hub_xid, hub_seq FROM public.bills WHERE (hub_xid, hub_seq) > (:x, :q)"
    "  AND customer_id IS NOT NULL"
    " UNION ALL SELECT customer_id, hub_xid, hub_seq FROM public.payments WHERE (hub_xid, hub_seq) > (:x, :q)"
    "  AND customer_id IS NOT NULL) "
    "SELECT customer_id, NULL::bigint, NULL::bigint FROM r GROUP BY customer_id "
    "UNION ALL (SELECT NULL, r.hub_xid, r.hub_seq FROM r, snap WHERE r.hub_xid < snap.xmin "
    "           ORDER BY r.hub_xid DESC, r.hub_seq DESC LIMIT 1)")
_RECORDS = text("SELECT id, store_id, credit_limit FROM public.customers WHERE id = ANY(:ids)")
_ENTRIES = text(
    "SELECT customer_id, id, kind, amount, posted_at, due_date, bill_id, payment_id, adjustment_id, store_id "
    "FROM public.ledger_entries WHERE customer_id = ANY(:ids)")
# A till's customer row: visits and spend count the bills not voided; the last visit is the newest
# bill; the last payment the newest money taken (at a sale or a collection).
# What a customer spent is net of returns (services/returns.py): the credit notes are taken off.
_VISITS = text(
    "SELECT b.customer_id, COUNT(*) FILTER (WHERE b.voided_at IS NULL), "
    " COALESCE(SUM(b.total) FILTER (WHERE b.voided_at IS NULL), 0) - COALESCE(MAX(n.returned), 0), "
    " MAX(b.posted_at) "
    "FROM public.bills b LEFT JOIN (SELECT customer_id, SUM(total) AS returned FROM public.credit_notes "
    " WHERE customer_id = ANY(:ids) GROUP BY customer_id) n ON n.customer_id = b.customer_id "
    "WHERE b.customer_id = ANY(:ids) GROUP BY b.customer_id")
_PAID = text(
    "SELECT customer_id, MAX(posted_at) FROM public.payments "
    "WHERE customer_id = ANY(:ids) AND kind IN ('sale', 'collection') GROUP BY customer_id")


@dataclass(frozen=True)
class Refreshed:
    customers: int              # customers re-projected
    cursor: tuple[int, int]     # (hub_xid, hub_seq) read up to for good


def refresh_projection(ctx: BackOfficeContext | Engine, now: datetime | None = None) -> Refreshed:
    """Re-project the customers that changed since the cursor (one transaction; a fixed number of
    statements whatever their count). Safe to run from several back offices at once (a lock). A row of
    a hub transaction still open when it reads is projected now and read again next time."""
    engine = ctx.engine if isinstance(ctx, Context) else ctx
    now = now or (ctx.clock.now() if isinstance(ctx, Context) else datetime.now())
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _REFRESH_LOCK})
            xid, seq = conn.execute(text("SELECT hub_xid, hub_seq FROM public.projection_cursor WHERE id = 1")).one()
            rows = conn.execute(_CHANGED, {"x": xid, "q": seq}).all()
            ids = [r[0] for r in rows if r[0] is not None]
            moved = [(r[1], r[2]) for r in rows if r[0] is None]
            if ids:
                _reproject(conn, ids)
            if moved:
                conn.execute(text("UPDATE public.projection_cursor SET hub_xid = :x, hub_seq = :q, refreshed_at = :t "
                                  "WHERE id = 1"), {"x": moved[0][0], "q": moved[0][1], "t": now})
                xid, seq = moved[0]
    except DBAPIError as exc:
        if isinstance(getattr(exc, "orig", None), psycopg.errors.InsufficientPrivilege):
            raise ValidationError("db", "this login may not keep the back office's projection on the hub; "
                                        "use the owner's login (hub init prints it)") from None
        raise
    return Refreshed(len(ids), (xid, seq))


def _reproject(conn: Connection, ids: list[str]) -> None:
    records = {r[0]: r[1:] for r in conn.execute(_RECORDS, {"ids": ids})}
    store_of = {cid: r[0] for cid, r in records.items()}
    entries: dict[str, list[Entry]] = defaultdict(list)
    for cid, eid, kind, amount, posted, due, bill, pay, adj, _store in conn.execute(_ENTRIES, {"ids": ids}):
        entries[cid].append(Entry(eid, kind, amount, posted, due, bill, pay, adj))
    visits = {r[0]: r[1:] for r in conn.execute(_VISITS, {"ids": ids})}
    paid = dict(conn.execute(_PAID, {"ids": ids}).all())
    for table in ("projection_allocations", "projection_open_items", "projection_customers"):
        conn.execute(text(f"DELETE FROM public.{table} WHERE customer_id = ANY(:ids)"), {"ids": ids})
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        with cur.copy("COPY public.projection_customers (customer_id, store_id, balance, visits, total_spent, "
                      "last_visit, last_payment_at, credit_limit) FROM STDIN") as copy:
            proj = {}
            for cid in ids:
                store = store_of.get(cid)
                if store is None:  # a customer id on entries whose record has not arrived: shown later
                    continue
                es = entries.get(cid, [])
                proj[cid] = p = project(es)
                n, spent, last_visit = visits.get(cid, (0, 0, None))
                copy.write_row((cid, store, p.balance, n, spent, last_visit, paid.get(cid), records[cid][1]))
        by_id = {e.id: e for es in entries.values() for e in es}
        with cur.copy("COPY public.projection_open_items (entry_id, store_id, customer_id, side, open_amount, "
                      "due_date, posted_at, bill_id) FROM STDIN") as copy:
            for cid, p in proj.items():
                for eid, amount in p.open_amounts.items():
                    e = by_id[eid]
                    side = CHARGE if e.amount > 0 else CREDIT
                    copy.write_row((eid, store_of[cid], cid, side, amount, e.due_date, e.posted_at,
                                    e.bill_id if side == CHARGE else None))
        with cur.copy("COPY public.projection_allocations (id, store_id, customer_id, credit_entry_id, "
                      "charge_entry_id, amount, created_at) FROM STDIN") as copy:
            for cid, p in proj.items():
                for (credit, charge), amount in p.allocations.items():
                    # Made when the later of the two entries was posted (as a till makes it).
                    at = max(by_id[credit].posted_at, by_id[charge].posted_at)
                    copy.write_row((f"{credit}:{charge}", store_of[cid], cid, credit, charge, amount, at))


# ---------------------------------------------------------------- naming the store in rows

_TABLES = frozenset({"customers", "bills", "payments"})


def store_names(ctx: Context, table: str, ids: list[str]) -> dict[str, str]:
    """The store name of each row of ``table`` (one statement; empty on a till's book)."""
    if not isinstance(ctx, BackOfficeContext) or not ids:
        return {}
    if table not in _TABLES:
        raise ValueError(table)
    with ctx.read() as conn:
        rows = conn.execute(text(f"SELECT t.id, s.name FROM public.{table} t JOIN public.stores s "
                                 "ON s.id = t.store_id WHERE t.id = ANY(:ids)"), {"ids": list(ids)}).all()
    return dict(rows)


def bill_stores(ctx: Context, number: str) -> list[str]:
    """The stores that have a bill numbered ``number`` (one statement): a number is unique per store only."""
    if not isinstance(ctx, BackOfficeContext):
        return []
    with ctx.read() as conn:
        return list(conn.execute(text(
            "SELECT s.name FROM public.bills b JOIN public.stores s ON s.id = b.store_id "
            "WHERE b.number = :n AND (:s = '*' OR b.store_id = :s) ORDER BY s.name"),
            {"n": (number or "").strip().upper(), "s": ctx.store_id}).scalars())


def customer_stores(ctx: Context, ref: str) -> list[str]:
    """The stores with a customer of phone ``ref`` (one statement): a phone is unique per store only."""
    if not isinstance(ctx, BackOfficeContext):
        return []
    phone = try_normalise((ref or "").strip(), ctx.store.country)
    if phone is None:
        return []
    with ctx.read() as conn:
        return list(conn.execute(text(
            "SELECT s.name FROM public.customers c JOIN public.stores s ON s.id = c.store_id "
            "WHERE c.phone_e164 = :p AND (:s = '*' OR c.store_id = :s) ORDER BY s.name"),
            {"p": phone.e164, "s": ctx.store_id}).scalars())
