"""Open the database file and build a service context for one of its stores.

Nothing opens a database at import time, and nothing here reads the environment: the wiring
(``possuite.bootstrap``) passes the path, clock, actor and store; tests call ``open_context`` directly.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, select

from possuite.db import models as m
from possuite.db.engine import open_database
from possuite.domain.clock import Clock
from possuite.domain.errors import NotFound
from possuite.services.context import NOBODY, Actor, Context


def first_store_id(engine: Engine, wanted: str | None = None) -> str | None:
    """The store ``wanted`` if the file has it, else (``wanted`` None) the first store created."""
    # The table's columns (Core), not the mapped class's attributes: a statement naming those has the ORM
    # configure every mapper of the book first (about 60 ms of CPU, at each start; issue 15, cold start).
    s = m.Store.__table__.c
    with engine.connect() as conn:
        q = select(s.id).order_by(s.created_at, s.id)
        if wanted:
            q = q.where(s.id == wanted)
        return conn.execute(q.limit(1)).scalar_one_or_none()


def open_engine(db: str | os.PathLike) -> tuple[Engine, Path]:
    path = Path(db).expanduser()
    return open_database(path), path


def open_context(db: str | os.PathLike | None = None, *, clock: Clock | None = None, actor: Actor = NOBODY,
                 engine: Engine | None = None, path: Path | None = None, store_id: str | None = None,
                 receipts_dir: Path | None = None) -> Context:
    """A context on the store of the database at ``db`` (or on ``engine``, the file at ``path``).

    ``actor`` is who acts: without one the context has no rights. ``clock`` defaults to the wall clock.
    """
    if engine is None:
        if db is None:
            raise TypeError("open_context needs a database file or an engine")
        engine, path = open_engine(db)
    found = first_store_id(engine, store_id)
    if found is None:
        raise NotFound("store", "this database has no store yet; run `possuite init --store NAME` first")
    return Context(engine=engine, store_id=found, clock=clock or Clock(), actor=actor, db_path=path,
                   receipts_dir=receipts_dir)
