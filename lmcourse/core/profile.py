"""A learner's profile across the seven differences, assembled from saved answers.

Pure functions over the course content and the saved progress data: no widgets, no
plotting. The model is two scales, not one lean: for each difference a person has two
separate scores from 0 to 100, how much of the leadership-side work they do and how much of
the management-side work (Kotter: "it is possible to have too much or too little of
either"). Strong at both, at one, or at neither are all different profiles. A side the
learner has not answered is ``None`` (missing), never zero.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .content import DIFFERENCE_IDS, DIFFERENCES, POLES
from .scoring import pole_scores

__all__ = ["LABELS", "SKILLS_ID", "WELL", "self_exercises", "pole_profile", "gap", "cases",
           "case_profile", "skills", "coverage"]

#: The saved answer that holds the learner's skill ratings (notebook 08).
SKILLS_ID = "skills-rating"
#: A score at or above this covers a side well: one line for the pair-up tool, the profile
#: table and notebook 10's evidence, so they never disagree about what is covered.
WELL = 60
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


def gap(leadership: float | None, management: float | None) -> float | None:
    """How much more of the leadership-side work than of the management-side work
    (negative: the other way round); None when either is missing. A number to show
    *beside* the two scores, never instead of them: a gap of 0 is both high or both low.

    >>> gap(80, 30), gap(40, 40), gap(None, 20)
    (50.0, 0.0, None)
    """
    if leadership is None or management is None:
        return None
    return round(float(leadership) - float(management), 1)


def _data(name: str):
    return json.loads(resources.files("lmcourse").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def cases() -> dict:
    """The case pairs (``lmcourse/data/cases.json``): our reading of each person on the two
    scales of every difference, with its reasons and sources; for discussion, not a
    measurement."""
    data = _data("cases.json")
    for key, pair in data["pairs"].items():
        for person in pair["people"]:
            scores = person.get("scores", {})
            bad = [d for d in DIFFERENCE_IDS
                   if not all(isinstance((scores.get(d) or {}).get(side), int | float)
                              and 0 <= scores[d][side] <= 100 for side in POLES)]
            if bad or not person.get("sources"):
                raise ValueError(f"cases.json: {key}/{person.get('id')} has no two scores "
                                 f"for {', '.join(bad) or 'every difference'} or no sources "
                                 "(expected a leadership and a management score, 0-100, "
                                 "for each difference, and a list of sources)")
    return data


def case_profile(person: dict) -> dict[str, list[float]]:
    """A case person's two series, as :func:`pole_profile` gives the learner's."""
    return {side: [person["scores"][d][side] for d in DIFFERENCE_IDS] for side in POLES}


@lru_cache(maxsize=1)
def skills() -> list[dict]:
    """The nine skills (``lmcourse/data/skills.json``), each with its role."""
    return _data("skills.json")["skills"]


def coverage(a: dict, b: dict) -> dict[str, list[float | None]]:
    """What two people cover together on each side of each difference: the better of the
    two scores, side by side (two profiles as :func:`pole_profile` gives them; a missing
    score counts for nothing, and a side neither has is missing).

    >>> coverage({"leadership": [90, 20], "management": [40, None]},
    ...          {"leadership": [30, 80], "management": [85, None]})
    {'leadership': [90, 80], 'management': [85, None]}
    """
    out = {}
    for side in POLES:
        out[side] = [max((v for v in pair if v is not None), default=None)
                     for pair in zip(a[side], b[side], strict=True)]
    return out

