"""Assignments: which exercises a class answers, for how many points, graded or practice.

An assignment is a JSON file, usually in ``exercises/assignments/`` (format:
``exercises/README.md``; JSON Schema: ``lmcourse/data/schemas/assignment.schema.json``)::

    {"format": "lmcourse-assignment", "version": 1,
     "id": "week-1", "title": "Week 1: focus", "due": "2026-12-04T23:59:00+00:00",
     "exercise_files": ["team-talks.json"],
     "questions": [{"exercise": "focus-sort", "points": 1, "mode": "graded"},
                   {"exercise": "focus-scenario-1", "points": 2, "mode": "practice"}]}

Each entry names an exercise of the course (or of a listed ``exercise_files`` file, paths
relative to the assignment); ``items`` picks some items of a classify exercise; ``points``
is what each question of the entry is worth (a classify item is one question);
``practice`` questions keep their answer keys in the student's copy (feedback at once),
``graded`` ones lose them until grading. Self-assessments and reflections carry no points.

Pure: reads and checks files, reports every problem as ``file:line: what is wrong (what
was expected)`` through :class:`lmcourse.core.problems.Problem`. No widgets.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..core import content, jsonfile
from ..core.ids import is_id
from ..core.locate import value_lines
from ..core.problems import Collector, Problem, ProblemError, show
from ..core.times import parse_time

__all__ = ["FORMAT", "VERSION", "MODES", "Question", "Assignment", "AssignmentError",
           "check_file", "load", "student_copy"]

FORMAT = "lmcourse-assignment"
VERSION = 1
MODES = ("graded", "practice")
#: Fields of a graded question that a student's copy must not hold.
KEY_FIELDS = {"classify": ("answer", "feedback"), "scenario": ("correct", "explanation"),
              "multi": ("correct", "explanation")}


class AssignmentError(ProblemError):
    """An assignment with problems; ``problems`` lists every one."""


@dataclass(frozen=True)
class Question:
    """One scored question: ``key`` is ``exercise`` or ``exercise/item`` (a classify item)."""

    key: str
    exercise: str
    item: str | None
    points: float
    mode: str


@dataclass
class Assignment:
    """A checked assignment with its exercises resolved (classify items already narrowed
    to the ones it asks)."""

    id: str
    title: str
    due: datetime | None
    instructions: str
    exercises: dict[str, dict]  # exercise id -> exercise, in assignment order
    modes: dict[str, str]  # exercise id -> graded | practice
    points: dict[str, float]  # exercise id -> points per question
    questions: list[Question] = field(default_factory=list)
    path: Path | None = None

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def hidden(self) -> list[str]:
        """The exercises whose answer keys stay out of the student's copy: graded, and of
        a kind that has a key (a self-assessment or reflection has none)."""
        return [e for e, ex in self.exercises.items()
                if self.modes[e] == "graded" and ex["kind"] in KEY_FIELDS]

    def is_late(self, when: datetime | None) -> bool:
        return bool(self.due and when and when > self.due)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def check_data(data, name: str, lines: dict, *, exercises: str | Path | None = None,
               base: Path | None = None) -> tuple[Assignment | None, list[Problem]]:
    """Check a parsed assignment and resolve its exercises: ``(assignment, problems)``.

    ``exercises`` is the course's exercise folder (default
    :func:`lmcourse.core.content.exercises_dir`); ``base`` the folder ``exercise_files`` are
    relative to."""
    c = Collector(name, lines)
    if not isinstance(data, dict):
        c.add((), "the file is not a JSON object", f'an object with "format": "{FORMAT}"')
        return None, c.problems
    if data.get("format") != FORMAT:
        c.add(("format",), f"'format' is {show(data.get('format'))}", repr(FORMAT))
    if data.get("version") != VERSION:
        c.add(("version",), f"'version' is {show(data.get('version'))}", str(VERSION))
    known = {"format", "version", "id", "title", "due", "instructions", "exercise_files",
             "questions"}
    for key in data:
        if key not in known:
            c.add((key,), f"unknown field {key!r}", "only " + ", ".join(sorted(known)))
    aid = data.get("id")
    if not isinstance(aid, str) or not is_id(aid):
        c.add(("id",), f"'id' is {show(aid)}",
              "lowercase words joined by hyphens, e.g. 'week-1'")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        c.add(("title",), f"'title' is {show(title)}", "a non-empty string")
    due = None
    if "due" in data:
        due = parse_time(data["due"])
        if due is None:
            c.add(("due",), f"'due' is {show(data['due'])}",
                  "an ISO 8601 date or date-time, e.g. 2026-12-04T23:59:00+00:00")
    instructions = data.get("instructions", "")
    if not isinstance(instructions, str):
        c.add(("instructions",), f"'instructions' is {show(instructions)}", "text")
        instructions = ""

    pool = _exercise_pool(c, data, exercises, base)
    entries = data.get("questions")
    if not isinstance(entries, list) or not entries:
        c.add(("questions",) if "questions" in data else (),
              f"'questions' is {show(entries)}", "a list of at least one question entry")
        entries = []
    chosen: dict[str, dict] = {}
    modes: dict[str, str] = {}
    points: dict[str, float] = {}
    questions: list[Question] = []
    for i, entry in enumerate(entries):
        _entry(c, entry, ("questions", i), pool, chosen, modes, points, questions)
    if c.problems or pool is None:
        return None, c.problems
    return Assignment(aid, title.strip(), due, instructions, chosen, modes, points,
                      questions), c.problems


def _exercise_pool(c: Collector, data: dict, exercises, base) -> dict | None:
    """Every exercise the assignment may use: the course's plus its own files'."""
    pool: dict[str, dict] = {}
    try:
        pool.update(content.load_course(exercises).exercises)
    except content.ContentError as e:
        c.problems.extend(e.problems)
        return None
    files = data.get("exercise_files", [])
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        c.add(("exercise_files",), f"'exercise_files' is {show(files)}",
              "a list of paths relative to the assignment file")
        return pool
    for j, rel in enumerate(files):
        path = (base or Path.cwd()) / rel
        if not path.is_file():
            c.add(("exercise_files", j), f"exercise file {rel!r} not found (looked for {path})",
                  "a path relative to the assignment file")
            continue
        got, found = content.check_file(path)
        c.problems.extend(found)
        if got is None or found:
            continue
        for ex in got["exercises"]:
            if ex["id"] in pool:
                c.add(("exercise_files", j), f"exercise id {ex['id']!r} in {rel} is also a "
                      "course exercise", "ids unique across the course and your own files")
            else:
                pool[ex["id"]] = {**ex, "_notebook": path.stem}
    return pool


def _entry(c: Collector, entry, path: tuple, pool: dict | None, chosen: dict, modes: dict,
           points: dict, questions: list) -> None:
    n = path[-1] + 1
    if not isinstance(entry, dict):
        c.add(path, f"question entry {n} is {show(entry)}",
              'an object such as {"exercise": "focus-sort", "points": 1, "mode": "graded"}')
        return
    for key in entry:
        if key not in ("exercise", "items", "points", "mode"):
            c.add(path + (key,), f"question entry {n}: unknown field {key!r}",
                  "exercise, items, points, mode")
    ex_id = entry.get("exercise")
    what = f"question entry {n} ({ex_id!r})" if isinstance(ex_id, str) else f"question entry {n}"
    mode = entry.get("mode", "graded")
    if mode not in MODES:
        c.add(path + ("mode",), f"{what}: 'mode' is {show(mode)}", "graded or practice")
    pts = entry.get("points", 1)
    if not _number(pts):
        c.add(path + ("points",), f"{what}: 'points' is {show(pts)}", "a number >= 0")
        pts = 0
    if not isinstance(ex_id, str):
        c.add(path + ("exercise",) if "exercise" in entry else path,
              f"{what} has no 'exercise'", "the id of an exercise, e.g. 'focus-sort'")
        return
    if pool is None:
        return
    if ex_id not in pool:
        near = difflib.get_close_matches(ex_id, list(pool), n=3)
        c.add(path + ("exercise",), f"{what}: no exercise {ex_id!r} in the course or the "
              "assignment's exercise_files",
              "a known id" + ("; did you mean " + " or ".join(map(repr, near)) + "?"
                              if near else ""))
        return
    if ex_id in chosen:
        c.add(path + ("exercise",), f"{what}: exercise {ex_id!r} is listed twice",
              "each exercise once (use 'items' to pick items of a classify)")
        return
    ex = copy.deepcopy(pool[ex_id])
    kind = ex["kind"]
    if "items" in entry:
        wanted = entry["items"]
        have = [item["id"] for item in ex.get("items", [])]
        if kind != "classify":
            c.add(path + ("items",), f"{what}: 'items' only applies to a classify exercise",
                  f"no 'items' for a {kind} exercise")
        elif (not isinstance(wanted, list) or not wanted
              or len(set(map(str, wanted))) != len(wanted)):
            c.add(path + ("items",), f"{what}: 'items' is {show(wanted)}",
                  "a list of distinct item ids")
        else:
            unknown = [x for x in wanted if x not in have]
            if unknown:
                c.add(path + ("items",), f"{what}: unknown item(s) "
                      + ", ".join(map(repr, unknown)), "items of the exercise: "
                      + ", ".join(have))
            else:
                ex["items"] = [item for item in ex["items"] if item["id"] in wanted]
    if kind in ("self", "reflection") and "points" not in entry:
        pts = 0
    elif kind in ("self", "reflection") and pts:
        c.add(path + ("points",), f"{what}: a {kind} exercise has no right answer, so it "
              f"cannot carry {pts} points", "points 0, or no 'points'")
        pts = 0
    chosen[ex_id] = ex
    modes[ex_id] = mode
    points[ex_id] = pts
    for key in content.questions(ex):
        item = key.split("/", 1)[1] if "/" in key else None
        questions.append(Question(key, ex_id, item, float(pts), mode))


def check_file(path: str | Path, *, exercises: str | Path | None = None
               ) -> tuple[Assignment | None, list[Problem]]:
    """Read and check one assignment file: ``(assignment, problems)``."""
    path = Path(path)
    name = str(path)
    data, text, problems = jsonfile.read(path)
    if problems:
        return None, problems
    found, problems = check_data(data, name, value_lines(text), exercises=exercises,
                                 base=path.parent)
    if found is not None:
        found.path = path
    return found, problems


def load(path: str | Path, *, exercises: str | Path | None = None) -> Assignment:
    """A checked assignment; raises :class:`AssignmentError` listing every problem."""
    found, problems = check_file(path, exercises=exercises)
    if problems or found is None:
        raise AssignmentError(problems)
    return found


def student_copy(assignment: Assignment) -> dict:
    """What students receive: the assignment with every exercise it asks, the answer keys
    and explanations of graded questions removed (they return with the feedback)."""
    exercises = []
    for ex_id, ex in assignment.exercises.items():
        ex = {k: v for k, v in copy.deepcopy(ex).items() if not k.startswith("_")}
        if assignment.modes[ex_id] == "graded":
            drop = KEY_FIELDS.get(ex["kind"], ())
            for part in ex.get("items", []) + ex.get("options", []):
                if ex["kind"] == "self":
                    break
                for key in drop:
                    part.pop(key, None)
        exercises.append({"mode": assignment.modes[ex_id], "points": assignment.points[ex_id],
                          "exercise": ex})
    return {"format": "lmcourse-release", "version": VERSION, "assignment": assignment.id,
            "title": assignment.title,
            "due": assignment.due.isoformat() if assignment.due else None,
            "instructions": assignment.instructions,
            "max_points": assignment.max_points, "exercises": exercises}
