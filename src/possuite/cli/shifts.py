"""Shift commands: the till's cash drawer.

    possuite shift open --float AMT
    possuite shift cash-in --amount AMT --reason T
    possuite shift cash-out --amount AMT --reason T
    possuite shift close (--counted AMT | --count NOTE=PIECES ...) [--note T]
    possuite shift status
    possuite shift print [ID]                  # queue the X (open) or Z (closed) report for the printer
    possuite shift require on|off              # owner: selling needs an open shift
    possuite report shift [ID] (--pdf FILE | --text [--width N] [--ascii])   (in cli/reports.py)

Money in ``--json`` output is integer minor units.
"""

from __future__ import annotations

import argparse

from possuite.cli.env import CliEnv, CliError
from possuite.domain.cash import parse_count, variance_label
from possuite.domain.money import format_money, parse_money
from possuite.services.store_settings import update_settings


def register(sub: argparse._SubParsersAction) -> None:
    sh = sub.add_parser("shift", help="the cash drawer: open with a float, cash in/out, count and close") \
        .add_subparsers(dest="sub", required=True)
    p = sh.add_parser("open", help="open a shift with the opening float in the drawer")
    p.add_argument("--float", dest="float_", required=True, metavar="AMT")
    p.set_defaults(func=cmd_open)
    for name, kind in (("cash-in", "in"), ("cash-out", "out")):
        p = sh.add_parser(name, help=f"cash {kind} of the drawer with a reason (petty expense, bank drop, float)")
        p.add_argument("--amount", required=True, metavar="AMT")
        p.add_argument("--reason", required=True)
        p.set_defaults(func=cmd_move, kind=kind)
    p = sh.add_parser("close", help="count the drawer and close the shift (prints the Z report)")
    p.add_argument("--counted", metavar="AMT", help="the counted cash as one figure")
    p.add_argument("--count", action="append", default=[], metavar="NOTE=PIECES",
                   help="pieces of one note or coin, e.g. --count 500=3 --count 10=7 (instead of --counted)")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_close)
    p = sh.add_parser("status", help="the open shift and its figures so far")
    p.set_defaults(func=cmd_status)
    p = sh.add_parser("print", help="queue a shift's X or Z report for the receipt printer")
    p.add_argument("ref", nargs="?", metavar="ID", help="shift number (default: the open or last shift)")
    p.set_defaults(func=cmd_print)
    p = sh.add_parser("require", help="owner: whether selling needs an open shift")
    p.add_argument("state", choices=["on", "off"])
    p.set_defaults(func=cmd_require)


def _m(env: CliEnv, minor: int | None) -> str:
    return "-" if minor is None else format_money(minor, env.ctx().currency)


def _summary(env: CliEnv, r) -> str:
    s, f = r.shift, r.figures
    lines = [f"{s.number}  {'OPEN' if s.is_open else 'CLOSED'}  opened {s.opened_at:%Y-%m-%d %H:%M} by {s.user_name}"
             f"  float {_m(env, s.opening_float)}",
             f"  bills {r.bills}  sales {_m(env, r.sales_total)}  expected cash {_m(env, r.expected_cash)}",
             "  " + "  ".join(f"{k.replace('_', ' ')} {_m(env, v)}" for k, v in f.cash.items()) if f.cash else
             "  no cash movements yet"]
    if f.methods:
        lines.append("  " + "  ".join(f"{k} {_m(env, v)}" for k, v in sorted(f.methods.items())))
    if s.counted_cash is not None:
        lines.append(f"  counted {_m(env, s.counted_cash)}  variance {_m(env, s.variance)} "
                     f"({variance_label(s.variance or 0)})")
    return "\n".join(lines)


def cmd_open(args, env: CliEnv) -> int:
    # deferred: services.shifts pulls the print queue (python-escpos); --help and other commands skip it
    from possuite.services.shifts import open_shift

    ctx = env.ctx()
    s = open_shift(ctx, parse_money(args.float_, "float", ctx.currency))
    env.emit(f"{s.number} open with a float of {_m(env, s.opening_float)}", s.as_json())
    return 0


def cmd_move(args, env: CliEnv) -> int:
    # deferred: services.shifts pulls the print queue (python-escpos)
    from possuite.services.shifts import move_cash

    ctx = env.ctx()
    mv = move_cash(ctx, args.kind, parse_money(args.amount, "amount", ctx.currency, allow_zero=False), args.reason)
    env.emit(f"cash {mv.kind} {_m(env, mv.amount)}: {mv.reason}", mv.as_json())
    return 0


def cmd_close(args, env: CliEnv) -> int:
    # deferred: services.shifts pulls the print queue (python-escpos)
    from possuite.services.shifts import close_shift

    ctx = env.ctx()
    if (args.counted is None) == (not args.count):
        raise CliError("counted", "give --counted AMT, or the drawer note by note with --count NOTE=PIECES")
    if args.counted is not None:
        r = close_shift(ctx, counted=parse_money(args.counted, "counted", ctx.currency), note=args.note)
    else:
        notes: dict[int, int] = {}
        for spec in args.count:
            face, pieces = parse_count(spec, ctx.currency)
            if face in notes:
                raise CliError("count", f"{spec!r}: that note or coin was already counted")
            notes[face] = pieces
        r = close_shift(ctx, notes=notes, note=args.note)
    env.emit(_summary(env, r), r.as_json())
    return 0


def cmd_status(args, env: CliEnv) -> int:
    # deferred: services.shifts pulls the print queue (python-escpos)
    from possuite.services.shifts import current_shift, shift_report

    ctx = env.ctx()
    shift = current_shift(ctx)
    required = ctx.store.shifts_required
    if shift is None:
        env.emit("No shift is open at this till." + (" Selling needs one: `possuite shift open --float AMT`."
                                                     if required else ""),
                 {"open": False, "required": required, "shift": None})
        return 0
    r = shift_report(ctx, shift.number)
    env.emit(_summary(env, r), {"open": True, "required": required, **r.as_json()})
    return 0


def cmd_print(args, env: CliEnv) -> int:
    # deferred: services.shifts pulls the print queue (python-escpos)
    from possuite.services.shifts import print_shift_report

    job = print_shift_report(env.ctx(), args.ref)
    env.emit(f"queued the shift report (job {job})", {"job": job})
    return 0


def cmd_require(args, env: CliEnv) -> int:
    ctx = env.ctx()
    update_settings(ctx, shifts_required=args.state == "on")
    env.emit(f"Selling {'needs' if args.state == 'on' else 'no longer needs'} an open shift at this till",
             {"shifts_required": args.state == "on"})
    return 0
