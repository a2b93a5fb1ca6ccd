"""The review round's plan: which questions to ask again, and in what order.

Retrieval after a gap helps most on what was not yet known, and mixing kinds of problem
helps most when the kinds are easily confused (interleaving: Rohrer & Taylor 2007;
Brunmair & Richter 2019). The seven differences are such kinds. So the round asks every
question the learner answered wrong at some check and has not yet got right here, adds
the "which difference is this?" situations of its own notebook (:data:`ROUND_NOTEBOOK`),
which are asked nowhere else, and deals them out across the differences: one question per
difference in turn, so that no two neighbors share a difference while more than one
difference is left. Pure: course content and saved progress data in, a list out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import DIFFERENCE_IDS, narrow, questions

__all__ = ["ROUND_NOTEBOOK", "Question", "difference_of", "pending", "interleave", "plan"]

#: The notebook whose "which difference is this?" sets are asked in the review round only.
ROUND_NOTEBOOK = "10-your-profile"


@dataclass(frozen=True)
class Question:
    """One question of the round: its key, the exercise narrowed to ask only it, the
    difference it is about (None for the skills and case notebooks), the notebook it
    comes from, and whether it is new here (``fresh``) rather than missed earlier."""

    key: str
    exercise: dict
    difference: str | None
    notebook: str
    fresh: bool


def difference_of(exercise: dict, key: str) -> str | None:
    """The difference a question is about: a situation's own difference for a place item;
    else the difference of the notebook it belongs to (01-07); else None.

    >>> difference_of({"kind": "scenario", "_notebook": "03-change"}, "change-check-1")
    'change'
    """
    if exercise["kind"] == "place" and "/" in key:
        item = key.split("/", 1)[1]
        return next((i["difference"] for i in exercise["items"] if i["id"] == item), None)
    stem = exercise.get("_notebook", "")
    number = int(stem[:2]) if stem[:2].isdigit() else 0
    return DIFFERENCE_IDS[number - 1] if 1 <= number <= len(DIFFERENCE_IDS) else None


def pending(course, data: dict) -> list[Question]:
    """Every question still due, in course order: those answered wrong (or half right) at
    some check and not yet answered right in the round, and the round's own situations
    not yet answered right in it."""
    answers, reviewed = data.get("answers", {}), data.get("reviewed", {})
    out = []
    for ex_id, ex in course.exercises.items():
        own = ex.get("_notebook") == ROUND_NOTEBOOK and ex["kind"] == "place"
        missed = set((answers.get(ex_id) or {}).get("missed") or [])
        for key in questions(ex):
            if key in reviewed or not (own or key in missed):
                continue
            out.append(Question(key, narrow(ex, key), difference_of(ex, key),
                                ex.get("_notebook", ""), own))
    return out


def interleave(due: list[Question]) -> list[Question]:
    """``due`` dealt out across the differences: the first question of each difference
    in course order (questions about no difference last), then the second of each, and
    so on; within a difference, the order of ``due``."""
    order = [*DIFFERENCE_IDS, None]
    piles: dict = {d: [q for q in due if q.difference == d] for d in order}
    out: list[Question] = []
    while any(piles.values()):
        for d in order:
            if piles[d]:
                out.append(piles[d].pop(0))
    return out


def plan(course, data: dict, limit: int = 12) -> tuple[list[Question], int]:
    """The round: up to ``limit`` questions, interleaved, and how many are due in all."""
    due = interleave(pending(course, data))
    return due[:limit], len(due)
