"""A storage layer that cuts the power: SQLite's crash-test VFS, in Python, over APSW.

Why APSW: Python's ``sqlite3`` cannot register a VFS, and a block-level recorder (dm-log-writes)
needs root and a spare block device, which neither CI nor a developer's laptop has. APSW ships its own
SQLite and lets a VFS written in Python wrap the default one (``apsw.VFS``/``apsw.VFSFile``), so every
``xWrite``, ``xTruncate`` and ``xSync`` of the book, its WAL and its backups passes through here.

What the layer does (``Recorder``):
- writes go through to the real file (so the running till reads what it wrote, as from the OS page
  cache) and are also kept per file as *pending*;
- ``xSync`` of a file applies that file's pending writes to its *durable image* (what the disk holds);
- at the cut (a chosen write/sync index) the operation that reached it fails with SQLITE_IOERR, every
  later call fails too (the power is off), and the durable images are written to a fresh folder. Three
  kinds of cut: ``synced`` (only what was synced), ``sectors`` (each dirty 512-byte sector of the
  unsynced writes independently reached the disk or not: the OS flushed in any order) and ``torn``
  (every unsynced write but the last reached the disk, the last only its first few sectors).

Deletes (``xDelete``) and the backup's rename (``os.replace``, followed by a folder fsync in the
code) are taken as durable at once, as SQLite's ``syncDir`` and the backup code make them.

The app talks to SQLite through Python's ``sqlite3`` (SQLAlchemy's pysqlite dialect and a few direct
connections in ``db/engine.py`` and ``services/backup.py``). ``ApswSqlite3`` is a small module-shaped
adapter with the part of the ``sqlite3`` DB-API those use (connect, cursor, execute, description,
rowcount, lastrowid, commit, rollback, create_function, backup, the exception classes) over APSW
connections on the recording VFS; ``powered()`` points those modules and SQLAlchemy at it for the
duration of a run, so the real ``open_database``/``make_engine`` pragmas (WAL, ``synchronous=FULL``)
and the real services run unchanged. Both libraries must never touch one file in one process (two
SQLite copies do not see each other's POSIX locks), so during a run every connection goes through APSW.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
from pathlib import Path

import apsw

SECTOR = 512
VFS_NAME = "possuite-powercut"
#: Commits between checkpoints during a run: small, so the few operations of a run also copy the WAL
#: back into the book (the app's background thread does this every ``CHECKPOINT_EVERY`` commits).
CHECKPOINT_EVERY_RUN = 3


class PowerCut(Exception):
    """Raised inside the harness when the power goes off (the failing operation sees an I/O error)."""


class _FileState:
    __slots__ = ("durable", "pending", "deleted")

    def __init__(self, durable: bytes) -> None:
        self.durable = bytearray(durable)
        self.pending: list[tuple[str, int, bytes]] = []  # ("w", offset, data) | ("t", size, b"")
        self.deleted = False


def _apply(buf: bytearray, op: tuple[str, int, bytes]) -> None:
    kind, pos, data = op
    if kind == "t":
        del buf[pos:]
        return
    end = pos + len(data)
    if len(buf) < pos:
        buf.extend(b"\0" * (pos - len(buf)))
    buf[pos:end] = data


class Recorder:
    """Per-file durable images and pending writes; counts events and cuts the power at ``cut_at``."""

    def __init__(self, cut_at: int | None = None, mode: str = "synced", rng: random.Random | None = None,
                 sync_noop: bool = False) -> None:
        self.cut_at = cut_at
        self.mode = mode
        self.rng = rng or random.Random(0)
        self.events = 0
        self.syncs = 0
        self.dead = False
        self.files: dict[str, _FileState] = {}
        self.renamed: dict[str, str] = {}
        self.lock = threading.RLock()
        self.sync_noop = sync_noop  # a disk that lies about fsync (used to prove the harness can fail)

    def state(self, path: str) -> _FileState:
        st = self.files.get(path)
        if st is None or st.deleted:
            data = Path(path).read_bytes() if os.path.exists(path) else b""
            st = self.files[path] = _FileState(data)
        return st

    def _tick(self) -> None:
        if self.dead:
            raise apsw.IOError("the power is off")
        self.events += 1
        if self.cut_at is not None and self.events >= self.cut_at:
            self.dead = True
            raise apsw.IOError("power cut")

    def write(self, path: str, data: bytes, offset: int) -> None:
        with self.lock:
            self._tick()
            self.state(path).pending.append(("w", offset, bytes(data)))

    def truncate(self, path: str, size: int) -> None:
        with self.lock:
            self._tick()
            self.state(path).pending.append(("t", size, b""))

    def sync(self, path: str) -> None:
        with self.lock:
            self._tick()
            self.syncs += 1
            if self.sync_noop:
                return
            st = self.state(path)
            for op in st.pending:
                _apply(st.durable, op)
            st.pending.clear()

    def delete(self, path: str) -> None:
        with self.lock:
            if self.dead:
                raise apsw.IOError("the power is off")
            if path in self.files:
                self.files[path].deleted = True

    def rename(self, src: str, dst: str) -> None:
        with self.lock:
            if self.dead:
                raise PowerCut("the power is off")
            if src in self.files:
                self.files[dst] = self.files.pop(src)

    def cut_now(self) -> None:
        """The power goes off between two operations (the run finished before the chosen index)."""
        with self.lock:
            self.dead = True

    def _image(self, st: _FileState) -> bytes:
        buf = bytearray(st.durable)
        if not st.pending or self.mode == "synced":
            return bytes(buf)
        if self.mode == "torn":
            for op in st.pending[:-1]:
                _apply(buf, op)
            kind, pos, data = st.pending[-1]
            if kind == "t":
                _apply(buf, st.pending[-1])
            else:
                keep = self.rng.randrange(0, max(1, len(data) // SECTOR)) * SECTOR
                if keep:
                    _apply(buf, ("w", pos, data[:keep]))
            return bytes(buf)
        # "sectors": the page cache held durable + every pending write; each dirty sector reached the disk or not
        cache = bytearray(st.durable)
        for op in st.pending:
            _apply(cache, op)
        size = len(cache) if self.rng.random() < 0.5 else len(buf)
        out = bytearray(buf[:size]) + b"\0" * max(0, size - len(buf))
        for start in range(0, size, SECTOR):
            new = cache[start:start + SECTOR]
            if out[start:start + SECTOR] != new and self.rng.random() < 0.5:
                out[start:start + len(new)] = new
        return bytes(out)

    def write_images(self, src_dir: Path, dest_dir: Path) -> list[Path]:
        """The disk after the cut: every recorded file under ``src_dir``, as it survived, into ``dest_dir``."""
        out = []
        src_dir = Path(src_dir).resolve()
        with self.lock:
            for path, st in sorted(self.files.items()):
                p = Path(path).resolve()
                if st.deleted or p.name.endswith("-shm") or src_dir not in p.parents:
                    continue
                target = dest_dir / p.relative_to(src_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(self._image(st))
                out.append(target)
        return out


class _File(apsw.VFSFile):
    def __init__(self, recorder: Recorder, name, flags) -> None:
        super().__init__("", name, flags)
        self.rec = recorder
        path = name.filename() if isinstance(name, apsw.URIFilename) else name
        self.path = os.path.abspath(path) if path else None
        if self.path and not self.path.endswith("-shm"):
            recorder.state(self.path)

    def xWrite(self, data, offset):  # noqa: N802 - APSW's names
        if self.path:
            self.rec.write(self.path, data, offset)
        return super().xWrite(data, offset)

    def xTruncate(self, size):  # noqa: N802
        if self.path:
            self.rec.truncate(self.path, size)
        return super().xTruncate(size)

    def xSync(self, flags):  # noqa: N802
        if self.path:
            self.rec.sync(self.path)
            return None  # the durable image is the disk here: the real fsync would only cost time
        return super().xSync(flags)

    def xRead(self, amount, offset):  # noqa: N802
        if self.rec.dead:
            raise apsw.IOError("the power is off")
        return super().xRead(amount, offset)


class RecordingVFS(apsw.VFS):
    def __init__(self) -> None:
        super().__init__(VFS_NAME, "")
        self.recorder: Recorder | None = None

    def xOpen(self, name, flags):  # noqa: N802
        if self.recorder is None:
            raise apsw.IOError("no recorder")
        if self.recorder.dead:
            raise apsw.IOError("the power is off")
        return _File(self.recorder, name, flags)

    def xDelete(self, filename, syncdir):  # noqa: N802
        if self.recorder is not None:
            self.recorder.delete(os.path.abspath(filename))
        return super().xDelete(filename, syncdir)


_VFS: RecordingVFS | None = None


def vfs() -> RecordingVFS:
    global _VFS
    if _VFS is None:
        _VFS = RecordingVFS()
    return _VFS


# -- the sqlite3-shaped adapter -----------------------------------------------------------------------

def _translate(exc: Exception) -> Exception:
    if isinstance(exc, apsw.ConstraintError | apsw.MismatchError):
        cls = sqlite3.IntegrityError
    elif isinstance(exc, apsw.CorruptError | apsw.NotADBError):
        cls = sqlite3.DatabaseError
    elif isinstance(exc, apsw.TooBigError):
        cls = sqlite3.DataError
    elif isinstance(exc, apsw.Error):
        cls = sqlite3.OperationalError
    else:
        cls = sqlite3.ProgrammingError
    err = cls(str(exc))
    code = getattr(exc, "extendedresult", None) or getattr(exc, "result", None)
    if isinstance(code, int):  # as Python's sqlite3 gives it (db/storage_faults.py reads it)
        err.sqlite_errorcode = code
    return err


_DML = ("INSERT", "UPDATE", "DELETE", "REPLAC")


class Cursor:
    arraysize = 1

    def __init__(self, conn: Connection) -> None:
        self.connection = conn
        self.description = None
        self.rowcount = -1
        self.lastrowid = None
        self._rows: list = []
        self._i = 0

    def execute(self, sql: str, params=()):
        con = self.connection._con
        cur = con.cursor()
        desc: list = []

        def trace(c, _sql, _bindings):
            desc.append(c.description)
            return True

        cur.exec_trace = trace
        try:
            rows = list(cur.execute(sql, tuple(params) if isinstance(params, list) else (params or None)))
        except apsw.Error as exc:
            raise _translate(exc) from exc
        d = desc[-1] if desc else None
        self.description = tuple(d) if d else None
        self._rows, self._i = rows, 0
        self.rowcount = con.changes() if sql.lstrip()[:6].upper() in _DML else -1
        self.lastrowid = con.last_insert_rowid()
        return self

    def executemany(self, sql: str, seq):
        total = 0
        for params in seq:
            self.execute(sql, params)
            total += max(self.rowcount, 0)
        self.rowcount = total
        return self

    def fetchone(self):
        if self._i >= len(self._rows):
            return None
        self._i += 1
        return self._rows[self._i - 1]

    def fetchmany(self, size=None):
        size = size or self.arraysize
        out = self._rows[self._i:self._i + size]
        self._i += len(out)
        return out

    def fetchall(self):
        out = self._rows[self._i:]
        self._i = len(self._rows)
        return out

    def __iter__(self):
        while (row := self.fetchone()) is not None:
            yield row

    def close(self) -> None:
        self._rows = []


class Connection:
    def __init__(self, database, timeout: float = 5.0, uri: bool = False, isolation_level=None, **_ignored) -> None:
        flags = apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE
        if uri:
            flags |= apsw.SQLITE_OPEN_URI
        name = str(database)
        if not uri:
            name = os.path.abspath(name)
        try:
            self._con = apsw.Connection(name, flags=flags, vfs=VFS_NAME)
            self._con.set_busy_timeout(int(timeout * 1000))
        except apsw.Error as exc:
            raise _translate(exc) from exc
        self.isolation_level = isolation_level

    @property
    def in_transaction(self) -> bool:
        return self._con.in_transaction

    def cursor(self) -> Cursor:
        return Cursor(self)

    def execute(self, sql: str, params=()) -> Cursor:
        return Cursor(self).execute(sql, params)

    def executemany(self, sql: str, seq) -> Cursor:
        """``sqlite3.Connection.executemany``: the app's direct writes insert a sale's lines in one call."""
        return Cursor(self).executemany(sql, seq)

    def commit(self) -> None:
        if self._con.in_transaction:
            Cursor(self).execute("COMMIT")

    def rollback(self) -> None:
        if self._con.in_transaction:
            Cursor(self).execute("ROLLBACK")

    def create_function(self, name, narg, func, *, deterministic=False) -> None:
        self._con.create_scalar_function(name, func, narg, deterministic=deterministic)

    def backup(self, target: Connection, *, pages=-1, progress=None, name="main", sleep=0.25) -> None:
        try:
            with target._con.backup("main", self._con, name) as b:
                while not b.done:
                    b.step(pages)
        except apsw.Error as exc:
            raise _translate(exc) from exc

    def close(self) -> None:
        with contextlib.suppress(apsw.Error):
            self._con.close(True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False


class ApswSqlite3:
    """A module-shaped stand-in for ``sqlite3``: the same names, connections over APSW on the recording VFS."""

    def __getattr__(self, name):
        return getattr(sqlite3, name)

    sqlite_version_info = tuple(int(p) for p in apsw.sqlite_lib_version().split("."))
    sqlite_version = apsw.sqlite_lib_version()
    Connection = Connection
    Cursor = Cursor

    @staticmethod
    def connect(database, *args, **kwargs) -> Connection:
        return Connection(database, **kwargs)


SHIM = ApswSqlite3()


@contextlib.contextmanager
def powered(recorder: Recorder):
    """Within this block the app's SQLite goes through the recording VFS (see the module docstring)."""
    import sqlalchemy

    from possuite.db import engine as engine_mod
    from possuite.services import backup as backup_mod

    v = vfs()
    v.recorder = recorder
    real_replace = os.replace
    real_create = engine_mod.create_engine

    def replace(src, dst, *a, **k):
        real_replace(src, dst, *a, **k)
        recorder.rename(os.path.abspath(src), os.path.abspath(dst))

    def create_engine(url, **kw):
        return sqlalchemy.create_engine(url, module=SHIM, **kw)

    real_poke = engine_mod.Checkpointer.poke

    def poke(self):  # the background checkpoint, run inline every CHECKPOINT_EVERY_RUN commits so a seed replays
        self._commits += 1
        if self._commits >= CHECKPOINT_EVERY_RUN:
            self._commits = 0
            self.checkpoint()

    engine_mod.Checkpointer.poke = poke
    saved = (engine_mod.sqlite3, backup_mod.sqlite3)
    engine_mod.sqlite3 = backup_mod.sqlite3 = SHIM
    engine_mod.create_engine = create_engine
    os.replace = replace
    try:
        yield recorder
    finally:
        engine_mod.sqlite3, backup_mod.sqlite3 = saved
        engine_mod.create_engine = real_create
        engine_mod.Checkpointer.poke = real_poke
        os.replace = real_replace
        v.recorder = None
