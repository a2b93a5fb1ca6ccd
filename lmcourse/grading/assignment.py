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

from ..core import content, jsonfile, schemas
from ..core.locate import line_of, value_lines
from ..core.problems import Collector, Problem, ProblemError
from ..core.times import parse_time

__all__ = ["FORMAT", "VERSION", "MODES", "Question", "Assignment", "AssignmentError",
           "check_file", "course_for", "load", "student_copy"]

FORMAT = "lmcourse-assignment"
VERSION = 1
MODES = ("graded", "practice")
#: Fields of a graded question that a student's copy must not hold.
KEY_FIELDS = {"classify": ("answer", "feedback"), "scenario": ("correct", "explanation"),
              "multi": ("correct", "explanation"),
              "place": ("difference", "side", "feedback", "side_feedback"),
              "example": ("correct", "explanation")}
#: Fields a graded reflection's student copy leaves out: they return with the feedback.
REFLECTION_AFTER = ("exemplar", "self_check")


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


def check_data(data, name: str, lines: dict, *, exercises: str | Path | None = None,
               base: Path | None = None) -> tuple[Assignment | None, list[Problem]]:
    """Check a parsed assignment and resolve its exercises: ``(assignment, problems)``.

    The assignment's JSON Schema (:mod:`lmcourse.core.schemas`) checks its form; this adds
    what a schema cannot say: that each exercise exists (in the course or in the listed
    ``exercise_files``), is listed once, has the items asked for, and carries points only
    when it has a right answer. ``exercises`` is the course's exercise folder (default
    :func:`lmcourse.core.content.exercises_dir`); ``base`` the folder ``exercise_files``
    are relative to."""
    c = Collector(name, lines)
    found = schemas.errors("assignment", data)
    c.extend(Problem(name, line_of(lines, path), msg, exp) for path, msg, exp in found)
    if not isinstance(data, dict):
        return None, c.problems
    broken = {path[:2] for path, _, _ in found if path[:1] == ("questions",)}
    pool, unreadable = _exercise_pool(c, data, exercises, base,
                                      files_ok=not any(p[:1] == ("exercise_files",)
                                                       for p, _, _ in found))
    entries = data.get("questions") if isinstance(data.get("questions"), list) else []
    chosen: dict[str, dict] = {}
    modes: dict[str, str] = {}
    points: dict[str, float] = {}
    questions: list[Question] = []
    for i, entry in enumerate(entries):
        if ("questions", i) not in broken and pool is not None:
            _entry(c, entry, ("questions", i), pool, unreadable, chosen, modes, points,
                   questions)
    if c.problems or pool is None:
        return None, c.problems
    return Assignment(data["id"], data["title"].strip(), parse_time(data.get("due")),
                      data.get("instructions", ""), chosen, modes, points, questions), []


def _exercise_pool(c: Collector, data: dict, exercises, base, files_ok: bool
                   ) -> tuple[dict | None, set | None]:
    """Every exercise the assignment may use, the course's plus its own files', and the
    ids of exercises in its own files that did not load (``None``: a file could not be
    read at all, so any id may be in it). A file's problems are reported once, here; an
    entry that names an exercise of a broken file is not reported again."""
    pool: dict[str, dict] = {}
    try:
        pool.update(content.load_course(exercises).exercises)
    except content.ContentError as e:
        c.extend(e.problems)
        return None, set()
    unreadable: set | None = set()
    for j, rel in enumerate(data.get("exercise_files", []) if files_ok else []):
        path = (base or Path.cwd()) / rel
        if not path.is_file():
            c.add(("exercise_files", j), f"exercise file {rel!r} not found (looked for {path})",
                  "a path relative to the assignment file")
            unreadable = None
            continue
        got, found = content.check_file(path)
        c.extend(found)
        if got is None:
            unreadable = None
            continue
        for i, ex in enumerate(got.get("exercises") or []):
            ex_id = ex.get("id") if isinstance(ex, dict) else None
            if found or not isinstance(ex_id, str):
                if unreadable is not None and isinstance(ex_id, str):
                    unreadable.add(ex_id)
                continue
            if ex_id in pool:
                where = value_lines(path.read_text(encoding="utf-8"))
                c.problems.append(Problem(str(path), line_of(where, ("exercises", i, "id")),
                                          f"exercise id {ex_id!r} is also a course exercise "
                                          f"(in {pool[ex_id]['_notebook']}.json)",
                                          "ids unique across the course and your own files"))
            else:
                pool[ex_id] = {**ex, "_notebook": path.stem, "_file": str(path)}
    return pool, unreadable


def _entry(c: Collector, entry: dict, path: tuple, pool: dict, unreadable: set | None,
           chosen: dict, modes: dict, points: dict, questions: list) -> None:
    n = path[-1] + 1
    ex_id = entry["exercise"]
    what = f"question entry {n} ({ex_id!r})"
    mode = entry.get("mode", "graded")
    pts = entry.get("points", 1)
    if ex_id not in pool:
        if unreadable is None or ex_id in unreadable:
            return  # its file's problems are reported already
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
        unknown = [x for x in wanted if x not in have]
        if kind not in ("classify", "place"):
            c.add(path + ("items",), f"{what}: 'items' only applies to a classify or place "
                  "exercise",
                  f"no 'items' for a {kind} exercise")
        elif unknown:
            c.add(path + ("items",), f"{what}: unknown item(s) "
                  + ", ".join(map(repr, unknown)), "items of the exercise: " + ", ".join(have))
        else:
            ex["items"] = [item for item in ex["items"] if item["id"] in wanted]
    if kind in ("self", "reflection"):
        if pts and "points" in entry:
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


def course_for(path: Path) -> Path | None:
    """The course folder an assignment file sits under (the nearest with NN-*.json)."""
    for folder in list(path.resolve().parents)[:3]:
        if any(folder.glob("[0-9][0-9]-*.json")):
            return folder
    return None


def load(path: str | Path, *, exercises: str | Path | None = None) -> Assignment:
    """A checked assignment; raises :class:`AssignmentError` listing every problem."""
    found, problems = check_file(path, exercises=exercises)
    if problems or found is None:
        raise AssignmentError(problems)
    return found


def _strip(ex: dict) -> None:
    """Remove, in place, what a graded exercise's student copy must not hold: the keys and
    explanations (and a worked example's worked steps), a reflection's exemplar."""
    kind = ex["kind"]
    if kind == "reflection":
        for key in REFLECTION_AFTER:
            ex.pop(key, None)
        return
    if kind == "example":
        for step in ex["steps"]:
            if "options" in step:
                step.pop("text", None)  # the worked step gives the answer away
    parts = (ex.get("items", []) if kind in ("classify", "place") else
             ex.get("options", []) if kind in ("scenario", "multi") else
             [o for step in ex.get("steps", []) for o in step.get("options", [])])
    for part in parts:
        for key in KEY_FIELDS.get(kind, ()):
            part.pop(key, None)


def student_copy(assignment: Assignment) -> dict:
    """What students receive: the assignment with every exercise it asks, the answer keys
    and explanations of graded questions removed (they return with the feedback)."""
    exercises = []
    for ex_id, ex in assignment.exercises.items():
        ex = {k: v for k, v in copy.deepcopy(ex).items() if not k.startswith("_")}
        if assignment.modes[ex_id] == "graded":
            _strip(ex)
        exercises.append({"mode": assignment.modes[ex_id], "points": assignment.points[ex_id],
                          "exercise": ex})
    return {"format": "lmcourse-release", "version": VERSION, "assignment": assignment.id,
            "title": assignment.title,
            "due": assignment.due.isoformat() if assignment.due else None,
            "instructions": assignment.instructions,
            "max_points": assignment.max_points, "exercises": exercises}
