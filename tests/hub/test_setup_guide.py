"""The README's hub set-up guide, command for command, on a server set up as the guide says: TLS on, a
``hostssl``-only pg_hba, an admin who owns the database and may create roles but is no superuser."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hubkit import cli_env, make_book, open_book, pg, trade
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from possuite.hub import outbox
from possuite.hub.connect import with_saved_password
from possuite.hub.localpg import LocalPgError, start_local_server

pytestmark = pytest.mark.hub


@pytest.fixture
def tls_server():
    """A server of its own with a self-signed certificate and encrypted TCP connections only."""
    try:
        server = start_local_server("possuite-tls-pg-")
    except LocalPgError as exc:
        pytest.fail(f"the hub tests need a PostgreSQL server: {exc}", pytrace=False)
    with server:
        key, crt = server.base / "server.key", server.base / "server.crt"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                        "-days", "2", "-keyout", str(key), "-out", str(crt)], check=True, capture_output=True)
        key.chmod(0o600)
        hba = server.data / "pg_hba.conf"
        hba.write_text("local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n")
        for f in (key, crt, hba):
            server.give(f)
        server.stop()
        server.settings.update(ssl="on", ssl_cert_file=str(crt), ssl_key_file=str(key))
        server.start()
        yield server


def _possuite(args: list[str], config_dir, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "possuite", *args], capture_output=True, text=True,
                          env={**cli_env(config_dir), **env}, timeout=180)


def test_the_readme_set_up_works_over_tls_with_an_admin_that_is_no_superuser(tls_server, tmp_path, config_dir):
    admin = tls_server.admin_engine()
    with admin.connect() as c:
        c.execute(text("CREATE ROLE shop_admin LOGIN CREATEROLE PASSWORD 'admin-pw'"))  # createuser --createrole
        c.execute(text("CREATE DATABASE glowhub OWNER shop_admin"))                     # createdb --owner
    admin.dispose()
    port = tls_server.port

    init = _possuite(["hub", "init", f"postgresql://shop_admin:admin-pw@127.0.0.1:{port}/glowhub?sslmode=require",
                      "--business", "Glow Group", "--json"], config_dir)
    assert init.returncode == 0, init.stderr
    owner_pw = json.loads(init.stdout)["owner_password"]

    counter1, counter2 = tmp_path / "counter1.sqlite3", tmp_path / "counter2.sqlite3"
    trade(make_book(counter1, "Glow Salon"), 2)
    copy = _possuite(["--db", str(counter1), "backup", "--to", str(counter2)], config_dir)
    assert copy.returncode == 0, copy.stderr
    owner_url = f"postgresql://glowhub_owner@127.0.0.1:{port}/glowhub?sslmode=require"
    for db, code, name in ((counter1, "A", "Counter 1"), (counter2, "B", "Counter 2")):
        reg = _possuite(["--db", str(db), "till", "register", owner_url, "--store", "Glow Salon", "--code", code,
                         "--name", name], config_dir, PGPASSWORD=owner_pw)
        assert reg.returncode == 0, reg.stderr
        assert f"till {code} ({name}) of store 'Glow Salon'" in reg.stdout

    ctx = open_book(counter2)
    trade(ctx, 1, "later ")
    done = _possuite(["--db", str(counter2), "sync", "--json"], config_dir)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["waiting"] == 0
    with ctx.read() as conn:
        stored = outbox.identity(conn).hub_url
    ctx.engine.dispose()
    assert stored.endswith("?sslmode=require") and "glowhub_till_b@" in stored  # kept in the book's URL

    till = pg(with_saved_password(config_dir, stored).render_as_string(hide_password=False))
    with till.connect() as conn:  # the till's own login, as sync makes it: encrypted
        assert conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar() is True
    till.dispose()
    plain = pg(tls_server.url("glowhub") + "?sslmode=disable")
    with pytest.raises(OperationalError, match="no encryption"):  # the hostssl line turns plain TCP away
        plain.connect().close()
    plain.dispose()
