"""Credit notes and shifts on the hub: the tables books 0006/0007 made, store-scoped, insert-only facts

Revision ID: h0006
Revises: h0005
Create Date: 2026-12-06

Frozen: later changes are new revisions.

Until this revision a till's credit notes and shifts stayed at the till (book 0011 queues them now):

- ``credit_notes`` and ``credit_note_lines``: facts, insert-only like the ledger (a trigger refuses
  UPDATE and DELETE even for the tables' owner; the till role has no UPDATE grant). A credit note's
  number is unique per store (``CN-A-26-0001``: a registered till's own series).
- ``shifts``: a fact with one change, its close, like a bill's void: the row is inserted open and
  may be updated once, from open to closed, in the close columns only (first close wins; a closed
  shift never changes again; never deleted). ``shift_cash_moves``: insert-only.
- ``bills.shift_id``, ``payments.shift_id``: which of the writing till's shifts the row joined, so the
  back office can count a shift's bills and tenders (pushed, never pulled: ``hub/spec.py``).

Every table carries ``till_id``, ``hub_seq`` and ``hub_xid`` stamped by ``possuite_stamp`` as h0001/h0002
do. Grants and row-level security (a till reads and inserts its own store's rows; the owner reads
every store) are (re)made by ``hub init`` for every table of ``hub/spec.py::SYNCED_TABLES``.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0006"
down_revision = "h0005"
branch_labels = None
depends_on = None

INSERT_ONLY = ("credit_notes", "credit_note_lines", "shift_cash_moves")
CLOSE_COLUMNS = ("closed_at", "closed_by", "expected_cash", "counted_cash", "counted_notes", "variance", "close_note")


def _hub_columns():
    return [
        sa.Column("till_id", sa.String(26), sa.ForeignKey("tills.id"), nullable=True),
        sa.Column("hub_seq", sa.BigInteger(), server_default=sa.text("nextval('possuite_hub_seq')"), nullable=False),
        sa.Column("hub_xid", sa.BigInteger(), server_default="0", nullable=False),
    ]


def _indexes(name: str) -> None:
    op.create_index(f"ix_{name}_store_hub_seq", name, ["store_id", "hub_seq"])
    op.create_index(f"ix_{name}_store_hub_xid", name, ["store_id", "hub_xid", "hub_seq"])


_CLOSE_ONCE = """CREATE FUNCTION possuite_shifts_close_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'shifts: a shift is never deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF OLD.closed_at IS NOT NULL THEN
        RAISE EXCEPTION 'shifts: shift % is closed already', OLD.number USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (to_jsonb(NEW) - '{cols}'::text[] - 'hub_seq' - 'till_id' - 'hub_xid')
         IS DISTINCT FROM (to_jsonb(OLD) - '{cols}'::text[] - 'hub_seq' - 'till_id' - 'hub_xid') THEN
        RAISE EXCEPTION 'shifts: only its close may change shift %', OLD.number
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$""".replace("{cols}", "{" + ",".join(CLOSE_COLUMNS) + "}")


def upgrade() -> None:
    op.create_table(
        "credit_notes",
        sa.Column("id", sa.String(26), nullable=False),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("bill_id", sa.String(26), nullable=False),
        sa.Column("customer_id", sa.String(26), nullable=True),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("retail_value", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("complimentary", sa.Boolean(), nullable=False),
        sa.Column("refund_method", sa.String(10), nullable=False),
        sa.Column("to_bill", sa.BigInteger(), nullable=False),
        sa.Column("to_dues", sa.BigInteger(), nullable=False),
        sa.Column("to_account", sa.BigInteger(), nullable=False),
        sa.Column("refunded", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.String(26), nullable=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("authorised_by", sa.String(100), nullable=True),
        sa.Column("credit_entry_id", sa.String(26), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        *_hub_columns(),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"]),
        sa.ForeignKeyConstraint(["bill_id"], ["bills.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.UniqueConstraint("store_id", "number", name="uq_credit_notes_store_number"),
    )
    op.create_index("ix_credit_notes_bill", "credit_notes", ["bill_id"])
    op.create_table(
        "credit_note_lines",
        sa.Column("id", sa.String(26), nullable=False),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("credit_note_id", sa.String(26), nullable=False),
        sa.Column("bill_id", sa.String(26), nullable=False),
        sa.Column("bill_line_id", sa.String(26), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("item_id", sa.String(26), nullable=True),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("qty", sa.BigInteger(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate_bp", sa.BigInteger(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        *_hub_columns(),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"]),
        sa.ForeignKeyConstraint(["credit_note_id"], ["credit_notes.id"]),
        sa.ForeignKeyConstraint(["bill_id"], ["bills.id"]),
        sa.ForeignKeyConstraint(["bill_line_id"], ["bill_lines.id"]),
    )
    op.create_index("ix_credit_note_lines_note", "credit_note_lines", ["credit_note_id"])
    op.create_index("ix_credit_note_lines_bill_line", "credit_note_lines", ["bill_line_id", "qty"])
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(26), nullable=False),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("till", sa.String(100), nullable=False),
        sa.Column("user_id", sa.String(26), nullable=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opening_float", sa.BigInteger(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(100), nullable=True),
        sa.Column("expected_cash", sa.BigInteger(), nullable=True),
        sa.Column("counted_cash", sa.BigInteger(), nullable=True),
        sa.Column("counted_notes", sa.Text(), nullable=False),
        sa.Column("variance", sa.BigInteger(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        *_hub_columns(),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"]),
        sa.UniqueConstraint("store_id", "number", name="uq_shifts_store_number"),
    )
    op.create_index("ix_shifts_store_date", "shifts", ["store_id", "business_date"])
    op.create_table(
        "shift_cash_moves",
        sa.Column("id", sa.String(26), nullable=False),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("shift_id", sa.String(26), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("authorised_by", sa.String(100), nullable=True),
        *_hub_columns(),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"]),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"]),
    )
    op.create_index("ix_shift_cash_moves_shift", "shift_cash_moves", ["shift_id", "kind", "amount"])
    for name in ("credit_notes", "credit_note_lines", "shifts", "shift_cash_moves"):
        _indexes(name)
        op.execute(f"CREATE TRIGGER {name}_stamp BEFORE INSERT OR UPDATE ON {name} "
                   f"FOR EACH ROW EXECUTE FUNCTION possuite_stamp('{'fact' if name != 'shifts' else 'shift'}')")
    for name in INSERT_ONLY:
        op.execute(f"CREATE TRIGGER {name}_insert_only BEFORE UPDATE OR DELETE ON {name} "
                   "FOR EACH ROW EXECUTE FUNCTION possuite_refuse_change()")
    op.execute(_CLOSE_ONCE)
    op.execute("CREATE TRIGGER shifts_close_once BEFORE UPDATE OR DELETE ON shifts "
               "FOR EACH ROW EXECUTE FUNCTION possuite_shifts_close_once()")
    # The back office counts a shift's bills and tenders (hub/spec.py PUSH_ONLY_COLUMNS).
    op.add_column("bills", sa.Column("shift_id", sa.String(26), nullable=True))
    op.add_column("payments", sa.Column("shift_id", sa.String(26), nullable=True))
    op.create_index("ix_bills_shift", "bills", ["shift_id"])
    op.create_index("ix_payments_shift", "payments", ["shift_id", "kind", "method", "amount"])


def downgrade() -> None:
    # The views read these tables and columns: drop them (as h0005's downgrade does); hub init makes them.
    for schema in ("possuite_bo", "possuite_bo_all"):
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    op.drop_index("ix_payments_shift", table_name="payments")
    op.drop_index("ix_bills_shift", table_name="bills")
    op.drop_column("payments", "shift_id")
    op.drop_column("bills", "shift_id")
    for name in ("shift_cash_moves", "shifts", "credit_note_lines", "credit_notes"):
        op.drop_table(name)
    op.execute("DROP FUNCTION IF EXISTS possuite_shifts_close_once()")
