"""Small builders for the tests: a sale, a statement counter, a clock that moves, the CLI in-process."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from possuite.cli import main
from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.services.checkout import SaleRequest, complete_sale


def line(amount: int, desc: str = "Service") -> CartLine:
    return CartLine(desc, 1000, amount)


def sell(ctx, customer_id, amount, *, pay=None, pending=False, no_payment=False, **kw):
    tenders = [Tender(m, a) for m, a in (pay or [])]
    return complete_sale(ctx, SaleRequest([line(amount)], customer_id=customer_id, tenders=tenders,
                                          leave_pending=pending, no_payment=no_payment, **kw))


from contextlib import contextmanager  # noqa: E402

from sqlalchemy import event  # noqa: E402


@contextmanager
def count_statements(engine):
    """Collect the SQL statements (not BEGIN/COMMIT/PRAGMA) an engine runs inside the block."""
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


class MutableClock(FixedClock):
    """A fixed clock that a test can move forward."""

    def __init__(self, at: datetime) -> None:
        object.__setattr__(self, "at", at)

    def set(self, at: datetime) -> None:
        object.__setattr__(self, "at", at)


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


class Cli:
    """The ``possuite`` command run in-process (``possuite.cli.main``) against one database file, at
    2026-11-01 10:00 unless told otherwise (the ``cli`` fixture in conftest.py makes one on a new store)."""

    def __init__(self, db: Path, capsys, monkeypatch) -> None:
        self.db = db
        self._capsys = capsys
        self._monkeypatch = monkeypatch
        monkeypatch.setenv("POSSUITE_NOW", "2026-11-01T10:00:00")
        monkeypatch.delenv("POSSUITE_DB", raising=False)

    def setenv(self, name: str, value: str) -> None:
        self._monkeypatch.setenv(name, value)

    def at(self, when: str) -> None:
        """Run the next commands at ``when`` (ISO date and time)."""
        self.setenv("POSSUITE_NOW", when)

    def __call__(self, *args: str) -> CliResult:
        self._capsys.readouterr()
        code = main(["--db", str(self.db), *args])
        captured = self._capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    def ok(self, *args: str):
        r = self("--json", *args)
        assert r.code == 0, r.err
        return r.json

    def dump(self) -> list[str]:
        """Every row and schema object, to prove a refused command wrote nothing."""
        con = sqlite3.connect(self.db)
        try:
            return list(con.iterdump())
        finally:
            con.close()


def edit_behind_the_app(db_path, *statements: str, drop: tuple[str, ...] = ()) -> None:
    """Change rows behind the app's back, as a raw SQLite tool would: drop the named guards (insert-only
    triggers), run the statements (each must change a row), put the guards back."""
    con = sqlite3.connect(db_path)
    kept = {name: sql for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            if name in drop}
    for name in drop:
        con.execute(f"DROP TRIGGER {name}")
    for st in statements:
        assert con.execute(st).rowcount >= 1, st
    for sql in kept.values():
        con.execute(sql)
    con.commit()
    con.close()


def touched_scope(ctx):
    """What the rows written since the last seal touch (``integrity.touched_since``): the incremental check's scope."""
    from possuite.services import integrity, seals  # deferred: only the check's tests use it

    with ctx.read() as conn:
        return integrity.touched_since(conn, ctx.store_id, seals.last_seal(conn, ctx.store_id).marks)


def assert_incremental_balances_as_the_check_sums_them(ctx, db_path, people) -> None:
    """Every cached balance moved by 5 behind the app's back: the incremental run's invariant 1 (from what its
    replay read, ``integrity._ledger_since``) reports exactly what the balance check's own sums report, one
    finding for each touched customer (each of ``people``)."""
    from possuite.services import integrity  # deferred: only the check's tests use it

    edit_behind_the_app(db_path, "UPDATE customers SET balance = balance + 5")
    scope = touched_scope(ctx)
    found = [f for f in integrity.run_incremental(ctx, seal=False).findings if f.check == "balance"]
    with ctx.read() as conn:
        assert found == integrity.check_cached_balances(conn, ctx.store_id, scope)
    assert len(found) == len(scope.customers) == len(people)
