"""The till's hottest writes, run on the DB-API connection of the caller's transaction (docs/architecture.md §3.3).

A Core statement costs some 50-150 µs of Python on this machine to run (parameters processed, an execution
context, events, a result object), several times what SQLite takes to insert the row; a sale runs a dozen of
them. The statements a sale and a collection run are therefore kept here as SQL text built once from the
tables' metadata and run on the driver connection under the caller's SQLAlchemy connection, inside its
transaction (``ctx.write()``: the same ``BEGIN IMMEDIATE`` ... ``COMMIT``), as ``services/chain.py`` already
does. What Core would do to a value is kept: each column's own SQLAlchemy bind processor converts it (a
``DateTime`` becomes the text Core stores, ``db.engine.STORED_TIME_FORMAT``; a ``Date`` its ISO text; a flag 1/0),
and a column the row leaves out gets its scalar Core default, so a row written here is byte for byte the row
``insert(table)`` writes. SQLite keeps the statements prepared (the driver's statement cache).

Only SQLite books take this path (the hub never runs a sale). ``bench.stats.count_sqlite_statements`` counts
these statements too (``count_statements`` sees only what passes through SQLAlchemy).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import itemgetter

from sqlalchemy import Connection, Date, DateTime, Table
from sqlalchemy.dialects import sqlite

_DIALECT = sqlite.dialect()


def _remembering(proc):
    """A time or date processor that converts the same value once: a sale stamps one ``now`` on a dozen rows.
    Text is taken as already converted (``db.engine.stored_time``, an ISO date)."""
    last = [(None, None)]

    def convert(v):
        if v is None or v.__class__ is str:
            return v
        seen, text = last[0]
        if v is seen:
            return text
        text = proc(v)
        last[0] = (v, text)   # one assignment: a thread reading it sees a whole pair
        return text

    return convert


@cache
def _processor(table: Table, column: str):
    kind = table.c[column].type
    proc = kind.dialect_impl(_DIALECT).bind_processor(_DIALECT)
    return _remembering(proc) if proc is not None and isinstance(kind, Date | DateTime) else proc


def driver(conn):
    """The DB-API connection under a SQLAlchemy one (a plain ``sqlite3`` connection is returned as it is)."""
    return conn.connection.driver_connection if isinstance(conn, Connection) else conn


class Insert:
    """``INSERT INTO <table> (<columns>) VALUES (?, ...) [<suffix>]`` for rows given as dicts.

    The SQL is built once per set of columns the rows carry (the first row's keys; every row of one call
    carries the same). Columns left out that have a scalar Core default get it, as ``insert(table)`` would;
    one left out with a computed default is refused (the caller must give it). A row's values are taken out
    of its dict in the SQL's column order in one ``operator.itemgetter`` call and bound by position (as the
    floor binds its tuples, ``bench/floors.py``): a dict merged with the defaults and bound by name cost a sale
    some 15 µs of Python in a loop, several times that on its real path. Only the columns whose type has a bind
    processor (times, dates, flags) are converted, each by that processor."""

    def __init__(self, table: Table, suffix: str = "") -> None:
        self.table = table
        self.suffix = suffix
        self._built: dict[tuple[str, ...], tuple[str, Callable, tuple, tuple]] = {}

    def _build(self, keys: tuple[str, ...]) -> tuple[str, Callable, tuple, tuple]:
        cols = self.table.c
        unknown = [k for k in keys if k not in cols]
        if unknown:
            raise KeyError(f"{self.table.name} has no column {', '.join(unknown)}")
        defaults = {}
        for c in cols:
            if c.name in keys or c.default is None:
                continue
            if not c.default.is_scalar:
                raise ValueError(f"{self.table.name}.{c.name} has a computed default: give it")
            defaults[c.name] = c.default.arg
        names = [*keys, *defaults]
        procs = {n: p for n in names if (p := _processor(self.table, n))}
        fixed = tuple(procs[k](v) if k in procs else v for k, v in defaults.items())
        converted = tuple((i, procs[k]) for i, k in enumerate(keys) if k in procs)
        sql = (f"INSERT INTO {self.table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
               + (f" {self.suffix}" if self.suffix else ""))
        take = itemgetter(*keys) if len(keys) > 1 else (lambda row, k=keys[0]: (row[k],))  # one key: not a 1-tuple
        built = self._built[keys] = (sql, take, converted, fixed)
        return built

    def _plan(self, row: Mapping) -> tuple[str, Callable, tuple, tuple]:
        keys = tuple(row)
        return self._built.get(keys) or self._build(keys)

    @staticmethod
    def _args(row: Mapping, take: Callable, converted: tuple, fixed: tuple) -> tuple:
        args = take(row)
        if converted:
            args = list(args)
            for i, proc in converted:
                args[i] = proc(args[i])
            args.extend(fixed)
            return args
        return args + fixed

    def run(self, conn, rows: Mapping | Sequence[Mapping]) -> None:
        """Insert one row (a dict) or several (a list of dicts with the same keys) in one statement call."""
        d = driver(conn)
        if isinstance(rows, Mapping):
            sql, take, converted, fixed = self._plan(rows)
            d.execute(sql, self._args(rows, take, converted, fixed))
            return
        if not rows:
            return
        sql, take, converted, fixed = self._plan(rows[0])
        args = self._args
        d.executemany(sql, [args(r, take, converted, fixed) for r in rows])


def value(table: Table, column: str, v):
    """A value as Core would bind it to ``table.column`` (e.g. a time as its stored text)."""
    proc = _processor(table, column)
    return proc(v) if proc is not None else v


class Query:
    """A Core ``select`` compiled once for SQLite and run on the driver connection of the caller's transaction.

    For the few reads on a sale's and a collection's path (the customer, their open items): Core's execution
    costs some 20-30 µs of Python per statement there, several times SQLite's time for the read. The SQL is
    the one Core compiles; bound values go through each parameter's bind processor and each returned column
    through its type's result processor (a ``DateTime`` comes back a ``datetime``, a ``Boolean`` a ``bool``), so
    the values are those Core returns. ``all`` gives named tuples (``row.id``), ``mappings`` dicts
    (``row["id"]``), ``first_mapping`` the first dict or None."""

    def __init__(self, statement) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.sql = compiled.string
        self.keys = tuple(c.key for c in statement.selected_columns)
        self._order = tuple(compiled.positiontup or ())
        binds = {name: compiled.binds[name] for name in self._order}
        self._bind = {name: p for name, b in binds.items()
                      if (p := b.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)) is not None}
        self._result = tuple((i, p) for i, c in enumerate(statement.selected_columns)
                             if (p := c.type.dialect_impl(_DIALECT).result_processor(_DIALECT, None)) is not None)
        self._row = namedtuple("Row", self.keys, rename=True)

    def rows(self, conn, params: Mapping) -> list:
        """The rows as sequences in the select's column order (tuples, or lists where a column was converted)."""
        bind = self._bind
        args = [bind[k](params[k]) if k in bind else params[k] for k in self._order]
        rows = driver(conn).execute(self.sql, args).fetchall()
        if self._result and rows:
            procs = self._result
            out = []
            for r in rows:
                r = list(r)
                for i, p in procs:
                    r[i] = p(r[i])
                out.append(r)
            return out
        return rows

    def all(self, conn, params: Mapping) -> list[tuple]:
        make = self._row._make
        return [make(r) for r in self.rows(conn, params)]

    def mappings(self, conn, params: Mapping) -> list[dict]:
        keys = self.keys
        return [dict(zip(keys, r, strict=True)) for r in self.rows(conn, params)]

    def first_mapping(self, conn, params: Mapping) -> dict | None:
        rows = self.mappings(conn, params)
        return rows[0] if rows else None
