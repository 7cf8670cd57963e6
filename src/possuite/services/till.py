"""Read helpers for the till window: the receipt preview text and one line on a receipt's print state."""

from __future__ import annotations

from possuite.i18n import _
from possuite.services.context import Context
from possuite.services.print_queue import QueueStatus, jobs_for, queue_status
from possuite.services.receipts import collection_receipt_text, sale_receipt_text


def printer_state(ctx: Context) -> QueueStatus:
    """What the status bar shows about printing: the default printer and the queue."""
    return queue_status(ctx)


def receipt_print_state(ctx: Context, number: str) -> str:
    """One line for the sale summary: is the receipt queued, printed, or is there no printer? (current language)"""
    jobs = jobs_for(ctx, number)
    status = queue_status(ctx)
    if not jobs:
        if status.printer_name is None:
            return _("No receipt printer set up: the receipt is shown here (Settings › Printers).")
        return _("Receipt not queued for printing.")
    job = jobs[-1]
    printer = status.printer_name or _("the printer")
    if job.status == "done":
        return _("Receipt printed on {printer}.").format(printer=printer)
    if job.status == "failed":
        return _("Receipt failed to print ({error}); retry from the print queue.").format(error=job.last_error)
    return _("Receipt queued for {printer}. {status}").format(printer=printer, status=status.message)


def sale_receipt_preview(ctx: Context, number: str, width: int = 42) -> str:
    """The sale's receipt exactly as the printer prints it, at ``width`` columns."""
    return sale_receipt_text(ctx, number, width=width)


def collection_receipt_preview(ctx: Context, number: str, width: int = 42) -> str:
    """The collection's receipt exactly as the printer prints it, at ``width`` columns."""
    return collection_receipt_text(ctx, number, width=width)
