"""A writable folder for matplotlib's config and cache, chosen before matplotlib loads.

When a learner's home folder is read-only (some shared lab machines, a container run as
another user), matplotlib makes a new temporary folder on every start and logs a warning
about it, which Jupyter prints into the output of whichever cell first draws a chart,
and then rebuilds its font cache there, which is slow. :func:`prepare` avoids both: called
before the package's first matplotlib import, it checks the folders matplotlib would use
and, only when one of them cannot be written, points ``MPLCONFIGDIR`` at a private folder
of this user's in the system's temporary folder, kept from run to run. It changes no
matplotlib setting, and does nothing when matplotlib is already loaded or when
``MPLCONFIGDIR`` is set.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

__all__ = ["prepare", "default_folders"]


def default_folders() -> list[Path]:
    """The config and cache folders matplotlib uses when ``MPLCONFIGDIR`` is not set."""
    if sys.platform.startswith(("linux", "freebsd")):
        config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return [Path(config) / "matplotlib", Path(cache) / "matplotlib"]
    return [Path.home() / ".matplotlib"]


def _writable(folder: Path) -> bool:
    """Whether matplotlib could use ``folder``: made if missing, a folder, writable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return folder.is_dir() and os.access(folder, os.W_OK)


def _private_temp() -> Path:
    """``<tmp>/lmcourse-matplotlib-<user>``, made private to this user; a fresh temporary
    folder instead when that name is taken by someone else."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"lmcourse-matplotlib-{uid}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if stat.S_ISDIR(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == uid):
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="lmcourse-matplotlib-"))


def prepare() -> None:
    """Point ``MPLCONFIGDIR`` at a writable folder when matplotlib's own is not writable.
    Cheap after the first call; a no-op once matplotlib is imported."""
    if "matplotlib" in sys.modules or os.environ.get("MPLCONFIGDIR"):
        return
    if all(_writable(folder) for folder in default_folders()):
        return
    os.environ["MPLCONFIGDIR"] = str(_private_temp())
