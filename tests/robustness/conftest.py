"""Options and the figures summary of the robustness tests.

``pytest tests/robustness --kills 2000`` runs the long crash soak; ``--till-ops`` sets the
operations per process of the two-tills test. Tests add lines to ``FIGURES``; they are
printed in pytest's terminal summary (no ``-s`` needed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from robust_helpers import FIGURES  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("possuite robustness")
    group.addoption("--kills", type=int, default=200, help="SIGKILLs in the crash-safety test (default 200)")
    group.addoption("--crash-seed", type=int, default=None, help="seed of the crash test (default: random)")
    group.addoption("--till-ops", type=int, default=500, help="operations per process in the two-tills test")
    group.addoption("--tills", type=int, default=4, help="processes in the two-tills test")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    if FIGURES:
        terminalreporter.section("possuite robustness figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
