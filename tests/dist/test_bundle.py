"""The built Linux bundle, run as a shop would: no Python, no source tree, headless.

``make dist-test`` builds ``dist/possuite/`` and the tarball, then runs this file with
``POSSUITE_DIST`` (the bundle folder) and ``POSSUITE_DIST_TARBALL`` set. It builds nothing
itself, so without those variables (a plain ``make test``) it is skipped, saying why.
Every command runs the frozen ``possuite`` executable in a clean environment whose home,
data and log folders are temporary.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import possuite
from possuite import platform_check

DIST = os.environ.get("POSSUITE_DIST", "").strip()
TARBALL = os.environ.get("POSSUITE_DIST_TARBALL", "").strip()

pytestmark = pytest.mark.skipif(
    not DIST, reason="checks a built bundle: run `make dist-test` (sets POSSUITE_DIST=dist/possuite)"
)

SIZE_LIMIT_MB = 200
#: Provided by every Debian/Ubuntu system (libc6, libcrypt1): never named by the start-up check.
BASE_SYSTEM = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
    "libresolv.so.2", "libcrypt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
}


def bundle() -> Path:
    path = Path(DIST).resolve()
    assert (path / "possuite").is_file(), f"POSSUITE_DIST={DIST} has no possuite executable: run `make dist` first"
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a shop's session looks like: a home, a PATH, a headless Qt; no Python variables from this run."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "POSSUITE_NOW": "2026-11-01T10:00:00",
    }
    env.update(extra)
    return env


def run(exe: Path | str, *args: str, env: dict[str, str], timeout: float = 120, check: bool = True,
        stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout, stdin=stdin)
    if check:
        assert proc.returncode == 0, f"{exe} {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def show(title: str, text: str) -> None:
    print(f"\n--- {title}\n{text.rstrip()}")


def make_shop(exe: Path, env: dict[str, str], printer_file: Path) -> str:
    """The smoke run: a store, an item, a customer, a sale partly paid in cash, its receipt printed."""
    out = [run(exe, "init", "--store", "Glow Salon", "--pin", "1234", env=env).stdout,
           run(exe, "item", "add", "--name", "Haircut", "--price", "500", env=env).stdout,
           run(exe, "customer", "add", "--name", "Asha Rao", "--phone", "9876543210", env=env).stdout]
    sale = run(exe, "sell", "--customer", "9876543210", "--line", "Haircut", "--pay", "cash:300", "--pending",
               env=env).stdout
    number = re.search(r"\b(SAL-\S+)", sale).group(1)
    out += [sale,
            run(exe, "printer", "add", "counter", "--type", "file", "--target", str(printer_file), "--default",
                env=env).stdout,
            run(exe, "print", number, env=env).stdout,
            run(exe, "check", env=env).stdout]
    show("smoke run", "".join(out))
    return number


# --- the program ---------------------------------------------------------------------------------

def test_version_is_the_one_in_the_source(home):
    proc = run(bundle() / "possuite", "--version", env=clean_env(home))
    assert proc.stdout.strip() == f"possuite {possuite.__version__}"


def test_unpacked_bundle_is_under_200_mb():
    root = bundle()
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and not f.is_symlink())
    show("bundle size", f"{root}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) unpacked, limit {SIZE_LIMIT_MB} MB")
    assert size < SIZE_LIMIT_MB * 1_000_000


def test_bundle_ships_the_files_loaded_by_path_and_leaves_unused_qt_out():
    internal = bundle() / "_internal"
    for rel in ["possuite/db/migrations/env.py", "possuite/db/migrations/versions/0001_initial_schema.py",
                "possuite/resources/fonts/DejaVuSans.ttf", "possuite/resources/fonts/DejaVuSans-Bold.ttf",
                "possuite/resources/style.qss", "possuite/resources/icons/possuite.svg",
                "possuite/printing/templates/sale.j2", "possuite/printing/templates/collection.j2",
                "escpos/capabilities.json", "PySide6/Qt/plugins/platforms/libqxcb.so",
                "PySide6/Qt/plugins/platforms/libqoffscreen.so"]:
        assert (internal / rel).is_file(), f"{rel} is not in the bundle"
    names = {p.name for p in internal.rglob("*")}
    unwanted = [n for n in names if re.match(r"libQt6(WebEngine|Quick|Qml|3D|Multimedia|Pdf|VirtualKeyboard)", n)]
    assert unwanted == []
    # The screen's own catalogs ship compiled (issue 14); Qt's translations of its own dialogs stay out.
    for rel in ["possuite/resources/translations/possuite_hi.qm", "possuite/resources/translations/possuite_en.qm",
                "possuite/locale/hi/LC_MESSAGES/possuite.mo",
                "possuite/resources/fonts/NotoSansDevanagari-Regular.ttf"]:
        assert (internal / rel).is_file(), f"{rel} is not in the bundle"
    assert not [n for n in names if n.endswith(".qm") and not n.startswith("possuite_")], "Qt translations are shipped"


def test_every_system_library_the_bundle_links_is_named_by_the_start_up_check():
    readelf = shutil.which("readelf")
    assert readelf, "readelf (binutils) is needed; `make dist` needs binutils too"
    root = bundle()
    files = [p for p in root.rglob("*") if p.is_file() and (".so" in p.name or p.name == "possuite")]
    shipped = {p.name for p in root.rglob("*")}
    named = {lib.soname for lib in platform_check.CORE_LIBRARIES + platform_check.X11_LIBRARIES}
    from_system: dict[str, str] = {}
    for f in files:
        dynamic = subprocess.run([readelf, "-d", str(f)], capture_output=True, text=True).stdout
        for needed in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic):
            if needed not in shipped and needed not in BASE_SYSTEM:
                from_system.setdefault(needed, f.name)
    show("libraries taken from the system", "\n".join(f"{k} (needed by {v})" for k, v in sorted(from_system.items())))
    unnamed = {lib: user for lib, user in from_system.items() if lib not in named}
    assert unnamed == {}, f"the bundle needs system libraries the start-up check does not name: {unnamed}"


# --- a shop's day on it --------------------------------------------------------------------------

def test_sells_prints_to_a_file_printer_and_passes_the_check(home, tmp_path):
    exe = bundle() / "possuite"
    env = clean_env(home, POSSUITE_DB=str(tmp_path / "shop.sqlite3"))
    printer_file = tmp_path / "printer.bin"
    number = make_shop(exe, env, printer_file)
    data = printer_file.read_bytes()
    assert data.startswith(b"\x1b@"), "the receipt is not ESC/POS (no printer reset first)"
    assert b"Glow Salon" in data and number.encode() in data and b"Asha Rao" in data
    # Lines with the rupee sign are drawn with the bundled DejaVu font and sent as a raster image.
    assert b"\x1dv0" in data, "no raster image: the bundled font was not used for the rupee lines"
    assert b"\x1dV" in data[-8:], "the receipt is not cut at the end"

    # A second process opens the same file: every row is there, the book still balances.
    bills = run(exe, "bills", env=env).stdout
    balances = run(exe, "balances", env=env).stdout
    show("re-opened", bills + balances)
    assert number in bills and "partially_paid" in bills
    assert "200.00" in balances and "Asha Rao" in balances


def test_serial_printers_work_in_the_bundle(home, tmp_path):
    """pyserial is in the bundle: a serial printer that is not plugged in is reported as offline, not missing."""
    exe = bundle() / "possuite"
    env = clean_env(home, POSSUITE_DB=str(tmp_path / "shop.sqlite3"))
    run(exe, "init", "--store", "Glow Salon", "--pin", "1234", env=env)
    run(exe, "printer", "add", "counter", "--type", "serial", "--target", str(tmp_path / "ttyUSB9"), env=env)
    proc = run(exe, "printer", "test", "counter", env=env, check=False)
    assert proc.returncode == 2 and "not reachable" in proc.stderr and "pyserial" not in proc.stderr, proc.stderr


def test_opens_a_database_made_by_the_source_install_without_losing_anything(home, tmp_path):
    """An upgrade path: the book written by the developer's install (the same schema) opens in the bundle."""
    db = tmp_path / "from-source.sqlite3"
    source_env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    source_env.update(HOME=str(home), POSSUITE_DB=str(db), POSSUITE_NOW="2026-11-01T10:00:00")
    cli = [sys.executable, "-m", "possuite"]
    for args in (["init", "--store", "Glow Salon", "--pin", "1234"],
                 ["item", "add", "--name", "Facial", "--price", "1200"],
                 ["customer", "add", "--name", "Ravi", "--phone", "9123456780"],
                 ["sell", "--customer", "9123456780", "--line", "Facial", "--no-payment"]):
        subprocess.run([*cli, *args], env=source_env, check=True, capture_output=True, timeout=120)
    before = subprocess.run([*cli, "--json", "balances"], env=source_env, check=True, capture_output=True,
                            text=True).stdout
    env = clean_env(home, POSSUITE_DB=str(db))
    exe = bundle() / "possuite"
    after = run(exe, "--json", "balances", env=env).stdout
    assert after == before
    run(exe, "check", env=env)
    assert list((tmp_path).glob("backups/*pre-upgrade*")) == [], "same schema: nothing to upgrade, no copy"


def start_and_watch(cmd: list[str], env: dict[str, str], seconds: float = 8) -> tuple[bool, int | None, str, str]:
    """Start the till window, let it run ``seconds``, stop it: (still running?, exit code, stdout, stderr)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        pass
    alive = proc.poll() is None
    if alive:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    return alive, proc.returncode, out, err


def test_till_window_starts_headless_and_stays_up(home, tmp_path):
    exe = bundle() / "possuite"
    env = clean_env(home, POSSUITE_DB=str(tmp_path / "shop.sqlite3"))
    run(exe, "init", "--store", "Glow Salon", "--pin", "1234", env=env)
    alive, code, out, err = start_and_watch([str(exe)], env)  # imports every till module, shows the login
    show("till window (8 s, offscreen)", f"alive: {alive}\nstdout: {out}\nstderr: {err}")
    assert alive, f"the till window exited at once ({code}):\n{out}\n{err}"
    assert "Traceback" not in err and "not available in this build" not in err


def test_till_window_starts_on_an_x_display_through_the_bundled_xcb_plugin(home, tmp_path):
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is needed (make dist-test installs xvfb)"
    exe = bundle() / "possuite"
    env = clean_env(home, POSSUITE_DB=str(tmp_path / "shop.sqlite3"))
    run(exe, "init", "--store", "Glow Salon", "--pin", "1234", env=env)
    del env["QT_QPA_PLATFORM"]  # what a desktop session has: Qt picks xcb
    alive, code, out, err = start_and_watch([xvfb_run, "-a", "-s", "-screen 0 1280x800x24", str(exe)], env)
    show("till window (8 s, Xvfb)", f"alive: {alive}\nstderr: {err}")
    assert alive, f"the till window did not stay up on X ({code}):\n{out}\n{err}"
    assert "Traceback" not in err and "could not load the Qt platform plugin" not in err.lower()


@pytest.mark.parametrize("display", [None, ":97"], ids=["no display", "unreachable display"])
def test_without_a_usable_display_the_window_explains_instead_of_crashing(home, tmp_path, display):
    env = clean_env(home, POSSUITE_DB=str(tmp_path / "shop.sqlite3"))
    del env["QT_QPA_PLATFORM"]
    if display:
        env["DISPLAY"] = display
    proc = run(bundle() / "possuite", env=env, check=False, timeout=30)
    show(f"till window, DISPLAY={display}", proc.stderr)
    assert proc.returncode == 2, f"exit {proc.returncode} (a Qt abort is -6):\n{proc.stderr}"
    assert proc.stderr.startswith("possuite cannot open the till window:")
    assert "qt.qpa" not in proc.stderr


def test_screenshots_render_every_till_screen_in_the_bundle(home, tmp_path):
    out_dir = tmp_path / "shots"
    proc = run(bundle() / "possuite", "screenshots", str(out_dir), env=clean_env(home), timeout=300)
    shots = sorted(out_dir.glob("*.png"))
    show("screenshots", proc.stdout)
    assert len(shots) >= 5 and all(p.stat().st_size > 5_000 for p in shots)
    keep = os.environ.get("POSSUITE_DIST_SHOTS")
    if keep:  # for a person to look at
        shutil.copytree(out_dir, keep, dirs_exist_ok=True)


# --- install, upgrade, uninstall from the tarball ---------------------------------------------------

@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    assert TARBALL and Path(TARBALL).is_file(), f"POSSUITE_DIST_TARBALL={TARBALL!r} is not a file: run `make dist`"
    with tarfile.open(TARBALL) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    return folder


def test_tarball_holds_the_bundle_menu_entry_icon_and_scripts(unpacked):
    assert unpacked.name == f"possuite-{possuite.__version__}-linux-{os.uname().machine}"
    for name in ["possuite/possuite", "install.sh", "uninstall.sh", "possuite.desktop", "possuite.png", "VERSION"]:
        assert (unpacked / name).is_file(), name
    assert os.access(unpacked / "install.sh", os.X_OK) and os.access(unpacked / "possuite" / "possuite", os.X_OK)
    assert (unpacked / "VERSION").read_text().strip() == possuite.__version__


def test_user_install_upgrade_and_uninstall_keep_the_shops_data(unpacked, home, tmp_path):
    env = clean_env(home)
    installed = run(unpacked / "install.sh", "--user", env=env).stdout  # no terminal: printer step explains, skips
    show("install.sh --user (no terminal)", installed)
    app = home / ".local/opt/possuite"
    link = home / ".local/bin/possuite"
    entry = home / ".local/share/applications/possuite.desktop"
    assert (app / "possuite").is_file() and link.is_symlink() and link.resolve() == (app / "possuite").resolve()
    desktop = entry.read_text()
    assert f"Exec={app}/possuite\n" in desktop and f"Icon={app}/possuite.png\n" in desktop
    assert (app / "possuite.png").is_file() and (app / "uninstall.sh").is_file()
    assert "usermod -aG" in installed and "skipped" in installed  # explained, not done without consent
    validate = shutil.which("desktop-file-validate")
    if validate:
        assert subprocess.run([validate, str(entry)], capture_output=True, text=True).stdout == ""

    # The shop works through the installed command; its data lands in the user data folder.
    db = home / ".local/share/possuite/possuite.sqlite3"
    make_shop(link, env, tmp_path / "printer.bin")
    assert db.is_file()
    before = run(link, "--json", "balances", env=env).stdout

    upgraded = run(unpacked / "install.sh", "--user", "--no-printer", env=env).stdout
    assert f"upgrading possuite {possuite.__version__} -> {possuite.__version__}" in upgraded
    assert run(link, "--json", "balances", env=env).stdout == before

    removed = run(app / "uninstall.sh", env=env).stdout
    show("uninstall.sh", removed)
    assert not app.exists() and not link.exists() and not entry.exists()
    assert db.is_file() and "data is kept" in removed

    # Installing again finds the same book; --purge --yes then deletes it.
    run(unpacked / "install.sh", "--user", "--no-printer", env=env)
    assert run(link, "--json", "balances", env=env).stdout == before
    run(app / "uninstall.sh", "--purge", "--yes", env=env)
    assert not db.exists() and not (home / ".local/share/possuite").exists()


def test_system_install_below_a_root_folder_lays_out_opt_and_usr_local(unpacked, home, tmp_path):
    root = tmp_path / "root"
    run(unpacked / "install.sh", "--system", "--root", str(root), env=clean_env(home))
    assert (root / "opt/possuite/possuite").is_file()
    assert os.readlink(root / "usr/local/bin/possuite") == "/opt/possuite/possuite"
    desktop = (root / "usr/local/share/applications/possuite.desktop").read_text()
    assert "Exec=/opt/possuite/possuite\n" in desktop
    run(root / "opt/possuite/uninstall.sh", "--root", str(root), env=clean_env(home))
    assert not (root / "opt/possuite").exists() and not (root / "usr/local/bin/possuite").exists()
