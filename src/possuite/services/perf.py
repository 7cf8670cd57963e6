"""How long the till's operations take: logged, remembered, summarised for Settings → Diagnostics.

Every checkout, collection and report is timed (``@timed("checkout")`` on the service function)
and logged by the ``possuite.perf`` logger as ``op=checkout ms=12.34`` (the log file and its
rotation belong to ``services.logs``). The most recent samples are also kept in memory, and
``history()`` adds the ones still in the log files, so the Diagnostics tab shows this till's own
speed across restarts: medians per operation and the slowest operations.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger("possuite.perf")

#: How many recent samples are kept in memory.
RING_SIZE = 1000
CHECKOUT, COLLECTION, REPORT = "checkout", "collection", "report"
LABELS = {CHECKOUT: "Checkout", COLLECTION: "Collection", REPORT: "Report"}

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Sample:
    op: str             # checkout | collection | report
    ms: float
    at: datetime        # wall-clock time it finished
    detail: str = ""    # e.g. the report's name

    @property
    def label(self) -> str:
        base = LABELS.get(self.op, self.op.title())
        return f"{base}: {self.detail}" if self.detail else base


_ring: deque[Sample] = deque(maxlen=RING_SIZE)
_lock = threading.Lock()


def record(op: str, ms: float, detail: str = "") -> Sample:
    """Remember one operation and write it to the log."""
    sample = Sample(op, round(ms, 2), datetime.now().replace(microsecond=0), detail)
    with _lock:
        _ring.append(sample)
    if detail:
        log.info("op=%s ms=%.2f detail=%s", op, ms, detail)
    else:
        log.info("op=%s ms=%.2f", op, ms)
    return sample


def timed(op: str, detail: str = "") -> Callable[[F], F]:
    """Decorator: time each successful call of the function as ``op`` (failed calls are not samples)."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            t0 = time.perf_counter()
            result = fn(*args, **kwargs)
            record(op, (time.perf_counter() - t0) * 1000, detail)
            return result

        return inner  # type: ignore[return-value]

    return wrap


def recent() -> list[Sample]:
    """The samples of this session, oldest first."""
    with _lock:
        return list(_ring)


def clear() -> None:
    with _lock:
        _ring.clear()


# The log line written by services.logs' format: "<date> <time>,<ms> INFO possuite.perf [<thread>] op=… ms=…"
_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)[,.]\d+ \w+ possuite\.perf \[[^\]]*\] "
                   r"op=(\S+) ms=([\d.]+)(?: detail=(.*))?$")


def parse_log_lines(lines: Iterable[str]) -> list[Sample]:
    out = []
    for line in lines:
        m = _LINE.match(line.rstrip("\n"))
        if m:
            out.append(Sample(m.group(2), float(m.group(3)), datetime.fromisoformat(m.group(1)), m.group(4) or ""))
    return out


def log_folder() -> Path:
    """Where this process writes its log (``services.logs.setup_logging``), else the default folder."""
    from possuite.services.logs import LOG_NAME, log_dir

    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", "")
        if name and Path(name).name == LOG_NAME:
            return Path(name).parent
    return log_dir()


def read_log(folder: Path | None = None, limit: int = RING_SIZE * 5) -> list[Sample]:
    """The perf samples still in the log files (oldest first, at most ``limit``)."""
    from possuite.services.logs import LOG_NAME

    folder = folder or log_folder()
    files = sorted(folder.glob(f"{LOG_NAME}*"), key=lambda p: p.stat().st_mtime) if folder.exists() else []
    samples: list[Sample] = []
    for path in files:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                samples.extend(parse_log_lines(line for line in fh if "possuite.perf" in line))
        except OSError:
            continue
    return samples[-limit:]


def history(folder: Path | None = None) -> list[Sample]:
    """The log's samples and this session's (de-duplicated: a session's samples are in the log too)."""
    logged = read_log(folder)
    seen = {(s.op, s.ms, s.at, s.detail) for s in logged}
    return logged + [s for s in recent() if (s.op, s.ms, s.at, s.detail) not in seen]


@dataclass(frozen=True)
class OpSummary:
    op: str
    label: str
    count: int
    median_ms: float
    p95_ms: float
    max_ms: float
    last_at: datetime | None


def _pct(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return sorted_ms[min(len(sorted_ms), max(1, math.ceil(p / 100 * len(sorted_ms)))) - 1]


def summarise(samples: list[Sample], last: int = 200) -> list[OpSummary]:
    """Per operation (each report on its own line), over its ``last`` samples: count, median, 95%, slowest."""
    by_key: dict[tuple[str, str], list[Sample]] = {}
    for s in samples:
        by_key.setdefault((s.op, s.detail), []).append(s)
    order = list(LABELS)
    out = []
    for key in sorted(by_key, key=lambda k: (order.index(k[0]) if k[0] in order else len(order), k[0], k[1])):
        recent_ = by_key[key][-last:]
        ms = sorted(s.ms for s in recent_)
        out.append(OpSummary(key[0], recent_[-1].label, len(recent_), _pct(ms, 50), _pct(ms, 95), ms[-1],
                             recent_[-1].at))
    return out


def slowest(samples: list[Sample], n: int = 10) -> list[Sample]:
    return sorted(samples, key=lambda s: s.ms, reverse=True)[:n]
