#!/usr/bin/env bash
# Install (or upgrade) possuite from this unpacked folder.
#
#   ./install.sh                 as a user: ~/.local/opt/possuite, ~/.local/bin/possuite, menu entry
#   sudo ./install.sh            for everyone: /opt/possuite, /usr/local/bin/possuite, menu entry
#
# Options:
#   --user | --system        choose the kind of install (default: --system as root, else --user)
#   --yes                    answer yes to the printer-access questions (no prompt)
#   --no-printer             do not touch printer access
#   --printer-group          add the user to the group that owns /dev/usb/lp* (usually "lp")
#   --usb-id VVVV:PPPP       install a udev rule for the receipt printer with this USB id (needs
#                            root or sudo; find the id with `lsusb`, e.g. 04b8:0202)
#   --root DIR               install below DIR instead of / (packaging, tests); implies no printer setup
#   -h | --help
#
# The shop's data is never touched: the database, its backups and the owner's receipt templates
# live in the user's data folder (~/.local/share/possuite), not here. Installing a newer version
# over an older one replaces only the program; the first start of the new version copies the
# database into backups/ and then upgrades it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="$(cat "$HERE/VERSION" 2>/dev/null || echo unknown)"

mode=""
assume_yes=0
printer="ask"   # ask | group | none
usb_id=""
root=""

say() { printf 'possuite: %s\n' "$*"; }
die() { printf 'possuite: error: %s\n' "$*" >&2; exit 2; }
usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --system) mode=system ;;
    --yes | -y) assume_yes=1 ;;
    --no-printer) printer=none ;;
    --printer-group) printer=group ;;
    --usb-id)
      [ $# -ge 2 ] || die "--usb-id needs VVVV:PPPP (e.g. 04b8:0202)"
      usb_id="$2"; shift ;;
    --usb-id=*) usb_id="${1#--usb-id=}" ;;
    --root)
      [ $# -ge 2 ] || die "--root needs a folder"
      root="$2"; shift ;;
    --root=*) root="${1#--root=}" ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

[ -x "$HERE/possuite/possuite" ] || die "$HERE/possuite/possuite is missing: run install.sh from the unpacked possuite folder"
if [ -n "$usb_id" ]; then
  [[ "$usb_id" =~ ^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$ ]] || die "--usb-id: '$usb_id' is not VVVV:PPPP in hex (e.g. 04b8:0202; see lsusb)"
fi

is_root() { [ "$(id -u)" -eq 0 ]; }
if [ -z "$mode" ]; then
  if is_root; then mode=system; else mode=user; fi
fi
if [ "$mode" = system ] && ! is_root && [ -z "$root" ]; then
  die "--system needs root: run  sudo $0 --system  (or install for yourself with --user)"
fi

# The person who will use the till: with sudo, the user who ran sudo.
till_user="${SUDO_USER:-$(id -un)}"
if [ "$mode" = user ]; then
  home="${HOME:?HOME is not set}"
  app_dir="$root$home/.local/opt/possuite"
  bin_dir="$root$home/.local/bin"
  share="$root${XDG_DATA_HOME:-$home/.local/share}"
  data_dir="${XDG_DATA_HOME:-$home/.local/share}/possuite"
else
  app_dir="$root/opt/possuite"
  bin_dir="$root/usr/local/bin"
  share="$root/usr/local/share"
  data_dir="~$till_user/.local/share/possuite (each user's own)"
fi
apps_dir="$share/applications"
icons_dir="$share/icons/hicolor"

# --- the program --------------------------------------------------------------------------------
previous=""
if [ -f "$app_dir/VERSION" ]; then previous="$(cat "$app_dir/VERSION")"; fi
if [ -n "$previous" ]; then
  say "upgrading possuite $previous -> $VERSION in $app_dir"
else
  say "installing possuite $VERSION in $app_dir"
fi
mkdir -p "$(dirname "$app_dir")" "$bin_dir" "$apps_dir" "$icons_dir/256x256/apps" "$icons_dir/scalable/apps"

# Copy next to the old folder, then swap, so a failed copy never leaves a half-installed till.
staging="$app_dir.new.$$"
rm -rf -- "$staging"
cp -a "$HERE/possuite" "$staging"
cp "$HERE/possuite.png" "$HERE/uninstall.sh" "$HERE/VERSION" "$staging/"
[ -f "$HERE/possuite.svg" ] && cp "$HERE/possuite.svg" "$staging/"
chmod 0755 "$staging/uninstall.sh" "$staging/possuite"
if [ -e "$app_dir" ]; then
  old="$app_dir.old.$$"
  mv -- "$app_dir" "$old"
  mv -- "$staging" "$app_dir"
  rm -rf -- "$old"
else
  mv -- "$staging" "$app_dir"
fi
if [ "$mode" = system ]; then chmod -R u=rwX,go=rX "$app_dir"; fi

ln -sfn "${app_dir#"$root"}/possuite" "$bin_dir/possuite"  # the path as seen once installed

# --- menu entry and icon --------------------------------------------------------------------------
cp "$HERE/possuite.png" "$icons_dir/256x256/apps/possuite.png"
[ -f "$HERE/possuite.svg" ] && cp "$HERE/possuite.svg" "$icons_dir/scalable/apps/possuite.svg"
# Exec and Icon by absolute path: the menu works even when ~/.local/bin is not on PATH.
exec_path="${app_dir#"$root"}/possuite"
icon_path="${app_dir#"$root"}/possuite.png"
sed -e "s|^Exec=.*|Exec=$exec_path|" -e "s|^Icon=.*|Icon=$icon_path|" \
  "$HERE/possuite.desktop" >"$apps_dir/possuite.desktop"
chmod 0644 "$apps_dir/possuite.desktop"
if [ -z "$root" ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps_dir" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons_dir" 2>/dev/null || true
fi
say "menu entry: $apps_dir/possuite.desktop"
say "command:    $bin_dir/possuite -> $app_dir/possuite"

# --- printer access -------------------------------------------------------------------------------
ask() {  # ask "question" -> 0 for yes
  if [ "$assume_yes" = 1 ]; then return 0; fi
  if [ ! -t 0 ]; then return 1; fi  # no one to ask (piped, scripted): do nothing
  local answer
  read -r -p "possuite: $1 [y/N] " answer || return 1
  case "$answer" in y | Y | yes | YES | Yes) return 0 ;; *) return 1 ;; esac
}

as_root() {  # run a command as root (directly, or through sudo with the user's consent given above)
  if is_root; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

printer_group() {  # the group that owns the USB printer device nodes
  local dev
  for dev in /dev/usb/lp*; do
    if [ -e "$dev" ]; then stat -c %G "$dev"; return; fi
  done
  echo lp
}

setup_group() {
  local group
  group="$(printer_group)"
  if id -nG "$till_user" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
    say "printer: $till_user is already in the '$group' group (can print to /dev/usb/lp*)"
    return
  fi
  cat <<EOF
possuite: printer access
  A USB receipt printer shows up as /dev/usb/lp0 (owned by the group '$group').
  To print to it, $till_user must be in that group. This runs:
      sudo usermod -aG $group $till_user
  It takes effect after $till_user logs out and in again.
EOF
  if [ "$printer" = group ] || ask "add $till_user to the '$group' group now?"; then
    if as_root usermod -aG "$group" "$till_user"; then
      say "printer: added $till_user to '$group'; log out and in again before printing"
    else
      say "printer: could not change groups here; run:  sudo usermod -aG $group $till_user"
    fi
  else
    say "printer: skipped; to do it later:  sudo usermod -aG $group $till_user"
  fi
}

setup_udev() {
  local vendor product rule rules_file
  vendor="$(printf '%s' "${usb_id%%:*}" | tr 'A-F' 'a-f')"
  product="$(printf '%s' "${usb_id##*:}" | tr 'A-F' 'a-f')"
  rules_file=/etc/udev/rules.d/60-possuite-printer.rules
  rule="# possuite: the receipt printer $vendor:$product, usable by the person at the till (and group lp).
SUBSYSTEM==\"usb\", ATTRS{idVendor}==\"$vendor\", ATTRS{idProduct}==\"$product\", MODE=\"0660\", GROUP=\"lp\", TAG+=\"uaccess\"
SUBSYSTEM==\"usbmisc\", KERNEL==\"lp[0-9]*\", ATTRS{idVendor}==\"$vendor\", ATTRS{idProduct}==\"$product\", MODE=\"0660\", GROUP=\"lp\", TAG+=\"uaccess\", SYMLINK+=\"possuite-printer\""
  cat <<EOF
possuite: printer access by USB id
  A udev rule lets the logged-in user (and the 'lp' group) use the printer $vendor:$product,
  and names its device /dev/possuite-printer (use it as a 'file' printer's target). This writes
  $rules_file and reloads udev (needs root). Naming the printer with --usb-id asked for it.
EOF
  if ! printf '%s\n' "$rule" | as_root tee "$rules_file" >/dev/null; then
    say "printer: could not write the udev rule here; as root, write this to $rules_file:"
    printf '%s\n' "$rule"
    return
  fi
  if command -v udevadm >/dev/null 2>&1 && as_root udevadm control --reload-rules \
    && as_root udevadm trigger --subsystem-match=usb --subsystem-match=usbmisc; then
    say "printer: udev rule installed ($rules_file); unplug and replug the printer"
  else
    say "printer: udev rule written to $rules_file; udev could not be reloaded here, so restart the computer"
  fi
}

if [ -n "$root" ]; then
  [ "$printer" = none ] || say "printer: not set up when installing below --root"
elif [ "$printer" != none ]; then
  if [ -n "$usb_id" ]; then setup_udev; fi
  setup_group
fi

# --- done -----------------------------------------------------------------------------------------
if [ -z "$root" ]; then
  if ! "$app_dir/possuite" --version >/dev/null 2>&1; then
    say "warning: $app_dir/possuite --version failed; see the message when starting it from a terminal"
  fi
  if [ "$mode" = user ]; then
    case ":$PATH:" in *":$bin_dir:"*) ;; *) say "note: $bin_dir is not on your PATH; the menu entry works regardless" ;; esac
  fi
fi
say "the shop's data stays in $data_dir (kept on upgrade and uninstall)"
say "done. Start possuite from the applications menu, or run: possuite"
say "(it needs the system packages libgl1 libegl1 fontconfig; it names anything missing when it starts)"
