"""Timing figures: percentiles of samples, statement counting, ratios."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from possuite.db.engine import kept_writer


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values (p in 0..100)."""
    if not sorted_values:
        return float("nan")
    n = len(sorted_values)
    return sorted_values[min(n, max(1, math.ceil(p / 100 * n))) - 1]


def summary_ms(samples_s: list[float]) -> dict[str, Any]:
    """n, median, p95, p99, max of samples given in seconds, as milliseconds."""
    v = sorted(samples_s)
    ms = lambda x: round(x * 1000, 3)  # noqa: E731
    return {"n": len(v), "median_ms": ms(percentile(v, 50)), "p95_ms": ms(percentile(v, 95)),
            "p99_ms": ms(percentile(v, 99)), "max_ms": ms(v[-1]) if v else None}


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0:
        return None
    return round(a / b, 2)


@contextmanager
def count_statements(engine: Engine) -> Iterator[list[str]]:
    """SQL statements (not BEGIN/COMMIT/ROLLBACK/PRAGMA) the engine runs inside the block."""
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


#: What ``count_sqlite_statements`` leaves out: transaction control and settings.
_NOT_COUNTED = ("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT", "SAVEPOINT", "RELEASE")


@contextmanager
def count_sqlite_statements(engine: Engine | None = None, connection=None) -> Iterator[list[str]]:
    """Every statement SQLite runs inside the block (not BEGIN/COMMIT/ROLLBACK/PRAGMA), with its values, on the
    connections the engine's pool hands out during the block and the write connection it keeps (or on one plain
    ``sqlite3`` ``connection``: the floor's): also those run on the driver connection directly (``db/direct.py``,
    ``services/chain.py``), which ``count_statements`` (SQLAlchemy's events) cannot see. Each row of a multi-row
    insert or update is one statement run. SQLite's trace repeats a statement's text when one of its triggers runs
    (the sync outbox, the shift stamp): a repeat of the text just seen is not counted. Uses ``sqlite3``'s trace
    callback."""
    seen: list[str] = []
    traced: list = []
    last = [""]

    def trace(statement: str) -> None:
        if statement == last[0]:
            return   # a trigger of the statement just run
        last[0] = statement
        if not statement.lstrip().upper().startswith(_NOT_COUNTED):
            seen.append(statement)

    def checkout(dbapi_connection, _record, _proxy) -> None:
        if dbapi_connection not in traced:
            dbapi_connection.set_trace_callback(trace)
            traced.append(dbapi_connection)

    if connection is not None:
        connection.set_trace_callback(trace)
        traced.append(connection)
    if engine is not None:
        event.listen(engine, "checkout", checkout)
        writer = kept_writer(engine, make=False)   # the unit of work's connection, kept out of the pool
        kept = writer.driver_connection() if writer is not None else None
        if kept is not None:
            checkout(kept, None, None)
    try:
        yield seen
    finally:
        if engine is not None:
            event.remove(engine, "checkout", checkout)
        for con in traced:
            con.set_trace_callback(None)
