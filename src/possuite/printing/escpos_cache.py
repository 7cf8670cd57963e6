"""python-escpos's parsed printer database kept in a lasting folder (an explicit start-up step).

Without ``ESCPOS_CAPABILITIES_PICKLE_DIR`` python-escpos makes a new temporary folder in every
process when it is first imported and parses its 1 MB capabilities file with YAML again (a quarter
of a second at every start of the till, and a stray folder in the temp directory each time).
``possuite.bootstrap.start_process`` calls ``keep_escpos_printer_database`` before anything imports
python-escpos; importing ``possuite.printing`` itself changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_NAME = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def keep_escpos_printer_database(folder: Path) -> Path | None:
    """Point python-escpos at ``folder`` (created if needed). A folder already set wins; returns the one used.

    A database python-escpos did not finish writing is removed first (it writes the file in place, so a
    process killed at its first start leaves it cut short, and every later start would fail to import
    python-escpos on it); python-escpos then parses and writes it again."""
    if os.environ.get(ENV_NAME):
        folder = Path(os.environ[ENV_NAME])
    else:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # no cache then: python-escpos falls back to a temporary folder
            return None
        os.environ[ENV_NAME] = str(folder)
    drop_unfinished(folder)
    return folder


def drop_unfinished(folder: Path) -> None:
    """Remove each pickled database in ``folder`` that does not end with pickle's STOP opcode (``.``)."""
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
            try:
                path.unlink()
            except OSError:
                pass
