"""The incremental check's verified replay states: one row per customer a seal's entries touch (till-local)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07

Frozen: later changes are new revisions.

When a seal is made (``services/seals.py``, after a check that found nothing), each customer with an entry among
the rows it seals gets a row here: its projection at the seal's mark (the posting time the state stands at, the
entries' rowid mark, the balance, and its open items with their remaining amounts as JSON), or ``open`` NULL
where no state could be made (a credit note, a time stored in another form, an entry of a later day that lands
before it). The incremental check replays a touched customer from its latest state instead of from its first
entry (docs/architecture.md §3.5), so its cost follows what the day wrote, not the customer's age. The rows
are covered by their seal's SHA-256 (``check_seals.digest``) and read back with it; insert-only like the
ledger (a migration that deletes the seals deletes these rows in the same step, its guards dropped and put
back). A till's own bookkeeping: never synced, not on the hub.

Two indexes for the same check: credit notes by customer, and the void bills (``ix_bills_void``, added to this
revision after its first landing on 7 December 12:25 UTC: a book upgraded in between lacks it, and the check
then walks the credit notes as before, ``integrity.check_void_bills_not_returned``).

A book upgraded to this revision has seals and no states: each customer is checked as before (clean point or
whole replay) until a seal covers an entry of it, which stores its first state.
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_states",
        sa.Column("store_id", sa.String(length=26), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(length=26), nullable=False),
        sa.Column("posted_at", sa.String(length=32), nullable=True),
        sa.Column("entries_to", sa.Integer(), nullable=False),
        sa.Column("balance", sa.Integer(), nullable=False),
        sa.Column("open", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["store_id", "seq"], ["check_seals.store_id", "check_seals.seq"]),
        sa.PrimaryKeyConstraint("store_id", "seq", "customer_id"),
    )
    # A customer's latest state: the last entry of its range of this index.
    op.create_index("ix_check_states_customer", "check_states", ["store_id", "customer_id", "seq"])
    # A customer's credit notes by customer (whether it has one, what they total): the incremental check asks it
    # of every touched customer (``ledger._RETURNED``, ``integrity.check_customer_stats``); without it each read
    # walked all of the store's notes.
    op.create_index("ix_credit_notes_customer", "credit_notes", ["store_id", "customer_id", "total"])
    # The void bills (few): no credit note against one (``integrity.check_void_bills_not_returned``) is asked from
    # them, not by a lookup of the bill of every credit note (2,190 a year at the soak's till: 9 ms a run).
    op.execute("CREATE INDEX ix_bills_void ON bills(id) WHERE voided_at IS NOT NULL")
    op.execute("""CREATE TRIGGER check_states_no_update BEFORE UPDATE ON check_states
       BEGIN SELECT RAISE(ABORT, 'check_states is insert-only'); END""")
    op.execute("""CREATE TRIGGER check_states_no_delete BEFORE DELETE ON check_states
       BEGIN SELECT RAISE(ABORT, 'check_states is insert-only'); END""")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS check_states_no_delete")
    op.execute("DROP TRIGGER IF EXISTS check_states_no_update")
    op.drop_index("ix_credit_notes_customer", table_name="credit_notes")
    op.execute("DROP INDEX IF EXISTS ix_bills_void")
    op.drop_index("ix_check_states_customer", table_name="check_states")
    op.drop_table("check_states")
