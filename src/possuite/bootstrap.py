"""The wiring: the ``POSSUITE_*`` settings read once, and what the CLI and the till start with.

The entry points (``possuite.cli``, ``ui.main.run_app``, the benchmark's start-up child) call
``read_environment()`` once and hand its values down: the database path, the clock, the store,
the log, receipt-template and resource folders, the window-settings file. No module below
this one reads ``os.environ`` for possuite's own settings, and importing any module has no
side effects; ``start_process`` does the set-up a process needs (the log file, python-escpos's
cache), ``prepare_user_folders`` the owner's receipt-template folder.

=====================  ==============================================================
``POSSUITE_DB``        the database file (default: the user data folder)
``POSSUITE_NOW``       fixes the clock (``2027-01-15T10:00:00``), for tests and demos
``POSSUITE_STORE``     which store of the file to open (default: the first one created)
``POSSUITE_LOG_DIR``   the log folder (default: the user log folder)
``POSSUITE_RECEIPTS``  the owner's receipt-template folder (default: ``receipts/`` beside the file)
``POSSUITE_RESOURCES`` an extra folder searched first for the style sheet, icons and fonts
``POSSUITE_SETTINGS``  an .ini file for the window's size and place (default: the platform's)
``POSSUITE_LANG``      the language of messages from services, receipts and reports (``en``
                       default, ``hi``); the till's signed-in user's language overrides it there
=====================  ==============================================================

(``POSSUITE_BENCH_START`` and ``POSSUITE_BENCH_TMP`` belong to ``possuite bench`` alone and are read there.)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_path, user_config_path
from sqlalchemy import Engine

from possuite import i18n
from possuite.db.engine import default_db_path
from possuite.domain.clock import Clock, clock_from_text
from possuite.domain.errors import ValidationError
from possuite.printing.escpos_cache import keep_escpos_printer_database
from possuite.printing.template_folder import install_samples, user_template_dir
from possuite.services import app
from possuite.services.context import NOBODY, Actor, Context
from possuite.services.logs import setup_logging


def _path(environ: Mapping[str, str], name: str) -> Path | None:
    text = environ.get(name, "").strip()
    return Path(text).expanduser() if text else None


@dataclass(frozen=True)
class Environment:
    """possuite's settings from the environment, read once (``read_environment``)."""

    db: Path | None = None
    #: The text of ``POSSUITE_NOW``; parsed by ``clock()``, so a mistake in it is reported when a
    #: command runs (``possuite --help`` still works).
    now: str = ""
    store_id: str | None = None
    log_dir: Path | None = None
    receipts_dir: Path | None = None
    resources_dir: Path | None = None
    settings_file: Path | None = None
    #: ``POSSUITE_LANG`` as given ("" = English); applied by ``start_process``.
    language: str = ""

    def db_path(self, explicit: str | os.PathLike | None = None) -> Path:
        """The database file: ``explicit`` (``--db``), else ``POSSUITE_DB``, else the user data folder."""
        if explicit:
            return Path(explicit).expanduser()
        return self.db or default_db_path()

    def clock(self) -> Clock:
        """The clock for this process (raises ``ValidationError("POSSUITE_NOW", …)`` for a malformed value)."""
        return clock_from_text(self.now)

    def receipt_templates(self, db_path: Path | None) -> Path | None:
        """The owner's receipt-template folder for the database at ``db_path``."""
        return user_template_dir(db_path, self.receipts_dir)


def read_environment(environ: Mapping[str, str] | None = None) -> Environment:
    """possuite's settings from ``environ`` (the process environment by default)."""
    environ = os.environ if environ is None else environ
    return Environment(
        db=_path(environ, "POSSUITE_DB"),
        now=environ.get("POSSUITE_NOW", "").strip(),
        store_id=environ.get("POSSUITE_STORE", "").strip() or None,
        log_dir=_path(environ, "POSSUITE_LOG_DIR"),
        receipts_dir=_path(environ, "POSSUITE_RECEIPTS"),
        resources_dir=_path(environ, "POSSUITE_RESOURCES"),
        settings_file=_path(environ, "POSSUITE_SETTINGS"),
        language=environ.get("POSSUITE_LANG", "").strip(),
    )


def start_process(env: Environment) -> Path:
    """What every possuite process sets up before it works: the log file, python-escpos's cache folder,
    the language of messages (``POSSUITE_LANG``; one not shipped is logged and English kept).

    Returns the log file's path.
    """
    keep_escpos_printer_database(user_cache_path("possuite", appauthor=False) / "escpos")
    log_file = setup_logging(env.log_dir)
    try:
        i18n.set_language(env.language)
    except ValidationError as exc:
        logging.getLogger("possuite").warning("POSSUITE_LANG: %s; messages stay in English", exc.why)
    return log_file


def prepare_user_folders(env: Environment, db_path: Path) -> Path | None:
    """The owner's receipt-template folder, with the shipped samples copied into it on first run."""
    folder = env.receipt_templates(db_path)
    if folder is not None:
        install_samples(folder)
    return folder


def open_context(env: Environment, db: str | os.PathLike | None = None, *, actor: Actor = NOBODY,
                 engine: Engine | None = None, path: Path | None = None, clock: Clock | None = None) -> Context:
    """A context on the store of the database (``db``, ``POSSUITE_DB`` or the default file) acting as ``actor``.

    Without an actor the context has no rights; the CLI passes ``CLI_ACTOR``, the till the signed-in user.
    """
    if engine is None:
        path = env.db_path(db)
    return app.open_context(path, engine=engine, path=path, clock=clock or env.clock(), actor=actor,
                            store_id=env.store_id, receipts_dir=env.receipt_templates(path))


def user_config_dir() -> Path:
    """The user's config folder (hub passwords, ``hub-credentials.json``): the CLI and the app pass it down."""
    return user_config_path("possuite", appauthor=False)
