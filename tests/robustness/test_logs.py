"""The log file: rotating, private, and never holding a PIN, a PIN hash or a customer's phone number.

A session of ordinary work runs with everything logged, SQL statements and their parameters
included (what someone switches on to diagnose a problem), plus errors whose messages carry
phone numbers and a PIN. Afterwards the file must not contain any of them.
"""

from __future__ import annotations

import logging
import os
import stat

import pytest

from possuite.domain.errors import AuthenticationFailed, ValidationError
from possuite.services import logs
from possuite.services.collections import collect_dues
from possuite.services.context import Actor
from possuite.services.customers import add_customer, lookup
from possuite.services.users import add_user, authorise, login
from testkit import sell

PHONES = ["98220 31415", "+91 98220 92653", "098220-58979", "9822032384"]
DIGITS = ["9822031415", "9822092653", "9822058979", "9822032384"]
PIN = "480715"
OWNER_PIN = "1234"


@pytest.fixture
def logfile(tmp_path):
    path = logs.setup_logging(tmp_path / "logs", level=logging.DEBUG)
    sql = logging.getLogger("sqlalchemy.engine")
    old = sql.level
    sql.setLevel(logging.INFO)  # statements and parameters: the riskiest thing anyone may switch on
    yield path
    sql.setLevel(old)
    logs.stop_logging()


def test_a_session_leaves_no_pin_hash_or_phone_in_the_log(ctx, logfile):
    log = logging.getLogger("possuite.test")
    customers = [add_customer(ctx, f"Customer {i}", phone) for i, phone in enumerate(PHONES)]
    add_user(ctx, "Cash", "cashier", PIN)
    cashier = ctx.as_actor(Actor("Cash", "cashier"))
    for c in customers:
        sell(cashier, c.id, 50000, pay=[("cash", 10000)], pending=True)
    collect_dues(cashier, customers[0].id, 5000, "upi")
    lookup(cashier, "98220")
    with pytest.raises(AuthenticationFailed):
        login(ctx, "Cash", "999999")
    login(ctx, "Cash", PIN)
    authorise(cashier, OWNER_PIN)
    log.info("customer list: %s", ", ".join(PHONES))
    log.info("login attempt pin=%s for Cash", PIN)
    log.warning("owner override with PIN %s", OWNER_PIN)
    try:
        raise ValidationError("phone", f"{PHONES[1]} already belongs to Customer 1 (pin: {PIN})")
    except ValidationError:
        log.exception("while saving a customer")
    logs.report_unexpected(RuntimeError(f"printer jammed while printing for {PHONES[2]}"))

    for h in logging.getLogger().handlers:
        h.flush()
    text = logfile.read_text(encoding="utf-8")
    assert "INSERT INTO customers" in text and "customer list" in text and "Traceback" in text  # it did log
    flat = "".join(ch for ch in text if ch.isdigit() or ch == "\n")
    for digits in DIGITS:
        assert digits not in flat, f"phone {digits} reached the log"
    assert PIN not in text
    assert "pin=***" in text and "PIN ***" in text
    assert "scrypt$" not in text
    assert "[phone …15]" in text  # masked, with only the last two digits left to tell them apart


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_log_file_is_private_and_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = logs.setup_logging(tmp_path / "logs")
    try:
        log = logging.getLogger("possuite.test")
        for i in range(200):
            log.info("sale %d completed", i)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        rotated = sorted(path.parent.glob("possuite.log.*"))
        assert 1 <= len(rotated) <= logs.BACKUP_COUNT
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in rotated)
    finally:
        logs.stop_logging()


def test_the_log_lives_in_the_user_log_folder_unless_told_otherwise(monkeypatch, tmp_path):
    from platformdirs import user_log_path

    from possuite.bootstrap import read_environment

    monkeypatch.setattr(logs, "_configured_dir", None)  # as in a process that has not set up its log yet
    assert logs.log_path() == user_log_path("possuite", appauthor=False) / "possuite.log"
    assert read_environment({}).log_dir is None
    told = read_environment({"POSSUITE_LOG_DIR": str(tmp_path)}).log_dir
    assert told == tmp_path
    try:
        assert logs.setup_logging(told) == tmp_path / "possuite.log"
        assert logs.log_path() == tmp_path / "possuite.log"
    finally:
        logs.stop_logging()


def test_the_apology_names_the_log_file(monkeypatch, tmp_path):
    monkeypatch.setattr(logs, "_configured_dir", tmp_path)
    text = logs.report_unexpected(KeyError("cart"))
    assert text.startswith("Sorry, something went wrong (KeyError).")
    assert str(tmp_path / "possuite.log") in text


@pytest.mark.parametrize("raw,expected", [
    ("pin=1234 ok", "pin=*** ok"),
    ('{"pin": "5555", "name": "Asha"}', '{"pin": "***", "name": "Asha"}'),
    ("--pin 9999 --name X", "--pin *** --name X"),
    ("password: hunter2", "password: ***"),
    ("Pin lock after 5 wrong PINs", "Pin lock after 5 wrong PINs"),
    ("wrong PIN (4 tries left)", "wrong PIN (4 tries left)"),
    ("customer +91 98765 43210 added", "customer [phone …10] added"),
    ("(020) 2612 3456", "[phone …56]"),
    ("at 2026-11-01 10:00:00 SAL-26-0001 amount 123456", "at 2026-11-01 10:00:00 SAL-26-0001 amount 123456"),
    ("id 01JCZ1234567890ABCDEFGHJKM", "id 01JCZ1234567890ABCDEFGHJKM"),
])
def test_redaction_masks_secrets_and_phones_but_not_ordinary_numbers(raw, expected):
    assert logs.redact(raw) == expected
