"""The customers page's cards from an index alone: ``ix_customers_store_balance`` gains ``active``

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-07

Frozen: later changes are new revisions.

The cards' one statement (``services/customers.py::customer_summary``) counts the customers, the active ones,
those who owe and what they owe. ``active`` was not in ``ix_customers_store_balance (store_id, balance)``, so
SQLite read every row of the table (282 ms at 100,000 customers, README "Window section"). The index becomes
``ix_customers_store_balance_active (store_id, balance, active)``: the same prefix, so every read that used
the old one (owing customers, the balance sort) uses this one, and the cards are an index-only scan. The old
index is dropped (a prefix of the new one; keeping both would cost every customer write twice).
"""
from alembic import op

revision = "0019"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_store_balance_active", "customers", ["store_id", "balance", "active"])
    op.drop_index("ix_customers_store_balance", table_name="customers")


def downgrade() -> None:
    op.create_index("ix_customers_store_balance", "customers", ["store_id", "balance"])
    op.drop_index("ix_customers_store_balance_active", table_name="customers")
