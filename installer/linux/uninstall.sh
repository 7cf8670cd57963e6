#!/usr/bin/env bash
# Remove possuite (the program, its command and its menu entry). The shop's data stays.
#
#   ~/.local/opt/possuite/uninstall.sh          a user's install
#   sudo /opt/possuite/uninstall.sh             an install for everyone
#
# Options:
#   --purge        also delete the shop's data of the user running this (with sudo: the user who ran
#                  sudo): the database, its backups, receipt templates and logs. Asks first.
#   --yes          do not ask (with --purge: really delete)
#   --root DIR     the install was made with install.sh --root DIR
#   -h | --help
#
# Without --purge nothing of the shop's data is touched, so installing possuite again later finds
# the same database. The 'lp' group membership and any udev rule stay (see the messages below).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
purge=0
assume_yes=0
root=""

say() { printf 'possuite: %s\n' "$*"; }
die() { printf 'possuite: error: %s\n' "$*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --purge) purge=1 ;;
    --yes | -y) assume_yes=1 ;;
    --root)
      [ $# -ge 2 ] || die "--root needs a folder"
      root="$2"; shift ;;
    --root=*) root="${1#--root=}" ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

till_user="${SUDO_USER:-$(id -un)}"
user_home="$HOME"
if [ -n "${SUDO_USER:-}" ]; then user_home="$(getent passwd "$SUDO_USER" | cut -d: -f6)"; fi

# Which install is this? Where this script lives says it; otherwise look for one.
app_dir=""
for candidate in "$HERE" "$root$HOME/.local/opt/possuite" "$root/opt/possuite"; do
  if [ -f "$candidate/VERSION" ] && [ -x "$candidate/possuite" ]; then app_dir="$candidate"; break; fi
done
[ -n "$app_dir" ] || die "no possuite install found (looked in $HERE, ~/.local/opt/possuite, /opt/possuite)"

case "${app_dir#"$root"}" in
  /opt/possuite)
    [ -n "$root" ] || [ "$(id -u)" -eq 0 ] || die "this install is for everyone: run  sudo $app_dir/uninstall.sh"
    bin_dir="$root/usr/local/bin"
    share="$root/usr/local/share" ;;
  *)
    bin_dir="$root$HOME/.local/bin"
    share="$root${XDG_DATA_HOME:-$HOME/.local/share}" ;;
esac

say "removing possuite $(cat "$app_dir/VERSION") from $app_dir"
link_target="$(readlink "$bin_dir/possuite" 2>/dev/null || true)"
if [ "$link_target" = "${app_dir#"$root"}/possuite" ]; then  # only our own link, never another program
  rm -f -- "$bin_dir/possuite"
fi
rm -f -- "$share/applications/possuite.desktop" \
  "$share/icons/hicolor/256x256/apps/possuite.png" "$share/icons/hicolor/scalable/apps/possuite.svg"
if [ -z "$root" ] && command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$share/applications" 2>/dev/null || true
fi
rm -rf -- "$app_dir"
say "program removed"

# --- the shop's data ------------------------------------------------------------------------------
data_home="${XDG_DATA_HOME:-$user_home/.local/share}"
state_home="${XDG_STATE_HOME:-$user_home/.local/state}"
data_dir="$root$data_home/possuite"
log_dir="$root$state_home/possuite"
if [ "$purge" = 1 ]; then
  if [ ! -e "$data_dir" ] && [ ! -e "$log_dir" ]; then
    say "no data to delete for $till_user ($data_dir)"
  else
    say "--purge deletes the shop's data of $till_user: the database, every backup, receipt templates, logs:"
    say "  $data_dir"
    say "  $log_dir"
    confirmed=0
    if [ "$assume_yes" = 1 ]; then
      confirmed=1
    elif [ -t 0 ]; then
      read -r -p "possuite: type DELETE to delete them for good: " answer || answer=""
      [ "$answer" = DELETE ] && confirmed=1
    fi
    if [ "$confirmed" = 1 ]; then
      rm -rf -- "$data_dir" "$log_dir"
      say "data deleted"
    else
      say "data kept (nothing was deleted)"
    fi
  fi
else
  if [ -e "$data_dir" ]; then
    say "the shop's data is kept in $data_dir (database and backups); delete it with --purge"
  fi
fi
if [ -f /etc/udev/rules.d/60-possuite-printer.rules ] && [ -z "$root" ]; then
  say "the printer's udev rule stays: /etc/udev/rules.d/60-possuite-printer.rules (remove it as root if unwanted)"
fi
say "done"
