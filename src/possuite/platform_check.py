"""Before the till window opens on Linux: are the system libraries Qt needs present?

The bundle carries Qt and most of what it links to, but a few things must come from the
machine itself: the OpenGL/EGL stack (it must match the graphics driver), libxcb (it
belongs to the X server) and fontconfig's configuration. On a bare Debian/Ubuntu install
some are missing, and Qt then aborts with a cryptic "could not load the Qt platform
plugin". This module finds that out first, with ``ctypes``, and prints what to install:

    sudo apt install libgl1 libegl1 fontconfig

Only the standard library is used, and nothing from Qt is imported, so the check works
exactly when Qt itself would fail to load. The bundle's entry script
(``installer/possuite_entry.py``) calls :func:`ensure_gui_libraries` before the first
``import PySide6`` when the arguments open the window; it is a no-op off Linux and, unless
asked, outside the bundle.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class SystemLibrary:
    soname: str  #: the name the dynamic loader looks for
    package: str  #: the Debian/Ubuntu package that provides it
    purpose: str  #: shown to the user


#: Needed whatever the display: Qt's GUI library links these. The bundle leaves OpenGL/EGL
#: out on purpose (they must match the machine's driver); the rest are bundled, and listed
#: so a broken bundle still gets a clear message rather than a crash.
CORE_LIBRARIES: tuple[SystemLibrary, ...] = (
    SystemLibrary("libGL.so.1", "libgl1", "OpenGL"),
    SystemLibrary("libEGL.so.1", "libegl1", "EGL"),
    SystemLibrary("libfontconfig.so.1", "libfontconfig1", "fonts"),
    SystemLibrary("libfreetype.so.6", "libfreetype6", "fonts"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", "keyboard"),
    SystemLibrary("libdbus-1.so.3", "libdbus-1-3", "desktop bus"),
    SystemLibrary("libglib-2.0.so.0", "libglib2.0-0", "event loop"),
)

#: Needed to show a window on an X11 (or XWayland) desktop through Qt's "xcb" platform
#: (the bundle carries all but libxcb itself).
X11_LIBRARIES: tuple[SystemLibrary, ...] = (
    SystemLibrary("libxcb.so.1", "libxcb1", "X11 display"),
    SystemLibrary("libX11.so.6", "libx11-6", "X11 display"),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", "X11 display"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "keyboard"),
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "X11 display"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "X11 display"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", "X11 display"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "X11 display"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", "X11 display"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "X11 display"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", "X11 display"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "X11 display"),
)

#: Platforms that draw into memory, not onto a screen (tests, screenshots, smoke runs).
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc"}

#: The library the dynamic loader failed on, from its error message: "libxcb.so.1: cannot open
#: shared object file: ..." (absent), or "/lib/.../libxcb.so.1: file too short" (broken).
_MISSING_SONAME = re.compile(r"(?:^|/)(lib[\w.+-]+?\.so(?:\.\d+)*): ")


def bundle_library_dirs() -> list[Path]:
    """Folders of the bundle that hold shared libraries (empty outside a PyInstaller bundle)."""
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return []
    dirs = [Path(base), Path(base, "PySide6", "Qt", "lib"), Path(base, "PySide6"), Path(base, "shiboken6")]
    return [d for d in dirs if d.is_dir()]


def load_error(soname: str) -> str | None:
    """Why ``soname`` cannot be loaded (the loader's own words), or None when it loads.

    The bundle's own copy is tried first, by path (the loader's search path need not include
    the bundle), then the system's; a bundled library whose dependencies are missing fails too.
    ``soname`` may also be a path.
    """
    for folder in bundle_library_dirs():
        candidate = folder / soname
        if candidate.exists():
            try:
                ctypes.CDLL(str(candidate))
            except OSError as exc:
                return _loader_message(exc)
            return None
    try:
        ctypes.CDLL(soname)
    except OSError as exc:
        return _loader_message(exc)
    return None


def _loader_message(exc: OSError) -> str:
    # In the bundle PyInstaller replaces the loader's words with "Failed to load dynlib/dll ...",
    # keeping the original error as the cause: that one names the missing library.
    return str(exc.__cause__ or exc)


def qt_platform() -> str:
    """The Qt platform plugin that will be used: $QT_QPA_PLATFORM's first choice, else "xcb"."""
    requested = os.environ.get("QT_QPA_PLATFORM", "").strip()
    first = requested.split(";")[0].split(":")[0].strip().lower()
    return first or "xcb"


def libraries_for(platform: str) -> tuple[SystemLibrary, ...]:
    """What must load for ``platform`` (the bundle ships no Wayland plugin: Wayland desktops use XWayland)."""
    if platform in HEADLESS_PLATFORMS:
        return CORE_LIBRARIES
    return CORE_LIBRARIES + X11_LIBRARIES


#: The bundled fontconfig reads the machine's configuration; without it no font is found.
FONTCONFIG = SystemLibrary("/etc/fonts/fonts.conf", "fontconfig", "font configuration")


def fontconfig_configured() -> bool:
    configured = os.environ.get("FONTCONFIG_FILE", "").strip()
    if configured:
        return Path(configured).is_file()
    return Path(FONTCONFIG.soname).is_file()


def missing_libraries(platform: str | None = None, loader=None, fonts_configured=None) -> list[SystemLibrary]:
    """What (for ``platform``, default: the one Qt will use) cannot be loaded or found here.

    ``loader(soname)`` returns None or the loader's error. A bundled library that fails because
    one of *its* dependencies is missing is reported as that dependency, so the apt command
    names only what the machine lacks.
    """
    loader = loader or load_error
    fonts_configured = fonts_configured or fontconfig_configured
    known = {lib.soname: lib for lib in CORE_LIBRARIES + X11_LIBRARIES}
    missing: dict[str, SystemLibrary] = {}
    for lib in libraries_for(platform or qt_platform()):
        error = loader(lib.soname)
        if error is None:
            continue
        culprit = _MISSING_SONAME.search(error)
        name = culprit.group(1) if culprit else lib.soname
        missing.setdefault(name, known.get(name) or SystemLibrary(name, _unknown_package(name), lib.purpose))
    if not fonts_configured():
        missing[FONTCONFIG.soname] = FONTCONFIG
    return list(missing.values())


def _unknown_package(soname: str) -> str:
    return ""  # not one of ours: explain_missing tells how to find its package


def platform_plugin_problem(platform: str | None = None) -> SystemLibrary | None:
    """Load the bundle's Qt platform plugin itself; if it fails, the library it is missing.

    Catches what the fixed lists do not name (the plugin's dependencies change with Qt versions).
    """
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return None
    plugin = Path(base, "PySide6", "Qt", "plugins", "platforms", f"libq{platform or qt_platform()}.so")
    if not plugin.exists():
        return None
    error = load_error(str(plugin))
    if error is None:
        return None
    found = _MISSING_SONAME.search(error)
    soname = found.group(1) if found else plugin.name
    known = {lib.soname: lib for lib in CORE_LIBRARIES + X11_LIBRARIES}
    return known.get(soname) or SystemLibrary(soname, _unknown_package(soname), error)


def explain_missing(missing: list[SystemLibrary]) -> str:
    """The message a shop owner sees: what is missing and the one command that fixes it."""
    packages = sorted({lib.package for lib in missing if lib.package})
    lines = ["possuite cannot open the till window: this computer lacks system files it needs:"]
    for lib in missing:
        where = f"package {lib.package}" if lib.package else f"find its package: apt-file search {lib.soname}"
        lines.append(f"  {lib.soname:<26} ({where}, {lib.purpose})")
    if packages:
        lines += ["Install them (Debian, Ubuntu, Linux Mint) with:", f"  sudo apt install {' '.join(packages)}"]
    lines.append("then start possuite again. Commands such as `possuite --help` or `possuite check` work without them.")
    return "\n".join(lines)


def no_display_message() -> str | None:
    """Why no window can be shown at all, or None when an X11 display (or XWayland) is there."""
    if qt_platform() in HEADLESS_PLATFORMS:
        return None
    if os.environ.get("DISPLAY"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return ("possuite cannot open the till window: this Wayland desktop offers no X11 display "
                "(DISPLAY is not set). possuite runs through XWayland; install it with:\n"
                "  sudo apt install xwayland\n"
                "then log out and in again, or choose an X11 session at the login screen.")
    return ("possuite cannot open the till window: there is no graphical display here "
            "(DISPLAY is not set).\n"
            "Start possuite from the desktop's menu, or use its commands (`possuite --help`).")


def display_unreachable() -> str | None:
    """Why the X server in $DISPLAY cannot be reached (e.g. over ssh without X forwarding), or None.

    Asks libxcb directly, as Qt's xcb plugin would, so Qt never gets to abort on it.
    """
    if qt_platform() != "xcb" or not os.environ.get("DISPLAY"):
        return None
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None  # reported as a missing library
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)  # never NULL: a failed connection is an error object
    try:
        failed = xcb.xcb_connection_has_error(connection)
    finally:
        xcb.xcb_disconnect(connection)
    if not failed:
        return None
    return (f"possuite cannot open the till window: the display {os.environ['DISPLAY']} cannot be reached "
            "(is the desktop running, and is this the user logged in to it?).\n"
            "Start possuite from the desktop's menu, or use its commands (`possuite --help`).")


def opens_the_window(argv: list[str]) -> bool:
    """Whether these ``possuite`` arguments start the till window (no command; only --db/--json)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--json" or arg.startswith("--db="):
            continue
        if arg == "--db" and rest:
            rest.pop(0)
            continue
        return False
    return True


def ensure_gui_libraries(stream: TextIO | None = None, *, force: bool = False) -> bool:
    """True when the till window can start; otherwise print why (to ``stream``, default stderr) and return False.

    Checks only on Linux, and only in the bundled app unless ``force`` (a developer's
    checkout has its own Python and packages, and tests run offscreen).
    """
    if not sys.platform.startswith("linux"):
        return True
    if not (force or getattr(sys, "frozen", False)):
        return True
    stream = stream if stream is not None else sys.stderr
    message = no_display_message()
    if message is None:
        missing = missing_libraries()
        if not missing:
            problem = platform_plugin_problem()
            missing = [problem] if problem else []
        message = explain_missing(missing) if missing else display_unreachable()
    if message is None:
        return True
    print(message, file=stream)
    return False


if __name__ == "__main__":  # `python -m possuite.platform_check`: report for this machine
    ok = ensure_gui_libraries(force=True)
    if ok:
        print(f"possuite: every system library the till window needs is present (platform {qt_platform()}).")
    raise SystemExit(0 if ok else 1)
