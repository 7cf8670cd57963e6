"""Files the app ships beside its code: icons, Qt style sheets, fonts (``possuite.resources``).

Fonts: DejaVu Sans (it has ₹) and Noto Sans Devanagari (Hindi on receipts and PDFs), each with its
licence file in ``fonts/``.

This folder sits at the top of the repository (``resources/``) and is installed as the
package ``possuite.resources`` (see ``setup.py``), so the same lookup works from a source
checkout, an editable install, a wheel and a PyInstaller bundle. Callers need real file
paths (Qt's font database and reportlab open files by name), so everything here returns
a ``pathlib.Path`` that exists on disk.
"""

from __future__ import annotations

import atexit
import contextlib
import sys
from importlib import resources as _importlib_resources
from pathlib import Path

FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
DEVANAGARI_REGULAR = "NotoSansDevanagari-Regular.ttf"
DEVANAGARI_BOLD = "NotoSansDevanagari-Bold.ttf"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _frozen_root() -> Path | None:
    """PyInstaller bundle: the spec collects these files to ``<bundle>/possuite/resources``."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        bundled = Path(base, *__name__.split("."))
        if bundled.is_dir():
            return bundled
    return None


def resource_path(*parts: str) -> Path:
    """Path of a shipped file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``.

    Raises ``FileNotFoundError`` naming the file when it is not shipped, so a
    packaging mistake shows up at once instead of as a missing glyph later.
    """
    name = "/".join(parts)
    root = _frozen_root()
    if root is not None:
        path = root.joinpath(*parts)
    else:
        traversable = _importlib_resources.files(__name__).joinpath(*parts)
        if isinstance(traversable, Path):
            path = traversable
        elif traversable.is_file():
            # Imported from a zip or another loader without real files: extract once, keep until exit.
            path = Path(_extracted.enter_context(_importlib_resources.as_file(traversable)))
        else:
            raise FileNotFoundError(f"resource {name!r} is not shipped with possuite")
    if not path.exists():
        raise FileNotFoundError(f"resource {name!r} is not shipped with possuite (looked for {path})")
    return path


def font_path(bold: bool = False) -> Path:
    """The bundled font that has the rupee sign (DejaVu Sans), regular or bold."""
    return resource_path("fonts", FONT_BOLD if bold else FONT_REGULAR)


def devanagari_font_path(bold: bool = False) -> Path:
    """The bundled Noto Sans Devanagari (OFL), regular or bold: Hindi receipt lines and PDFs."""
    return resource_path("fonts", DEVANAGARI_BOLD if bold else DEVANAGARI_REGULAR)
