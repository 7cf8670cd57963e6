"""the integrity check's seals: one row per closed business day, chained (till-local, never synced)

Revision ID: 0012
Revises: 0014
Create Date: 2026-12-06

A seal records, for the rows a day added to the book (``ledger_entries``, ``allocations``, ``bills``,
``bill_lines``, ``payments``: those whose ``rowid`` lies above the previous seal's mark and at or below
this one's), their counts, their money totals and a SHA-256 over their columns, and a hash chaining it
to the previous seal (docs/architecture.md §3.5). Two partial indexes list the demo's customers and
bills (rows of the demo are outside the seals: the demo may remove them); a covering index reads a
customer's allocations (the incremental check's replay of the customers a day touched). ``verified_at`` is when the rows were last read back
and found equal; it is the only column ever updated. A till's own bookkeeping: not on the hub.
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0014'
branch_labels = None
depends_on = None

#: The sealed tables, in the order their figures stand in a seal (frozen: the columns of this revision).
TABLES = ("entries", "allocations", "bills", "lines", "payments")


def upgrade() -> None:
    cols = []
    for t in TABLES:
        cols += [sa.Column(f"{t}_to", sa.Integer(), nullable=False),
                 sa.Column(f"{t}_rows", sa.Integer(), nullable=False),
                 sa.Column(f"{t}_total", sa.Integer(), nullable=False)]
    op.create_table('check_seals',
    sa.Column('store_id', sa.String(length=26), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sealed_at', sa.DateTime(), nullable=False),
    *cols,
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], ),
    sa.PrimaryKeyConstraint('store_id', 'seq'),
    sa.UniqueConstraint('store_id', 'day')
    )
    # A customer's allocations read from the index alone: the incremental check's replay of the customers a
    # day touched compares them (and ``services/ledger.py::reproject`` after a pull), without a table scan.
    op.create_index('ix_allocations_customer', 'allocations',
                    ['store_id', 'customer_id', 'credit_entry_id', 'charge_entry_id', 'amount'])
    # The demo's few customers and bills, so that a seal's read skips their rows without a lookup per row.
    op.execute("CREATE INDEX ix_customers_demo ON customers(id) WHERE is_demo = 1")
    op.execute("CREATE INDEX ix_bills_demo ON bills(id) WHERE is_demo = 1")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_bills_demo")
    op.execute("DROP INDEX IF EXISTS ix_customers_demo")
    op.drop_index('ix_allocations_customer', table_name='allocations')
    op.drop_table('check_seals')
