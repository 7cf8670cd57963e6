"""The e2e tests run the ``possuite`` command in-process (the ``cli`` fixture of tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def priya(cli) -> dict:
    return cli.ok("customer", "add", "--name", "Priya Sharma", "--phone", "+91 98765 43210")
