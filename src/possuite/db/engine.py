"""Opening the SQLite file: where it lives, its pragmas, and creating or upgrading its schema.

Pragmas: WAL (readers never block the till), ``foreign_keys=ON``,
``synchronous=FULL`` (a completed sale survives a power cut), a busy timeout
so a second till on the same file waits instead of failing. Write transactions
start with ``BEGIN IMMEDIATE`` so two tills never deadlock upgrading a read lock.

Checkpoints (copying the WAL back into the database file) are off the sale path: every ``CHECKPOINT_EVERY``
commits wake a background thread that checkpoints on a connection of its own (``Checkpointer``) at the next
pause in the process's commits (between two customers, not beside a sale). Commits that never pause (an import,
the benchmark's back-to-back loop) leave it to SQLite's own checkpoint after the commit that takes the WAL past
``AUTOCHECKPOINT_PAGES``. Closing the last connection still checkpoints, as SQLite always does.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
import weakref
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.pool import QueuePool

from possuite.domain.errors import ValidationError

#: The newest migration. A test checks it equals Alembic's head, so start-up
#: can compare revisions without loading Alembic at all.
SCHEMA_REVISION = "0024"
BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:

    return user_data_path("possuite", appauthor=False) / "possuite.sqlite3"


def _on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" hook decide how transactions start.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
    cur.close()


#: Commits between background checkpoints (a sale writes some 50-75 pages: about SQLite's own 1000-page step).
CHECKPOINT_EVERY = 20
#: A due checkpoint waits for this long a pause in the process's commits (``Checkpointer``): a counter pauses
#: for seconds between two customers; back-to-back writes (an import, the benchmark's loop) never do, and for
#: them the commit's own checkpoint below copies the WAL.
CHECKPOINT_PAUSE_S = 0.25
#: The app's connections checkpoint on commit too, but only past this many WAL pages (about 128 MB; SQLite's
#: default is 1000): with a pause every few hundred commits never (the background checkpoint has copied the WAL
#: and it started again from its beginning); without one, the commit that takes the WAL past it copies it, after
#: its own commit, on its own thread, holding no lock a writer waits for. Why not a background checkpoint among
#: such commits: one running beside other commits never finishes (the WAL grows while it copies, so it never
#: syncs the file nor lets the WAL start again: this commit's checkpoint still had to) and slows the commits it
#: runs beside (README, "Checkout and collection against their floor").
AUTOCHECKPOINT_PAGES = 32000
#: A checkpoint thread with nothing to do for this long ends (the next commits start another).
CHECKPOINT_IDLE_S = 30.0
#: How a DateTime column is stored as text (SQLAlchemy's SQLite format). Raw bulk writes use it, and the
#: integrity check's replay compares stored times as text, which orders as the times do in this format.
STORED_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def stored_time(v: datetime) -> str:
    """``2026-09-09 14:05:00.000000``: a date-time as a DateTime column stores it."""
    return v.strftime(STORED_TIME_FORMAT)


class WalGuard:
    """Notices the book's WAL file deleted (or replaced) under the open book, and saves what it held.

    On Linux and macOS a deleted file lives on while it is open: every connection opened before the
    deletion keeps writing its commits into the deleted WAL, where nothing will find them after a crash,
    while a connection opened after it makes a new, empty WAL. ``Context.write`` asks ``lost()`` before
    each write (one ``stat``); ``rescue()`` then has a connection that still holds the deleted file copy
    every commit into the book (a TRUNCATE checkpoint, synced) and closes every connection, so the next
    ones write a new WAL where it belongs. The background checkpoint skips its run while the WAL is lost
    (its fresh connection would open the empty new file). docs/architecture.md §8.
    """

    def __init__(self, path: Path | str) -> None:
        self.wal = Path(f"{path}-wal")
        self._identity: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self.rescues = 0

    def seen(self) -> None:
        """After a commit: remember which file the WAL is (the first time, and after a rescue)."""
        if self._identity is None:
            with contextlib.suppress(OSError):
                st = os.stat(self.wal)
                self._identity = (st.st_dev, st.st_ino)

    def lost(self) -> bool:
        if self._identity is None:
            return False
        try:
            st = os.stat(self.wal)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return (st.st_dev, st.st_ino) != self._identity

    def rescue(self, engine: Engine) -> None:
        with self._lock:
            if not self.lost():
                return
            log = logging.getLogger("possuite.db")
            log.warning("the WAL file %s was deleted while the book was open; copying the commits it held into "
                        "the book", self.wal)
            try:
                with engine.connect() as conn:  # a connection made before the deletion still holds the file
                    busy, frames, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
                if busy or frames != done:
                    log.error("the WAL rescue copied %s of %s pages (busy: %s)", done, frames, busy)
            except Exception:  # a new connection sees the empty new WAL; closing the others still checkpoints
                log.exception("the WAL rescue checkpoint failed; closing the connections checkpoints instead")
            engine.dispose()  # every connection lets go of the deleted file; the last to close checkpoints
            self._identity = None
            self.rescues += 1


class Checkpointer:
    """Copies the WAL back into the database file on a thread of its own, after ``every`` commits, in a pause.

    A checkpoint writes and syncs the database file; done inside a commit, as SQLite's automatic
    checkpoint is every 1000 pages, it landed on one sale in twenty (the benchmark's p95/p99).
    ``poke()`` (after each commit) only counts; the PASSIVE checkpoint runs on a short-lived
    connection of its own and never waits for a writer or a reader. It still shares the disk and the CPU with
    them: at shop scale one takes 20-30 ms (some 3,000 pages written into a 4 GB file and synced), and a sale
    that commits meanwhile waits behind it. So once due it waits for a pause in this process's commits
    (``pause_s`` without one, and no write holding the book: at a counter, the seconds between two customers)
    and runs then, with no commit beside it: it copies the whole WAL, syncs the file, and the next commit starts
    the WAL again from its beginning. Commits that never pause (a bulk import, a benchmark's back-to-back sales)
    get no background checkpoint: one among them never finishes (each commit meanwhile adds frames it has not
    copied, so SQLite neither syncs the file nor lets the WAL start again) and slows each commit beside it; the
    commit that takes the WAL past ``AUTOCHECKPOINT_PAGES`` copies it after itself, between two writes, where it
    can finish (docs/architecture.md §6, "WAL checkpoints wait for a pause between customers").

    ``paced_by_caller()``: no thread; the owner runs a due checkpoint itself with ``run_due()`` when it may
    (the app's sync process, at its pace points, between the till's sales: docs/architecture.md §7).
    """

    def __init__(self, path: Path | str, every: int = CHECKPOINT_EVERY, *,
                 pause_s: float = CHECKPOINT_PAUSE_S) -> None:
        self.path = Path(path)
        self.every = every
        self.pause_s = pause_s
        self._commits = 0
        self._last_commit = 0.0
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.runs = 0
        self.guard: WalGuard | None = None
        self._stopping = False
        self.paced = False

    def paced_by_caller(self) -> None:
        """From now on a checkpoint runs only when the owner calls ``run_due`` (no thread of its own)."""
        self.paced = True

    def run_due(self) -> bool:
        """Run the checkpoint now if ``every`` commits are waiting for one (on the caller's thread); True if run."""
        if self._commits < self.every or self._stopping:
            return False
        self._commits = 0
        self.checkpoint()
        return True

    def poke(self) -> None:
        self._commits += 1
        self._last_commit = time.monotonic()
        n = self._commits
        if n < self.every or self.paced:
            return
        if n > self.every and self._thread is not None:
            # Due already and the thread told: it waits for the pause on its own clock (``_await_pause``). Waking it
            # at every commit cost each sale a thread switch (about 20 µs of the sale's CPU in the bench's loop).
            return
        with self._lock:
            if self._stopping:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="possuite-checkpoint", daemon=True)
                self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        """Wait for a checkpoint under way to end and start no other (the engine was disposed: whoever takes
        the file next, e.g. to change its journal mode, finds no connection of this one's open on it)."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wake.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self) -> None:
        while True:
            if not self._wake.wait(CHECKPOINT_IDLE_S):
                with self._lock:
                    if not self._wake.is_set():
                        self._thread = None
                        return
            self._wake.clear()
            if self._commits < self.every and not self._stopping:
                continue   # woken by a commit while the last checkpoint ran: nothing due yet
            self._await_pause()
            if self._stopping:
                with self._lock:
                    self._thread = None
                return
            self._commits = 0
            self.checkpoint()

    def _await_pause(self) -> None:
        """Return once no commit of this process came for ``pause_s`` and no write holds the book, or on ``stop``.
        However many commits go by without a pause: among them the checkpoint could not finish (the class's note)."""
        while not self._stopping:
            quiet = time.monotonic() - self._last_commit
            if quiet >= self.pause_s:
                if not self._write_under_way():
                    return
                quiet = 0.0   # a write holds the book: a pause is ``pause_s`` after it, looked at again then
            self._wake.wait(self.pause_s - quiet)   # ``stop`` sets it; else look again then
            self._wake.clear()

    def _write_under_way(self) -> bool:
        """Whether a write transaction holds the book now. The commit a ``poke`` counts is not over when it pokes
        (SQLAlchemy's commit event comes before the driver's commit, whose sync of the WAL can take longer than
        ``pause_s`` on a busy disk), and another process (the sync, a second till on the file) does not poke: the
        clock alone took such a write for a pause and ran the checkpoint beside it. Asked by taking the write lock
        without waiting and letting it go at once (a writer that comes meanwhile waits for microseconds, in its
        busy handler); any answer but "busy" is no write (the checkpoint then tries, and logs its own failure)."""
        if self.guard is not None and self.guard.lost():
            return False   # ``checkpoint`` declines; opening a connection here would make a new empty WAL
        try:
            con = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
            finally:
                con.close()
        except sqlite3.Error as exc:
            return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY   # extended codes too
        return False

    def checkpoint(self) -> bool:
        """One PASSIVE checkpoint; True when it copied the whole WAL."""
        if self.guard is not None and self.guard.lost():  # a fresh connection would open an empty new WAL
            return False
        try:
            con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                busy, log, done = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                con.close()
        except sqlite3.Error:  # only housekeeping: the next commits ask again
            logging.getLogger("possuite.db").warning("WAL checkpoint failed", exc_info=True)
            return False
        self.runs += 1
        return not busy and log == done


def driver_rows(conn: Connection, sql: str, params: dict) -> list[tuple]:
    """The rows of ONE read statement straight from the book's driver (``sqlite3``), as it returns them.

    For a hot read whose rows cost less than SQLAlchemy's set-up of a result (the checkout's customer search:
    about a fifth of its time). No transaction is begun: SQLite runs a statement outside one in a read
    transaction of its own, so it sees one snapshot of the book, as it would inside ``Context.read``; more
    than one statement needs a transaction. The statement is announced to the engine's
    ``before_cursor_execute`` listeners as SQLAlchemy announces its own, so statement counts (tests, bench)
    see it. A driver error is ``sqlite3.Error`` (``Context.read`` turns a storage fault into the user's
    message).
    """
    cursor = conn.connection.driver_connection.cursor()
    try:
        for listener in conn.dispatch.before_cursor_execute:
            sql, params = listener(conn, cursor, sql, params, None, False)
        return cursor.execute(sql, params).fetchall()
    finally:
        cursor.close()


class _Kept:
    """What ``KeptReader`` and ``KeptWriter`` share: one connection of ``engine`` kept out of its pool."""

    engine: Engine
    _conn: Connection | None

    def _kept(self) -> Connection | None:
        """The kept connection, opened and kept at first use; None when the book's folder is read-only now: a
        connection opened then is not kept (the caller uses a pooled one once; the pool renews those when the
        folder is writable again: ``_renew_read_only_connections``)."""
        if self._conn is None:
            conn = self.engine.connect()
            if conn.connection.info.get("read_only_folder"):
                conn.close()
                return None
            self._conn = conn
        return self._conn

    def _drop(self) -> None:
        """The kept connection closed, not returned to a pool that may be gone (a disposed engine)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.invalidate()
            with contextlib.suppress(Exception):
                conn.close()


class KeptReader(_Kept):
    """One connection kept out of the pool for the checkout's search-as-you-type (``customers.lookup``): its one
    statement per keystroke is read straight from the driver (``driver_rows``), in a read transaction of its own.

    Taking a pooled connection and returning it for each keystroke (``Context.read``: the pool's checkout and
    checkin, their events, the reset) cost about a tenth of a lookup at shop scale (25 µs of 0.35 ms CPU).
    A larger page cache for this connection was tried and kept out: a commit by any connection empties a WAL
    connection's cache at its next read, and within the bench's runs of searches it made no difference
    (README, "Customer lookup at shop scale").

    ``rows`` returns None when another thread is using the connection (the caller reads on a pooled one). A
    connection opened while the book's folder was read-only is used once and not kept (the pool renews those:
    ``_renew_read_only_connections``). When the engine is disposed (a restore, the WAL's rescue, closing) the
    connection is closed with it, and after a driver error too: the next search takes a new one.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def rows(self, sql: str, params: dict) -> list[tuple] | None:
        if not self._lock.acquire(blocking=False):
            return None
        try:
            conn = self._kept()
            if conn is None:
                with self.engine.connect() as once:
                    return driver_rows(once, sql, params)
            try:
                return driver_rows(conn, sql, params)
            except BaseException:
                self._drop()
                raise
        finally:
            self._lock.release()

    def close(self) -> None:
        """Close the kept connection (waits for a search under way on it)."""
        with self._lock:
            self._drop()


class KeptWriter(_Kept):
    """One connection kept out of the pool for the unit of work (``Context.write``) on a till's book: every sale's
    and collection's write runs on it, without the pool's checkout and checkin (their events, the reset, the
    connection record: 60-150 µs of a sale's CPU in the bench's loop, the largest single step above the raw floor).

    ``connection()`` yields it while no other thread writes on it (a non-blocking lock: a second writing thread
    takes a pooled connection, as before). A connection opened while the book's folder was read-only is used once
    and not kept (the pool renews those at checkout: ``_renew_read_only_connections``, which a kept connection
    would skip). After an error in the block it stays kept once the unit of work has rolled back, as the pool kept
    it before (closing it in a storage fault could close the process's last read-write hold on the book's shared
    memory: a connection opened meanwhile maps it read-only for every later one); it is closed if still in a
    transaction. When the engine is disposed (a restore, the WAL's rescue, closing) it is closed with it, at once,
    or, from inside a write on this very thread, as that write ends.

    Who holds it: the contexts that write with it (``Context._held``), not the engine, which knows it only weakly
    (``kept_writer``). A checked-out pooled connection keeps its engine alive (SQLAlchemy's clean-up of it is
    registered with ``weakref.finalize`` and holds the pool, whose listeners hold the engine): held by the engine,
    it would keep the engine, and the book's file, open for good after its last context is gone (an in-process
    command's engine is left to the collector, as a process that ends lets go of everything).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._owner: int | None = None
        self._close_after = False
        self._conn: Connection | None = None
        ref = weakref.ref(self)

        def on_dispose(_engine) -> None:
            writer = ref()
            if writer is not None:
                writer.close()

        event.listen(engine, "engine_disposed", on_dispose)

    @contextlib.contextmanager
    def connection(self):
        if not self._lock.acquire(blocking=False):
            with self.engine.connect() as conn:
                yield conn
            return
        self._owner = threading.get_ident()
        try:
            conn = self._kept()
            if conn is None:
                with self.engine.connect() as once:
                    yield once
                return
            try:
                yield conn
            except BaseException:
                if _still_in_transaction(conn):
                    self._drop()
                raise
        finally:
            if self._close_after:
                self._close_after = False
                self._drop()
            self._owner = None
            self._lock.release()

    def driver_connection(self) -> sqlite3.Connection | None:
        """The kept connection's ``sqlite3`` connection, if one is kept (the bench's statement count traces it)."""
        conn = self._conn
        return None if conn is None else conn.connection.driver_connection

    def close(self) -> None:
        """Close the kept connection (waits for a write under way on another thread; from inside a write on this
        thread, it is closed as that write ends)."""
        if self._owner == threading.get_ident():
            self._close_after = True
            return
        with self._lock:
            self._drop()

    def __del__(self) -> None:
        # Its last context is gone: the connection goes back to the pool (and closes with the engine).
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()


def _still_in_transaction(conn: Connection) -> bool:
    try:
        return conn.in_transaction() or conn.connection.driver_connection.in_transaction
    except Exception:
        return True


def kept_writer(engine: Engine, *, make: bool = True) -> KeptWriter | None:
    """The till book's kept write connection (``KeptWriter``) while a context holds it; else a new one (``make``),
    or None. None for an engine that keeps none (a read-only book, the hub)."""
    if not getattr(engine, "keeps_writer", False):
        return None
    ref = getattr(engine, "_kept_writer_ref", None)
    writer = ref() if ref is not None else None
    if writer is None and make:
        writer = KeptWriter(engine)
        engine._kept_writer_ref = weakref.ref(writer)  # type: ignore[attr-defined]
    return writer


def driver_statement(conn: Connection, sql: str) -> None:
    """Run one statement that returns nothing (the unit of work's ``BEGIN IMMEDIATE``, ``COMMIT``, ``ROLLBACK``)
    straight on the book's driver connection under ``conn``, outside SQLAlchemy's transaction bookkeeping.

    ``services/context.py::Context.write`` runs its transaction so: SQLAlchemy's ``Transaction`` objects, events
    and execution context cost about 30 µs of Python per write, on every sale's and collection's path. The
    statement is announced to the engine's ``before_cursor_execute``/``after_cursor_execute`` listeners as
    SQLAlchemy announces its own (statement counts, the bench's write-lock gauge), and a driver error is raised
    as SQLAlchemy's wrapper of it (``sqlalchemy.exc.OperationalError`` ...), as through ``exec_driver_sql``.
    """
    driver = conn.connection.driver_connection
    heard = conn.engine.dispatch   # the engine's listeners (and those set on the Engine class)
    if not (conn._has_events or heard.before_cursor_execute or heard.after_cursor_execute):
        # No one listens (the till's usual case; a statement count or the bench's gauge adds listeners): the
        # statement alone, without building the connection's joined listener lists for it.
        try:
            driver.execute(sql)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, (), exc, sqlite3.Error, dialect=conn.dialect) from exc
        return
    cursor = driver.cursor()
    try:
        dispatch = conn.dispatch
        for listener in dispatch.before_cursor_execute:
            sql, _params = listener(conn, cursor, sql, (), None, False)
        try:
            cursor.execute(sql)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, (), exc, sqlite3.Error, dialect=conn.dialect) from exc
        for listener in dispatch.after_cursor_execute:
            listener(conn, cursor, sql, (), None, False)
    finally:
        cursor.close()


def _on_begin(conn) -> None:
    if conn.connection.driver_connection.in_transaction:
        return  # begun on the driver by the unit of work (Context.write); Core's first statement joins it
    if conn.get_execution_options().get("immediate"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def folder_is_writable(path: Path | str) -> bool:
    """Whether new files can be made beside the book (its WAL and shared-memory files need that).

    False on a read-only file system even for root (``access`` answers EROFS), and for a user without
    write permission on the folder.
    """
    return os.access(Path(path).parent, os.W_OK)


def read_only_uri(path: Path | str) -> str:
    """The SQLite URI that reads ``path`` in a folder nobody can write (docs/architecture.md §8).

    A WAL book whose ``-wal``/``-shm`` files are there is read through them (``mode=ro``); without them
    (the last connection closed cleanly, so the file holds every commit) SQLite could not make the
    shared-memory file, and ``immutable=1`` reads the file alone.
    """
    path = Path(path).absolute()
    sidecars = Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    return f"{path.as_uri()}?mode=ro" + ("" if sidecars else "&immutable=1")


def _on_connect_read_only(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _renew_read_only_connections(engine: Engine, path: Path | str) -> None:
    """A connection made while the folder could not be written opened the book read-only and would stay
    so: once the folder takes writes again, the pool replaces it (so the till sells again at once)."""

    def on_connect(_dbapi_connection, record) -> None:
        record.info["read_only_folder"] = not folder_is_writable(path)

    def on_checkout(_dbapi_connection, record, _proxy) -> None:
        if record.info.get("read_only_folder") and folder_is_writable(path):
            raise DisconnectionError("opened while the folder was read-only")  # the pool reconnects

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "checkout", on_checkout)


def make_engine(path: Path | str, *, read_only: bool = False) -> Engine:
    """The book's engine; ``read_only`` for a book in a folder that cannot be written (reads work, every
    write is refused by SQLite and reported by ``db/storage_faults.py``)."""
    if read_only:
        uri = read_only_uri(path)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000),
                               poolclass=QueuePool, pool_size=4, max_overflow=4)
        event.listen(engine, "connect", _on_connect_read_only)
        event.listen(engine, "begin", _on_begin)
        engine.checkpointer = Checkpointer(path)  # type: ignore[attr-defined]  # never poked: nothing commits
        engine.read_only = True  # type: ignore[attr-defined]
        return engine
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=4,
        max_overflow=4,
    )
    event.listen(engine, "connect", _on_connect)
    _renew_read_only_connections(engine, path)
    event.listen(engine, "begin", _on_begin)
    checkpointer = Checkpointer(path)
    checkpointer.guard = engine.wal_guard = WalGuard(path)  # type: ignore[attr-defined]
    engine.checkpointer = checkpointer  # type: ignore[attr-defined]
    event.listen(engine, "commit", lambda _conn: checkpointer.poke())
    engine.search_reader = KeptReader(engine)  # type: ignore[attr-defined]
    engine.keeps_writer = True  # type: ignore[attr-defined]  # the unit of work's kept connection (KeptWriter)
    return engine


SQLITE_MAGIC = b"SQLite format 3\x00"


def has_sqlite_header(path: Path | str) -> bool:
    """Whether a non-empty file starts as a SQLite database does, asked without dropping this process's locks.

    On POSIX, closing *any* descriptor of a file drops every lock this process holds on it. A plain
    ``open(path).read(16)`` while the process has the book open would drop its connections' locks:
    another process (``possuite sync``, the app's sync child) closing its last connection then takes
    the book for unused and deletes the WAL under them, which damages the book. SQLite asks first (its
    own file layer keeps a descriptor open while any of its connections holds a lock); the bytes are
    read directly only for a file SQLite refuses or sees no page in, which no connection can be using.
    """
    path = Path(path)
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            if con.execute("PRAGMA page_count").fetchone()[0]:
                return True
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_NOTADB":
            return True  # damaged or locked, yet SQLite's: the caller's own checks say what is wrong
    with open(path, "rb") as fh:
        return fh.read(16) == SQLITE_MAGIC


def current_revision(path: Path) -> str | None:
    """The schema revision recorded in the file, or None for an empty/new file."""
    if folder_is_writable(path):
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not row:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _restrict_permissions(path: Path) -> None:
    if os.name == "posix":
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            # The WAL and shared-memory files come and go: the last connection to close removes them, so one that
            # existed a moment ago may be gone (a checkpoint's own connection closing meanwhile). Not a test then
            # a chmod (the bundle's start failed between the two), the chmod alone.
            with contextlib.suppress(FileNotFoundError):
                os.chmod(p, 0o600)


def backup_file(path: Path, dest: Path) -> Path:
    """Copy a live database with SQLite's online backup API (consistent even while in use)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    _restrict_permissions(dest)
    return dest


#: Backups live in this folder beside the database (services.backup lists and rotates them).
BACKUP_DIR = "backups"


def backup_path(path: Path, kind: str, when: datetime) -> Path:
    """Where a backup of ``path`` of the given kind taken at ``when`` is kept."""
    return path.parent / BACKUP_DIR / f"{path.stem}-{when:%Y%m%d-%H%M%S}-{kind}.sqlite3"


def _script_config():
    from alembic.config import Config  # deferred: Alembic costs start-up time; only upgrades need it

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def known_revisions() -> set[str]:
    """Every schema revision this version can upgrade from (loads Alembic: only on the upgrade path)."""
    from alembic.script import ScriptDirectory  # deferred: Alembic only on the upgrade path

    return {s.revision for s in ScriptDirectory.from_config(_script_config()).walk_revisions()}


def upgrade(engine: Engine, path: Path) -> None:
    """Bring the schema to the newest revision with Alembic (loaded only when needed)."""
    from alembic import command  # deferred: Alembic only on the upgrade path

    cfg = _script_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()


def open_database(path: Path | str, *, create: bool = True) -> Engine:
    """Open (creating or upgrading as needed) the database at ``path``.

    Before an upgrade of an existing schema, a copy of the file is taken beside it.
    """
    path = Path(path)
    if path.is_dir():
        raise ValidationError("database", "{path} is a folder, not a database file", path=path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise ValidationError("database", "{path} does not exist", path=path)
    if not exists:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not folder_is_writable(path):
            raise ValidationError("database", "{path} does not exist and its folder cannot be written to", path=path)
        old = os.umask(0o077)
        try:
            sqlite3.connect(path).close()
        finally:
            os.umask(old)
    else:
        if not has_sqlite_header(path):
            raise ValidationError("database", "{path} is not a possuite database (not SQLite)", path=path)
    try:
        rev = current_revision(path)
    except sqlite3.DatabaseError as exc:
        raise ValidationError("database", "{path} cannot be read: {exc}", path=path, exc=exc) from None
    if rev is not None and rev != SCHEMA_REVISION and rev not in known_revisions():
        raise ValidationError("database", "{path} was written by a newer possuite (schema {rev}); install the newer "
                                          "version to open it",
                              path=path, rev=rev)
    if not folder_is_writable(path):  # a read-only folder: the book is read, every write refused clearly
        if rev != SCHEMA_REVISION:
            raise ValidationError("database", "{path} needs an upgrade to schema {schema}, but its folder cannot be "
                                              "written to (read-only); make it writable and open it again",
                                  path=path, schema=SCHEMA_REVISION)
        return make_engine(path, read_only=True)
    engine = make_engine(path)
    if rev != SCHEMA_REVISION:
        if rev is not None:
            backup_file(path, backup_path(path, f"pre-upgrade-{rev}", datetime.now()))
        upgrade(engine, path)
    _restrict_permissions(path)
    return engine
