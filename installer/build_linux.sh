#!/usr/bin/env bash
# Build the Linux bundle and its tarball:
#   dist/possuite/                                  the PyInstaller one-folder bundle
#   dist/possuite-<version>-linux-<arch>.tar.gz     bundle + menu entry + icon + install.sh/uninstall.sh
#
# Usage: installer/build_linux.sh            (run from anywhere; `make dist` calls it)
# Environment: PYTHON  the interpreter that has possuite's dependencies and PyInstaller
#                      (default: .venv/bin/python, else python3)
#              CLEAN=1 rebuild from scratch (PyInstaller --clean)
# Prints the bundle's unpacked size and how long the build took.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
for tool in strip objdump; do  # PyInstaller strips the shared libraries and reads their dependencies
  command -v "$tool" >/dev/null 2>&1 || { echo "build: error: '$tool' is missing: sudo apt install binutils" >&2; exit 2; }
done
"$PYTHON" -c "import PyInstaller" 2>/dev/null \
  || { echo "build: error: PyInstaller is missing in $PYTHON; run: $PYTHON -m pip install -e '.[dist]'" >&2; exit 2; }

# possuite.__version__ is the one source of truth (read from the file, without importing the app).
VERSION="$("$PYTHON" - <<'EOF'
import ast, pathlib
tree = ast.parse(pathlib.Path("src/possuite/__init__.py").read_text(encoding="utf-8"))
print(next(n.value.value for n in tree.body if isinstance(n, ast.Assign)
           and any(getattr(t, "id", None) == "__version__" for t in n.targets)))
EOF
)"
ARCH="$(uname -m)"
NAME="possuite-$VERSION-linux-$ARCH"
echo "build: possuite $VERSION for linux-$ARCH with $("$PYTHON" -m PyInstaller --version 2>/dev/null | tail -1) ($PYTHON)"

start=$(date +%s)
clean=()
[ "${CLEAN:-0}" = 1 ] && clean=(--clean)
"$PYTHON" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/possuite.spec
built=$(date +%s)

BUNDLE=dist/possuite
[ -x "$BUNDLE/possuite" ] || { echo "build: error: $BUNDLE/possuite was not produced" >&2; exit 1; }
"$BUNDLE/possuite" --version >/dev/null || { echo "build: error: $BUNDLE/possuite --version fails" >&2; exit 1; }

# --- the tarball ------------------------------------------------------------------------------
STAGE="build/tarball/$NAME"
rm -rf -- "build/tarball"
mkdir -p "$STAGE"
cp -al "$BUNDLE" "$STAGE/possuite" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/possuite"  # hard links: no second copy
cp installer/linux/possuite.desktop installer/linux/install.sh installer/linux/uninstall.sh "$STAGE/"
cp resources/icons/possuite.png resources/icons/possuite.svg "$STAGE/"
printf '%s\n' "$VERSION" >"$STAGE/VERSION"
chmod 0755 "$STAGE/install.sh" "$STAGE/uninstall.sh"
cat >"$STAGE/README.txt" <<EOF
possuite $VERSION for Linux ($ARCH)

Install for yourself:      ./install.sh
Install for every user:    sudo ./install.sh
Upgrade:                   the same, from the newer version's folder (your data is kept)
Remove:                    ~/.local/opt/possuite/uninstall.sh   (or sudo /opt/possuite/uninstall.sh)

The till needs these system packages (Debian/Ubuntu):  sudo apt install libgl1 libegl1 fontconfig
It says what is missing when it starts. Printer access (the 'lp' group, or a udev rule for the
printer's USB id): see ./install.sh --help.

Run without installing:    ./possuite/possuite
EOF
TARBALL="dist/$NAME.tar.gz"
rm -f -- "$TARBALL"
tar -C build/tarball --owner=0 --group=0 -czf "$TARBALL" "$NAME"
rm -rf -- "build/tarball"
done_at=$(date +%s)

size_bytes=$(du -sb "$BUNDLE" | cut -f1)
echo "build: bundle    $BUNDLE  $((size_bytes / 1024 / 1024)) MB unpacked ($size_bytes bytes)"
echo "build: tarball   $TARBALL  $(($(stat -c %s "$TARBALL") / 1024 / 1024)) MB"
echo "build: took      $((built - start)) s PyInstaller + $((done_at - built)) s tarball = $((done_at - start)) s"
