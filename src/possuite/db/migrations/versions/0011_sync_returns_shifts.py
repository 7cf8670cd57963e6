"""several tills: credit notes and shifts go to the hub (outbox triggers; what was written before queued once)

Revision ID: 0011
Revises: 0015
Create Date: 2026-12-06

0003's outbox triggers queue every row of the tables the hub held then; credit notes (0006) and a
till's shifts (0007) stayed at the till. Now (hub revision h0006, docs/architecture.md §7) they go
up like the other facts: a credit note and its lines are pulled by the store's other tills (so a
return made at one till is known at the other), a shift and its cash moves are read by the back
office's day report. A shift's one change, its close, is queued like a bill's void. A registered
book queues its existing credit notes, shifts and cash moves once here, so an upgraded till pushes
its history (an unregistered book queues nothing: registering queues the whole book).
Frozen: the table and column lists below are those of this revision.
"""
from alembic import op

revision = '0011'
down_revision = '0015'
branch_labels = None
depends_on = None

FACTS = ("credit_notes", "credit_note_lines", "shifts", "shift_cash_moves")
CLOSE_COLUMNS = ("closed_at", "closed_by", "expected_cash", "counted_cash", "counted_notes", "variance", "close_note")
REGISTERED = "EXISTS (SELECT 1 FROM sync_till WHERE applying = 0)"


def upgrade() -> None:
    for t in FACTS:
        op.execute(f"""CREATE TRIGGER sync_{t}_ai AFTER INSERT ON {t} WHEN {REGISTERED} BEGIN
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('{t}', new.id);
           END""")
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in CLOSE_COLUMNS)
    op.execute(f"""CREATE TRIGGER sync_shifts_au AFTER UPDATE ON shifts WHEN {REGISTERED} AND ({changed})
           BEGIN
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('shifts', new.id);
           END""")
    # What a registered till wrote before this revision: queued once, parents before children.
    for t in FACTS:
        op.execute(f"INSERT INTO sync_outbox(tbl, row_id) SELECT '{t}', x.id FROM {t} x "
                   f"WHERE x.store_id IN (SELECT store_id FROM sync_till) ORDER BY x.id")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS sync_shifts_au")
    for t in FACTS:
        op.execute(f"DROP TRIGGER IF EXISTS sync_{t}_ai")
    op.execute(f"DELETE FROM sync_outbox WHERE tbl IN ({', '.join(repr(t) for t in FACTS)})")
