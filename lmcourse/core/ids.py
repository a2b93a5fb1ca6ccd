"""Identifiers: exercise, item and assignment ids, and student ids used as file names.

An id of the course is lowercase words joined by hyphens (``focus-sort``, ``week-1``).
A student id is whatever the institution uses; :func:`safe_name` turns it into a file-name
stem that cannot leave its folder.

>>> is_id("focus-sort"), is_id("Focus sort"), is_id("a--b")
(True, False, False)
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["ID_PATTERN", "is_id", "safe_name"]

#: The pattern of every course id (also in the JSON Schemas, as ``pattern``).
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def is_id(value) -> bool:
    """Whether ``value`` is a course id: lowercase words joined by hyphens."""
    return isinstance(value, str) and _ID.match(value) is not None


def safe_name(student_id: str, limit: int = 60) -> str:
    """A file-name stem for ``student_id`` that cannot leave its folder: letters, digits,
    ``-`` and ``_`` only; when anything had to change, a short hash of the real id is
    added so that two ids never share a name.

    >>> safe_name("s1024")
    's1024'
    >>> safe_name("../x")
    'x-d6b96a97'
    >>> safe_name("/etc/passwd").startswith("etc_passwd-")
    True
    """
    stem = _UNSAFE.sub("_", student_id).strip("_-")[:limit]
    if stem == student_id and stem:
        return stem
    digest = hashlib.sha256(student_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{stem}-{digest}" if stem else f"student-{digest}"
