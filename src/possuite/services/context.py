"""The service context: which database, which store, who is acting, what time it is.

A context built without an actor acts as ``NOBODY``, who has no rights at all (every permission
check refuses it); the CLI passes ``CLI_ACTOR`` and the till the signed-in user explicitly.

``ctx.write()`` is the unit of work: one ``BEGIN IMMEDIATE`` transaction that commits
when the block ends normally and rolls back on any error. ``ctx.read()`` never writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from possuite.db import models as m
from possuite.db.engine import driver_statement, kept_writer
from possuite.db.storage_faults import storage_fault
from possuite.domain.clock import Clock
from possuite.domain.errors import NotFound
from possuite.domain.money import Currency, currency_for
from possuite.i18n import digits_for, split_language_tag

#: What a failed statement raises: SQLAlchemy's wrapper, or the driver's own error for the statements a sale
#: runs on the driver connection (db/direct.py, services/chain.py).
_DB_ERRORS = (DBAPIError, sqlite3.Error)

OWNER = "owner"
CASHIER = "cashier"
ROLES = (OWNER, CASHIER)


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``authorised_by`` names an owner who entered a PIN for one action."""

    name: str
    role: str
    user_id: str | None = None
    authorised_by: str | None = None
    #: The language the screen speaks to this user (``users.language``; the login switches to it).
    language: str = "en"

    @property
    def is_owner(self) -> bool:
        return self.role == OWNER

    @property
    def signed_in(self) -> bool:
        """False for ``NOBODY``: an actor without a role has no rights."""
        return self.role in ROLES


#: The ``possuite`` command acts with owner rights, audited as ``cli``.
CLI_ACTOR = Actor(name="cli", role=OWNER)
#: No one: what a context acts as when it is given no actor. Every permission check refuses it.
NOBODY = Actor(name="nobody", role="")


@dataclass(frozen=True)
class StoreSettings:
    id: str
    name: str
    address: str
    phone: str
    tax_id: str
    currency_code: str
    country: str
    credit_days: int
    invoice_prefix: str
    receipt_prefix: str
    upi_id: str
    allow_advances: bool
    cashier_may_comp: bool
    #: Selling and collecting need an open shift at this till (services/shifts.py).
    shifts_required: bool = False
    #: The largest bill discount a cashier gives without an owner's PIN, in basis points (None: no limit).
    max_cashier_discount_bp: int | None = None
    state: str = ""              # GST state code ("" not set)
    gst_registration: str = ""   # "" = GST not set up; regular | composition | unregistered
    #: Days after a bill a cashier may still take a return (the owner always may); docs/architecture.md §3.4.
    return_days: int = 7
    #: The language receipts print in (possuite.i18n), whatever the screen's language.
    receipt_language: str = "en"
    #: This till's weighing-scale label layout (domain/scale_barcode.py::parse_layout), "" none.
    scale_barcode: str = ""
    #: Amounts in Devanagari digits (०१२३) for Hindi readers: screens, receipts, slips, PDFs (domain/money.py).
    devanagari_digits: bool = False

    @property
    def currency(self) -> Currency:
        return currency_for(self.currency_code)

    @property
    def receipt_digits(self) -> str:
        """The digits receipts and slips print amounts in (``i18n.digits_for`` the receipt language)."""
        return digits_for(self.receipt_language, self.devanagari_digits)


def load_store(conn: Connection, store_id: str) -> StoreSettings:
    row = conn.execute(select(m.Store.__table__).where(m.Store.id == store_id)).mappings().first()
    if row is None:
        raise NotFound("store", "no store with id {store_id}", store_id=store_id)
    receipt_language, devanagari_digits = split_language_tag(row["receipt_language"])
    return StoreSettings(
        id=row["id"], name=row["name"], address=row["address"] or "", phone=row["phone"] or "",
        tax_id=row["tax_id"] or "", currency_code=row["currency"], country=row["country"],
        credit_days=row["credit_days"], invoice_prefix=row["invoice_prefix"],
        receipt_prefix=row["receipt_prefix"], upi_id=row["upi_id"] or "",
        allow_advances=bool(row["allow_advances"]), cashier_may_comp=bool(row["cashier_may_comp"]),
        shifts_required=bool(row["shifts_required"]), max_cashier_discount_bp=row["max_cashier_discount_bp"],
        state=row["state"] or "", gst_registration=row["gst_registration"] or "",
        return_days=row["return_days"], receipt_language=receipt_language, devanagari_digits=devanagari_digits,
        scale_barcode=row["scale_barcode"] or "",
    )


@dataclass
class Context:
    engine: Engine
    store_id: str
    clock: Clock
    actor: Actor = NOBODY
    db_path: Path | None = None
    #: The owner's receipt-template folder when the wiring names one (``POSSUITE_RECEIPTS``); else
    #: ``receipts/`` beside ``db_path`` (``printing.templates.user_template_dir``).
    receipts_dir: Path | None = None
    #: Demo data (services.demo): documents are numbered in their own DEMO series, so removing
    #: the demo later leaves the real invoice/receipt/adjustment series gapless.
    demo: bool = False
    #: The store settings read, by store id, shared by every copy of this context (``as_actor``, ``replace``), so
    #: the till's window, its login screen and its print worker use the same settings: the ones last read
    #: (docs/architecture.md §7, "What a running till takes from a sync").
    _stores: dict[str, StoreSettings] = field(default_factory=dict, repr=False, compare=False)
    _writer: Engine | None = field(default=None, repr=False)
    #: The till book's kept write connection (``db.engine.KeptWriter``), held by every copy of this context.
    _held: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def store(self) -> StoreSettings:
        found = self._stores.get(self.store_id)
        if found is None:
            found = self._stores[self.store_id] = self.read_store()
        return found

    def read_store(self) -> StoreSettings:
        """The store's settings as the book holds them now (one statement); the kept ones stay as they are."""
        with self.read() as conn:
            return load_store(conn, self.store_id)

    def use_store(self, settings: StoreSettings) -> bool:
        """From now on every copy of this context uses ``settings`` (read off the GUI thread by ``read_store``).
        True when they differ from the ones kept (or none were)."""
        old = self._stores.get(settings.id)
        self._stores[settings.id] = settings
        return old != settings

    def refresh_store(self) -> None:
        """Forget the kept settings: the next ``store`` reads them again (for every copy of this context)."""
        self._stores.pop(self.store_id, None)

    @property
    def currency(self) -> Currency:
        return self.store.currency

    def as_actor(self, actor: Actor) -> Context:
        return replace(self, actor=actor)

    @property
    def is_back_office(self) -> bool:
        """The owner's back office on the hub (``hub.backoffice.BackOfficeContext``): it only reads."""
        return False

    @property
    def spans_stores(self) -> bool:
        """Rows of several stores at once (the back office on the hub, every store): each row names its
        store. A till's book holds one store."""
        return False

    def store_of_row(self, store_id: str | None) -> str:
        """The name of the store a row belongs to (``db.dialect.home_store`` of the row) in the hub's back
        office, where the owner reads several stores; "" on a till's book (one store: nothing to tell apart)."""
        return ""

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """The unit of work: one ``BEGIN IMMEDIATE`` transaction, committed when the block ends normally.

        On a till's book ``BEGIN IMMEDIATE`` and ``COMMIT`` run on the driver connection
        (``db.engine.driver_statement``: the same statements, without SQLAlchemy's transaction objects, about
        30 µs of Python per sale). A Core statement in the block joins the transaction (SQLAlchemy's autobegin
        finds it begun, ``db.engine._on_begin``) and the commit is then SQLAlchemy's; the engine's ``commit``
        listeners (the background checkpoint) hear every commit either way. One generator for the whole of it:
        it runs on every sale's path, where each layer of Python costs several times its cost in a loop."""
        guard = getattr(self.engine, "wal_guard", None)
        if guard is not None and guard.lost():  # the WAL file was deleted under the till: save what it held first
            guard.rescue(self.engine)
        try:
            if self.engine.dialect.name == "sqlite":
                writer = self._held.get("writer")
                if writer is None:
                    writer = self._held["writer"] = kept_writer(self.engine)
                with self.engine.connect() if writer is None else writer.connection() as conn:
                    driver_statement(conn, "BEGIN IMMEDIATE")
                    try:
                        yield conn
                    except BaseException:
                        if conn.in_transaction():
                            conn.rollback()
                        if conn.connection.driver_connection.in_transaction:
                            driver_statement(conn, "ROLLBACK")
                        raise
                    if conn.in_transaction():
                        conn.commit()
                    else:
                        conn.dispatch.commit(conn)   # what SQLAlchemy tells its listeners before a commit
                        driver_statement(conn, "COMMIT")
            else:
                if self._writer is None:
                    self._writer = self.engine.execution_options(immediate=True)
                with self._writer.connect() as conn:
                    with conn.begin():
                        yield conn
            if guard is not None:
                guard.seen()
        except _DB_ERRORS as exc:  # a full disk, a read-only folder: the user's message, not a trace
            fault = storage_fault(exc, self._book_path())
            if fault is None:
                raise
            raise fault from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.storage_faults():
            with self.engine.connect() as conn:
                try:
                    yield conn
                finally:
                    conn.rollback()

    @contextmanager
    def storage_faults(self) -> Iterator[None]:
        """A storage fault in the block (a damaged or unreadable book) is raised as the user's message
        (``db/storage_faults.py``), as in ``read``: for a read on a connection of its own (``customers.lookup``)."""
        try:
            yield
        except _DB_ERRORS as exc:  # sqlite3's own: a read straight from the driver (db/engine.py::driver_rows)
            fault = storage_fault(exc, self._book_path())
            if fault is None:
                raise
            raise fault from exc

    def _book_path(self) -> Path | None:
        if self.db_path is not None:
            return Path(self.db_path)
        database = getattr(getattr(self.engine, "url", None), "database", None)
        return Path(database) if database else None
