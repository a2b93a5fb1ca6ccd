"""Marking: one exercise's answer scored with :func:`lmcourse.core.scoring.check`, and explained.

A :class:`Marker` holds one exercise of an assignment and turns an answer into points per
question, counters for the class report (the wrong answer given) and feedback in
Markdown: every answer, right or wrong, with its explanation, and for a wrong one the
better answer and why. Results are memoised by answer, since a class gives the same
answers again and again. :func:`student_feedback` assembles one student's file. Pure: no
widgets, no files.
"""

from __future__ import annotations

import re

from ..core import scoring
from ..core.content import questions as keys_of
from ..core.points import points
from .assignment import Assignment

__all__ = ["Marker", "markers", "student_feedback", "oneline"]


def _canon(kind: str, value):
    """An answer in a hashable form that equal answers share (order does not matter)."""
    if value is None:
        return None
    if kind in ("classify", "self"):
        return tuple(sorted(value.items()))
    if kind == "multi":
        return tuple(sorted(set(value)))
    return value


_MARK = {True: "✓ Right", False: "✗ Not right", None: "○ Not answered"}


def oneline(text: str) -> str:
    """Text on one line, runs of white space as one space."""
    return " ".join(str(text).split())


def _unright(text: str) -> str:
    """An explanation written for a right pick ("Right. ..."), told as the reason."""
    return re.sub(r"^Right[.:!]\s*", "", oneline(text))


_NOTHING = ((), "", None)


class Marker:
    """One exercise of an assignment: scores and explains its answers, memoised by answer.

    ``number`` is its place in the assignment, ``points`` what each of its questions is
    worth, ``qindex`` where its questions sit among the assignment's; with
    ``render=False`` (grades only) self-assessments and reflections are skipped and
    nothing is explained."""

    def __init__(self, number: int, ex: dict, mode: str, points: float, qindex: list[int],
                 render: bool = True):
        self.n, self.ex, self.mode, self.points, self.qindex = number, ex, mode, points, qindex
        self.cache: dict = {}
        self.max = points * len(qindex)
        self.render = render
        self.id = ex["id"]
        # answers already known to be of the right type (by type and canonical form);
        # self-assessments stay out: True == 1 would let a boolean pass as a scale point
        self.valid: set | None = set() if ex["kind"] in ("classify", "scenario",
                                                          "multi") else None

    def known_valid(self, value):
        """The answer's memo key when an equal answer already passed the type check (so
        this one need not be checked again), else None. Reflections: True for text."""
        if self.valid is None:
            return self.ex["kind"] == "reflection" and isinstance(value, str) or None
        try:
            key = (type(value), _canon(self.ex["kind"], value))
            return key if key in self.valid else None
        except (TypeError, AttributeError):  # not even hashable: surely not valid
            return None

    def note_valid(self, value) -> None:
        """Remember that ``value`` passed the type check."""
        if self.valid is not None and len(self.valid) < 100_000:
            self.valid.add((type(value), _canon(self.ex["kind"], value)))

    def score(self, value, key=None):
        """``(contributions, feedback markdown, poles)``; a contribution is
        ``(question index, points, points as text, fraction of credit, wrong answer label
        or None)``.
        ``key`` is the memo key :meth:`known_valid` gave, if any."""
        kind = self.ex["kind"]
        if not self.render and kind in ("self", "reflection"):
            return _NOTHING  # no score, and nothing to say when only grades are wanted
        if kind == "reflection":  # free text: every answer differs, nothing to share
            return self._finish(*self._score(value))
        if key is None or key is True:
            key = (type(value), _canon(kind, value))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._finish(*self._score(value))
        return found

    def _finish(self, fractions, md, wrong, poles):
        contrib = tuple((qi, frac * self.points, points(frac * self.points), frac, bad)
                        for qi, frac, bad in zip(self.qindex, fractions, wrong, strict=False))
        return contrib, md, poles

    def _self(self, value):
        """A self-assessment: no right answer, so no check; its pole scores, in words."""
        ex = self.ex
        poles = scoring.pole_scores(ex, value or {})
        if not value:
            said = "- Not answered."
        else:
            parts = [f"{scoring.LABELS[p]} side {v:.0f} of 100" if v is not None
                     else f"{scoring.LABELS[p]} side not answered" for p, v in poles.items()]
            left = len(ex["items"]) - len(value)
            said = ("- Your scores (no right or wrong here): " + "; ".join(parts) + "."
                    + (f" {left} question(s) left open." if left else ""))
        head = (f"## {self.n}. {oneline(ex['title'])} ({self.mode}, not scored)\n\n"
                f"{oneline(ex['prompt'])}\n\n")
        return [], head + said + "\n", [], poles

    def _score(self, value):
        ex, kind = self.ex, self.ex["kind"]
        if kind == "self":
            return self._self(value)
        result = scoring.check(ex, value)
        fractions: list[float] = []
        wrong: list[str | None] = []
        body: list[str] = []
        poles = None
        if kind == "classify":
            answer = value or {}
            said = result.lines if result.status != "empty" else [None] * len(ex["items"])
            for item, line in zip(ex["items"], said, strict=True):
                pick = answer.get(item["id"])
                ok = pick is not None and f"{ex['id']}/{item['id']}" not in result.missed
                fractions.append(1.0 if ok else 0.0)
                wrong.append(None if ok or pick is None else scoring.LABELS[pick])
                why = _unright(item["feedback"][item["answer"]])
                text = oneline(line.text) if pick is not None else (
                    f"The answer: {scoring.LABELS[item['answer']]}. {why}")
                if pick is not None and not ok:
                    text += f" Why {scoring.LABELS[item['answer']]}: {why}"
                body.append(f"- {_MARK[ok if pick is not None else None]}: "
                            f"*{oneline(item['text'])}* {text}")
        elif kind == "scenario":
            ok = result.status == "right"
            fractions.append(1.0 if ok else 0.0)
            options = {o["id"]: o for o in ex["options"]}
            best = next(o for o in ex["options"] if o["correct"])
            if result.status == "empty":
                wrong.append(None)
                body.append(f"- {_MARK[None]}.")
            else:
                pick = options[value]
                wrong.append(None if ok else oneline(pick["text"]))
                body.append(f"- {_MARK[ok]}: you chose *{oneline(pick['text'])}* "
                            f"{oneline(pick['explanation'])}")
            if not ok:
                body.append(f"- The best answer: *{oneline(best['text'])}* "
                            f"{_unright(best['explanation'])}")
        elif kind == "multi":
            fractions.append(result.score / result.total if result.checked else 0.0)
            picked = set(value or [])
            ticks = [o for o in ex["options"] if o["id"] in picked and not o["correct"]]
            wrong.append(oneline(ticks[0]["text"]) if ticks else None)
            if result.status == "empty":
                body.append(f"- {_MARK[None]}.")
            for o in ex["options"]:
                mine = o["id"] in picked
                ok = mine == o["correct"]
                said = ("you ticked it" if mine else "you left it out")
                verdict = "applies" if o["correct"] else "does not apply"
                body.append(f"- {_MARK[ok]}: *{oneline(o['text'])}* It {verdict}; {said}. "
                            f"{oneline(o['explanation'])}")
        else:  # reflection
            text = (value or "").strip()
            if text:
                body.append(f"- {oneline(result.summary)} Your text:")
                body.append("\n".join("  > " + ln for ln in text.splitlines()))
            else:
                body.append("- Not answered.")
        earned = sum(fractions) * self.points
        tag = (f"{points(earned)} of {points(self.max)} points" if self.qindex
               else "not scored")
        head = (f"## {self.n}. {oneline(ex['title'])} ({self.mode}, {tag})\n\n"
                f"{oneline(ex['prompt'])}\n\n")
        return fractions, head + "\n".join(body) + "\n", wrong, poles


def markers(assignment: Assignment, render: bool) -> list[Marker]:
    """A :class:`Marker` for each exercise of ``assignment``, in its order."""
    qpos = {q.key: i for i, q in enumerate(assignment.questions)}
    return [Marker(n, ex, assignment.modes[ex_id], assignment.points[ex_id],
                    [qpos[k] for k in keys_of(ex)], render=render)
            for n, (ex_id, ex) in enumerate(assignment.exercises.items(), 1)]


def student_feedback(assignment: Assignment, cand, total: float, pct: float,
                     late: bool, parts: list[str]) -> str:
    """One student's feedback file: who, when, the score, notes from grading (answers
    that were ignored, and why), then ``parts``, each exercise's explained answer."""
    who = oneline(cand.name) or cand.student_id
    head = [f"# Feedback: {oneline(assignment.title)}", "",
            f"Student: {who} (id {oneline(cand.student_id)})  ",
            f"Submitted: {cand.when.isoformat()}" + (" (after the due date)" if late else "")
            + "  ",
            f"Score: {points(total)} of {points(assignment.max_points)} points ({pct:.1f}%)", ""]
    if cand.notes:
        head.append("Notes from grading:")
        head += [f"- {n.problem}" for n in cand.notes if n.outcome != "note"]
        head.append("")
    return "\n".join(head) + "\n" + "\n".join(parts)


