"""Catalog items: services and products with a price, optional SKU/barcode and tax rate."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, or_, select, update

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain import gst, quantity, scale_barcode
from possuite.domain.cart import CartLine
from possuite.domain.errors import Conflict, NotFound, ValidationError
from possuite.domain.money import parse_money, parse_percent_bp
from possuite.services import audit
from possuite.services.context import Context
from possuite.services.permissions import SETTINGS, require
from possuite.services.validation import clean_text

I = m.Item.__table__
KINDS = ("service", "product")


@dataclass(frozen=True)
class ItemView:
    id: str
    name: str
    sku: str | None
    barcode: str | None
    price: int
    tax_rate_bp: int
    tax_inclusive: bool
    kind: str
    active: bool
    sold_qty: int
    hsn: str = ""   # HSN (goods) or SAC (services) code, "" not given
    unit: str = "piece"   # what the item is counted in (domain/quantity.py): piece, kg, g, l, m, strip
    pack_size: int = 1    # tablets in a strip (a strip item is priced per strip); 1 for other units
    cess_rate_bp: int = 0  # compensation cess (GST), ad valorem; 0: none

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "sku": self.sku, "barcode": self.barcode,
                "price": self.price, "tax_rate_bp": self.tax_rate_bp, "tax_inclusive": self.tax_inclusive,
                "kind": self.kind, "active": self.active, "sold_qty": self.sold_qty, "hsn": self.hsn,
                "unit": self.unit, "pack_size": self.pack_size, "cess_rate_bp": self.cess_rate_bp}


def item_view(r) -> ItemView:
    """An item row (a mapping of the items table) as the view the services hand out."""
    return ItemView(r["id"], r["name"], r["sku"], r["barcode"], r["price"], r["tax_rate_bp"],
                    bool(r["tax_inclusive"]), r["kind"], bool(r["active"]), r["sold_qty"], r["hsn"] or "",
                    r["unit"], r["pack_size"], r["cess_rate_bp"])


def cart_line(item: ItemView, store_registration: str, qty: int | None = None) -> CartLine:
    """The cart line for an item at a store: its HSN, unit and pack size carried along, its GST rate as the
    store charges it (``domain.gst.charged_rate_bp``: nothing at a composition or unregistered store). The
    till's cart, the CLI and the demo build lines here, so the screen's total is the one the sale posts.

    ``qty`` in thousandths of the item's unit (``domain/quantity.py``); by default one unit of sale: a
    piece, a kilogram, a litre, a metre, or a whole strip (``pack_size`` tablets)."""
    if qty is None:
        qty = quantity.SCALE * (item.pack_size if item.unit == "strip" else 1)
    return CartLine(item.name, qty, item.price, tax_rate_bp=gst.charged_rate_bp(store_registration, item.tax_rate_bp),
                    tax_inclusive=item.tax_inclusive, item_id=item.id, kind=item.kind, hsn=item.hsn,
                    unit=item.unit, pack_size=item.pack_size,
                    cess_rate_bp=gst.charged_rate_bp(store_registration, item.cess_rate_bp))


def parse_pack_size(value: int | str | None, unit: str) -> int:
    """A strip's tablets from what was typed (a whole number); other units have none (1)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if unit == "strip":
            raise ValidationError("pack size", "is required for a strip: how many tablets a strip holds")
        return 1
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit():
            raise ValidationError("pack size", "{text!r} is not a whole number of tablets", text=text)
        value = int(text)
    return quantity.check_pack_size(value, unit, "pack size")


def _code(value: str | None, field: str) -> str | None:
    value = clean_text(value, field, max_len=64)
    if value and any(ch.isspace() for ch in value):
        raise ValidationError(field, "must not contain spaces")
    return value or None


def add_item(ctx: Context, name: str, price, *, sku: str | None = None, barcode: str | None = None,
             tax_rate: str | int | None = None, tax_inclusive: bool = False, kind: str = "service",
             hsn: str | None = None, unit: str = "piece", pack_size: int | str | None = None,
             cess: str | int | None = None) -> ItemView:
    """A new item. ``unit``: piece (the default), kg, g, l, m or strip; ``pack_size``: a strip's tablets
    (required for a strip, the price is per strip), none for other units (domain/quantity.py); ``cess``: the
    compensation cess, a percentage like the GST rate (``"12"``, ``"0.5%"``) or basis points, none by default."""
    require(ctx, SETTINGS)
    unit_code = quantity.parse_unit(unit, "unit")
    pack = parse_pack_size(pack_size, unit_code)
    name = clean_text(name, "name", required=True, max_len=120)
    price_minor = price if isinstance(price, int) else parse_money(price, "price", ctx.currency)
    if price_minor < 0:
        raise ValidationError("price", "must not be negative")
    tax_bp = _tax_rate_bp(tax_rate if tax_rate is not None else 0)
    cess_bp = cess_rate_bp(cess if cess is not None else 0)
    hsn_code = gst.validate_hsn(hsn, "hsn") if hsn and hsn.strip() else ""
    if kind not in KINDS:
        raise ValidationError("kind", "must be one of {choices}", choices=', '.join(KINDS))
    sku, barcode = _code(sku, "sku"), _code(barcode, "barcode")
    iid = new_id()
    with ctx.write() as conn:
        for field, value in (("sku", sku), ("barcode", barcode)):
            if value and conn.execute(select(I.c.id).where(I.c.store_id == ctx.store_id, or_(
                    I.c.sku == value, I.c.barcode == value))).first():
                raise Conflict(field, "{value!r} is already used by another item", value=value)
        conn.execute(insert(I).values(
            id=iid, store_id=ctx.store_id, name=name, name_key=name.casefold(), sku=sku, barcode=barcode,
            price=price_minor, tax_rate_bp=tax_bp, tax_inclusive=tax_inclusive, kind=kind, active=True,
            sold_qty=0, is_demo=False, created_at=ctx.clock.now(), hsn=hsn_code, unit=unit_code, pack_size=pack,
            cess_rate_bp=cess_bp))
        audit.record(conn, ctx, "item added", name, "", price=price_minor, tax_rate_bp=tax_bp, hsn=hsn_code,
                     unit=unit_code, pack_size=pack, **({"cess_rate_bp": cess_bp} if cess_bp else {}))
        row = conn.execute(select(I).where(I.c.id == iid)).mappings().one()
    return item_view(row)


#: Left as it is (``edit_item``'s default for a field not given).
UNCHANGED = None


def _tax_rate_bp(value: str | int, field: str = "tax rate") -> int:
    bp = value if isinstance(value, int) else parse_percent_bp(value, field) if str(value).strip() else 0
    gst.check_rate_bp(bp, field)
    return bp


def cess_rate_bp(value: str | int, field: str = "cess") -> int:
    """An item's compensation cess from what was typed, a percentage like the GST rate (``"12"``, ``"12%"``,
    ``"0.5"``; empty: none), or basis points: 0 up to ``domain/gst.py::MAX_CESS_BP`` (some cess is above 100 %)."""
    if not isinstance(value, int) and not str(value).strip():
        return 0
    if (value < 0) if isinstance(value, int) else str(value).strip().startswith("-"):
        raise ValidationError("cess", "must not be negative")
    bp = value if isinstance(value, int) else parse_percent_bp(value, field, gst.MAX_CESS_BP)
    gst.check_rate_bp(bp, field, gst.MAX_CESS_BP)
    return bp


def edit_item(ctx: Context, code: str, *, hsn: str | None = UNCHANGED,
              tax_rate: str | int | None = UNCHANGED, cess: str | int | None = UNCHANGED,
              price: str | int | None = UNCHANGED) -> ItemView:
    """Change an item's HSN/SAC code, GST rate, cess and price (owner: ``change settings``), audited with the old
    and new value of each field changed. ``hsn=""`` clears the code, ``cess=""`` or ``0`` the cess; ``price`` as
    typed (``"120.50"``) or in paise; a field not given stays. Bills already posted keep what they stored (each
    line carries its own price, HSN and rates); a cart's lines keep the price they were scanned at, and lines
    scanned after the change take the new one (docs/architecture.md §7, "What a running till takes from a sync")."""
    require(ctx, SETTINGS)
    values: dict = {}
    if price is not UNCHANGED:
        values["price"] = price if isinstance(price, int) else parse_money(price, "price", ctx.currency)
        if values["price"] < 0:
            raise ValidationError("price", "must not be negative")
    if hsn is not UNCHANGED:
        values["hsn"] = gst.validate_hsn(hsn, "hsn") if hsn.strip() else ""
    if tax_rate is not UNCHANGED:
        values["tax_rate_bp"] = _tax_rate_bp(tax_rate)
    if cess is not UNCHANGED:
        values["cess_rate_bp"] = cess_rate_bp(cess)
    if not values:
        raise ValidationError("item", "nothing to change; give --hsn, --tax-rate or --cess")
    with ctx.write() as conn:
        row = _find(conn, ctx, code, active_only=False)
        changed = {k: v for k, v in values.items() if row[k] != v}
        if changed:
            conn.execute(update(I).where(I.c.id == row["id"]).values(**changed))
            audit.record(conn, ctx, "item edited", row["name"], "",
                         **{k: {"from": row[k], "to": v} for k, v in changed.items()})
        row = conn.execute(select(I).where(I.c.id == row["id"])).mappings().one()
    return item_view(row)


def set_item_active(ctx: Context, code: str, active: bool) -> ItemView:
    require(ctx, SETTINGS)
    with ctx.write() as conn:
        row = _find(conn, ctx, code, active_only=False)
        conn.execute(update(I).where(I.c.id == row["id"]).values(active=active))
        audit.record(conn, ctx, "item reactivated" if active else "item deactivated", row["name"], "")
        row = conn.execute(select(I).where(I.c.id == row["id"])).mappings().one()
    return item_view(row)


def _find(conn, ctx: Context, code: str, active_only: bool = True):
    code = (code or "").strip()
    if not code:
        raise ValidationError("item", "is empty; give a SKU, barcode or name")
    base = select(I).where(I.c.store_id == ctx.store_id)
    if active_only:
        base = base.where(I.c.active.is_(True))
    for cond in (I.c.barcode == code, I.c.sku == code, I.c.sku == code.upper(), I.c.name_key == code.casefold(),
                 I.c.id == code):
        row = conn.execute(base.where(cond)).mappings().first()
        if row:
            return row
    raise NotFound("item", "no item with SKU, barcode or name {code!r}", code=code)


def find_item(ctx: Context, code: str) -> ItemView:
    """An active item by barcode, SKU or exact name (what a scanner or cashier types)."""
    with ctx.read() as conn:
        return item_view(_find(conn, ctx, code))


def scan_line(ctx: Context, code: str) -> CartLine:
    """The cart line for what was scanned or typed: a weighing scale's label (the store's layout,
    ``stores.scale_barcode``: the item by its SKU or barcode = the label's item code, the weight or price
    read as the line's quantity, domain/scale_barcode.py), else one unit of sale of the item the code names
    (``find_item``). One statement either way."""
    layout = scale_barcode.parse_layout(ctx.store.scale_barcode) if ctx.store.scale_barcode else None
    text = (code or "").strip()
    if layout is None or not scale_barcode.matches(text, layout):
        return cart_line(find_item(ctx, text), ctx.store.gst_registration)
    reading = scale_barcode.parse_scale_barcode(text, layout)
    codes = scale_barcode.item_codes(reading)
    with ctx.read() as conn:
        row = conn.execute(select(I).where(I.c.store_id == ctx.store_id, I.c.active.is_(True),
                                           or_(I.c.sku.in_(codes), I.c.barcode.in_(codes)))
                           .order_by(I.c.name_key).limit(1)).mappings().first()
    if row is None:
        raise NotFound("item", f"no item has the scale's item code {reading.item_code} as its SKU or barcode "
                               f"(label {text})")
    item = item_view(row)
    return cart_line(item, ctx.store.gst_registration,
                     scale_barcode.quantity_of(reading, item.unit, item.price, item.pack_size))


def find_items(ctx: Context, codes: list[str]) -> dict[str, ItemView]:
    with ctx.read() as conn:
        return {code: item_view(_find(conn, ctx, code)) for code in codes}


def list_items(ctx: Context, search: str = "", limit: int = 200, active_only: bool = True) -> list[ItemView]:
    q = select(I).where(I.c.store_id == ctx.store_id)
    if active_only:
        q = q.where(I.c.active.is_(True))
    s = search.strip()
    if s:
        like = f"%{s.casefold()}%"
        q = q.where(or_(I.c.name_key.like(like), I.c.sku == s, I.c.barcode == s))
    with ctx.read() as conn:
        rows = conn.execute(q.order_by(I.c.name_key).limit(limit)).mappings().all()
    return [item_view(r) for r in rows]


def most_sold(ctx: Context, limit: int = 12) -> list[ItemView]:
    q = (select(I).where(I.c.store_id == ctx.store_id, I.c.active.is_(True))
         .order_by(I.c.sold_qty.desc(), I.c.name_key).limit(limit))
    with ctx.read() as conn:
        return [item_view(r) for r in conn.execute(q).mappings().all()]
