"""Compile every ``src/possuite/locale/<lang>/LC_MESSAGES/possuite.po`` into the ``possuite.mo`` beside it.

Run by the set-up (``scripts/setup.sh``: ``make run``/``make test``) and by the installer build; a
``.mo`` already newer than its ``.po`` is left alone. The ``.mo`` files are build output (not in git);
``possuite.i18n`` compiles a ``.po`` in memory when its ``.mo`` is missing or stale, so a run without
this step is slower to start in Hindi, never untranslated.

Usage: python scripts/compile_catalogs.py [--force]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from possuite.i18n import LOCALE_DIR, compile_po  # noqa: E402


def main(argv: list[str]) -> int:
    force = "--force" in argv
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/possuite.po")):
        mo = po.with_suffix(".mo")
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            mo.write_bytes(compile_po(po))
            print(f"compiled {mo}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
