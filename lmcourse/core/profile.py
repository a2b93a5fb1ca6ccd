"""A learner's profile across the seven differences, assembled from saved answers.

Pure functions over the course content and the saved progress data: no widgets, no
plotting. Scores are 0-100 on each pole; a *lean* is one number per difference, from 0
(management pole) to 100 (leadership pole), 50 being balanced. A difference the learner
has not answered is ``None`` (missing), never zero.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .content import DIFFERENCE_IDS, DIFFERENCES
from .scoring import pole_scores

__all__ = ["LABELS", "SKILLS_ID", "self_exercises", "pole_profile", "lean", "lean_profile",
           "cases", "skills", "coverage"]

#: The saved answer that holds the learner's skill ratings (notebook 08).
SKILLS_ID = "skills-rating"
#: Spoke labels of the seven differences, in course order.
LABELS = [label for _, label, _, _ in DIFFERENCES]


def self_exercises(course) -> dict[str, dict]:
    """The self-assessment exercise of each difference: ``{difference: exercise}``."""
    return {ex["difference"]: ex for ex in course.exercises.values() if ex["kind"] == "self"}


def pole_profile(course, data: dict) -> dict[str, list[float | None]]:
    """``{"leadership": [7 scores], "management": [7 scores]}`` from the saved ``data``
    (the dict :meth:`lmcourse.core.progress.Progress.load` returns); None where unanswered."""
    selves = self_exercises(course)
    out = {"leadership": [], "management": []}
    for diff in DIFFERENCE_IDS:
        ex = selves.get(diff)
        entry = data.get("answers", {}).get(ex["id"]) if ex else None
        value = entry.get("value") if entry else None
        scores = (pole_scores(ex, value) if ex and isinstance(value, dict)
                  else {"leadership": None, "management": None})
        for pole in out:
            out[pole].append(scores[pole])
    return out


def lean(leadership: float | None, management: float | None) -> float | None:
    """One lean from the two pole scores: 50 plus half their difference; None if either is.

    >>> lean(100, 0), lean(40, 80), lean(None, 20)
    (100.0, 30.0, None)
    """
    if leadership is None or management is None:
        return None
    return round(50 + (leadership - management) / 2, 1)


def lean_profile(course, data: dict) -> list[float | None]:
    """The learner's lean on each of the seven differences (None where unanswered)."""
    poles = pole_profile(course, data)
    return [lean(lv, mv) for lv, mv in zip(poles["leadership"], poles["management"],
                                             strict=True)]


def _data(name: str):
    return json.loads(resources.files("lmcourse").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def cases() -> dict:
    """The case pairs (``lmcourse/data/cases.json``): an interpretation for discussion."""
    data = _data("cases.json")
    for key, pair in data["pairs"].items():
        for person in pair["people"]:
            missing = [d for d in DIFFERENCE_IDS if d not in person.get("lean", {})]
            if missing:
                raise ValueError(f"cases.json: {key}/{person.get('id')} has no lean for "
                                 f"{', '.join(missing)} (expected one number per difference)")
    return data


@lru_cache(maxsize=1)
def skills() -> list[dict]:
    """The nine skills (``lmcourse/data/skills.json``), each with its role."""
    return _data("skills.json")["skills"]


def coverage(lean_a, lean_b) -> tuple[list[float], list[float]]:
    """How much of each side two people cover together, per difference.

    Each person's lean gives their reach on the leadership side (the lean) and on the
    management side (100 minus it); the pair covers the larger of the two on each side.

    >>> coverage([90, 20], [30, 80])
    ([90, 80], [70, 80])
    """
    lead = [max(a, b) for a, b in zip(lean_a, lean_b, strict=True)]
    manage = [max(100 - a, 100 - b) for a, b in zip(lean_a, lean_b, strict=True)]
    return lead, manage
