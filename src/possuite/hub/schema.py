"""``possuite hub init``: the hub's schema (Alembic), its business, its roles and row-level security.

The hub has its own Alembic script directory (``possuite/hub/migrations``, version table
``possuite_hub_version``) rather than dialect branches in the till's: the till's revisions are
SQLite work (FTS5 virtual tables, SQLite triggers, batch table copies), the hub's are PostgreSQL
work (sequences, plpgsql triggers, bigint money), and the two schemas differ on purpose (the hub
keeps no cached projection, adds ``till_id``/``hub_seq``/``version`` and the tills registry). Two
lines of revisions that never meet are simpler to read than one line with a dialect test in each.

Roles are per server, so their names carry the database's name: ``<db>_owner`` (logs in, reads
every store, registers tills), ``<db>_tills`` (no login: the grants every till gets) and one
``<db>_till_<code>`` login per till. A till may SELECT and INSERT rows of its own store only:
the policies map ``current_user`` to a store through the ``tills`` registry (nothing the till
could set itself); it may update masters of its store, a bill's void columns and a shift's close
columns (once), a NULL ``shift_id`` of its own bill or payment (once, to one of its shifts: h0013), never a
ledger row or a credit note (no grant, and a trigger refuses UPDATE/DELETE
even for the tables' owner). The pull marks (h0014, ``spec.MARKS_TABLE``) are read-only for both roles, a
till's only for its own store; only the hub's trigger writes them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, text

from possuite.db.ids import new_id
from possuite.domain.errors import ValidationError
from possuite.hub import spec
from possuite.hub.connect import check_reachable, display, hub_engine, parse_url
from possuite.hub.views import BACK_OFFICE_SCHEMAS, create_views

VERSION_TABLE = "possuite_hub_version"
SCRIPT_DIR = Path(__file__).parent / "migrations"
#: The newest hub revision (a test checks it equals the script directory's head).
HUB_SCHEMA_REVISION = "h0014"
MAX_DB_NAME = 40  # role names are at most 63 characters: <db>_till_<code>
#: The back office's projection cache (migration h0003): written by the owner's role only.
PROJECTION_TABLES = ("projection_customers", "projection_open_items", "projection_allocations", "projection_cursor")


@dataclass(frozen=True)
class RoleNames:
    owner: str
    tills: str

    def till(self, code: str) -> str:
        return f"{self.tills[: -len('_tills')]}_till_{code.lower()}"


def role_names(database: str) -> RoleNames:
    return RoleNames(owner=f"{database}_owner", tills=f"{database}_tills")


@dataclass(frozen=True)
class InitResult:
    hub: str
    business_id: str
    business: str
    revision: str
    upgraded_from: str | None
    owner_role: str
    owner_password: str | None  # only when this run created the owner role

    def as_json(self) -> dict:
        return {"hub": self.hub, "business_id": self.business_id, "business": self.business,
                "revision": self.revision, "upgraded_from": self.upgraded_from, "owner_role": self.owner_role,
                "owner_password": self.owner_password}


def _alembic_config():
    from alembic.config import Config  # deferred: Alembic loads only for hub init

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_DIR))
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # deferred: Alembic loads only for hub init

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def hub_revision(conn: Connection) -> str | None:
    if not conn.execute(text("SELECT to_regclass(:t)"), {"t": f"public.{VERSION_TABLE}"}).scalar():
        return None
    return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _foreign_tables(conn: Connection) -> list[str]:
    return list(conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).scalars())


def init_hub(url_text: str, business: str | None = None, owner_password: str | None = None,
             now: datetime | None = None) -> InitResult:
    """Create or upgrade the hub schema in the database at ``url_text`` (harmless to run again)."""
    url = parse_url(url_text)
    if len(url.database) > MAX_DB_NAME:
        raise ValidationError("hub", "the database name is longer than {max_db_name} characters",
                              max_db_name=MAX_DB_NAME)
    if business is not None and not business.strip():
        raise ValidationError("business", "must not be empty")
    engine = hub_engine(url)
    try:
        check_reachable(engine, url)
        with engine.connect() as conn:
            with conn.begin():
                rev = hub_revision(conn)
                if rev is None and (tables := _foreign_tables(conn)):
                    raise ValidationError("hub", "{display} is not empty and not a possuite hub (tables: {tables}); "
                                                 "use an empty database",
                                          display=display(url), tables=', '.join(tables[:5]))
                if rev is not None and rev not in known_revisions():
                    raise ValidationError("hub", "{display} has hub schema {rev}, newer than this possuite "
                                                 "({hub_schema_revision}); install the newer possuite",
                                          display=display(url), rev=rev, hub_schema_revision=HUB_SCHEMA_REVISION)
                if rev != HUB_SCHEMA_REVISION:
                    from alembic import command  # deferred: Alembic loads only for hub init

                    cfg = _alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                biz_id, biz_name = _ensure_business(conn, business or url.database, now)
                roles = role_names(url.database)
                password = _ensure_roles(conn, roles, owner_password)
                create_views(conn)  # the back office's, from the till's tables (docs/architecture.md §7.1)
                _grant_and_protect(conn, roles)
    finally:
        engine.dispose()
    return InitResult(hub=display(url), business_id=biz_id, business=biz_name, revision=HUB_SCHEMA_REVISION,
                      upgraded_from=rev if rev != HUB_SCHEMA_REVISION else None, owner_role=roles.owner,
                      owner_password=password)


def _ensure_business(conn: Connection, name: str, now: datetime | None) -> tuple[str, str]:
    row = conn.execute(text("SELECT id, name FROM business ORDER BY created_at LIMIT 1")).first()
    if row is not None:
        return row.id, row.name
    biz_id = new_id()
    conn.execute(text("INSERT INTO business (id, name, created_at) VALUES (:id, :name, :at)"),
                 {"id": biz_id, "name": name.strip(), "at": now or datetime.now(UTC).replace(tzinfo=None)})
    return biz_id, name.strip()


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar())


def _ensure_roles(conn: Connection, roles: RoleNames, owner_password: str | None) -> str | None:
    if not _role_exists(conn, roles.tills):
        conn.execute(text(f"CREATE ROLE {_q(conn, roles.tills)} NOLOGIN"))
    if _role_exists(conn, roles.owner):
        if owner_password:
            conn.exec_driver_sql(f"ALTER ROLE {_q(conn, roles.owner)} PASSWORD {_literal(owner_password)}")
            return owner_password
        return None
    password = owner_password or secrets.token_urlsafe(18)
    conn.exec_driver_sql(f"CREATE ROLE {_q(conn, roles.owner)} LOGIN PASSWORD {_literal(password)}")
    return password


def _literal(value: str) -> str:
    """A SQL string literal (CREATE ROLE takes no bound parameters)."""
    return "'" + value.replace("'", "''") + "'"


def _grant_and_protect(conn: Connection, roles: RoleNames) -> None:
    tills, owner = _q(conn, roles.tills), _q(conn, roles.owner)
    data = ", ".join(spec.SYNCED_TABLES)
    masters = ", ".join(sorted(spec.MASTERS))
    void_cols = ", ".join(spec.VOID_COLUMNS)
    close_cols = ", ".join(spec.CLOSE_COLUMNS)
    stmts = [
        f"GRANT USAGE ON SCHEMA public TO {tills}, {owner}",
        f"GRANT SELECT ON business, tills, {data} TO {tills}, {owner}",
        f"GRANT INSERT ON {data} TO {tills}",
        f"GRANT UPDATE ON {masters} TO {tills}",
        f"GRANT UPDATE ({void_cols}) ON bills TO {tills}",
        f"GRANT UPDATE ({close_cols}) ON shifts TO {tills}",
        # A NULL shift of the till's own bill or payment, filled once (h0013's trigger allows only that).
        f"GRANT UPDATE ({spec.SHIFT_COLUMN}) ON {', '.join(spec.SHIFT_LINKS.values())} TO {tills}",
        f"GRANT USAGE ON SEQUENCE possuite_hub_seq TO {tills}",
        f"GRANT EXECUTE ON FUNCTION possuite_register_till(text, jsonb, text, text, text) TO {owner}",
        "ALTER TABLE tills ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS till_self ON tills",
        f"CREATE POLICY till_self ON tills FOR SELECT TO {tills} USING (role_name = current_user)",
        "DROP POLICY IF EXISTS owner_reads ON tills",
        f"CREATE POLICY owner_reads ON tills FOR SELECT TO {owner} USING (true)",
    ]
    # The back office (possuite.hub.backoffice): the owner reads the views and keeps the projection
    # cache; tills get nothing on either.
    projection = ", ".join(PROJECTION_TABLES)
    stmts += [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {projection} TO {owner}",
        f"GRANT SELECT ON {VERSION_TABLE} TO {owner}",
        f"REVOKE ALL ON {projection} FROM {tills}",
    ]
    for schema in BACK_OFFICE_SCHEMAS:
        stmts += [f"GRANT USAGE ON SCHEMA {schema} TO {owner}",
                  f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {owner}",
                  f"REVOKE ALL ON SCHEMA {schema} FROM {tills}"]
    own_store = "(SELECT t.store_id FROM tills t WHERE t.role_name = current_user)"
    # The pull marks (h0014): read-only for both roles, a till's only for its store; the trigger writes them.
    stmts += [
        f"REVOKE ALL ON {spec.MARKS_TABLE} FROM {tills}, {owner}",
        f"GRANT SELECT ON {spec.MARKS_TABLE} TO {tills}, {owner}",
        f"ALTER TABLE {spec.MARKS_TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS till_own_store ON {spec.MARKS_TABLE}",
        f"CREATE POLICY till_own_store ON {spec.MARKS_TABLE} FOR SELECT TO {tills} USING (store_id = {own_store})",
        f"DROP POLICY IF EXISTS owner_reads ON {spec.MARKS_TABLE}",
        f"CREATE POLICY owner_reads ON {spec.MARKS_TABLE} FOR SELECT TO {owner} USING (true)",
    ]
    for name in spec.SYNCED_TABLES:
        col = "id" if name == "stores" else "store_id"
        stmts += [
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS till_own_store ON {name}",
            f"CREATE POLICY till_own_store ON {name} TO {tills} USING ({col} = {own_store}) "
            f"WITH CHECK ({col} = {own_store})",
            f"DROP POLICY IF EXISTS owner_reads ON {name}",
            f"CREATE POLICY owner_reads ON {name} FOR SELECT TO {owner} USING (true)",
        ]
    for stmt in stmts:
        conn.execute(text(stmt))

