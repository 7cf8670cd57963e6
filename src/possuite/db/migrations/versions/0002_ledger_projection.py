"""ledger projection: insert-only guards that let the ledger module remove demo books without dropping them

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 21:30:00

The DELETE guards of ``ledger_entries`` and ``allocations`` still refuse every delete, except of rows
of a demo customer listed in ``ledger_purges`` (``services.ledger.purge_demo_books`` lists them, deletes
and empties the list inside one transaction). No code path drops an insert-only trigger at run time.
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_ALLOWED = ("NOT EXISTS (SELECT 1 FROM ledger_purges p JOIN customers c ON c.id = p.customer_id "
            "WHERE p.customer_id = OLD.customer_id AND c.is_demo = 1)")

_UPGRADE = [
    "DROP TRIGGER IF EXISTS ledger_entries_no_delete",
    "DROP TRIGGER IF EXISTS allocations_no_delete",
    f"""CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries WHEN {_ALLOWED}
       BEGIN SELECT RAISE(ABORT, 'ledger_entries is insert-only; post a reversing entry'); END""",
    f"""CREATE TRIGGER allocations_no_delete BEFORE DELETE ON allocations WHEN {_ALLOWED}
       BEGIN SELECT RAISE(ABORT, 'allocations is insert-only'); END""",
]

_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS ledger_entries_no_delete",
    "DROP TRIGGER IF EXISTS allocations_no_delete",
    """CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
       BEGIN SELECT RAISE(ABORT, 'ledger_entries is insert-only; post a reversing entry'); END""",
    """CREATE TRIGGER allocations_no_delete BEFORE DELETE ON allocations
       BEGIN SELECT RAISE(ABORT, 'allocations is insert-only'); END""",
]


def upgrade() -> None:
    op.create_table('ledger_purges',
    sa.Column('customer_id', sa.String(length=26), nullable=False),
    sa.PrimaryKeyConstraint('customer_id')
    )
    for stmt in _UPGRADE:
        op.execute(stmt)


def downgrade() -> None:
    for stmt in _DOWNGRADE:
        op.execute(stmt)
    op.drop_table('ledger_purges')
