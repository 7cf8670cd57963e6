"""The log file: where it lives, how it rotates, and what never goes into it.

``setup_logging(folder)`` sends possuite's (and libraries') log records to a rotating file in
``folder`` (the wiring passes ``POSSUITE_LOG_DIR``), else the user log folder (platformdirs), readable by the
owner's OS account only. Every record passes a ``RedactingFilter`` first: PINs and
passwords (``pin=1234``, ``"pin": "1234"``, ``--pin 1234``), PIN hashes and phone numbers
are masked before anything is written, exception texts included. So no PIN, password or
customer phone list reaches the file even when SQL logging is switched on for a diagnosis.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from platformdirs import user_log_path

LOG_NAME = "possuite.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_KEYS = r"\b(?:owner[_\s-]?)?(?:pin|pins|pin[_\s-]?code|passcode|password|passwd|pwd|secret|token)\b"
# key=value, key: value, "key": "value": whatever the value is.
_SECRET_ASSIGNED = re.compile(rf"""(?i)(?P<key>{_KEYS}["']?\s*[:=]\s*["']?)(?P<value>[^\s"',;)}}\]]+)""")
# "PIN 1234", "--pin 1234", "pin is 1234": digits after the word.
_SECRET_SPOKEN = re.compile(rf"""(?i)(?P<key>{_KEYS}\s+(?:is\s+)?["']?)(?P<value>\d{{3,}})\b""")
_PIN_HASH = re.compile(r"scrypt\$[^\s'\",)]+")
# ISO dates and times are shielded first so they never look like phone numbers.
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?|\b\d{2}:\d{2}(?::\d{2})?\b")
# A phone: 8+ digits, optionally a leading +, with spaces, dashes, dots or brackets between.
_PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d\s().\-]{6,22}\d(?![\w])")
_MIN_PHONE_DIGITS = 8


def _mask_phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = [c for c in text if c.isdigit()]
    if len(digits) < _MIN_PHONE_DIGITS:
        return text
    return "[phone …" + "".join(digits[-2:]) + "]"


def redact(text: str) -> str:
    """``text`` with secrets and phone numbers masked."""
    if not text:
        return text
    text = _SECRET_ASSIGNED.sub(lambda m: m.group("key") + "***", text)
    text = _SECRET_SPOKEN.sub(lambda m: m.group("key") + "***", text)
    text = _PIN_HASH.sub("[pin hash]", text)
    shielded: list[str] = []

    def shield(m: re.Match[str]) -> str:
        shielded.append(m.group(0))
        return f"\x00{len(shielded) - 1}\x00"

    text = _DATETIME.sub(shield, text)
    text = _PHONE.sub(_mask_phone, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: shielded[int(m.group(1))], text)


class RedactingFilter(logging.Filter):
    """Masks secrets and phone numbers in a record's message and exception text, in place."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            record.exc_text = redact(self._formatter.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_configured_dir: Path | None = None


def log_dir() -> Path:
    """The folder ``setup_logging`` writes to (before it runs: the user log folder)."""
    if _configured_dir is not None:
        return _configured_dir
    return user_log_path("possuite", appauthor=False)


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file created readable by the owner only (rotated files keep the mode)."""

    def _open(self):  # noqa: ANN202 - signature of the base class
        path = Path(self.baseFilename)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        elif os.name == "posix":
            os.chmod(path, 0o600)
        return super()._open()


_HANDLER_NAME = "possuite-file"


def setup_logging(directory: Path | str | None = None, level: int = logging.INFO) -> Path:
    """Attach the rotating, redacting file handler to the root logger (once). Returns the log path.

    ``directory`` None means the user log folder.
    """
    global _configured_dir
    folder = Path(directory).expanduser() if directory else user_log_path("possuite", appauthor=False)
    _configured_dir = folder
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if h.get_name() == _HANDLER_NAME:
            root.removeHandler(h)
            h.close()
    handler = _PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger("possuite").setLevel(level)
    return path


def stop_logging() -> None:
    """Detach and close the file handler (tests, and before a restore moves files)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if h.get_name() == _HANDLER_NAME:
            root.removeHandler(h)
            h.close()


def report_unexpected(exc: BaseException, where: str = "possuite") -> str:
    """Log an unexpected error with its traceback; return the short apology a user reads."""
    logging.getLogger(where).error("unexpected error", exc_info=exc)
    return (f"Sorry, something went wrong ({type(exc).__name__}). Nothing you entered was lost. "
            f"The details are in {log_path()}.")
