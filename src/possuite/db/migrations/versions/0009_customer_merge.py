"""customer merge: ``customers.merged_into``; a phone may belong to two customers of a store

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Two tills offline may each create a customer with the same phone; both are kept (the hub keeps
both too) until the owner merges them, so the book's unique index on (store, phone) becomes a
plain one. A till still refuses a second customer with a phone it already holds: that check is
the customer service's (``DuplicatePhone``), in the writing transaction. A merged customer is
deactivated with ``merged_into`` naming the survivor (``services/duplicates.py``). The 0003 outbox
trigger on customers needs no change: a merge always changes ``active``, so the row is queued.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN: a batch copy of the table would drop its search and outbox triggers.
    op.add_column('customers', sa.Column('merged_into', sa.String(length=26), nullable=True))
    op.execute("DROP INDEX IF EXISTS ux_customers_store_phone")
    op.execute("CREATE INDEX IF NOT EXISTS ix_customers_store_phone ON customers (store_id, phone_e164) "
               "WHERE phone_e164 IS NOT NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_customers_store_phone")
    op.execute("CREATE UNIQUE INDEX ux_customers_store_phone ON customers (store_id, phone_e164) "
               "WHERE phone_e164 IS NOT NULL")
    op.execute("ALTER TABLE customers DROP COLUMN merged_into")
