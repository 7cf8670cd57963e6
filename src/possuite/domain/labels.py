"""The words the till shows for stored codes: payment methods, ledger entry kinds, bill statuses.

One table each, so every screen, receipt and report says the same thing (and a translation
replaces them in one place). Each ``*_label`` falls back to the code itself, title-cased.
Standard library only: the words are English (the source language); a screen, receipt or report
translates them where it shows them, by passing its translation function (``tr``) to the functions
that compose words (``describe_movement``, ``customer_label``), or ``possuite.i18n``'s ``_`` to a label.
"""

from __future__ import annotations

from collections.abc import Callable

from possuite.domain import status

#: Payment methods (``payments.method``).
METHOD_LABELS = {"cash": "Cash", "card": "Card", "upi": "UPI", "other": "Other"}

#: Ledger entry kinds (``ledger_entries.kind``).
KIND_LABELS = {"sale": "Bill", "payment": "Payment", "opening": "Opening balance", "adjustment": "Adjustment",
               "writeoff": "Write-off", "void": "Void", "refund": "Refund", "return": "Credit note",
               "reversal": "Reversal", "unvoid": "Second void undone",
               # a merge of two customers: what one owed moves onto the other (services/duplicates.py)
               "transfer_in": "Moved in (merge)", "transfer_out": "Moved out (merge)"}

#: How a payment reads on a customer's statement (``payments.kind``; no payment row: a credit).
PAYMENT_WORD_LABELS = {"collection": "Collection", "payment": "Payment", "credit": "Credit"}

#: The customer of a bill without one (``bills.customer_id`` is NULL).
CUSTOMER_LABELS = {"walk_in": "Walk-in"}

#: Entry kinds whose note is part of the statement's description ("Write-off: bad debt").
NOTE_KINDS = frozenset({"opening", "adjustment", "writeoff", "void", "return", "transfer_in", "transfer_out"})

#: How a payment came in (``payments.kind``).
PAYMENT_KIND_LABELS = {"sale": "At the till", "collection": "Collection", "refund": "Refund"}

#: Bill statuses (``domain.status``), in the order a filter offers them.
STATUS_LABELS = {status.PENDING: "Pending", status.PARTIALLY_PAID: "Partially paid", status.OVERDUE: "Overdue",
                 status.PAID: "Paid", status.COMPLIMENTARY: "Complimentary", status.VOID: "Void"}


#: Bill return statuses (``domain.returns``), shown beside the payment status.
RETURN_STATUS_LABELS = {"returned": "Returned", "partly_returned": "Partly returned"}

#: How a credit note's value went back (``credit_notes.refund_method``).
REFUND_LABELS = {**METHOD_LABELS, "account": "To account", "none": "Nothing (complimentary)"}


def return_status_label(code: str | None) -> str:
    return RETURN_STATUS_LABELS.get(code or "", "")


def refund_label(method: str) -> str:
    return REFUND_LABELS.get(method, method.title())


def method_label(method: str | None) -> str:
    return METHOD_LABELS.get(method or "", (method or "").title())


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.title())


def payment_kind_label(kind: str) -> str:
    return PAYMENT_KIND_LABELS.get(kind, kind.title())


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code.replace("_", " ").capitalize())


def _same(text: str) -> str:
    return text


def describe_movement(kind: str, method: str | None, pay_kind: str | None, note: str,
                      tr: Callable[[str], str] = _same) -> str:
    """A movement of a customer's account in words, as the statement shows it: the entry kind, how money
    came in, the reason of an adjustment -- "Bill", "Collection (UPI)", "Write-off: bad debt". ``tr``
    translates each word (the reader's language); the note is the user's own text, never translated."""
    if kind == "payment":
        how = tr(method_label(method)) if method else ""
        key = "collection" if pay_kind == "collection" else "payment" if pay_kind else "credit"
        what = tr(PAYMENT_WORD_LABELS[key])
        words = f"{what} ({how})" if how else what
    elif kind == "refund" and method:
        words = f"{tr(kind_label(kind))} ({tr(method_label(method))})"
    else:
        words = tr(kind_label(kind))
    if note and kind in NOTE_KINDS:
        words += f": {note}"
    return words


def customer_label(name: str | None, tr: Callable[[str], str] = _same) -> str:
    """A bill's customer as a reader sees it: the name, or "Walk-in" (translated by ``tr``) without one."""
    return name or tr(CUSTOMER_LABELS["walk_in"])
