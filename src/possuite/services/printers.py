"""Receipt printers (the ``printers`` table): add, list, remove, choose the default, test.

Changing printers is an owner's job (``permissions.SETTINGS``); listing is open to
anyone (the till shows which printer it uses).
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, update

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain.errors import Conflict, NotFound, ValidationError
from possuite.domain.receipt import ReceiptLine, SaleReceipt, StoreHeader, TaxAtRate, TenderLine
from possuite.i18n import translator
from possuite.printing.connections import TYPES, PrinterConfig, PrinterOffline, PrinterSetupError, parse_target, send
from possuite.printing.escpos_render import SYMBOL_MODES, escpos_bytes
from possuite.printing.template_folder import user_template_dir
from possuite.printing.templates import WIDTHS, layout
from possuite.services import audit
from possuite.services.context import Context
from possuite.services.permissions import SETTINGS, require
from possuite.services.validation import clean_text

PR = m.Printer.__table__
J = m.PrintJob.__table__


def profiles() -> list[str]:
    """The python-escpos capability profiles a printer may name."""
    from escpos.capabilities import CAPABILITIES  # deferred: python-escpos is heavy; only printer setup needs it

    return sorted(CAPABILITIES["profiles"])


def _config(r) -> PrinterConfig:
    return PrinterConfig(name=r["name"], type=r["type"], target=r["target"], width=r["width"], profile=r["profile"],
                         symbol_mode=r["symbol_mode"], cut=bool(r["cut"]), drawer_kick=bool(r["drawer_kick"]),
                         id=r["id"], is_default=bool(r["is_default"]))


def add_printer(ctx: Context, name: str, type: str, target: str, *, width: int = 42, profile: str = "default",
                symbol_mode: str = "image", default: bool = False, cut: bool = True,
                drawer_kick: bool = False) -> PrinterConfig:
    """Add a printer; the first one added becomes the default."""
    require(ctx, SETTINGS)
    name = clean_text(name, "name", required=True, max_len=100)
    target = parse_target(type, target)
    if width not in WIDTHS:
        raise ValidationError("width", "{width} is not a paper width; use 32 (58 mm), 42 or 48 (80 mm)", width=width)
    profile = (profile or "default").strip()
    if profile not in profiles():
        raise ValidationError("profile", "{profile!r} is not a known printer profile (e.g. default, TM-T88V, TM-T20II, "
                                         "POS-5890); see `python -m escpos.cli showcase` or use default",
                              profile=profile)
    if symbol_mode not in SYMBOL_MODES:
        raise ValidationError("symbol mode", "{symbol_mode!r} is not one of {choices}",
                              symbol_mode=symbol_mode, choices=', '.join(SYMBOL_MODES))
    with ctx.write() as conn:
        taken = conn.execute(select(PR.c.id).where(PR.c.store_id == ctx.store_id,
                                                   func.lower(PR.c.name) == name.lower())).first()
        if taken:
            raise Conflict("name", "a printer named {name!r} already exists", name=name)
        count = select(func.count()).select_from(PR).where(PR.c.store_id == ctx.store_id)
        first = conn.execute(count).scalar_one() == 0
        make_default = default or first
        if make_default:
            conn.execute(update(PR).where(PR.c.store_id == ctx.store_id).values(is_default=False))
        pid = new_id()
        conn.execute(insert(PR).values(id=pid, store_id=ctx.store_id, name=name, type=type, target=target,
                                       width=width, profile=profile, symbol_mode=symbol_mode,
                                       is_default=make_default, cut=cut, drawer_kick=drawer_kick))
        audit.record(conn, ctx, "printer added", name, "", type=type, address=target, default=make_default)
    return PrinterConfig(name, type, target, width, profile, symbol_mode, cut, drawer_kick, pid, make_default)


def list_printers(ctx: Context) -> list[PrinterConfig]:
    with ctx.read() as conn:
        rows = conn.execute(select(PR).where(PR.c.store_id == ctx.store_id)
                            .order_by(PR.c.is_default.desc(), PR.c.name)).mappings().all()
    return [_config(r) for r in rows]


def get_printer(ctx: Context, name: str | None = None) -> PrinterConfig:
    """A printer by name, or the default printer when ``name`` is None."""
    with ctx.read() as conn:
        q = select(PR).where(PR.c.store_id == ctx.store_id)
        q = q.where(func.lower(PR.c.name) == name.strip().lower()) if name else q.where(PR.c.is_default.is_(True))
        row = conn.execute(q.limit(1)).mappings().first()
    if row is None:
        if name:
            raise NotFound("printer", "no printer named {name!r}", name=name)
        raise NotFound("printer", "no default printer; add one with `possuite printer add NAME --type … --target … "
                                  "--default`")
    return _config(row)


def printer_by_id(ctx: Context, printer_id: str) -> PrinterConfig | None:
    with ctx.read() as conn:
        row = conn.execute(select(PR).where(PR.c.store_id == ctx.store_id, PR.c.id == printer_id)).mappings().first()
    return _config(row) if row else None


def set_default(ctx: Context, name: str) -> PrinterConfig:
    require(ctx, SETTINGS)
    cfg = get_printer(ctx, name)
    with ctx.write() as conn:
        conn.execute(update(PR).where(PR.c.store_id == ctx.store_id).values(is_default=PR.c.id == cfg.id))
        audit.record(conn, ctx, "default printer", cfg.name, "")
    return get_printer(ctx, cfg.name)


def remove_printer(ctx: Context, name: str) -> None:
    """Remove a printer. Its waiting jobs move to the new default printer (or wait for one)."""
    require(ctx, SETTINGS)
    cfg = get_printer(ctx, name)
    with ctx.write() as conn:
        conn.execute(PR.delete().where(PR.c.id == cfg.id))
        new_default = None
        if cfg.is_default:
            new_default = conn.execute(select(PR.c.id).where(PR.c.store_id == ctx.store_id)
                                       .order_by(PR.c.name).limit(1)).scalar_one_or_none()
            if new_default:
                conn.execute(update(PR).where(PR.c.id == new_default).values(is_default=True))
        conn.execute(update(J).where(J.c.store_id == ctx.store_id, J.c.printer_id == cfg.id,
                                     J.c.status.in_(("queued", "failed"))).values(printer_id=new_default))
        audit.record(conn, ctx, "printer removed", cfg.name, "")


def sample_receipt(ctx: Context) -> SaleReceipt:
    """A test receipt with the store's header, ₹ amounts, bold and double-height lines (its words in the store's
    receipt language)."""
    s = ctx.store
    _ = translator(s.receipt_language).gettext
    return SaleReceipt(
        store=StoreHeader(s.name, s.address, s.phone, s.tax_id, ""), currency=ctx.currency, number="TEST PRINT",
        posted_at=ctx.clock.now(), cashier=ctx.actor.name,
        lines=(ReceiptLine(_("Test item with a long name that wraps onto the next line"), 2000, 300_00, 708_00, 0,
                           1800),
               ReceiptLine(_("Second item"), 1000, 100_00, 100_00)),
        subtotal=700_00, discount=0, tax=108_00, taxes=(TaxAtRate(1800, 108_00),), total=808_00, retail_value=808_00,
        outcome="pending", tenders=(TenderLine("cash", 208_00),), pending=600_00, customer_name=_("Test Customer"),
        previous_balance=0, total_outstanding=600_00, note=_("If you can read ₹600.00 above, this printer is ready."),
    )


def test_print(ctx: Context, name: str | None = None) -> PrinterConfig:
    """Print the sample receipt on a printer now (not through the queue); raises if it fails."""

    cfg = get_printer(ctx, name)
    rows = layout(sample_receipt(ctx), cfg.width, ascii_money=cfg.symbol_mode == "symbol",
                  user_dir=user_template_dir(ctx.db_path, ctx.receipts_dir), lang=ctx.store.receipt_language,
                  digits=ctx.store.receipt_digits)
    data = escpos_bytes(rows, width=cfg.width, profile=cfg.profile, symbol_mode=cfg.symbol_mode, cut=cfg.cut)
    try:
        send(cfg, data)
    except (PrinterOffline, PrinterSetupError) as exc:
        raise PrinterUnavailable("printer", "{name}: {exc}", name=cfg.name, exc=exc) from exc
    return cfg


class PrinterUnavailable(Conflict):
    """A printer that could not print right now (the message says why)."""


__all__ = ["TYPES", "PrinterConfig", "PrinterUnavailable", "add_printer", "get_printer", "list_printers",
           "printer_by_id", "profiles", "remove_printer", "sample_receipt", "set_default", "test_print"]
