"""Run the ``possuite`` command in-process against a temporary database."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from possuite.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


class Cli:
    def __init__(self, db: Path, capsys, monkeypatch) -> None:
        self.db = db
        self._capsys = capsys
        monkeypatch.setenv("POSSUITE_NOW", "2026-11-01T10:00:00")
        self._monkeypatch = monkeypatch

    def at(self, when: str) -> None:
        self._monkeypatch.setenv("POSSUITE_NOW", when)

    def __call__(self, *args: str) -> Result:
        self._capsys.readouterr()
        code = main(["--db", str(self.db), *args])
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str):
        r = self("--json", *args)
        assert r.code == 0, r.err
        return r.json

    def dump(self) -> list[str]:
        """Every row of the database, to prove a failed command changed nothing."""
        con = sqlite3.connect(self.db)
        try:
            return list(con.iterdump())
        finally:
            con.close()


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch) -> Cli:
    c = Cli(tmp_path / "shop.sqlite3", capsys, monkeypatch)
    assert c("init", "--store", "Glow Salon", "--pin", "1234").code == 0
    return c


@pytest.fixture
def priya(cli) -> dict:
    return cli.ok("customer", "add", "--name", "Priya Sharma", "--phone", "+91 98765 43210")
