"""The store's settings: what ``possuite store show|set`` and Settings › Store read and change (owner only,
audited), and the GST registration rule both they and ``init`` use (docs/architecture.md §5, GST).

GST set-up of a store in India (``country == "IN"``):

- a GSTIN (the ``tax_id`` column) is checked by ``domain/gstin.py``; it fixes the store's state (its first
  two digits) and makes the store ``regular`` unless the owner says ``composition``;
- ``regular`` and ``composition`` need the GSTIN; ``unregistered`` may not have one;
- ``gst_registration == ""`` is a book that has not set GST up: it sells as it always did (item tax
  rates charged, the receipt without GST details). Giving a GSTIN or a registration sets it up.

Outside India the tax id is free text and the GST fields stay empty.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import func, select, update

from possuite.db import models as m
from possuite.domain import gst, scale_barcode
from possuite.domain.errors import ValidationError
from possuite.domain.money import currency_for
from possuite.i18n import LANGUAGES, language_tag, normalise_language, split_language_tag
from possuite.services import audit
from possuite.services.context import Context
from possuite.services.ledger import check_number_length
from possuite.services.permissions import SETTINGS, require
from possuite.services.validation import clean_text

S = m.Store.__table__

#: Text settings: (label used in errors, longest length).
TEXT_SETTINGS = {
    "name": ("store name", 120), "address": ("address", 300), "phone": ("phone", 40),
    "upi_id": ("UPI id", 100), "invoice_prefix": ("invoice prefix", 10),
}
GST_SETTINGS = ("tax_id", "state", "gst_registration")
MAX_CREDIT_DAYS = 365


@dataclass(frozen=True)
class GstSetup:
    tax_id: str
    state: str
    gst_registration: str


def gst_setup(country: str, tax_id: str | None, state: str | None, registration: str | None, *,
              current: GstSetup | None = None) -> GstSetup:
    """The store's GSTIN, state and registration after a change (None: not given, keep or derive).

    Raises ValidationError naming ``tax id`` (the GSTIN), ``state`` or ``gst``.
    """
    cur = current or GstSetup("", "", "")
    if country != "IN":
        if state or registration:
            raise ValidationError("state" if state else "gst", "GST applies to stores in India (currency INR)")
        tid = cur.tax_id if tax_id is None else clean_text(tax_id, "tax id", max_len=40)
        return GstSetup(tid, "", "")
    tid = cur.tax_id if tax_id is None else clean_text(tax_id, "tax id", max_len=40)
    if tid:
        tid = gst.validate_gstin(tid, "tax id")
    reg = cur.gst_registration if registration is None else (
        gst.parse_registration(registration, "gst") if str(registration).strip() else "")
    if tid and (not reg or (registration is None and tax_id is not None)):
        # A GSTIN sets GST up (regular unless the store says composition).
        reg = gst.COMPOSITION if reg == gst.COMPOSITION else gst.REGULAR
    if registration is None and tax_id is not None and not tid and reg in (gst.REGULAR, gst.COMPOSITION):
        raise ValidationError("tax id", "a {reg} registration needs the store's GSTIN; to remove it, also set the "
                                        "registration to unregistered",
                              reg=reg)
    if reg in (gst.REGULAR, gst.COMPOSITION) and not tid:
        raise ValidationError("tax id", "a {reg} registration needs the store's GSTIN (15 characters, e.g. "
                                        "29ABCDE1234F1Z5)",
                              reg=reg)
    if reg == gst.UNREGISTERED and tid:
        raise ValidationError("gst", "an unregistered store has no GSTIN; remove the tax id or choose "
                                     "regular or composition")
    st = cur.state if state is None else (gst.parse_state(state, "state") if str(state).strip() else "")
    if tid:
        home = tid[:2]
        if state is not None and st and st != home:
            raise ValidationError("state", "{label} differs from the GSTIN's state {label2}",
                                  label=gst.state(st).label, label2=gst.state(home).label)
        st = home
    return GstSetup(tid, st, reg)


@dataclass(frozen=True)
class StoreView:
    name: str
    address: str
    phone: str
    tax_id: str
    state: str
    gst_registration: str
    currency: str
    country: str
    credit_days: int
    invoice_prefix: str
    receipt_prefix: str
    upi_id: str
    allow_advances: bool
    cashier_may_comp: bool
    shifts_required: bool = False
    max_cashier_discount_bp: int | None = None
    return_days: int = 7   # a cashier's returns: bills up to this many days old (docs/architecture.md §3.4)
    receipt_language: str = "en"   # what receipts print in (possuite.i18n.LANGUAGES), whatever the screen's
    scale_barcode: str = ""   # this till's scale label layout, "21 IIIII WWWWW C" (domain/scale_barcode.py)
    devanagari_digits: bool = False   # amounts in ०१२३ for Hindi readers (kept in the receipt language's tag)

    @property
    def state_label(self) -> str:
        return gst.state(self.state).label if self.state else ""

    @property
    def document_heading(self) -> str:
        """What the store's sale receipts are headed (TAX INVOICE unless GST says BILL OF SUPPLY)."""
        return gst.invoice_heading(self.gst_registration)

    def as_json(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["state_label"] = self.state_label
        out["document_heading"] = self.document_heading
        return out


def show_store(ctx: Context) -> StoreView:
    with ctx.read() as conn:
        r = conn.execute(select(S).where(S.c.id == ctx.store_id)).mappings().one()
    return StoreView(
        name=r["name"], address=r["address"] or "", phone=r["phone"] or "", tax_id=r["tax_id"] or "",
        state=r["state"] or "", gst_registration=r["gst_registration"] or "", currency=r["currency"],
        country=r["country"], credit_days=r["credit_days"], invoice_prefix=r["invoice_prefix"],
        receipt_prefix=r["receipt_prefix"], upi_id=r["upi_id"] or "", allow_advances=bool(r["allow_advances"]),
        cashier_may_comp=bool(r["cashier_may_comp"]), shifts_required=bool(r["shifts_required"]),
        max_cashier_discount_bp=r["max_cashier_discount_bp"], return_days=r["return_days"],
        receipt_language=split_language_tag(r["receipt_language"])[0],
        devanagari_digits=split_language_tag(r["receipt_language"])[1],
        scale_barcode=r["scale_barcode"] or "")


def check_credit_days(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_CREDIT_DAYS:
        raise ValidationError("credit days", "must be a whole number of days from 0 to {max_credit_days}",
                              max_credit_days=MAX_CREDIT_DAYS)
    return value


def check_invoice_prefix(value: str) -> str:
    prefix = clean_text(value, "invoice prefix", required=True, max_len=10).upper()
    if not prefix.isascii() or not prefix.replace("-", "").isalnum():
        raise ValidationError("invoice prefix", "must be letters and digits, e.g. SAL")
    return prefix


def update_settings(ctx: Context, **changes) -> StoreView:
    """Change store settings (owner only), audited with each old and new value. ``None`` leaves a setting.

    Everything is checked before anything is written; a bad value writes nothing.
    """
    require(ctx, SETTINGS)
    changes = {k: v for k, v in changes.items() if v is not None}
    values: dict = {}
    for key, value in changes.items():
        if key in TEXT_SETTINGS:
            label, max_len = TEXT_SETTINGS[key]
            values[key] = clean_text(value, label, required=key in ("name", "invoice_prefix"), max_len=max_len,
                                     multiline=key == "address")
        elif key == "credit_days":
            values[key] = check_credit_days(value)
        elif key == "return_days":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_CREDIT_DAYS:
                raise ValidationError("return days", "must be a whole number of days from 0 to {max_credit_days}",
                                      max_credit_days=MAX_CREDIT_DAYS)
            values[key] = value
        elif key in ("allow_advances", "cashier_may_comp", "shifts_required"):
            values[key] = bool(value)
        elif key == "max_cashier_discount_bp":
            if value == "none":
                values[key] = None
            elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
                raise ValidationError("cashier discount limit", "must be a percentage from 0 to 100")
            else:
                values[key] = value
        elif key == "receipt_language":
            try:
                values[key] = normalise_language(value)
            except ValidationError:
                raise ValidationError("receipt language", "{value!r} is not one of {languages}", value=value,
                                      languages=", ".join(LANGUAGES)) from None
        elif key == "devanagari_digits":
            values[key] = bool(value)
        elif key == "scale_barcode":
            values[key] = scale_barcode.layout_text(scale_barcode.parse_layout(value, "scale barcode"))
        elif key == "currency":
            cur = currency_for(value)
            values["currency"], values["country"] = cur.code, cur.country
        elif key not in GST_SETTINGS:
            raise ValidationError(key, "is not a store setting")
    if "invoice_prefix" in values:
        values["invoice_prefix"] = check_invoice_prefix(values["invoice_prefix"])
    with ctx.write() as conn:
        before = dict(conn.execute(select(S).where(S.c.id == ctx.store_id)).mappings().one())
        if "currency" in values and values["currency"] != before["currency"] and conn.execute(
                select(func.count()).select_from(m.Bill.__table__).where(
                    m.Bill.__table__.c.store_id == ctx.store_id)).scalar_one():
            raise ValidationError("currency", "the book already has bills in {before}; start a new book for another "
                                              "currency",
                                  before=before['currency'])
        if any(k in changes for k in GST_SETTINGS) or "country" in values:
            setup = gst_setup(values.get("country", before["country"]), changes.get("tax_id"), changes.get("state"),
                              changes.get("gst_registration"),
                              current=GstSetup(before["tax_id"] or "", before["state"] or "",
                                               before["gst_registration"] or ""))
            values.update(tax_id=setup.tax_id, state=setup.state, gst_registration=setup.gst_registration)
        if "devanagari_digits" in values or "receipt_language" in values:  # one column: "hi" or "hi-u-nu-deva"
            lang, deva = split_language_tag(before["receipt_language"])
            values["receipt_language"] = language_tag(values.get("receipt_language", lang),
                                                      values.pop("devanagari_digits", deva))
        if "invoice_prefix" in values:  # a registered till's code goes into its numbers too
            till = m.SyncTill.__table__.c  # the table's columns: no ORM set-up for one read (services/app.py)
            code = conn.execute(select(till.code).where(till.store_id == ctx.store_id)).scalar()
            check_number_length("invoice prefix", values["invoice_prefix"], code)
        if values:  # each request is audited (old and new value of each setting it named)
            conn.execute(update(S).where(S.c.id == ctx.store_id).values(**values))
            audit.record(conn, ctx, "settings changed", ctx.store_id, "",
                         **{k: {"from": before.get(k), "to": v} for k, v in values.items()})
    ctx.refresh_store()
    return show_store(ctx)
