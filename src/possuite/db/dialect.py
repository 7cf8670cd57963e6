"""The few SQL spellings SQLite (a till's book) and PostgreSQL (the hub's back office) do not share.

The read services write their SQL once; where the two engines spell something differently, the
statement is built once per dialect from a ``Spelling`` and picked by the connection it runs on
(``PerDialect``). The SQLite spelling is the text the services always had (their index hints and
plans are unchanged). See docs/architecture.md §7.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Connection, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

T = TypeVar("T")


@dataclass(frozen=True)
class Spelling:
    dialect: str

    @property
    def sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def days_between(self, later: str, earlier: str) -> str:
        """Whole days from the date ``earlier`` to the date ``later`` (SQL expressions)."""
        if self.sqlite:
            return f"(julianday({later}) - julianday({earlier}))"
        return f"(CAST({later} AS date) - {earlier})"

    def day_of(self, timestamp: str) -> str:
        """The ``YYYY-MM-DD`` text of a timestamp (SQLite: the expression its day index is built on)."""
        return f"substr({timestamp}, 1, 10)" if self.sqlite else f"to_char({timestamp}, 'YYYY-MM-DD')"

    def unindexed(self, column: str) -> str:
        """``column`` with SQLite told not to use an index on it (the unary ``+``); PostgreSQL plans alone."""
        return f"+{column}" if self.sqlite else column

    def greatest(self, a: str, b: str) -> str:
        return f"MAX({a}, {b})" if self.sqlite else f"GREATEST({a}, {b})"

    def home_store(self, alias: str) -> str:
        """The store a row of ``alias`` belongs to: ``store_id`` on a book; on the hub's views
        ``home_store_id`` (in the every-store views ``store_id`` is ``'*'``)."""
        return f"{alias}.store_id" if self.sqlite else f"{alias}.home_store_id"


class home_store(FunctionElement):  # noqa: N801 - a SQL expression, named like SQLAlchemy's ``func`` ones
    """``home_store(T.c.store_id)``: the store a row belongs to, in the same statement (the Core twin
    of ``Spelling.home_store``): the column itself on a book, ``T.home_store_id`` on the hub's views."""

    type = String()
    inherit_cache = True
    name = "home_store"


@compiles(home_store)
def _home_store_book(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(home_store, "postgresql")
def _home_store_hub(element, compiler, **kw) -> str:
    column = next(iter(element.clauses))
    spelled = compiler.process(column, **kw)
    return spelled[: len(spelled) - len(column.name)] + "home_store_id"


SPELLINGS = {name: Spelling(name) for name in ("sqlite", "postgresql")}


class PerDialect(Generic[T]):
    """A statement built once for each dialect; ``stmt(conn)`` is the one for ``conn``'s engine."""

    def __init__(self, build: Callable[[Spelling], T]) -> None:
        self._built = {name: build(spelling) for name, spelling in SPELLINGS.items()}

    def __call__(self, conn: Connection) -> T:
        return self._built[conn.dialect.name]

    def sqlite(self) -> T:
        return self._built["sqlite"]
