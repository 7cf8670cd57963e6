"""The back office's views on the hub, named like a till's tables (docs/architecture.md §7.1).

Made by ``hub init`` every time it runs (after the schema's migrations), from the till's own tables
(``db.models``) and what the hub holds of them (``hub.spec``), so a column or table a till gains
is in the views as soon as the hub is upgraded (a test checks every view has every column):

- a synced table: the hub's columns; the columns a till keeps for itself (``spec.LOCAL_COLUMNS``:
  a user's lockout, an item's sold count, the store's drawer policy, …) as a till without that
  state has them (the column's default, else NULL);
- ``customers``: from ``projection_customers`` (a row per customer) with the record joined on its
  key, so counts and sums by store and balance never touch the records; the projected balance and
  visit figures in place of the till's cached ones; ``allocations`` and ``open_items`` from the
  projection cache;
- every other till table (print jobs, held carts, …: they stay at their till): empty.

Two schemas: ``possuite_bo`` (rows keep their ``store_id``) and ``possuite_bo_all`` (every store:
``store_id`` is ``'*'``, the real one is ``home_store_id``; ``stores`` is the one pseudo-store ``*``).
Every view adds ``rowid`` (the row's id: ULIDs order like a till's insertion order). The views are
``security_invoker``: the reader's own rights on the tables apply.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Connection, Integer
from sqlalchemy.dialects import postgresql

from possuite.db import models as m
from possuite.hub import spec

#: The views the read services query on the hub: one store at a time, or every store (``store_id`` ``'*'``).
BACK_OFFICE_SCHEMAS = ("possuite_bo", "possuite_bo_all")
ALL_STORES_SCHEMA = "possuite_bo_all"
#: Till tables the back office reads from the projection cache instead.
PROJECTED = {"allocations": "projection_allocations", "open_items": "projection_open_items"}
#: Read from ``projection_customers``: the projection, and the credit limit (copied at each refresh).
PROJECTED_CUSTOMER = ("balance", "visits", "total_spent", "last_visit", "last_payment_at", "credit_limit")


def _type(c: Column) -> str:
    kind = postgresql.BIGINT() if isinstance(c.type, Integer) and not isinstance(c.type, Boolean) else c.type
    return kind.compile(dialect=postgresql.dialect())


def _local(c: Column) -> str:
    """What a till without this column's state holds in it: its default, else NULL (typed)."""
    arg = getattr(c.default, "arg", None) if c.default is not None and c.default.is_scalar else None
    if isinstance(arg, bool):
        value = "true" if arg else "false"
    elif isinstance(arg, int):
        value = str(arg)
    elif isinstance(arg, str):
        value = "'" + arg.replace("'", "''") + "'"
    else:
        value = "NULL"
    return f"{value}::{_type(c)} AS {c.name}"


def view_sql(name: str, all_stores: bool) -> str:
    table = m.Base.metadata.tables[name]
    store = "'*'::varchar(26)" if all_stores else "t.store_id"
    if name in PROJECTED:
        # The projection is the hub's own rows: no till's chain columns (docs/architecture.md §3.6).
        cols = ", ".join(f"{store} AS store_id" if c.name == "store_id" else _local(c) if c.name.startswith("chain_")
                         else f"t.{c.name}" for c in table.columns)
        key = "entry_id" if name == "open_items" else "id"
        return f"SELECT {cols}, t.store_id AS home_store_id, t.{key} AS rowid FROM public.{PROJECTED[name]} t"
    if name not in spec.SYNCED_TABLES:
        cols = ", ".join(_local(c) for c in table.columns)
        return f"SELECT {cols}, NULL::varchar(26) AS home_store_id, NULL::varchar(26) AS rowid WHERE false"
    held = set(spec.synced_columns(name))
    if name == "stores":
        if all_stores:
            # One pseudo-store for every store: the first store's currency and country, nothing to print.
            blank = {"id": "'*'", "name": "'All stores'", "address": "''", "phone": "''", "tax_id": "''",
                     "upi_id": "''"}
            cols = ", ".join(f"{blank[c.name]}::{_type(c)} AS {c.name}" if c.name in blank
                             else f"s.{c.name}" if c.name in held else _local(c) for c in table.columns)
            return (f"SELECT {cols}, '*'::varchar(26) AS home_store_id, '*'::varchar(26) AS rowid "
                    "FROM (SELECT * FROM public.stores ORDER BY created_at, id LIMIT 1) s")
        cols = ", ".join(f"t.{c.name}" if c.name in held else _local(c) for c in table.columns)
        return f"SELECT {cols}, t.id AS home_store_id, t.id AS rowid FROM public.stores t"
    if name == "customers":
        def pick(c: Column) -> str:
            if c.name == "id":
                return "p.customer_id AS id"
            if c.name == "store_id":
                return ("'*'::varchar(26)" if all_stores else "p.store_id") + " AS store_id"
            if c.name in PROJECTED_CUSTOMER:
                return f"p.{c.name}"
            return f"t.{c.name}" if c.name in held else _local(c)
        cols = ", ".join(pick(c) for c in table.columns)
        return (f"SELECT {cols}, p.store_id AS home_store_id, t.till_id, p.customer_id AS rowid "
                "FROM public.projection_customers p LEFT JOIN public.customers t ON t.id = p.customer_id")
    cols = ", ".join(f"{store} AS store_id" if c.name == "store_id" else f"t.{c.name}" if c.name in held
                     else _local(c) for c in table.columns)
    return f"SELECT {cols}, t.store_id AS home_store_id, t.till_id, t.id AS rowid FROM public.{name} t"


def create_views(conn: Connection) -> None:
    """(Re)make every view of both back-office schemas (inside ``hub init``'s transaction)."""
    for schema in BACK_OFFICE_SCHEMAS:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        for name in sorted(m.Base.metadata.tables):
            sql = view_sql(name, all_stores=schema == ALL_STORES_SCHEMA)
            conn.exec_driver_sql(f"CREATE VIEW {schema}.{name} WITH (security_invoker = true) AS {sql}")
