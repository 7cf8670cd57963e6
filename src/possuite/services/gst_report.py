"""The GST report of a period, shaped as GSTR-1's sections: ``gst_report(ctx, date_from, date_to) -> GstReport``
(four statements, whatever the period holds).

What it reads is what each bill and credit note stored at posting (the tax split of every line, the
buyer's GSTIN and the place of supply, docs/architecture.md §5 GST); nothing is recomputed.

- **b2b**: every invoice to a buyer with a GSTIN, one row per rate (the offline tool's layout).
- **b2cs**: supplies to unregistered buyers, by place of supply and rate, net of their credit notes
  (GSTR-1 reports B2C small returns by lowering b2cs). A counter sale to an unregistered buyer is
  always supplied in the store's state (``domain/gst.py::sale_place_of_supply``), so nothing falls in
  b2cl (inter-state B2C above ₹1 lakh).
- **cdnr**: credit notes (``services/credit_notes.py``'s table, written by the returns) against invoices
  to registered buyers, one row per rate; their tax is split as the invoice's was.
- **hsn(b2b)**, **hsn(b2c)**: the HSN summary (table 12) of each side, net of credit notes.
- **totals**: the period's invoices (cancelled ones apart), credit notes and the net, plus what
  reconciles with the day reports: Σ day ``sales_total`` = ``sales_value``, Σ ``tax`` = ``sales_tax``,
  Σ ``returns_value`` = ``credit_value``; cancelled = bills of the period voided since.

Bills of supply (posted under a composition or unregistered registration) are in no section, only in
the totals. Left out: complimentary bills (no consideration, nothing charged; the day report lists them apart) and
cancelled (voided) invoices.

Cess (an item's compensation cess, ``domain/gst.py``) fills the Cess Amount of every section, from what
each line stored (``bill_lines.cess``, ``credit_note_lines.cess``). In the totals, ``tax`` is every tax
with the cess in it (the day report's ``tax`` counts it too: the book's ``tax`` columns include it) and
``cess`` is that part of it; CGST + SGST + IGST + cess == tax.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import text

from possuite.domain import gst, quantity
from possuite.domain.errors import ValidationError
from possuite.services.context import Context, StoreSettings
from possuite.services.perf import REPORT, timed
from possuite.services.permissions import VIEW_BALANCES, require

#: bill_lines.qty and the HSN summary's quantity are both thousandths of the line's unit (migration 0010);
#: a strip line counts tablets (UQC TBS).
UQC_GOODS = "NOS-NUMBERS"
UQC_OTHER = "OTH-OTHERS"
MAX_DAYS = 366
#: Registrations whose bills are bills of supply (GSTR-1 is a regular taxpayer's return).
SUPPLY_ONLY = frozenset({gst.COMPOSITION, gst.UNREGISTERED})


@dataclass(frozen=True)
class B2bRow:
    gstin: str
    receiver: str
    number: str
    date: date
    invoice_value: int      # the whole invoice (repeated on each of its rate rows, as the template wants)
    place: str              # state code
    rate_bp: int
    taxable: int
    igst: int
    cgst: int
    sgst: int
    cess: int = 0


@dataclass(frozen=True)
class B2csRow:
    place: str
    rate_bp: int
    taxable: int
    igst: int
    cgst: int
    sgst: int
    cess: int = 0


@dataclass(frozen=True)
class CdnrRow:
    gstin: str
    receiver: str
    number: str
    date: date
    note_value: int
    place: str
    rate_bp: int
    taxable: int
    igst: int
    cgst: int
    sgst: int
    invoice: str            # the bill it reverses (not a template column; kept for the accountant)
    cess: int = 0


@dataclass(frozen=True)
class Side:
    """Figures of a set of documents: taxable value, the tax heads, the value."""

    count: int = 0
    taxable: int = 0
    cgst: int = 0
    sgst: int = 0
    igst: int = 0
    cess: int = 0

    @property
    def tax(self) -> int:
        """Every tax, the cess included (what the day report's ``tax`` counts)."""
        return self.cgst + self.sgst + self.igst + self.cess

    @property
    def value(self) -> int:
        return self.taxable + self.tax

    def as_json(self) -> dict:
        return {"count": self.count, "taxable": self.taxable, "cgst": self.cgst, "sgst": self.sgst,
                "igst": self.igst, "cess": self.cess, "tax": self.tax, "value": self.value}


@dataclass(frozen=True)
class GstReport:
    store: StoreSettings
    date_from: date
    date_to: date
    generated_at: datetime
    b2b: tuple[B2bRow, ...]
    b2cs: tuple[B2csRow, ...]
    cdnr: tuple[CdnrRow, ...]
    hsn_b2b: tuple[gst.HsnRow, ...]
    hsn_b2c: tuple[gst.HsnRow, ...]
    invoices: Side              # reported tax invoices (not cancelled, not complimentary)
    credit_notes: Side          # credit notes of the period against tax invoices
    cancelled: Side             # invoices of the period voided since
    bills_of_supply: Side = Side()        # bills of a composition/unregistered registration: in no section
    bill_of_supply_credits: Side = Side()  # credit notes against those
    lines_without_hsn: int = 0  # lines the return needs an HSN for: fix the items
    by_rate: dict[int, Side] = field(default_factory=dict)   # net (invoices − credit notes) per rate

    @property
    def net(self) -> Side:
        i, c = self.invoices, self.credit_notes
        return Side(i.count, i.taxable - c.taxable, i.cgst - c.cgst, i.sgst - c.sgst, i.igst - c.igst,
                    i.cess - c.cess)

    @property
    def sales_value(self) -> int:
        """Every bill with a value, cancelled ones included: Σ the day reports' sales total over the period."""
        return self.invoices.value + self.cancelled.value + self.bills_of_supply.value

    @property
    def sales_tax(self) -> int:
        """Σ the day reports' tax over the period."""
        return self.invoices.tax + self.cancelled.tax

    @property
    def credit_value(self) -> int:
        """Σ the day reports' returns value over the period."""
        return self.credit_notes.value + self.bill_of_supply_credits.value

    def as_json(self) -> dict:
        def hsn(rows):
            return [{"hsn": r.hsn, "description": r.description, "uqc": r.uqc, "quantity_milli": r.quantity,
                     "rate_bp": r.rate_bp, "taxable": r.taxable, "igst": r.igst, "cgst": r.cgst, "sgst": r.sgst,
                     "cess": r.cess, "value": r.value} for r in rows]

        return {
            "from": self.date_from.isoformat(), "to": self.date_to.isoformat(),
            "gstin": self.store.tax_id, "state": self.store.state, "template": gst.GSTR1_TEMPLATE,
            "b2b": [{"gstin": r.gstin, "receiver": r.receiver, "number": r.number, "date": r.date.isoformat(),
                     "invoice_value": r.invoice_value, "place_of_supply": r.place, "rate_bp": r.rate_bp,
                     "taxable": r.taxable, "igst": r.igst, "cgst": r.cgst, "sgst": r.sgst, "cess": r.cess}
                    for r in self.b2b],
            "b2cs": [{"place_of_supply": r.place, "rate_bp": r.rate_bp, "taxable": r.taxable, "igst": r.igst,
                      "cgst": r.cgst, "sgst": r.sgst, "cess": r.cess} for r in self.b2cs],
            "cdnr": [{"gstin": r.gstin, "receiver": r.receiver, "number": r.number, "date": r.date.isoformat(),
                      "note_value": r.note_value, "place_of_supply": r.place, "rate_bp": r.rate_bp,
                      "taxable": r.taxable, "igst": r.igst, "cgst": r.cgst, "sgst": r.sgst, "cess": r.cess,
                      "invoice": r.invoice} for r in self.cdnr],
            "hsn_b2b": hsn(self.hsn_b2b), "hsn_b2c": hsn(self.hsn_b2c),
            "totals": {"invoices": self.invoices.as_json(), "credit_notes": self.credit_notes.as_json(),
                       "net": self.net.as_json(), "cancelled": self.cancelled.as_json(),
                       "bills_of_supply": self.bills_of_supply.as_json(),
                       "bill_of_supply_credits": self.bill_of_supply_credits.as_json(),
                       "sales_value": self.sales_value, "sales_tax": self.sales_tax,
                       "credit_value": self.credit_value, "lines_without_hsn": self.lines_without_hsn,
                       "by_rate": [{"rate_bp": k, **v.as_json()} for k, v in sorted(self.by_rate.items())]},
        }


# Every non-complimentary bill of the period, its lines grouped by rate, HSN and kind (one statement).
_LINES = text(
    "SELECT b.id, b.number, b.business_date, b.total, b.voided_at IS NOT NULL AS voided, b.buyer_gstin, "
    " b.gst_registration AS reg, "
    " b.place_of_supply, c.name AS customer, l.tax_rate_bp AS rate, l.hsn, l.kind, l.unit, "
    " MIN(l.description) AS descr, "
    " SUM(l.qty) AS qty, SUM(l.net) AS net, SUM(l.tax) AS tax, SUM(l.cgst) AS cgst, SUM(l.sgst) AS sgst, "
    " SUM(l.igst) AS igst, SUM(l.cess) AS cess, SUM(CASE WHEN l.hsn = '' THEN 1 ELSE 0 END) AS no_hsn "
    "FROM bills b JOIN bill_lines l ON l.bill_id = b.id LEFT JOIN customers c ON c.id = b.customer_id "
    "WHERE b.store_id = :s AND b.business_date BETWEEN :lo AND :hi AND b.complimentary = 0 "
    "GROUP BY b.id, l.tax_rate_bp, l.hsn, l.kind, l.unit "
    "ORDER BY b.business_date, b.posted_at, b.number, l.tax_rate_bp")
# Every credit-note line of the period with what the invoice said (one statement): the split follows it.
_NOTE_LINES = text(
    "SELECT n.id, n.number, n.business_date, n.total, n.complimentary, b.number AS invoice, b.buyer_gstin, "
    " b.gst_registration AS reg, "
    " b.place_of_supply, c.name AS customer, nl.tax_rate_bp AS rate, bl.hsn, bl.kind, bl.unit, "
    " bl.description AS descr, "
    " nl.qty, nl.net, nl.tax, nl.cess, "
    " (bl.igst != 0 OR (b.place_of_supply != '' AND b.place_of_supply != :state)) AS inter "
    "FROM credit_notes n JOIN credit_note_lines nl ON nl.credit_note_id = n.id "
    "JOIN bill_lines bl ON bl.id = nl.bill_line_id JOIN bills b ON b.id = n.bill_id "
    "LEFT JOIN customers c ON c.id = n.customer_id "
    "WHERE n.store_id = :s AND n.business_date BETWEEN :lo AND :hi AND n.complimentary = 0 "
    "ORDER BY n.business_date, n.posted_at, n.number, nl.position")


class _Acc:
    """Running sums of taxable value, the three heads and the cess."""

    __slots__ = ("count", "taxable", "cgst", "sgst", "igst", "cess")

    def __init__(self) -> None:
        self.count = self.taxable = self.cgst = self.sgst = self.igst = self.cess = 0

    def add(self, taxable: int, cgst: int, sgst: int, igst: int, cess: int, sign: int = 1) -> None:
        self.taxable += sign * taxable
        self.cgst += sign * cgst
        self.sgst += sign * sgst
        self.igst += sign * igst
        self.cess += sign * cess

    def side(self) -> Side:
        return Side(self.count, self.taxable, self.cgst, self.sgst, self.igst, self.cess)


def check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValidationError("to", "{date_to} is before {date_from}",
                              date_to=date_to.isoformat(), date_from=date_from.isoformat())
    if (date_to - date_from).days >= MAX_DAYS:
        raise ValidationError("to", "a GST report covers at most {max_days} days (a return period is a month or a "
                                    "quarter)",
                              max_days=MAX_DAYS)


def _split_line(line: gst.TaxLine, cgst: int, sgst: int, igst: int, cess: int) -> gst.SplitLine:
    return gst.SplitLine(line, cgst + sgst + igst, cgst, sgst, igst, cess)


@timed(REPORT, "GST report")
def gst_report(ctx: Context, date_from: date, date_to: date) -> GstReport:
    """GSTR-1's sections for ``date_from..date_to`` (business dates, both included); see the module docstring."""
    require(ctx, VIEW_BALANCES)
    check_period(date_from, date_to)
    store = ctx.store
    params = {"s": ctx.store_id, "lo": date_from.isoformat(), "hi": date_to.isoformat(), "state": store.state}
    with ctx.read() as conn:
        lines = conn.execute(_LINES, params).mappings().all()
        notes = conn.execute(_NOTE_LINES, params).mappings().all()

    invoices, credits, cancelled, bos, bos_credits = _Acc(), _Acc(), _Acc(), _Acc(), _Acc()
    by_rate: dict[int, _Acc] = defaultdict(_Acc)
    b2b: list[B2bRow] = []
    b2cs: dict[tuple[str, int], _Acc] = defaultdict(_Acc)
    hsn_lines: dict[bool, list[gst.SplitLine]] = {True: [], False: []}
    seen: set[str] = set()
    no_hsn = 0
    for r in lines:
        if r["voided"]:
            if r["id"] not in seen:
                cancelled.count += 1
            cancelled.add(r["net"], r["cgst"], r["sgst"], r["igst"], r["cess"])
            seen.add(r["id"])
            continue
        if r["reg"] in SUPPLY_ONLY:  # a bill of supply: no tax, and no GSTR-1 section for it
            if r["id"] not in seen:
                bos.count += 1
                seen.add(r["id"])
            bos.add(r["net"], r["cgst"], r["sgst"], r["igst"], r["cess"])
            continue
        if r["id"] not in seen:
            invoices.count += 1
            seen.add(r["id"])
        no_hsn += r["no_hsn"]
        invoices.add(r["net"], r["cgst"], r["sgst"], r["igst"], r["cess"])
        by_rate[r["rate"]].add(r["net"], r["cgst"], r["sgst"], r["igst"], r["cess"])
        place = r["place_of_supply"] or store.state
        registered = bool(r["buyer_gstin"])
        if registered:
            b2b.append(B2bRow(r["buyer_gstin"], r["customer"] or "", r["number"], _as_date(r["business_date"]),
                              r["total"], place, r["rate"], r["net"], r["igst"], r["cgst"], r["sgst"], r["cess"]))
        else:
            b2cs[(place, r["rate"])].add(r["net"], r["cgst"], r["sgst"], r["igst"], r["cess"])
        hsn_lines[registered].append(_split_line(
            gst.TaxLine(r["net"], r["rate"], hsn=r["hsn"], description=r["descr"], uqc=_uqc(r["kind"], r["unit"]),
                        quantity=r["qty"]), r["cgst"], r["sgst"], r["igst"], r["cess"]))

    cdnr: list[CdnrRow] = []
    note_ids: set[str] = set()
    for r in notes:
        cess = r["cess"]
        cgst, sgst, igst = gst.split_line_tax(r["tax"] - cess, bool(r["inter"]))   # cess is never split
        if r["reg"] in SUPPLY_ONLY:
            if r["id"] not in note_ids:
                bos_credits.count += 1
                note_ids.add(r["id"])
            bos_credits.add(r["net"], cgst, sgst, igst, cess)
            continue
        if r["id"] not in note_ids:
            credits.count += 1
            note_ids.add(r["id"])
        credits.add(r["net"], cgst, sgst, igst, cess)
        by_rate[r["rate"]].add(r["net"], cgst, sgst, igst, cess, sign=-1)
        place = r["place_of_supply"] or store.state
        registered = bool(r["buyer_gstin"])
        if registered:
            cdnr.append(CdnrRow(r["buyer_gstin"], r["customer"] or "", r["number"], _as_date(r["business_date"]),
                                r["total"], place, r["rate"], r["net"], igst, cgst, sgst, r["invoice"], cess))
        else:
            b2cs[(place, r["rate"])].add(r["net"], cgst, sgst, igst, cess, sign=-1)
        hsn_lines[registered].append(_split_line(
            gst.TaxLine(-r["net"], r["rate"], hsn=r["hsn"], description=r["descr"], uqc=_uqc(r["kind"], r["unit"]),
                        quantity=-r["qty"]), -cgst, -sgst, -igst, -cess))

    return GstReport(
        store=store, date_from=date_from, date_to=date_to, generated_at=ctx.clock.now(),
        b2b=_merge_b2b(b2b), b2cs=tuple(B2csRow(place, rate, a.taxable, a.igst, a.cgst, a.sgst, a.cess)
                                   for (place, rate), a in sorted(b2cs.items())),
        cdnr=_merge_cdnr(cdnr), hsn_b2b=gst.hsn_summary(hsn_lines[True]), hsn_b2c=gst.hsn_summary(hsn_lines[False]),
        invoices=invoices.side(), credit_notes=credits.side(), cancelled=cancelled.side(), bills_of_supply=bos.side(),
        bill_of_supply_credits=bos_credits.side(), lines_without_hsn=no_hsn,
        by_rate={k: v.side() for k, v in sorted(by_rate.items())})


def _merge_b2b(rows: list[B2bRow]) -> tuple[B2bRow, ...]:
    """One b2b row per invoice and rate (the query gives one per rate, HSN and kind)."""
    out: dict[tuple[str, int], B2bRow] = {}
    for r in rows:
        key = (r.number, r.rate_bp)
        old = out.get(key)
        out[key] = r if old is None else B2bRow(
            r.gstin, r.receiver, r.number, r.date, r.invoice_value, r.place, r.rate_bp, old.taxable + r.taxable,
            old.igst + r.igst, old.cgst + r.cgst, old.sgst + r.sgst, old.cess + r.cess)
    return tuple(out.values())


def _merge_cdnr(rows: list[CdnrRow]) -> tuple[CdnrRow, ...]:
    """One cdnr row per credit note and rate (the query gives one per credit-note line)."""
    out: dict[tuple[str, int], CdnrRow] = {}
    for r in rows:
        key = (r.number, r.rate_bp)
        old = out.get(key)
        out[key] = r if old is None else CdnrRow(
            r.gstin, r.receiver, r.number, r.date, r.note_value, r.place, r.rate_bp, old.taxable + r.taxable,
            old.igst + r.igst, old.cgst + r.cgst, old.sgst + r.sgst, r.invoice, old.cess + r.cess)
    return tuple(out.values())


def _uqc(kind: str, unit: str = "piece") -> str:
    """The GSTR-1 unit quantity code of a line: its unit's (KGS, LTR, MTR, GMS, TBS for a strip's tablets);
    a piece is NOS for goods, OTH otherwise."""
    if unit != "piece" and unit in quantity.UNITS:
        code = quantity.uqc_for(unit)
        return quantity.UQC_LABELS.get(code, code)
    return UQC_GOODS if kind == "product" else UQC_OTHER


def _as_date(v) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])
