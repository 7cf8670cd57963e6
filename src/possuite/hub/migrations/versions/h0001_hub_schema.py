"""The hub's schema on PostgreSQL 15+: the store's facts and masters, the business and its tills.

Revision ID: h0001
Revises:
Create Date: 2026-12-04

Frozen: later changes are new revisions. Every data table carries its ULID ``id``, ``store_id``,
``till_id`` (which till wrote the row: stamped by the hub from the connected role, so a till
cannot claim another's rows) and ``hub_seq`` (the hub's order of arrival, from one sequence, for
pull cursors; bumped again when a master changes or a bill is voided). Masters carry ``version``.
Money columns are ``bigint`` of minor units. There is no unique phone, SKU or user name here:
two tills offline may both create one, and the hub keeps both. Document numbers stay unique per store.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0001"
down_revision = None
branch_labels = None
depends_on = None

MASTERS = ("stores", "users", "customers", "items")
INSERT_ONLY = ("bill_lines", "payments", "adjustments", "ledger_entries", "audit_log")
FOREIGN_KEYS = {
    "users": [("store_id", "stores.id")],
    "customers": [("store_id", "stores.id")],
    "items": [("store_id", "stores.id")],
    "bills": [("store_id", "stores.id"), ("customer_id", "customers.id")],
    "bill_lines": [("store_id", "stores.id"), ("bill_id", "bills.id")],
    "payments": [("store_id", "stores.id"), ("bill_id", "bills.id"), ("customer_id", "customers.id")],
    "adjustments": [("store_id", "stores.id"), ("customer_id", "customers.id")],
    "ledger_entries": [("store_id", "stores.id"), ("customer_id", "customers.id")],
    "audit_log": [("store_id", "stores.id")],
}
TABLES = []


def _table(name, *columns):
    extra = [
        sa.Column("till_id", sa.String(26), sa.ForeignKey("tills.id"), nullable=True),
        sa.Column("hub_seq", sa.BigInteger(), server_default=sa.text("nextval('possuite_hub_seq')"), nullable=False),
    ]
    if name in MASTERS:
        extra.append(sa.Column("version", sa.BigInteger(), server_default="0", nullable=False))
    fks = [sa.ForeignKeyConstraint([col], [ref]) for col, ref in FOREIGN_KEYS.get(name, [])]
    op.create_table(name, *columns, *extra, sa.PrimaryKeyConstraint("id"), *fks)
    store_col = "id" if name == "stores" else "store_id"
    op.create_index(f"ix_{name}_store_hub_seq", name, [store_col, "hub_seq"])
    TABLES.append(name)


def upgrade() -> None:
    op.execute("CREATE SEQUENCE possuite_hub_seq AS bigint")
    op.create_table(
        "business",
        sa.Column("id", sa.String(26), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    # The store a till belongs to has no foreign key here: tills is created before stores (data
    # rows point at tills); the registering function inserts the store first.
    op.create_table(
        "tills",
        sa.Column("id", sa.String(26), primary_key=True),
        sa.Column("business_id", sa.String(26), sa.ForeignKey("business.id"), nullable=False),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("code", sa.String(3), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role_name", sa.String(63), nullable=False, unique=True),
        sa.Column("registered_at", sa.DateTime(), server_default=sa.text("(now() at time zone 'utc')"),
                  nullable=False),
        sa.UniqueConstraint("business_id", "code", name="uq_tills_business_code"),
    )
    _table('stores',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('address', sa.Text(), nullable=False),
        sa.Column('phone', sa.String(40), nullable=False),
        sa.Column('tax_id', sa.String(40), nullable=False),
        sa.Column('currency', sa.String(3), nullable=False),
        sa.Column('country', sa.String(2), nullable=False),
        sa.Column('credit_days', sa.BigInteger(), nullable=False),
        sa.Column('invoice_prefix', sa.String(10), nullable=False),
        sa.Column('receipt_prefix', sa.String(10), nullable=False),
        sa.Column('upi_id', sa.String(100), nullable=False),
        sa.Column('allow_advances', sa.Boolean(), nullable=False),
        sa.Column('cashier_may_comp', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    _table('users',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('name', sa.String(100), nullable=False),
        sa.Column('role', sa.String(10), nullable=False),
        sa.Column('pin_hash', sa.String(200), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    _table('customers',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('name_key', sa.String(200), nullable=False),
        sa.Column('phone', sa.String(40), nullable=True),
        sa.Column('phone_e164', sa.String(20), nullable=True),
        sa.Column('phone_digits', sa.String(20), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('credit_limit', sa.BigInteger(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('deactivated_reason', sa.Text(), nullable=False),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    )
    _table('items',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('name_key', sa.String(200), nullable=False),
        sa.Column('sku', sa.String(64), nullable=True),
        sa.Column('barcode', sa.String(64), nullable=True),
        sa.Column('price', sa.BigInteger(), nullable=False),
        sa.Column('tax_rate_bp', sa.BigInteger(), nullable=False),
        sa.Column('tax_inclusive', sa.Boolean(), nullable=False),
        sa.Column('kind', sa.String(10), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    _table('bills',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('number', sa.String(30), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('customer_id', sa.String(26), nullable=True),
        sa.Column('user_id', sa.String(26), nullable=True),
        sa.Column('user_name', sa.String(100), nullable=False),
        sa.Column('authorised_by', sa.String(100), nullable=True),
        sa.Column('posted_at', sa.DateTime(), nullable=False),
        sa.Column('business_date', sa.Date(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=True),
        sa.Column('subtotal', sa.BigInteger(), nullable=False),
        sa.Column('discount', sa.BigInteger(), nullable=False),
        sa.Column('tax', sa.BigInteger(), nullable=False),
        sa.Column('total', sa.BigInteger(), nullable=False),
        sa.Column('retail_value', sa.BigInteger(), nullable=False),
        sa.Column('complimentary', sa.Boolean(), nullable=False),
        sa.Column('comp_reason', sa.Text(), nullable=False),
        sa.Column('outcome', sa.String(20), nullable=False),
        sa.Column('previous_balance', sa.BigInteger(), nullable=False),
        sa.Column('applied_to_previous', sa.BigInteger(), nullable=False),
        sa.Column('advance_used', sa.BigInteger(), nullable=False),
        sa.Column('tendered', sa.BigInteger(), nullable=False),
        sa.Column('change', sa.BigInteger(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('charge_entry_id', sa.String(26), nullable=True),
        sa.Column('voided_at', sa.DateTime(), nullable=True),
        sa.Column('void_reason', sa.Text(), nullable=False),
        sa.Column('voided_by', sa.String(100), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
    )
    _table('bill_lines',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('bill_id', sa.String(26), nullable=False),
        sa.Column('position', sa.BigInteger(), nullable=False),
        sa.Column('item_id', sa.String(26), nullable=True),
        sa.Column('description', sa.String(300), nullable=False),
        sa.Column('kind', sa.String(10), nullable=False),
        sa.Column('qty', sa.BigInteger(), nullable=False),
        sa.Column('unit_price', sa.BigInteger(), nullable=False),
        sa.Column('line_discount', sa.BigInteger(), nullable=False),
        sa.Column('bill_discount', sa.BigInteger(), nullable=False),
        sa.Column('tax_rate_bp', sa.BigInteger(), nullable=False),
        sa.Column('tax_inclusive', sa.Boolean(), nullable=False),
        sa.Column('net', sa.BigInteger(), nullable=False),
        sa.Column('tax', sa.BigInteger(), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
    )
    _table('payments',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('number', sa.String(30), nullable=True),
        sa.Column('seq', sa.BigInteger(), nullable=True),
        sa.Column('kind', sa.String(12), nullable=False),
        sa.Column('bill_id', sa.String(26), nullable=True),
        sa.Column('customer_id', sa.String(26), nullable=True),
        sa.Column('method', sa.String(10), nullable=False),
        sa.Column('tendered', sa.BigInteger(), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('change', sa.BigInteger(), nullable=False),
        sa.Column('reference', sa.String(100), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('posted_at', sa.DateTime(), nullable=False),
        sa.Column('business_date', sa.Date(), nullable=False),
        sa.Column('user_id', sa.String(26), nullable=True),
        sa.Column('user_name', sa.String(100), nullable=False),
        sa.Column('credit_entry_id', sa.String(26), nullable=True),
        sa.Column('previous_balance', sa.BigInteger(), nullable=True),
        sa.Column('remaining_balance', sa.BigInteger(), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
    )
    _table('adjustments',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('number', sa.String(30), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('customer_id', sa.String(26), nullable=False),
        sa.Column('kind', sa.String(12), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('posted_at', sa.DateTime(), nullable=False),
        sa.Column('business_date', sa.Date(), nullable=False),
        sa.Column('user_name', sa.String(100), nullable=False),
        sa.Column('authorised_by', sa.String(100), nullable=True),
        sa.Column('entry_id', sa.String(26), nullable=False),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
    )
    _table('ledger_entries',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('customer_id', sa.String(26), nullable=False),
        sa.Column('kind', sa.String(12), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('bill_id', sa.String(26), nullable=True),
        sa.Column('payment_id', sa.String(26), nullable=True),
        sa.Column('adjustment_id', sa.String(26), nullable=True),
        sa.Column('document', sa.String(30), nullable=False),
        sa.Column('posted_at', sa.DateTime(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=True),
        sa.Column('user_name', sa.String(100), nullable=False),
        sa.Column('authorised_by', sa.String(100), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
    )
    _table('audit_log',
        sa.Column('id', sa.String(26), nullable=False),
        sa.Column('store_id', sa.String(26), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('user_name', sa.String(100), nullable=False),
        sa.Column('authorised_by', sa.String(100), nullable=True),
        sa.Column('action', sa.String(40), nullable=False),
        sa.Column('target', sa.String(100), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('details', sa.Text(), nullable=False),
    )

    op.create_unique_constraint("uq_bills_store_number", "bills", ["store_id", "number"])
    op.create_unique_constraint("uq_adjustments_store_number", "adjustments", ["store_id", "number"])
    op.create_index("ux_payments_store_number", "payments", ["store_id", "number"], unique=True,
                    postgresql_where=sa.text("number IS NOT NULL"))
    op.create_index("ix_ledger_store_customer_posted", "ledger_entries", ["store_id", "customer_id", "posted_at"])
    op.create_index("ix_bill_lines_bill_id", "bill_lines", ["bill_id"])
    op.create_index("ix_payments_store_bill", "payments", ["store_id", "bill_id"])
    op.create_index("ix_tills_store", "tills", ["store_id"])
    for stmt in _RAW:
        op.execute(stmt)
    for name in TABLES:
        flag = "master" if name in MASTERS else ("bill" if name == "bills" else "fact")
        op.execute(f"CREATE TRIGGER {name}_stamp BEFORE INSERT OR UPDATE ON {name} "
                   f"FOR EACH ROW EXECUTE FUNCTION possuite_stamp('{flag}')")
    for name in INSERT_ONLY:
        op.execute(f"CREATE TRIGGER {name}_insert_only BEFORE UPDATE OR DELETE ON {name} "
                   "FOR EACH ROW EXECUTE FUNCTION possuite_refuse_change()")
    op.execute("CREATE TRIGGER bills_void_only BEFORE UPDATE OR DELETE ON bills "
               "FOR EACH ROW EXECUTE FUNCTION possuite_bills_void_only()")


_RAW = [
    # Every write to a data table: the till that wrote it (from the connected role: a till cannot
    # name another till) and its place in the hub's order of arrival. The advisory lock makes
    # writers take sequence numbers in commit order, so a pull that reads up to the highest hub_seq
    # it saw can never miss a row committed later with a lower one.
    """CREATE FUNCTION possuite_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
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
    END $$""",
    """CREATE FUNCTION possuite_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '%: rows are insert-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$""",
    """CREATE FUNCTION possuite_bills_void_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'bills: a posted bill is never deleted (void it)' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF OLD.voided_at IS NOT NULL THEN
        RAISE EXCEPTION 'bills: bill % is void already', OLD.number USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (to_jsonb(NEW) - 'voided_at' - 'void_reason' - 'voided_by' - 'hub_seq' - 'till_id')
         IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'void_reason' - 'voided_by' - 'hub_seq' - 'till_id') THEN
        RAISE EXCEPTION 'bills: only a void may change posted bill %', OLD.number
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$""",
    # Registering a till: the one step that creates a login role, so it runs with the rights of the
    # schema's owner (SECURITY DEFINER); the business owner's role may only call it.
    # The role names follow the database's name (roles are shared by every database of a server):
    # <db>_tills is the group holding the grants, <db>_till_<code> the till's login.
    """CREATE FUNCTION possuite_register_till(p_till_id text, p_store jsonb, p_code text, p_name text,
                                              p_password text)
    RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      biz varchar(26);
      p_role text := current_database() || '_till_' || lower(p_code);
      p_group text := current_database() || '_tills';
    BEGIN
      IF p_code !~ '^[A-Z0-9]{1,3}$' THEN
        RAISE EXCEPTION 'till code must be 1 to 3 capital letters or digits' USING ERRCODE = 'P0001';
      END IF;
      LOCK TABLE tills IN EXCLUSIVE MODE;
      SELECT id INTO biz FROM business ORDER BY created_at LIMIT 1;
      IF biz IS NULL THEN
        RAISE EXCEPTION 'hub: no business yet; run possuite hub init first' USING ERRCODE = 'P0001';
      END IF;
      IF EXISTS (SELECT 1 FROM tills WHERE business_id = biz AND code = p_code) THEN
        RAISE EXCEPTION 'till code % is taken in this business', p_code USING ERRCODE = 'unique_violation';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM stores WHERE id = p_store->>'id') THEN
        INSERT INTO stores SELECT * FROM jsonb_populate_record(NULL::stores, p_store || '{"version": 0}'::jsonb
                                                                || jsonb_build_object('hub_seq', 0));
      END IF;
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_role, p_password, p_group);
      INSERT INTO tills (id, business_id, store_id, code, name, role_name)
        VALUES (p_till_id, biz, p_store->>'id', p_code, p_name, p_role);
      RETURN p_role;
    END $$""",
    "REVOKE ALL ON FUNCTION possuite_register_till(text, jsonb, text, text, text) FROM PUBLIC",
]


def downgrade() -> None:
    for name in ("audit_log", "ledger_entries", "adjustments", "payments", "bill_lines", "bills", "items",
                 "customers", "users", "stores", "tills", "business"):
        op.drop_table(name)
    for fn in ("possuite_register_till(text, jsonb, text, text, text)", "possuite_bills_void_only()",
               "possuite_refuse_change()", "possuite_stamp()"):
        op.execute(f"DROP FUNCTION IF EXISTS {fn}")
    op.execute("DROP SEQUENCE IF EXISTS possuite_hub_seq")
