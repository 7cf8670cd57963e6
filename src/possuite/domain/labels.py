"""The words the till shows for stored codes: payment methods, ledger entry kinds, bill statuses.

One table each, so every screen, receipt and report says the same thing (and a translation
replaces them in one place). Each ``*_label`` falls back to the code itself, title-cased.
Standard library only.
"""

from __future__ import annotations

from possuite.domain import status

#: Payment methods (``payments.method``).
METHOD_LABELS = {"cash": "Cash", "card": "Card", "upi": "UPI", "other": "Other"}

#: Ledger entry kinds (``ledger_entries.kind``).
KIND_LABELS = {"sale": "Bill", "payment": "Payment", "opening": "Opening balance", "adjustment": "Adjustment",
               "writeoff": "Write-off", "void": "Void", "refund": "Refund", "return": "Credit note",
               "reversal": "Reversal", "unvoid": "Second void undone",
               # a merge of two customers: what one owed moves onto the other (services/duplicates.py)
               "transfer_in": "Moved in (merge)", "transfer_out": "Moved out (merge)"}

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
