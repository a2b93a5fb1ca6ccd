"""Identifiers: exercise, item and assignment ids, and student ids used as file names.

An id of the course is lowercase words joined by hyphens (``focus-sort``, ``week-1``).
A student id is whatever the institution uses; :func:`safe_name` turns it into a file-name
stem that cannot leave its folder, and :func:`file_stems` gives a class's ids stems that
differ even on a disk that ignores case (macOS, Windows). Ids that a person cannot tell
apart are found through their :func:`skeleton` (NFKC, invisible characters dropped,
Cyrillic and Greek look-alikes read as Latin, case folded); :func:`id_warnings` says what
is odd about one id (an invisible character, full-width letters, mixed scripts).

>>> is_id("focus-sort"), is_id("Focus sort"), is_id("a--b")
(True, False, False)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["ID_PATTERN", "is_id", "safe_name", "file_stems", "skeleton", "script", "scripts",
           "id_warnings", "is_plain", "DEVICE_NAMES"]

#: File names Windows keeps for devices, whatever the case and extension: a feedback file
#: called ``nul.md`` or ``CON.md`` would be lost there.
DEVICE_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                          *(f"LPT{i}" for i in range(10))})

#: The pattern of every course id (also in the JSON Schemas, as ``pattern``).
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def is_id(value) -> bool:
    """Whether ``value`` is a course id: lowercase words joined by hyphens."""
    return isinstance(value, str) and _ID.match(value) is not None


def safe_name(student_id: str, limit: int = 60, *, tagged: bool = False) -> str:
    """A file-name stem for ``student_id`` that cannot leave its folder: letters, digits,
    ``-`` and ``_`` only; when anything had to change, a short hash of the real id is
    added so that two ids never share a name.

    >>> safe_name("s1024")
    's1024'
    >>> safe_name("../x")
    'x-d6b96a97'
    >>> safe_name("/etc/passwd").startswith("etc_passwd-")
    True

    ``tagged`` adds the hash even when nothing changed (to tell apart ids that differ
    only in case).
    """
    stem = _UNSAFE.sub("_", student_id).strip("_-")[:limit]
    if stem == student_id and stem and not tagged and stem.upper() not in DEVICE_NAMES:
        return stem
    digest = hashlib.sha256(student_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{stem}-{digest}" if stem else f"student-{digest}"


def file_stems(student_ids) -> dict[str, str]:
    """A file-name stem for each id, no two alike even when case is ignored, the same
    whatever order the ids come in (of ids alike but for case, the first in sort order
    keeps the plain stem).

    >>> sorted(file_stems(["s9004", "S9004", "s1"]).items())
    [('S9004', 'S9004'), ('s1', 's1'), ('s9004', 's9004-92293b6a')]
    """
    groups: dict[str, list] = {}
    for sid in student_ids:
        stem = (sid if len(sid) <= 60 and sid.isascii() and sid.isalnum()
                and sid.upper() not in DEVICE_NAMES else safe_name(sid))
        groups.setdefault(stem.casefold(), []).append((sid, stem))
    stems: dict[str, str] = {}
    for group in groups.values():
        if len(group) > 1:
            group.sort()
            for sid, _ in group[1:]:
                stems[sid] = safe_name(sid, tagged=True)
        stems[group[0][0]] = group[0][1]
    return stems


# Letters of other scripts that look like Latin ones, read as the Latin letter they mimic
# (Cyrillic, then Greek; capitals and small letters).
_LOOKALIKE = str.maketrans(
    "аеорсухѕіјһԁԛԝӏАВЕКМНОРСТХУЅІЈԚԜӀҮ"
    "αονικυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxsijhdqwlABEKMHOPCTXYSIJQWIY"
    "aovikuxABEZHIKMNOPTYX")


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp", "Zs") or ch.isspace()


def skeleton(value: str) -> str:
    """What an id looks like to a reader: two ids with one skeleton cannot be told apart
    on screen.

    >>> skeleton("S9004") == skeleton("s9004") == skeleton("ｓ9004") == skeleton("ѕ9004")
    True
    >>> skeleton("s90\u200b04")
    's9004'
    """
    if is_plain(value):
        return value.lower()
    text = unicodedata.normalize("NFKC", value)
    text = "".join(ch for ch in text if not _invisible(ch))
    return text.translate(_LOOKALIKE).casefold()


def is_plain(value: str) -> bool:
    """Printable ASCII without spaces: nothing invisible, nothing but Latin letters (then
    :func:`skeleton` is its lower case and :func:`id_warnings` has nothing to say for a
    class of Latin ids)."""
    return value.isascii() and value.isprintable() and " " not in value


def script(ch: str) -> str | None:
    """The script of a letter in words (``Latin``, ``Cyrillic``, ``Greek``...), None for
    a character that is not a letter.

    >>> script("s"), script("ѕ"), script("7")
    ('Latin', 'Cyrillic', None)
    """
    if not ch.isalpha():
        return None
    name = unicodedata.name(unicodedata.normalize("NFKC", ch)[:1] or ch, "")
    return name.split(" ", 1)[0].title() if name else None


def scripts(value: str) -> list[str]:
    """The scripts of the letters of ``value``, in order of first use.

    >>> scripts("ѕ9a"), scripts("s1"), scripts("123")
    (['Cyrillic', 'Latin'], ['Latin'], [])
    """
    if is_plain(value):
        return ["Latin"] if value.lower() != value.upper() else []
    found: list[str] = []
    for ch in value:
        s = script(ch)
        if s and s not in found:
            found.append(s)
    return found


def id_warnings(value: str, usual: str | None = "Latin") -> list[str]:
    """What makes ``value`` easy to mistake for another id, in words: invisible
    characters, full-width or other compatibility forms, letters of two scripts, or
    letters of a script other than ``usual`` (the script of the class's ids).

    >>> id_warnings("s9001")
    []
    >>> id_warnings("ѕ9001")
    ["it is written in Cyrillic letters, unlike the class's other ids (Latin)"]
    >>> id_warnings("s90\u200b01")
    ['it holds an invisible character (U+200B ZERO WIDTH SPACE) at position 4']
    """
    if is_plain(value):
        return [] if usual in (None, "Latin") or not scripts(value) else [
            f"it is written in Latin letters, unlike the class's other ids ({usual})"]
    said = []
    for i, ch in enumerate(value):
        if _invisible(ch):
            name = unicodedata.name(ch, "a control character")
            said.append(f"it holds an invisible character (U+{ord(ch):04X} {name}) at "
                        f"position {i + 1}")
            break
    if unicodedata.normalize("NFKC", value) != value:
        odd = next(ch for ch in value if unicodedata.normalize("NFKC", ch) != ch)
        said.append(f"it holds {odd!r} ({unicodedata.name(odd, 'a compatibility form')}), "
                    f"which reads as {unicodedata.normalize('NFKC', odd)!r}")
    found = scripts(value)
    if len(found) > 1:
        said.append(f"it mixes {' and '.join(found)} letters")
    elif found and usual and found[0] != usual:
        said.append(f"it is written in {found[0]} letters, unlike the class's other ids "
                    f"({usual})")
    return said
