"""What every command handler gets: the environment read once, the lazily opened service context
(acting as ``CLI_ACTOR``), and output helpers."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from possuite import i18n, loading_modules
from possuite.bootstrap import Environment, open_context, user_config_dir
from possuite.domain.clock import Clock
from possuite.domain.errors import PossuiteError
from possuite.hub import is_hub_url
from possuite.services.context import CLI_ACTOR, Context

#: What ``--db postgresql://…`` may run: the owner's reads (the back office is read-only).
HUB_READS_HELP = "check, balances, customer list|show, bills, bill show and report …"


def reads_on_hub(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Mark a command as one the owner may run on the hub (``--db postgresql://…``), with ``--store``."""
    p.set_defaults(hub_read=True)
    p.add_argument("--store", dest="hub_store", metavar="NAME", default=argparse.SUPPRESS,
                   help="on a hub (--db postgresql://…): only this store, by name or id (default: every store)")
    return p


class CliError(Exception):
    """A usage problem found by the CLI itself (exit 2)."""

    def __init__(self, what: str, why: str) -> None:
        super().__init__(f"{what}: {why}")
        self.message = f"{what}: {why}"


def _default(o: Any):
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    if hasattr(o, "as_json"):
        return o.as_json()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


@dataclass
class CliEnv:
    db: str | None = None
    json_mode: bool = False
    #: possuite's settings from the environment, read once by ``cli.main``.
    settings: Environment = field(default_factory=Environment)
    #: ``--store``: on a hub, the one store to read (None: every store).
    store: str | None = None
    _ctx: Context | None = field(default=None, repr=False)

    @property
    def on_hub(self) -> bool:
        """``--db`` is a hub's URL: the owner's back office, read-only, every store or ``--store``."""
        return is_hub_url(self.db)

    def db_path(self) -> Path:
        """The database file: ``--db``, else ``POSSUITE_DB``, else the user data folder."""
        return self.settings.db_path(self.db)

    def clock(self) -> Clock:
        """The clock every command uses (``POSSUITE_NOW`` fixes it)."""
        return self.settings.clock()

    def ctx(self) -> Context:
        """The store's context (owner rights, audited as ``cli``)."""
        if self._ctx is None:
            if self.on_hub:
                # deferred: psycopg and the hub's modules load only when --db names a hub
                from possuite.hub.backoffice import open_backoffice

                self._ctx = open_backoffice(self.db, store=self.store, clock=self.clock(), actor=CLI_ACTOR,
                                            config_dir=user_config_dir())
            else:
                self._ctx = open_context(self.settings, self.db, actor=CLI_ACTOR)
        return self._ctx

    def stores_of(self, table: str, ids: list[str]) -> dict[str, str]:
        """On a hub, the store name of each row (one statement); on a book, nothing."""
        if not self.on_hub:
            return {}
        from possuite.hub.backoffice import store_names  # deferred: see ctx()

        return store_names(self.ctx(), table, ids)

    def emit(self, human: str, data: Any) -> None:
        """Print ``data`` as JSON with --json, else the human text."""
        if self.json_mode:
            print(json.dumps(data, default=_default, ensure_ascii=False, indent=2))
        else:
            print(human)


def run_handler(args, env: CliEnv) -> int:
    try:
        env.clock()  # a malformed POSSUITE_NOW is reported before anything runs
        return int(args.func(args, env) or 0)
    except (PossuiteError, CliError) as exc:
        # In English (the default) exactly exc.message: the CLI contract's bytes.
        text = i18n.error_text(exc) if isinstance(exc, PossuiteError) else exc.message
        print(f"error: {text}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        return 0
    except KeyboardInterrupt:
        print("error: interrupted: nothing more was done", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for a user; the details go to the log
        _log_unexpected(exc)
        print(f"error: unexpected: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def _log_unexpected(exc: BaseException) -> None:
    try:

        logging.getLogger("possuite.cli").exception("unexpected error", exc_info=exc)
    except Exception:  # pragma: no cover - logging must never mask the error
        pass


def start_gui(env: CliEnv) -> int:
    try:
        # deferred: keeps Qt out of the CLI
        with loading_modules():
            from possuite.ui.main import run_app  # noqa: F401
    except ImportError:
        print("possuite: the till window is not available in this build; use `possuite --help` for commands.",
              file=sys.stderr)
        return 2
    return run_app(env.db, env.settings, store=env.store)
