"""``possuite hub init`` on a real PostgreSQL: the schema, harmless twice, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from possuite.domain.errors import ValidationError
from possuite.hub import spec
from possuite.hub.schema import HUB_SCHEMA_REVISION, VERSION_TABLE, init_hub, known_revisions

pytestmark = pytest.mark.hub


def test_init_creates_the_schema_and_a_second_run_changes_nothing(pg_server, hub_db, hub_admin_url):
    first = init_hub(hub_admin_url, business="Glow Group")
    assert first.revision == HUB_SCHEMA_REVISION and first.owner_password
    assert first.business == "Glow Group" and first.owner_role == f"{hub_db}_owner"
    second = init_hub(hub_admin_url, business="Other Name")
    assert second.business_id == first.business_id and second.business == "Glow Group"
    assert second.owner_password is None  # the owner's password is not changed by a second run
    engine = pg_server.admin_engine(hub_db)
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar() == HUB_SCHEMA_REVISION
        assert conn.execute(text("SELECT count(*) FROM business")).scalar() == 1
        insp = inspect(conn)
        for name in spec.SYNCED_TABLES:  # the push writes exactly the columns the migration made
            cols = {c["name"] for c in insp.get_columns(name)}
            assert cols == {c.name for c in spec.hub_table(name).columns} | {"hub_seq", "hub_xid"}, name
    engine.dispose()


def test_the_script_directory_head_is_the_engine_revision():
    assert HUB_SCHEMA_REVISION in known_revisions()


def test_a_hub_with_a_newer_schema_is_refused(pg_server, hub_db, hub_admin_url):
    init_hub(hub_admin_url)
    engine = pg_server.admin_engine(hub_db)
    with engine.connect() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'h9999'"))
    engine.dispose()
    with pytest.raises(ValidationError, match="newer than this possuite"):
        init_hub(hub_admin_url)


def test_a_foreign_non_empty_database_is_refused_and_left_alone(pg_server, hub_db, hub_admin_url):
    engine = pg_server.admin_engine(hub_db)
    with engine.connect() as conn:
        conn.execute(text("CREATE TABLE invoices (id int)"))
    with pytest.raises(ValidationError, match="not empty and not a possuite hub"):
        init_hub(hub_admin_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('public.stores')")).scalar() is None
    engine.dispose()
