"""A real PostgreSQL server for the hub tests: ``initdb`` into a temporary folder, ``pg_ctl start`` on a
free loopback port (as the unprivileged ``postgres`` user when the tests run as root), stopped at the
end of the session. Missing server binaries fail the tests with what to install; they never skip."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

ADMIN = "possuite_admin"
ADMIN_PASSWORD = "admin-secret-pw"


def find_pg_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb, else initdb on PATH."""
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin") if (p / "initdb").exists()),
                      key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.name.split(".")])
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    bindir: Path

    def url(self, database: str = "postgres", user: str = ADMIN, password: str | None = ADMIN_PASSWORD) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@{self.host}:{self.port}/{database}"

    def admin_engine(self, database: str = "postgres"):
        return create_engine(self.url(database).replace("postgresql://", "postgresql+psycopg://"),
                             poolclass=NullPool, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_server():
    bindir = find_pg_bindir()
    if bindir is None:
        pytest.fail("the hub tests need a PostgreSQL server (initdb, pg_ctl) and none was found: install the "
                    "Debian package `postgresql` (sudo apt-get install -y postgresql; `make test` does it as root)",
                    pytrace=False)
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="possuite-pg-"))
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    data, log, pwfile = base / "data", base / "server.log", base / "pw"
    pwfile.write_text(ADMIN_PASSWORD + "\n")
    if as_user:
        shutil.chown(pwfile, "postgres", "postgres")
    port = _free_port()

    def run(*cmd: str) -> None:
        done = subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            tail = log.read_text()[-2000:] if log.exists() else ""
            pytest.fail(f"{' '.join(cmd[:2])} failed ({done.returncode}): {done.stderr or done.stdout}\n{tail}",
                        pytrace=False)

    run(str(bindir / "initdb"), "-D", str(data), "-U", ADMIN, f"--pwfile={pwfile}", "--auth=scram-sha-256",
        "-E", "UTF8", "--no-locale", "--no-sync")
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={base} -c fsync=off " \
           "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", opts, "start")
    try:
        yield PgServer("127.0.0.1", port, bindir)
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def hub_db(pg_server: PgServer) -> str:
    """A fresh empty database on the test server; its name (roles made for it carry the name)."""
    name = f"hub_{uuid.uuid4().hex[:10]}"
    engine = pg_server.admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return name


@pytest.fixture
def hub_admin_url(pg_server: PgServer, hub_db: str) -> str:
    """The superuser URL of the fresh database (what `possuite hub init` is given)."""
    return pg_server.url(hub_db)


@pytest.fixture
def config_dir(tmp_path, monkeypatch) -> Path:
    """The user's config folder (where hub passwords are kept), private to the test."""
    path = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path))
    return path / "possuite"
