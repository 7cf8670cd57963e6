"""The reports page: payment report, customer statement, day-end (Z) report, the GST return (GSTR-1
sections as CSV files or JSON, and a summary shown on the page), and CSV/PDF exports.

Each button asks where to save (``QFileDialog``), then reads the data (``services.statement``,
``payments_report``, ``day_report``, ``exports``) and writes the file (``possuite.reports``) on the
worker while a progress dialog shows; the file is opened when done. ``run_export`` and
``ask_save_path`` are shared with the balances window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.errors import NotFound, PossuiteError, ValidationError
from possuite.domain.money import format_money
from possuite.reports.csv_export import write_balances_csv, write_bills_csv, write_payments_csv
from possuite.reports.gstr1 import write_gst_json, write_gstr1_csv
from possuite.services.customers import get_customer, list_customers
from possuite.services.day_report import day_report
from possuite.services.exports import balances_export, bills_export, payments_export
from possuite.services.gst_report import GstReport, gst_report
from possuite.services.payments_report import payment_report
from possuite.services.statement import customer_statement
from possuite.ui.state import AppState, error_text, show_error
from possuite.ui.translation import localise_date_edit
from possuite.ui.widgets import MessageLine, TouchButton, heading, set_role

Progress = Callable[[int, int], None] | None

FILTERS = {
    "pdf": QT_TRANSLATE_NOOP("reports_page", "PDF files (*.pdf)"),
    "csv": QT_TRANSLATE_NOOP("reports_page", "CSV files (*.csv)"),
    "json": QT_TRANSLATE_NOOP("reports_page", "JSON files (*.json)"),
}


# ---------------------------------------------------------------- the jobs (run on the worker)


def resolve_customer(ctx, term: str | None) -> str | None:
    """A customer id from an id, a phone, or a name that matches exactly one customer."""
    term = (term or "").strip()
    if not term:
        return None

    try:
        return get_customer(ctx, term).id
    except PossuiteError:
        pass
    page = list_customers(ctx, search=term, limit=6)
    exact = [c for c in page.rows if c.name.casefold() == term.casefold()]
    if len(exact) == 1 or page.total == 1:
        return (exact or page.rows)[0].id
    if not page.rows:
        raise NotFound("customer", f"nobody matches “{term}”")
    names = ", ".join(c.name for c in page.rows[:5])
    raise ValidationError("customer", f"“{term}” matches {page.total} customers ({names}); type more or the phone")


def balances_csv(ctx, path, progress: Progress = None) -> Path:

    return Path(write_balances_csv(balances_export(ctx), path))


def balances_pdf(ctx, path, progress: Progress = None) -> Path:
    # deferred: reportlab costs ~0.3 s; only an export needs it
    from possuite.reports.balances_pdf import write_balances_pdf

    return Path(write_balances_pdf(balances_export(ctx), path))


def payments_pdf(ctx, path, date_from: date, date_to: date, customer: str | None, progress: Progress = None) -> Path:
    # deferred: reportlab costs ~0.3 s; only an export needs it
    from possuite.reports.payments_pdf import write_payment_report_pdf

    report = payment_report(ctx, date_from, date_to, resolve_customer(ctx, customer))
    return Path(write_payment_report_pdf(report, path, progress=progress))


def statement_pdf(ctx, path, customer: str | None, date_from: date | None, date_to: date | None,
                  progress: Progress = None) -> Path:
    # deferred: reportlab costs ~0.3 s; only an export needs it
    from possuite.reports.statement_pdf import write_statement_pdf

    cid = resolve_customer(ctx, customer)
    if cid is None:
        raise ValidationError("customer", "is required for a statement; type a name or phone")
    return Path(write_statement_pdf(customer_statement(ctx, cid, date_from, date_to), path))


def day_pdf(ctx, path, day: date, progress: Progress = None) -> Path:
    # deferred: reportlab costs ~0.3 s; only an export needs it
    from possuite.reports.day import write_day_report_pdf

    return Path(write_day_report_pdf(day_report(ctx, day), path))


def bills_csv(ctx, path, date_from: date | None, date_to: date | None, customer: str | None,
              progress: Progress = None) -> Path:

    return Path(write_bills_csv(bills_export(ctx, date_from, date_to, resolve_customer(ctx, customer)), path,
                                ctx.currency, by_store=ctx.spans_stores))


def payments_csv(ctx, path, date_from: date | None, date_to: date | None, customer: str | None,
                 progress: Progress = None) -> Path:

    return Path(write_payments_csv(payments_export(ctx, date_from, date_to, resolve_customer(ctx, customer)), path,
                                   ctx.currency, by_store=ctx.spans_stores))


def gst_csv(ctx, folder, date_from: date, date_to: date, progress: Progress = None) -> Path:
    """The GSTR-1 section files of the period into ``folder``; returns the folder (opened when done)."""
    write_gstr1_csv(gst_report(ctx, date_from, date_to), folder)
    return Path(folder)


def gst_json(ctx, path, date_from: date, date_to: date, progress: Progress = None) -> Path:

    return Path(write_gst_json(gst_report(ctx, date_from, date_to), path))


def gst_summary_text(report: GstReport) -> str:
    """The few figures an owner checks before handing the files to the accountant."""
    cur = report.store.currency

    def m(v: int) -> str:
        return format_money(v, cur)

    i, c, n = report.invoices, report.credit_notes, report.net
    lines = [QCoreApplication.translate("reports_page", "%n tax invoice(s): taxable {taxable}, CGST {cgst}, SGST "
                                                        "{sgst}, IGST {igst}", "",
                                        i.count).format(taxable=m(i.taxable), cgst=m(i.cgst), sgst=m(i.sgst),
                                                        igst=m(i.igst)),
             QCoreApplication.translate("reports_page", "%n credit note(s): taxable {taxable}, tax {tax}", "",
                                        c.count).format(
                 taxable=m(c.taxable), tax=m(c.tax)),
             QCoreApplication.translate("reports_page", "Net: taxable {taxable}, tax {tax} (b2b {b2b} row(s), b2cs "
                                                        "{b2cs}, cdnr {cdnr}, "
                                        "HSN {hsn})").format(taxable=m(n.taxable), tax=m(n.tax), b2b=len(report.b2b),
                                                             b2cs=len(report.b2cs), cdnr=len(report.cdnr),
                                                             hsn=len(report.hsn_b2b) + len(report.hsn_b2c))]
    if i.cess or c.cess:
        lines.append(QCoreApplication.translate("reports_page", "Cess: {cess} on invoices, {returned} reversed by "
                                                                "credit notes").format(cess=m(i.cess),
                                                                                      returned=m(c.cess)))
    if report.cancelled.count:
        lines.append(QCoreApplication.translate("reports_page", "%n cancelled invoice(s) left out: {value}", "",
                                                report.cancelled.count).format(value=m(report.cancelled.value)))
    if report.bills_of_supply.count:
        lines.append(QCoreApplication.translate("reports_page", "%n bill(s) of supply (no GST): {value}", "",
                                                report.bills_of_supply.count).format(
            value=m(report.bills_of_supply.value)))
    if report.lines_without_hsn:
        lines.append(QCoreApplication.translate("reports_page", "%n line(s) without an HSN/SAC code: give those items "
                                                                "one", "",
                                                report.lines_without_hsn))
    return "\n".join(lines)


# ---------------------------------------------------------------- running an export


def ask_save_path(parent: QWidget, title: str, default_name: str, kind: str) -> str | None:
    """Where to save; the right suffix is added when missing. None when the user cancels."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    path, _flt = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / default_name),
                                             QCoreApplication.translate("reports_page", FILTERS[kind]))
    if not path:
        return None
    if not path.lower().endswith(f".{kind}"):
        path += f".{kind}"
    return path


def ask_folder(parent: QWidget, title: str) -> str | None:
    """An existing folder to write files into; None when the user cancels."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return QFileDialog.getExistingDirectory(parent, title, folder) or None


class _ProgressBridge(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    moved = Signal(int, int)


@dataclass
class ExportRun:
    title: str
    path: str
    dialog: QProgressDialog
    finished: bool = False
    result: Path | None = None
    error: BaseException | None = None
    progress: tuple[int, int] = (0, 0)   # the last (done, total) the job reported


def open_file(path: Path | str) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def run_export(state: AppState, parent: QWidget, title: str, fn: Callable[..., Path], path: str, *args: Any,
               on_finished: Callable[[ExportRun], None] | None = None) -> ExportRun:
    """Run ``fn(ctx, path, *args, progress=...)`` on the worker with a progress dialog; open the file when done."""
    dlg = QProgressDialog(QCoreApplication.translate("reports_page", "Writing {title}…").format(title=title), "", 0, 0,
                          parent)
    dlg.setWindowTitle(title)
    dlg.setAccessibleName("exportProgress")
    dlg.setCancelButton(None)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(0)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    run = ExportRun(title, path, dlg)
    bridge = _ProgressBridge(dlg)

    def moved(done: int, total: int) -> None:
        run.progress = (done, total)
        if total > 0:
            dlg.setMaximum(total)
            dlg.setValue(min(done, total))
            dlg.setLabelText(QCoreApplication.translate("reports_page",
                                                        "Writing {title}… {done:,} of {total:,}").format(
                title=title, done=done, total=total))

    bridge.moved.connect(moved)
    ctx = state.ctx

    def work() -> Path:
        return fn(ctx, path, *args, progress=lambda done, total: bridge.moved.emit(done, total))

    def done(result: Path) -> None:
        run.finished, run.result = True, result
        dlg.close()
        open_file(result)
        if on_finished:
            on_finished(run)

    def failed(exc: BaseException) -> None:
        run.finished, run.error = True, exc
        dlg.close()
        if on_finished:
            on_finished(run)
        else:

            show_error(parent, exc, QCoreApplication.translate("reports_page", "Export failed"))

    dlg.show()
    state.tasks.run(work, on_done=done, on_error=failed,
                    label=QCoreApplication.translate("reports_page", "Writing {title}").format(title=title))
    return run


# ---------------------------------------------------------------- the page


def _date_edit(name: str, value: date) -> QDateEdit:
    d = localise_date_edit(QDateEdit(QDate(value.year, value.month, value.day)))
    d.setAccessibleName(name)
    d.setObjectName(name)
    d.setCalendarPopup(True)
    d.setDisplayFormat("dd MMM yyyy")
    d.setMinimumWidth(140)
    return d


def _py(d: QDateEdit) -> date:
    q = d.date()
    return date(q.year(), q.month(), q.day())


class ReportsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("reportsPage")
        self.setObjectName("reportsPage")
        self.last_run: ExportRun | None = None
        today = state.ctx.clock.today()

        # The page scrolls rather than squeezing its touch-sized buttons on a small screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area = self.scroll = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        area.setWidget(body)
        outer.addWidget(area)
        lay = QVBoxLayout(body)
        lay.addWidget(heading(self.tr("Reports")))
        intro = QLabel(self.tr("Choose the period (and a customer where it applies), then the report. Files are "
                               "written in the background and opened when ready."))
        intro.setWordWrap(True)
        set_role(intro, "muted")
        lay.addWidget(intro)

        inputs = QFrame()
        set_role(inputs, "card")
        form = QFormLayout(inputs)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        period = QHBoxLayout()
        self.from_date = _date_edit("reportFromDate", today.replace(day=1))
        self.to_date = _date_edit("reportToDate", today)
        period.addWidget(self.from_date)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.to_date)
        period.addStretch(1)
        form.addRow(self.tr("Period"), period)
        self.customer_input = QLineEdit()
        self.customer_input.setAccessibleName("reportCustomerInput")
        self.customer_input.setPlaceholderText(self.tr("Name or phone (optional, required for a statement)"))
        form.addRow(self.tr("Customer"), self.customer_input)
        self.day_date = _date_edit("reportDayDate", today)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_date)
        day_row.addStretch(1)
        form.addRow(self.tr("Day (Z report)"), day_row)
        lay.addWidget(inputs)

        grid = QGridLayout()
        self.buttons: dict[str, TouchButton] = {}
        items = [
            ("payments_pdf", self.tr("Payment report (PDF)"),
             self.tr("Every invoice of the period with its items, payments, paid and remaining; totals that match.")),
            ("statement_pdf", self.tr("Customer statement (PDF)"),
             self.tr("Opening balance, every movement with running balance, closing balance, aging and a UPI QR.")),
            ("day_pdf", self.tr("Day-end Z report (PDF)"),
             self.tr("Bills, sales, tax, complimentary value, tenders, dues collected, voids and expected cash for the "
                     "day.")),
            ("balances_csv", self.tr("Balances (CSV)"),
             self.tr("Every customer who owes with aging buckets, open bills, oldest due.")),
            ("balances_pdf", self.tr("Balances (PDF)"),
             self.tr("The same with the summary and the aging chart.")),
            ("bills_csv", self.tr("Bills (CSV)"),
             self.tr("Bills of the period (optionally one customer).")),
            ("payments_csv", self.tr("Payments (CSV)"),
             self.tr("Payments and collections of the period (optionally one customer).")),
            ("gst_csv", self.tr("GST return GSTR-1 (CSV)"),
             self.tr("The period's b2b, b2cs, cdnr and HSN summary, one file per section with the offline tool's "
                     "columns, into a folder you choose.")),
            ("gst_json", self.tr("GST return (JSON)"),
             self.tr("The same sections and the totals in one file.")),
            ("gst_summary", self.tr("GST summary"),
             self.tr("Show the period's taxable value, CGST, SGST, IGST and credit notes here.")),
        ]
        for i, (key, title, text) in enumerate(items):
            button = TouchButton(title, f"report_{key}")
            button.setMinimumWidth(250)
            button.clicked.connect(lambda _c=False, k=key: self.start(k))
            note = QLabel(text)
            note.setWordWrap(True)
            set_role(note, "muted")
            grid.addWidget(button, i, 0)
            grid.addWidget(note, i, 1)
            self.buttons[key] = button
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        self.gst_summary = QLabel()
        self.gst_summary.setAccessibleName("gstSummary")
        self.gst_summary.setObjectName("gstSummary")
        self.gst_summary.setWordWrap(True)
        self.gst_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.gst_summary, "card")
        self.gst_summary.hide()
        lay.addWidget(self.gst_summary)
        self.message = MessageLine("reportsMessage")
        lay.addWidget(self.message)
        lay.addStretch(1)

    def _period(self) -> tuple[date, date]:
        lo, hi = _py(self.from_date), _py(self.to_date)
        if lo > hi:
            raise ValidationError("period", "the From date is after the To date")
        return lo, hi

    def job(self, key: str) -> tuple[str, str, Callable[..., Path], tuple]:
        """(title, default file name, function, extra args) for a report button."""
        lo, hi = self._period()
        cust = self.customer_input.text().strip() or None
        span = f"{lo.isoformat()}_{hi.isoformat()}"
        day = _py(self.day_date)
        jobs = {
            "payments_pdf": (self.tr("Payment report"), f"payments-{span}.pdf", payments_pdf, (lo, hi, cust)),
            "statement_pdf": (self.tr("Customer statement"), f"statement-{span}.pdf", statement_pdf, (cust, lo, hi)),
            "day_pdf": (self.tr("Z report"), f"day-{day.isoformat()}.pdf", day_pdf, (day,)),
            "balances_csv": (self.tr("Balances CSV"), f"balances-{hi.isoformat()}.csv", balances_csv, ()),
            "balances_pdf": (self.tr("Balances PDF"), f"balances-{hi.isoformat()}.pdf", balances_pdf, ()),
            "bills_csv": (self.tr("Bills CSV"), f"bills-{span}.csv", bills_csv, (lo, hi, cust)),
            "payments_csv": (self.tr("Payments CSV"), f"payments-{span}.csv", payments_csv, (lo, hi, cust)),
            "gst_csv": (self.tr("GST return"), f"gstr1-{span}", gst_csv, (lo, hi)),
            "gst_json": (self.tr("GST return JSON"), f"gstr1-{span}.json", gst_json, (lo, hi)),
        }
        return jobs[key]

    def show_gst_summary(self) -> None:
        """The period's GST figures on the page (read on the worker)."""
        try:
            lo, hi = self._period()
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return
        self.message.show_info(self.tr("Reading the GST figures…"))

        def shown(report: GstReport) -> None:
            self.gst_summary.setText(self.tr("GST {start} to {end}").format(start=lo.isoformat(), end=hi.isoformat())
                                     + "\n" + gst_summary_text(report))
            self.gst_summary.show()
            self.message.clear_message()
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.gst_summary))

        self.state.tasks.run(gst_report, self.state.ctx, lo, hi, on_done=shown,
                             on_error=lambda exc: self.message.show_error(error_text(exc)))

    def start(self, key: str) -> ExportRun | None:
        if key == "gst_summary":
            self.show_gst_summary()
            return None
        try:
            title, default_name, fn, args = self.job(key)
            if key == "statement_pdf" and not args[0]:
                raise ValidationError("customer", "is required for a statement; type a name or phone")
        except PossuiteError as exc:
            self.message.show_error(error_text(exc))
            return None
        if key == "gst_csv":
            path = ask_folder(self, self.tr("Folder for the {title} files").format(title=title))
        else:
            kind = default_name.rsplit(".", 1)[1]
            path = ask_save_path(self, self.tr("Save {title}").format(title=title), default_name, kind)
        if not path:
            return None
        self.message.show_info(self.tr("Writing {title}…").format(title=title))
        self.last_run = run_export(self.state, self, title, fn, path, *args, on_finished=self._finished)
        return self.last_run

    def _finished(self, run: ExportRun) -> None:
        if run.error is not None:
            self.message.show_error(self.tr("{title} failed: {error_text}").format(title=run.title,
                                                                                   error_text=error_text(run.error)))
        else:
            self.message.show_info(self.tr("Saved {title}: {result}").format(title=run.title, result=run.result))
