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

from . import jsonfile
from .ids import is_id
from .locate import value_lines
from .problems import Collector, Problem, ProblemError, show

__all__ = [
    "DIFFERENCES",
    "POLES",
    "CATEGORIES",
    "KINDS",
    "ContentError",
    "Course",
    "exercises_dir",
    "check_file",
    "load_file",
    "load_course",
    "question_count",
    "questions",
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
KINDS = ("classify", "scenario", "multi", "self", "reflection")


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
    """The course's exercise folder: ``$LMCOURSE_EXERCISES``, else ``exercises/`` in the
    checkout this package sits in."""
    env = os.environ.get("LMCOURSE_EXERCISES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "exercises"


class _Checker(Collector):
    """Collects the problems of one parsed exercise file, each with its line."""

    def text(self, obj: dict, key: str, path: tuple, what: str) -> bool:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            where = path + (key,) if key in obj else path
            self.add(where, f"{what} has no {key!r}" if key not in obj
                     else f"{what}: {key!r} is {show(value)}", "a non-empty string")
            return False
        return True

    def listing(self, obj: dict, key: str, path: tuple, what: str, least: int) -> list:
        value = obj.get(key)
        if not isinstance(value, list) or len(value) < least:
            where = path + (key,) if key in obj else path
            self.add(where, f"{what}: {key!r} is {show(value)}",
                     f"a list of at least {least}")
            return []
        return value


def check_data(data, name: str, lines: dict[tuple, int]) -> list[Problem]:
    """Every problem in the parsed exercise file ``data`` (``name`` labels the problems)."""
    c = _Checker(name, lines)
    if not isinstance(data, dict):
        c.add((), "the file is not a JSON object", 'an object with "notebook", "title", '
              '"exercises"')
        return c.problems
    stem = Path(name).stem
    if data.get("notebook") != stem:
        c.add(("notebook",), f"'notebook' is {show(data.get('notebook'))}",
              f"the file's own stem, {stem!r}")
    c.text(data, "title", (), "the file")
    seen: set[str] = set()
    for i, ex in enumerate(c.listing(data, "exercises", (), "the file", 1)):
        _check_exercise(c, ex, ("exercises", i), seen)
    return c.problems


def _check_exercise(c: _Checker, ex, path: tuple, seen: set[str]) -> None:
    if not isinstance(ex, dict):
        c.add(path, f"exercise {path[-1] + 1} is {show(ex)}", "an object")
        return
    ex_id = ex.get("id")
    what = f"exercise {ex_id!r}" if isinstance(ex_id, str) else f"exercise {path[-1] + 1}"
    if not isinstance(ex_id, str) or not is_id(ex_id):
        c.add(path + ("id",), f"{what}: 'id' is {show(ex_id)}",
              "lowercase words joined by hyphens, e.g. 'focus-sort'")
    elif ex_id in seen:
        c.add(path + ("id",), f"{what}: the id is used twice", "an id unique in the course")
    else:
        seen.add(ex_id)
    kind = ex.get("kind")
    if kind not in KINDS:
        c.add(path + ("kind",), f"{what}: 'kind' is {show(kind)}", "one of " + ", ".join(KINDS))
        return
    c.text(ex, "title", path, what)
    c.text(ex, "prompt", path, what)
    {"classify": _check_classify, "scenario": _check_choice, "multi": _check_choice,
     "self": _check_self, "reflection": lambda *a: None}[kind](c, ex, path, what)


def _check_ids(c: _Checker, things: list, path: tuple, key: str, what: str) -> None:
    ids: set = set()
    for j, thing in enumerate(things):
        if not isinstance(thing, dict):
            c.add(path + (key, j), f"{what}: {key} {j + 1} is {show(thing)}", "an object")
            continue
        thing_id = thing.get("id")
        if not isinstance(thing_id, str) or not is_id(thing_id):
            c.add(path + (key, j, "id"), f"{what}: {key} {j + 1} has 'id' {show(thing_id)}",
                  "lowercase words joined by hyphens")
        elif thing_id in ids:
            c.add(path + (key, j, "id"), f"{what}: {key} id {thing_id!r} is used twice",
                  f"ids unique within the exercise's {key}")
        ids.add(thing_id)


def _check_classify(c: _Checker, ex: dict, path: tuple, what: str) -> None:
    cats = c.listing(ex, "categories", path, what, 2)
    bad = [x for x in cats if x not in CATEGORIES]
    if bad or len(set(cats)) != len(cats):
        c.add(path + ("categories",), f"{what}: 'categories' is {show(cats)}",
              "distinct ids from " + ", ".join(CATEGORIES))
    items = c.listing(ex, "items", path, what, 2)
    _check_ids(c, items, path, "items", what)
    for j, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        ipath = path + ("items", j)
        iwhat = f"{what}, item {item.get('id', j + 1)!r}"
        c.text(item, "text", ipath, iwhat)
        if item.get("answer") not in cats:
            c.add(ipath + ("answer",), f"{iwhat}: 'answer' is {show(item.get('answer'))}",
                  "one of the exercise's categories: " + ", ".join(map(str, cats)))
        feedback = item.get("feedback")
        if not isinstance(feedback, dict):
            c.add(ipath + ("feedback",), f"{iwhat}: 'feedback' is {show(feedback)}",
                  "an object with one explanation for each category")
            continue
        for cat in cats:
            if not isinstance(feedback.get(cat), str) or not feedback[cat].strip():
                c.add(ipath + ("feedback",), f"{iwhat}: no feedback for category {cat!r}",
                      "one explanation for every category")


def _check_choice(c: _Checker, ex: dict, path: tuple, what: str) -> None:
    options = c.listing(ex, "options", path, what, 2)
    if len(options) > 6:
        c.add(path + ("options",), f"{what}: {len(options)} options", "two to six options")
    _check_ids(c, options, path, "options", what)
    right = 0
    for j, opt in enumerate(options):
        if not isinstance(opt, dict):
            continue
        opath = path + ("options", j)
        owhat = f"{what}, option {opt.get('id', j + 1)!r}"
        c.text(opt, "text", opath, owhat)
        c.text(opt, "explanation", opath, owhat)
        if not isinstance(opt.get("correct"), bool):
            c.add(opath + ("correct",) if "correct" in opt else opath,
                  f"{owhat}: 'correct' is {show(opt.get('correct'))}", "true or false")
        right += opt.get("correct") is True
    if options and ex["kind"] == "scenario" and right != 1:
        c.add(path + ("options",), f"{what}: {right} options are marked correct",
              "exactly one correct option in a scenario")
    if options and ex["kind"] == "multi" and right < 1:
        c.add(path + ("options",), f"{what}: no option is marked correct",
              "at least one correct option")


def _check_self(c: _Checker, ex: dict, path: tuple, what: str) -> None:
    if ex.get("difference") not in DIFFERENCE_IDS:
        c.add(path + ("difference",), f"{what}: 'difference' is {show(ex.get('difference'))}",
              "one of " + ", ".join(DIFFERENCE_IDS))
    scale = c.listing(ex, "scale", path, what, 3)
    if any(not isinstance(s, str) or not s.strip() for s in scale):
        c.add(path + ("scale",), f"{what}: every point of 'scale' needs a label",
              "a list of words, one per response option")
    items = c.listing(ex, "items", path, what, 1)
    _check_ids(c, items, path, "items", what)
    count = {p: 0 for p in POLES}
    for j, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        ipath = path + ("items", j)
        iwhat = f"{what}, item {item.get('id', j + 1)!r}"
        c.text(item, "text", ipath, iwhat)
        if item.get("pole") not in POLES:
            c.add(ipath + ("pole",), f"{iwhat}: 'pole' is {show(item.get('pole'))}",
                  "leadership or management")
        else:
            count[item["pole"]] += 1
    for pole, n in count.items():
        if items and n < 2:
            c.add(path + ("items",), f"{what}: {n} item(s) on the {pole} pole",
                  "at least two items for each pole")


def check_file(path: str | Path) -> tuple[dict | None, list[Problem]]:
    """Read and check one exercise file: ``(data, problems)``; data is None when unreadable."""
    data, text, problems = jsonfile.read(path)
    if problems:
        return None, problems
    return data, check_data(data, str(path), value_lines(text))


def load_file(path: str | Path) -> dict:
    """One checked exercise file; raises :class:`ContentError` listing every problem."""
    data, problems = check_file(path)
    if problems:
        raise ContentError(problems)
    return data


def load_course(folder: str | Path | None = None) -> Course:
    """Every ``NN-*.json`` exercise file of the course, checked and indexed.

    Re-reads only when a file changed. Raises :class:`ContentError` naming every problem,
    including an exercise id used in two files."""
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
    for name, _ in stamp:
        data, found = check_file(name)
        problems += found
        if data is None or found:
            continue
        stem = Path(name).stem
        course.files[stem] = data
        for ex in data["exercises"]:
            if ex["id"] in where:
                problems.append(Problem(name, 1, f"exercise id {ex['id']!r} is also used in "
                                        f"{where[ex['id']]}", "ids unique in the course"))
                continue
            where[ex["id"]] = name
            course.exercises[ex["id"]] = {**ex, "_notebook": stem}
    if problems:
        raise ContentError(problems)
    return course


def questions(exercise: dict) -> list[str]:
    """The keys of the questions an exercise asks: ``id`` for a scenario or multi,
    ``id/item`` for each item of a classify; none for self-assessment or reflection."""
    kind = exercise["kind"]
    if kind == "classify":
        return [f"{exercise['id']}/{item['id']}" for item in exercise["items"]]
    if kind in ("scenario", "multi"):
        return [exercise["id"]]
    return []


def question_count(exercise: dict) -> int:
    """How many questions with a right answer the exercise asks."""
    return len(questions(exercise))
