"""Backups and restore: copies of the live database, their rotation, and a verified swap-back.

Backups are taken with SQLite's online backup API (``db.engine.backup_file``), so a till
may keep selling while one runs. They live in a ``backups/`` folder beside the database,
named ``<db stem>-YYYYMMDD-HHMMSS-<kind>.sqlite3`` (kinds: ``start``, ``day-end``,
``manual``, ``pre-upgrade-<rev>``, ``before-restore``), readable by the owner's OS account
only. Rotation keeps every backup of the 14 most recent days that have backups, and the
newest of each of the 12 most recent months before those.

``restore`` copies the chosen file aside, proves it sound (``PRAGMA integrity_check``, the
schema upgrade, and the possuite integrity check of every store in it), and only then swaps
it in, keeping the replaced database among the backups. It needs the database closed:
every other connection (another till, this app's own engine) must be gone first.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from possuite.db.engine import (
    BACKUP_DIR,
    BUSY_TIMEOUT_MS,
    SCHEMA_REVISION,
    backup_file,
    backup_path,
    current_revision,
    folder_is_writable,
    has_sqlite_header,
    open_database,
    read_only_uri,
)
from possuite.db.storage_faults import classify, storage_fault
from possuite.domain.clock import Clock
from possuite.domain.dates import format_datetime
from possuite.domain.errors import Conflict, ValidationError
from possuite.services import audit
from possuite.services.context import Actor, Context
from possuite.services.permissions import BACKUP, require

log = logging.getLogger(__name__)

KEEP_DAYS = 14
KEEP_MONTHS = 12
START, DAY_END, MANUAL, BEFORE_RESTORE = "start", "day-end", "manual", "before-restore"
NOT_SQLITE = "is not a SQLite database (its first bytes are wrong)"
_STAMP = "%Y%m%d-%H%M%S"
_SIDECARS = ("-wal", "-shm", "-journal")
_STALE_PART = timedelta(hours=1)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: str
    size: int

    @property
    def label(self) -> str:
        """What a person reads in a list: ``01 Nov 2026 10:00 · start · 1.2 MB``."""
        return f"{format_datetime(self.taken_at)} · {self.kind} · {human_size(self.size)}"

    def as_json(self) -> dict:
        return {"path": str(self.path), "taken_at": self.taken_at.isoformat(), "kind": self.kind,
                "size": self.size}


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    replaced: Path | None        # the database that was in place, now kept among the backups
    upgraded_from: str | None    # the backup's schema revision when it had to be upgraded

    def as_json(self) -> dict:
        return {"restored_from": str(self.restored_from),
                "replaced": str(self.replaced) if self.replaced else None,
                "upgraded_from": self.upgraded_from}


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def backups_dir(db_path: Path | str) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})-([a-z][a-z0-9-]*)\.sqlite3$")


def list_backups(db_path: Path | str) -> list[BackupInfo]:
    """The backups of this database, newest first."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pat = _pattern(db_path)
    out = []
    for entry in folder.iterdir():
        match = pat.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(match.group(1), _STAMP)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(BackupInfo(entry, taken, match.group(2), size))
    out.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return out


def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)


def _private_file(path: Path) -> None:
    """Create an empty file readable by the owner only (before SQLite writes into it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_to(db_path: Path, dest: Path) -> None:
    """Online-backup ``db_path`` into ``dest`` atomically: a crash never leaves a half backup under its name."""
    part = dest.with_name(dest.name + ".part")
    try:
        _private_file(part)
        backup_file(db_path, part)
        with open(part, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, dest)
    except (sqlite3.DatabaseError, OSError) as exc:
        _discard_part(part)
        if isinstance(exc, OSError) or classify(exc) is not None:
            raise  # a full disk or a read-only folder: _refused_clearly says so
        raise ValidationError("database", "cannot be backed up: {exc}", exc=exc) from None
    except BaseException:
        _discard_part(part)
        raise
    _fsync_dir(dest.parent)


def _discard_part(part: Path) -> None:
    """A backup that failed leaves nothing behind: its ``.part`` and the journal SQLite kept beside it."""
    for p in (part, *(Path(f"{part}{s}") for s in _SIDECARS)):
        p.unlink(missing_ok=True)


@contextmanager
def _refused_clearly(dest: Path, doing: str = "backup") -> Iterator[None]:
    """A backup (or a restore) the disk refuses (full, read-only) fails with a message naming the disk of
    ``dest``."""
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as exc:
        fault = storage_fault(exc, dest, doing=doing)
        if fault is None:
            raise
        raise fault from exc


def _require_database(db_path: Path) -> None:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise ValidationError("database", "{db_path} does not exist yet; nothing to back up", db_path=db_path)


def backup_now(db_path: Path | str, kind: str = MANUAL, *, clock: Clock | None = None) -> BackupInfo:
    """Take a backup into the backups folder, then rotate. Returns the new backup."""
    db_path = Path(db_path)
    _require_database(db_path)
    when = (clock or Clock()).now().replace(microsecond=0)
    dest = backup_path(db_path, kind, when)
    with _refused_clearly(dest):
        _private_dir(backups_dir(db_path))
        while dest.exists():  # two backups in one second: the later one takes the next second
            when += timedelta(seconds=1)
            dest = backup_path(db_path, kind, when)
        _copy_to(db_path, dest)
    rotate(db_path)
    return BackupInfo(dest, when, kind, dest.stat().st_size)


def backup_to(db_path: Path | str, dest: Path | str, *, clock: Clock | None = None) -> BackupInfo:
    """A backup to a file the owner chose (a USB stick). A folder gets a dated file name inside it."""
    db_path = Path(db_path)
    _require_database(db_path)
    when = (clock or Clock()).now().replace(microsecond=0)
    dest = Path(dest).expanduser()
    if dest.is_dir():
        dest = dest / backup_path(db_path, MANUAL, when).name
    if dest.exists():
        if dest.resolve() == db_path.resolve():
            raise ValidationError("to", "is the live database itself; choose another file")
        raise Conflict("to", "{dest} already exists; choose a new file name", dest=dest)
    if not dest.parent.is_dir():
        raise ValidationError("to", "folder {parent} does not exist", parent=dest.parent)
    with _refused_clearly(dest):
        _copy_to(db_path, dest)
    return BackupInfo(dest, when, MANUAL, dest.stat().st_size)


def suggested_name(db_path: Path | str, clock: Clock | None = None) -> str:
    """A file name for a backup the owner saves somewhere else (``shop-20261101-100000-manual.sqlite3``)."""
    return backup_path(Path(db_path), MANUAL, (clock or Clock()).now().replace(microsecond=0)).name


def auto_backup_at_start(db_path: Path | str, *, clock: Clock | None = None) -> BackupInfo | None:
    """The app-start backup: at most once a day (skipped when today already has a backup)."""
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    today = (clock or Clock()).today()
    if any(b.taken_at.date() == today and b.kind != BEFORE_RESTORE for b in list_backups(db_path)):
        return None
    return backup_now(db_path, START, clock=clock)


def backup_at_day_end(db_path: Path | str, *, clock: Clock | None = None) -> BackupInfo:
    """The day-end backup (after the day is closed)."""
    return backup_now(db_path, DAY_END, clock=clock)


def rotate(db_path: Path | str, *, keep_days: int = KEEP_DAYS, keep_months: int = KEEP_MONTHS) -> list[Path]:
    """Delete backups beyond the policy; returns what was deleted.

    Kept: every backup of the ``keep_days`` most recent days that have a backup, and the
    newest backup of each of the ``keep_months`` most recent months before those days.
    """
    db_path = Path(db_path)
    backups = list_backups(db_path)  # newest first
    days: list[date] = []
    for b in backups:
        if b.taken_at.date() not in days:
            days.append(b.taken_at.date())
    recent_days = set(days[:keep_days])
    keep = {b.path for b in backups if b.taken_at.date() in recent_days}
    months: list[tuple[int, int]] = []
    for b in backups:
        month = (b.taken_at.year, b.taken_at.month)
        if b.path in keep or month in months:
            continue
        if len(months) >= keep_months:
            break
        months.append(month)
        keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            for p in (b.path, *(Path(f"{b.path}{s}") for s in _SIDECARS)):
                p.unlink(missing_ok=True)
            removed.append(b.path)
    _remove_stale_parts(db_path)
    return removed


def _remove_stale_parts(db_path: Path) -> None:
    folder = backups_dir(db_path)
    cutoff = datetime.now().timestamp() - _STALE_PART.total_seconds()
    for part in folder.glob(f"{glob_escape(db_path.stem)}-*.part"):
        try:
            if part.stat().st_mtime < cutoff:  # a crash during a backup; never one being written now
                part.unlink()
        except OSError:
            pass


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)


# ---------------------------------------------------------------------------------------------
# Checking files


def quick_check(path: Path | str) -> list[str]:
    """``PRAGMA quick_check`` of a database file: the problems found (empty = looks sound).

    Fast enough for every start-up. A missing file has no problems (a first run).
    """
    path = Path(path)
    if not path.exists():
        return []
    if path.is_dir():
        return [f"{path} is a folder, not a database file"]
    try:
        if path.stat().st_size == 0:
            return []
        if not has_sqlite_header(path):  # not open(): the app may have the book open (db/engine.py)
            return [NOT_SQLITE]
    except OSError as exc:
        return [f"cannot be read: {exc.strerror or exc}"]
    return _pragma_check(path, "quick_check")


def light_check(path: Path | str) -> list[str]:
    """A check in milliseconds whatever the size: the header, the schema and the first pages read back.

    For files too big for a full ``quick_check`` before the window opens; the full check then runs
    in the background (``ui.damaged_db_dialog.BackgroundCheck``).
    """
    path = Path(path)
    if not path.exists():
        return []
    try:
        if path.stat().st_size and not has_sqlite_header(path):
            return [NOT_SQLITE]
    except OSError as exc:
        return [f"cannot be read: {exc.strerror or exc}"]
    # A read-only URI: the path percent-encoded (a name with '#' or '?'), and in a folder nobody can write
    # read as the till will read it (db/engine.py read_only_uri).
    uri = f"{path.absolute().as_uri()}?mode=ro" if folder_is_writable(path) else read_only_uri(path)
    try:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            con.execute("SELECT id FROM stores LIMIT 1").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return []


def _pragma_check(path: Path, pragma: str, limit: int = 20) -> list[str]:
    try:
        if folder_is_writable(path):
            con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        else:  # a read-only folder: SQLite could not make the -shm file of a plain open (db/engine.py)
            con = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        return [f"cannot be opened: {exc}"]
    try:
        rows = con.execute(f"PRAGMA {pragma}({limit})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def newest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup that passes ``quick_check`` (the database it replaced at a restore excluded)."""
    for b in list_backups(db_path):
        if b.kind != BEFORE_RESTORE and b.size > 0 and not quick_check(b.path):
            return b
    return None


def verify_backup(candidate: Path | str, work_dir: Path, clock: Clock | None = None) -> tuple[Path, str | None]:
    """Copy ``candidate`` into ``work_dir`` and prove the copy sound; returns (copy, upgraded_from).

    ``clock`` is the day the possuite check judges by (the wall clock by default).

    Raises ValidationError (field ``backup file``) saying what is wrong. The candidate itself
    is only read: an older schema is upgraded on the copy.
    """

    candidate = Path(candidate)
    name = candidate.name
    if not candidate.is_file():
        raise ValidationError("backup file", "{candidate} does not exist", candidate=candidate)
    if not has_sqlite_header(candidate):
        raise ValidationError("backup file", "{name} is not a SQLite database, so not a possuite backup", name=name)
    staged = work_dir / "restore.sqlite3"
    _private_file(staged)
    try:
        backup_file(candidate, staged)
    except sqlite3.DatabaseError as exc:
        raise ValidationError("backup file", "{name} is damaged and cannot be read ({exc})",
                              name=name, exc=exc) from None
    problems = _pragma_check(staged, "integrity_check", limit=5)
    if problems:
        raise ValidationError("backup file", "{name} is damaged (integrity check: {choices})",
                              name=name, choices='; '.join(problems[:3]))
    try:
        rev = current_revision(staged)
    except sqlite3.DatabaseError as exc:
        raise ValidationError("backup file", "{name} cannot be read ({exc})", name=name, exc=exc) from None
    if rev is None:
        raise ValidationError("backup file", "{name} is a SQLite file but not a possuite database", name=name)
    try:
        engine = open_database(staged, create=False)
    except Exception as exc:  # an unknown (newer) revision or a failed upgrade
        raise ValidationError("backup file", "{name} has schema {rev}, which this possuite (schema {schema_revision}) "
                                             "cannot open: {exc}",
                              name=name, rev=rev, schema_revision=SCHEMA_REVISION, exc=exc) from None
    # deferred: the possuite check loads for a restore, not with the start-up check the till imports this for
    from possuite.services.integrity import run_checks

    try:
        with engine.connect() as conn:
            store_ids = list(conn.execute(text("SELECT id FROM stores ORDER BY created_at, id")).scalars())
        if not store_ids:
            raise ValidationError("backup file", "{name} is a possuite database without a store", name=name)
        for store_id in store_ids:
            findings = run_checks(Context(engine=engine, store_id=store_id, clock=clock or Clock(),
                                          db_path=staged))
            if findings:
                raise ValidationError("backup file", "{name} fails the possuite check with {findings_count} "
                                                     "finding(s), e.g. {findings}",
                                      name=name, findings_count=len(findings), findings=findings[0])
    finally:
        engine.dispose()
    _to_single_file(staged)
    return staged, (rev if rev != SCHEMA_REVISION else None)


def _to_single_file(path: Path) -> None:
    """Fold the WAL into the file so it can be moved on its own."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        con.execute("PRAGMA journal_mode=DELETE").fetchone()
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# Restore


def _lock_live(db_path: Path) -> sqlite3.Connection | None:
    """Take the live database for ourselves, or refuse when another connection has it open.

    Leaving WAL mode needs every other connection gone, so it doubles as the "is anyone
    else using it" test; the exclusive lock then keeps newcomers out until the swap is done.
    A damaged file that cannot even do this is swapped without the lock (nothing can use it).
    """
    try:
        con = sqlite3.connect(db_path, timeout=0.5, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA busy_timeout=500")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
        con.execute("BEGIN EXCLUSIVE")
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise Conflict("database", "{name} is open in another window or till; close possuite everywhere it uses "
                                       "this file, then restore",
                           name=db_path.name) from None
        return None
    except sqlite3.DatabaseError:
        con.close()
        return None


def _keep(src: Path, dest: Path) -> None:
    """Keep a copy of ``src`` under ``dest`` without ever leaving ``src``'s name empty."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)
    if os.name == "posix":
        os.chmod(dest, 0o600)


#: Who the audit log names for a restore nobody signed in for (the damaged-file dialog at start).
RECOVERY_ACTOR = Actor(name="start-up recovery", role="owner")


def restore(db_path: Path | str, candidate: Path | str, *, clock: Clock | None = None,
            actor: Actor | None = None) -> RestoreResult:
    """Swap a verified backup in for the database at ``db_path``, keeping the replaced one.

    Every connection to ``db_path`` must be closed (dispose this app's engine first).
    Nothing changes unless the candidate passes every check. The restored book's audit
    log then records who restored which file.
    """
    db_path = Path(db_path)
    candidate = Path(candidate).expanduser()
    if candidate.exists() and db_path.exists() and candidate.resolve() == db_path.resolve():
        raise ValidationError("backup file", "is the live database itself; choose a backup")
    folder = backups_dir(db_path)
    with _refused_clearly(folder / ".restore", doing="restore"):
        _private_dir(folder)
        result = _swap_in(db_path, candidate, folder, clock)
    try:
        _audit_restore(db_path, result, clock or Clock(), actor or RECOVERY_ACTOR)
    except Exception:  # the restore itself is done and sound; say so rather than fail it now
        log.exception("the restore succeeded but its audit entry could not be written")
    return result


def _swap_in(db_path: Path, candidate: Path, folder: Path, clock: Clock | None) -> RestoreResult:
    when = (clock or Clock()).now().replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=folder) as work:
        staged, upgraded_from = verify_backup(candidate, Path(work), clock)
        replaced = None
        lock = _lock_live(db_path) if db_path.exists() else None
        try:
            if db_path.exists():
                replaced = backup_path(db_path, BEFORE_RESTORE, when)
                while replaced.exists():
                    when += timedelta(seconds=1)
                    replaced = backup_path(db_path, BEFORE_RESTORE, when)
                _keep(db_path, replaced)
                for suffix in _SIDECARS:  # a damaged file's leftovers go with it, never onto the new file
                    side = Path(f"{db_path}{suffix}")
                    if side.exists():
                        _keep(side, Path(f"{replaced}{suffix}"))
                        side.unlink()
            os.replace(staged, db_path)
            if os.name == "posix":
                os.chmod(db_path, 0o600)
            _fsync_dir(db_path.parent)
        finally:
            if lock is not None:
                lock.close()
    return RestoreResult(candidate, replaced, upgraded_from)


def _audit_restore(db_path: Path, result: RestoreResult, clock: Clock, actor: Actor) -> None:

    engine = open_database(db_path, create=False)
    try:
        with engine.connect() as conn:
            store_ids = list(conn.execute(text("SELECT id FROM stores ORDER BY created_at, id")).scalars())
        for store_id in store_ids:
            ctx = Context(engine=engine, store_id=store_id, clock=clock, actor=actor, db_path=db_path)
            with ctx.write() as conn:
                audit.record(conn, ctx, "restore", result.restored_from.name[:100], "",
                             replaced=result.replaced.name if result.replaced else None,
                             upgraded_from=result.upgraded_from)
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------------------------
# With a signed-in user (the app and the CLI): the owner-only right is checked here.


def context_db_path(ctx: Context) -> Path:
    if ctx.db_path is not None:
        return Path(ctx.db_path)
    return Path(ctx.engine.url.database or "")


def create_backup(ctx: Context, dest: Path | str | None = None) -> BackupInfo:
    """Owner: "Back up now" (into the backups folder, or to a chosen file)."""

    require(ctx, BACKUP)
    path = context_db_path(ctx)
    info = backup_to(path, dest, clock=ctx.clock) if dest else backup_now(path, MANUAL, clock=ctx.clock)
    with ctx.write() as conn:
        audit.record(conn, ctx, "backup", info.path.name[:100], "", folder=str(info.path.parent))
    return info


def restore_backup(ctx: Context, candidate: Path | str) -> RestoreResult:
    """Owner: restore from the app. Closes this context's connections first; reopen the context after."""
    require(ctx, BACKUP)
    path = context_db_path(ctx)
    ctx.engine.dispose()
    return restore(path, candidate, clock=ctx.clock, actor=ctx.actor)
