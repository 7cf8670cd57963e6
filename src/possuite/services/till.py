"""Read helpers for the till window: receipt preview text and the printer/queue state.

They use the printing feature's services when they are installed (``services.receipts``,
``services.print_queue``) and fall back to a plain text preview built from the bill.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from possuite.domain.dates import format_datetime
from possuite.domain.money import format_money
from possuite.services.context import Context

#: Footer lines of the plain preview, per checkout outcome (DESIGN §4).
_OUTCOME_FOOTER = {
    "paid": "PAID",
    "pending": "PENDING BALANCE: {pending}",
    "full_pending": "FULL AMOUNT PENDING: {pending}",
    "complimentary": "COMPLIMENTARY SERVICE",
}


@dataclass(frozen=True)
class PrinterState:
    """What the status bar shows about printing. ``available`` is False until printing is installed."""

    available: bool
    printer_name: str | None = None
    state: str = "not set up"
    waiting: int = 0
    failed: int = 0
    message: str = "Printing arrives in a later release"


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def printer_state(ctx: Context) -> PrinterState:
    pq = _optional("possuite.services.print_queue")
    if pq is None or not hasattr(pq, "queue_status"):
        return PrinterState(False)
    st = pq.queue_status(ctx)
    return PrinterState(True, getattr(st, "printer_name", None), str(getattr(st, "state", "")),
                        int(getattr(st, "waiting", 0)), int(getattr(st, "failed", 0)),
                        str(getattr(st, "message", "")))


def receipt_print_state(ctx: Context, number: str) -> str:
    """One line for the sale summary: is the receipt queued, printed, or is there no printer?"""
    pq = _optional("possuite.services.print_queue")
    if pq is None or not hasattr(pq, "jobs_for"):
        return "Receipt printing arrives in a later release; the receipt is shown here."
    jobs = pq.jobs_for(ctx, number)
    status = printer_state(ctx)
    if not jobs:
        if status.printer_name is None:
            return "No receipt printer set up: the receipt is shown here (Settings › Printers)."
        return "Receipt not queued for printing."
    job = jobs[-1]
    if job.status == "done":
        return f"Receipt printed on {status.printer_name or 'the printer'}."
    if job.status == "failed":
        return f"Receipt failed to print ({job.last_error}); retry from the print queue."
    return f"Receipt queued for {status.printer_name or 'the printer'}. {status.message}"


def sale_receipt_preview(ctx: Context, number: str, width: int = 42) -> str:
    receipts = _optional("possuite.services.receipts")
    if receipts is not None and hasattr(receipts, "sale_receipt_text"):
        return receipts.sale_receipt_text(ctx, number, width=width)
    return _plain_sale_text(ctx, number, width)


def collection_receipt_preview(ctx: Context, number: str, width: int = 42) -> str:
    receipts = _optional("possuite.services.receipts")
    if receipts is not None and hasattr(receipts, "collection_receipt_text"):
        return receipts.collection_receipt_text(ctx, number, width=width)
    return f"{ctx.store.name}\nCollection receipt {number}".center(width)


def _row(left: str, right: str, width: int) -> str:
    space = max(1, width - len(left) - len(right))
    return f"{left}{' ' * space}{right}"


def _plain_sale_text(ctx: Context, number: str, width: int) -> str:
    from possuite.services.bills import get_bill

    detail = get_bill(ctx, number)
    b = detail.bill
    cur = ctx.currency
    money = lambda v: format_money(v, cur)  # noqa: E731
    out = [ctx.store.name.center(width)]
    if ctx.store.address:
        out.append(ctx.store.address.replace("\n", ", ")[:width].center(width))
    out += ["-" * width, _row(f"Bill {b['number']}", format_datetime(b['posted_at']), width)]
    if detail.customer:
        out.append(f"Customer: {detail.customer['name']}"[:width])
    out.append("-" * width)
    for ln in detail.lines:
        out.append(ln["description"][:width])
        out.append(_row(f"  {ln['qty']} x {money(ln['unit_price'])}", money(ln["amount"]), width))
    out.append("-" * width)
    if b["discount"]:
        out.append(_row("Discount", "-" + money(b["discount"]), width))
    if b["tax"]:
        out.append(_row("Tax", money(b["tax"]), width))
    out.append(_row("TOTAL", money(b["total"]), width))
    for p in detail.payments:
        out.append(_row(f"Paid ({p['method']})", money(p["tendered"]), width))
    if b["change"]:
        out.append(_row("Change", money(b["change"]), width))
    if b["applied_to_previous"]:
        out.append(f"APPLIED TO PREVIOUS BALANCE: {money(b['applied_to_previous'])}")
    footer = _OUTCOME_FOOTER.get(b["outcome"], "")
    if footer:
        out.append(footer.format(pending=money(b["outstanding"])))
    if detail.customer and detail.customer["balance"]:
        out.append(f"TOTAL OUTSTANDING: {money(detail.customer['balance'])}")
    return "\n".join(out)
