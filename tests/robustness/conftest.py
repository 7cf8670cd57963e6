"""Options and the figures summary of the robustness tests.

``pytest tests/robustness --kills 2000`` runs the long crash soak; ``--till-ops N`` and
``--tills N`` size the two-tills test. pytest reads a sub-folder's options only when that
folder is on the command line; from anywhere else use ``POSSUITE_KILLS=2000 pytest``
(also POSSUITE_TILL_OPS, POSSUITE_TILLS, POSSUITE_CRASH_SEED). Tests add lines to
``FIGURES``; they are printed in pytest's terminal summary (no ``-s`` needed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from robust_helpers import FIGURES  # noqa: E402

from testkit import Cli  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("possuite robustness")
    group.addoption("--kills", type=int, default=None, help="SIGKILLs in the crash-safety test (default 200)")
    group.addoption("--crash-seed", type=int, default=None, help="seed of the crash test (default: random)")
    group.addoption("--till-ops", type=int, default=None, help="operations per process in the two-tills test")
    group.addoption("--tills", type=int, default=None, help="processes in the two-tills test")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    if FIGURES:
        terminalreporter.section("possuite robustness figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory):
    """One shop per test module (see robust_helpers.make_shop); tests that must not change it prove so."""
    from robust_helpers import make_shop

    return make_shop(tmp_path_factory.mktemp("shop") / "shop.sqlite3")


@pytest.fixture
def shop(shop_file, capsys, monkeypatch):
    """``possuite`` in-process on the module's shared shop."""
    return Cli(shop_file, capsys, monkeypatch)
