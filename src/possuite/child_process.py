"""The app's background work in processes of its own: how the app starts, watches and ends a child, and
how a child talks back. The one home of these rules (docs/architecture.md §1, "Child processes"); the sync
process (``hub/sync_process.py``) and the full book check (``services/check_process.py``) both use it.

Why processes: a thread of the app shares the till's interpreter lock, so Python work in the background
(a sync's SQLAlchemy and psycopg, the full check's replay) makes every key press at the counter wait.

- **Started** as the same ``possuite`` in a new interpreter (``possuite_command``; no fork, so the same on
  Windows), with its standard input, output and error as pipes.
- **Below the till**: the child lowers its own priority (``lower_priority``: ``os.nice(NICE)`` on POSIX);
  on Windows the app starts it in the below-normal priority class (``start_flags``), without a console.
- **Talks back** one JSON object a line on its standard output (``Pipe``), its log records too
  (``{"log": [level, logger, text]}``, ``talking_to_parent``), which the app writes into its own
  redacting log file; every other object goes to the app's ``on_message``.
- **Watched** (``ChildProcess``): reader threads hear its lines and keep the last lines of its standard
  error; a child that ends without the app asking (a crash, killed) is reported to ``on_gone`` with its
  exit code and last words, and is started again at the next request. A child that does one piece of
  work and ends ends quietly after its last word (``final``: the key of that message).
- **Ended**: the app closes the child's input (``stop``); a child ends when its input ends, so it also
  ends when the app dies; one that does not end within ``STOP_WAIT_S`` is killed, and always waited for
  (no zombie).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from possuite.domain.errors import PossuiteError
from possuite.services.logs import RedactingFilter, stop_logging

log = logging.getLogger("possuite")

#: How far below the till a child runs on POSIX (``os.nice``; Windows: the below-normal class).
NICE = 10
#: How long ``ChildProcess.stop`` lets a child end before it is killed.
STOP_WAIT_S = 5.0


# --- the child's side ------------------------------------------------------------------------------

def lower_priority(what: str) -> None:
    """Run this process below the till: nice on POSIX (Windows: the parent starts it below normal)."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICE)
        except OSError:  # not allowed here: the work still runs, only at the till's priority
            log.warning("%s: could not lower the %s process's priority", what, what)


class Pipe:
    """One JSON object a line on the child's standard output, whole lines from any thread."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._lock = threading.Lock()

    def send(self, obj: dict) -> None:
        line = json.dumps(obj, default=str)  # ASCII: the pipe's encoding differs between systems
        with self._lock:
            try:
                self.out.write(line + "\n")
                self.out.flush()
            except (BrokenPipeError, ValueError, OSError):  # the app is gone; the input's end stops the child
                pass


class LogToParent(logging.Handler):
    """The child's log records, as lines the app logs into its own (redacting) log file."""

    def __init__(self, pipe: Pipe) -> None:
        super().__init__()
        self.pipe = pipe
        self._formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info:
                message += "\n" + self._formatter.formatException(record.exc_info)
            self.pipe.send({"log": [record.levelno, record.name, message]})
        except Exception:  # noqa: BLE001 - logging never breaks the child's work
            self.handleError(record)


@contextmanager
def talking_to_parent(what: str, out: IO[str] | None = None) -> Iterator[Pipe]:
    """The child's set-up: below the till's priority, its log records up the pipe (the app writes the log
    file), and the pipe to answer on."""
    pipe = Pipe(out if out is not None else sys.stdout)
    stop_logging()
    handler = LogToParent(pipe)
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    logging.getLogger("possuite").setLevel(logging.INFO)
    lower_priority(what)
    try:
        yield pipe
    finally:
        root.removeHandler(handler)


def read_input(inp: IO[str], on_word: Callable[[str], None], on_end: Callable[[], None], name: str) -> None:
    """Hand each line of the child's input to ``on_word`` on a thread of its own; ``on_end`` when it ends
    (the app stopped the child, or died)."""

    def read() -> None:
        for line in inp:
            on_word(line.strip())
        on_end()

    threading.Thread(target=read, name=name, daemon=True).start()


def reason(exc: BaseException, what: str) -> str:
    """The words for a child's failure: the error's own for a user's error, else where to look."""
    if isinstance(exc, PossuiteError):
        return exc.message
    return f"an unexpected error in the {what} process ({type(exc).__name__}); the details are in the log"


# --- the app's side --------------------------------------------------------------------------------

def possuite_command(args: list[str]) -> list[str]:
    """How to start a child: the same possuite, a new interpreter (no fork; as on Windows)."""
    if getattr(sys, "frozen", False):  # the installed app: the console ``possuite`` beside the windowed one
        exe = Path(sys.executable)
        console = exe.with_name("possuite" + exe.suffix)
        return [str(console if console.exists() else exe), *args]
    return [sys.executable, "-m", "possuite", *args]


def start_flags() -> dict:
    if os.name == "nt":  # below the till, and no console window for the child of a windowed app
        return {"creationflags": subprocess.BELOW_NORMAL_PRIORITY_CLASS | subprocess.CREATE_NO_WINDOW}
    return {}


class ChildProcess:
    """The app's handle on one child: start it, write it words, hear its lines, stop it.

    ``on_message(dict)`` (each line that is not a log record) and ``on_gone(reason)`` (the child ended
    while not being stopped and before a ``final`` message: its exit code and last words) are called on the
    handle's reader thread: a Qt caller hands them to its own thread with a signal. ``what`` names the
    child in the log and in ``reason`` ("the sync process ended …"). ``env`` replaces the child's
    environment (tests; ``POSSUITE_NOW``)."""

    def __init__(self, command: list[str], on_message: Callable[[dict], None], on_gone: Callable[[str], None],
                 *, what: str, final: str | None = None, env: dict[str, str] | None = None,
                 logger: logging.Logger = log) -> None:
        self.command = command
        self.what = what
        self.final = final
        self.env = env
        self.on_message, self.on_gone = on_message, on_gone
        self.log = logger
        self.proc: subprocess.Popen | None = None
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

    @property
    def closed(self) -> bool:
        return self._closed

    def start(self) -> bool:
        """Start the child if it is not running (a child that ended is started again); False once stopped."""
        with self._lock:
            if self._closed:
                return False
            if self.alive:
                return True
            self._stderr.clear()
            self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1,
                                         env=self.env, **start_flags())
            proc = self.proc
            self._readers = [threading.Thread(target=self._read_answers, args=(proc,), daemon=True,
                                              name=f"possuite-{self.what}-answers"),
                             threading.Thread(target=self._read_stderr, args=(proc,), daemon=True,
                                              name=f"possuite-{self.what}-stderr")]
            for t in self._readers:
                t.start()
            return True

    def say(self, word: str) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            proc.stdin.write(word + "\n")
            proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):  # it just ended: its reader reports why
            pass

    def stop(self, wait_s: float | None = None) -> int | None:
        """End the child for good: close its input (it ends after the work it is in), kill it if it does
        not end within ``wait_s`` (default ``STOP_WAIT_S``), and wait for it. Returns its exit code."""
        with self._lock:
            self._closed = True
            proc = self.proc
        if proc is None:
            return None
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(STOP_WAIT_S if wait_s is None else wait_s)
        except subprocess.TimeoutExpired:
            self.log.info("%s: the %s process did not end in %.0f s; stopped", self.what, self.what,
                          STOP_WAIT_S if wait_s is None else wait_s)
            proc.kill()
            proc.wait(30)
        for t in self._readers:
            t.join(5)
        return proc.returncode

    def _read_answers(self, proc: subprocess.Popen) -> None:
        done = False  # the child's final message came: its end is no failure
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:  # not ours (a library printing): kept for the log
                self.log.info("%s process: %s", self.what, line.rstrip())
                continue
            if not isinstance(msg, dict):
                continue
            if "log" in msg:
                level, name, text = msg["log"]
                logging.getLogger(name).log(int(level), "%s", text)
            else:
                done = done or (self.final is not None and self.final in msg)
                self.on_message(msg)
        code = proc.wait()
        if self._closed or done:
            return
        for t in self._readers[1:]:
            t.join(5)
        last = next((s for s in reversed(self._stderr) if s.strip()), "")
        why = f"the {self.what} process ended (exit code {code})" + (f": {last.strip()}" if last else "")
        self.log.error("%s: %s", self.what, why)
        self.on_gone(why)

    def _read_stderr(self, proc: subprocess.Popen) -> None:
        for line in proc.stderr:
            self._stderr.append(line.rstrip("\n"))
