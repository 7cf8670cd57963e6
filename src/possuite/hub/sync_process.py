"""The app's background sync in a process of its own, at a lower priority than the till.

Why a process (docs/architecture.md §7): a sync on a thread of the app shares the till's interpreter
lock, and the sync is Python work (SQLAlchemy, psycopg) between round trips to the hub, so every
checkout waited for it (``possuite bench --sync``: 1.5-2.4× the checkout's median time). A child
process has an interpreter of its own, and runs at a lower priority (``os.nice`` on POSIX, the
below-normal priority class on Windows), so on a busy two-core till the checkout gets the CPU first.

Both sides are here, without Qt, so the app (``ui/sync_worker.py``) and the bench drive the same child:

- the child, ``possuite --db BOOK sync worker --config-dir DIR`` (``serve``): reads one word a line on
  its standard input — ``sync`` (one round, ``hub.background.sync_round``: the same push-then-pull as
  ``possuite sync``; a request during a round makes one more round), ``pause`` and ``resume`` (a sale is
  open at the counter: the round waits between two batches, at most ``MAX_PAUSE_S`` at a time, so it
  takes the book's write lock only between sales) — and answers each round with one JSON line,
  ``{"state": …}`` (a ``SyncState``). Its log records go up the same pipe (``{"log": …}``) into the
  app's log file. It ends when its standard input closes: when the app stops it, and when the app dies;
  a child killed midway leaves the book and the hub whole (a push or pull cut anywhere is completed by
  the next sync, ``tests/hub/test_pull_kill.py``);
- the app's side (``SyncProcess``): starts the child (no fork: a new interpreter, as on Windows),
  writes the requests, and hands each answer, and the child's end with its last words on stderr, to
  callbacks on a reader thread of its own.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import IO

from possuite.hub.sync_state import FAILED, SyncState

log = logging.getLogger("possuite.hub")

#: How far below the till the child runs on POSIX (``os.nice``; Windows: the below-normal class).
NICE = 10
#: A sale open at the counter holds the sync between two batches at most this long at a time.
MAX_PAUSE_S = 120.0
#: How long ``SyncProcess.stop`` lets the child end its round before it is killed.
STOP_WAIT_S = 5.0
SYNC, PAUSE, RESUME = "sync", "pause", "resume"


# --- the answer on the pipe ----------------------------------------------------------------------

def state_to_json(state: SyncState) -> dict:
    out = asdict(state)
    out["last_sync"] = state.last_sync.isoformat() if state.last_sync else None
    return out


def state_from_json(data: dict) -> SyncState:
    known = {f.name for f in fields(SyncState)}
    values = {k: v for k, v in data.items() if k in known}
    if values.get("last_sync"):
        values["last_sync"] = datetime.fromisoformat(values["last_sync"])
    return SyncState(**values)


# --- the child -------------------------------------------------------------------------------------

def lower_priority() -> None:
    """Run this process below the till: nice on POSIX (Windows: the parent starts it below normal)."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICE)
        except OSError:  # not allowed here: the sync still runs, only at the till's priority
            log.warning("sync: could not lower the sync process's priority")


class _Pipe:
    """One JSON object a line on the child's standard output, whole lines from any thread."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._lock = threading.Lock()

    def send(self, obj: dict) -> None:
        line = json.dumps(obj)  # ASCII: the pipe's encoding differs between systems
        with self._lock:
            try:
                self.out.write(line + "\n")
                self.out.flush()
            except (BrokenPipeError, ValueError, OSError):  # the app is gone; stdin's end stops the loop
                pass


class _LogToParent(logging.Handler):
    """The child's log records, as lines the app logs into its own (redacting) log file."""

    def __init__(self, pipe: _Pipe) -> None:
        super().__init__()
        self.pipe = pipe
        self._formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + self._formatter.formatException(record.exc_info)
            self.pipe.send({"log": [record.levelno, record.name, message]})
        except Exception:  # noqa: BLE001 - logging never breaks the sync
            self.handleError(record)


class Stopped(Exception):
    """The app closed the child's input: the round ends before its next batch (each batch is whole)."""


class Counter:
    """Whether a sale is open at the counter; ``wait`` holds the sync between batches while one is, and
    ends the round there once the app has said goodbye."""

    def __init__(self, max_pause_s: float = MAX_PAUSE_S) -> None:
        self.max_pause_s = max_pause_s
        self._free = threading.Event()
        self._free.set()
        self.ended = threading.Event()
        self.waited_s = 0.0

    def end(self) -> None:
        self.ended.set()
        self._free.set()

    def pause(self) -> None:
        self._free.clear()

    def resume(self) -> None:
        self._free.set()

    def wait(self) -> None:
        if not self._free.is_set():
            log.info("sync: a sale is open at the counter; the sync waits for it")
            t0 = time.monotonic()
            self._free.wait(self.max_pause_s)
            self.waited_s += time.monotonic() - t0
        if self.ended.is_set():
            raise Stopped


def serve(ctx, config_dir: Path, inp: IO[str] | None = None, out: IO[str] | None = None, *,
          batch_size: int | None = None) -> int:
    """The child's loop: a round for each ``sync`` read, until standard input ends. Returns the exit code."""
    from possuite.hub.background import sync_round  # deferred: psycopg only in this process's rounds
    from possuite.services.logs import RedactingFilter, stop_logging

    inp = inp if inp is not None else sys.stdin
    pipe = _Pipe(out if out is not None else sys.stdout)
    stop_logging()  # the app writes the log file: the records go up the pipe
    handler = _LogToParent(pipe)
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    logging.getLogger("possuite").setLevel(logging.INFO)
    lower_priority()

    wanted = threading.Event()
    counter = Counter()

    def read() -> None:
        for line in inp:
            word = line.strip()
            if word == SYNC:
                wanted.set()
            elif word == PAUSE:
                counter.pause()
            elif word == RESUME:
                counter.resume()
        counter.end()
        wanted.set()

    threading.Thread(target=read, name="possuite-sync-requests", daemon=True).start()
    try:
        while True:
            wanted.wait()
            if counter.ended.is_set():
                return 0
            wanted.clear()
            try:
                state = sync_round(ctx, config_dir, pace=counter.wait,
                                   **({"batch_size": batch_size} if batch_size else {}))
            except Stopped:
                return 0
            except Exception as exc:  # noqa: BLE001 - a bug or a damaged book: shown in red, logged
                log.error("sync: the round failed", exc_info=exc)
                state = SyncState(FAILED, reason=_reason(exc))
            pipe.send({"state": state_to_json(state)})
    finally:
        root.removeHandler(handler)
        ctx.engine.dispose()


def _reason(exc: BaseException) -> str:
    from possuite.domain.errors import PossuiteError

    if isinstance(exc, PossuiteError):
        return exc.message
    return f"an unexpected error in the sync process ({type(exc).__name__}); the details are in the log"


# --- the app's side ------------------------------------------------------------------------------

def child_command(db_path: Path, config_dir: Path) -> list[str]:
    """How to start the child: the same possuite, a new interpreter (no fork; as on Windows)."""
    args = ["--db", str(db_path), "sync", "worker", "--config-dir", str(config_dir)]
    if getattr(sys, "frozen", False):  # the installed app: the console ``possuite`` beside the windowed one
        exe = Path(sys.executable)
        console = exe.with_name("possuite" + exe.suffix)
        return [str(console if console.exists() else exe), *args]
    return [sys.executable, "-m", "possuite", *args]


def _start_flags() -> dict:
    if os.name == "nt":  # below the till, and no console window for the child of a windowed app
        return {"creationflags": subprocess.BELOW_NORMAL_PRIORITY_CLASS | subprocess.CREATE_NO_WINDOW}
    return {}


class SyncProcess:
    """The app's handle on its sync child: start it, ask for rounds, hear the answers, stop it.

    ``on_answer(SyncState)`` and ``on_gone(reason)`` (the child ended while not being stopped: its exit
    code and last words) are called on the handle's reader thread: a Qt caller hands them to its own
    thread with a signal. ``env`` replaces the child's environment (tests; ``POSSUITE_NOW``)."""

    def __init__(self, db_path: Path, config_dir: Path, on_answer: Callable[[SyncState], None],
                 on_gone: Callable[[str], None], *, command: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.command = command or child_command(db_path, config_dir)
        self.env = env
        self.on_answer, self.on_gone = on_answer, on_gone
        self.proc: subprocess.Popen | None = None
        self._stopping = False
        self._closed = False  # stopped for good (the app is closing)
        self._lock = threading.Lock()
        self._stderr: deque[str] = deque(maxlen=20)
        self._readers: list[threading.Thread] = []

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        """Start the child if it is not running (a child that ended is started again)."""
        with self._lock:
            if self.alive or self._closed:
                return
            self._stopping = False
            self._stderr.clear()
            self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1,
                                         env=self.env, **_start_flags())
            proc = self.proc
            self._readers = [threading.Thread(target=self._read_answers, args=(proc,), daemon=True,
                                              name="possuite-sync-answers"),
                             threading.Thread(target=self._read_stderr, args=(proc,), daemon=True,
                                              name="possuite-sync-stderr")]
            for t in self._readers:
                t.start()

    def request(self) -> None:
        """Ask for a round (starting the child if needed)."""
        self.start()
        self._say(SYNC)

    def pause(self) -> None:
        """A sale is open at the counter: the child waits between batches."""
        self._say(PAUSE)

    def resume(self) -> None:
        self._say(RESUME)

    def _say(self, word: str) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            proc.stdin.write(word + "\n")
            proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):  # it just ended: its reader reports why
            pass

    def stop(self, wait_s: float = STOP_WAIT_S) -> int | None:
        """End the child: close its input (it ends after the round it is in), kill it if it does not.

        Returns its exit code. A child killed midway leaves the book whole (docs/architecture.md §7)."""
        with self._lock:
            self._stopping = self._closed = True
            proc = self.proc
        if proc is None:
            return None
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(wait_s)
        except subprocess.TimeoutExpired:
            log.info("sync: the sync process did not end in %.0f s; stopped", wait_s)
            proc.kill()
            proc.wait(30)
        for t in self._readers:
            t.join(5)
        return proc.returncode

    def _read_answers(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:  # not ours (a library printing): kept for the log
                log.info("sync process: %s", line.rstrip())
                continue
            if "log" in msg:
                level, name, text = msg["log"]
                logging.getLogger(name).log(int(level), "%s", text)
            elif "state" in msg:
                self.on_answer(state_from_json(msg["state"]))
        code = proc.wait()
        if self._stopping:
            return
        for t in self._readers[1:]:
            t.join(5)
        last = next((s for s in reversed(self._stderr) if s.strip()), "")
        why = f"the sync process ended (exit code {code})" + (f": {last.strip()}" if last else "")
        log.error("sync: %s", why)
        self.on_gone(why)

    def _read_stderr(self, proc: subprocess.Popen) -> None:
        for line in proc.stderr:
            self._stderr.append(line.rstrip("\n"))
