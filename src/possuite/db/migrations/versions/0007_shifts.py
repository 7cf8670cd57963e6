"""shifts: the till's cash drawer (opening float, cash in/out, counted cash, variance)

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-06

A shift is this till's drawer between an opening float and a count. Bills and payments written while a
shift is open join it through the triggers below, in the writing transaction itself: no service can
forget it (a refund of a void or of a return is a ``payments`` row too), and rows a sync pulls in from
other tills (``sync_till.applying``) never join, and demo documents (written as demo) join only the
demo's own shifts. ``bills.shift_id`` and
``payments.shift_id`` are this till's own columns (the hub does not hold them, ``hub/spec.py``).
Two store settings: ``shifts_required`` (selling needs an open shift; off on books made before, so
their scripts keep working) and ``max_cashier_discount_bp`` (the largest bill discount a cashier
gives without an owner's PIN; NULL: no limit).
Frozen: the column lists below are those of this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0003'
branch_labels = None
depends_on = None

_NOT_PULLED = "NOT EXISTS (SELECT 1 FROM sync_till WHERE applying = 1)"
# A demo document (written with is_demo = 1 by a demo context) joins the demo's own open shift, never a real one.
_OPEN_SHIFT = ("(SELECT id FROM shifts WHERE store_id = new.store_id AND closed_at IS NULL "
               "AND is_demo = new.is_demo ORDER BY opened_at DESC LIMIT 1)")


def _join_trigger(table: str) -> str:
    return f"""CREATE TRIGGER shift_{table}_ai AFTER INSERT ON {table}
       WHEN new.shift_id IS NULL AND {_NOT_PULLED}
       BEGIN
         UPDATE {table} SET shift_id = {_OPEN_SHIFT} WHERE id = new.id;
       END"""


def upgrade() -> None:
    op.create_table('shifts',
    sa.Column('id', sa.String(length=26), nullable=False),
    sa.Column('store_id', sa.String(length=26), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('till', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.String(length=26), nullable=True),
    sa.Column('user_name', sa.String(length=100), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('opening_float', sa.Integer(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=True),
    sa.Column('expected_cash', sa.Integer(), nullable=True),
    sa.Column('counted_cash', sa.Integer(), nullable=True),
    sa.Column('counted_notes', sa.Text(), nullable=False),
    sa.Column('variance', sa.Integer(), nullable=True),
    sa.Column('close_note', sa.Text(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('store_id', 'number')
    )
    op.create_index('ix_shifts_store_open', 'shifts', ['store_id', 'closed_at'])
    op.create_index('ix_shifts_store_date', 'shifts', ['store_id', 'business_date'])
    # At most one open shift per till: a second open is refused by the database too.
    op.execute("CREATE UNIQUE INDEX ux_shifts_one_open ON shifts (store_id, is_demo) WHERE closed_at IS NULL")
    op.create_table('shift_cash_moves',
    sa.Column('id', sa.String(length=26), nullable=False),
    sa.Column('store_id', sa.String(length=26), nullable=False),
    sa.Column('shift_id', sa.String(length=26), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('posted_at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=100), nullable=False),
    sa.Column('authorised_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], ),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_shift_cash_moves_shift', 'shift_cash_moves', ['shift_id', 'kind', 'amount'])
    # Plain ADD COLUMN (no table rebuild): the tables keep their sync and insert-only triggers.
    op.add_column('payments', sa.Column('shift_id', sa.String(length=26), nullable=True))
    op.add_column('bills', sa.Column('shift_id', sa.String(length=26), nullable=True))
    op.add_column('stores', sa.Column('shifts_required', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('stores', sa.Column('max_cashier_discount_bp', sa.Integer(), nullable=True))
    op.create_index('ix_payments_shift', 'payments', ['shift_id', 'kind', 'method', 'amount'])
    op.create_index('ix_bills_shift', 'bills', ['shift_id'])
    for table in ("payments", "bills"):
        op.execute(_join_trigger(table))


def downgrade() -> None:
    for table in ("payments", "bills"):
        op.execute(f"DROP TRIGGER IF EXISTS shift_{table}_ai")
    op.drop_index('ix_bills_shift', table_name='bills')
    op.drop_index('ix_payments_shift', table_name='payments')
    for table, column in (("stores", "max_cashier_discount_bp"), ("stores", "shifts_required"),
                          ("bills", "shift_id"), ("payments", "shift_id")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # SQLite 3.35+: no rebuild, triggers kept
    op.drop_index('ix_shift_cash_moves_shift', table_name='shift_cash_moves')
    op.drop_table('shift_cash_moves')
    op.execute("DROP INDEX IF EXISTS ux_shifts_one_open")
    op.drop_index('ix_shifts_store_date', table_name='shifts')
    op.drop_index('ix_shifts_store_open', table_name='shifts')
    op.drop_table('shifts')
