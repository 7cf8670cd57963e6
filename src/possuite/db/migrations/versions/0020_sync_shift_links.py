"""several tills: the shift of each bill and payment a till pushed before 0011, sent to the hub again

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

Frozen: later changes are new revisions.

Before 0011 a registered till pushed its bills and payments without ``shift_id`` (the hub held no such
column before h0006); 0011 queued its shifts then, but not which shift each bill and payment joined, so on
the hub those shifts counted 0 bills and no tenders. The book knows exactly which shift each of its rows
joined (set in the writing transaction, ``0007``), so a registered book queues here, once, a **shift link**
for every bill and payment of its store that joined one of its own shifts (a pulled row joins none): the
outbox entry ``bill_shifts`` / ``payment_shifts`` (``hub/spec.py::SHIFT_LINKS``) sends the row's id and
shift only, never the row, and the hub fills its NULL ``shift_id`` once (hub h0013, docs/architecture.md
§7). The book cannot tell which rows went up before 0011, so it queues all of them: a link the hub has
already is left alone. Queued after whatever waits (0011's shifts first), so a shift reaches the hub before
the links that name it. An unregistered book queues nothing: registering queues the whole book, with the
shifts in its rows.
"""
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

LINKS = (("bill_shifts", "bills"), ("payment_shifts", "payments"))


def upgrade() -> None:
    if op.get_bind().exec_driver_sql("SELECT 1 FROM sync_till").first() is None:
        return   # not a till of a hub (a shop-scale book reads no bill here)
    for link, table in LINKS:
        op.execute(f"INSERT INTO sync_outbox(tbl, row_id) SELECT '{link}', x.id FROM {table} x "
                   "WHERE x.store_id IN (SELECT store_id FROM sync_till) "
                   "AND x.shift_id IN (SELECT s.id FROM shifts s WHERE s.store_id = x.store_id) ORDER BY x.id")


def downgrade() -> None:
    op.execute(f"DELETE FROM sync_outbox WHERE tbl IN ({', '.join(repr(link) for link, _t in LINKS)})")
