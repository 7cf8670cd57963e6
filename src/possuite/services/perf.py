"""How long the till's operations take: timed, kept in a small samples file, summarised for Settings → Diagnostics.

Every checkout, collection and report is timed (``@timed("checkout")`` on the service function).
Each sample is kept in memory (this session), logged by the ``possuite.perf`` logger for people
reading the log, and appended as one JSON line to ``perf-samples.jsonl`` beside the log file
(when a log file is set up: ``services.logs.setup_logging``). That file is rotated to ``.1`` at
``SAMPLES_FILE_BYTES``, so the two hold the last few thousand samples and never grow past twice
that. ``history()`` reads them back (skipping any torn or foreign line) plus this session's
samples, so the Diagnostics tab shows this till's own speed across restarts. Writing a sample costs
one appended line and never fails the operation: an I/O error is logged once, the sample stays in memory.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from possuite.services.logs import LOG_NAME, log_dir

log = logging.getLogger("possuite.perf")

#: How many recent samples are kept in memory.
RING_SIZE = 1000
#: The samples file beside the log, and the size at which it is rotated to ``<name>.1`` (about 4,000
#: samples of ~90 bytes; the two files together keep between that many and twice that many).
SAMPLES_NAME = "perf-samples.jsonl"
SAMPLES_FILE_BYTES = 360_000
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
    """Remember one operation: in memory, in the log, and as one line of the samples file."""
    sample = Sample(op, round(ms, 2), datetime.now().replace(microsecond=0), detail)
    with _lock:
        _ring.append(sample)
        folder = _file_log_folder()
        if folder is not None:
            _append(folder / SAMPLES_NAME, sample)
    if detail:
        log.info("op=%s ms=%.2f detail=%s", op, ms, detail)
    else:
        log.info("op=%s ms=%.2f", op, ms)
    return sample


_write_failed = False


def _append(path: Path, sample: Sample) -> None:
    """One line onto the samples file (one ``write``, so lines from two tills never interleave), rotating it
    when it is full. An I/O error is logged (once until a write succeeds again), never raised."""
    global _write_failed
    line = json.dumps({"op": sample.op, "ms": sample.ms, "at": sample.at.isoformat(), "detail": sample.detail},
                      ensure_ascii=False) + "\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            full = os.fstat(fd).st_size >= SAMPLES_FILE_BYTES
        finally:
            os.close(fd)
        if full:
            os.replace(path, path.with_name(path.name + ".1"))
        _write_failed = False
    except Exception as exc:  # a timing must never fail the sale it timed
        if not _write_failed:
            log.warning("could not keep a timing in %s: %s", path, exc)
        _write_failed = True


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


def _file_log_folder() -> Path | None:
    """The folder of this process's log file (``services.logs.setup_logging``), or None when it has none."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", "")
        if name and Path(name).name == LOG_NAME:
            return Path(name).parent
    return None


def log_folder() -> Path:
    """Where this process writes its log and samples, else the default log folder."""
    return _file_log_folder() or log_dir()


def parse_samples(lines: Iterable[str]) -> list[Sample]:
    """The samples in lines of a samples file; a line that is torn (a crash mid-write) or not a sample is
    skipped, and a sample written after a torn piece on the same line is still read."""
    out = []
    for line in lines:
        start = line.rfind('{"op"')  # inside a JSON string a quote is escaped, so this starts a record
        if start < 0:
            continue
        try:
            d = json.loads(line[start:])
            sample = Sample(str(d["op"]), float(d["ms"]), datetime.fromisoformat(d["at"]), str(d.get("detail", "")))
        except (ValueError, TypeError, KeyError):
            continue
        if math.isfinite(sample.ms) and sample.op:
            out.append(sample)
    return out


def read_samples(folder: Path | None = None, limit: int = RING_SIZE * 5) -> list[Sample]:
    """The samples kept in the samples files (oldest first, at most ``limit``). Reads only: a missing
    folder or file is no samples."""
    folder = folder or log_folder()
    samples: list[Sample] = []
    for path in (folder / f"{SAMPLES_NAME}.1", folder / SAMPLES_NAME):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                samples.extend(parse_samples(fh))
        except OSError:
            continue
    return samples[-limit:]


def history(folder: Path | None = None) -> list[Sample]:
    """The kept samples and this session's (each once: a session's samples are in the file too)."""
    kept = read_samples(folder)
    in_file = Counter(kept)
    extra = []
    for s in recent():
        if in_file[s]:
            in_file[s] -= 1
        else:
            extra.append(s)
    return kept + extra


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
