"""A lock that every process of one user takes around a file's read-modify-write.

:func:`locked` holds an exclusive lock on a small sidecar file (``progress.json.lock``
beside ``progress.json``) for the length of a ``with`` block. Two kernels saving answers
into one file each take it in turn, so neither writes over what the other just saved.

Why the operating system's own lock (``fcntl.flock``) rather than a lock *file* that is
created and deleted: the kernel drops a ``flock`` the moment its process ends, so a kernel
killed in the middle of a save never leaves a stale lock behind, and no new dependency is
needed (the ``filelock`` package does the same with more code). The sidecar is never
deleted: deleting a lock file while another process waits on it is how such locks break.
On Windows, where there is no ``fcntl``, ``msvcrt.locking`` locks the sidecar's first byte
the same way; where neither exists, the block runs without a lock.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

try:  # Linux, macOS and every other Unix
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
try:  # pragma: no cover - Windows only
    import msvcrt
except ImportError:
    msvcrt = None

__all__ = ["locked", "LockTimeout"]


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the timeout."""


def _try(fd: int) -> bool:
    """Take the lock on ``fd`` if it is free: True when taken."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if msvcrt is not None:  # pragma: no cover - Windows only
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    return True  # pragma: no cover - no lock to take on this system


def _release(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:  # pragma: no cover - Windows only
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextmanager
def locked(path: str | Path, timeout: float = 20.0):
    """Hold the exclusive lock of ``path`` (the sidecar file, created when missing) for
    the ``with`` block. Waits while another process holds it, polling with a short,
    growing pause; raises :class:`LockTimeout` after ``timeout`` seconds, and ``OSError``
    when the sidecar cannot be opened (a read-only folder, for instance). Yields the
    sidecar's file descriptor: a holder may keep a few bytes of its own there."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        pause, deadline = 0.0005, time.monotonic() + timeout
        while not _try(fd):
            if time.monotonic() > deadline:
                raise LockTimeout(f"another process has held {path} for over {timeout:.0f} s")
            time.sleep(pause)
            pause = min(pause * 2, 0.02)
        try:
            yield fd
        finally:
            _release(fd)
    finally:
        os.close(fd)
