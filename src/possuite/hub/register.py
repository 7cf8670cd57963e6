"""``possuite till register``: this book becomes till CODE of a store on the hub.

Run with the business owner's hub URL (or the hub's admin). The hub's registering function checks
the code is free in the business, publishes the store's row if the hub does not have it yet, and
creates the till's own login role; the till keeps that role's password in the user's credentials
file (saved before the hub commits, so a crash cannot leave a till nobody can log in as) and only
the password-less URL in the book. The book then queues every row it already holds and pushes:
the first till of a store publishes the store (settings, users with their PIN hashes, items,
customers and their whole history); a later till of the same store sends only what the hub lacks.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import psycopg
from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError

from possuite.db.engine import open_database
from possuite.db.ids import new_id
from possuite.domain.clock import Clock
from possuite.domain.errors import Conflict, NotFound, ValidationError
from possuite.hub import outbox, push, spec, sync
from possuite.hub.connect import (
    HubUnreachable,
    as_user,
    check_reachable,
    display,
    hub_engine,
    is_connection_error,
    parse_url,
    reason,
    refusal,
    save_entry,
    save_password,
    saved_entry,
    without_password,
)
from possuite.hub.schema import role_names
from possuite.services.app import open_context
from possuite.services.context import CLI_ACTOR, Context
from possuite.services.ledger import check_number_length
from possuite.services.permissions import SETTINGS, require

CODE_RE = re.compile(r"^[A-Z0-9]{1,3}$")


@dataclass(frozen=True)
class RegisterResult:
    till_id: str
    code: str
    name: str
    store_id: str
    store: str
    published: bool  # this till published the store to the hub
    hub: str
    queued: int
    sync: push.SyncReport | None
    sync_error: str | None
    created: bool = False  # the book was made here from the hub's copy of the store

    def as_json(self) -> dict:
        return {"till_id": self.till_id, "code": self.code, "name": self.name, "store_id": self.store_id,
                "store": self.store, "published": self.published, "hub": self.hub, "queued": self.queued,
                "sync": self.sync.as_json() if self.sync else None, "sync_error": self.sync_error,
                "created": self.created}


def validate_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not CODE_RE.match(code):
        raise ValidationError("code", "must be 1 to 3 letters or digits (it goes into the till's invoice numbers)")
    return code


def _jsonable(row: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in row.items()}


def register_till(ctx: Context, url_text: str, store_ref: str, code: str, name: str | None,
                  config_dir: Path, *, batch_size: int = push.BATCH_SIZE) -> RegisterResult:
    require(ctx, SETTINGS)
    code = validate_code(code)
    store_ref = (store_ref or "").strip()
    if not store_ref:
        raise ValidationError("store", "name the store (its name or id on the hub)")
    name = (name or f"Till {code}").strip()[:100]
    url = parse_url(url_text)
    with ctx.read() as conn:
        ident = outbox.identity(conn)
        book_store = dict(conn.execute(select(*[spec.till_table("stores").c[c]
                                                  for c in spec.synced_columns("stores")])
                                       .where(spec.till_table("stores").c.id == ctx.store_id)).mappings().one())
    # The code goes into every number from now on (SAL-A-26-0042): the longest must still fit.
    for prefix in (book_store["invoice_prefix"], book_store["receipt_prefix"], "ADJ"):
        check_number_length("code", prefix, code)
    if ident is not None:
        raise Conflict("till", "this book is already till {code} of store {store_id} on {display}",
                       code=ident.code, store_id=ident.store_id, display=display(parse_url(ident.hub_url)))
    engine = hub_engine(url)
    till_id, password = new_id(), secrets.token_urlsafe(24)
    roles = role_names(url.database)
    till_url = as_user(url, roles.till(code))
    # Which till this book was becoming: a registration cut off after the hub's commit resumes from it.
    pending_key = f"pending-registration:{Path(ctx.db_path).resolve()}" if ctx.db_path else None
    try:
        check_reachable(engine, url)
        with engine.begin() as hub:
            biz = hub.execute(text("SELECT id, name FROM business ORDER BY created_at LIMIT 1")).first()
            if biz is None:
                raise NotFound("hub", "{display} has no business yet; run `possuite hub init URL` first",
                               display=display(url))
            published = _check_store(hub, store_ref, book_store)
            taken = hub.execute(text("SELECT t.id, t.code, t.store_id FROM tills t WHERE t.business_id = :b "
                                     "AND t.code = :c"), {"b": biz.id, "c": code}).first()
            if taken is not None:
                till_id, password = _resume(taken, pending_key, book_store["id"], config_dir, till_url) or (
                    _code_taken(code, biz.name, taken.store_id))
            else:
                save_password(config_dir, till_url, password)
                if pending_key:
                    save_entry(config_dir, pending_key, till_id)
                hub.execute(text("SELECT possuite_register_till(:id, CAST(:store AS jsonb), :code, :name, :pw)"),
                            {"id": till_id, "store": json.dumps(_jsonable({**book_store, spec.VERSION: 0})),
                             "code": code, "name": name, "pw": password})
    except (DBAPIError, psycopg.Error) as exc:
        if is_connection_error(exc):
            raise HubUnreachable("hub", "cannot connect to {display} ({reason})",
                                 display=display(url), reason=reason(exc)) from None
        raise Conflict("till", "the hub refused the registration: {refusal}", refusal=refusal(exc)) from None
    finally:
        engine.dispose()
    with ctx.write() as conn:
        conn.execute(insert(outbox.T).values(
            id=till_id, business_id=biz.id, business_name=biz.name, store_id=ctx.store_id, code=code, name=name,
            hub_url=without_password(till_url), registered_at=ctx.clock.now(), pull_cursor=0, last_error="",
            applying=False))
        queued = outbox.queue_whole_book(conn, ctx.store_id)
    if pending_key:
        save_entry(config_dir, pending_key, None)
    report, error = None, None
    try:  # push what the book holds, then pull what the other tills of the store wrote
        report = sync.sync(ctx, config_dir, batch_size=batch_size)
    except HubUnreachable as exc:  # registered; the rows stay queued for the next sync
        error = exc.message
    return RegisterResult(till_id=till_id, code=code, name=name, store_id=ctx.store_id, store=book_store["name"],
                          published=published, hub=display(till_url), queued=queued, sync=report, sync_error=error)


def _code_taken(code: str, business: str, store_id: str):
    raise Conflict("code", "till code {code} is taken in business {business!r} (store {store_id}); choose another code",
                   code=code, business=business, store_id=store_id)


def _resume(taken, pending_key: str | None, store_id: str, config_dir: Path, till_url) -> tuple[str, str] | None:
    """The till this very book was registering when it was cut off (its id and password), if so."""
    if not pending_key or taken.store_id != store_id or saved_entry(config_dir, pending_key) != taken.id:
        return None
    password = saved_entry(config_dir, without_password(till_url))
    return (taken.id, password) if password else None


def _check_store(hub, store_ref: str, book_store: dict) -> bool:
    """True when the hub lacks the store and this book publishes it; refuses a book of another store."""
    found = hub.execute(text("SELECT id, name FROM stores WHERE id = :r OR lower(name) = lower(:r)"),
                        {"r": store_ref}).all()
    if len(found) > 1:
        raise ValidationError("store", "{store_ref!r} names {found_count} stores on the hub; give the store's id",
                              store_ref=store_ref, found_count=len(found))
    if found:
        if found[0].id != book_store["id"]:
            raise Conflict("store", "this book belongs to store {book_store!r} ({book_store2}); the hub's store "
                                    "{name!r} is another store ({id})",
                                    book_store=book_store['name'], book_store2=book_store['id'], name=found[0].name,
                                    id=found[0].id)
        return False
    if store_ref.casefold() not in (book_store["name"].casefold(), book_store["id"].casefold()):
        raise NotFound("store", "the hub has no store {store_ref!r}, and this book's store is {book_store!r}; give "
                                "--store {book_store!r} to publish it",
                       store_ref=store_ref, book_store=book_store['name'])
    return True


def register_new_book(path: Path, url_text: str, store_ref: str, code: str, name: str | None, config_dir: Path,
                      clock: Clock, *, batch_size: int = push.BATCH_SIZE) -> RegisterResult:
    """Make a new book at ``path`` (which must not exist) from the hub's copy of a store, as till CODE.

    The book is built beside the target as ``<name>.part``: the hub's store row, then the ordinary
    registration (``register_till``) and a full pull (users with their PINs, items, customers and the
    other tills' documents and ledger), and only then renamed into place, so ``path`` is either absent
    or ready to sell. A run cut off midway resumes from the ``.part`` book (its registration too)."""
    path = Path(path)
    if path.exists():
        raise Conflict("database", "{path} exists already; register it with `possuite --db {path} till register`",
                       path=path)
    code = validate_code(code)
    store_ref = (store_ref or "").strip()
    if not store_ref:
        raise ValidationError("store", "name the store (its name or id on the hub)")
    url = parse_url(url_text)
    part = path.with_name(path.name + ".part")
    if not part.exists():
        store = _hub_store(url, store_ref)
        engine = open_database(part)
        try:
            with engine.begin() as conn:
                conn.execute(insert(spec.till_table("stores")).values(**store))
        finally:
            engine.dispose()
    ctx = open_context(engine=open_database(part), path=part, clock=clock, actor=CLI_ACTOR)
    try:
        with ctx.read() as conn:
            ident = outbox.identity(conn)
        if ident is None:
            result = register_till(ctx, url_text, store_ref, code, name, config_dir, batch_size=batch_size)
        else:  # registered by a run that was cut off: finish its first sync
            report = sync.sync(ctx, config_dir, batch_size=batch_size)
            result = RegisterResult(ident.id, ident.code, ident.name, ident.store_id, ctx.store.name, False,
                                    display(parse_url(ident.hub_url)), 0, report, None)
    except BaseException:
        with ctx.read() as conn:
            registered = outbox.identity(conn) is not None
        ctx.engine.dispose()
        if not registered:  # nothing on the hub points at it: leave no half-made book behind
            for extra in ("", "-wal", "-shm"):
                Path(f"{part}{extra}").unlink(missing_ok=True)
        raise
    if result.sync is None or result.sync_error:
        ctx.engine.dispose()
        raise HubUnreachable("hub", "till {code} is registered but the store could not be pulled ({sync_error}); run "
                                    "the same command again to finish {path}",
                             code=result.code, sync_error=result.sync_error, path=path)
    ctx.engine.dispose()  # the last connection checkpoints the WAL into the file
    os.replace(part, path)
    return replace(result, created=True)


def _hub_store(url, store_ref: str) -> dict:
    """The hub's row of the store (the owner's login reads every store), as the book's stores row."""
    engine = hub_engine(url)
    cols = spec.synced_columns("stores")
    quoted = ", ".join(f'"{c}"' for c in cols)
    try:
        check_reachable(engine, url)
        with engine.connect() as hub:
            found = hub.execute(text(f"SELECT {quoted} FROM stores WHERE id = :r OR lower(name) = lower(:r)"),
                                {"r": store_ref}).mappings().all()
    except (DBAPIError, psycopg.Error) as exc:
        if is_connection_error(exc):
            raise HubUnreachable("hub", "cannot connect to {display} ({reason})",
                                 display=display(url), reason=reason(exc)) from None
        raise Conflict("store", "the hub refused to show its stores: {refusal}", refusal=refusal(exc)) from None
    finally:
        engine.dispose()
    if not found:
        raise NotFound("store", "the hub has no store {store_ref!r}; a new book starts from a store that a first till "
                                "has published (register that till with its own book)",
                       store_ref=store_ref)
    if len(found) > 1:
        raise ValidationError("store", "{store_ref!r} names {found_count} stores on the hub; give the store's id",
                              store_ref=store_ref, found_count=len(found))
    return dict(found[0])
