"""Scoring answers against an exercise, with feedback a learner can read.

Pure functions: an exercise (a dict from :mod:`lmcourse.core.content`) and an answer in, a
:class:`Result` out. No widgets, no files. The answer's shape depends on the kind:

============  ==========================================  ===========================
kind          answer                                      nothing chosen
============  ==========================================  ===========================
classify      ``{item_id: category}``                     ``{}`` or all values None
scenario      an option id                                ``None``
multi         a list of option ids                        ``[]``
self          ``{item_id: index into the scale}``         ``{}``
reflection    text                                        ``""``
============  ==========================================  ===========================

>>> ex = {"id": "q", "kind": "scenario", "options": [
...     {"id": "a", "text": "A", "correct": True, "explanation": "Yes."},
...     {"id": "b", "text": "B", "correct": False, "explanation": "No."}]}
>>> check(ex, "b").status, check(ex, "b").score
('wrong', 0)
>>> check(ex, None).summary
'Choose an answer first, then press Check.'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .content import CATEGORIES, POLES

__all__ = ["Line", "Result", "check", "pole_scores", "LABELS"]

#: How categories and poles are named to a learner.
LABELS = {"leadership": "Leadership", "management": "Management", "both": "Both"}


@dataclass(frozen=True)
class Line:
    """One piece of feedback: ``ok`` is True (right), False (wrong) or None (neutral)."""

    ok: bool | None
    text: str
    subject: str = ""  # the statement or option the line is about


@dataclass(frozen=True)
class Result:
    """What a check found.

    ``status`` is ``empty`` (nothing to check), ``right``, ``partly``, ``wrong`` or
    ``saved`` (a self-assessment or reflection, which has no right answer)."""

    status: str
    summary: str
    score: int = 0
    total: int = 0
    lines: list[Line] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # question keys answered wrong
    open: int = 0  # questions left unanswered

    @property
    def checked(self) -> bool:
        return self.status in ("right", "partly", "wrong")


def check(exercise: dict, answer) -> Result:
    """Score ``answer`` to ``exercise`` and explain every part of it."""
    kind = exercise["kind"]
    if kind == "classify":
        return _classify(exercise, answer or {})
    if kind == "scenario":
        return _scenario(exercise, answer)
    if kind == "multi":
        return _multi(exercise, list(answer or []))
    if kind == "self":
        return _self(exercise, answer or {})
    if kind == "reflection":
        return _reflection(answer)
    raise ValueError(f"exercise {exercise.get('id')!r} has unknown kind {kind!r}")


def _verdict(score: int, total: int) -> str:
    if score == total:
        return "right"
    return "wrong" if score == 0 else "partly"


def _classify(ex: dict, answer: dict) -> Result:
    items = ex["items"]
    chosen = {k: v for k, v in answer.items() if v in CATEGORIES}
    if not any(item["id"] in chosen for item in items):
        return Result("empty", "Choose a category for at least one statement, then press Check.",
                      total=len(items), open=len(items))
    lines, missed, score, left = [], [], 0, 0
    for item in items:
        pick = chosen.get(item["id"])
        if pick is None:
            left += 1
            lines.append(Line(None, "Not answered yet.", item["text"]))
            continue
        ok = pick == item["answer"]
        score += ok
        if not ok:
            missed.append(f"{ex['id']}/{item['id']}")
        # The verdict itself (✓ Right / ✗ Not right) is the feedback mark's job.
        head = (f"{LABELS[pick]} is the best fit." if ok
                else f"You chose {LABELS[pick]}; the better fit is {LABELS[item['answer']]}.")
        lines.append(Line(ok, f"{head} {item['feedback'][pick]}", item["text"]))
    summary = f"You placed {score} of {len(items)} statements well."
    if left:
        summary += f" {left} still to place."
    elif score < len(items):
        summary += " Read the notes below, change your picks and check again."
    return Result(_verdict(score, len(items)), summary, score, len(items), lines, missed, left)


def _scenario(ex: dict, answer) -> Result:
    options = {o["id"]: o for o in ex["options"]}
    if answer not in options:
        return Result("empty", "Choose an answer first, then press Check.", total=1, open=1)
    pick = options[answer]
    if pick["correct"]:
        return Result("right", "Well chosen.", 1, 1, [Line(True, pick["explanation"],
                                                            pick["text"])])
    return Result("wrong", "Read why, then try another answer.", 0, 1,
                  [Line(False, pick["explanation"], pick["text"])], [ex["id"]])


def _multi(ex: dict, answer: list) -> Result:
    known = [o for o in ex["options"] if o["id"] in answer]
    if not known:
        return Result("empty", "Tick every option you think applies, then press Check.",
                      total=len(ex["options"]), open=1)
    lines, score = [], 0
    for o in ex["options"]:
        picked = o["id"] in answer
        ok = picked == o["correct"]
        score += ok
        if picked:
            head = "Right to tick this." if ok else "This one does not apply."
        elif o["correct"]:
            head = "You left this out, and it applies."
        else:
            continue  # rightly left out: no need to say more
        lines.append(Line(ok, f"{head} {o['explanation']}", o["text"]))
    total = len(ex["options"])
    status = "right" if score == total else "partly" if score else "wrong"
    summary = (f"{score} of {total} options judged right." +
               ("" if score == total else " Adjust your ticks and check again."))
    return Result(status, summary, score, total, lines, [] if score == total else [ex["id"]])


def pole_scores(exercise: dict, answer: dict) -> dict[str, float | None]:
    """A self-assessment's score on each pole, 0-100 (the mean of its answered items),
    or None for a pole with no item answered yet."""
    top = len(exercise["scale"]) - 1
    sums = {p: [] for p in POLES}
    for item in exercise["items"]:
        value = (answer or {}).get(item["id"])
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= top:
            sums[item["pole"]].append(value / top * 100)
    return {p: (round(sum(v) / len(v), 1) if v else None) for p, v in sums.items()}


def _self(ex: dict, answer: dict) -> Result:
    scores = pole_scores(ex, answer)
    answered = sum(1 for item in ex["items"] if item["id"] in answer)
    total = len(ex["items"])
    if not answered:
        return Result("empty", "Answer at least one question; there are no wrong answers.",
                      total=total, open=total)
    parts = [f"{LABELS[p]} side {scores[p]:.0f} of 100" if scores[p] is not None
             else f"{LABELS[p]} side not answered yet" for p in POLES]
    summary = f"Saved. {'; '.join(parts)}."
    if answered < total:
        summary += f" {total - answered} question(s) still open."
    return Result("saved", summary, answered, total, open=total - answered)


def _reflection(answer) -> Result:
    text = (answer or "").strip()
    if not text:
        return Result("empty", "Write a few sentences first; nothing is saved while the box "
                      "is empty.", open=1)
    words = len(text.split())
    return Result("saved", f"Saved ({words} word{'s' if words != 1 else ''}).")
