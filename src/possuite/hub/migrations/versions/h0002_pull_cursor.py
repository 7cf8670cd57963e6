"""Pull cursors that cannot skip a row: each row records the hub transaction that last wrote it.

Revision ID: h0002
Revises: h0001
Create Date: 2026-12-06

``hub_seq`` comes from a sequence when a row is written, so two hub transactions can commit out
of order (the one with the higher numbers first); a till that pulled "everything above the highest
``hub_seq`` it saw" would skip the other transaction's rows for ever. h0001 serialised every writer
on one advisory lock to avoid that, which made the tills of the whole business push one at a time.
Instead, every insert and update now stamps ``hub_xid``: the writing transaction's id
(``pg_current_xact_id()``, 64 bits, never wraps). A pull orders rows by ``(hub_xid, hub_seq)`` and
only ever moves its cursor over rows whose transaction is older than its snapshot's ``xmin``
(``pg_snapshot_xmin(pg_current_snapshot())``): every transaction below that has ended, so no row
can appear there later (docs/architecture.md §7). A master changed or a bill voided gets the
updating transaction's id, so it moves past every cursor again. Rows written before this revision
keep ``hub_xid`` 0 and are pulled first, in ``hub_seq`` order.
"""
from alembic import op

revision = "h0002"
down_revision = "h0001"
branch_labels = None
depends_on = None

TABLES = ("stores", "users", "customers", "items", "bills", "bill_lines", "payments", "adjustments",
          "ledger_entries", "audit_log")

_STAMP = """CREATE OR REPLACE FUNCTION possuite_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      writer varchar(26);
    BEGIN
      SELECT t.id INTO writer FROM tills t WHERE t.role_name = current_user;
      IF TG_OP = 'INSERT' OR TG_ARGV[0] = 'master' THEN
        IF writer IS NOT NULL THEN
          NEW.till_id := writer;
        END IF;
      ELSE
        NEW.till_id := OLD.till_id;
      END IF;
      NEW.hub_seq := nextval('possuite_hub_seq');
      NEW.hub_xid := pg_current_xact_id()::text::bigint;
      RETURN NEW;
    END $$"""

_STAMP_H0001 = """CREATE OR REPLACE FUNCTION possuite_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      writer varchar(26);
    BEGIN
      PERFORM pg_advisory_xact_lock(7365636);
      SELECT t.id INTO writer FROM tills t WHERE t.role_name = current_user;
      IF TG_OP = 'INSERT' OR TG_ARGV[0] = 'master' THEN
        IF writer IS NOT NULL THEN
          NEW.till_id := writer;
        END IF;
      ELSE
        NEW.till_id := OLD.till_id;
      END IF;
      NEW.hub_seq := nextval('possuite_hub_seq');
      RETURN NEW;
    END $$"""


def _void_only(ignored: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION possuite_bills_void_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bills: a posted bill is never deleted (void it)' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF OLD.voided_at IS NOT NULL THEN
        RAISE EXCEPTION 'bills: bill % is void already', OLD.number USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (to_jsonb(NEW) - 'voided_at' - 'void_reason' - 'voided_by' {ignored})
         IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'void_reason' - 'voided_by' {ignored}) THEN
        RAISE EXCEPTION 'bills: only a void may change posted bill %', OLD.number
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$"""


def upgrade() -> None:
    for name in TABLES:
        store_col = "id" if name == "stores" else "store_id"
        op.execute(f"ALTER TABLE {name} ADD COLUMN hub_xid bigint NOT NULL DEFAULT 0")
        op.execute(f"CREATE INDEX ix_{name}_store_hub_xid ON {name} ({store_col}, hub_xid, hub_seq)")
    op.execute(_STAMP)
    op.execute(_void_only("- 'hub_seq' - 'till_id' - 'hub_xid'"))  # a void stamps hub_xid too


def downgrade() -> None:
    op.execute(_STAMP_H0001)
    op.execute(_void_only("- 'hub_seq' - 'till_id'"))
    for name in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{name}_store_hub_xid")
        op.execute(f"ALTER TABLE {name} DROP COLUMN hub_xid")
