"""Entry point of the bundled app: the script PyInstaller freezes as ``__main__``.

Both executables run it: ``possuite`` (console: commands, and the till window when run
without one) and, on Windows, ``possuitew.exe`` (no console window: the Start-menu and
desktop shortcuts start it).
"""

import os
import sys


def _ensure_streams() -> None:
    # A windowed Windows executable has no console: sys.stdout/sys.stderr are None and the
    # first print() would raise. Send such output nowhere instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # open for the whole process


if __name__ == "__main__":
    _ensure_streams()
    from possuite import platform_check

    # Before anything imports Qt: a missing system library or display gets a clear message
    # (which packages to install) instead of Qt aborting. Linux only; commands are not checked.
    if platform_check.opens_the_window(sys.argv[1:]) and not platform_check.ensure_gui_libraries():
        raise SystemExit(2)

    from possuite.cli import main

    raise SystemExit(main())
