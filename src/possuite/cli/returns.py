"""``possuite return NUMBER --line ITEM[*QTY] ... --refund cash|card|upi|account --reason T``: a credit note."""

from __future__ import annotations

import argparse

from possuite.cli.env import CliEnv, CliError
from possuite.domain.money import format_money
from possuite.domain.returns import REFUND_METHODS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "return", help="take goods or services back from a bill: a credit note (CN-YY-NNNN)",
        description="Return lines of a posted bill. The credit first lowers what the bill still has pending; "
        "the rest goes back by the refund method, or to the customer's account (where it settles their oldest "
        "dues first). A cashier may return bills of the last few days the owner sets; the reason is required.")
    p.add_argument("number", metavar="NUMBER", help="the bill's number (as printed on its receipt)")
    p.add_argument("--line", action="append", default=[], metavar="ITEM[*QTY]",
                   help="an item of the bill (code, name or line number) and how many come back, in its unit: 1, 0.5 "
                        "(kg), 3 (tablets) (default: 1, or what is left of a weighed line)")
    p.add_argument("--refund", default="", metavar="|".join(REFUND_METHODS),
                   help="how the value goes back: " + ", ".join(REFUND_METHODS))
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_return)


def cmd_return(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s) through the print queue; --help skips it
    from possuite.services.returns import create_return

    if not args.line:
        raise CliError("line", "give at least one --line ITEM[*QTY] to return")
    r = create_return(env.ctx(), args.number, list(args.line), args.refund, args.reason)
    cur = env.ctx().currency

    def fmt(v: int) -> str:
        return format_money(v, cur)

    text = [f"{r.number}  credit note for {r.bill_number}  total {fmt(r.total)}"
            + (f"  ({r.return_status.replace('_', ' ')})" if r.return_status else "")]
    for ln in r.plan.lines:
        text.append(f"  {ln.line.description[:30]:<30} {ln.line.text(ln.qty):>4}  {fmt(ln.amount):>13}")
    if r.to_bill:
        text.append(f"  lowered the bill's pending by {fmt(r.to_bill)}")
    if r.to_dues:
        text.append(f"  settled older dues {fmt(r.to_dues)}")
    if r.to_account:
        text.append(f"  credit on the customer's account {fmt(r.to_account)}")
    if r.refunded:
        text.append(f"  refund {fmt(r.refunded)} by {r.refund_method}")
    if r.refund_method == "none":
        text.append("  complimentary bill: nothing to refund")
    if r.customer_balance is not None:
        text.append(f"  customer balance {fmt(r.customer_balance)}")
    env.emit("\n".join(text), r.as_json())
    return 0
