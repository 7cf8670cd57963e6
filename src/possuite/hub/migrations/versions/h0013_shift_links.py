"""A bill's or payment's shift, filled once on the hub by the till that wrote it (the rows pushed before book 0011)

Revision ID: h0013
Revises: h0011
Create Date: 2026-12-07

Frozen: later changes are new revisions.

A till at a book revision before 0011 pushed its bills and payments without ``shift_id`` (the hub had
no such column before h0006), so on the hub its shifts of those days counted 0 bills. Book 0020 queues
the shift link of each of its bills and payments again (``hub/spec.py::SHIFT_LINKS``); the push fills
the hub row's ``shift_id`` where it is NULL (``hub/push.py::apply_batch``). Both stay facts: this
revision lets exactly that one change through and nothing else, for every login (the hub's admin too):

- ``bills``: ``possuite_bills_void_only`` (h0001/h0002) also allows an UPDATE that changes only
  ``shift_id`` (beside the stamp's columns), from NULL to a shift, made by the till that wrote the bill
  (the login's ``tills.role_name`` names the till: nothing the till sends), to one of that till's own
  shifts of the bill's store. A voided bill may be filled too (its void is a later event); a bill's
  shift once set never changes, nor is it emptied again.
- ``payments``: the insert-only trigger (``possuite_refuse_change``) is replaced by one with the same
  rule, refusing everything else ("insert-only") as before.
- The fill keeps the row's ``hub_xid``/``hub_seq`` (the stamp's new ones are put back): the shift link is
  never pulled (``spec.PUSH_ONLY_COLUMNS``), so no till's pull cursor has to see the row again, and the
  back office's projection (balances) does not read it.

``shift_id`` is outside the tamper-evident chain's canonical content (``services/chain.py``), so a fill
changes no row's hash and the hub's chain check stays clean. The till role's column grant
``UPDATE (shift_id) ON bills, payments`` is (re)made by ``hub init`` (``hub/schema.py``).
"""
from alembic import op

revision = "h0013"
down_revision = "h0011"
branch_labels = None
depends_on = None

#: The columns the stamp writes on every change (h0001, h0002): outside every comparison.
_STAMPED = "- 'hub_seq' - 'till_id' - 'hub_xid'"

_FILL_ALLOWED = """CREATE FUNCTION possuite_shift_fill_allowed(tbl text, old_row jsonb, new_row jsonb) RETURNS boolean
    LANGUAGE plpgsql STABLE AS $$
    DECLARE
      writer varchar(26);
    BEGIN
      -- Only a change of shift_id (the stamp's columns aside) is a fill; anything else is not this path.
      IF (new_row - 'shift_id' {stamped}) IS DISTINCT FROM (old_row - 'shift_id' {stamped})
         OR (new_row ->> 'shift_id') IS NOT DISTINCT FROM (old_row ->> 'shift_id') THEN
        RETURN false;
      END IF;
      IF (old_row ->> 'shift_id') IS NOT NULL THEN
        RAISE EXCEPTION '%: % joined shift % already; its shift never changes', tbl,
          coalesce(old_row ->> 'number', old_row ->> 'id'), old_row ->> 'shift_id'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (new_row ->> 'shift_id') IS NULL THEN
        RETURN false;
      END IF;
      SELECT t.id INTO writer FROM tills t WHERE t.role_name = current_user;
      IF writer IS NULL OR writer IS DISTINCT FROM (old_row ->> 'till_id') THEN
        RAISE EXCEPTION '%: only the till that wrote % may name its shift', tbl,
          coalesce(old_row ->> 'number', old_row ->> 'id') USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM shifts s WHERE s.id = new_row ->> 'shift_id' AND s.till_id = writer
                     AND s.store_id = old_row ->> 'store_id') THEN
        RAISE EXCEPTION '%: % is not a shift of the till that wrote %', tbl, new_row ->> 'shift_id',
          coalesce(old_row ->> 'number', old_row ->> 'id') USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN true;
    END $$""".replace("{stamped}", _STAMPED)


def _bills_void_only(fill: bool) -> str:
    allow_fill = """
      IF possuite_shift_fill_allowed(TG_TABLE_NAME, to_jsonb(OLD), to_jsonb(NEW)) THEN
        NEW.hub_seq := OLD.hub_seq;   -- not a pulled change: no cursor needs to see the row again
        NEW.hub_xid := OLD.hub_xid;
        RETURN NEW;
      END IF;""" if fill else ""
    return f"""CREATE OR REPLACE FUNCTION possuite_bills_void_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bills: a posted bill is never deleted (void it)' USING ERRCODE = 'insufficient_privilege';
      END IF;{allow_fill}
      IF OLD.voided_at IS NOT NULL THEN
        RAISE EXCEPTION 'bills: bill % is void already', OLD.number USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (to_jsonb(NEW) - 'voided_at' - 'void_reason' - 'voided_by' {_STAMPED})
         IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'void_reason' - 'voided_by' {_STAMPED}) THEN
        RAISE EXCEPTION 'bills: only a void may change posted bill %', OLD.number
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$"""


_PAYMENTS = """CREATE FUNCTION possuite_payments_shift_fill_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND possuite_shift_fill_allowed(TG_TABLE_NAME, to_jsonb(OLD), to_jsonb(NEW)) THEN
        NEW.hub_seq := OLD.hub_seq;
        NEW.hub_xid := OLD.hub_xid;
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '%: rows are insert-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$"""


def upgrade() -> None:
    op.execute(_FILL_ALLOWED)
    op.execute(_bills_void_only(fill=True))
    op.execute(_PAYMENTS)
    op.execute("DROP TRIGGER payments_insert_only ON payments")
    # Named to fire after payments_stamp (triggers fire in name order), so it can put the stamp's
    # hub_seq/hub_xid back, as bills_void_only fires after bills_stamp.
    op.execute("CREATE TRIGGER payments_until_shift_known BEFORE UPDATE OR DELETE ON payments "
               "FOR EACH ROW EXECUTE FUNCTION possuite_payments_shift_fill_only()")


def downgrade() -> None:
    op.execute("DROP TRIGGER payments_until_shift_known ON payments")
    op.execute("CREATE TRIGGER payments_insert_only BEFORE UPDATE OR DELETE ON payments "
               "FOR EACH ROW EXECUTE FUNCTION possuite_refuse_change()")
    op.execute("DROP FUNCTION possuite_payments_shift_fill_only()")
    op.execute(_bills_void_only(fill=False))
    op.execute("DROP FUNCTION possuite_shift_fill_allowed(text, jsonb, jsonb)")
    # The till role's column grant (hub init made it): taken back, so an older possuite's hub init finds
    # the grants it makes and no more.
    op.execute("""DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database() || '_tills') THEN
          EXECUTE format('REVOKE UPDATE (shift_id) ON bills, payments FROM %I', current_database() || '_tills');
        END IF;
      END $$""")
