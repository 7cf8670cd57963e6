"""Importing possuite.printing and its light modules changes nothing on disk or in os.environ."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, os, sys
before = dict(os.environ)
import possuite.printing
import possuite.printing.markup, possuite.printing.template_folder, possuite.printing.templates
import possuite.printing.text, possuite.printing.escpos_cache
after = dict(os.environ)
print(json.dumps({"added": sorted(set(after) - set(before)),
                  "changed": sorted(k for k in before if after.get(k) != before[k])}))
"""


def test_importing_possuite_printing_creates_no_files_and_leaves_the_environment_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSSUITE_", "ESCPOS_", "XDG_"))}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
               TMPDIR=str(home / "tmp"), PYTHONDONTWRITEBYTECODE="1")
    (home / "tmp").mkdir()
    run = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"added": [], "changed": []}
    assert [p for p in Path(home).rglob("*") if p.name != "tmp"] == []


def test_the_start_up_keeps_python_escpos_printer_database_in_the_cache(tmp_path, monkeypatch):
    from possuite.printing.escpos_cache import ENV_NAME, keep_escpos_printer_database

    monkeypatch.delenv(ENV_NAME, raising=False)
    folder = tmp_path / "cache" / "escpos"
    assert keep_escpos_printer_database(folder) == folder
    assert folder.is_dir() and os.environ[ENV_NAME] == str(folder)
    monkeypatch.setenv(ENV_NAME, str(tmp_path / "theirs"))
    assert keep_escpos_printer_database(folder) == tmp_path / "theirs"  # a folder already set wins


def test_a_printer_database_cut_short_by_a_kill_is_dropped_and_a_whole_one_kept(tmp_path, monkeypatch):
    import pickle

    from possuite.printing.escpos_cache import ENV_NAME, keep_escpos_printer_database

    monkeypatch.delenv(ENV_NAME, raising=False)
    whole = pickle.dumps({"profiles": {"default": {}}}, protocol=2)
    (tmp_path / "3.11.7.capabilities.pickle").write_bytes(whole)
    (tmp_path / "3.12.1.capabilities.pickle").write_bytes(whole[: len(whole) // 2])   # killed while writing
    (tmp_path / "3.13.0.capabilities.pickle").write_bytes(b"")                         # killed before writing
    monkeypatch.setattr("platform.python_version", lambda: "3.11.7")  # the whole one is this Python's
    assert keep_escpos_printer_database(tmp_path) == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.11.7.capabilities.pickle"]
    assert pickle.loads((tmp_path / "3.11.7.capabilities.pickle").read_bytes()) == {"profiles": {"default": {}}}


def test_the_printer_database_is_written_whole_before_python_escpos_can_read_it(tmp_path, monkeypatch):
    """python-escpos writes its file in place: a second process importing it meanwhile read it cut short
    (EOFError; the four tills on one book died starting). The start-up writes it whole first."""
    import pickle

    from possuite.printing.escpos_cache import ENV_NAME, keep_escpos_printer_database, pickle_name

    monkeypatch.delenv(ENV_NAME, raising=False)
    real_dump = pickle.dump

    def dies_half_way(obj, fh, protocol=None):
        fh.write(pickle.dumps(obj, protocol=protocol)[:1000])
        raise KeyboardInterrupt  # the process stopped while writing

    monkeypatch.setattr(pickle, "dump", dies_half_way)
    try:
        keep_escpos_printer_database(tmp_path)
    except KeyboardInterrupt:
        pass
    assert list(tmp_path.iterdir()) == [], "a cut-short file (or its temporary) was left for readers"
    monkeypatch.setattr(pickle, "dump", real_dump)
    assert keep_escpos_printer_database(tmp_path) == tmp_path
    written = pickle.loads((tmp_path / pickle_name()).read_bytes())
    assert "default" in written["profiles"]


STARTER = r"""
import sys
from pathlib import Path
from possuite.printing.escpos_cache import keep_escpos_printer_database
keep_escpos_printer_database(Path(sys.argv[1]))
import escpos.printer  # reads the parsed database
from escpos.capabilities import get_profile
assert get_profile("default").profile_data["codePages"]
"""


def test_eight_processes_starting_at_once_on_an_empty_cache_all_import_python_escpos(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESCPOS_")}
    folder = tmp_path / "escpos"
    procs = [subprocess.Popen([sys.executable, "-c", STARTER, str(folder)], env=env, stderr=subprocess.PIPE,
                              text=True) for _ in range(8)]
    failed = [err for p in procs for err in [p.communicate(timeout=120)[1]] if p.returncode != 0]
    assert failed == []
