"""What every command handler gets: the lazily opened service context and output helpers."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from possuite.domain.errors import PossuiteError
from possuite.services.context import Context


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
    _ctx: Context | None = field(default=None, repr=False)

    def ctx(self) -> Context:
        """The store's context (owner rights, audited as ``cli``)."""
        if self._ctx is None:
            from possuite.services.app import open_context

            self._ctx = open_context(self.db)
        return self._ctx

    def emit(self, human: str, data: Any) -> None:
        """Print ``data`` as JSON with --json, else the human text."""
        if self.json_mode:
            print(json.dumps(data, default=_default, ensure_ascii=False, indent=2))
        else:
            print(human)


def run_handler(args, env: CliEnv) -> int:
    try:
        from possuite.domain.clock import clock_from_env

        clock_from_env()  # a malformed POSSUITE_NOW is reported before anything runs
        return int(args.func(args, env) or 0)
    except (PossuiteError, CliError) as exc:
        print(f"error: {exc.message}", file=sys.stderr)
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
        import logging

        logging.getLogger("possuite.cli").exception("unexpected error", exc_info=exc)
    except Exception:  # pragma: no cover - logging must never mask the error
        pass


def start_gui(env: CliEnv) -> int:
    try:
        from possuite.ui.main import run_app  # noqa: F401
    except ImportError:
        print("possuite: the till window is not available in this build; use `possuite --help` for commands.",
              file=sys.stderr)
        return 2
    return run_app(env.db)
