#!/usr/bin/env bash
# Sets up what `make run` / `make test` need, doing nothing when it is already there:
#   1. the Debian packages PySide6 needs (plus xvfb, xauth, poppler-utils, postgresql for tests),
#      installed with apt-get when run as root, otherwise the one apt line to run is printed;
#   2. a virtual environment in .venv with Python 3.11 or newer;
#   3. the package, `pip install -e .[test]`, only when pyproject.toml or setup.py changed.
#   4. the gettext message catalogs compiled (scripts/compile_catalogs.py: .po -> .mo, when a .po changed);
#   5. the screen's Qt catalogs compiled (resources/translations/*.ts -> .qm, when a .ts changed).
#
# Usage: scripts/setup.sh [run|test|lint]   (lint skips the Debian packages)
# Environment: PYTHON (interpreter to build .venv with), VENV (default .venv).
set -euo pipefail

mode="${1:-test}"
case "$mode" in run | test | lint) ;; *) echo "usage: $0 [run|test|lint]" >&2; exit 2 ;; esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${VENV:-.venv}"
STAMP="$VENV/.possuite-install-stamp"

QT_PACKAGES=(
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
)
TEST_PACKAGES=(xvfb xauth poppler-utils postgresql)  # postgresql: the hub tests start their own server

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

python_ok() {  # is "$1" a Python 3.11+ that can build a venv?
  "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

python_version_ok() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

pick_python() {
  local candidates=("${PYTHON:-}" python3 python3.13 python3.12 python3.11) c
  for c in "${candidates[@]}"; do
    [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && python_version_ok "$c" && { command -v "$c"; return 0; }
  done
  return 1
}

missing_debian_packages() {  # one dpkg-query for all; Ubuntu 24.04 "t64" renames count as installed
  local wanted=("${QT_PACKAGES[@]}") names=() installed p
  [ "$mode" = test ] && wanted+=("${TEST_PACKAGES[@]}")
  wanted+=("$@")
  for p in "${wanted[@]}"; do names+=("$p" "${p}t64"); done
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${names[@]}" 2>/dev/null || true)"
  for p in "${wanted[@]}"; do
    case $'\n'"$installed"$'\n' in
      *$'\n'"$p install ok installed"$'\n'* | *$'\n'"${p}t64 install ok installed"$'\n'*) ;;
      *) printf '%s\n' "$p" ;;
    esac
  done
}

apt_install() {
  say "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null
  apt-get install -y --no-install-recommends "$@" </dev/null
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# --- Python 3.11+ -----------------------------------------------------------------------------
python="$(pick_python || true)"
if [ -z "$python" ]; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    apt_install python3.11 python3.11-venv || die "no Python 3.11+ found and apt-get could not install python3.11"
    python="$(pick_python)" || die "no Python 3.11+ found"
  else
    die "possuite needs Python 3.11 or newer (python3 is $(python3 --version 2>&1 || echo missing)); install it, e.g.: sudo apt-get install -y python3.11 python3.11-venv   or set PYTHON=/path/to/python3.11"
  fi
fi

# --- Debian packages ----------------------------------------------------------------------------
if [ "$mode" != lint ] && command -v dpkg-query >/dev/null 2>&1; then
  extra=()
  if [ ! -x "$VENV/bin/python" ] && ! python_ok "$python"; then
    # Debian/Ubuntu split venv/ensurepip out of the interpreter package.
    extra+=("python$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')-venv")
  fi
  mapfile -t missing < <(missing_debian_packages "${extra[@]}")
  if [ "${#missing[@]}" -gt 0 ]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
      apt_install "${missing[@]}"
    else
      say "these Debian packages are missing: ${missing[*]}"
      say "run this once, then run make again:"
      printf '\n    sudo apt-get install -y %s\n\n' "${missing[*]}" >&2
      exit 1
    fi
  fi
elif [ "$mode" != lint ]; then
  say "not a Debian/Ubuntu system: make sure Qt's system libraries (OpenGL, xkbcommon, fontconfig, xcb) are installed"
fi

# --- virtual environment ------------------------------------------------------------------------
if [ -e "$VENV" ] && ! python_version_ok "$VENV/bin/python"; then
  say "$VENV is broken or older than Python 3.11: rebuilding it"
  rm -rf -- "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV with $("$python" --version 2>&1) ($python)"
  if ! "$python" -m venv "$VENV"; then
    rm -rf -- "$VENV"
    die "could not create $VENV (on Debian/Ubuntu: sudo apt-get install -y python3-venv)"
  fi
fi

# --- the package --------------------------------------------------------------------------------
wanted_stamp="$(cat pyproject.toml setup.py 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$wanted_stamp" ]; then
  say "installing possuite and its dependencies into $VENV (first time takes a few minutes)"
  "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || "$VENV/bin/python" -m ensurepip --upgrade >/dev/null \
    || die "$VENV has no pip; delete it and run make again"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test]"
  printf '%s\n' "$wanted_stamp" >"$STAMP"
fi

# --- message catalogs (.po -> .mo; only those whose .po changed) ----------------------------------
"$VENV/bin/python" scripts/compile_catalogs.py
# --- the screen's catalogs (.ts -> .qm with pyside6-lrelease; only those whose .ts changed) -------------
"$VENV/bin/python" -c "from possuite.ui.translation import build_translations; build_translations()"
