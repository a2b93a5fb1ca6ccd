"""The course's content: exercise files read, checked and indexed.

Exercises are data in ``exercises/NN-name.json`` (format: ``exercises/README.md``). This
module reads them, reports every problem as ``file:line: what is wrong (what was
expected)``, and gives the rest of the package an index of exercises by id. It imports
neither ipywidgets nor matplotlib.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import jsonfile, keying, schemas
from .locate import line_of, value_lines
from .problems import Collector, Problem, ProblemError, show

__all__ = [
    "DIFFERENCES",
    "DIFFERENCE_IDS",
    "DIFFERENCE_LABELS",
    "POLES",
    "CATEGORIES",
    "KINDS",
    "SCORED_KINDS",
    "ContentError",
    "Course",
    "exercises_dir",
    "course_path",
    "check_file",
    "load_file",
    "load_course",
    "question_count",
    "questions",
    "narrow",
    "blanks",
]

#: The seven differences, in course order: (id, label, leadership pole, management pole).
DIFFERENCES = (
    ("focus", "Focus", "strategic", "operational"),
    ("responsibility", "Responsibility", "vision", "execution"),
    ("change", "Change", "innovation", "continuity"),
    ("decision-making", "Decision-making", "risk-taking", "risk mitigation"),
    ("orientation", "Orientation", "people", "processes"),
    ("time-focus", "Time focus", "long-term", "short-term"),
    ("results", "Results", "transformation", "efficiency"),
)
DIFFERENCE_IDS = tuple(d[0] for d in DIFFERENCES)
POLES = ("leadership", "management")
CATEGORIES = ("leadership", "management", "both")
KINDS = ("classify", "scenario", "multi", "self", "reflection", "place", "example")
#: The kinds whose questions have a right answer (scored, graded, reviewed).
SCORED_KINDS = ("classify", "scenario", "multi", "place", "example")
#: A difference's label by id (``focus`` -> ``Focus``).
DIFFERENCE_LABELS = {d[0]: d[1] for d in DIFFERENCES}


class ContentError(ProblemError):
    """Raised when exercise files have problems; ``problems`` lists every one."""


@dataclass
class Course:
    """Every exercise of the course, indexed by id."""

    folder: Path
    files: dict[str, dict] = field(default_factory=dict)  # notebook stem -> file data
    exercises: dict[str, dict] = field(default_factory=dict)  # id -> exercise

    def get(self, exercise_id: str) -> dict:
        """The exercise ``exercise_id``; a clear ``KeyError`` when there is none."""
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise KeyError(
                f"no exercise {exercise_id!r} in {self.folder} "
                f"(known ids start with: {', '.join(sorted(self.exercises)[:5])}, ...)"
            ) from None


def exercises_dir() -> Path:
    """The course's exercise folder: ``$LMCOURSE_EXERCISES``; else the copy an installed
    package carries (``lmcourse/exercises``, mapped from the repository's ``exercises/``
    when the wheel is built); else, in a checkout or an editable install, the
    repository's own ``exercises/``."""
    env = os.environ.get("LMCOURSE_EXERCISES")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]
    bundled = package / "exercises"
    return bundled if bundled.is_dir() else package.parent / "exercises"


def course_path(path: str | Path) -> Path:
    """``path`` as given when it exists, else the same path inside the course's exercise
    folder when that exists (so ``assignments/week-1.json`` names the bundled assignment
    from any folder), else ``path`` as given (for the error message to name)."""
    path = Path(path)
    if path.exists() or path.is_absolute():
        return path
    inside = exercises_dir() / path
    return inside if inside.exists() else path


def check_data(data, name: str, lines: dict[tuple, int]) -> list[Problem]:
    """Every problem in the parsed exercise file ``data`` (``name`` labels the problems):
    first what its JSON Schema says (:mod:`lmcourse.core.schemas`), then what a schema
    cannot: the file's own stem, ids unique within the file, a classify answer among its
    categories with feedback for each, how many options are correct, at least three
    self-assessment items keyed to each side and the unscored option last. An exercise the
    schema already found broken is not checked further, so one mistake is reported once."""
    c = Collector(name, lines)
    found = schemas.errors("exercise", data)
    c.extend(Problem(name, line_of(lines, path), msg, exp) for path, msg, exp in found)
    if not isinstance(data, dict):
        return c.problems
    stem = Path(name).stem
    if isinstance(data.get("notebook"), str) and data["notebook"] != stem:
        c.add(("notebook",), f"'notebook' is {show(data['notebook'])}",
              f"the file's own stem, {stem!r}")
    broken = {path[:2] for path, _, _ in found if len(path) >= 2 and path[0] == "exercises"}
    exercises = data.get("exercises") if isinstance(data.get("exercises"), list) else []
    seen: set[str] = set()
    for i, ex in enumerate(exercises):
        if ("exercises", i) in broken or not isinstance(ex, dict):
            continue
        path, what = ("exercises", i), f"exercise {ex['id']!r}"
        if ex["id"] in seen:
            c.add(path + ("id",), f"{what}: the id is used twice", "an id unique in the course")
        seen.add(ex["id"])
        _cross_check(c, ex, path, what)
    return sorted(c.problems, key=lambda p: p.line)


def _unique(c: Collector, things: list, path: tuple, key: str, what: str) -> None:
    ids: set = set()
    for j, thing in enumerate(things):
        if thing["id"] in ids:
            c.add(path + (key, j, "id"), f"{what}: {key[:-1]} id {thing['id']!r} is used "
                  "twice", f"ids unique within the exercise's {key}")
        ids.add(thing["id"])


def _cross_check(c: Collector, ex: dict, path: tuple, what: str) -> None:
    """What the schema cannot say about one schema-valid exercise."""
    kind = ex["kind"]
    if kind == "classify":
        cats = ex["categories"]
        _unique(c, ex["items"], path, "items", what)
        for j, item in enumerate(ex["items"]):
            ipath, iwhat = path + ("items", j), f"{what}, item {item['id']!r}"
            if item["answer"] not in cats:
                c.add(ipath + ("answer",), f"{iwhat}: 'answer' is {show(item['answer'])}",
                      "one of the exercise's categories: " + ", ".join(cats))
            missing = [cat for cat in cats if cat not in item["feedback"]]
            if missing:
                c.add(ipath + ("feedback",), f"{iwhat}: no feedback for "
                      + ", ".join(map(repr, missing)), "one explanation for every category")
    elif kind in ("scenario", "multi"):
        _unique(c, ex["options"], path, "options", what)
        right = sum(o["correct"] for o in ex["options"])
        if kind == "scenario" and right != 1:
            c.add(path + ("options",), f"{what}: {right} options are marked correct",
                  "exactly one correct option in a scenario")
        if kind == "multi" and right < 1:
            c.add(path + ("options",), f"{what}: no option is marked correct",
                  "at least one correct option")
    elif kind == "place":
        listed = ex["differences"]
        _unique(c, ex["items"], path, "items", what)
        for j, item in enumerate(ex["items"]):
            ipath, iwhat = path + ("items", j), f"{what}, item {item['id']!r}"
            if item["difference"] not in listed:
                c.add(ipath + ("difference",), f"{iwhat}: 'difference' is "
                      f"{show(item['difference'])}, which the exercise does not list",
                      "one of the exercise's differences: " + ", ".join(listed))
            missing = [d for d in listed if d not in item["feedback"]]
            extra = [d for d in item["feedback"] if d not in listed]
            if missing:
                c.add(ipath + ("feedback",), f"{iwhat}: no feedback for "
                      + ", ".join(map(repr, missing)), "one explanation for every listed "
                      "difference")
            if extra:
                c.add(ipath + ("feedback",), f"{iwhat}: feedback for "
                      + ", ".join(map(repr, extra)) + ", which the exercise does not list",
                      "feedback only for the listed differences: " + ", ".join(listed))
    elif kind == "example":
        _unique(c, ex["steps"], path, "steps", what)
        if not blanks(ex):
            c.add(path + ("steps",), f"{what}: no step has a question",
                  "at least one step with 'question' and 'options' for the learner to "
                  "complete")
        for j, step in enumerate(ex["steps"]):
            if "options" not in step:
                continue
            spath, swhat = path + ("steps", j), f"{what}, step {step['id']!r}"
            _unique(c, step["options"], spath, "options", swhat)
            right = sum(o["correct"] for o in step["options"])
            if right != 1:
                c.add(spath + ("options",), f"{swhat}: {right} options are marked correct",
                      "exactly one correct option in a step")
    elif kind == "self":
        _unique(c, ex["items"], path, "items", what)
        for pole in POLES:
            n = sum(item["pole"] == pole for item in ex["items"])
            if n < 3:
                c.add(path + ("items",), f"{what}: {n} item(s) keyed to the {pole} side",
                      "at least three items for each side")
        if "unscored" in ex and ex["scale"][-1] != ex["unscored"]:
            c.add(path + ("unscored",), f"{what}: 'unscored' is {show(ex['unscored'])}",
                  "the last label of the scale, the option left out of the score")


def check_file(path: str | Path) -> tuple[dict | None, list[Problem]]:
    """Read and check one exercise file: ``(data, problems)``; data is None when unreadable."""
    data, problems, _ = _check(path)
    return data, problems


def _check(path: str | Path) -> tuple[dict | None, list[Problem], dict[tuple, int]]:
    data, text, problems = jsonfile.read(path)
    if problems:
        return None, problems, {}
    lines = value_lines(text)
    return data, check_data(data, str(path), lines), lines


def load_file(path: str | Path) -> dict:
    """One checked exercise file; raises :class:`ContentError` listing every problem."""
    data, problems = check_file(path)
    if problems:
        raise ContentError(problems)
    return data


def load_course(folder: str | Path | None = None) -> Course:
    """Every ``NN-*.json`` exercise file of the course, checked and indexed.

    Re-reads only when a file changed. Raises :class:`ContentError` naming every problem,
    including an exercise id used in two files and a self-assessment behaviour keyed to
    both sides or asked twice (:mod:`lmcourse.core.keying`)."""
    folder = Path(folder) if folder else exercises_dir()
    paths = sorted(folder.glob("[0-9][0-9]-*.json"))
    if not paths:
        raise ContentError([Problem(str(folder), 1, "no exercise files found",
                                    "files named like 01-focus.json")])
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in paths)
    return _load(folder, stamp)


@lru_cache(maxsize=4)
def _load(folder: Path, stamp: tuple) -> Course:
    course = Course(folder)
    problems: list[Problem] = []
    where: dict[str, str] = {}
    good = []
    for name, _ in stamp:
        data, found, lines = _check(name)
        problems += found
        if data is None or found:
            continue
        good.append((name, lines, data))
        stem = Path(name).stem
        course.files[stem] = data
        for i, ex in enumerate(data["exercises"]):
            if ex["id"] in where:
                problems.append(Problem(name, line_of(lines, ("exercises", i, "id")),
                                        f"exercise id {ex['id']!r} is also used in "
                                        f"{where[ex['id']]}", "ids unique in the course"))
                continue
            where[ex["id"]] = name
            course.exercises[ex["id"]] = {**ex, "_notebook": stem}
    problems += keying.problems(good)
    if problems:
        raise ContentError(problems)
    return course


def blanks(exercise: dict) -> list[dict]:
    """The steps of a worked example that the learner completes (those with options)."""
    return [step for step in exercise.get("steps", []) if "options" in step]


def questions(exercise: dict) -> list[str]:
    """The keys of the questions an exercise asks: ``id`` for a scenario or multi,
    ``id/item`` for each item of a classify or place, ``id/step`` for each step to complete
    of a worked example; none for self-assessment or reflection."""
    kind = exercise["kind"]
    if kind in ("classify", "place"):
        return [f"{exercise['id']}/{item['id']}" for item in exercise["items"]]
    if kind == "example":
        return [f"{exercise['id']}/{step['id']}" for step in blanks(exercise)]
    if kind in ("scenario", "multi"):
        return [exercise["id"]]
    return []


def narrow(exercise: dict, key: str) -> dict:
    """The exercise asking only the question ``key`` (one of :func:`questions`): a classify
    or place with that one item, a worked example whose other steps to complete are shown
    worked; a scenario or multi as it is. Used to ask one question again.

    >>> ex = {"id": "s", "kind": "classify", "items": [{"id": "a"}, {"id": "b"}]}
    >>> narrow(ex, "s/b")["items"]
    [{'id': 'b'}]
    """
    kind = exercise["kind"]
    part = key.split("/", 1)[1] if "/" in key else None
    if kind in ("classify", "place") and part is not None:
        return {**exercise, "items": [i for i in exercise["items"] if i["id"] == part]}
    if kind == "example" and part is not None:
        shown = ("id", "title", "text")
        return {**exercise, "steps": [
            step if step["id"] == part or "options" not in step
            else {k: v for k, v in step.items() if k in shown}
            for step in exercise["steps"]]}
    return exercise


def question_count(exercise: dict) -> int:
    """How many questions with a right answer the exercise asks."""
    return len(questions(exercise))
