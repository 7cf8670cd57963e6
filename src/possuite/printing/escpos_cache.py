"""python-escpos's parsed printer database kept in a lasting folder (an explicit start-up step).

Without ``ESCPOS_CAPABILITIES_PICKLE_DIR`` python-escpos makes a new temporary folder in every
process when it is first imported and parses its 1 MB capabilities file with YAML again (a quarter
of a second at every start of the till, and a stray folder in the temp directory each time).
``possuite.bootstrap.start_process`` calls ``keep_escpos_printer_database`` before anything imports
python-escpos; importing ``possuite.printing`` itself changes nothing.

python-escpos writes that file in place (truncate, then write) when it finds none, so two processes
importing it at the same moment (the till and its sync process, two tills on one PC, the tests' four
tills on one book) could read a file cut short and fail to import (``EOFError``). So the file is made
here first, before python-escpos is imported, the way python-escpos makes it (``yaml.safe_load`` of its
capabilities file, pickle protocol 2) but written to a temporary name and renamed into place: a reader
sees no file or the whole file, never part of one, and python-escpos then only reads it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import platform
import tempfile
from importlib import resources
from pathlib import Path

ENV_NAME = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def pickle_name() -> str:
    """python-escpos's name for the file (``capabilities.py``: one per Python version)."""
    return f"{platform.python_version()}.capabilities.pickle"


def keep_escpos_printer_database(folder: Path) -> Path | None:
    """Point python-escpos at ``folder`` (created if needed) holding a whole parsed database.

    A folder already set wins; returns the one used, or None when no folder could be kept (python-escpos
    then falls back to a temporary folder of its own, as without this step)."""
    if os.environ.get(ENV_NAME):
        folder = Path(os.environ[ENV_NAME])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        drop_unfinished(folder)
        ensure_database(folder)
    except OSError:
        if os.environ.get(ENV_NAME) == str(folder):
            del os.environ[ENV_NAME]
        return None
    os.environ[ENV_NAME] = str(folder)
    return folder


def ensure_database(folder: Path) -> None:
    """Write python-escpos's parsed database into ``folder`` unless a whole, current one is there."""
    source = resources.files("escpos") / "capabilities.json"
    target = folder / pickle_name()
    with resources.as_file(source) as json_path:
        if target.exists() and target.stat().st_mtime >= Path(json_path).stat().st_mtime:
            return  # current (python-escpos compares the same two times)
        import yaml  # deferred: only the first start after an install or an upgrade parses the file

        with open(json_path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    fd, tmp = tempfile.mkstemp(prefix=".capabilities-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(data, out, protocol=2)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def drop_unfinished(folder: Path) -> None:
    """Remove each pickled database in ``folder`` that does not end with pickle's STOP opcode (``.``).

    Such a file is left by a python-escpos of an earlier possuite that was killed while writing it in
    place; files written by ``ensure_database`` are renamed in whole, so none of them is ever cut short."""
    try:
        found = list(folder.glob("*.capabilities.pickle"))
    except OSError:
        return
    for path in found:
        try:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                whole = fh.read(1) == b"."
        except OSError:  # empty (seek before the start) or unreadable
            whole = False
        if not whole:
            with contextlib.suppress(OSError):
                path.unlink()
