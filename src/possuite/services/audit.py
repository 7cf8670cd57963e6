"""The audit log: who did which sensitive thing, when, why, and who authorised it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.services.context import Context
from possuite.services.permissions import AUDIT, require

_INSERT = insert(m.AuditEntry.__table__)


def record(conn: Connection, ctx: Context, action: str, target: str = "", reason: str = "",
           **details: Any) -> None:
    conn.execute(_INSERT, {
        "id": new_id(), "store_id": ctx.store_id, "at": ctx.clock.now(), "user_name": ctx.actor.name,
        "authorised_by": ctx.actor.authorised_by, "action": action, "target": target, "reason": reason,
        "details": json.dumps(details, default=str, ensure_ascii=False) if details else "",
    })


def list_entries(ctx: Context, limit: int = 500) -> list[dict]:

    require(ctx, AUDIT)
    t = m.AuditEntry.__table__
    with ctx.read() as conn:
        rows = conn.execute(
            select(t).where(t.c.store_id == ctx.store_id).order_by(t.c.at.desc(), t.c.id.desc()).limit(limit)
        ).mappings().all()
    return [dict(r) for r in rows]
