"""Work done in two halves at once: the second half in a forked process.

:func:`run` calls ``work`` on the first half of a list here and on the second half in a
child process made with ``os.fork``; :func:`both` does two different tasks the same way.
The child starts with this process's memory as it is, so nothing is copied to it; it sends
its result back pickled through a pipe. Results come back in order, so a caller that
merges them by concatenation gets what one pass over the whole list would give.

The work is done here in one pass whenever a split cannot help or cannot be trusted: no
``fork`` (Windows) or not Linux (on macOS a forked child may crash in system libraries),
fewer than two cores for this process, other threads running (a Jupyter kernel: a fork
copies their locks in whatever state they are), fewer than :data:`MIN_ITEMS` items. When
the child fails in any way, its half is done here as well, with ``again`` when given: a
split changes when a result is ready, never what it is.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["run", "both", "available", "MIN_ITEMS"]

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this are done in one pass: a fork and the result's trip back cost
#: ~20 ms, which a small job does not win back.
MIN_ITEMS = 1_000


def available() -> bool:
    """Whether this process may split work with a forked child (see the module)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2 and threading.active_count() == 1


def run(work: Callable[[Sequence[T]], R], items: Sequence[T], *,
        again: Callable[[Sequence[T]], R] | None = None,
        pack: Callable[[R], object] | None = None,
        unpack: Callable[[object], R] | None = None, share: float = 0.5) -> list[R]:
    """``[work(first half), work(second half)]``, the halves worked on at once; or
    ``[work(items)]`` when the work is done in one pass (see the module). ``again`` does
    the second half here when the child failed (default: ``work``), e.g. to overwrite
    files the child left half written. ``pack`` turns the child's result into something
    quicker to send (plain tuples, lists and text pickle several times faster than
    objects), ``unpack`` turns it back here. ``share`` is the part of ``items`` the child
    takes: less than half when sending its result back costs it (and this process) time
    that the other half does not pay."""
    if len(items) < MIN_ITEMS or not available():
        return [work(items)]
    mid = len(items) - round(len(items) * share)
    first, second = items[:mid], items[mid:]
    together = _together(lambda: work(first), lambda: work(second), pack, unpack)
    if together is None:  # no child to be had
        return [work(items)]
    mine, done, theirs = together
    if not done:
        theirs = (again or work)(second)
    return [mine, theirs]


def both(here: Callable[[], R], there: Callable[[], object], *, size: int) -> R:
    """``here()``, while a child does ``there()`` at once, for what it writes (its result
    is dropped); when a split cannot help (see the module; ``size`` is the number of items
    the two tasks are about) or the child fails, this process does ``there()`` after."""
    if size < MIN_ITEMS or not available():
        mine = here()
        there()
        return mine

    def quietly() -> None:  # nothing to send back
        there()

    together = _together(here, quietly, None, None)
    if together is None:
        mine, done = here(), False
    else:
        mine, done, _ = together
    if not done:
        there()
    return mine


def _together(here: Callable[[], R], there: Callable[[], object], pack, unpack
              ) -> tuple[R, bool, object] | None:
    """``(here(), whether the child did there(), its result)`` with ``there()`` in a
    forked child; None when no child could be made."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: work, send, and leave without running the parent's cleanup
        code = 1
        try:
            os.close(read)
            result = there()
            data = pickle.dumps(pack(result) if pack else result,
                                protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        mine = here()
    except BaseException:
        _stop(pid, read)
        raise
    done, theirs = _receive(pid, read, unpack)
    return mine, done, theirs


def _receive(pid: int, read: int, unpack) -> tuple[bool, object]:
    """``(True, the child's result)``, or ``(False, None)`` when it failed."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        return False, None
    try:
        result = pickle.loads(data)
        return True, unpack(result) if unpack else result
    except Exception:  # noqa: BLE001 - a cut-off result is a failed child
        return False, None


def _stop(pid: int, read: int) -> None:
    os.close(read)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
