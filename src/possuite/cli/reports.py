"""Commands for reports, demo data and imports.

    possuite report payments --from D --to D [--customer REF] [--pdf FILE] [--csv FILE]
    possuite report payments-csv [--from D --to D] [--customer REF] --csv FILE
    possuite report statement REF [--from D] [--to D] --pdf FILE
    possuite report day [--date D] [--pdf FILE] [--text [--width N] [--ascii]]
    possuite report shift [ID] [--pdf FILE] [--text [--width N] [--ascii]]
    possuite report balances [--csv FILE] [--pdf FILE]
    possuite report bills --csv FILE [--from D --to D] [--customer REF]
    possuite report gst --from D --to D (--csv DIR | --json FILE)
    possuite demo [--customers N] [--bills N] [--days N] [--seed N]
    possuite cleanup-demo [--dry-run] [--yes]
    possuite import customers FILE [--dry-run]
    possuite import items FILE [--dry-run]

Money in ``--json`` output is integer minor units.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from possuite.cli.env import CliEnv, CliError, reads_on_hub
from possuite.domain.clock import parse_date
from possuite.domain.money import format_money
from possuite.reports.csv_export import write_balances_csv, write_bills_csv, write_payments_csv
from possuite.reports.gstr1 import write_gst_json, write_gstr1_csv
from possuite.services.day_report import day_report
from possuite.services.exports import balances_export, bills_export, payments_export
from possuite.services.gst_report import gst_report
from possuite.services.importer import ImportFailed, import_customers, import_items
from possuite.services.payments_report import payment_report
from possuite.services.statement import customer_statement

#: Problems printed for a refused import (all of them are in --json output).
MAX_PROBLEMS_SHOWN = 50


def register(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="reports as PDF, CSV or text").add_subparsers(dest="sub", required=True)
    p = reads_on_hub(rep.add_parser("payments",
                                    help="every invoice of a period with its items, payments and what remains"))
    _period(p, required=True)
    p.add_argument("--customer", metavar="REF", help="only this customer (id or phone)")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--csv", metavar="FILE", help="the payments of the period as CSV")
    p.set_defaults(func=cmd_payments)
    p = reads_on_hub(rep.add_parser("payments-csv", help="payments, collections and refunds as CSV"))
    _period(p)
    p.add_argument("--customer", metavar="REF")
    p.add_argument("--csv", metavar="FILE", required=True)
    p.set_defaults(func=cmd_payments_csv)
    p = reads_on_hub(rep.add_parser("statement", help="a customer's statement of account"))
    p.add_argument("ref", metavar="REF", help="customer id or phone")
    _period(p)
    p.add_argument("--pdf", metavar="FILE", required=True)
    p.set_defaults(func=cmd_statement)
    p = reads_on_hub(rep.add_parser("day", help="the day-end (Z) report"))
    p.add_argument("--date", metavar="D", help="business date (default today)")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--text", action="store_true", help="print the thermal-printer text version")
    p.add_argument("--width", type=int, default=42, choices=[32, 42, 48], help="text columns (default 42)")
    p.add_argument("--ascii", action="store_true", help="Rs. instead of the rupee sign in the text")
    p.set_defaults(func=cmd_day)
    p = rep.add_parser("shift", help="a shift's X report (open) or Z report (closed)")
    p.add_argument("ref", nargs="?", metavar="ID", help="shift number (default: the open shift, else the last)")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument("--text", action="store_true", help="print the thermal-printer text version")
    p.add_argument("--width", type=int, default=42, choices=[32, 42, 48], help="text columns (default 42)")
    p.add_argument("--ascii", action="store_true", help="Rs. instead of the rupee sign in the text")
    p.set_defaults(func=cmd_shift)
    p = reads_on_hub(rep.add_parser("balances", help="who owes what, with aging"))
    p.add_argument("--csv", metavar="FILE")
    p.add_argument("--pdf", metavar="FILE")
    p.set_defaults(func=cmd_balances)
    p = rep.add_parser("gst", help="GSTR-1 sections of a period (b2b, b2cs, cdnr, hsn) as CSV files or JSON")
    _period(p, required=True)
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", metavar="DIR", help="a folder: one CSV per section, the offline tool's columns")
    out.add_argument("--json", dest="json_file", metavar="FILE", help="every section and the totals as JSON")
    p.set_defaults(func=cmd_gst)
    p = reads_on_hub(rep.add_parser("bills", help="bills as CSV"))
    _period(p)
    p.add_argument("--customer", metavar="REF")
    p.add_argument("--csv", metavar="FILE", required=True)
    p.set_defaults(func=cmd_bills)

    p = sub.add_parser("demo", help="fill the store with realistic demo data (marked as demo)")
    p.add_argument("--customers", type=int, default=40, metavar="N")
    p.add_argument("--bills", type=int, default=300, metavar="N")
    p.add_argument("--days", type=int, default=120, metavar="N", help="spread over the last N days")
    p.add_argument("--seed", type=int, help="same seed, same demo")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("cleanup-demo", help="remove the demo data (asks first)")
    p.add_argument("--dry-run", action="store_true", help="only list what would be removed")
    p.add_argument("--yes", action="store_true", help="remove without asking")
    p.set_defaults(func=cmd_cleanup_demo)

    imp = sub.add_parser("import", help="import customers or items from CSV (all or nothing)") \
        .add_subparsers(dest="sub", required=True)
    p = imp.add_parser("customers", help="columns: name, phone, credit_limit, notes, opening_balance")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="validate only")
    p.set_defaults(func=cmd_import, kind="customers")
    p = imp.add_parser("items", help="columns: name, price, sku, barcode, tax_rate, tax_inclusive, kind")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="validate only")
    p.set_defaults(func=cmd_import, kind="items")


def _period(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument("--from", dest="date_from", metavar="D", required=required, help="first date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="D", required=required, help="last date (YYYY-MM-DD)")


def _date(text: str | None, field: str):
    return parse_date(text, field) if text else None


def _out(path: str, option: str) -> Path:
    out = Path(path).expanduser()
    if out.is_dir():
        raise CliError(option, f"{out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise CliError(option, f"the folder {out.parent} does not exist")
    return out


def _write(fn, *args, option: str, **kw):
    try:
        return fn(*args, **kw)
    except OSError as exc:
        raise CliError(option, f"cannot write {args[1]}: {exc.strerror or exc}") from None


def _m(env: CliEnv, minor: int) -> str:
    return format_money(minor, env.ctx().currency)


# ---------------------------------------------------------------- reports


def cmd_payments(args, env: CliEnv) -> int:

    if not args.pdf and not args.csv:
        raise CliError("report payments", "give --pdf FILE and/or --csv FILE")
    pdf, csv_path = (_out(args.pdf, "pdf") if args.pdf else None), (_out(args.csv, "csv") if args.csv else None)
    ctx = env.ctx()
    d_from, d_to = _date(args.date_from, "from"), _date(args.date_to, "to")
    report = payment_report(ctx, d_from, d_to, args.customer)
    t = report.totals
    done = []
    if pdf:
        # deferred: reportlab costs ~0.3 s; only PDF output needs it
        from possuite.reports.payments_pdf import write_payment_report_pdf

        _write(write_payment_report_pdf, report, pdf, option="pdf")
        done.append(str(pdf))
    if csv_path:
        _payments_csv(env, csv_path, d_from, d_to, args.customer)
        done.append(str(csv_path))
    env.emit(f"Wrote {' and '.join(done)}: {t.invoices} invoice(s), billed {_m(env, t.total)}, paid "
             f"{_m(env, t.paid)}, written off {_m(env, t.adjusted)}, remaining {_m(env, t.remaining)}",
             {"files": done, "invoices": t.invoices, "total": t.total, "paid": t.paid, "adjusted": t.adjusted,
              "remaining": t.remaining, "complimentary_count": t.complimentary_count,
              "complimentary_value": t.complimentary_value, "void_count": t.void_count,
              "void_value": t.void_value, "paid_by_method": t.paid_by_method})
    return 0


def _payments_csv(env: CliEnv, path: Path, d_from, d_to, customer) -> int:

    rows = payments_export(env.ctx(), d_from, d_to, customer)
    _write(write_payments_csv, rows, path, env.ctx().currency, option="csv", by_store=env.ctx().spans_stores)
    return len(rows)


def cmd_payments_csv(args, env: CliEnv) -> int:
    path = _out(args.csv, "csv")
    n = _payments_csv(env, path, _date(args.date_from, "from"), _date(args.date_to, "to"), args.customer)
    env.emit(f"Wrote {path}: {n} payment row(s)", {"file": str(path), "rows": n})
    return 0


def cmd_statement(args, env: CliEnv) -> int:
    # deferred: reportlab costs ~0.3 s; only PDF output needs it
    from possuite.reports.statement_pdf import write_statement_pdf

    path = _out(args.pdf, "pdf")
    st = customer_statement(env.ctx(), args.ref, _date(args.date_from, "from"), _date(args.date_to, "to"))
    _write(write_statement_pdf, st, path, option="pdf")
    env.emit(f"Wrote {path}: statement of {st.customer.name}, {len(st.lines)} movement(s), opening "
             f"{_m(env, st.opening)}, closing {_m(env, st.closing)}",
             {"file": str(path), "customer_id": st.customer.id, "customer": st.customer.name,
              "opening": st.opening, "debits": st.total_debit, "credits": st.total_credit, "closing": st.closing,
              "movements": len(st.lines), "aging": st.aging.buckets, "unapplied_credit": st.aging.unapplied_credit,
              "upi_link": st.upi_link})
    return 0


def cmd_day(args, env: CliEnv) -> int:
    # deferred: reportlab costs ~0.3 s; only PDF output needs it
    from possuite.reports.day import day_report_text, write_day_report_pdf

    path = _out(args.pdf, "pdf") if args.pdf else None
    r = day_report(env.ctx(), _date(args.date, "date"))
    data = {"date": r.day.isoformat(), "bills": r.bills, "gross": r.gross, "discounts": r.discounts,
            "tax": r.tax, "tax_added": r.tax_added, "cess": r.cess, "sales_total": r.sales_total,
            "voids_count": r.voids_count,
            "voids_value": r.voids_value, "returns_count": r.returns_count, "returns_value": r.returns_value,
            "returns_tax": r.returns_tax, "net_sales": r.net_sales, "complimentary_count": r.complimentary_count,
            "complimentary_value": r.complimentary_value, "tenders": r.tenders, "refunds": r.refunds,
            "pending_created": r.pending_created, "advance_used": r.advance_used, "collections": r.collections,
            "collections_count": r.collections_count, "dues_at_checkout": r.dues_at_checkout,
            "dues_collected": r.dues_collected, "expected_cash": r.expected_cash, "opening_float": r.opening_float,
            "cash_in": r.cash_in, "cash_out": r.cash_out, "cashiers": r.cashiers,
            "shifts": [s.as_json() for s in r.shifts], "last_hash": r.last_hash or None}
    if r.stores:  # the hub's back office, every store
        data["stores"] = [{"store": name, "bills": n, "sales_total": total} for name, (n, total) in r.stores.items()]
    return _emit_slip_report(args, env, data, path, lambda: write_day_report_pdf, r, day_report_text,
                             f"{r.bills} bill(s), net sales {_m(env, r.net_sales)}, expected cash "
                             f"{_m(env, r.expected_cash)}")


def _emit_slip_report(args, env: CliEnv, data: dict, path, pdf_writer, report, text_of, summary: str) -> int:
    """The day and shift reports' output: a PDF (``pdf_writer()`` gives the writer, so reportlab loads only
    then), the slip text on stdout or in the JSON, and one line naming the file."""
    if path:
        _write(pdf_writer(), report, path, option="pdf")
        data["file"] = str(path)
    if args.text or not path:
        text = text_of(report, args.width, ascii_only=args.ascii)
        if env.json_mode:
            data["text"] = text
        else:
            sys.stdout.write(text)
    if env.json_mode:
        env.emit("", data)
    elif path:
        print(f"Wrote {path}: {summary}")
    return 0


def cmd_shift(args, env: CliEnv) -> int:
    # deferred: services.shifts pulls the print queue (python-escpos); reportlab only for PDF output
    from possuite.reports.shift import shift_report_text
    from possuite.services.shifts import shift_report

    path = _out(args.pdf, "pdf") if args.pdf else None
    r = shift_report(env.ctx(), args.ref)
    return _emit_slip_report(args, env, r.as_json(), path, _shift_pdf_writer, r, shift_report_text,
                             f"{r.kind} report of {r.shift.number}, expected cash {_m(env, r.expected_cash)}")


def _shift_pdf_writer():
    from possuite.reports.shift_pdf import write_shift_report_pdf  # deferred: reportlab (~0.3 s)

    return write_shift_report_pdf


def cmd_balances(args, env: CliEnv) -> int:

    if not args.csv and not args.pdf:
        raise CliError("report balances", "give --csv FILE and/or --pdf FILE")
    pdf, csv_path = (_out(args.pdf, "pdf") if args.pdf else None), (_out(args.csv, "csv") if args.csv else None)
    ex = balances_export(env.ctx())
    done = []
    if csv_path:

        _write(write_balances_csv, ex, csv_path, option="csv")
        done.append(str(csv_path))
    if pdf:
        # deferred: reportlab costs ~0.3 s; only PDF output needs it
        from possuite.reports.balances_pdf import write_balances_pdf

        _write(write_balances_pdf, ex, pdf, option="pdf")
        done.append(str(pdf))
    s = ex.summary
    env.emit(f"Wrote {' and '.join(done)}: {s.customers_owing} customer(s) owe {_m(env, s.total_outstanding)}",
             {"files": done, **s.as_json()})
    return 0


def cmd_bills(args, env: CliEnv) -> int:

    path = _out(args.csv, "csv")
    rows = bills_export(env.ctx(), _date(args.date_from, "from"), _date(args.date_to, "to"), args.customer)
    _write(write_bills_csv, rows, path, env.ctx().currency, option="csv", by_store=env.ctx().spans_stores)
    env.emit(f"Wrote {path}: {len(rows)} bill(s)", {"file": str(path), "rows": len(rows)})
    return 0


def cmd_gst(args, env: CliEnv) -> int:

    ctx = env.ctx()
    report = gst_report(ctx, _date(args.date_from, "from"), _date(args.date_to, "to"))
    if args.csv:
        folder = Path(args.csv).expanduser()
        if not folder.is_dir():
            raise CliError("csv", f"{folder} is not a folder; give an existing folder for the CSV files")
        try:
            files = [str(f) for f in write_gstr1_csv(report, folder)]
        except OSError as exc:
            raise CliError("csv", f"cannot write into {folder}: {exc.strerror or exc}") from None
    else:
        path = _out(args.json_file, "json")
        files = [str(_write(write_gst_json, report, path, option="json"))]
    t = report.as_json()["totals"]
    text = [f"GST {report.date_from.isoformat()} to {report.date_to.isoformat()}: {t['invoices']['count']} invoice(s), "
            f"taxable {_m(env, t['invoices']['taxable'])}, tax {_m(env, t['invoices']['tax'])}",
            f"  b2b rows {len(report.b2b)}, b2cs rows {len(report.b2cs)}, credit notes {t['credit_notes']['count']} "
            f"(tax {_m(env, t['credit_notes']['tax'])}), HSN rows {len(report.hsn_b2b) + len(report.hsn_b2c)}",
            f"  net: taxable {_m(env, t['net']['taxable'])}, CGST {_m(env, t['net']['cgst'])}, "
            f"SGST {_m(env, t['net']['sgst'])}, IGST {_m(env, t['net']['igst'])}"
            + (f", cess {_m(env, t['net']['cess'])}" if t['net']['cess'] else "")]
    if report.lines_without_hsn:
        text.append(f"  note: {report.lines_without_hsn} line(s) have no HSN/SAC code; give the items one")
    text += [f"Wrote {f}" for f in files]
    env.emit("\n".join(text), {"files": files, "totals": t})
    return 0


# ---------------------------------------------------------------- demo


def cmd_demo(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.demo import create_demo

    def progress(done: int, total: int) -> None:
        if not env.json_mode and sys.stderr.isatty():
            print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)

    r = create_demo(env.ctx(), args.customers, args.bills, days=args.days, seed=args.seed, progress=progress)
    if not env.json_mode and sys.stderr.isatty():
        print(file=sys.stderr)
    env.emit(f"Demo data added ({r.date_from} to {r.date_to}): {r.customers} customers, {r.items} new items, "
             f"{r.bills} bills ({r.complimentary} complimentary, {r.voids} voided), {r.collections} collections, "
             f"{r.writeoffs} write-offs, {r.shifts} shifts. Remove it with `possuite cleanup-demo`.", r.as_json())
    return 0


def cmd_cleanup_demo(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.demo import cleanup_demo, plan_demo_cleanup

    ctx = env.ctx()
    plan = plan_demo_cleanup(ctx)
    if plan.nothing or args.dry_run:
        lines = ["No demo data to remove.", *plan.lines()[1:]] if plan.nothing else plan.lines()
        env.emit("\n".join(lines), {**plan.as_json(), "dry_run": args.dry_run})
        return 0
    if not args.yes:
        for ln in plan.lines():
            print(ln, file=sys.stderr)
        print("Remove these demo rows? Type yes to continue: ", end="", file=sys.stderr, flush=True)
        try:
            answer = sys.stdin.readline() if sys.stdin is not None and not sys.stdin.closed else ""
        except (OSError, ValueError):      # no usable standard input
            answer = ""
        if not answer:
            raise CliError("cleanup-demo", "no answer on standard input; nothing was removed "
                                           "(run with --yes to remove without asking)")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was removed.", file=sys.stderr)
            return 1
    done = cleanup_demo(ctx)
    env.emit("\n".join(done.lines()), done.as_json())
    return 0


# ---------------------------------------------------------------- imports


def cmd_import(args, env: CliEnv) -> int:

    fn = import_customers if args.kind == "customers" else import_items
    try:
        r = fn(env.ctx(), Path(args.file).expanduser(), dry_run=args.dry_run)
    except ImportFailed as exc:
        if env.json_mode:
            env.emit("", {"ok": False, "rows": exc.rows, "problems": [p.as_json() for p in exc.problems]})
        else:
            print(f"error: {exc.message}", file=sys.stderr)
            for p in exc.problems[:MAX_PROBLEMS_SHOWN]:
                print(f"  {p}", file=sys.stderr)
            if len(exc.problems) > MAX_PROBLEMS_SHOWN:
                print(f"  ... and {len(exc.problems) - MAX_PROBLEMS_SHOWN} more problem(s) (see --json)",
                      file=sys.stderr)
        return 2
    what = "checked" if args.dry_run else "imported"
    extra = ""
    if r.kind == "customers" and r.openings:
        extra = f", {r.openings} with opening balances totalling {_m(env, r.opening_total)}"
    env.emit(f"{r.rows} {r.kind} {what}{extra}" + (" (dry run: nothing written)" if args.dry_run else ""),
             {"ok": True, **r.as_json()})
    return 0
