"""the tamper-evident ledger: each bill, payment, ledger entry and allocation chained to the till's previous one

Revision ID: 0016
Revises: 0018
Create Date: 2026-12-07

- ``chain_till``, ``chain_seq``, ``chain_hash`` on ``bills``, ``payments``, ``ledger_entries`` and
  ``allocations`` (plain ALTER TABLE ADD COLUMN: the tables keep their triggers), an index on
  ``(chain_till, chain_seq)`` of each (a chain read in order), and ``chain_heads`` (where this till's
  chains end, per store and stream; till-local). docs/architecture.md §3.6, ``services/chain.py``.
- The insert-only guards of ``ledger_entries`` and ``allocations`` now refuse an UPDATE of any column but
  the chain's (``UPDATE OF`` the frozen column lists below), and a new guard on each of the four tables
  refuses changing a row's chain columns once written (the chain is written once, in the row's own
  transaction).
- The rows the book already holds are linked in write order (``services/chain.py::backfill``: posting
  time, bill before payments before entries, then rowid), so an upgraded book checks clean. The seals
  (0012) cover named columns only: adding columns changes no sealed day.
Frozen: the column lists are those of this revision.
"""
import sqlalchemy as sa
from alembic import op

from possuite.services import chain

revision = '0016'
down_revision = '0018'
branch_labels = None
depends_on = None

CHAINED = ("bills", "payments", "ledger_entries", "allocations")
ENTRY_COLUMNS = ("id", "store_id", "customer_id", "kind", "amount", "bill_id", "payment_id", "adjustment_id",
                 "document", "posted_at", "due_date", "user_name", "authorised_by", "note")
ALLOCATION_COLUMNS = ("id", "store_id", "customer_id", "credit_entry_id", "charge_entry_id", "amount", "created_at")
_CHAIN_CHANGED = ("old.chain_hash IS NOT NULL AND (new.chain_hash IS NOT old.chain_hash OR "
                  "new.chain_seq IS NOT old.chain_seq OR new.chain_till IS NOT old.chain_till)")


def _guards() -> list[str]:
    out = [
        "DROP TRIGGER IF EXISTS ledger_entries_no_update",
        "DROP TRIGGER IF EXISTS allocations_no_update",
        f"""CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OF {', '.join(ENTRY_COLUMNS)} ON ledger_entries
           BEGIN SELECT RAISE(ABORT, 'ledger_entries is insert-only; post a reversing entry'); END""",
        f"""CREATE TRIGGER allocations_no_update BEFORE UPDATE OF {', '.join(ALLOCATION_COLUMNS)} ON allocations
           BEGIN SELECT RAISE(ABORT, 'allocations is insert-only'); END""",
    ]
    for t in CHAINED:
        out.append(f"""CREATE TRIGGER {t}_chain_once BEFORE UPDATE OF chain_till, chain_seq, chain_hash ON {t}
           WHEN {_CHAIN_CHANGED}
           BEGIN SELECT RAISE(ABORT, '{t}: a row''s place in the chain is written once'); END""")
    return out


def upgrade() -> None:
    for t in CHAINED:
        op.add_column(t, sa.Column("chain_till", sa.String(26), nullable=True))
        op.add_column(t, sa.Column("chain_seq", sa.Integer(), nullable=True))
        op.add_column(t, sa.Column("chain_hash", sa.String(64), nullable=True))
    op.create_index("ix_bills_chain", "bills", ["chain_till", "chain_seq"])
    op.create_index("ix_payments_chain", "payments", ["chain_till", "chain_seq"])
    op.create_index("ix_ledger_chain", "ledger_entries", ["chain_till", "chain_seq"])
    op.create_index("ix_allocations_chain", "allocations", ["chain_till", "chain_seq"])
    op.create_table(
        "chain_heads",
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("stream", sa.String(12), nullable=False),
        sa.Column("till", sa.String(26), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"]),
        sa.PrimaryKeyConstraint("store_id", "stream"),
    )
    for stmt in _guards():
        op.execute(stmt)
    conn = op.get_bind()
    for (store_id,) in conn.exec_driver_sql("SELECT id FROM stores").fetchall():
        chain.backfill(conn, store_id)


def downgrade() -> None:
    for t in CHAINED:
        op.execute(f"DROP TRIGGER IF EXISTS {t}_chain_once")
    op.execute("DROP TRIGGER IF EXISTS ledger_entries_no_update")
    op.execute("DROP TRIGGER IF EXISTS allocations_no_update")
    op.execute("""CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
       BEGIN SELECT RAISE(ABORT, 'ledger_entries is insert-only; post a reversing entry'); END""")
    op.execute("""CREATE TRIGGER allocations_no_update BEFORE UPDATE ON allocations
       BEGIN SELECT RAISE(ABORT, 'allocations is insert-only'); END""")
    op.drop_table("chain_heads")
    for name, t in (("ix_bills_chain", "bills"), ("ix_payments_chain", "payments"),
                    ("ix_ledger_chain", "ledger_entries"), ("ix_allocations_chain", "allocations")):
        op.drop_index(name, table_name=t)
    for t in CHAINED:
        for c in ("chain_hash", "chain_seq", "chain_till"):
            op.execute(f"ALTER TABLE {t} DROP COLUMN {c}")
