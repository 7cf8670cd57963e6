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
    """Point python-escpos at ``folder`` (created if needed). A folder already set wins; returns the one used."""
    if os.environ.get(ENV_NAME):
        return Path(os.environ[ENV_NAME])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # no cache then: python-escpos falls back to a temporary folder
        return None
    os.environ[ENV_NAME] = str(folder)
    return folder
