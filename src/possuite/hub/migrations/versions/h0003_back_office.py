"""The owner's back office on the hub: the projection cache and the views the read services query.

Revision ID: h0003
Revises: h0004
Create Date: 2026-12-06

Frozen: later changes are new revisions.

- ``projection_customers`` (a row per customer: balance, visits, spend, last visit and payment, and
  the record's credit limit; the ``customers`` view starts from it),
  ``projection_open_items``, ``projection_allocations``: the ledger projection of every customer
  (``domain/projection.py``), written only by the owner's role when it refreshes them from the
  rows written since ``projection_cursor`` (``(hub_xid, hub_seq)``, the pull's order: h0002)
  (``possuite.hub.backoffice``). Tills have no right on them.
- The views the read services query (schemas ``possuite_bo`` and ``possuite_bo_all``) are not made
  here: ``hub init`` makes them every time it runs, from the till's tables (``possuite.hub.views``),
  so they follow the till's schema; this revision's downgrade drops them.
- Indexes the back office reads by when no store narrows the rows (by customer, by bill, by date)
  and the ``(hub_xid, hub_seq)`` indexes the refresh reads new rows by.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0003"
down_revision = "h0004"
branch_labels = None
depends_on = None

SCHEMAS = ("possuite_bo", "possuite_bo_all")


def upgrade() -> None:
    op.create_table(
        "projection_customers",
        sa.Column("customer_id", sa.String(26), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("visits", sa.BigInteger(), nullable=False),
        sa.Column("total_spent", sa.BigInteger(), nullable=False),
        sa.Column("last_visit", sa.DateTime(), nullable=True),
        sa.Column("last_payment_at", sa.DateTime(), nullable=True),
        # The record's credit limit, copied at each refresh: the balances window counts customers over
        # their limit without reading the records.
        sa.Column("credit_limit", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_projection_customers_store_balance", "projection_customers", ["store_id", "balance"])
    op.create_index("ix_projection_customers_balance", "projection_customers", ["balance"])
    op.create_table(
        "projection_open_items",
        sa.Column("entry_id", sa.String(26), primary_key=True),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("customer_id", sa.String(26), nullable=False),
        sa.Column("side", sa.String(6), nullable=False),
        sa.Column("open_amount", sa.BigInteger(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column("bill_id", sa.String(26), nullable=True),
    )
    op.create_index("ix_projection_open_items_customer", "projection_open_items",
                    ["store_id", "customer_id", "side", "due_date"])
    op.create_index("ix_projection_open_items_customer_only", "projection_open_items", ["customer_id", "side"])
    op.create_index("ix_projection_open_items_store_side_due", "projection_open_items",
                    ["store_id", "side", "due_date"])
    op.create_index("ix_projection_open_items_bill", "projection_open_items", ["bill_id"])
    op.create_table(
        "projection_allocations",
        sa.Column("id", sa.String(53), primary_key=True),  # credit id + ':' + charge id
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("customer_id", sa.String(26), nullable=False),
        sa.Column("credit_entry_id", sa.String(26), nullable=False),
        sa.Column("charge_entry_id", sa.String(26), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_projection_allocations_credit", "projection_allocations", ["credit_entry_id"])
    op.create_index("ix_projection_allocations_charge", "projection_allocations", ["charge_entry_id"])
    op.create_index("ix_projection_allocations_customer", "projection_allocations", ["customer_id"])
    op.create_table(
        "projection_cursor",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("hub_xid", sa.BigInteger(), nullable=False),
        sa.Column("hub_seq", sa.BigInteger(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_projection_cursor_one_row"),
    )
    op.execute("INSERT INTO projection_cursor (id, hub_xid, hub_seq) VALUES (1, 0, 0)")

    for name in ("customers", "bills", "payments", "ledger_entries"):
        op.create_index(f"ix_{name}_hub_xid", name, ["hub_xid", "hub_seq"])
    op.create_index("ix_ledger_customer_posted", "ledger_entries", ["customer_id", "posted_at"])
    op.create_index("ix_bills_customer_posted", "bills", ["customer_id", "posted_at"])
    op.create_index("ix_bills_store_date", "bills", ["store_id", "business_date"])
    op.create_index("ix_bills_date", "bills", ["business_date"])
    op.create_index("ix_bills_number", "bills", ["number"])
    op.create_index("ix_payments_bill", "payments", ["bill_id"])
    op.create_index("ix_payments_customer_posted", "payments", ["customer_id", "posted_at"])
    op.create_index("ix_payments_store_date", "payments", ["store_id", "business_date"])
    op.create_index("ix_payments_date", "payments", ["business_date"])
    op.create_index("ix_customers_store_name_key", "customers", ["store_id", "name_key"])
    op.create_index("ix_customers_name_key", "customers", ["name_key"])
    op.create_index("ix_customers_phone_e164", "customers", ["phone_e164"])


def downgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    for name in ("projection_cursor", "projection_allocations", "projection_open_items", "projection_customers"):
        op.drop_table(name)
    for name in ("customers", "bills", "payments", "ledger_entries"):
        op.drop_index(f"ix_{name}_hub_xid", table_name=name)
    for ix, table in (("ix_ledger_customer_posted", "ledger_entries"), ("ix_bills_customer_posted", "bills"),
                      ("ix_bills_store_date", "bills"), ("ix_bills_date", "bills"), ("ix_bills_number", "bills"),
                      ("ix_payments_bill", "payments"), ("ix_payments_customer_posted", "payments"),
                      ("ix_payments_store_date", "payments"), ("ix_payments_date", "payments"),
                      ("ix_customers_store_name_key", "customers"), ("ix_customers_name_key", "customers"),
                      ("ix_customers_phone_e164", "customers")):
        op.drop_index(ix, table_name=table)
