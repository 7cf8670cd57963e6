"""Shipped files: the bundled font with the rupee sign, found the same way installed or frozen."""

from __future__ import annotations

import sys

import pytest

from possuite.resources import font_path, resource_path


@pytest.mark.parametrize("bold", [False, True])
def test_the_bundled_font_is_a_truetype_file_with_the_rupee_sign(bold):
    from reportlab.pdfbase.ttfonts import TTFont

    path = font_path(bold=bold)
    assert path.name == ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"
    assert 0x20B9 in TTFont("probe", str(path)).face.charToGlyph  # ₹


def test_the_font_licence_ships_beside_the_fonts():
    assert "Bitstream Vera" in resource_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_a_missing_resource_is_named():
    with pytest.raises(FileNotFoundError, match=r"'icons/no-such-icon\.svg' is not shipped"):
        resource_path("icons", "no-such-icon.svg")


def test_a_pyinstaller_bundle_is_looked_up_under_its_unpack_folder(tmp_path, monkeypatch):
    fonts = tmp_path / "possuite" / "resources" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "DejaVuSans.ttf").write_bytes(b"\x00\x01\x00\x00")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert font_path() == fonts / "DejaVuSans.ttf"
