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
  open at the counter: the round waits between two batches, ``MAX_PAUSE_S`` in all for one open sale, so it
  takes the book's write lock only between sales) — and answers each round with one JSON line,
  ``{"state": …}`` (a ``SyncState``). Its log records go up the same pipe (``{"log": …}``) into the
  app's log file. It ends when its standard input closes: when the app stops it, and when the app dies;
  a child killed midway leaves the book and the hub whole (a push or pull cut anywhere is completed by
  the next sync, ``tests/hub/test_pull_kill.py``);
- the app's side (``SyncProcess``): starts the child (no fork: a new interpreter, as on Windows),
  writes the requests, and hands each answer, and the child's end with its last words on stderr, to
  callbacks on a reader thread of its own.

How a child is started, lowered below the till, watched and ended, and how it talks back, is the app's
one rule for its children (``possuite/child_process.py``), shared with the full book check.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from possuite.child_process import NICE, ChildProcess, possuite_command, read_input, reason, talking_to_parent
from possuite.hub.sync_state import FAILED, SyncState

if TYPE_CHECKING:
    from possuite.db.engine import Checkpointer

log = logging.getLogger("possuite.hub")

__all__ = ["MAX_PAUSE_S", "NICE", "SyncProcess", "child_command", "pacer", "serve", "state_from_json",
           "state_to_json"]

#: A sale open at the counter holds the sync between two batches at most this long in all.
MAX_PAUSE_S = 120.0
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
    if "pulled_tables" in values:  # JSON gives lists back
        values["pulled_tables"] = tuple((str(t), int(n)) for t, n in values["pulled_tables"])
    return SyncState(**values)


# --- the child -------------------------------------------------------------------------------------

class Stopped(Exception):
    """The app closed the child's input: the round ends before its next batch (each batch is whole)."""


class Counter:
    """Whether a sale is open at the counter; ``wait`` holds the sync between batches while one is, and
    ends the round there once the app has said goodbye.

    One open sale holds the sync ``max_pause_s`` in all, however many batches wait for it: a sale left
    open longer (a cart forgotten on the screen) lets the round go on until the next sale opens, and a
    till selling without a break still syncs, a batch whenever a sale closes (``resume`` wakes the
    round even when the next sale opens at once)."""

    def __init__(self, max_pause_s: float = MAX_PAUSE_S) -> None:
        self.max_pause_s = max_pause_s
        self._free = threading.Event()
        self._free.set()
        self._since = 0.0  # when the open sale paused the sync
        self.ended = threading.Event()
        self.waited_s = 0.0

    def end(self) -> None:
        self.ended.set()
        self._free.set()

    def pause(self) -> None:
        if self._free.is_set():
            self._since = time.monotonic()
        self._free.clear()

    def resume(self) -> None:
        self._free.set()

    def wait(self) -> None:
        if not self._free.is_set():
            t0 = time.monotonic()
            left = self.max_pause_s - (t0 - self._since)
            if left > 0:
                log.info("sync: a sale is open at the counter; the sync waits for it")
                self._free.wait(left)
                self.waited_s += time.monotonic() - t0
        if self.ended.is_set():
            raise Stopped


def pacer(counter: Counter, checkpointer: Checkpointer | None) -> Callable[[], None]:
    """The round's ``pace``: wait while a sale is open (``Counter.wait``), then run this process's WAL checkpoint
    if one is due. The checkpointer gets no thread of its own here (``Checkpointer.paced_by_caller``), so the
    sync process copies the WAL into the book only between the till's sales, as it writes its batches
    (docs/architecture.md §7)."""
    if checkpointer is not None:
        checkpointer.paced_by_caller()

    def pace() -> None:
        counter.wait()
        if checkpointer is not None:
            checkpointer.run_due()

    return pace


def serve(ctx, config_dir: Path, inp: IO[str] | None = None, out: IO[str] | None = None, *,
          batch_size: int | None = None, max_pause_s: float = MAX_PAUSE_S) -> int:
    """The child's loop: a round for each ``sync`` read, until standard input ends. Returns the exit code.

    The hub connection is kept from one round to the next (``KeptHubEngine``): the app asks for a round
    after each sale and every minute, and a new connection each time cost a login (SCRAM) in this
    process and a new server process on the hub, the largest part of a small round's work."""
    from possuite.hub.background import sync_round  # deferred: psycopg only in this process's rounds
    from possuite.hub.connect import KeptHubEngine

    wanted = threading.Event()
    counter = Counter(max_pause_s)
    engines = KeptHubEngine()
    pace = pacer(counter, getattr(ctx.engine, "checkpointer", None))  # a book's engine (the hub's has none)

    def heard(word: str) -> None:
        if word == SYNC:
            wanted.set()
        elif word == PAUSE:
            counter.pause()
        elif word == RESUME:
            counter.resume()

    def ended() -> None:
        counter.end()
        wanted.set()

    with talking_to_parent("sync", out) as pipe:
        read_input(inp if inp is not None else sys.stdin, heard, ended, "possuite-sync-requests")
        try:
            while True:
                wanted.wait()
                if counter.ended.is_set():
                    return 0
                wanted.clear()
                try:
                    state = sync_round(ctx, config_dir, pace=pace, engines=engines,
                                       **({"batch_size": batch_size} if batch_size else {}))
                except Stopped:
                    return 0
                except Exception as exc:  # noqa: BLE001 - a bug or a damaged book: shown in red, logged
                    log.error("sync: the round failed", exc_info=exc)
                    state = SyncState(FAILED, reason=reason(exc, "sync"))
                pipe.send({"state": state_to_json(state)})
        finally:
            engines.dispose()
            ctx.engine.dispose()


# --- the app's side ------------------------------------------------------------------------------

def child_command(db_path: Path, config_dir: Path) -> list[str]:
    """How to start the child: the same possuite, a new interpreter (no fork; as on Windows)."""
    return possuite_command(["--db", str(db_path), "sync", "worker", "--config-dir", str(config_dir)])


class SyncProcess(ChildProcess):
    """The app's handle on its sync child: start it, ask for rounds, hear the answers, stop it.

    ``on_answer(SyncState)`` and ``on_gone(reason)`` (the child ended while not being stopped: its exit
    code and last words) are called on the handle's reader thread: a Qt caller hands them to its own
    thread with a signal. ``env`` replaces the child's environment (tests; ``POSSUITE_NOW``)."""

    def __init__(self, db_path: Path, config_dir: Path, on_answer: Callable[[SyncState], None],
                 on_gone: Callable[[str], None], *, command: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        super().__init__(command or child_command(db_path, config_dir), self._message, on_gone, what="sync",
                         env=env, logger=log)
        self.on_answer = on_answer
        self._sale_open = False

    def start(self) -> bool:
        """Start the child if it is not running; a child started (again) while a sale is open waits for it too."""
        was_running = self.alive
        started = super().start()
        if started and not was_running and self._sale_open:
            self.say(PAUSE)
        return started

    def _message(self, msg: dict) -> None:
        if "state" in msg:
            self.on_answer(state_from_json(msg["state"]))

    def request(self) -> None:
        """Ask for a round (starting the child if needed)."""
        self.start()
        self.say(SYNC)

    def set_sale_open(self, open_: bool) -> None:
        """The counter's signal (the app's ``AppState.sale_open``: the cart got its first line, or was
        emptied by a checkout, a hold or a clear): a sale open holds the child between batches. Said to
        the child once per change, and again to a child started while a sale is open."""
        if open_ == self._sale_open:
            return
        self._sale_open = open_
        self.say(PAUSE if open_ else RESUME)

    @property
    def sale_open(self) -> bool:
        return self._sale_open

    def pause(self) -> None:
        """A sale is open at the counter: the child waits between batches."""
        self.set_sale_open(True)

    def resume(self) -> None:
        self.set_sale_open(False)
