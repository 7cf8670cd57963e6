"""Receipt and printer commands: receipt, print, printer add/list/remove/default/test, queue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from possuite.cli.env import CliEnv, CliError
from possuite.domain.errors import NotFound
from possuite.printing.templates import problems


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("receipt", help="show or save a sale's or collection's receipt")
    p.add_argument("number", metavar="NUMBER", help="a bill (SAL-…) or collection (RCP-…) number")
    p.add_argument("--format", choices=["text", "escpos", "pdf"], default="text")
    p.add_argument("--width", type=int, choices=[32, 42, 48], default=None,
                   help="paper columns: 32 (58 mm) or 42/48 (80 mm); default: the default printer's, else 42")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_receipt)

    p = sub.add_parser("print", help="queue a receipt for the default printer and try to print it now")
    p.add_argument("number", metavar="NUMBER")
    p.set_defaults(func=cmd_print)

    printer = sub.add_parser("printer", help="receipt printers").add_subparsers(dest="sub", required=True)
    p = printer.add_parser("add", help="add a printer (owner)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", required=True, choices=["network", "usb", "serial", "file", "cups", "win32"])
    p.add_argument("--target", required=True, metavar="T",
                   help="host:port | vendor:product | /dev/ttyUSB0[@baud] | file path | CUPS queue | Windows name")
    p.add_argument("--width", type=int, choices=[32, 42, 48], default=42)
    p.add_argument("--profile", default="default", metavar="P", help="python-escpos printer profile")
    p.add_argument("--symbol-mode", choices=["image", "symbol"], default="image",
                   help="image: print ₹ lines as pictures; symbol: print Rs. instead")
    p.add_argument("--no-cut", action="store_true", help="the printer has no cutter")
    p.add_argument("--drawer-kick", action="store_true", help="open the cash drawer on cash sales")
    p.add_argument("--default", action="store_true", help="make it the default printer")
    p.set_defaults(func=cmd_printer_add)
    p = printer.add_parser("list")
    p.set_defaults(func=cmd_printer_list)
    p = printer.add_parser("remove")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_printer_remove)
    p = printer.add_parser("default", help="make a printer the default")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_printer_default)
    p = printer.add_parser("test", help="print a sample receipt (with ₹) now")
    p.add_argument("name", metavar="NAME", nargs="?")
    p.set_defaults(func=cmd_printer_test)

    p = sub.add_parser("queue", help="receipts waiting to print")
    p.add_argument("--retry", action="store_true", help="try waiting and failed jobs again now")
    p.set_defaults(func=cmd_queue)


def _warn_template_problems() -> None:

    for problem in problems():
        print(f"warning: {problem.message}", file=sys.stderr)


def _default_printer(env: CliEnv):
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.printers import get_printer

    try:
        return get_printer(env.ctx())
    except NotFound:
        return None


def cmd_receipt(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services import receipts

    ctx = env.ctx()
    cfg = _default_printer(env)
    width = args.width or (cfg.width if cfg else 42)
    doc = receipts.receipt_for(ctx, args.number)
    if args.format == "text":
        text = receipts.render_text(receipts.receipt_rows(ctx, doc, width), width)
        data = text.encode("utf-8")
    elif args.format == "escpos":
        data = receipts.receipt_escpos(ctx, doc.number, width=width, profile=cfg.profile if cfg else "default",
                                       symbol_mode=cfg.symbol_mode if cfg else "image", cut=cfg.cut if cfg else True)
    else:
        data = receipts.receipt_pdf(ctx, doc.number, width)
    _warn_template_problems()
    if args.out:
        try:
            Path(args.out).write_bytes(data)
        except OSError as exc:
            raise CliError("out", f"cannot write {args.out}: {exc.strerror or exc}") from None
        env.emit(f"{doc.number}: {args.format} receipt ({width} columns) written to {args.out}",
                 {"number": doc.number, "kind": doc.kind, "format": args.format, "width": width, "file": args.out,
                  "bytes": len(data)})
        return 0
    if args.format == "text":
        if env.json_mode:
            env.emit("", {"number": doc.number, "kind": doc.kind, "width": width, "text": text})
        else:
            sys.stdout.write(text)
        return 0
    if sys.stdout.isatty():
        raise CliError("out", f"{args.format} output is binary; give --out FILE or redirect standard output")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def cmd_print(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.print_queue import reprint
    from possuite.services.print_worker import print_now
    from possuite.services.printers import get_printer

    ctx = env.ctx()
    cfg = get_printer(ctx)
    job_id = reprint(ctx, args.number)
    outcome, err = print_now(ctx, job_id)
    number = args.number.strip().upper()
    _warn_template_problems()
    if outcome == "done":
        human = f"{number}: printed on {cfg.name}"
    elif outcome == "retry":
        human = (f"{number}: queued for {cfg.name}, not printed yet: {err}\n"
                 "It prints when the printer answers (the till retries; or run `possuite queue --retry`).")
    elif outcome == "failed":
        human = f"{number}: could not print on {cfg.name}: {err}"
    else:
        human = f"{number}: queued for {cfg.name}"
    env.emit(human, {"number": number, "job_id": job_id, "printer": cfg.name, "status": outcome, "error": err})
    return 2 if outcome == "failed" else 0


def cmd_printer_add(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.printers import add_printer

    cfg = add_printer(env.ctx(), args.name, args.type, args.target, width=args.width, profile=args.profile,
                      symbol_mode=args.symbol_mode, default=args.default, cut=not args.no_cut,
                      drawer_kick=args.drawer_kick)
    tail = " (default)" if cfg.is_default else ""
    env.emit(f"printer {cfg.name} added: {cfg.type} {cfg.target}, {cfg.width} columns, {cfg.symbol_mode} mode{tail}",
             cfg.as_json())
    return 0


def cmd_printer_list(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.printers import list_printers

    printers = list_printers(env.ctx())
    if not printers:
        env.emit("no printers; add one with `possuite printer add NAME --type network --target HOST:9100 --default`",
                 [])
        return 0
    lines = [f"{'*' if p.is_default else ' '} {p.name:<16} {p.type:<8} {p.target:<24} {p.width} cols  "
             f"{p.symbol_mode:<6} {p.profile}" for p in printers]
    env.emit("\n".join(lines), [p.as_json() for p in printers])
    return 0


def cmd_printer_remove(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.printers import remove_printer

    remove_printer(env.ctx(), args.name)
    env.emit(f"printer {args.name} removed", {"removed": args.name})
    return 0


def cmd_printer_default(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.printers import set_default

    cfg = set_default(env.ctx(), args.name)
    env.emit(f"{cfg.name} is now the default printer", cfg.as_json())
    return 0


def cmd_printer_test(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.printers import test_print

    cfg = test_print(env.ctx(), args.name)
    _warn_template_problems()
    env.emit(f"test receipt sent to {cfg.name} ({cfg.type} {cfg.target})", {"printer": cfg.name, "status": "done"})
    return 0


def cmd_queue(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.print_queue import list_jobs, queue_status, retry
    from possuite.services.print_worker import drain_once

    ctx = env.ctx()
    tried: list = []
    if args.retry:
        retry(ctx)
        tried = drain_once(ctx)
    status = queue_status(ctx)
    jobs = list_jobs(ctx)
    lines = [f"{d}: {'printed' if o == 'done' else 'still waiting' if o == 'retry' else o}"
             + (f" ({e})" if e else "") for d, o, e in tried]
    lines.append(status.message)
    for j in jobs:
        err = f"  {j.last_error}" if j.last_error else ""
        lines.append(f"  {j.document_ref or j.document_kind:<14} {j.status:<8} tries {j.attempts}{err}")
    _warn_template_problems()
    env.emit("\n".join(lines), {"status": status.as_json(), "jobs": [j.as_json() for j in jobs],
                                "tried": [{"document": d, "outcome": o, "error": e} for d, o, e in tried]})
    return 0
