"""Customers: create, edit, find (by id, phone or a few letters/digits), deactivate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    String,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    type_coerce,
    update,
)

from possuite.db import direct
from possuite.db import models as m
from possuite.db.dialect import home_store
from possuite.db.engine import driver_rows
from possuite.db.ids import new_id
from possuite.domain import gst
from possuite.domain.errors import Conflict, NotFound, ValidationError
from possuite.domain.money import parse_money, round_half_up
from possuite.services import audit
from possuite.services.context import Context
from possuite.services.ledger import post_writeoff
from possuite.services.permissions import DEACTIVATE_OWING, EDIT_CUSTOMERS, SET_CREDIT_LIMIT, require
from possuite.services.phones import display_phone, national_digits, normalise_phone, try_normalise
from possuite.services.validation import clean_text

C = m.Customer.__table__
_new_object = object.__new__
_ULID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


@dataclass(frozen=True)
class CustomerView:
    id: str
    name: str
    phone: str | None          # as typed
    phone_display: str
    notes: str
    credit_limit: int | None
    active: bool
    balance: int
    visits: int
    total_spent: int
    last_visit: datetime | None
    last_payment_at: datetime | None
    created_at: datetime
    gstin: str = ""     # a B2B buyer's GSTIN ("" for a consumer)
    state: str = ""     # GST state code ("" not given)
    store: str = ""     # the store's name where a list spans stores (the hub's back office), else ""

    @property
    def available_credit(self) -> int | None:
        return None if self.credit_limit is None else self.credit_limit - self.balance

    def as_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "phone": self.phone, "phone_display": self.phone_display,
            "balance": self.balance, "visits": self.visits, "total_spent": self.total_spent,
            "last_visit": self.last_visit.isoformat() if self.last_visit else None,
            "last_payment": self.last_payment_at.isoformat() if self.last_payment_at else None,
            "credit_limit": self.credit_limit, "available_credit": self.available_credit,
            "active": self.active, "notes": self.notes,
            "created_at": self.created_at.isoformat(), "gstin": self.gstin, "state": self.state,
        }


def _view(r, store: str = "") -> CustomerView:
    return CustomerView(
        id=r["id"], name=r["name"], phone=r["phone"], phone_display=display_phone(r["phone_e164"], r["phone"]),
        notes=r["notes"] or "", credit_limit=r["credit_limit"], active=bool(r["active"]),
        balance=r["balance"], visits=r["visits"], total_spent=r["total_spent"], last_visit=r["last_visit"],
        last_payment_at=r["last_payment_at"], created_at=r["created_at"], gstin=r["gstin"] or "",
        state=r["state"] or "", store=store,
    )


def _name(value: str) -> str:
    return clean_text(value, "name", required=True, max_len=120)


def _gst_party(ctx: Context, gstin: str | None, state: str | None, current: tuple[str, str] = ("", "")) -> dict:
    """A buyer's GSTIN and state (None: keep): the GSTIN is checked and fixes the state (docs/architecture.md
    §5, GST). A state without a GSTIN is an unregistered buyer's (it still decides the place of supply)."""
    if gstin is None and state is None:
        return {}
    if ctx.store.country != "IN" and ((gstin or "").strip() or (state or "").strip()):
        raise ValidationError("gstin" if (gstin or "").strip() else "state",
                              "GST details apply to stores in India (currency INR)")
    tid = current[0] if gstin is None else (gst.validate_gstin(gstin, "gstin") if gstin.strip() else "")
    st = current[1] if state is None else (gst.parse_state(state, "state") if state.strip() else "")
    if tid:
        if state is not None and st and st != tid[:2]:
            raise ValidationError("state", "{label} differs from the GSTIN's state {label2}",
                                  label=gst.state(st).label, label2=gst.state(tid[:2]).label)
        st = tid[:2]
    return {"gstin": tid, "state": st}


def _credit_limit(ctx: Context, value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int):
        if value < 0:
            raise ValidationError("credit limit", "must not be negative")
        return value
    return parse_money(value, "credit limit", ctx.currency)


def _duplicate(conn: Connection, ctx: Context, e164: str, exclude: str | None = None):
    q = select(C).where(C.c.store_id == ctx.store_id, C.c.phone_e164 == e164)
    if exclude:
        q = q.where(C.c.id != exclude)
    return conn.execute(q).mappings().first()


class DuplicatePhone(Conflict):
    def __init__(self, existing: CustomerView) -> None:
        super().__init__("phone", f"{existing.phone_display} already belongs to {existing.name}")
        self.existing = existing


def _phone_columns(ph) -> dict[str, str | None]:
    """A customer's stored forms of a phone (``normalise_phone``'s result; None: no phone): as typed, E.164, its
    digits for the search, and as lists show it (book 0024, so the checkout's search formats nothing)."""
    if ph is None:
        return {"phone": None, "phone_e164": None, "phone_digits": "", "phone_display": ""}
    return {"phone": ph.as_typed, "phone_e164": ph.e164, "phone_digits": ph.digits,
            "phone_display": display_phone(ph.e164, ph.as_typed)}


def add_customer(ctx: Context, name: str, phone: str | None = None, credit_limit=None,
                 notes: str = "", *, gstin: str | None = None, state: str | None = None) -> CustomerView:
    require(ctx, EDIT_CUSTOMERS)
    name = _name(name)
    party = _gst_party(ctx, gstin, state)
    notes = clean_text(notes, "notes", max_len=2000, multiline=True)
    limit = _credit_limit(ctx, credit_limit)
    if limit is not None:
        require(ctx, SET_CREDIT_LIMIT)
    ph = normalise_phone(phone, ctx.store.country) if phone and phone.strip() else None
    now = ctx.clock.now()
    cid = new_id()
    with ctx.write() as conn:
        if ph:
            dup = _duplicate(conn, ctx, ph.e164)
            if dup:
                raise DuplicatePhone(_view(dup))
        conn.execute(insert(C).values(
            id=cid, store_id=ctx.store_id, name=name, name_key=name.casefold(),
            **_phone_columns(ph), notes=notes, credit_limit=limit, active=True,
            balance=0, visits=0, total_spent=0, created_at=now, updated_at=now, is_demo=False,
            gstin=party.get("gstin", ""), state=party.get("state", ""),
        ))
        if limit is not None:
            audit.record(conn, ctx, "credit limit changed", cid, "", credit_limit=limit)
        row = conn.execute(select(C).where(C.c.id == cid)).mappings().one()
    return _view(row)


def edit_customer(ctx: Context, ref: str, *, name: str | None = None, phone: str | None = None,
                  credit_limit=None, notes: str | None = None, clear_credit_limit: bool = False,
                  gstin: str | None = None, state: str | None = None) -> CustomerView:
    require(ctx, EDIT_CUSTOMERS)
    values: dict = {}
    if name is not None:
        values["name"] = _name(name)
        values["name_key"] = values["name"].casefold()
    if notes is not None:
        values["notes"] = clean_text(notes, "notes", max_len=2000, multiline=True)
    if clear_credit_limit:
        values["credit_limit"] = None
    elif credit_limit is not None:
        values["credit_limit"] = _credit_limit(ctx, credit_limit)
    ph = None
    if phone is not None:
        if phone.strip():
            ph = normalise_phone(phone, ctx.store.country)
        values.update(_phone_columns(ph))
    if gstin is not None:
        _gst_party(ctx, gstin, state)  # check it before the transaction; merged with the row's values below
    with ctx.write() as conn:
        row = resolve(conn, ctx, ref)
        values.update(_gst_party(ctx, gstin, state, (row["gstin"] or "", row["state"] or "")))
        if "credit_limit" in values:
            if values["credit_limit"] == row["credit_limit"]:
                del values["credit_limit"]  # unchanged: a cashier may save the rest of the profile
            else:
                require(ctx, SET_CREDIT_LIMIT)
        if ph:
            dup = _duplicate(conn, ctx, ph.e164, exclude=row["id"])
            if dup:
                raise DuplicatePhone(_view(dup))
        if values:
            values["updated_at"] = ctx.clock.now()
            conn.execute(update(C).where(C.c.id == row["id"]).values(**values))
            if "credit_limit" in values:
                audit.record(conn, ctx, "credit limit changed", row["id"], "",
                             credit_limit=values["credit_limit"])
        row = conn.execute(select(C).where(C.c.id == row["id"])).mappings().one()
    return _view(row)


_BY_ID = select(C).where(C.c.store_id == bindparam("s"), C.c.id == bindparam("id"))
_BY_ID_DIRECT = direct.Query(_BY_ID)
#: What a sale or a collection reads of its customer (``resolve(..., brief=True)``): the row's identity, state and
#: account, without the phone columns, the notes and four times to parse (every sale's and collection's path).
BRIEF_COLUMNS = ("id", "name", "active", "balance", "credit_limit", "gstin", "state")
_BRIEF_BY_ID_DIRECT = direct.Query(select(*(C.c[k] for k in BRIEF_COLUMNS))
                                   .where(C.c.store_id == bindparam("s"), C.c.id == bindparam("id")))
_BY_PHONE = select(C).where(C.c.store_id == bindparam("s"), C.c.phone_e164 == bindparam("e164"))


def resolve(conn: Connection, ctx: Context, ref: str, *, brief: bool = False):
    """A customer row by id or phone (any format) in the current store, or NotFound.

    ``brief``: the caller reads only ``BRIEF_COLUMNS`` of it (a row with more columns may come back)."""
    ref = (ref or "").strip()
    if not ref:
        raise ValidationError("customer", "is empty; give an id or a phone number")
    if _ULID.match(ref.upper()):
        params = {"s": ctx.store_id, "id": ref.upper()}
        # In a write on a till's book the read runs on the driver, inside the transaction (db/direct.py): it is on
        # every sale's and collection's path. Elsewhere (a read not begun yet, the hub) through Core. The driver's
        # own flag, not ``conn.in_transaction()``: the unit of work begins on the driver (``Context.write``), where
        # SQLAlchemy's flag stays False until a Core statement joins (and that Core read was what ran here).
        row = ((_BRIEF_BY_ID_DIRECT if brief else _BY_ID_DIRECT).first_mapping(conn, params)
               if conn.dialect.name == "sqlite" and direct.driver(conn).in_transaction
               else conn.execute(_BY_ID, params).mappings().first())
        if row:
            return row
    ph = try_normalise(ref, ctx.store.country)
    if ph:
        rows = conn.execute(_BY_PHONE, {"s": ctx.store_id, "e164": ph.e164}).mappings().all()
        active = [r for r in rows if r["active"]]
        if len(active) > 1:  # two tills each added this phone: the owner merges them (services/duplicates.py)
            raise ValidationError("customer", "phone {ref!r} belongs to {active_count} customers ({choices}); "
                                              "give the id", ref=ref, active_count=len(active),
                                  choices=", ".join(r["id"] for r in active))
        if rows:
            return (active or rows)[0]
    raise NotFound("customer", "no customer with id or phone {ref!r}", ref=ref)


def get_customer(ctx: Context, ref: str) -> CustomerView:
    with ctx.read() as conn:
        return _view(resolve(conn, ctx, ref))


def get_customers_by_ids(ctx: Context, ids: list[str]) -> dict[str, CustomerView]:
    if not ids:
        return {}
    with ctx.read() as conn:
        rows = conn.execute(select(C).where(C.c.store_id == ctx.store_id, C.c.id.in_(ids))).mappings().all()
    return {r["id"]: _view(r) for r in rows}


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


_SEARCH_SQL = {
    # CROSS JOIN: SQLite must read the search index first and fetch each match by rowid. With a plain
    # JOIN it may walk every customer of the store and probe the index once per row (seconds at
    # 100,000 customers when few or none match).
    "fts": "SELECT {cols} FROM customers_fts f CROSS JOIN customers c ON c.rowid = f.rowid "
           "WHERE customers_fts MATCH :q AND c.store_id = :s {active} LIMIT :n",
    "phone_prefix": "SELECT {cols} FROM customers c WHERE c.store_id = :s {active} "
                    "AND c.phone_digits >= :lo AND c.phone_digits < :hi LIMIT :n",
    "name_prefix": "SELECT {cols} FROM customers c WHERE c.store_id = :s {active} "
                   "AND c.name_key >= :lo AND c.name_key < :hi ORDER BY c.name_key LIMIT :n",
}
# The hub's back office (PostgreSQL) has no FTS5 index: the same matches as the trigram index (the term
# anywhere in the name, the digits anywhere in the phone) as patterns over its customers view.
_SEARCH_SQL_PG = {
    **_SEARCH_SQL,
    "fts": "SELECT {cols} FROM customers c WHERE c.store_id = :s {active} "
           "AND (c.name_key LIKE :name_like OR c.phone_digits LIKE :phone_like) LIMIT :n",
}


# The checkout's search: the candidates above, then names starting with the term first, by name, by id,
# so only the rows shown are fetched (and their dates formatted), and of them only what a ``CustomerView`` holds
# (``_SHOWN``; the phone as shown is stored with it, book 0024). The candidates are joined as they come (a
# co-routine: the same plan as the search alone), not gathered into an ``IN`` list first.
_LOOKUP_SQL = ("SELECT {cols} FROM ({candidates}) k CROSS JOIN customers c ON c.rowid = k.r "
               "ORDER BY substr(c.name_key, 1, :klen) != :key, c.name_key, c.id LIMIT :shown")
_SHOWN = ("id", "name", "phone", "phone_e164", "phone_display", "notes", "credit_limit", "active", "balance",
          "visits", "total_spent", "last_visit", "last_payment_at", "created_at", "gstin", "state")


@lru_cache(maxsize=64)
def _search_statement(kind: str, active_only: bool, dialect: str = "sqlite"):
    sql = _SEARCH_SQL if dialect == "sqlite" else _SEARCH_SQL_PG
    active = ("AND c.active = 1" if dialect == "sqlite" else "AND c.active") if active_only else ""
    return text(sql[kind].format(cols="c.id", active=active))


# One or two letters (``name_prefix``): every name in the index range starts with the term, so the order above is
# name then id, and the 20 shown are read in that order straight from the name index (``ix_customers_store_name_key``
# gives the names in order, a small sort puts equal names in id order) and the reading stops after them: about 21
# rows read instead of 60 candidates each read twice and sorted (issue 15: the statement 0.19 -> 0.11 ms at shop
# scale). The same rows in the same order as the first 20 of the 60 candidates sorted, unless more than 40 active
# customers share one name at the 60th candidate: then the candidates held only some of them (by their place in the
# table) and these are the first by id of them all.
_LOOKUP_NAME_PREFIX_SQL = ("SELECT {cols} FROM customers c WHERE c.store_id = :s AND c.active = 1 "
                           "AND c.name_key >= :lo AND c.name_key < :hi ORDER BY c.name_key, c.id LIMIT :shown")


@lru_cache(maxsize=8)
def _lookup_sql(kind: str) -> str:
    """The lookup's statement as the driver takes it (it is only ever run on the till's SQLite book)."""
    cols = ", ".join(f"c.{col}" for col in _SHOWN)
    if kind == "name_prefix":
        return _LOOKUP_NAME_PREFIX_SQL.format(cols=cols)
    candidates = _SEARCH_SQL[kind].format(cols="c.rowid AS r", active="AND c.active = 1")
    return _LOOKUP_SQL.format(cols=cols, candidates=candidates)


@lru_cache(maxsize=4)
def _stored_datetime(dialect):
    """SQLAlchemy's own reader of a stored ``DateTime`` for this dialect (what ``select(C)`` returns)."""
    return C.c.created_at.type.dialect_impl(dialect).result_processor(dialect, None) or (lambda v: v)


def _like(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_params(ctx: Context, term: str, limit: int) -> tuple[str, dict] | None:
    """Which search (``_SEARCH_SQL``'s key) finds customers by a few letters of the name or digits of the
    phone, and its parameters; None for an empty term."""
    term = " ".join((term or "").split())
    if not term:
        return None
    digits = re.sub(r"[\s\-+()]", "", term)
    if digits.isdigit() and digits.isascii():
        full = national_digits(term, ctx.store.country)
        if full is not None:  # a whole number with its country code or prefix: the digits it is stored by
            digits = full
        elif digits.startswith("0") and not digits.startswith("00") and len(digits) > 4:
            digits = digits[1:]  # a trunk prefix, as in 098765 43210
        if len(digits) >= 3:
            return "fts", {"q": "phone_digits:" + _fts_phrase(digits), "s": ctx.store_id, "n": limit,
                           "name_like": "", "phone_like": f"%{digits}%"}
        return "phone_prefix", {"s": ctx.store_id, "lo": digits, "hi": digits + "~", "n": limit}
    key = term.casefold()
    if len(key) >= 3:
        return "fts", {"q": "name:" + _fts_phrase(term), "s": ctx.store_id, "n": limit,
                       "name_like": f"%{_like(key)}%", "phone_like": ""}
    # One or two letters: names starting with them (index range on the casefolded name).
    return "name_prefix", {"s": ctx.store_id, "lo": key, "hi": key + "\U0010ffff", "n": limit}


def search_ids(conn: Connection, ctx: Context, term: str, limit: int, active_only: bool = True) -> list[str]:
    """Customer ids matching a few letters of the name or any digits of the phone."""
    found = _search_params(ctx, term, limit)
    if found is None:
        return []
    kind, params = found
    return list(conn.execute(_search_statement(kind, active_only, ctx.engine.dialect.name), params).scalars())


def lookup(ctx: Context, term: str, limit: int = 20) -> list[CustomerView]:
    """The checkout's search-as-you-type: active customers, names starting with the term first.

    Up to ``limit * 3`` matches are taken, then sorted (starts with the term, name, id) and cut to
    ``limit`` by the same statement; ``name_key`` is the casefolded name (for one or two letters the first
    ``limit`` by name and id, read in that order from the name index: ``_LOOKUP_NAME_PREFIX_SQL``). One
    statement, read as the driver returns it (``db.engine.driver_rows``: no BEGIN around it, no SQLAlchemy
    result) on the search's kept connection (``db.engine.KeptReader``: no pool checkout per keystroke); its
    rows become ``CustomerView``s as ``_view`` makes them, the dates through SQLAlchemy's own reader.
    """
    if ctx.engine.dialect.name != "sqlite":
        # The hub's back office (PostgreSQL; its Bills page finds a customer with this): the statement below is
        # SQLite's (rowid, the driver's own placeholders), so the matches come from ``list_customers``'
        # portable search and are ordered the same way here (starts with the term, name, id).
        key = term.strip().casefold()
        rows = list_customers(ctx, search=term, status="active", limit=limit * 3, count=False).rows
        return sorted(rows, key=lambda v: (not v.name.casefold().startswith(key), v.name.casefold(), v.id))[:limit]
    found = _search_params(ctx, term, limit * 3)
    if found is None:
        return []
    kind, params = found
    key = term.strip().casefold()
    params.update(key=key, klen=len(key), shown=limit)
    sql = _lookup_sql(kind)
    reader = getattr(ctx.engine, "search_reader", None)  # a till's book: the search's kept connection
    rows = None
    if reader is not None:
        with ctx.storage_faults():
            rows = reader.rows(sql, params)
    if rows is None:  # none kept (a read-only folder), or another thread is searching on it
        with ctx.read() as conn:
            rows = driver_rows(conn, sql, params)
    when = _stored_datetime(ctx.engine.dialect)
    views = []
    for (cid, name, phone, e164, shown, notes, limit_, active, balance, visits, spent, visit, paid, created, gstin,
         state) in rows:
        # The fields as ``_view`` sets them, written straight into the new view: the frozen dataclass's
        # ``__init__`` sets each field through ``object.__setattr__``, a third of a result row's cost.
        # (CustomerView has no ``__post_init__`` to skip; tests/integration/test_customer_lookup.py compares.)
        view = _new_object(CustomerView)
        view.__dict__.update(
            id=cid, name=name, phone=phone, notes=notes or "",
            # Stored with the phone (book 0024); NULL: a row written without it, formatted as ``_view`` does.
            phone_display=shown if shown is not None else display_phone(e164, phone),
            credit_limit=limit_, active=bool(active), balance=balance, visits=visits, total_spent=spent,
            last_visit=None if visit is None else when(visit), last_payment_at=None if paid is None else when(paid),
            created_at=when(created), gstin=gstin or "", state=state or "", store="")
        views.append(view)
    return views


#: Pages of the search index merged in one write transaction by ``merge_search_index`` (tens of ms each).
SEARCH_MERGE_PAGES = 300
_MERGE_SQL = "INSERT INTO customers_fts(customers_fts, rank) VALUES('merge', ?)"


def merge_search_index(ctx: Context, pages: int = SEARCH_MERGE_PAGES) -> int:
    """The day close's tidy-up of the customers' search index: its segments merged into one (FTS5's
    ``merge`` with a negative budget, which is ``optimize`` done in steps), ``pages`` pages in each write
    transaction, so a sale arriving meanwhile waits for one step (tens of ms at 100,000 customers), never
    for the whole merge (0.3-1.9 s). Returns the write transactions taken (1 when there was nothing to merge).

    Each transaction that adds a customer or changes a name or phone writes a segment of its own, which FTS5
    merges only four at a time, so a book grown at the counter holds several; every trigram search reads
    every segment (issue 15: one segment instead of the bench book's 7 made the search 17-54 % faster and a
    lookup's CPU 10-20 % lower). Run by the app's day close (``ui/check_worker.py``, after the incremental
    check, on the check lane); the results of a search do not change.
    """
    if ctx.engine.dialect.name != "sqlite":
        return 0
    for steps in range(1, 10_000):
        with ctx.write() as conn:
            driver = conn.connection.driver_connection
            before = driver.total_changes
            conn.exec_driver_sql(_MERGE_SQL, (-pages,))
            changed = driver.total_changes - before
        if changed < 2:  # nothing was left to merge (FTS5's own test: fewer than 2 rows written)
            return steps
    return steps


@dataclass(frozen=True)
class CustomerPage:
    rows: list[CustomerView]
    total: int | None  # None when the count was not asked for (a next page: ``count=False``)
    #: The last row's sort key and id: pass it as ``after`` for the next page (keyset paging); None if no rows.
    after: tuple[Any, str] | None = None


SORTS = {"name": C.c.name_key, "balance": C.c.balance, "visits": C.c.visits,
         "total_spent": C.c.total_spent, "last_visit": C.c.last_visit, "created": C.c.created_at}


def list_customers(ctx: Context, *, search: str = "", owing: bool = False, status: str = "all",
                   overdue: bool = False, sort: str = "name", desc: bool = False, limit: int = 100,
                   offset: int = 0, after: tuple[Any, str] | None = None, count: bool = True) -> CustomerPage:
    """A page of customers (two queries: the page and its count; one with ``count=False``).

    ``after`` (a previous page's ``CustomerPage.after``: its last row's sort key and id) reads the rows that
    follow that row in the same order (keyset paging): a range of the sort's index however deep the page,
    where ``offset`` reads and drops every row before it (84 ms for 200 rows at offset 9,800 of 100,000).
    The order is the sort key (NULLs first ascending, last descending, on SQLite and PostgreSQL alike), then
    the id ascending, so ties in the key page exactly as ``offset`` does.
    """
    if sort not in SORTS:
        raise ValidationError("sort", "must be one of {choices}", choices=', '.join(SORTS))
    conds = [C.c.store_id == ctx.store_id]
    if status == "active":
        conds.append(C.c.active.is_(True))
    elif status == "inactive":
        conds.append(C.c.active.is_(False))
    elif status != "all":
        raise ValidationError("status", "must be all, active or inactive")
    if owing:
        conds.append(C.c.balance > 0)
    with ctx.read() as conn:
        if overdue:
            oi = m.OpenItem.__table__
            conds.append(C.c.id.in_(select(oi.c.customer_id).where(
                oi.c.store_id == ctx.store_id, oi.c.side == "charge", oi.c.due_date < ctx.clock.today())))
        if search.strip():
            ids = search_ids(conn, ctx, search, 5000, active_only=False)
            conds.append(C.c.id.in_(ids))
        where = and_(*conds)
        col = SORTS[sort]
        key = col.desc() if desc else col.asc()
        if col.nullable:  # SQLite's own NULL order, said aloud so PostgreSQL (the hub) pages the same
            key = key.nulls_last() if desc else key.nulls_first()
        page = (select(C, home_store(C.c.store_id).label("home_store"), _stored(col).label("sort_key"))
                .where(where).order_by(key, C.c.id))
        if after is not None:
            page = page.where(_after(col, desc, *after))
        rows = conn.execute(page.limit(limit).offset(offset)).mappings().all()
        total = conn.execute(select(func.count()).select_from(C).where(where)).scalar_one() if count else None
    last = (rows[-1]["sort_key"], rows[-1]["id"]) if rows else None
    return CustomerPage([_view(r, ctx.store_of_row(r["home_store"])) for r in rows], total, last)


def _stored(col):
    """A sort column as the database holds it: a time is compared as its stored text on SQLite (SQLAlchemy
    would write a cursor's datetime with microseconds, and a row stored without them would not equal it)."""
    return type_coerce(col, String) if isinstance(col.type, DateTime) else col


def _after(col, desc: bool, key: Any, row_id: str):
    """The rows after (``key``, ``row_id``) in ``list_customers``' order: the key (NULLs first ascending, last
    descending), then the id ascending. ``col >= key`` (``<=`` descending) is said on its own so the sort's
    index is read as a range from the cursor on, not from its start. ``key`` is the value as stored
    (``_stored``), so a time written without microseconds still equals itself."""
    nullable, col = col.nullable, _stored(col)
    if key is None:  # a nullable key: the NULLs' tail by id, then (ascending) every row with a key
        tail = and_(col.is_(None), C.c.id > row_id)
        return tail if desc else or_(tail, col.is_not(None))
    if desc:
        rest = and_(col <= key, or_(col < key, C.c.id > row_id))
        return or_(rest, col.is_(None)) if nullable else rest
    return and_(col >= key, or_(col > key, C.c.id > row_id))


#: The customers page's cards: every column it reads is in ``ix_customers_store_balance_active`` (migration
#: 0019), so SQLite answers it from the index alone (tests/bench/test_schema_indexes.py).
SUMMARY_SQL = text(
    "SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN active THEN 1 ELSE 0 END),0) AS active, "
    "COALESCE(SUM(CASE WHEN balance > 0 THEN 1 ELSE 0 END),0) AS owing, "
    "COALESCE(SUM(CASE WHEN balance > 0 THEN balance ELSE 0 END),0) AS total_pending "
    "FROM customers WHERE store_id = :s"
)


def customer_summary(ctx: Context) -> dict:
    """Cards of the customers page in one query."""
    with ctx.read() as conn:
        r = conn.execute(SUMMARY_SQL, {"s": ctx.store_id}).mappings().one()
    owing = r["owing"]
    return {"total_customers": r["total"], "active": r["active"], "customers_owing": owing,
            "total_pending": r["total_pending"],
            "average_pending": round_half_up(r["total_pending"], owing) if owing else 0}


def deactivate_customer(ctx: Context, ref: str, reason: str = "", *, write_off: bool = False) -> CustomerView:
    """Deactivate: the customer leaves the lookup but keeps their history.

    A customer who owes needs the owner; their dues stay visible unless ``write_off``.
    """
    reason = clean_text(reason, "reason", max_len=500)
    require(ctx, EDIT_CUSTOMERS)
    with ctx.write() as conn:
        row = resolve(conn, ctx, ref)
        if not row["active"]:
            raise Conflict("customer", "{row} is already inactive", row=row['name'])
        if row["balance"] > 0:
            require(ctx, DEACTIVATE_OWING)
            if write_off:
                if not reason:
                    raise ValidationError("reason", "is required to write off dues")

                post_writeoff(conn, ctx, row, row["balance"], reason)
        conn.execute(update(C).where(C.c.id == row["id"]).values(
            active=False, deactivated_reason=reason, updated_at=ctx.clock.now()))
        audit.record(conn, ctx, "customer deactivated", row["id"], reason, balance=row["balance"],
                     written_off=write_off)
        row = conn.execute(select(C).where(C.c.id == row["id"])).mappings().one()
    return _view(row)


def reactivate_customer(ctx: Context, ref: str) -> CustomerView:
    require(ctx, EDIT_CUSTOMERS)
    with ctx.write() as conn:
        row = resolve(conn, ctx, ref)
        if row["merged_into"]:
            raise Conflict("customer", "{row} was merged into {row2}; their history stays here, the account lives on "
                                       "there",
                           row=row['name'], row2=row['merged_into'])
        conn.execute(update(C).where(C.c.id == row["id"]).values(active=True, updated_at=ctx.clock.now()))
        row = conn.execute(select(C).where(C.c.id == row["id"])).mappings().one()
    return _view(row)


