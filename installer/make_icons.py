"""Regenerate the application icon's raster forms from ``resources/icons/possuite.svg``.

Writes ``resources/icons/possuite.png`` (256 px, Linux desktop entry and window icon) and
``resources/icons/possuite.ico`` (16-256 px, Windows executable, shortcuts and uninstaller).
Both are committed, so building an installer never needs this script; run it after editing the SVG:

    QT_QPA_PLATFORM=offscreen python installer/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def render_svg(svg: Path, size: int):
    """The SVG drawn at ``size`` x ``size`` pixels, as a Pillow RGBA image."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"error: {svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "possuite.svg"
    big = render_svg(svg, 256)
    big.save(ICONS / "possuite.png", optimize=True)
    # Each size drawn from the vector source (sharper than scaling the 256 px picture down).
    images = [render_svg(svg, s) for s in ICO_SIZES]
    images[-1].save(ICONS / "possuite.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    print(f"wrote {ICONS / 'possuite.png'} and {ICONS / 'possuite.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
