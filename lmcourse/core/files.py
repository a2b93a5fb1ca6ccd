"""Writing files so that nothing is ever half-written.

:func:`atomic_write` is the one way the package replaces a file a person cares about
(saved progress, a submission, a released notebook): the bytes go to a temporary file in
the same folder, are flushed to disk, and take the file's name by one rename, so a reader
sees the old file or the new one, never a part. A failed write leaves no temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "shown"]


def shown(path: str | Path) -> str:
    """``path`` as text that any file can hold. A Linux file name may be any bytes, and
    Python keeps the ones that are not UTF-8 as lone surrogates, which no UTF-8 file can
    hold (writing one raises): those bytes are shown as ``\\xNN``.

    >>> shown("week-1.json"), shown(os.fsdecode(b"bad\\xffname.json"))
    ('week-1.json', 'bad\\\\xffname.json')
    """
    text = os.fspath(path)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def atomic_write(path: str | Path, data: bytes | str, *, mode: int = 0o644,
                 sync: bool = True) -> Path:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one step; the folder
    must exist. ``mode`` is the new file's permissions (``mkstemp`` would leave it
    private); ``sync`` flushes it to disk before the rename. Returns ``path``."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            if sync:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
