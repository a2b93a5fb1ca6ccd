"""Checking files: exercise, assignment and submission files, found by what they hold.

:func:`check` is what ``lmcourse validate`` runs: every JSON file under the paths
given is read once, strictly (:mod:`lmcourse.core.jsonfile`: duplicate keys, ``NaN``,
trailing commas and the like are named with their line), and checked as what it says it
is (``"format"``); every problem is reported as ``file:line: what is wrong (what was
expected)``. Each file is checked inside its own error boundary, so a file nobody foresaw
is one problem line and the rest are still checked; only regular files are opened, and a
symbolic link inside a folder is listed, not followed. Exercise files without problems are
also read for item-writing cues (:mod:`lmcourse.grading.items`), reported as warnings,
which do not make a file invalid, and their self-assessments are checked together, so that
no behaviour is keyed to both sides or asked twice (:mod:`lmcourse.core.keying`). Pure: no
widgets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..core import content, jsonfile, keying, schemas, submission
from ..core.locate import line_of, value_lines
from ..core.problems import Problem
from . import assignment, items
from .assignment import course_for

__all__ = ["Checked", "check", "check_paths", "course_for", "MAX_BYTES"]

#: Larger files are refused unread: the course's biggest exercise file is ~60 kB.
MAX_BYTES = 10_000_000


@dataclass
class Checked:
    """What :func:`check` found: ``problems`` (errors), ``warnings`` (item-writing cues),
    what was checked in words, the exercise files without problems, by name, and
    ``public``: warnings for graded questions whose answer key students already have."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    checked: str = "nothing"
    files: dict[str, dict] = field(default_factory=dict)
    public: list[Problem] = field(default_factory=list)
    lines: dict[str, dict] = field(default_factory=dict, repr=False)  # of each file in files


def _walk(paths, problems: list[Problem]):
    """``path`` of every JSON file to check, in name order; a folder without any is a
    problem, and so is anything under a folder that is not a regular file or folder."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        found = 0
        stack = [path]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as e:
                problems.append(Problem(str(folder), 1, "cannot read the folder: "
                                        f"{e.strerror or e}", "a readable folder"))
                continue
            below = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                wanted = entry.name.lower().endswith(".json")
                if entry.is_symlink():
                    if wanted:
                        found += 1
                        problems.append(Problem(entry.path, 1, "a symbolic link, not "
                                                "followed", "the file itself"))
                elif entry.is_dir(follow_symlinks=False):
                    below.append(Path(entry.path))
                elif wanted:
                    found += 1
                    yield Path(entry.path)
            stack.extend(reversed(below))
        if not found:
            problems.append(Problem(str(path), 1, "the folder holds no .json files",
                                    "exercise, assignment or submission files"))


def check_paths(paths, *, exercises=None) -> tuple[list[Problem], str]:
    """Check every exercise, assignment and submission file in ``paths`` (folders
    recursively): ``(problems, what was checked, in words)``; warnings left out."""
    found = check(paths, exercises=exercises)
    return found.problems, found.checked


def check(paths, *, exercises=None) -> Checked:
    """Check every exercise, assignment and submission file in ``paths`` (folders
    recursively), and read the exercise files for item-writing cues."""
    found = Checked()
    problems: list[Problem] = []
    counts = {"exercise file": 0, "exercise": 0, "assignment": 0, "submission": 0,
              "released copy": 0}
    ids: dict[str, tuple[str, int]] = {}  # exercise id -> (file, line) where first seen
    for path in _walk(paths, problems):
        try:
            problems += _check(path, exercises, counts, ids, found)
        except Exception as e:  # noqa: BLE001 - a file nobody foresaw stops itself only
            problems.append(Problem(str(path), 1, "could not check this file: an "
                                    f"unexpected {type(e).__name__} ({str(e)[:200]})",
                                    "an exercise, assignment or submission file"))
    # self-assessments across every exercise file: no behaviour keyed to both sides or
    # asked in two differences (core.keying)
    problems += keying.problems((n, found.lines[n], d) for n, d in found.files.items())
    checked = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)
    found.problems, found.checked = _once(problems), checked or "nothing"
    return found


def _check(path: Path, exercises, counts: dict, ids: dict, seen: Checked) -> list[Problem]:
    """The problems of one file, counted under what it says it is."""
    name = str(path)
    if not os.path.lexists(path):
        return [Problem(name, 1, "no such file or folder", "a path that exists")]
    data, text, found = jsonfile.read(path, limit=MAX_BYTES)
    if found:
        return found  # one problem: the file cannot be read, or is not JSON we accept
    fmt = data.get("format") if isinstance(data, dict) else None
    lines = value_lines(text)
    if fmt == assignment.FORMAT:
        counts["assignment"] += 1
        course = exercises or course_for(path)
        found_assignment, found = assignment.check_data(data, name, lines, exercises=course,
                                                        base=path.parent)
        if found_assignment is not None:
            seen.public += _public_keys(found_assignment, data, name, lines, course)
        return found
    if fmt == submission.FORMAT:
        counts["submission"] += 1
        env = submission.check_structure(data)
        shapes = [(p, m, x) for p, m, x in schemas.errors("submission", data)
                  if len(p) > 1 and p[0] == "answers"]  # each answer's shape: the schema's
        return [Problem(name, line_of(lines, p), m, x) for p, m, x in env.problems + shapes]
    if fmt == "lmcourse-release":
        counts["released copy"] += 1
        return []
    if isinstance(data, dict) and "format" in data and "exercises" not in data:
        return [Problem(name, line_of(lines, ("format",)), f"unknown 'format' {fmt!r}",
                        "an exercise, assignment or submission file")]
    counts["exercise file"] += 1
    found = content.check_data(data, name, lines)
    if found or not isinstance(data, dict):
        return found
    seen.files[name], seen.lines[name] = data, lines
    seen.warnings += items.cues(data, name, lines)
    for i, ex in enumerate(data["exercises"]):
        counts["exercise"] += 1
        where = line_of(lines, ("exercises", i, "id"))
        if ex["id"] in ids:
            first, line = ids[ex["id"]]
            found.append(Problem(name, where, f"exercise id {ex['id']!r} is also used in "
                                 f"{first} (line {line})", "ids unique in the course"))
        else:
            ids[ex["id"]] = (name, where)
    return found


def _public_keys(found: assignment.Assignment, data: dict, name: str, lines: dict,
                 course) -> list[Problem]:
    """Warnings for graded questions whose key is public: a course exercise's key is in
    the course's own exercise file, which every student has, so grading it hides
    nothing."""
    folder = Path(course) if course else content.exercises_dir()
    said = []
    for i, entry in enumerate(data.get("questions", [])):
        ex_id = entry.get("exercise") if isinstance(entry, dict) else None
        ex = found.exercises.get(ex_id)
        if (ex is None or "_file" in ex or found.modes.get(ex_id) != "graded"
                or ex_id not in found.hidden):
            continue
        key_file = _shown(folder / f"{ex['_notebook']}.json")
        line = line_of(lines, ("questions", i, "exercise"))
        said.append(Problem(name, line, f"question entry {i + 1} ({ex_id!r}) is graded, but "
                            "its answer key is public: it is in the course's exercise file "
                            f"{key_file}, which every student has", "practice for a course "
                            "exercise, or an exercise of your own (exercise_files) for a "
                            "graded question", warning=True))
    return said


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is under it (as a person typed
    it), else in full."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: an assignment check reads the course's exercise files again and
    may name a problem already found in them, under another spelling of the same path."""
    seen, out = set(), []
    for p in problems:
        try:
            where = Path(p.file).resolve()
        except (OSError, RuntimeError, ValueError):
            where = p.file
        key = (where, p.line, p.message, p.expected)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
