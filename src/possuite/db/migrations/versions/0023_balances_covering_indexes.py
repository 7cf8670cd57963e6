"""The balances window's cards from indexes alone: the owing customers' index gains ``credit_limit``, the open
items' index gains ``open_amount``

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07

Frozen: later changes are new revisions.

The balances window's summary (``services/balances.py::summary``: customers owing, what they owe, how many are
over their credit limit; the overdue amount and the aging buckets) read ``credit_limit`` from each owing
customer's row and ``open_amount`` from each open charge's row: 59 ms of the window's first paint at shop scale
(21,000 owing customers, 23,000 open charges; README "Window section"). With the two columns in the indexes the
summary is two index-only scans (about 15 ms), and the balances list's open-item aggregate per customer of a
page and the check's reads of a customer's open items are index-only too. Each index keeps its name and its
leading columns, so every plan that used it uses it still (``tests/bench/test_schema_indexes.py``); the old
shape is dropped first (the same name), so nothing is indexed twice.
"""
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_customers_store_balance_active", table_name="customers")
    op.create_index("ix_customers_store_balance_active", "customers", ["store_id", "balance", "active", "credit_limit"])
    op.drop_index("ix_open_items_customer", table_name="open_items")
    op.create_index("ix_open_items_customer", "open_items", ["store_id", "customer_id", "side", "due_date", "open_amount"])


def downgrade() -> None:
    op.drop_index("ix_open_items_customer", table_name="open_items")
    op.create_index("ix_open_items_customer", "open_items", ["store_id", "customer_id", "side", "due_date"])
    op.drop_index("ix_customers_store_balance_active", table_name="customers")
    op.create_index("ix_customers_store_balance_active", "customers", ["store_id", "balance", "active"])
