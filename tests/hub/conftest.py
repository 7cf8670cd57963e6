"""A real PostgreSQL server for the hub tests: ``initdb`` into a temporary folder, ``pg_ctl start`` on a
free loopback port (as the unprivileged ``postgres`` user when the tests run as root), stopped at the
end of the session (the start-up is ``possuite.hub.localpg``, shared with ``possuite bench``). Missing server
binaries fail the tests with what to install; they never skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from possuite.hub.localpg import LocalPgError, LocalServer, start_local_server


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = start_local_server()
    except LocalPgError as exc:
        pytest.fail(f"the hub tests need a PostgreSQL server: {exc} (`make test` installs it as root)", pytrace=False)
    with server:
        yield server


@pytest.fixture
def hub_db(pg_server: LocalServer) -> str:
    """A fresh empty database on the test server; its name (roles made for it carry the name)."""
    return pg_server.create_database()


@pytest.fixture
def hub_admin_url(pg_server: LocalServer, hub_db: str) -> str:
    """The superuser URL of the fresh database (what `possuite hub init` is given)."""
    return pg_server.url(hub_db)


@pytest.fixture
def config_dir(tmp_path, monkeypatch) -> Path:
    """The user's config folder (where hub passwords are kept), private to the test."""
    path = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path))
    return path / "possuite"
