"""Printer connections: where the bytes go (network, USB, serial, device file, CUPS ``lp``, Win32 raw).

A printer's configuration is data (``PrinterConfig``). ``parse_target`` checks a target
when the printer is added; ``send`` opens the connection, writes one job's bytes and
closes it. Every failure becomes ``PrinterOffline`` (worth retrying: switched off,
unplugged, out of paper, busy) or ``PrinterSetupError`` (will not work until the
configuration or the installation changes).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from possuite.domain.errors import ValidationError

TYPES = ("network", "usb", "serial", "file", "cups", "win32")
DEFAULT_PORT = 9100
SEND_TIMEOUT_S = 10.0


class PrinterOffline(Exception):
    """The printer could not be reached or refused the job; retrying later may work."""


class PrinterSetupError(Exception):
    """The printer's configuration or a missing system part stops it from ever printing."""


@dataclass(frozen=True)
class PrinterConfig:
    name: str
    type: str
    target: str
    width: int = 42
    profile: str = "default"
    symbol_mode: str = "image"
    cut: bool = True
    drawer_kick: bool = False
    id: str | None = None
    is_default: bool = False

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "target": self.target, "width": self.width,
                "profile": self.profile, "symbol_mode": self.symbol_mode, "cut": self.cut,
                "drawer_kick": self.drawer_kick, "default": self.is_default}


def parse_target(kind: str, target: str) -> str:
    """Check and normalise a target for a printer type; ValidationError naming ``target`` if wrong."""
    t = (target or "").strip()
    if kind not in TYPES:
        raise ValidationError("type", "{kind!r} is not one of {choices}", kind=kind, choices=', '.join(TYPES))
    if not t:
        raise ValidationError("target", "is empty; a {kind} printer needs {examples}",
                              kind=kind, examples=_EXAMPLES[kind])
    if kind == "network":
        host, port = network_address(t)
        return f"{host}:{port}"
    if kind == "usb":
        vendor, product = usb_ids(t)
        return f"{vendor:04x}:{product:04x}"
    if kind == "serial":
        serial_target(t)
    return t


_EXAMPLES = {
    "network": "host:port, e.g. 192.168.1.50:9100",
    "usb": "vendor:product in hex, e.g. 04b8:0202",
    "serial": "a port, e.g. /dev/ttyUSB0 or COM3 (optionally @baud, e.g. COM3@19200)",
    "file": "a device or file path, e.g. /dev/usb/lp0",
    "cups": "a CUPS queue name, e.g. receipt",
    "win32": "a Windows printer name, e.g. POS-80",
}


def network_address(target: str) -> tuple[str, int]:
    host, sep, port_text = target.rpartition(":")
    if not sep:
        host, port_text = target, str(DEFAULT_PORT)
    host = host.strip().strip("[]")
    if not host or " " in host:
        raise ValidationError("target", "{target!r} is not host:port ({examples})",
                              target=target, examples=_EXAMPLES['network'])
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ValidationError("target", "{target!r} has no valid port (1-65535)", target=target)
    return host, int(port_text)


def usb_ids(target: str) -> tuple[int, int]:
    parts = target.lower().replace("0x", "").split(":")
    try:
        if len(parts) != 2:
            raise ValueError
        vendor, product = int(parts[0], 16), int(parts[1], 16)
        if not (0 <= vendor <= 0xFFFF and 0 <= product <= 0xFFFF):
            raise ValueError
    except ValueError:
        raise ValidationError("target", "{target!r} is not vendor:product ({examples})",
                              target=target, examples=_EXAMPLES['usb']) from None
    return vendor, product


def serial_target(target: str) -> tuple[str, int]:
    port, sep, baud = target.partition("@")
    if sep and (not baud.isdigit() or int(baud) not in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)):
        raise ValidationError("target", "{target!r} has an unusual baud rate (use 9600, 19200, 38400 or 115200)",
                              target=target)
    return port.strip(), int(baud) if sep else 9600


def send(cfg: PrinterConfig, data: bytes, timeout: float = SEND_TIMEOUT_S) -> None:
    """Write one job's bytes to the printer, or raise PrinterOffline / PrinterSetupError."""
    sender = {"network": _send_network, "usb": _send_usb, "serial": _send_serial, "file": _send_file,
              "cups": _send_cups, "win32": _send_win32}.get(cfg.type)
    if sender is None:
        raise PrinterSetupError(f"unknown printer type {cfg.type!r}")
    sender(cfg, data, timeout)


def _via_escpos(device, data: bytes, what: str) -> None:
    """Open a python-escpos connection, write, close; its errors mapped to ours."""
    from escpos.exceptions import (  # deferred: python-escpos (and pyusb/pyserial) only when a job is sent
        DeviceNotFoundError,
        Error,
    )

    try:
        device.open()
        if not device.device:
            raise PrinterOffline(f"{what} is not connected")
        device._raw(data)
    except DeviceNotFoundError as exc:
        cause = exc.__cause__ or exc.__context__
        why = (getattr(cause, "strerror", None) or str(cause)) if cause else " ".join(str(exc).split())
        raise PrinterOffline(f"{what} not reachable ({why})") from exc
    except (OSError, Error) as exc:
        raise PrinterOffline(f"{what}: {exc}") from exc
    finally:
        try:
            device.close()
        except Exception:  # noqa: BLE001 - closing a dead connection may fail; the send result stands
            pass


def _send_network(cfg: PrinterConfig, data: bytes, timeout: float) -> None:
    from escpos.printer import Network  # deferred: python-escpos only when a job is sent

    host, port = network_address(cfg.target)
    _via_escpos(Network(host, port, timeout=timeout), data, f"network printer {host}:{port}")


def _send_usb(cfg: PrinterConfig, data: bytes, timeout: float) -> None:
    from escpos.printer import Usb  # deferred: python-escpos only when a job is sent

    if not Usb.is_usable():
        raise PrinterSetupError("USB printers need the pyusb package (pip install pyusb) and libusb")
    vendor, product = usb_ids(cfg.target)
    try:
        _via_escpos(Usb(vendor, product, timeout=int(timeout * 1000), profile=cfg.profile), data,
                    f"USB printer {cfg.target}")
    except Exception as exc:  # pyusb without a libusb backend raises its own NoBackendError
        if type(exc).__name__ == "NoBackendError":
            raise PrinterSetupError("USB printers need libusb on this computer "
                                    "(Debian/Ubuntu: sudo apt install libusb-1.0-0)") from exc
        raise


def _send_serial(cfg: PrinterConfig, data: bytes, timeout: float) -> None:
    from escpos.printer import Serial  # deferred: python-escpos only when a job is sent

    if not Serial.is_usable():
        raise PrinterSetupError("serial printers need the pyserial package (pip install pyserial)")
    port, baud = serial_target(cfg.target)
    _via_escpos(Serial(port, baudrate=baud, timeout=timeout, profile=cfg.profile), data, f"serial printer {port}")


def _send_file(cfg: PrinterConfig, data: bytes, timeout: float) -> None:
    # Appending (not python-escpos File's truncating "wb"): a plain file collects every job,
    # a device node (/dev/usb/lp0) behaves the same either way.
    path = Path(cfg.target)
    if not path.parent.exists():
        raise PrinterOffline(f"{path.parent} does not exist (printer unplugged?)")
    try:
        with open(path, "ab", buffering=0) as fh:
            fh.write(data)
            try:
                os.fsync(fh.fileno())
            except OSError:
                pass  # character devices cannot be fsynced
    except OSError as exc:
        raise PrinterOffline(f"cannot write to {path}: {exc.strerror or exc}") from exc


def _send_cups(cfg: PrinterConfig, data: bytes, timeout: float) -> None:
    lp = shutil.which("lp")
    if lp is None:
        raise PrinterSetupError("the `lp` command (CUPS) is not installed")
    try:
        done = subprocess.run([lp, "-d", cfg.target, "-o", "raw", "-t", "possuite receipt", "-"], input=data,
                              capture_output=True, timeout=max(timeout, 5.0), check=False)
    except subprocess.TimeoutExpired as exc:
        raise PrinterOffline(f"CUPS queue {cfg.target} did not answer in time") from exc
    if done.returncode != 0:
        why = (done.stderr or done.stdout).decode("utf-8", "replace").strip() or f"lp exited {done.returncode}"
        raise PrinterOffline(f"CUPS queue {cfg.target}: {why}")


def _send_win32(cfg: PrinterConfig, data: bytes, timeout: float) -> None:
    from escpos.printer import Win32Raw  # deferred: python-escpos only when a job is sent

    if not Win32Raw.is_usable():
        raise PrinterSetupError("Windows raw printing works only on Windows (with pywin32)")
    _via_escpos(Win32Raw(cfg.target, profile=cfg.profile), data, f"Windows printer {cfg.target}")


def probe(cfg: PrinterConfig, timeout: float = 2.0) -> str | None:
    """A quick reachability check for network printers (None when reachable or not checkable)."""
    if cfg.type != "network":
        return None
    host, port = network_address(cfg.target)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except OSError as exc:
        return f"network printer {host}:{port} not reachable: {exc.strerror or exc}"
