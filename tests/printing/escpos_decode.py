"""A small ESC/POS decoder for tests: bytes back into printed lines with their styles.

Understands what the receipt renderer sends: ESC @, ESC ! n, ESC E n, ESC a n, ESC t n
(code page), GS ! n, GS v 0 (raster image), GS ( k (native QR), GS V (cut), ESC p
(drawer kick), LF. Anything else raises, so a new command cannot slip by unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from escpos.capabilities import get_profile
from escpos.codepages import CodePages

ESC, GS, LF = 0x1B, 0x1D, 0x0A


@dataclass
class Line:
    text: str = ""
    bold: bool = False
    double_height: bool = False
    image: tuple[int, int] | None = None  # (width dots, height dots) of a raster image line
    qr: str | None = None

    @property
    def kind(self) -> str:
        return "qr" if self.qr is not None else "image" if self.image else "text"


@dataclass
class Decoded:
    lines: list[Line] = field(default_factory=list)
    cuts: int = 0
    drawer_kicks: int = 0
    resets: int = 0
    images: list[bytes] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines if ln.kind == "text"]

    def find(self, needle: str) -> Line:
        for ln in self.lines:
            if ln.kind == "text" and needle in ln.text:
                return ln
        raise AssertionError(f"{needle!r} not printed as text; lines: {self.texts}")


def _codepage_map(profile: str) -> dict[int, str]:
    return {int(num): name for name, num in get_profile(profile).get_code_pages().items()}


def _decode_byte(b: int, codepage: str | None) -> str:
    if b < 0x80:
        return chr(b)
    if codepage is None:
        raise AssertionError(f"byte {b:#x} sent before any code page was chosen")
    cp = CodePages.get_encoding(codepage)
    if "data" in cp:
        return "".join(cp["data"])[b - 0x80]
    return bytes([b]).decode(cp["python_encode"])


def decode(data: bytes, profile: str = "default") -> Decoded:
    pages = _codepage_map(profile)
    out = Decoded()
    cur = Line()
    bold = dh = False
    codepage: str | None = None
    i = 0
    n = len(data)

    def flush() -> None:
        nonlocal cur
        cur.bold, cur.double_height = (cur.bold or bold), (cur.double_height or dh)
        out.lines.append(cur)
        cur = Line()

    while i < n:
        b = data[i]
        if b == LF:
            flush()
            i += 1
        elif b == ESC:
            cmd = data[i + 1]
            if cmd == ord("@"):
                bold = dh = False
                out.resets += 1
                i += 2
            elif cmd == ord("!"):
                mode = data[i + 2]
                bold, dh = bool(mode & 0x08), bool(mode & 0x10)
                i += 3
            elif cmd == ord("E"):
                bold = bool(data[i + 2])
                i += 3
            elif cmd == ord("a"):
                i += 3
            elif cmd == ord("t"):
                codepage = pages[data[i + 2]]
                i += 3
            elif cmd == ord("p"):
                out.drawer_kicks += 1
                i += 5
            elif cmd == ord("d"):
                for _ in range(data[i + 2]):
                    flush()
                i += 3
            else:
                raise AssertionError(f"unexpected ESC {chr(cmd)!r} at byte {i}")
        elif b == GS:
            cmd = data[i + 1]
            if cmd == ord("!"):
                size = data[i + 2]
                dh = bool(size & 0x0F)
                i += 3
            elif cmd == ord("v") and data[i + 2] == ord("0"):
                xl, xh, yl, yh = data[i + 4:i + 8]
                width_bytes, height = xl + 256 * xh, yl + 256 * yh
                body = data[i + 8:i + 8 + width_bytes * height]
                out.images.append(body)
                if cur.text:
                    flush()
                out.lines.append(Line(image=(width_bytes * 8, height)))
                i += 8 + width_bytes * height
            elif cmd == ord("(") and data[i + 2] == ord("k"):
                length = data[i + 3] + 256 * data[i + 4]
                body = data[i + 5:i + 5 + length]
                if body[:3] == b"1P0":  # store QR data
                    out.lines.append(Line(qr=body[3:].decode("utf-8")))
                i += 5 + length
            elif cmd == ord("V"):
                out.cuts += 1
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
            else:
                raise AssertionError(f"unexpected GS {chr(cmd)!r} at byte {i}")
        else:
            cur.text += _decode_byte(b, codepage)
            cur.bold = cur.bold or bold
            cur.double_height = cur.double_height or dh
            i += 1
    if cur.text:
        flush()
    return out
