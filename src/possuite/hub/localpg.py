"""A throw-away local PostgreSQL server: ``initdb`` into a temporary folder, ``pg_ctl start`` on a free
loopback port, removed again at the end.

The one copy of this start-up, used by the hub tests (``tests/hub/conftest.py``) and by ``possuite bench``'s
sync section. When the tests or the bench run as root the server runs as the unprivileged ``postgres`` user
(PostgreSQL refuses to run as root). It is tuned for speed, not durability (``fsync=off``): never a shop's hub.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

ADMIN = "possuite_admin"
ADMIN_PASSWORD = "admin-secret-pw"
#: What to install when the server binaries are missing (said by the tests and the bench).
INSTALL_HINT = "install the Debian package `postgresql` (sudo apt-get install -y postgresql)"


class LocalPgError(RuntimeError):
    """The local server could not be made or started (the message says why)."""


class PostgresMissing(LocalPgError):
    """No ``initdb``/``pg_ctl`` on this machine."""


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


@dataclass
class LocalServer:
    """A running (or stopped) server of ours; ``close()`` stops it and removes its folder."""

    host: str
    port: int
    bindir: Path
    base: Path
    as_user: list[str] = field(default_factory=list)
    running: bool = False
    #: Extra server settings for the next ``start`` (e.g. ``ssl=on`` and its certificate files).
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def log(self) -> Path:
        return self.base / "server.log"

    def url(self, database: str = "postgres", user: str = ADMIN, password: str | None = ADMIN_PASSWORD) -> str:
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@{self.host}:{self.port}/{database}"

    def admin_engine(self, database: str = "postgres") -> Engine:
        return create_engine(self.url(database).replace("postgresql://", "postgresql+psycopg://"),
                             poolclass=NullPool, isolation_level="AUTOCOMMIT")

    def create_database(self, prefix: str = "hub") -> str:
        """A fresh empty database; its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        engine = self.admin_engine()
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return name

    def _run(self, *cmd: str) -> None:
        done = subprocess.run([*self.as_user, *cmd], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            tail = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise LocalPgError(f"{Path(cmd[0]).name} {cmd[1] if len(cmd) > 1 else ''} failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()}\n{tail}")

    def start(self) -> None:
        """Start the server (again, after ``stop``) on the same port and data."""
        opts = (f"-c listen_addresses={self.host} -p {self.port} -c unix_socket_directories={self.base} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        opts += "".join(f" -c {k}={v}" for k, v in self.settings.items())
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", opts, "start")
        self.running = True

    def stop(self) -> None:
        """Stop the server (fast shutdown: open sessions are cut, as when the back-office PC goes away)."""
        if self.running:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.running = False

    def give(self, path: Path) -> None:
        """Hand a file in the server's folder to the user the server runs as (certificates, pg_hba.conf)."""
        if self.as_user:
            shutil.chown(path, "postgres", "postgres")

    def close(self) -> None:
        try:
            if self.running:
                subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                                "-w", "stop"], capture_output=True, timeout=120)
                self.running = False
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start_local_server(prefix: str = "possuite-pg-") -> LocalServer:
    """``initdb`` a new cluster (the admin ``possuite_admin``, scram passwords) and start it; the caller closes it.

    Raises ``PostgresMissing`` without the server binaries, ``LocalPgError`` when start-up fails."""
    bindir = find_pg_bindir()
    if bindir is None:
        raise PostgresMissing(f"no PostgreSQL server binaries (initdb, pg_ctl) were found: {INSTALL_HINT}")
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    server = LocalServer("127.0.0.1", _free_port(), bindir, base, as_user)
    try:
        pwfile = base / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        if as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        server._run(str(bindir / "initdb"), "-D", str(server.data), "-U", ADMIN, f"--pwfile={pwfile}",
                    "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync")
        server.start()
    except BaseException:
        server.close()
        raise
    return server
