"""Real disk faults for the tests: a small tmpfs of its own (a disk that fills up), filled by one file.

Mounting needs root (the tests run as root here and in CI); where it is not allowed the test is skipped
with the reason. docs/architecture.md §8 (disk and file faults).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def mount(*args: str) -> None:
    """``mount ARGS``, or skip the test saying why this machine refused."""
    try:
        subprocess.run(["mount", *args], check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        err = getattr(exc, "stderr", "") or exc
        pytest.skip(f"this machine does not let the tests mount a disk ({str(err).strip()})")


def remount(where: Path, mode: str) -> None:
    """``ro`` or ``rw``: the whole disk turns read-only (no file on it may be open for writing) or back."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True, capture_output=True, text=True)


def remount_bind(where: Path, mode: str) -> None:
    """A bind mount of ``where`` made ``ro`` or ``rw`` (files open on the mount below are not affected)."""
    subprocess.run(["mount", "-o", f"remount,bind,{mode}", str(where)], check=True, capture_output=True, text=True)


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


@contextlib.contextmanager
def small_disk(size_mb: int = 12) -> Iterator[Path]:
    """A ``size_mb`` MB tmpfs: filled up, it refuses writes with ENOSPC as a full disk does."""
    where = Path(tempfile.mkdtemp(prefix="possuite-disk-"))
    try:
        mount("-t", "tmpfs", "-o", f"size={size_mb}m,mode=0755", "possuite-test", str(where))
    except BaseException:  # the skip too: leave no empty folder behind
        where.rmdir()
        raise
    try:
        yield where
    finally:
        unmount(where)
        with contextlib.suppress(OSError):
            where.rmdir()


def fill(disk: Path) -> Path:
    """Take every free byte of ``disk`` with one file; deleting it gives the space back."""
    filler = disk / "filler.bin"
    chunk = b"\0" * (256 * 1024)
    with open(filler, "wb", buffering=0) as fh:
        for size in (len(chunk), 4096):  # then the last few pages
            with contextlib.suppress(OSError):
                while fh.write(chunk[:size]) == size:
                    pass
    assert shutil.disk_usage(disk).free < 64 * 1024
    return filler
