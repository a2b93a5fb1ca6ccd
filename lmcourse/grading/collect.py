"""Collecting submissions: finding the files, reading them, checking what they say, and
choosing one file per student.

:func:`read_all` walks files, folders (recursively) and zip archives such as an LMS bulk
download. Each file is read, parsed and checked inside its own error boundary: whatever
goes wrong with one file, an error nobody foresaw included, becomes one :class:`Issue`
line for ``problems.csv`` naming the file and the reason, and the run goes on. Only
regular files are opened (never a pipe, device or socket, which could hang the run); a
symbolic link inside a folder is listed, not followed; a file over the size limit is
refused unread; a zip member is read in place (nothing is extracted, so a member named
``../../x.json`` writes nothing anywhere), ``\\`` counting as a folder separator.

JSON is read strictly (:mod:`lmcourse.core.jsonfile`: no ``NaN``, no duplicate keys, no
lone surrogates, no absurd numbers or nesting) through a fast path: the plain parser,
then cheap checks that prove the strict reader would say the same (a submission whose
fields, answers and key count are all as the notebook writes them); anything else is read
again by the strict reader, which names the line.

**Whose file it is.** An LMS download names the owner of each file: Canvas in the file
name (``name_LATE_12345_678_original.json``: Canvas user 12345, handed in late), Moodle in
the folder or file name (``Ada Lovelace_4321_assignsubmission_file_``), and a download
sorted into one folder per student id (``s3107_55555/``). A file whose claimed id differs
from the id its folder names is not graded, and never displaces another student's file;
files claiming one id from two LMS accounts are all listed, none graded. (With a roster,
Canvas user ids and Moodle names resolve to student ids, so they are checked the same
way.) Of one student's files the latest ``submitted`` is kept; two latest with the same
time and different answers are both listed as ambiguous, whatever order they came in.

**Lateness** is judged from what the student cannot edit where the download has it:
Canvas's ``LATE`` mark (and the ``_late_`` of a per-student folder), else a zip member's
own time when the zip's times are real (they differ between members; a zip made at
download time stamps them all alike), else the file's ``submitted`` claim. Nothing a file
holds is ever run. Pure: no widgets.
"""

from __future__ import annotations

import json
import os
import re
import stat
import struct
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from ..core import jsonfile
from ..core import submission as sub
from ..core.files import shown
from ..core.ids import DEVICE_NAMES, file_stems, id_warnings, is_plain, scripts, skeleton
from ..core.locate import line_of, value_lines
from . import halves
from .assignment import Assignment

__all__ = ["Issue", "Candidate", "Owner", "read_all", "owner_of", "lateness_basis", "CHUNK"]

#: Files are read in batches of this many before they are parsed and checked.
CHUNK = 256
#: How far a zip's local times may be from UTC (time zones span UTC-12 to UTC+14).
_ZONES = timedelta(hours=14)


@dataclass(frozen=True)
class Issue:
    """One line of ``problems.csv``: ``outcome`` is ``not graded`` (the file),
    ``superseded`` (an older duplicate), ``answer ignored``, ``note`` or ``not in
    gradebook`` (graded, but the roster does not know the id)."""

    file: str
    line: int
    student: str
    outcome: str
    problem: str
    expected: str = ""

    def __str__(self) -> str:
        tail = f" ({self.expected})" if self.expected else ""
        who = f" [{self.student}]" if self.student else ""
        return f"{self.file}:{self.line}:{who} {self.outcome}: {self.problem}{tail}"


@dataclass(frozen=True)
class Owner:
    """Whose file an LMS download says it is: ``lms`` names the system, ``key`` the
    account, ``where`` the folder or file name that says so; ``ids`` are the student ids
    the account is known by (empty when the download does not say, e.g. a Canvas user
    number without a roster); ``late`` is the LMS's own verdict when its names carry one."""

    lms: str
    key: str
    where: str
    ids: frozenset = frozenset()
    name: str = ""
    late: bool | None = None


@dataclass(slots=True)
class Candidate:
    """One student's submission, read and checked (answers of a wrong type left out)."""

    label: str
    order: int
    student_id: str
    name: str
    when: datetime
    answers: dict
    notes: list = field(default_factory=list)
    keys: dict = field(default_factory=dict)  # exercise id -> the answer's memo key
    owner: Owner | None = None
    zip_time: tuple | None = None  # (time, exact?) of a zip member whose times are real
    late: bool = False
    late_basis: str = "claim"  # what lateness was judged from: lms, zip or claim
    stem: str = ""  # the feedback file's name, without .md
    ignored_more: int = 0  # answers ignored beyond those its notes name one by one


# --- where a file comes from ---------------------------------------------------------

_CANVAS = re.compile(r"^(?P<name>.*?)(?P<late>_late)?_(?P<user>\d+)_(?P<file>\d+)_(?P<orig>.+)$",
                     re.IGNORECASE)
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<user>\d+)_assignsubmission_[a-z]+_", re.IGNORECASE)
_FOLDER = re.compile(r"^(?P<sid>[^_\s]+?)(?P<late>_late)?_(?P<n>\d+)$", re.IGNORECASE)


def owner_of(parts: tuple, roster=None) -> Owner | None:
    """The owner an LMS download's names give a file (``parts``: the folders below what
    was passed, and the file name), or None.

    >>> owner_of(("s3107_55555", "week-1.json")).ids
    frozenset({'s3107'})
    >>> o = owner_of(("lovelaceada_late_12345_678_week-1.json",))
    >>> o.lms, o.key, o.late
    ('Canvas', 'canvas:12345', True)
    """
    if len(parts) == 1 and "_" not in parts[0]:
        return None  # the common case: a plain file name, no LMS layout
    parts = tuple(p for p in parts if p not in ("", ".", ".."))
    if not parts:
        return None
    base = parts[-1]
    m = _CANVAS.match(base) if "_" in base else None
    if m:
        late = bool(m["late"]) or m["name"].lower() == "late"
        ids = roster.canvas_ids(m["user"]) if roster is not None else frozenset()
        return Owner("Canvas", f"canvas:{m['user']}", base, ids, m["name"], late)
    for part in reversed(parts):
        m = _MOODLE.match(part) if "_assignsubmission_" in part.lower() else None
        if m:
            ids = roster.name_ids(m["name"]) if roster is not None else frozenset()
            return Owner("Moodle", f"moodle:{m['user']}", part, ids, m["name"])
    for part in reversed(parts[:-1]):
        m = _FOLDER.match(part)
        if m:
            return Owner("the download's folder", f"folder:{m['sid']}", part,
                         frozenset((m["sid"],)), late=True if m["late"] else None)
    return None


# --- finding the files ---------------------------------------------------------------

_NAME = attrgetter("name")


class _Source(NamedTuple):
    label: str
    size: int
    read: object  # None: a plain file at ``label``; else read(limit) -> bytes
    parts: tuple
    zip_time: tuple | None = None
    regular: bool = False  # a plain file its folder listed as a regular file


def _source(fields: tuple) -> _Source:
    """A :class:`_Source` from all its fields, made in C (a class of thousands)."""
    return tuple.__new__(_Source, fields)



def _sources(paths: Iterable[str | Path], issues: list[Issue], opened: list):
    """Every candidate file, once, in a fixed order; problems with folders and archives
    become issues. A path given twice, or inside a folder also given, is read once."""
    given = [Path(p) for p in paths]
    reals = []
    for path in given:
        try:
            reals.append(os.path.realpath(path))
        except (OSError, ValueError):
            reals.append(str(path))
    folders = {r for p, r in zip(given, reals, strict=True) if p.is_dir()}
    taken: set[str] = set()
    for path, real in zip(given, reals, strict=True):
        if real in taken or any(real.startswith(f + os.sep) for f in folders if f != real):
            continue  # read already, or read through a folder given too
        taken.add(real)
        try:
            if path.is_dir():
                found = yield from _walk(path, issues, opened)
                if not found:
                    issues.append(Issue(shown(path), 1, "", "not graded",
                                        "the folder holds no .json or .zip files",
                                        "a folder of submission files"))
            elif path.name.lower().endswith(".zip") and os.path.lexists(path):
                yield from _zip(str(path), (), issues, opened)
            elif os.path.lexists(path):
                yield _file_source(str(path), (path.name,), False)
            else:
                issues.append(Issue(shown(path), 1, "", "not graded", "no such file or folder",
                                    "a submission file, a folder or a zip"))
        except (OSError, ValueError) as e:
            issues.append(Issue(shown(path), 1, "", "not graded",
                                f"cannot read it: {getattr(e, 'strerror', None) or e}",
                                "a readable path"))


def _file_source(path: str, parts: tuple, regular: bool) -> _Source:
    """A plain file's source; a path that no UTF-8 file can hold (a Linux file name of
    other bytes) is labelled as :func:`lmcourse.core.files.shown` shows it, and read
    under its real name."""
    label = shown(path)
    if label is path:  # the common case
        return _source((path, 0, None, parts, None, regular))

    def read(limit: int) -> bytes:
        return jsonfile.read_bytes(path, limit, regular=regular)
    return _source((label, 0, read, parts, None, regular))


def _kind(entry) -> str:
    """What a directory entry that is neither a file nor a folder is, in words."""
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return "not a regular file"
    return ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file")


def _walk(root: Path, issues: list, opened: list):
    """The .json and .zip files under ``root``, depth first in name order; hidden files
    and macOS's ``__MACOSX`` are skipped, symbolic links and anything but regular files
    listed and never opened. Returns how many were found."""
    found = 0
    stack = [(str(root), ())]
    while stack:
        folder, parts = stack.pop()
        try:
            with os.scandir(folder) as it:  # in name order: no decision depends on it,
                entries = sorted(it, key=_NAME)  # but grading walks the class in id order,
                # and files read in that order leave their answers in memory in that order
        except OSError as e:
            issues.append(Issue(shown(folder), 1, "", "not graded",
                                f"cannot read the folder: {e.strerror or e}", "a readable folder"))
            continue
        below = []
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name == "__MACOSX":
                continue
            lower = name.lower()
            wanted = lower.endswith((".json", ".zip"))
            try:
                if entry.is_file(follow_symlinks=False):  # the common case (no syscall)
                    if not wanted:
                        continue
                elif entry.is_dir(follow_symlinks=False):
                    below.append((entry.path, parts + (shown(name),)))
                    continue
                elif entry.is_symlink():
                    if wanted or entry.is_dir():
                        found += 1
                        issues.append(Issue(shown(entry.path), 1, "", "not graded",
                                            "a symbolic link, not followed (it could point "
                                            "anywhere on the disk)", "the file itself"))
                    continue
                else:
                    if wanted:
                        found += 1
                        issues.append(Issue(shown(entry.path), 1, "", "not graded", f"it is "
                                            f"{_kind(entry)}, not a regular file: never "
                                            "opened", "a regular file"))
                    continue
            except OSError as e:
                issues.append(Issue(shown(entry.path), 1, "", "not graded",
                                    f"cannot read it: {e.strerror or e}", "a readable file"))
                continue
            found += 1
            if lower.endswith(".json"):
                yield _file_source(entry.path, parts + (shown(name),), True)
            else:
                yield from _zip(entry.path, parts, issues, opened)
        stack.extend(reversed(below))
    return found


def _utc_time(extra: bytes) -> datetime | None:
    """The UTC time in a zip entry's extended-timestamp field (0x5455), if it has one."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, i)
        if tag == 0x5455 and size >= 5 and extra[i + 4] & 1:
            return datetime.fromtimestamp(struct.unpack_from("<i", extra, i + 5)[0], UTC)
        i += 4 + size
    return None


def _zip_times(members: list) -> dict:
    """Each member's own time, ``(time, exact)``, when the zip's times are real: they
    differ between members. A zip made at download time stamps them all alike, and its
    times say nothing about when each file was handed in (then: an empty dict)."""
    local = [datetime(*i.date_time) for i in members]
    if len(members) < 2 or max(local) - min(local) < timedelta(minutes=2):
        return {}
    out = {}
    for info, naive in zip(members, local, strict=True):
        try:
            exact = _utc_time(info.extra)
        except (struct.error, ValueError, OverflowError, OSError):
            exact = None
        out[info.filename] = (exact, True) if exact else (naive.replace(tzinfo=UTC), False)
    return out


def _open_regular(name: str):
    """A regular file opened for reading (a pipe named x.zip must not hang the run)."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise jsonfile.NotRegular("it is not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _zip(path: str, parts: tuple, issues: list[Issue], opened: list):
    """The .json members of the zip ``path``, read in place."""
    name = shown(path)
    try:
        archive = zipfile.ZipFile(_open_regular(path))
    except jsonfile.NotRegular as e:
        issues.append(Issue(name, 1, "", "not graded", f"cannot read the file: {e}",
                            "a regular file"))
        return
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as e:
        why = getattr(e, "strerror", None) or e
        issues.append(Issue(name, 1, "", "not graded", f"not a readable zip archive ({why})",
                            "a .zip file such as an LMS bulk download"))
        return
    opened.append(archive)  # closed by grade() once every member is read
    members, labels = [], Counter()
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        inner = tuple(p for p in info.filename.replace("\\", "/").split("/")
                      if p not in ("", ".", ".."))
        if info.is_dir() or not inner or "__MACOSX" in inner or inner[-1].startswith("."):
            continue
        lower = inner[-1].lower()
        if lower.endswith(".zip"):
            issues.append(Issue(f"{name}:{info.filename}", 1, "", "not graded",
                                "a zip inside the zip is not opened", "unzip it and pass "
                                "the files inside"))
        elif lower.endswith(".json"):
            members.append((info, inner))
    if not members:
        issues.append(Issue(name, 1, "", "not graded", "the zip holds no .json files",
                            "submission files inside the zip"))
        return
    times = _zip_times([info for info, _ in members])
    for info, inner in members:
        labels[info.filename] += 1
        label = f"{name}:{info.filename}"
        if labels[info.filename] > 1:  # the same name twice in one zip: keep both apart
            label += f" (entry {labels[info.filename]})"

        def read(limit: int, info=info) -> bytes:
            with archive.open(info) as f:
                return f.read(limit + 1)
        yield _source((label, info.file_size, read, parts + inner, times.get(info.filename),
                       False))


# --- reading one file ----------------------------------------------------------------

_loads = json.loads


def _keys_once(text: str, data: dict, canonical: str) -> bool:
    """True when ``text`` (valid JSON, no ``\\u`` escapes) surely has no key twice.

    Every key is followed by one ``:``, and a ``:`` elsewhere sits inside a string. So the
    text's colons are the keys written plus the colons in its strings, and the parsed data
    holds one fewer key (and loses the strings of the value dropped) for each key written
    twice. Count what the data holds: its keys and string colons (the answers through
    their canonical JSON, which the checksum needs anyway); equal counts mean no key
    came twice. Fields the notebook never writes are left to the strict reader."""
    student = data["student"]  # all seven fields are there (the envelope check passed):
    if len(data) != 7 or not (len(student) == 1 or len(student) == 2 and "name" in student):
        return False  # a field the notebook never writes
    name = student.get("name")
    return text.count(":") == (8 + len(student) + canonical.count(":")  # 7 keys, "sha256:",
                               + data["submitted"].count(":")  # and the assignment id's
                               + student["id"].count(":") + (name.count(":") if name else 0)
                               + data["assignment"].count(":"))


def _refused(label: str, e: jsonfile.JSONProblem) -> list[Issue]:
    return [Issue(label, e.line, "", "not graded", e.message, e.expected)]


def _strict_verdict(label: str, text: str) -> list[Issue] | None:
    """The strict reader's verdict on ``text``: the issue that refuses it, or None."""
    try:
        jsonfile.parse(text)
    except jsonfile.JSONProblem as e:
        return _refused(label, e)
    return None


def _parse(src: _Source, raw: bytes, assignment: Assignment, order: int, scorers: dict,
           fast: dict) -> tuple[Candidate | None, list[Issue]]:
    """One submission's bytes: a candidate to grade, or the issues that stop it."""
    label = src.label
    try:
        text = raw.decode("utf-8")
        if text[:1] == "\ufeff":
            text = text[1:]
    except UnicodeDecodeError:
        try:
            jsonfile.decode(raw)  # for its words
        except jsonfile.JSONProblem as e:
            return None, _refused(label, e)
        raise  # (the same decoder: cannot pass there and fail here)
    strict = "\\" in text and "\\u" in text  # escapes: surrogates, colons in disguise
    data = None
    if not strict:
        try:
            data = _loads(text)
        except (ValueError, RecursionError):
            strict = True
    if strict:
        try:
            data = jsonfile.parse(text)
        except jsonfile.JSONProblem as e:
            return None, _refused(label, e)

    env = sub.check_structure(data, assignment.id)
    if env.problems or not (strict or _keys_once(text, data, env.canonical)):
        refused = None if strict else _strict_verdict(label, text)
        strict = True  # a duplicate key or a NaN explains more than a field
        if refused:
            return None, refused
        if env.problems:
            lines = value_lines(text)
            return None, [Issue(label, line_of(lines, p), env.student_id, "not graded", m, x)
                          for p, m, x in env.problems]
    sid = env.student_id
    cand = Candidate(label, order, sid, env.name, env.submitted, {}, zip_time=src.zip_time)
    lines = None
    if not _ZONED.search(data["submitted"]):  # the notebook always writes the zone
        lines = value_lines(text)
        cand.notes.append(Issue(label, line_of(lines, ("submitted",)), sid, "note",
                                f"the time it was saved, {_short(data['submitted'])}, names "
                                "no time zone: read as UTC", "a time with its zone, as the "
                                "notebook writes it"))
    unknown: list[str] = []
    answers, keys = cand.answers, cand.keys
    for ex_id, value in data["answers"].items():
        sc = scorers.get(ex_id)
        key = sc.known_valid(value) if sc is not None else None
        if key is not None:
            answers[ex_id] = value
            keys[ex_id] = key
            continue
        quick = fast.get(ex_id)
        if quick is not None and quick(value):
            answers[ex_id] = value
            continue
        ex = assignment.exercises.get(ex_id)
        why = None if ex is None else sub.answer_problem(ex, value)
        if ex is None or why:
            refused = None if strict else _strict_verdict(label, text)
            strict = True  # what the notebook never writes: read it strictly
            if refused:
                return None, refused
            lines = lines or value_lines(text)
            where = line_of(lines, ("answers", ex_id))
            if ex is None:
                unknown.append(ex_id)
                if len(unknown) > _UNKNOWN_SHOWN:
                    continue  # one line says how many more (a file of 40,000 is one file)
                cand.notes.append(Issue(label, where, sid, "answer ignored",
                                        f"no question {_short(ex_id)} in assignment "
                                        f"{assignment.id!r}", "answers to the assignment's "
                                        "exercises only"))
            else:
                cand.notes.append(Issue(label, where, sid, "answer ignored",
                                        f"answer to {ex_id!r} is {why}", "the answer as the "
                                        "notebook saves it; scored as not answered"))
            continue
        if sc is not None and value is not None:
            sc.note_valid(value)
        answers[ex_id] = value
    if len(unknown) > _UNKNOWN_SHOWN:
        more = unknown[_UNKNOWN_SHOWN:]
        cand.ignored_more = len(more) - 1  # this line counts as one
        cand.notes.append(Issue(label, line_of(lines, ("answers", more[0])), sid,
                                "answer ignored", f"{len(more):,} more answers to questions "
                                f"not in assignment {assignment.id!r} ("
                                f"{', '.join(_short(x) for x in more[:3])}, ...)",
                                "answers to the assignment's exercises only"))
    return cand, []


#: A date-time that names its zone (UTC as Z, or an offset).
_ZONED = re.compile(r"(?:Z|[+-]\d\d:?\d\d)$")
#: Answers to unknown questions listed one by one in a file; the rest make one line.
_UNKNOWN_SHOWN = 5


def _short(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to about ``limit`` characters (a key may be a megabyte long)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."


def _fast_checks(assignment: Assignment) -> dict:
    """For each self-assessment, a quick yes to an answer that surely passes
    :func:`lmcourse.core.submission.answer_problem` (item ids of the exercise, each a
    point of its scale, no true/false): most answers in a class are of that kind, and
    the quick check costs a third of the full one. Anything else gets the full check."""
    out = {}
    for ex_id, ex in assignment.exercises.items():
        if ex["kind"] == "self":
            items = frozenset(item["id"] for item in ex["items"])
            top = len(ex["scale"]) - 1

            def quick(value, items=items, top=top) -> bool:
                return type(value) is dict and value.keys() <= items and all(
                    type(v) is int and 0 <= v <= top for v in value.values())
            out[ex_id] = quick
    return out


def _load(chunk: list[_Source], max_bytes: int):
    """Read a chunk of files: ``(source, bytes, or the size when over the limit, or the
    error)``."""
    out = []
    for src in chunk:
        if src.size > max_bytes:
            out.append((src, src.size))
            continue
        try:
            raw = (src.read(max_bytes) if src.read else
                   jsonfile.read_bytes(src.label, max_bytes, regular=src.regular))
        except jsonfile.TooLarge as e:
            raw = e.size
        except Exception as e:  # noqa: BLE001 - any failure is this file's problem alone
            raw = e
        out.append((src, raw))
    return out


def _take(assignment, issues, max_bytes, scorers, order, src, raw, roster, fast):
    """One file's bytes to a candidate; whatever goes wrong becomes an issue."""
    label = src.label
    if type(raw) is bytes and len(raw) <= max_bytes:
        pass  # the common case
    elif isinstance(raw, int) or (isinstance(raw, bytes) and len(raw) > max_bytes):
        size = f"{raw:,} bytes" if isinstance(raw, int) else "more bytes than that"
        issues.append(Issue(label, 1, "", "not graded", f"the file is {size}, over the limit "
                            f"of {max_bytes:,}", "a submission of a few kilobytes "
                            "(--max-bytes raises the limit)"))
        return None
    elif isinstance(raw, Exception):
        issues.append(Issue(label, 1, "", "not graded", f"cannot read the file: {_why(raw)}",
                            "a readable file"))
        return None
    try:
        cand, found = _parse(src, raw, assignment, order, scorers or {}, fast)
        if cand is not None:
            cand.owner = owner_of(src.parts, roster)
    except Exception as e:  # noqa: BLE001 - an error nobody foresaw stops this file only
        issues.append(Issue(label, 1, "", "not graded", "the grader could not read this "
                            f"file: an unexpected {type(e).__name__} ({str(e)[:200]})",
                            "a submission file as the notebook saves it (please report "
                            "this file to the lmcourse developers)"))
        return None
    issues.extend(found)
    return cand


def _why(e: Exception) -> str:
    if isinstance(e, jsonfile.NotRegular):
        return str(e)
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    if isinstance(e, RuntimeError) and "encrypted" in str(e):
        return "the zip member is encrypted (password protected)"
    if isinstance(e, NotImplementedError):
        return f"the zip uses a compression this grader cannot read ({e})"
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


# --- choosing one file per student ---------------------------------------------------

def _when(c: Candidate) -> str:
    return c.when.isoformat()


def _check_owners(cands: list[Candidate], issues: list[Issue]) -> list[Candidate]:
    """Files whose LMS folder names another student are not graded; a look-alike of the
    folder's own id is the folder's student, typed another way."""
    kept = []
    for c in cands:
        o = c.owner
        if o is None or not o.ids or c.student_id in o.ids:
            kept.append(c)
            continue
        same = sorted(i for i in o.ids if skeleton(i) == skeleton(c.student_id))
        if same:
            c.notes.append(Issue(c.label, 1, same[0], "note", f"the file says id "
                                 f"{c.student_id!r}; {o.lms} ({o.where}) says it is "
                                 f"{same[0]!r}'s: graded as {same[0]!r}",
                                 "the id exactly as the LMS knows the student"))
            c.student_id = same[0]
            kept.append(c)
            continue
        issues.append(Issue(c.label, 1, c.student_id, "not graded", f"{o.lms} ({o.where}) "
                            "says this file belongs to "
                            f"{' or '.join(map(repr, sorted(o.ids)))}, but it claims the id "
                            f"{c.student_id!r}; it counts for neither student",
                            "a file handed in by the student it names (check with both "
                            "students)"))
    return kept


def _latest(sid: str, files: list[Candidate], issues: list[Issue]) -> Candidate | None:
    """The file to grade of one student's files (the latest), or None when the latest
    cannot be told apart; the others become issues."""
    files.sort(key=lambda c: (c.when, c.label))
    newest = files[-1].when
    tied = [c for c in files if c.when == newest]
    older = [c for c in files if c.when != newest]
    keep = None
    if len(tied) == 1:
        keep = tied[0]
    elif all(c.zip_time and c.zip_time[1] for c in tied) and \
            len({c.zip_time[0] for c in tied}) == len(tied):
        keep = max(tied, key=lambda c: c.zip_time[0])  # the zip's own times tell
        older += [c for c in tied if c is not keep]
    elif all(c.answers == tied[0].answers for c in tied[1:]):
        keep = tied[0]  # the same answers: any one will do (the first by name)
        for c in tied[1:]:
            issues.append(Issue(c.label, 1, sid, "superseded", "the same answers, saved at "
                                f"the same time ({_when(c)}), as {keep.label}, which is "
                                "graded", "one submission per student"))
    else:
        names = ", ".join(c.label for c in tied)
        for c in tied:
            issues.append(Issue(c.label, 1, sid, "not graded", f"{len(tied)} files of "
                                f"{sid!r} say they were saved at the same time "
                                f"({_when(c)}) with different answers: {names}; none is "
                                "graded, as neither is the latest", "one latest submission "
                                "(ask the student which counts, and grade that file)"))
    for c in older:
        if keep is None:
            why = "an older submission; the latest ones are ambiguous (see their lines)"
        else:
            why = (f"an older submission (saved {_when(c)}); graded the latest instead: "
                   f"{keep.label} (saved {_when(keep)})")
        issues.append(Issue(c.label, 1, sid, "superseded", why,
                            "one submission per student; the latest wins"))
    return keep


def _choose(cands: list[Candidate], issues: list[Issue]) -> dict[str, Candidate]:
    """One file per student id, the same whatever order the files came in."""
    groups: dict[str, list[Candidate]] = {}
    best: dict[str, Candidate] = {}
    owned = [c for c in cands if c.owner is not None]
    if owned:  # (a plain folder of files has none)
        kept = set(map(id, _check_owners(owned, issues)))
        cands = [c for c in cands if c.owner is None or id(c) in kept]
    for c in cands:
        sid = c.student_id
        held = best.pop(sid, None)
        if held is not None:
            groups[sid] = [held, c]
        elif sid in groups:
            groups[sid].append(c)
        else:
            best[sid] = c  # the common case: one file
    for sid, files in groups.items():
        accounts = sorted({c.owner.key for c in files if c.owner})
        if len(accounts) > 1:
            wheres = "; ".join(sorted({f"{c.owner.where}" for c in files if c.owner}))
            for c in files:
                issues.append(Issue(c.label, 1, sid, "not graded", f"{len(accounts)} LMS "
                                    f"accounts handed in files that claim the id {sid!r} "
                                    f"({wheres}); none is graded", "one account per student "
                                    "(check whose file is whose; a roster, --roster, tells "
                                    "Canvas and Moodle accounts apart)"))
            continue
        keep = _latest(sid, files, issues)
        if keep is not None:
            best[sid] = keep
    return best


def _lateness(c: Candidate, assignment: Assignment) -> None:
    """Judge ``c`` late or not from the best evidence the download has."""
    claim = assignment.is_late(c.when)
    c.late, c.late_basis = claim, "claim"
    due = assignment.due
    if due is None:
        return
    o = c.owner
    if o is not None and o.late is not None:
        c.late, c.late_basis = o.late, "lms"
        if o.late != claim:
            c.notes.append(Issue(c.label, 1, c.student_id, "note",
                                 f"the file says it was saved {_when(c)}, "
                                 f"{'after' if claim else 'before'} the due date, but "
                                 f"{o.lms} ({o.where}) marks it "
                                 f"{'late' if o.late else 'on time'}: judged by {o.lms}",
                                 "lateness as the LMS saw it"))
        return
    if c.zip_time is None:
        return
    t, exact = c.zip_time
    if exact:
        late = t > due
    elif t - _ZONES > due or t + _ZONES <= due:  # late (or on time) in every time zone
        late = t - _ZONES > due
    else:
        return  # the zip's local time cannot settle it: the file's claim stands
    c.late, c.late_basis = late, "zip"
    if late != claim:
        c.notes.append(Issue(c.label, 1, c.student_id, "note",
                             f"the file says it was saved {_when(c)}, but the zip holds it "
                             f"as saved {t.strftime('%Y-%m-%d %H:%M')}"
                             f"{' UTC' if exact else ' (local time)'}: judged "
                             f"{'late' if late else 'on time'} by the zip",
                             "lateness from what the student cannot edit"))


def _class_checks(best: dict[str, Candidate]) -> None:
    """Ids a reader could mistake for one another, each flagged; feedback file names
    that differ even on disks that ignore case."""
    lower, plain = set(), True
    for sid, c in best.items():  # the common case: ASCII letters and digits, no two alike
        c.stem = sid  # but for case: nothing to say, and the id is the file name
        if plain:
            plain = (len(sid) <= 60 and sid.isascii() and sid.isalnum()
                     and (len(sid) > 4 or sid.upper() not in DEVICE_NAMES))
            lower.add(sid.lower())
    if plain and len(lower) == len(best):
        return
    stems = file_stems(best)
    looks: dict[str, list[str]] = {}
    odd = []
    for sid in best:
        if is_plain(sid):
            looks.setdefault(sid.lower(), []).append(sid)
        else:
            odd.append(sid)
            looks.setdefault(skeleton(sid), []).append(sid)
    usual = "Latin"
    if odd:  # the script most of the class's ids are written in
        used = Counter(s for sid in odd for s in scripts(sid))
        used["Latin"] += sum(1 for sid in best if is_plain(sid) and sid.lower() != sid.upper())
        usual = used.most_common(1)[0][0] if used else None
    flagged = set(odd) if usual in (None, "Latin") else set(best)
    flagged.update(sid for group in looks.values() if len(group) > 1 for sid in group)
    for sid, c in best.items():
        c.stem = stems[sid]
    for sid in flagged | {sid for sid, stem in stems.items() if stem != sid}:
        c = best[sid]
        for said in id_warnings(sid, usual):
            c.notes.append(Issue(c.label, 1, sid, "note", f"the student id {sid!r}: {said}",
                                 "an id typed as the LMS knows it (check it is the "
                                 "student's)"))
        others = [o for o in looks[sid.lower() if is_plain(sid) else skeleton(sid)] if o != sid]
        if others:
            c.notes.append(Issue(c.label, 1, sid, "note", f"the student id {sid!r} looks like "
                                 f"{', '.join(map(repr, sorted(others)))} (they differ only "
                                 "in case, look-alike letters or invisible characters): one "
                                 "student twice, or two students? Each is graded apart",
                                 "ids that a reader can tell apart"))
        if c.stem != sid:
            why = ("is a name Windows keeps for a device (a file of that name is lost "
                   "there)" if sid.upper() in DEVICE_NAMES else "holds characters that "
                   "cannot be part of a file name, or differs from another only in case")
            c.notes.append(Issue(c.label, 1, sid, "note", f"the student id {why}; feedback is "
                                 f"in feedback/{c.stem}.md", "letters, digits, - and _"))


def read_all(assignment: Assignment, paths: Iterable[str | Path], issues: list[Issue],
             opened: list, max_bytes: int, progress=None, scorers: dict | None = None,
             roster=None, split: bool = False) -> tuple[dict[str, Candidate], int]:
    """Read and check every file: ``(the file to grade per student id, how many files)``.

    Every problem, older duplicate and note is appended to ``issues`` (sorted by file and
    line, so the order of ``paths`` changes nothing); zip archives opened are appended to
    ``opened`` (the caller closes them); ``progress(done, total)`` is called now and then;
    ``scorers`` (exercise id -> :class:`lmcourse.grading.marking.Marker`) lets an answer
    already seen valid skip its type check; ``roster``
    (:class:`lmcourse.grading.roster.Roster`) resolves Canvas and Moodle accounts to ids;
    with ``split``, a large folder is read in two processes, half each
    (:mod:`lmcourse.grading.halves`). Each candidate kept has ``late`` judged and ``stem``
    (its feedback file) set."""
    found: list[Issue] = []
    fast = _fast_checks(assignment)
    sources = list(_sources(paths, found, opened))
    total_files = len(sources)
    step = max(1, total_files // 50)
    here = os.getpid()

    def read(numbered: list[tuple[int, _Source]]) -> tuple[list[Candidate], list[Issue]]:
        cands: list[Candidate] = []
        said: list[Issue] = []
        tell = progress if progress and os.getpid() == here else None  # not from a child
        for i in range(0, len(numbered), CHUNK):
            chunk = numbered[i:i + CHUNK]
            for (order, _), (src, raw) in zip(chunk, _load([s for _, s in chunk], max_bytes),
                                             strict=True):
                if tell and order % step == 0:
                    tell(order, total_files)
                cand = _take(assignment, said, max_bytes, scorers, order, src, raw, roster,
                             fast)
                if cand is not None:
                    cands.append(cand)
        return cands, said

    numbered = list(enumerate(sources))
    # a source with its own reader (a zip member, read through an archive this process
    # holds open) is never read from a child
    parts = (halves.run(read, numbered, pack=_pack, unpack=_unpack, share=_CHILD_SHARE)
             if split and all(src.read is None for src in sources) else [read(numbered)])
    cands = [c for part, _ in parts for c in part]
    for _, said in parts:
        found += said
    best = _choose(cands, found)
    due = assignment.due
    for c in best.values():
        if c.owner is None and c.zip_time is None:  # the file's own claim is all there is
            c.late = due is not None and c.when > due
        else:
            _lateness(c, assignment)
    _class_checks(best)
    for c in best.values():
        found.extend(c.notes)
    found.sort(key=lambda i: (i.file, i.line))
    issues.extend(found)
    if progress:
        progress(total_files, total_files)
    return best, total_files


#: The child's share of the files: packing, sending and unpacking its candidates costs
#: about a fifth of reading them (measured at 10,000 midterm submissions).
_CHILD_SHARE = 0.42


def _pack(part: tuple[list[Candidate], list[Issue]]) -> tuple:
    """A half read in a child process, as plain tuples (its memo keys left behind)."""
    cands, said = part
    return [(c.label, c.order, c.student_id, c.name, c.when, c.answers, c.notes, c.owner,
             c.zip_time, c.ignored_more) for c in cands], said


def _unpack(packed: tuple) -> tuple[list[Candidate], list[Issue]]:
    rows, said = packed
    return [Candidate(label, order, sid, name, when, answers, notes, owner=owner,
                      zip_time=zip_time, ignored_more=more)
            for label, order, sid, name, when, answers, notes, owner, zip_time, more in rows
            ], said


def lateness_basis(best: dict[str, Candidate]) -> Counter:
    """How many kept files had their lateness judged from the LMS, the zip, the claim."""
    return Counter(c.late_basis for c in best.values())

