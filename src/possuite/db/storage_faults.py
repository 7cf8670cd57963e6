"""What a user reads when the disk refuses a write: a full disk, a read-only folder, a failing disk.

The one place that turns SQLite's and the OS's storage errors into a ``StorageFault`` (a
``PossuiteError``: the CLI prints ``error: <field>: <problem>`` and exits 2, the till shows the message
in its dialog, never a traceback). ``Context.write``/``read`` (``services/context.py``) and the backups
(``services/backup.py``) pass what they catch through ``storage_fault``; docs/architecture.md §8
(disk and file faults).

SQLite reports the fault, the transaction rolls back as a whole (nothing half-written: WAL frames of a
commit that did not finish are never read), and the connection stays usable, so the next sale succeeds
as soon as the disk takes writes again. Python's ``sqlite3`` gives the SQLite result code on the error
(``sqlite_errorcode``); the OS's errno on an ``OSError``. The English text of SQLite's messages is the
fallback when neither is there (drivers that give only a message).
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

from possuite.domain.errors import PossuiteError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


class StorageFault(PossuiteError):
    """The disk or the folder of the book refused a write (or a read); nothing was half-written.

    ``kind``: ``full``, ``read-only``, ``io`` (the disk failed) or ``cannot-open``.
    """

    def __init__(self, field: str, why: str, *, kind: str = "io", **params: object) -> None:
        super().__init__(field, why, **params)
        self.kind = kind


def classify(exc: BaseException) -> str | None:
    """``full``, ``read-only``, ``io``, ``cannot-open`` or None (not a storage fault)."""
    orig = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error in ``.orig``
    if isinstance(orig, OSError):
        if orig.errno in _FULL_ERRNOS:
            return "full"
        if orig.errno in _READONLY_ERRNOS:
            return "read-only"
        if orig.errno == errno.EIO:
            return "io"
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    if primary == SQLITE_FULL or "database or disk is full" in text:
        return "full"
    if primary == SQLITE_READONLY or "readonly database" in text or "read-only file system" in text:
        return "read-only"
    if primary == SQLITE_IOERR or "disk i/o error" in text:
        return "io"
    if primary == SQLITE_CANTOPEN or "unable to open database file" in text:
        return "cannot-open"
    return None


def storage_fault(exc: BaseException, path: Path | str | None, *, doing: str = "write") -> StorageFault | None:
    """The user's message for ``exc`` when it is a storage fault at the book ``path`` (None otherwise).

    ``doing``: ``write`` (a sale or any other change: nothing was saved), ``backup`` (no backup was
    written) or ``restore`` (the book was not replaced). The fault is logged (a warning with SQLite's or
    the OS's own words) for whoever looks later.
    """
    fault = _fault(exc, path, doing)
    if fault is not None:
        orig = getattr(exc, "orig", None) or exc
        logging.getLogger("possuite.db").warning("%s (%s: %s)", fault.message, type(orig).__name__, orig)
    return fault


def _fault(exc: BaseException, path: Path | str | None, doing: str) -> StorageFault | None:
    kind = classify(exc)
    if kind is None:
        return None
    folder = str(Path(path).parent) if path else "?"
    if kind in ("io", "cannot-open") and path and not os.access(Path(path).parent, os.W_OK):
        kind = "read-only"  # a file system turned read-only fails writes with EROFS: SQLite says "I/O error"
    if doing == "backup":
        if kind == "full":
            return StorageFault("backup", "the disk holding {folder} is full, so no backup was written; free some "
                                          "space on it and back up again", kind=kind, folder=folder)
        if kind == "read-only":
            return StorageFault("backup", "{folder} cannot be written to (read-only), so no backup was written",
                                kind=kind, folder=folder)
        return StorageFault("backup", "the disk holding {folder} failed while writing the backup, so no backup "
                                      "was written; check the disk", kind=kind, folder=folder)
    if doing == "restore":
        if kind == "full":
            return StorageFault("restore", "the disk holding {folder} is full, so the book was not replaced; free "
                                           "some space on it and restore again", kind=kind, folder=folder)
        if kind == "read-only":
            return StorageFault("restore", "{folder} cannot be written to (read-only), so the book was not "
                                           "replaced; make the folder writable again and restore again",
                                kind=kind, folder=folder)
        return StorageFault("restore", "the disk holding {folder} failed during the restore, so the book was not "
                                       "replaced; check the disk", kind=kind, folder=folder)
    if kind == "full":
        return StorageFault("disk", "the disk holding the book ({folder}) is full, so nothing was saved; free "
                                    "some space on it and try again", kind=kind, folder=folder)
    if kind == "read-only":
        return StorageFault("disk", "the book's folder ({folder}) cannot be written to (read-only), so nothing "
                                    "was saved; reading still works. Make the folder writable again (check the "
                                    "disk or its permissions) and try again", kind=kind, folder=folder)
    if kind == "cannot-open":
        return StorageFault("disk", "the book in {folder} cannot be opened (its folder or one of its files is "
                                    "missing or not accessible); nothing was saved", kind=kind, folder=folder)
    return StorageFault("disk", "the disk holding the book ({folder}) reported an error, so nothing was saved; "
                                "check the disk, then try again", kind=kind, folder=folder)
