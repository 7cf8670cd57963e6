"""The synthetic store the benchmark runs on: years of trading written straight into its own file.

The schema comes from the real migration and the store and owner from ``users.init_store``;
the history (customers, items, bills with lines, payments, ledger entries, allocations,
open items, gapless invoice/receipt numbers, cached balances and visit counts) is then
written with raw ``sqlite3`` ``executemany`` in one transaction, with the secondary indexes
and the customer search index built afterwards. The result satisfies every invariant the
integrity check verifies. It is simulated day by day so that what is still owed at the end
looks like a real shop's book: recent dues, some collected in parts, some left for months.

Special days make the report figures exact: ``REPORT_DAY`` has exactly 1,000 invoices and
``SMALL_REPORT_DAY`` exactly 10; customer 0 has exactly 500 ledger movements (the statement).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from possuite.bench.history import CREDIT_DAYS, OWNER, History
from possuite.bench.scales import BENCH_NOW, BUILDER_VERSION, Scale
from possuite.db.engine import open_database
from possuite.domain.clock import FixedClock
from possuite.services import chain
from possuite.services.app import open_context
from possuite.services.context import OWNER as OWNER_ROLE
from possuite.services.context import Actor
from possuite.services.printers import add_printer
from possuite.services.users import init_store

OWNER_PIN = "1234"

Progress = Callable[[str], None]


def meta_path(db: Path) -> Path:
    return db.with_name(db.name + ".bench.json")


def _remove(db: Path) -> None:
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), meta_path(db)):
        if p.exists():
            p.unlink()


def schema_fingerprint(path: Path) -> str:
    """What the file's schema looks like (tables, indexes, triggers), to notice a stale kept file."""

    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, COALESCE(sql, '') FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customers_fts_%' "
                           "ORDER BY type, name").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def _create_schema(path: Path) -> tuple[str, str]:
    """The real schema, store and owner (through the services). Returns (store id, owner id)."""

    engine = open_database(path)
    try:
        start = BENCH_NOW - timedelta(days=4000)
        store_id = init_store(engine, FixedClock(start), store="Benchmark Salon", owner=OWNER, pin=OWNER_PIN,
                              address="1 Benchmark Road, Pune", phone="020 2612 3456", tax_id="27ABCDE1234F1Z0",
                              credit_days=CREDIT_DAYS)
        with engine.connect() as conn:
            owner_id = conn.exec_driver_sql("SELECT id FROM users WHERE store_id = ? AND name = ?",
                                            (store_id, OWNER)).scalar_one()
        # A shop has a receipt printer: every sale and collection queues its receipt job.

        ctx = open_context(engine=engine, path=path, clock=FixedClock(start),
                           actor=Actor(OWNER, OWNER_ROLE, user_id=owner_id))
        add_printer(ctx, "Counter", "file", str(path.with_name(path.name + ".receipts")), default=True)
    finally:
        engine.dispose()
        engine.checkpointer.stop()  # its thread may be checkpointing on a connection of its own right now
    return store_id, owner_id


def build_store(path: Path | str, scale: Scale, progress: Progress | None = None) -> dict:
    """Write a fresh benchmark store of ``scale`` at ``path`` (replacing it). Returns its description."""
    say = progress or (lambda _msg: None)
    path = Path(path)
    _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store_id, owner_id = _create_schema(path)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "locking_mode=EXCLUSIVE",
                       "temp_store=MEMORY", "cache_size=-400000", "threads=2"):
            con.execute(f"PRAGMA {pragma}")
        deferred = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            "((type = 'index' AND tbl_name IN ('customers','items','bills','bill_lines','payments','ledger_entries',"
            "'allocations','open_items')) OR (type = 'trigger' AND name = 'customers_fts_ai'))").fetchall()
        for kind, name, _sql in deferred:
            con.execute(f"DROP {kind.upper()} {name}")
        con.execute("BEGIN")
        meta = History(con, scale, store_id, owner_id, say).run()
        chain.backfill(con, store_id)   # the history on the till's chain, in write order (docs/architecture.md §3.6)
        con.execute("COMMIT")
        t_rows = time.perf_counter() - t0
        say(f"rows written in {t_rows:.0f} s; building indexes and the search index")
        for _kind, _name, sql in deferred:
            con.execute(sql)
        con.execute("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')")
        con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()
    meta.update(scale=scale.name, version=BUILDER_VERSION, store_id=store_id, path=str(path),
                build_seconds=round(time.perf_counter() - t0, 1), rows_seconds=round(t_rows, 1),
                file_bytes=path.stat().st_size, schema=schema_fingerprint(path))
    meta_path(path).write_text(json.dumps(meta, indent=2))
    say(f"built {scale.name} store in {meta['build_seconds']:.0f} s ({meta['file_bytes'] / 1e6:.0f} MB)")
    return meta


def load_meta(path: Path) -> dict | None:
    mp = meta_path(path)
    if not (path.exists() and mp.exists()):
        return None
    try:
        return json.loads(mp.read_text())
    except (OSError, ValueError):
        return None


def ensure_store(path: Path | str, scale: Scale, progress: Progress | None = None,
                 expected_schema: str | None = None) -> tuple[dict, bool]:
    """Reuse the store at ``path`` when it was built for ``scale`` by this builder, else build it.

    Returns (description, reused).
    """
    path = Path(path)
    meta = load_meta(path)
    if meta and meta.get("scale") == scale.name and meta.get("version") == BUILDER_VERSION:
        if expected_schema is None or schema_fingerprint(path) == expected_schema:
            return meta, True
        (progress or (lambda _m: None))(f"{path} has an older schema; rebuilding it")
    return build_store(path, scale, progress), False
