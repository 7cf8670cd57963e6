"""Shared fixtures: a fresh database per test, a fixed clock, and Qt without a display."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from testkit import Cli, MutableClock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("POSSUITE_DB", None)
os.environ.pop("POSSUITE_NOW", None)
# Logs of test runs go to a throwaway folder, never the user's own log.
os.environ.setdefault("POSSUITE_LOG_DIR", os.path.join(__import__("tempfile").mkdtemp(prefix="possuite-test-logs-")))
# python-escpos parses its printer database once per run and keeps it here (the app's start-up keeps it
# in the user cache, written whole before python-escpos is imported); the processes the tests start
# inherit the folder and only read it.
from possuite.printing.escpos_cache import keep_escpos_printer_database  # noqa: E402

keep_escpos_printer_database(__import__("pathlib").Path(os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR") or
                                                        __import__("tempfile").mkdtemp(prefix="possuite-test-escpos-")))

from possuite import i18n  # noqa: E402
from possuite.db.engine import open_database  # noqa: E402
from possuite.services.app import open_context  # noqa: E402
from possuite.services.context import CLI_ACTOR, Context  # noqa: E402
from possuite.services.users import init_store  # noqa: E402

NOW = datetime(2026, 11, 1, 10, 0, 0)
OWNER_PIN = "1234"


@pytest.fixture(autouse=True)
def _english_messages():
    """Each test starts with messages in English (possuite.i18n's language is per process)."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def pytest_sessionstart(session) -> None:
    """The screen's catalogs are build output (.qm, never committed): compile them before any test."""
    # deferred: loads PySide6; only a run that collects tests pays for it
    from possuite.ui.translation import build_translations

    build_translations()


_FONTS: list[bool] = []


def _bundled_fonts() -> None:
    """The fonts the till ships (``resources/fonts``: DejaVu Sans, Noto Sans Devanagari), registered once with the
    tests' application as the app registers them at start (``ui/resources.py::load_fonts``). Without them Hindi
    text was measured in whatever font the machine had: boxes where no system font has Devanagari (a new
    machine), so the layout tests passed or failed by what was installed by hand."""
    if not _FONTS:
        from possuite.ui.resources import load_fonts  # deferred: loads PySide6

        load_fonts()
        _FONTS.append(True)


@pytest.fixture(autouse=True)
def _screen_in_english(request):
    """A test with Qt widgets sees the screen in English (the English catalog gives the plural forms) with
    Western digits, and a test that switched the language leaves the next one in English."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    # deferred: loads PySide6; only the tests with widgets pay for it
    from possuite.ui.translation import set_language, use_store_digits

    request.getfixturevalue("qapp")
    _bundled_fonts()
    use_store_digits(False)   # and Western digits: a store's Devanagari choice does not outlive its test
    set_language("en")
    yield
    use_store_digits(False)
    set_language("en")


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.sqlite3"


@pytest.fixture
def ctx(db_path: Path, clock: MutableClock) -> Context:
    """A store 'Glow Salon' (INR, 30 credit days, owner 'Owner' with PIN 1234), acting as the CLI owner."""
    engine = open_database(db_path)
    init_store(engine, clock, store="Glow Salon", owner="Owner", pin=OWNER_PIN, address="12 MG Road, Pune",
               phone="020 2612 3456", tax_id="27ABCDE1234F1Z0")
    c = open_context(engine=engine, path=db_path, clock=clock, actor=CLI_ACTOR)
    yield c
    engine.dispose()


@pytest.fixture
def cli(tmp_path: Path, capsys, monkeypatch) -> Cli:
    """``possuite`` run in-process on a fresh store 'Glow Salon' (owner PIN 1234) at 2026-11-01 10:00."""
    c = Cli(tmp_path / "shop.sqlite3", capsys, monkeypatch)
    assert c("init", "--store", "Glow Salon", "--pin", "1234").code == 0
    return c
