"""PyInstaller: find ``possuite.resources`` where setup.py maps it from (the top-level ``resources/``).

The package's code lives in ``src/possuite`` but ``possuite.resources`` is the repository's
``resources/`` folder (``package_dir`` in setup.py). PyInstaller's module graph cannot see that
mapping, so the repository root is added to the ``possuite`` package path during analysis; only
``possuite.resources`` is ever looked up there.
"""

from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]


def pre_safe_import_module(api):
    api.append_package_path(str(REPOSITORY))
