"""The app's scheduled full book check in a process of its own, at a lower priority than the till.

Why a process (docs/architecture.md §3.5): the full check is tens of seconds of Python at shop scale
(the ledger's replay, the chain's hashes), and on a thread of the app it held the till's interpreter lock
a large share of that time, so the window stuttered while it ran. A child process has an interpreter
of its own and runs below the till (``possuite/child_process.py``: the same start, priority, watch and
stop as the sync process).

- the child, ``possuite --db BOOK check worker`` (``serve``): runs ``integrity.run_scheduled_full`` once
  — every invariant over the whole book, every sealed day read back, and when nothing is found the
  completed days sealed — and answers with one JSON line, ``{"result": …}`` (``CheckResult``: the
  number of findings, the first ``SENT_FINDINGS`` of them as ``Finding.as_json`` gives them, or the
  error that stopped the check; the process id and the time it took). It says ``{"started": {"pid": …}}``
  first; its log records go up the same pipe. It ends after its answer, and at once when its standard
  input closes (the app stopped it or died): the check only reads, and a seal cut midway is a transaction
  SQLite rolls back.
- the app's side (``CheckProcess``): starts one child per run and hands its result, or its end without
  one (killed, crashed: its exit code and last words), to callbacks on a reader thread.

Rows committed while the check runs (a sale at the counter) cannot make a false finding: each check reads
one read transaction's snapshot (``integrity._lanes``), whichever process runs it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from possuite.child_process import ChildProcess, possuite_command, read_input, reason, talking_to_parent
from possuite.domain.errors import PossuiteError

if TYPE_CHECKING:
    from possuite.services.integrity import Finding

log = logging.getLogger("possuite.check")

#: The findings a result carries (all are counted; the owner runs ``possuite check`` for the whole list).
SENT_FINDINGS = 100
STARTED, RESULT = "started", "result"


@dataclass(frozen=True)
class CheckResult:
    """What one full check in the child found."""

    pid: int                                    # the process that ran the check
    count: int                                  # how many findings
    findings: tuple[Finding, ...] = ()          # the first SENT_FINDINGS of them
    error: str = ""                             # the check itself failed (a damaged file), in English
    error_field: str = ""                       # a user's error (PossuiteError): its field and problem,
    error_why: str = ""                         # for the screen to say it in the user's language
    error_params: dict = field(default_factory=dict)
    wall_s: float = 0.0
    cpu_s: float = 0.0

    def as_json(self) -> dict:
        return {"pid": self.pid, "count": self.count, "findings": [f.as_json() for f in self.findings],
                "error": self.error, "error_field": self.error_field, "error_why": self.error_why,
                "error_params": self.error_params, "wall_s": round(self.wall_s, 3), "cpu_s": round(self.cpu_s, 3)}

    @classmethod
    def from_json(cls, data: dict) -> CheckResult:
        # deferred: the app reads the child's answer; the check's modules (imported with the window before)
        # load only here or in the child (issue 15, cold start)
        from possuite.services.integrity import Finding

        return cls(pid=int(data["pid"]), count=int(data["count"]),
                   findings=tuple(Finding(f["check"], f["subject"], f["message"]) for f in data.get("findings", ())),
                   error=data.get("error", ""), error_field=data.get("error_field", ""),
                   error_why=data.get("error_why", ""), error_params=data.get("error_params") or {},
                   wall_s=float(data.get("wall_s", 0.0)), cpu_s=float(data.get("cpu_s", 0.0)))

    def user_error(self) -> PossuiteError | None:
        """The check's failure as the error it was (so the screen can translate it), if it was a user's error."""
        if not self.error_field:
            return None
        return PossuiteError(self.error_field, self.error_why, **self.error_params)


# --- the child -------------------------------------------------------------------------------------

def _leave() -> None:
    os._exit(0)  # the app is gone or stopped us: nothing of the check is worth finishing


def serve(ctx, inp: IO[str] | None = None, out: IO[str] | None = None, *,
          on_input_end: Callable[[], None] = _leave) -> int:
    """The child: one full check, one answer. Returns the exit code (0 answered, 1 the check failed)."""
    with talking_to_parent("check", out) as pipe:
        read_input(inp if inp is not None else sys.stdin, lambda _word: None, on_input_end,
                   "possuite-check-input")
        pid = os.getpid()
        pipe.send({STARTED: {"pid": pid}})
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            from possuite.services import integrity  # deferred: the child's work, not the app's import

            found = integrity.run_scheduled_full(ctx)
        except Exception as exc:  # noqa: BLE001 - a damaged book or a bug: the app shows it, the log has it
            log.error("check: the full check failed", exc_info=exc)
            user = exc if isinstance(exc, PossuiteError) else None
            result = CheckResult(pid, 0, error=reason(exc, "check"),
                                 error_field=user.field if user else "",
                                 error_why=(user.why_template or user.why) if user else "",
                                 error_params=dict(user.params) if user else {},
                                 wall_s=time.perf_counter() - t0, cpu_s=time.process_time() - c0)
            pipe.send({RESULT: result.as_json()})
            return 1
        finally:
            ctx.engine.dispose()
        result = CheckResult(pid, len(found), tuple(found[:SENT_FINDINGS]),
                             wall_s=time.perf_counter() - t0, cpu_s=time.process_time() - c0)
        log.info("check: the full check found %d finding(s) in %.1f s (%.1f s of CPU)", result.count,
                 result.wall_s, result.cpu_s)
        pipe.send({RESULT: result.as_json()})
        return 0


# --- the app's side ------------------------------------------------------------------------------

def child_command(db_path: Path) -> list[str]:
    """How to start the child: the same possuite, a new interpreter (no fork; as on Windows)."""
    return possuite_command(["--db", str(db_path), "check", "worker"])


class CheckProcess(ChildProcess):
    """One full check in a child: ``start()`` runs it; ``on_result(CheckResult)`` hears its answer and
    ``on_gone(reason)`` its end without one, both on the handle's reader thread. ``stop()`` ends it (the
    window closes); ``env`` replaces the child's environment (tests; ``POSSUITE_NOW``)."""

    def __init__(self, db_path: Path, on_result: Callable[[CheckResult], None], on_gone: Callable[[str], None],
                 *, command: list[str] | None = None, env: dict[str, str] | None = None) -> None:
        super().__init__(command or child_command(db_path), self._message, on_gone, what="check", final=RESULT,
                         env=env, logger=log)
        self.on_result = on_result
        self.started_pid: int | None = None  # what the child said its id is

    def _message(self, msg: dict) -> None:
        if STARTED in msg:
            self.started_pid = int(msg[STARTED]["pid"])
        elif RESULT in msg:
            self.on_result(CheckResult.from_json(msg[RESULT]))
