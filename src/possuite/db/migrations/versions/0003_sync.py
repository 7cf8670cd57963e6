"""several tills: the book's till identity, the outbox and master versions, filled by triggers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

The outbox records every row a write creates or changes in the tables the hub holds, by SQLite
triggers in the writing transaction itself: no service can forget it, and it survives restarts
and kill -9 like the write. The triggers only act once the book is registered (a ``sync_till``
row exists), so a single-till book writes exactly what it wrote before; registering queues the
rows written until then. A change of a master (store settings, users, items, customers) bumps the
row's version (last writer wins on the hub); a change of cached columns only (a customer's
balance and visits, an item's sold count, a user's lockout) is not a change the hub sees.
Frozen: the column lists below are those of this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

FACTS = ("bills", "bill_lines", "payments", "adjustments", "ledger_entries", "audit_log")
MASTER_COLUMNS = {
    "stores": ["name", "address", "phone", "tax_id", "currency", "country", "credit_days", "invoice_prefix",
               "receipt_prefix", "upi_id", "allow_advances", "cashier_may_comp"],
    "users": ["name", "role", "pin_hash", "active"],
    "customers": ["name", "name_key", "phone", "phone_e164", "phone_digits", "notes", "credit_limit", "active",
                  "deactivated_reason", "is_demo", "updated_at"],
    "items": ["name", "name_key", "sku", "barcode", "price", "tax_rate_bp", "tax_inclusive", "kind", "active",
              "is_demo"],
}
VOID_COLUMNS = ["voided_at", "void_reason", "voided_by"]
REGISTERED = "EXISTS (SELECT 1 FROM sync_till WHERE applying = 0)"


def _changed(cols):
    return " OR ".join(f"old.{c} IS NOT new.{c}" for c in cols)


def _triggers():
    out = []
    for t in (*MASTER_COLUMNS, *FACTS):
        out.append(f"""CREATE TRIGGER sync_{t}_ai AFTER INSERT ON {t} WHEN {REGISTERED} BEGIN
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('{t}', new.id);
           END""")
    for t, cols in MASTER_COLUMNS.items():
        out.append(f"""CREATE TRIGGER sync_{t}_au AFTER UPDATE ON {t} WHEN {REGISTERED} AND ({_changed(cols)}) BEGIN
             INSERT INTO sync_versions(tbl, row_id, version) VALUES ('{t}', new.id, 1)
               ON CONFLICT(tbl, row_id) DO UPDATE SET version = version + 1;
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('{t}', new.id);
           END""")
    out.append(f"""CREATE TRIGGER sync_bills_au AFTER UPDATE ON bills WHEN {REGISTERED} AND ({_changed(VOID_COLUMNS)})
           BEGIN
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('bills', new.id);
           END""")
    return out


def _trigger_names():
    names = [f"sync_{t}_ai" for t in (*MASTER_COLUMNS, *FACTS)]
    return names + [f"sync_{t}_au" for t in MASTER_COLUMNS] + ["sync_bills_au"]


def upgrade() -> None:
    op.create_table('sync_till',
    sa.Column('id', sa.String(length=26), nullable=False),
    sa.Column('business_id', sa.String(length=26), nullable=False),
    sa.Column('business_name', sa.String(length=200), nullable=False),
    sa.Column('store_id', sa.String(length=26), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('hub_url', sa.Text(), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('last_push_at', sa.DateTime(), nullable=True),
    sa.Column('last_pull_at', sa.DateTime(), nullable=True),
    sa.Column('pull_cursor', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('applying', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('tbl', sa.String(length=20), nullable=False),
    sa.Column('row_id', sa.String(length=26), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sqlite_autoincrement=True
    )
    op.create_table('sync_versions',
    sa.Column('tbl', sa.String(length=20), nullable=False),
    sa.Column('row_id', sa.String(length=26), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('tbl', 'row_id')
    )
    for stmt in _triggers():
        op.execute(stmt)


def downgrade() -> None:
    for name in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('sync_versions')
    op.drop_table('sync_outbox')
    op.drop_table('sync_till')
