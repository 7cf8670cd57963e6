"""Likely duplicate customers, and merging two into one (owner only).

Two tills offline may each add the same person: both customers are kept (docs/architecture.md §7).
``likely_duplicates`` lists pairs of active customers with the same normalised phone, or the same
name and a similar phone (one digit different, or two neighbouring digits swapped), in three
statements whatever the size of the book. ``merge_customers`` keeps both histories: what the
merged customer owes (or is owed) moves onto the survivor through the ledger module — a
``transfer_out`` adjustment on the merged customer that settles its open items, a ``transfer_in``
on the survivor (each with its ADJ number) — and the merged customer is deactivated with
``merged_into`` naming the survivor, audited, in one transaction. Like every write on a till of a
hub, the outbox triggers queue it for the next sync. A merge is made at a till: the back office on
the hub reads only, so there the list pairs customers of one store and the merge refuses.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select, update
from sqlalchemy.orm import aliased

from possuite.db import models as m
from possuite.db.dialect import home_store
from possuite.domain.errors import Conflict, ValidationError
from possuite.services import audit
from possuite.services.context import Context
from possuite.services.customers import CustomerView, _view, resolve
from possuite.services.ledger import post_adjustment
from possuite.services.permissions import MERGE_CUSTOMERS, require
from possuite.services.validation import clean_text

C = m.Customer.__table__
SAME_PHONE = "same phone"
SIMILAR_PHONE = "same name, similar phone"
DEFAULT_REASON = "duplicate customer"


@dataclass(frozen=True)
class DuplicatePair:
    keep: CustomerView    # the suggested survivor: the older of the two
    other: CustomerView
    why: str              # SAME_PHONE or SIMILAR_PHONE

    def as_json(self) -> dict:
        return {"keep": self.keep.as_json(), "other": self.other.as_json(), "why": self.why}


def similar_phones(a: str, b: str) -> bool:
    """Equal, or one digit different, or two neighbouring digits swapped (a typed phone's usual slips)."""
    if not a or not b or len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) <= 1:
        return True
    i, j = diff[0], diff[-1]
    return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]


def _pairs_statements(store_id: str):
    a, b = aliased(C), aliased(C)
    # Same store: on the hub's every-store views store_id is '*', and a phone is unique per store only.
    both = and_(a.c.store_id == store_id, b.c.store_id == store_id, a.c.active.is_(True), b.c.active.is_(True),
                a.c.id < b.c.id, home_store(a.c.store_id) == home_store(b.c.store_id))
    same_phone = (select(a.c.id, b.c.id).select_from(a.join(b, a.c.phone_e164 == b.c.phone_e164))
                  .where(both, a.c.phone_e164.is_not(None)))
    same_name = (select(a.c.id, b.c.id, a.c.phone_digits, b.c.phone_digits)
                 .select_from(a.join(b, a.c.name_key == b.c.name_key))
                 .where(both, a.c.phone_digits != "", b.c.phone_digits != "",
                        a.c.phone_e164.is_distinct_from(b.c.phone_e164)))
    return same_phone, same_name


def likely_duplicates(ctx: Context) -> list[DuplicatePair]:
    """Pairs of active customers that are likely one person, by name (three statements)."""
    require(ctx, MERGE_CUSTOMERS)
    same_phone, same_name = _pairs_statements(ctx.store_id)
    with ctx.read() as conn:
        found: dict[tuple[str, str], str] = {(x, y): SAME_PHONE for x, y in conn.execute(same_phone).all()}
        for x, y, px, py in conn.execute(same_name).all():
            if similar_phones(px, py):
                found.setdefault((x, y), SIMILAR_PHONE)
        ids = {i for pair in found for i in pair}
        rows = {r["id"]: _view(r) for r in conn.execute(select(C).where(C.c.id.in_(ids))).mappings()} if ids else {}
    pairs = []
    for (x, y), why in found.items():
        first, second = sorted((rows[x], rows[y]), key=lambda c: (c.created_at, c.id))
        pairs.append(DuplicatePair(first, second, why))
    return sorted(pairs, key=lambda p: (p.keep.name.casefold(), p.keep.created_at, p.other.id))


@dataclass(frozen=True)
class MergeResult:
    keep: CustomerView
    merged: CustomerView
    moved: int                 # what the merged customer owed (− what it was owed), now the survivor's
    documents: list[str]       # the two ADJ numbers (none when nothing moved)

    def as_json(self) -> dict:
        return {"keep": self.keep.as_json(), "merged": self.merged.as_json(), "moved": self.moved,
                "documents": self.documents, "merged_into": self.keep.id}


def merge_customers(ctx: Context, keep_ref: str, other_ref: str, reason: str = "") -> MergeResult:
    """Merge OTHER into KEEP (owner): both histories stay; OTHER's balance moves onto KEEP; OTHER is deactivated."""
    require(ctx, MERGE_CUSTOMERS)
    if ctx.is_back_office:
        raise ValidationError("customer", "customers are merged at a till of their store (possuite --db BOOK "
                                          "customer merge KEEP OTHER, or its Customers page), not in the back "
                                          "office on the hub; the merge reaches the hub with the till's next sync")
    reason = clean_text(reason, "reason", max_len=400) or DEFAULT_REASON
    with ctx.write() as conn:
        keep, other = resolve(conn, ctx, keep_ref), resolve(conn, ctx, other_ref)
        if keep["id"] == other["id"]:
            raise ValidationError("customer", "{keep_ref!r} and {other_ref!r} are the same customer ({keep}); give two "
                                              "customers",
                                  keep_ref=keep_ref, other_ref=other_ref, keep=keep['name'])
        for row in (keep, other):
            if row["merged_into"]:
                raise Conflict("customer", "{row} ({row2}) was merged into {row3} already",
                               row=row['name'], row2=row['id'], row3=row['merged_into'])
            if not row["active"]:
                raise Conflict("customer", "{row} ({row2}) is inactive; reactivate it first",
                               row=row['name'], row2=row['id'])
        moved, documents = other["balance"], []
        if moved:
            _, out_no, _ = post_adjustment(conn, ctx, other["id"], other["balance"], -moved,
                                           f"merged into {keep['name']} ({keep['id']}): {reason}", "transfer_out")
            _, in_no, _ = post_adjustment(conn, ctx, keep["id"], keep["balance"], moved,
                                          f"merged from {other['name']} ({other['id']}): {reason}", "transfer_in")
            documents = [out_no, in_no]
        conn.execute(update(C).where(C.c.id == other["id"]).values(
            active=False, merged_into=keep["id"], deactivated_reason=f"merged into {keep['name']}: {reason}"[:500],
            updated_at=ctx.clock.now()))
        audit.record(conn, ctx, "customers merged", keep["id"], reason, merged=other["id"], moved=moved,
                     documents=documents)
        rows = {r["id"]: _view(r) for r in conn.execute(
            select(C).where(C.c.id.in_([keep["id"], other["id"]]))).mappings()}
    return MergeResult(rows[keep["id"]], rows[other["id"]], moved, documents)
