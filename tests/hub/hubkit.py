"""Helpers for the hub tests: books (each its own SQLite file), trade on them, the hub's rows."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from possuite.db.engine import open_database
from possuite.domain.clock import FixedClock
from possuite.hub import spec
from possuite.hub.schema import init_hub
from possuite.services.app import open_context
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import CLI_ACTOR
from possuite.services.customers import add_customer
from testkit import sell

NOW = datetime(2026, 11, 1, 10, 0)


def make_book(path: Path, store: str = "Glow Salon"):
    from possuite.services.users import init_store

    engine = open_database(path)
    init_store(engine, FixedClock(NOW), store=store, owner="Owner", pin="1234")
    return open_context(engine=engine, path=path, clock=FixedClock(NOW), actor=CLI_ACTOR)


def open_book(path: Path):
    return open_context(engine=open_database(path), path=path, clock=FixedClock(NOW), actor=CLI_ACTOR)


def trade(ctx, n: int, tag: str = "", *, adjustment: bool = True) -> dict:
    """n customers, each with a pending sale, a paid sale, a collection; one adjustment and one void."""
    bills = []
    for i in range(n):
        c = add_customer(ctx, f"{tag}Customer {i}", f"98{abs(hash((tag, i))) % 10**8:08d}")
        bills.append(sell(ctx, c.id, 50000 + i * 100, pay=[("cash", 20000)], pending=True))
        sell(ctx, c.id, 1000, pay=[("upi", 1000)])
        collect_dues(ctx, c.id, 5000, "cash")
    if n and adjustment:
        adjust(ctx, bills[0].customer_id, -1000, "goodwill")
    if n:
        void_bill(ctx, bills[-1].number, "keyed twice")
    return {"bills": len(bills)}


def hub_for(pg_server, hub_db: str) -> dict:
    """hub init on the fresh database; the admin and owner URLs."""
    result = init_hub(pg_server.url(hub_db), business="Glow Group")
    return {"admin": pg_server.url(hub_db),
            "owner": pg_server.url(hub_db, user=result.owner_role, password=result.owner_password),
            "owner_role": result.owner_role, "business_id": result.business_id}


def two_tills(pg_server, hub_db: str, folder: Path, config_dir: Path):
    """Two tills of one store (the second counter's book starts as a copy of the first), registered as A and B:
    (the hub's URLs, till A's context, till B's context)."""
    from possuite.db.engine import backup_file
    from possuite.hub.register import register_till

    hub = hub_for(pg_server, hub_db)
    a = make_book(folder / "a.sqlite3", "Glow Salon")
    backup_file(folder / "a.sqlite3", folder / "b.sqlite3")
    b = open_book(folder / "b.sqlite3")
    register_till(a, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    register_till(b, hub["owner"], "Glow Salon", "B", "Counter 2", config_dir)
    return hub, a, b


def pg(url: str):
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://"), poolclass=NullPool)


def hub_ids(admin_url: str, table: str, store_id: str | None = None) -> list[str]:
    engine = pg(admin_url)
    with engine.connect() as conn:
        col = "id" if table == "stores" else "store_id"
        q = f"SELECT id FROM {table}" + (f" WHERE {col} = :s" if store_id else "") + " ORDER BY id"
        ids = list(conn.execute(text(q), {"s": store_id}).scalars())
    engine.dispose()
    return ids


def book_ids(ctx, table: str) -> list[str]:
    t = spec.till_table(table)
    with ctx.read() as conn:
        where = t.c.id == ctx.store_id if table == "stores" else t.c.store_id == ctx.store_id
        return list(conn.execute(t.select().with_only_columns(t.c.id).where(where).order_by(t.c.id)).scalars())


def hub_snapshot(admin_url: str) -> dict[str, set[tuple]]:
    engine = pg(admin_url)
    out = {}
    with engine.connect() as conn:
        for name in spec.SYNCED_TABLES:
            out[name] = {tuple(r) for r in conn.execute(text(f"SELECT * FROM {name}"))}
    engine.dispose()
    return out


def waiting(ctx) -> int:
    with ctx.read() as conn:
        return conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar()


def cli_env(config_dir: Path) -> dict:
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(config_dir.parent)
    env.pop("PGPASSWORD", None)
    return env


def possuite(args: list[str], config_dir: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "possuite", *args], capture_output=True, text=True,
                          env=cli_env(config_dir), timeout=180, **kw)


def popen_possuite(args: list[str], config_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "possuite", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env(config_dir))
