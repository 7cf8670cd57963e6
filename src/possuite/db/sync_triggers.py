"""The book's outbox trigger of a master's update: which columns it watches (docs/architecture.md §7).

A master (the store's settings, users, items, customers) changed at a registered till is queued for the
hub, with its version bumped, when **any column the hub holds** changes: every column of the table
except the ones the till keeps for itself (``hub/spec.py`` ``LOCAL_COLUMNS``: the projection's cached
figures and per-till state such as a user's lockout and language or the store's receipt language). That
list is written once, there; the trigger's column list is derived from it and from the table as it is
when the trigger is made (``PRAGMA table_info``), not from a list copied into a migration.

SQLite's trigger names its columns when it is created, so **a migration that adds a column to a master
table calls** :func:`recreate_master_update_triggers` after adding it (book 0018 did for every column added
since 0003); ``tests/integration/test_sync_triggers.py`` fails when one forgets. A row the pull writes is
not queued back: the trigger acts only while ``sync_till.applying`` is 0.
"""

from __future__ import annotations

import re

from possuite.hub import spec

#: The trigger acts once the book is registered, and never while a pull applies the hub's rows.
REGISTERED = "EXISTS (SELECT 1 FROM sync_till WHERE applying = 0)"


def table_columns(conn, table: str) -> list[str]:
    """The columns ``table`` has now in the book (``conn`` a SQLAlchemy connection)."""
    return [row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")]


def watched_columns(table: str, columns) -> list[str]:
    """Of a master's ``columns``, those whose change the hub must see: all but the till's own."""
    local = spec.LOCAL_COLUMNS.get(table, frozenset())
    return [c for c in columns if c not in local]


def master_update_trigger(table: str, columns) -> str:
    """``CREATE TRIGGER sync_<table>_au``: bump the row's version and queue it when a watched column changes."""
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    return f"""CREATE TRIGGER sync_{table}_au AFTER UPDATE ON {table} WHEN {REGISTERED} AND ({changed}) BEGIN
             INSERT INTO sync_versions(tbl, row_id, version) VALUES ('{table}', new.id, 1)
               ON CONFLICT(tbl, row_id) DO UPDATE SET version = version + 1;
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('{table}', new.id);
           END"""


def recreate_master_update_triggers(conn) -> None:
    """Drop and re-create every master's update trigger from the tables' columns as they are now."""
    for table in sorted(spec.MASTERS):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS sync_{table}_au")
        conn.exec_driver_sql(master_update_trigger(table, watched_columns(table, table_columns(conn, table))))


_WATCHED = re.compile(r"old\.(\w+) IS NOT new\.\1")


def trigger_columns(conn, table: str) -> set[str]:
    """The columns the book's ``sync_<table>_au`` trigger watches (read back from its SQL)."""
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                               (f"sync_{table}_au",)).scalar()
    return set(_WATCHED.findall(sql or ""))
