"""The start-up check of the Linux bundle: a missing system library becomes an apt command, not a Qt crash."""

from __future__ import annotations

import io
import sys

from possuite import platform_check as pc


def failing_for(*sonames: str, because: str | None = None):
    """A loader for which ``sonames`` fail, because they are absent or (``because``) a dependency is."""
    def loader(soname: str) -> str | None:
        if soname not in sonames:
            return None
        return f"{because or soname}: cannot open shared object file: No such file or directory"
    return loader


def test_headless_run_needs_no_x11_libraries():
    missing = pc.missing_libraries("offscreen", loader=failing_for("libxcb.so.1"), fonts_configured=lambda: True)
    assert missing == []


def test_desktop_run_reports_missing_opengl_and_x11_with_their_packages():
    missing = pc.missing_libraries("xcb", loader=failing_for("libGL.so.1", "libxcb.so.1"),
                                   fonts_configured=lambda: True)
    assert [(lib.soname, lib.package) for lib in missing] == [("libGL.so.1", "libgl1"), ("libxcb.so.1", "libxcb1")]


def test_message_names_each_missing_file_and_one_apt_command():
    missing = pc.missing_libraries("xcb", loader=failing_for("libGL.so.1", "libEGL.so.1"),
                                   fonts_configured=lambda: False)
    text = pc.explain_missing(missing)
    assert "libGL.so.1" in text and "libEGL.so.1" in text and "/etc/fonts/fonts.conf" in text
    assert "  sudo apt install fontconfig libegl1 libgl1\n" in text
    assert "Traceback" not in text


def test_the_real_loader_tells_a_present_library_from_an_absent_one():
    assert pc.load_error("libc.so.6") is None
    error = pc.load_error("libpossuite-not-here.so.9")
    assert error is not None and "libpossuite-not-here.so.9" in error


def test_platform_comes_from_qt_qpa_platform(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen:fontengine=freetype")
    assert pc.qt_platform() == "offscreen"
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert pc.qt_platform() == "xcb"


def test_wayland_session_without_xwayland_is_told_to_install_it(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert "sudo apt install xwayland" in pc.no_display_message()
    monkeypatch.setenv("DISPLAY", ":0")
    assert pc.no_display_message() is None


def test_bundle_start_stops_with_the_message_when_something_is_missing(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(pc, "load_error", failing_for("libEGL.so.1"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    out = io.StringIO()
    assert pc.ensure_gui_libraries(out) is False
    assert "sudo apt install libegl1" in out.getvalue()


def test_outside_the_bundle_nothing_is_checked(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(pc, "load_error", lambda soname: "absent")
    monkeypatch.delattr(sys, "frozen", raising=False)
    out = io.StringIO()
    assert pc.ensure_gui_libraries(out) is True
    assert out.getvalue() == ""


def test_windows_is_never_checked(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(pc, "load_error", lambda soname: "absent")
    assert pc.ensure_gui_libraries(io.StringIO(), force=True) is True


def test_only_the_window_start_is_checked_not_the_commands():
    assert pc.opens_the_window([])
    assert pc.opens_the_window(["--db", "/tmp/shop.sqlite3"]) and pc.opens_the_window(["--db=/x", "--json"])
    assert not pc.opens_the_window(["--version"])
    assert not pc.opens_the_window(["check"]) and not pc.opens_the_window(["--db", "/x", "sell"])
    assert not pc.opens_the_window(["--db"])  # argparse reports the missing value


def test_an_unreachable_x_display_is_reported_before_qt_aborts(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":97")  # no X server listens there
    message = pc.display_unreachable()
    assert message is not None and ":97 cannot be reached" in message


def test_a_bundled_library_failing_on_a_missing_dependency_names_only_that_dependency():
    loader = failing_for("libX11.so.6", "libxcb-cursor.so.0", "libxcb.so.1", because="libxcb.so.1")
    missing = pc.missing_libraries("xcb", loader=loader, fonts_configured=lambda: True)
    assert [(lib.soname, lib.package) for lib in missing] == [("libxcb.so.1", "libxcb1")]
    assert "sudo apt install libxcb1\n" in pc.explain_missing(missing)


def test_a_library_outside_the_known_list_is_named_with_how_to_find_its_package():
    loader = failing_for("libX11.so.6", because="libXau.so.6")
    missing = pc.missing_libraries("xcb", loader=loader, fonts_configured=lambda: True)
    text = pc.explain_missing(missing)
    assert "libXau.so.6" in text and "apt-file search libXau.so.6" in text
    assert "sudo apt install" not in text  # no made-up package name


def test_a_broken_system_library_is_named_from_the_loaders_message():
    def loader(soname):
        return None if soname == "libGL.so.1" else "/lib/x86_64-linux-gnu/libxcb.so.1: file too short"
    missing = pc.missing_libraries("xcb", loader=loader, fonts_configured=lambda: True)
    assert [lib.package for lib in missing] == ["libxcb1"]


def test_in_the_bundle_the_loaders_own_words_are_read_through_pyinstallers_wrapper(monkeypatch):
    def frozen_cdll(name):  # what PyInstaller's ctypes hook raises
        try:
            raise OSError("/lib/x86_64-linux-gnu/libxcb.so.1: file too short")
        except OSError as cause:
            raise OSError(f"Failed to load dynlib/dll {name!r}.") from cause

    monkeypatch.setattr(pc.ctypes, "CDLL", frozen_cdll)
    missing = pc.missing_libraries("xcb", fonts_configured=lambda: True)
    assert [lib.soname for lib in missing] == ["libxcb.so.1"]
