"""Finding and loading ``resources/``: the style sheet, icons and the bundled font (one with ₹).

Looked up through the ``possuite.resources`` package when it is installed, else in the folder
the start-up names with ``use_resource_dir`` (``POSSUITE_RESOURCES``, read by ``possuite.bootstrap``),
``possuite/resources``, a PyInstaller bundle, and the source tree's top-level ``resources/`` folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

try:
    from possuite.resources import resource_path as shipped
except ImportError:  # an odd layout without the resources package: the folders below are searched
    shipped = None

#: Families tried, in order, for the UI font: they all have the rupee sign.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans")
_SYSTEM_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")


_extra_dir: Path | None = None


def use_resource_dir(folder: Path | None) -> None:
    """Search ``folder`` first for resources (``POSSUITE_RESOURCES``; None: only the shipped places)."""
    global _extra_dir
    _extra_dir = Path(folder) if folder else None


def resource_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent.parent  # src/possuite
    dirs: list[Path] = []
    if _extra_dir is not None:
        dirs.append(_extra_dir)
    dirs.append(here / "resources")
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(Path(bundle) / "resources")
    dirs.append(here.parent.parent / "resources")
    return [d for d in dirs if d.is_dir()]


def resource_path(*parts: str) -> Path | None:
    """A shipped file, or None. Prefers the ``possuite.resources`` package (packaging's lookup)."""
    try:
        return shipped(*parts)
    except (TypeError, FileNotFoundError):
        pass
    for base in resource_dirs():
        p = base.joinpath(*parts)
        if p.exists():
            return p
    return None


def icon(name: str) -> QIcon:
    p = resource_path("icons", f"{name}.svg") or resource_path("icons", f"{name}.png")
    return QIcon(str(p)) if p else QIcon()


def load_fonts() -> str | None:
    """Register the bundled DejaVu fonts (or the system's) and return the family to use."""
    files: list[Path] = []
    fonts = resource_path("fonts")
    if fonts:
        files += sorted(fonts.glob("*.ttf"))
    if not files:
        for d in _SYSTEM_FONT_DIRS:
            p = Path(d)
            if p.is_dir():
                files += [f for f in sorted(p.glob("DejaVuSans*.ttf")) if "Mono" not in f.name]
    for f in files:
        QFontDatabase.addApplicationFont(str(f))
    families = set(QFontDatabase.families())
    for fam in FONT_FAMILIES:
        if fam in families:
            return fam
    return None


def apply_look(app: QApplication) -> None:
    """The font with ₹ and the shop's style sheet (red pending, yellow alert, green Collect)."""
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSize(11)
        app.setFont(font)
    app.setStyle("Fusion")  # the same look on Windows and Linux; the sheet adds the shop's colours
    qss = resource_path("style.qss")
    if qss:
        text = qss.read_text(encoding="utf-8")
        # url(icons/x.svg) in the sheet means the shipped icons folder, wherever it is installed.
        text = text.replace("url(icons/", f"url({(qss.parent / 'icons').as_posix()}/")
        app.setStyleSheet(text)
