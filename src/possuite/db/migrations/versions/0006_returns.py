"""returns: credit notes (their own gapless CN series) and their lines, and the store's return window

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-06

A credit note reverses part of a posted bill: the lines and quantities returned (``credit_note_lines.qty``
in the same unit as ``bill_lines.qty``, so a line is compared against what was sold), their value and
tax, and how the money went back (the bill's pending first, then the customer's account or a tender).
``stores.return_days``: how many days after a bill a cashier may still take a return (the owner always may).
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('stores', sa.Column('return_days', sa.Integer(), nullable=False, server_default='7'))
    op.create_table(
        'credit_notes',
        sa.Column('id', sa.String(length=26), nullable=False),
        sa.Column('store_id', sa.String(length=26), nullable=False),
        sa.Column('number', sa.String(length=30), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('bill_id', sa.String(length=26), nullable=False),
        sa.Column('customer_id', sa.String(length=26), nullable=True),
        sa.Column('posted_at', sa.DateTime(), nullable=False),
        sa.Column('business_date', sa.Date(), nullable=False),
        sa.Column('net', sa.Integer(), nullable=False),
        sa.Column('tax', sa.Integer(), nullable=False),
        sa.Column('retail_value', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('complimentary', sa.Boolean(), nullable=False),
        sa.Column('refund_method', sa.String(length=10), nullable=False),
        sa.Column('to_bill', sa.Integer(), nullable=False),
        sa.Column('to_dues', sa.Integer(), nullable=False),
        sa.Column('to_account', sa.Integer(), nullable=False),
        sa.Column('refunded', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('user_id', sa.String(length=26), nullable=True),
        sa.Column('user_name', sa.String(length=100), nullable=False),
        sa.Column('authorised_by', sa.String(length=100), nullable=True),
        sa.Column('credit_entry_id', sa.String(length=26), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['store_id'], ['stores.id']),
        sa.ForeignKeyConstraint(['bill_id'], ['bills.id']),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('store_id', 'number'),
    )
    op.create_index('ix_credit_notes_store_bill', 'credit_notes', ['store_id', 'bill_id'])
    op.create_index('ix_credit_notes_store_date', 'credit_notes', ['store_id', 'business_date'])
    op.create_table(
        'credit_note_lines',
        sa.Column('id', sa.String(length=26), nullable=False),
        sa.Column('store_id', sa.String(length=26), nullable=False),
        sa.Column('credit_note_id', sa.String(length=26), nullable=False),
        sa.Column('bill_id', sa.String(length=26), nullable=False),
        sa.Column('bill_line_id', sa.String(length=26), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.String(length=26), nullable=True),
        sa.Column('description', sa.String(length=300), nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.Column('unit_price', sa.Integer(), nullable=False),
        sa.Column('tax_rate_bp', sa.Integer(), nullable=False),
        sa.Column('net', sa.Integer(), nullable=False),
        sa.Column('tax', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['store_id'], ['stores.id']),
        sa.ForeignKeyConstraint(['credit_note_id'], ['credit_notes.id']),
        sa.ForeignKeyConstraint(['bill_id'], ['bills.id']),
        sa.ForeignKeyConstraint(['bill_line_id'], ['bill_lines.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_credit_note_lines_note', 'credit_note_lines', ['credit_note_id', 'store_id'])
    op.create_index('ix_credit_note_lines_bill', 'credit_note_lines', ['bill_id', 'bill_line_id', 'qty'])


def downgrade() -> None:
    op.drop_index('ix_credit_note_lines_bill', table_name='credit_note_lines')
    op.drop_index('ix_credit_note_lines_note', table_name='credit_note_lines')
    op.drop_table('credit_note_lines')
    op.drop_index('ix_credit_notes_store_date', table_name='credit_notes')
    op.drop_index('ix_credit_notes_store_bill', table_name='credit_notes')
    op.drop_table('credit_notes')
    with op.batch_alter_table('stores') as batch:
        batch.drop_column('return_days')
