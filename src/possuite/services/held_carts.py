"""Held (parked) carts: the till puts a cart aside and recalls it later, even after a restart.

A held cart is stored as JSON in ``held_carts``; recalling it removes the row (in the same
transaction), so a cart can never be recalled twice.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain import quantity
from possuite.domain.cart import CartLine, Discount, compute_totals
from possuite.domain.errors import NotFound, ValidationError
from possuite.services.context import Context
from possuite.services.permissions import SELL, require
from possuite.services.validation import clean_text

H = m.HeldCart.__table__
C = m.Customer.__table__
#: 2: line quantities in thousandths with the line's unit (migration 0010); 1: whole pieces.
FORMAT = 2


@dataclass(frozen=True)
class HeldCart:
    id: str
    label: str
    user_name: str
    created_at: datetime
    lines: list[CartLine]
    discount: Discount
    customer_id: str | None
    customer_name: str | None
    note: str

    @property
    def total(self) -> int:
        return compute_totals(self.lines, self.discount).total

    @property
    def item_count(self) -> int:
        """Pieces and tablets counted one each; a weighed or measured line (1.25 kg) counts as one."""
        return sum(line.qty // quantity.SCALE if quantity.UNITS[line.unit].whole else 1 for line in self.lines)


def _encode(lines: list[CartLine], discount: Discount, customer_id: str | None, note: str) -> str:
    return json.dumps({"format": FORMAT, "lines": [asdict(line) for line in lines], "discount": asdict(discount),
                       "customer_id": customer_id, "note": note}, ensure_ascii=False)


def _decode(row, customer_name: str | None) -> HeldCart:
    data = json.loads(row["data"])
    old = data.get("format", 1) < 2   # a cart held before quantities were thousandths: whole pieces
    lines = [CartLine(**(line | {"qty": line["qty"] * quantity.SCALE} if old else line))
             for line in data.get("lines", [])]
    return HeldCart(row["id"], row["label"], row["user_name"], row["created_at"], lines,
                    Discount(**data.get("discount", {})), data.get("customer_id"), customer_name,
                    data.get("note", ""))


def hold_cart(ctx: Context, lines: list[CartLine], *, customer_id: str | None = None,
              discount: Discount | None = None, label: str = "", note: str = "") -> HeldCart:
    """Park a cart. The label defaults to the customer's name, else ``Cart HH:MM``."""
    require(ctx, SELL)
    if not lines:
        raise ValidationError("cart", "is empty; nothing to hold")
    discount = discount or Discount()
    compute_totals(lines, discount)  # refuse a cart that could not be sold later
    label = clean_text(label, "label", max_len=100)
    now = ctx.clock.now()
    hid = new_id()
    with ctx.write() as conn:
        name = None
        if customer_id:
            name = conn.execute(select(C.c.name).where(C.c.store_id == ctx.store_id, C.c.id == customer_id)
                                ).scalar_one_or_none()
            if name is None:
                raise NotFound("customer", "no customer with id {customer_id!r}", customer_id=customer_id)
        label = label or name or f"Cart {now:%H:%M}"
        conn.execute(insert(H).values(id=hid, store_id=ctx.store_id, label=label, user_name=ctx.actor.name,
                                      data=_encode(lines, discount, customer_id, note), created_at=now))
    return HeldCart(hid, label, ctx.actor.name, now, list(lines), discount, customer_id, name, note)


def list_held(ctx: Context) -> list[HeldCart]:
    """Held carts, oldest first (one query, customer names joined)."""
    q = (select(H, C.c.name.label("customer_name"))
         .select_from(H.outerjoin(C, C.c.id == func.json_extract(H.c.data, "$.customer_id")))
         .where(H.c.store_id == ctx.store_id).order_by(H.c.created_at, H.c.id))
    with ctx.read() as conn:
        rows = conn.execute(q).mappings().all()
    return [_decode(r, r["customer_name"]) for r in rows]


def recall_cart(ctx: Context, held_id: str) -> HeldCart:
    """Take a held cart back (it leaves the list)."""
    require(ctx, SELL)
    with ctx.write() as conn:
        row = conn.execute(select(H).where(H.c.store_id == ctx.store_id, H.c.id == held_id)).mappings().first()
        if row is None:
            raise NotFound("held cart", "it was already recalled or discarded")
        data = json.loads(row["data"])
        name = None
        if data.get("customer_id"):
            name = conn.execute(select(C.c.name).where(C.c.id == data["customer_id"])).scalar_one_or_none()
        conn.execute(delete(H).where(H.c.id == held_id))
    return _decode(row, name)


def discard_cart(ctx: Context, held_id: str) -> None:
    require(ctx, SELL)
    with ctx.write() as conn:
        res = conn.execute(delete(H).where(H.c.store_id == ctx.store_id, H.c.id == held_id))
        if res.rowcount == 0:
            raise NotFound("held cart", "it was already recalled or discarded")
