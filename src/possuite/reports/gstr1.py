"""The GST report as the GSTR-1 offline tool's CSV files and as JSON (docs/architecture.md §5, GST).

One CSV per section, named after the template's sheet, with the template's column names in its order
(``domain/gst.py`` ``GSTR1_*_COLUMNS``, template ``GSTR1_TEMPLATE``): ``b2b,sez,de.csv``, ``b2cs.csv``,
``cdnr.csv``, ``hsn(b2b).csv``, ``hsn(b2c).csv``. Values are spelled as the template spells them: amounts
as plain rupees (``1234.50``), dates ``24-May-2017``, Rate ``18``, Place Of Supply ``29-Karnataka``,
Reverse Charge ``N``, Invoice Type / Note Supply Type ``Regular B2B``, b2cs Type ``OE``, Note Type ``C``.
Files are written to a temporary name and moved into place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from possuite.domain import gst
from possuite.domain.money import to_major_string
from possuite.reports.csv_export import safe, write_csv
from possuite.services.gst_report import GstReport
from possuite.services.perf import REPORT, timed

FILES = {"b2b": "b2b,sez,de.csv", "b2cs": "b2cs.csv", "cdnr": "cdnr.csv", "hsn_b2b": "hsn(b2b).csv",
         "hsn_b2c": "hsn(b2c).csv"}


def _rate(bp: int) -> str:
    whole, frac = divmod(bp, 100)
    return str(whole) if not frac else f"{whole}.{frac:02d}".rstrip("0")


def _qty(milli: int) -> str:
    sign = "-" if milli < 0 else ""
    whole, frac = divmod(abs(milli), 1000)
    return f"{sign}{whole}" if not frac else f"{sign}{whole}.{frac:03d}".rstrip("0")


def rows_of(report: GstReport) -> dict[str, tuple[Sequence[str], list[list[str]]]]:
    """Each section's header and rows as the template spells them."""
    cur = report.store.currency

    def m(minor: int) -> str:
        return to_major_string(minor, cur)

    def day(d) -> str:
        return d.strftime(gst.GSTR1_DATE_FORMAT)

    place = gst.gstr1_place_label

    def hsn_rows(rows):
        return [[r.hsn, safe(r.description), r.uqc, _qty(r.quantity), m(r.value), _rate(r.rate_bp), m(r.taxable),
                 m(r.igst), m(r.cgst), m(r.sgst), m(r.cess)] for r in rows]

    return {
        "b2b": (gst.GSTR1_B2B_COLUMNS, [
            [r.gstin, safe(r.receiver), r.number, day(r.date), m(r.invoice_value), place(r.place), "N", "",
             "Regular B2B", "", _rate(r.rate_bp), m(r.taxable), m(r.cess)] for r in report.b2b]),
        "b2cs": (gst.GSTR1_B2CS_COLUMNS, [
            ["OE", place(r.place), "", _rate(r.rate_bp), m(r.taxable), m(r.cess), ""] for r in report.b2cs]),
        "cdnr": (gst.GSTR1_CDNR_COLUMNS, [
            [r.gstin, safe(r.receiver), r.number, day(r.date), "C", place(r.place), "N", "Regular B2B",
             m(r.note_value), "", _rate(r.rate_bp), m(r.taxable), m(r.cess)] for r in report.cdnr]),
        "hsn_b2b": (gst.GSTR1_HSN_COLUMNS, hsn_rows(report.hsn_b2b)),
        "hsn_b2c": (gst.GSTR1_HSN_COLUMNS, hsn_rows(report.hsn_b2c)),
    }


@timed(REPORT, "GST CSV")
def write_gstr1_csv(report: GstReport, folder: str | os.PathLike) -> list[Path]:
    """The five section files in ``folder`` (which must exist); returns their paths."""
    folder = Path(folder)
    out = []
    for key, (header, rows) in rows_of(report).items():
        path = folder / FILES[key]
        write_csv(path, header, rows)
        out.append(path)
    return out


def write_gst_json(report: GstReport, path: str | os.PathLike) -> Path:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_text(json.dumps(report.as_json(), indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
