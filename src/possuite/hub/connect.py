"""Hub URLs, the passwords kept out of the book, and connecting with errors a user can act on.

The book stores the hub URL without its password; the password lives in a file of the user's
config folder (``hub-credentials.json``, mode 0600, written atomically), keyed by that URL. No
message, log line or JSON output of ours carries a password: URLs are shown as ``user@host:port/db``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool

from possuite.domain.errors import PossuiteError, ValidationError

CREDENTIALS_FILE = "hub-credentials.json"
CONNECT_TIMEOUT_S = 5
DRIVER = "postgresql+psycopg"


class HubUnreachable(PossuiteError):
    """The hub cannot be reached or refuses the login (``possuite sync`` exits 3)."""


def parse_url(text: str, field: str = "hub") -> URL:
    """A PostgreSQL URL (``postgresql://user:password@host:port/db``) as a psycopg 3 URL."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        raise ValidationError(field, "not a PostgreSQL URL (postgresql://user:password@host:5432/db)") from None
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise ValidationError(field, "not a PostgreSQL URL ({get_backend_name}://…); use "
                                     "postgresql://user:password@host:5432/db",
                              get_backend_name=url.get_backend_name())
    if not url.database:
        raise ValidationError(field, "the URL names no database (postgresql://user:password@host:5432/DATABASE)")
    return url.set(drivername=DRIVER)


def display(url: URL) -> str:
    """``user@host:port/db``: how a URL is shown to people and logs (never the password)."""
    user = f"{url.username}@" if url.username else ""
    return f"{user}{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def as_user(url: URL, username: str | None = None) -> URL:
    """The same hub without a password (as ``username`` when given). ``URL.set`` cannot clear a field."""
    return URL.create(url.drivername, username=username or url.username, password=None, host=url.host,
                      port=url.port, database=url.database, query=url.query)


def without_password(url: URL) -> str:
    """The URL as the book keeps it."""
    return as_user(url).set(drivername="postgresql").render_as_string(hide_password=False)


def credentials_path(config_dir: Path) -> Path:
    return Path(config_dir) / CREDENTIALS_FILE


def _read_credentials(config_dir: Path) -> dict[str, str]:
    path = credentials_path(config_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ValidationError("hub credentials", "{path} cannot be read ({name})",
                              path=path, name=type(exc).__name__) from None
    return data if isinstance(data, dict) else {}


def save_password(config_dir: Path, url: URL, password: str) -> Path:
    """Keep ``password`` for ``url`` in the user's credentials file (0600, replaced atomically)."""
    return save_entry(config_dir, without_password(url), password)


def saved_entry(config_dir: Path, key: str) -> str | None:
    return _read_credentials(config_dir).get(key)


def save_entry(config_dir: Path, key: str, value: str | None) -> Path:
    """Set (or, with None, remove) one entry of the credentials file."""
    path = credentials_path(config_dir)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = _read_credentials(config_dir)
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    fd, tmp = tempfile.mkstemp(prefix=".hub-credentials-", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp already makes it 0600 on POSIX; say so explicitly
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def with_saved_password(config_dir: Path, stored_url: str) -> URL:
    """The book's password-less URL with the password from the credentials file."""
    url = parse_url(stored_url)
    password = saved_entry(config_dir, without_password(url))
    if password is None:
        raise HubUnreachable("hub", "no password kept for {display} in {credentials_path}; register the till again",
                             display=display(url), credentials_path=credentials_path(config_dir))
    return url.set(password=password)


def hub_engine(url: URL) -> Engine:
    """An engine on the hub (no pool: a command or a sync round connects, works, and lets go)."""
    return create_engine(url, poolclass=NullPool,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "possuite"})


#: A kept hub connection unused this long is closed before its next use and a new one made.
KEEP_S = 600


class KeptHubEngine:
    """The app's sync process keeps one hub connection from one round to the next (``engines(url)``).

    A round every minute and after each sale, each with new connections, cost a login (SCRAM) here and a
    new server process on the hub each time. The connection is pinged before each use, so a hub restarted
    or a connection cut since is replaced (a hub away is still ``HubUnreachable``); a changed URL or
    password (the till registered again) gets an engine of its own."""

    def __init__(self) -> None:
        self._url: URL | None = None
        self._engine: Engine | None = None

    def __call__(self, url: URL) -> Engine:
        if self._engine is None or url != self._url:
            self.dispose()
            self._engine = create_engine(
                url, pool_size=1, max_overflow=1, pool_pre_ping=True, pool_recycle=KEEP_S,
                connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "possuite sync"})
            self._url = url
        return self._engine

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self._engine = self._url = None


def reason(exc: BaseException) -> str:
    """One short, password-free reason for a failed connection."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    for needle, why in (("connection refused", "connection refused"),
                        ("password authentication failed", "wrong user name or password"),
                        ("timeout expired", "timed out"), ("timed out", "timed out"),
                        ("could not translate host name", "unknown host"),
                        ("name or service not known", "unknown host"),
                        ("does not exist", "no such database or user"),
                        ("no pg_hba.conf entry", "the server does not accept this user from here"),
                        ("ssl", "TLS problem: " + text.strip().splitlines()[-1][:120])):
        if needle in low:
            return why
    return text.strip().splitlines()[0][:160] if text.strip() else type(exc).__name__


def refusal(exc: BaseException) -> str:
    """The hub's own words for a refused statement (constraint, policy), without the statement."""
    orig = getattr(exc, "orig", exc)
    diag = getattr(orig, "diag", None)
    if diag is not None and diag.message_primary:
        detail = f" ({diag.message_detail})" if diag.message_detail else ""
        return f"{diag.message_primary}{detail}"[:300]
    return str(orig).strip().splitlines()[0][:300]


def check_reachable(engine: Engine, url: URL) -> None:
    """Raise HubUnreachable (naming the hub, never the password) unless a connection opens."""
    try:
        with engine.connect():
            pass
    except (DBAPIError, psycopg.Error) as exc:
        raise HubUnreachable("hub", "cannot connect to {display} ({reason})",
                             display=display(url), reason=reason(exc)) from None


def is_connection_error(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, psycopg.OperationalError) or bool(getattr(exc, "connection_invalidated", False))
