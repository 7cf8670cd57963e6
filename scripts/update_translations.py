"""Extract every translatable string of the screen (src/possuite/ui/*.py) into the catalogs.

    python scripts/update_translations.py        (make translations-update)

Runs ``pyside6-lupdate`` over ``src/possuite/ui`` into ``resources/translations/possuite_en.ts``
(the English source list) and ``possuite_hi.ts`` (Hindi: new strings arrive ``unfinished`` for a
translator; strings no longer in the code are dropped). Then ``make translations`` compiles them.
docs/architecture.md §9.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "src" / "possuite" / "ui"
CATALOGS = ROOT / "resources" / "translations"
LANGUAGES = ("en", "hi")


def lupdate() -> str:
    here = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (here / name).exists():
            return str(here / name)
    return "pyside6-lupdate"


def main() -> int:
    sources = sorted(str(p) for p in UI.glob("*.py"))
    for lang in LANGUAGES:
        ts = CATALOGS / f"possuite_{lang}.ts"
        subprocess.run([lupdate(), "-silent", "-no-obsolete", "-locations", "none", "-source-language", "en",
                        "-target-language", lang, *sources, "-ts", str(ts)], check=True)
        print(f"updated {ts.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
