"""Wiring: open the database file and build a service context for its store.

Nothing opens a database at import time; callers (CLI, UI, tests) call ``open_context``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, select

from possuite.db import models as m
from possuite.db.engine import open_database, resolve_db_path
from possuite.domain.clock import Clock, clock_from_env
from possuite.domain.errors import NotFound
from possuite.services.context import CLI_ACTOR, Actor, Context


def first_store_id(engine: Engine) -> str | None:
    wanted = os.environ.get("POSSUITE_STORE", "").strip()
    with engine.connect() as conn:
        q = select(m.Store.id).order_by(m.Store.created_at, m.Store.id)
        if wanted:
            q = q.where(m.Store.id == wanted)
        return conn.execute(q.limit(1)).scalar_one_or_none()


def open_engine(db: str | os.PathLike | None = None) -> tuple[Engine, Path]:
    path = resolve_db_path(db)
    return open_database(path), path


def open_context(db: str | os.PathLike | None = None, *, clock: Clock | None = None,
                 actor: Actor = CLI_ACTOR, engine: Engine | None = None, path: Path | None = None) -> Context:
    """A context on the store of the database at ``db`` (or POSSUITE_DB, or the default file)."""
    if engine is None:
        engine, path = open_engine(db)
    store_id = first_store_id(engine)
    if store_id is None:
        raise NotFound("store", "this database has no store yet; run `possuite init --store NAME` first")
    return Context(engine=engine, store_id=store_id, clock=clock or clock_from_env(), actor=actor, db_path=path)
