"""Collecting submissions: finding the files, reading them, checking what they say.

:func:`read_all` walks files, folders (recursively) and zip archives such as an LMS bulk
download, reads each file (one over the size limit is refused unread) and turns it into a
:class:`Candidate`, a student's answers of the right types, or into :class:`Issue` lines
for ``problems.csv``. Of several files from one student the latest is kept. (Reading in
worker threads was tried and measured slower: opening a small file is cheap, and the
threads only add contention for the GIL.) Nothing a file holds is ever run. Pure: no
widgets.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..core import submission as sub
from ..core.ids import safe_name
from ..core.locate import line_of, value_lines
from .assignment import Assignment

__all__ = ["Issue", "Candidate", "read_all", "CHUNK"]

#: Files are read, and feedback written (by worker threads), in batches of this many.
CHUNK = 256


@dataclass(frozen=True)
class Issue:
    """One line of ``problems.csv``: ``outcome`` is ``not graded`` (the file),
    ``superseded`` (an older duplicate), ``answer ignored`` or ``note``."""

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


@dataclass
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


def _sources(paths: Iterable[str | Path], issues: list[Issue], opened: list):
    """Yield ``(label, size, read)`` for every candidate file: ``read(limit)`` gives a zip
    member's bytes; a plain file has ``read`` None (and size 0: it shows when read)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = 0
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__MACOSX")))
                for name in sorted(files):
                    if name.startswith(".") or not name.endswith((".json", ".zip")):
                        continue
                    found += 1
                    if name.endswith(".json"):  # the common case, without a generator
                        yield os.path.join(root, name), 0, None
                    else:
                        yield from _zip(os.path.join(root, name), issues, opened)
            if not found:
                issues.append(Issue(str(path), 1, "", "not graded",
                                    "the folder holds no .json or .zip files",
                                    "a folder of submission files"))
        elif path.is_file():
            yield from _file(str(path), issues, opened)
        else:
            issues.append(Issue(str(path), 1, "", "not graded", "no such file or folder",
                                "a submission file, a folder or a zip"))


class _TooBig(Exception):
    def __init__(self, size: int):
        self.size = size


def _read_path(name: str, limit: int) -> bytes:
    """A file's bytes; :class:`_TooBig` (unread) when it is over ``limit``."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise _TooBig(size)
        data = os.read(fd, size + 1 if size else limit + 1)
        if len(data) <= size:  # the whole file: a regular file reads in one go
            return data
        parts, got = [data], len(data)  # it grew, or it is not a regular file
        while got <= limit:
            chunk = os.read(fd, limit + 1 - got)
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _file(name: str, issues: list[Issue], opened: list):
    if name.endswith(".zip"):
        yield from _zip(name, issues, opened)
    else:
        yield name, 0, None  # read by _read_path; its size shows then


def _zip(name: str, issues: list[Issue], opened: list):
    try:
        archive = zipfile.ZipFile(name)
    except (OSError, zipfile.BadZipFile) as e:
        issues.append(Issue(name, 1, "", "not graded", f"not a readable zip archive ({e})",
                            "a .zip file such as an LMS bulk download"))
        return
    opened.append(archive)  # closed by grade() once every member is read
    members = [i for i in archive.infolist() if not i.is_dir()
               and i.filename.endswith(".json") and "__MACOSX" not in i.filename
               and not Path(i.filename).name.startswith(".")]
    if not members:
        issues.append(Issue(name, 1, "", "not graded", "the zip holds no .json files",
                            "submission files inside the zip"))
    for info in sorted(members, key=lambda i: i.filename):
        def read(limit: int, info=info) -> bytes:
            with archive.open(info) as f:
                return f.read(limit + 1)
        yield f"{name}:{info.filename}", info.file_size, read


def _parse(label: str, raw: bytes, assignment: Assignment, order: int, scorers: dict
           ) -> tuple[Candidate | None, list[Issue]]:
    """One submission's bytes: a candidate to grade, and any issues."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Issue(label, line, "", "not graded",
                            f"the file is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset "
                            f"{e.start})", "UTF-8 encoded JSON, as the notebook saves it")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        if not text.strip():
            msg = "the file is empty"
        elif e.pos >= len(text.rstrip()) or not text.rstrip().endswith("}"):
            msg = (f"the file ends early, after {len(raw):,} bytes: it looks truncated "
                   f"({e.msg})")
        else:
            msg = f"not valid JSON: {e.msg} at column {e.colno}"
        return None, [Issue(label, e.lineno, "", "not graded", msg,
                            "a complete JSON submission file")]
    bad, sid, name, when = sub.check_structure(data, assignment.id)
    if bad:
        lines = value_lines(text)
        return None, [Issue(label, line_of(lines, p), sid, "not graded", m, x)
                      for p, m, x in bad]
    answers = data["answers"]
    cand = Candidate(label, order, sid, name, when, {})
    lines = None
    for ex_id, value in answers.items():
        ex = assignment.exercises.get(ex_id)
        if ex is None:
            lines = lines or value_lines(text)
            cand.notes.append(Issue(label, line_of(lines, ("answers", ex_id)), sid,
                                    "answer ignored", f"no question {ex_id!r} in assignment "
                                    f"{assignment.id!r}", "answers to the assignment's "
                                    "exercises only"))
            continue
        sc = scorers.get(ex_id)
        key = sc.known_valid(value) if sc is not None else None
        if key is not None:
            cand.answers[ex_id] = value
            cand.keys[ex_id] = key
            continue
        why = sub.answer_problem(ex, value)
        if why:
            lines = lines or value_lines(text)
            cand.notes.append(Issue(label, line_of(lines, ("answers", ex_id)), sid,
                                    "answer ignored", f"answer to {ex_id!r} is {why}",
                                    "the answer as the notebook saves it; scored as not "
                                    "answered"))
            continue
        if sc is not None and value is not None:
            sc.note_valid(value)
        cand.answers[ex_id] = value
    if sid != safe_name(sid):
        cand.notes.append(Issue(label, line_of(value_lines(text), ("student", "id")), sid,
                                "note", "the student id holds characters that cannot be "
                                f"part of a file name; feedback is in feedback/"
                                f"{safe_name(sid)}.md", "letters, digits, - and _"))
    return cand, cand.notes


def read_all(assignment: Assignment, paths: Iterable[str | Path], issues: list[Issue],
             opened: list, max_bytes: int, progress=None, scorers: dict | None = None
             ) -> tuple[dict[str, Candidate], list[Candidate], int]:
    """Read and check every file: ``(latest candidate per student id, the older ones,
    how many files)``. Problems are appended to ``issues``; zip archives opened are
    appended to ``opened`` (the caller closes them); ``progress(done, total)`` is called
    now and then; ``scorers`` (exercise id -> :class:`lmcourse.grading.marking.Marker`) lets an
    answer already seen valid skip its type check."""
    sources = list(_sources(paths, issues, opened))
    total_files = len(sources)
    best: dict[str, Candidate] = {}
    superseded: list[Candidate] = []
    step = max(1, total_files // 50)
    chunks = (sources[i:i + CHUNK] for i in range(0, total_files, CHUNK))
    loaded = (item for chunk in chunks for item in _load(chunk, max_bytes))
    for order, (label, size, raw) in enumerate(loaded):
        if progress and order % step == 0:
            progress(order, total_files)
        cand = _take(assignment, issues, max_bytes, scorers, order, label, size, raw)
        if cand is None:
            continue
        held = best.get(cand.student_id)
        if held is None:
            best[cand.student_id] = cand
        elif (cand.when, cand.order) > (held.when, held.order):
            best[cand.student_id] = cand
            superseded.append(held)
        else:
            superseded.append(cand)
    if progress:
        progress(total_files, total_files)
    return best, superseded, total_files


def _load(chunk, max_bytes):
    """Read a chunk of files: ``(label, size, bytes or error)``."""
    out = []
    for label, size, read in chunk:
        if size > max_bytes:
            out.append((label, size, None))
            continue
        try:
            out.append((label, size, read(max_bytes) if read else _read_path(label, max_bytes)))
        except _TooBig as e:
            out.append((label, e.size, None))
        except (OSError, zipfile.BadZipFile, RuntimeError) as e:
            out.append((label, size, e))
    return out


def _take(assignment, issues, max_bytes, scorers, order, label, size, raw):
    """One file's bytes to a candidate (or issues)."""
    if raw is None:
        issues.append(Issue(label, 1, "", "not graded",
                            f"the file is {size:,} bytes, over the limit of {max_bytes:,}",
                            "a submission of a few kilobytes (--max-bytes raises the limit)"))
        return None
    if isinstance(raw, Exception):
        why = getattr(raw, "strerror", None) or str(raw)
        issues.append(Issue(label, 1, "", "not graded", f"cannot read the file: {why}"))
        return None
    if len(raw) > max_bytes:  # it grew while read, or a zip member's stated size was wrong
        issues.append(Issue(label, 1, "", "not graded",
                            f"the file is over the limit of {max_bytes:,} bytes",
                            "a submission of a few kilobytes (--max-bytes raises the limit)"))
        return None
    cand, found = _parse(label, raw, assignment, order, scorers or {})
    issues.extend(found)
    return cand


