"""Checking files: exercise, assignment and submission files, found by what they hold.

:func:`check` is what ``lmcourse validate`` runs: every JSON file under the paths given is
read once and checked as what it says it is (``"format"``), every problem reported as
``file:line: what is wrong (what was expected)``. Exercise files without problems are also
read for item-writing cues (:mod:`lmcourse.grading.items`), reported as warnings, which
do not make a file invalid. Pure: no widgets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..core import content, submission
from ..core.locate import line_of, value_lines
from ..core.problems import Problem
from . import assignment, items

__all__ = ["Checked", "check", "check_paths", "course_for"]


@dataclass
class Checked:
    """What :func:`check` found: ``problems`` (errors), ``warnings`` (item-writing cues),
    what was checked in words, and the exercise files without problems, by name."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    checked: str = "nothing"
    files: dict[str, dict] = field(default_factory=dict)


def course_for(path: Path) -> Path | None:
    """The course folder an assignment file sits under (the nearest with NN-*.json)."""
    for folder in list(path.resolve().parents)[:3]:
        if any(folder.glob("[0-9][0-9]-*.json")):
            return folder
    return None


def _walk(paths: list[str]):
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json")
                           if not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield path, "empty"
            yield from ((p, "file") for p in found)
        else:
            yield path, "file"


def check_paths(paths, *, exercises=None) -> tuple[list[Problem], str]:
    """Check every exercise, assignment and submission file in ``paths`` (folders
    recursively): ``(problems, what was checked, in words)``; warnings left out."""
    found = check(paths, exercises=exercises)
    return found.problems, found.checked


def check(paths, *, exercises=None) -> Checked:
    """Check every exercise, assignment and submission file in ``paths`` (folders
    recursively), and read the exercise files for item-writing cues."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    files: dict[str, dict] = {}
    counts = {"exercise file": 0, "exercise": 0, "assignment": 0, "submission": 0,
              "released copy": 0}
    ids: dict[str, str] = {}
    for path, what in _walk(paths):
        name = str(path)
        if what == "empty":
            problems.append(Problem(name, 1, "the folder holds no .json files",
                                    "exercise, assignment or submission files"))
            continue
        if not path.exists():
            problems.append(Problem(name, 1, "no such file or folder", "a path that exists"))
            continue
        try:
            text = path.read_bytes().decode("utf-8")
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None  # content.check_file reports it with its line
        fmt = data.get("format") if isinstance(data, dict) else None
        if fmt == assignment.FORMAT:
            course = exercises or course_for(path)
            _, found = assignment.check_file(path, exercises=course)
            problems += found
            counts["assignment"] += 1
        elif fmt == submission.FORMAT:
            bad, *_ = submission.check_structure(data)
            lines = value_lines(text)
            problems += [Problem(name, line_of(lines, p), m, x) for p, m, x in bad]
            counts["submission"] += 1
        elif fmt == "lmcourse-release":
            counts["released copy"] += 1
        elif isinstance(data, dict) and "format" in data and "exercises" not in data:
            problems.append(Problem(name, 1, f"unknown 'format' {fmt!r}",
                                    "an exercise, assignment or submission file"))
        else:
            data, found = content.check_file(path)
            problems += found
            counts["exercise file"] += 1
            if data and not found:
                files[name] = data
                warnings += items.cues(data, name, value_lines(text))
                for ex in data["exercises"]:
                    counts["exercise"] += 1
                    if ex["id"] in ids:
                        problems.append(Problem(name, 1, f"exercise id {ex['id']!r} is also "
                                                f"used in {ids[ex['id']]}",
                                                "ids unique in the course"))
                    ids[ex["id"]] = name
    checked = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n)
    return Checked(_once(problems), warnings, checked or "nothing", files)


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: an assignment check reads the course's exercise files again and
    may name a problem already found in them, under another spelling of the same path."""
    seen, out = set(), []
    for p in problems:
        key = (Path(p.file).resolve(), p.line, p.message, p.expected)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
