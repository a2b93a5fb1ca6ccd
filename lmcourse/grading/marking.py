"""Marking: one exercise's answer scored with :func:`lmcourse.core.scoring.check`, and explained.

A :class:`Marker` holds one exercise of an assignment and turns an answer into points per
question, the wrong answers given (for the class report) and the exercise's section of the
feedback file, rendered from the scoring records by :mod:`lmcourse.core.markdown`. Results
are memoised by answer, since a class gives the same answers again and again.
:func:`student_feedback` assembles one student's file. Pure: no widgets, no files.
"""

from __future__ import annotations

from typing import NamedTuple

from ..core import markdown, scoring
from ..core.content import SCORED_KINDS
from ..core.content import questions as keys_of
from ..core.markdown import oneline
from ..core.points import points
from .assignment import Assignment

__all__ = ["Mark", "Marker", "markers", "student_feedback", "oneline"]


def _canon(kind: str, value):
    """An answer in a hashable form that equal answers share (order does not matter)."""
    if value is None:
        return None
    if kind in ("classify", "self", "example"):
        return tuple(sorted(value.items()))
    if kind == "place":
        return tuple(sorted((k, tuple(sorted(v.items()))) for k, v in value.items()))
    if kind == "multi":
        return tuple(sorted(set(value)))
    return value


class Mark(NamedTuple):
    """One answer to one exercise, scored and explained. Per question of the exercise, in
    order: its points, the points as text, the fraction of the credit, the wrong answers
    given (in words, for the class report), whether it was answered, and the answer given;
    then the exercise's section of the feedback file and, for a self-assessment, its
    scores per side; last, the section encoded for the file."""

    points: tuple = ()
    cells: tuple = ()
    credit: tuple = ()
    wrong: tuple = ()
    said: tuple = ()
    given: tuple = ()
    md: str = ""
    poles: dict | None = None
    data: bytes = b""  # md in UTF-8


_NOTHING = Mark()


class Marker:
    """One exercise of an assignment: scores and explains its answers, memoised by answer.

    ``number`` is its place in the assignment, ``points`` what each of its questions is
    worth, ``qindex`` where its questions sit among the assignment's (side by side:
    ``lo`` to ``hi``); with ``render=False`` (grades only) self-assessments and
    reflections are skipped and nothing is explained."""

    def __init__(self, number: int, ex: dict, mode: str, points: float, qindex: list[int],
                 render: bool = True, memo: bool = True):
        self.n, self.ex, self.mode, self.points, self.qindex = number, ex, mode, points, qindex
        if qindex != list(range(qindex[0], qindex[0] + len(qindex)) if qindex else []):
            raise ValueError(f"the questions of {ex['id']!r} are not side by side")
        self.lo = qindex[0] if qindex else 0
        self.hi = self.lo + len(qindex)
        self.cache: dict | None = {} if memo else None
        self.max = points * len(qindex)
        self.render = render
        self.id = ex["id"]
        self.title, self.prompt = oneline(ex["title"]), oneline(ex["prompt"])
        # a reflection's exemplar and self-check, the same in every student's feedback
        self._tail = (markdown.exemplar_md(ex.get("exemplar"), ex.get("self_check"))
                      if ex["kind"] == "reflection" else [])
        # answers already known to be of the right type (by type and canonical form);
        # self-assessments stay out: True == 1 would let a boolean pass as a scale point
        self.valid: set | None = set() if memo and ex["kind"] in SCORED_KINDS else None

    def known_valid(self, value):
        """The answer's memo key when an equal answer already passed the type check (so
        this one need not be checked again), else None. Reflections: True for text."""
        if self.valid is None:
            return (self.cache is not None and self.ex["kind"] == "reflection"
                    and isinstance(value, str)) or None
        try:
            key = (type(value), _canon(self.ex["kind"], value))
            return key if key in self.valid else None
        except (TypeError, AttributeError):  # not even hashable: surely not valid
            return None

    def note_valid(self, value) -> None:
        """Remember that ``value`` passed the type check."""
        if self.valid is not None and len(self.valid) < 100_000:
            self.valid.add((type(value), _canon(self.ex["kind"], value)))

    def score(self, value, key=None) -> Mark:
        """``value`` scored and explained (a :class:`Mark`). ``key`` is the memo key
        :meth:`known_valid` gave, if any."""
        kind = self.ex["kind"]
        if not self.render and kind in ("self", "reflection"):
            return _NOTHING  # no score, and nothing to say when only grades are wanted
        if kind == "reflection" or self.cache is None:  # free text: every answer differs
            return self._score(value)
        if key is None or key is True:
            key = (type(value), _canon(kind, value))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._score(value)
        return found

    def _score(self, value) -> Mark:
        ex, kind = self.ex, self.ex["kind"]
        if kind == "self":
            poles = scoring.pole_scores(ex, value or {})
            md = self._section("not scored", markdown.self_md(ex, poles, value)
                               ) if self.render else ""
            return Mark(md=md, poles=poles, data=md.encode())
        result = scoring.check(ex, value)
        if kind == "reflection":
            md = self._section("not scored",
                               markdown.reflection_md(result.summary, value) + self._tail)
            return Mark(md=md, data=md.encode())
        each = self.points
        records = result.records
        earned = tuple(r.credit * each for r in records)
        mark = Mark(earned, tuple(points(x) for x in earned),
                    tuple(r.credit for r in records), tuple(r.wrong_picks for r in records),
                    tuple(r.status != "open" for r in records), tuple(r.given for r in records))
        if not self.render:
            return mark
        tag = f"{points(sum(earned))} of {points(self.max, unit=True)}"
        md = self._section(tag, markdown.records_md(records))
        return mark._replace(md=md, data=md.encode())

    def _section(self, tag: str, body: list[str]) -> str:
        return markdown.section(self.n, self.title, self.prompt, self.mode, tag, body)


def markers(assignment: Assignment, render: bool, memo: bool = True) -> list[Marker]:
    """A :class:`Marker` for each exercise of ``assignment``, in its order; ``memo=False``
    scores every answer afresh."""
    qpos = {q.key: i for i, q in enumerate(assignment.questions)}
    return [Marker(n, ex, assignment.modes[ex_id], assignment.points[ex_id],
                    [qpos[k] for k in keys_of(ex)], render=render, memo=memo)
            for n, (ex_id, ex) in enumerate(assignment.exercises.items(), 1)]


def student_feedback(assignment: Assignment, cand, total: float, pct: float,
                     late: bool, parts: list[bytes]) -> bytes:
    """One student's feedback file, UTF-8, as :func:`lmcourse.core.markdown.feedback_file`
    writes it: who, when, the score, notes from grading, then ``parts``, each exercise's
    section already encoded (:attr:`Mark.data`: once per distinct answer, not once per
    student)."""
    notes = [n.problem for n in cand.notes if n.outcome != "note"] if cand.notes else []
    return markdown.feedback_head(assignment.title, cand.name, cand.student_id,
                                  cand.when.isoformat(), late, total, assignment.max_points,
                                  pct, notes).encode() + b"\n".join(parts)
