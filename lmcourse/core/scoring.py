"""Scoring answers against an exercise: one judged record per question, and a summary.

Pure functions: an exercise (a dict from :mod:`lmcourse.core.content`) and an answer in, a
:class:`Result` out. No widgets, no files, no wording beyond the summary: the notebook's
HTML (:mod:`lmcourse.core.feedback`) and the graded Markdown (:mod:`lmcourse.core.markdown`)
are both rendered from the :class:`Record` list, so they cannot disagree. The answer's
shape depends on the kind:

============  ==========================================  ===========================
kind          answer                                      nothing chosen
============  ==========================================  ===========================
classify      ``{item_id: category}``                     ``{}`` or all values None
scenario      an option id                                ``None``
multi         a list of option ids (repeats count once)   ``[]``
self          ``{item_id: index into the scale}``         ``{}``
reflection    text                                        ``""``
place         ``{item_id: {"difference": d, "side": s}}``  ``{}``
example       ``{step_id: option id}``                    ``{}``
============  ==========================================  ===========================

A *place* item ("which difference is this?") is one question with two parts, the
difference and the side: both right is right (credit 1), one right is partly right (credit
1/2); it counts as answered once both parts are chosen. Each step to complete of a worked
*example* is one question with one best answer, like a scenario.

One rule for answers that name something the question does not have: a scenario or
choose-all answer holding an option id the question lacks is **not an answer** (status
``empty``, no credit), as is an empty choose-all list ``[]`` (there is always at least
one option that applies, so ticking nothing is never right).

>>> ex = {"id": "q", "kind": "scenario", "options": [
...     {"id": "a", "text": "A", "correct": True, "explanation": "Yes."},
...     {"id": "b", "text": "B", "correct": False, "explanation": "No."}]}
>>> r = check(ex, "b")
>>> r.status, r.score, r.records[0].better
('wrong', 0, 'A')
>>> check(ex, None).summary
'Choose an answer first, then press Check.'
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import CATEGORIES, DIFFERENCE_LABELS, POLES, blanks

__all__ = ["Choice", "Record", "Result", "check", "pole_scores", "scale_points",
           "unscored_index", "unknown_options", "placed", "place_label", "LABELS",
           "STATUSES"]

#: How categories and poles are named to a learner.
LABELS = {"leadership": "Leadership", "management": "Management", "both": "Both"}
#: A record's status: ``partly`` only for a choose-all question.
STATUSES = ("right", "partly", "wrong", "open")


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choose-all question as the learner left it: ticked or not, and
    whether it applies; judged right when the two agree."""

    id: str
    text: str
    ticked: bool
    applies: bool
    explanation: str

    @property
    def ok(self) -> bool:
        return self.ticked == self.applies


@dataclass(frozen=True, slots=True)
class Record:
    """One question (a scenario, a choose-all, a step to complete) or item (a classify
    statement, a situation to place), judged.

    ``key`` is ``exercise`` or ``exercise/item``; ``subject`` the statement sorted or the
    situation placed (classify, place) or the step's question (example), empty for a
    scenario or choose-all; ``status`` one of :data:`STATUSES` (``partly`` only for a
    choose-all question or a half-right place item); ``credit`` the share of the question's
    points earned (0 to 1). ``given`` is the answer as given (a category, an option id, the
    ticked ids in the question's order, a ``(difference, side)`` pair; None when open) and
    ``given_text`` the same in words;
    ``explanation`` is the authored explanation of that answer, as written. For an answer
    that is not right (or open), ``better`` names the better answer and ``why`` is the
    authored explanation of it. A choose-all question lists every option in ``choices``."""

    key: str
    subject: str
    status: str
    credit: float
    given: str | tuple | None
    given_text: str
    explanation: str
    better: str = ""
    why: str = ""
    choices: tuple[Choice, ...] = ()

    @property
    def wrong_picks(self) -> tuple[str, ...]:
        """The wrong answers given, in words: the pick of a wrong classify item, scenario,
        step or place item (a half-right place too), every option wrongly ticked in a
        choose-all question."""
        if self.choices:
            return tuple(c.text for c in self.choices if c.ticked and not c.applies)
        return (self.given_text,) if self.status in ("wrong", "partly") else ()


@dataclass(frozen=True)
class Result:
    """What a check found.

    ``status`` is ``empty`` (nothing to check), ``right``, ``partly``, ``wrong`` or
    ``saved`` (a self-assessment or reflection, which has no right answer). ``score`` of
    ``total`` counts statements placed well (classify), the answer (scenario) or options
    judged right (choose-all); ``records`` holds one :class:`Record` per question or item
    (none for a self-assessment or reflection); ``open`` counts questions left open."""

    status: str
    summary: str
    score: int = 0
    total: int = 0
    records: tuple[Record, ...] = ()
    open: int = 0

    @property
    def checked(self) -> bool:
        return self.status in ("right", "partly", "wrong")

    @property
    def missed(self) -> list[str]:
        """The keys of the questions answered, and not right."""
        return [r.key for r in self.records if r.status in ("wrong", "partly")]

    @property
    def wrong_given(self) -> dict[str, str]:
        """The answer given to each question answered and not right, as a string: a
        category, an option id, or ``difference/side`` for a place item (a choose-all
        question, judged option by option, is left out). Kept with the saved answer, so
        notebook 10 can show what a learner mixed up even after they corrected it."""
        return {r.key: "/".join(r.given) if isinstance(r.given, tuple) else str(r.given)
                for r in self.records
                if r.status in ("wrong", "partly") and not r.choices and r.given is not None}


def check(exercise: dict, answer) -> Result:
    """Score ``answer`` to ``exercise``: a record for every question, and a summary."""
    kind = exercise["kind"]
    if kind == "classify":
        return _classify(exercise, answer or {})
    if kind == "scenario":
        return _scenario(exercise, answer)
    if kind == "multi":
        return _multi(exercise, answer)
    if kind == "self":
        return _self(exercise, answer or {})
    if kind == "reflection":
        return _reflection(answer)
    if kind == "place":
        return _place(exercise, answer)
    if kind == "example":
        return _example(exercise, answer)
    raise ValueError(f"exercise {exercise.get('id')!r} has unknown kind {kind!r}")


def unknown_options(exercise: dict, answer) -> list[str]:
    """The option ids in a scenario or choose-all ``answer`` that ``exercise`` does not
    have, each once, in the answer's order (``[]`` for other kinds or a clean answer).

    >>> unknown_options({"kind": "multi", "options": [{"id": "a"}]}, ["a", "z", "z"])
    ['z']
    """
    kind = exercise["kind"]
    if kind not in ("scenario", "multi") or answer is None:
        return []
    ids = {o["id"] for o in exercise["options"]}
    given = [answer] if kind == "scenario" else answer
    if not isinstance(given, list | tuple):
        return []
    return list(dict.fromkeys(v for v in given if isinstance(v, str) and v not in ids))


def _verdict(score: int, total: int) -> str:
    if score == total:
        return "right"
    return "wrong" if score == 0 else "partly"


def _classify(ex: dict, answer: dict) -> Result:
    items = ex["items"]
    chosen = {k: v for k, v in answer.items() if v in CATEGORIES} if isinstance(
        answer, dict) else {}
    records, score, left = [], 0, 0
    for item in items:
        right = item["answer"]
        pick = chosen.get(item["id"])
        key = f"{ex['id']}/{item['id']}"
        if pick is None:
            left += 1
            records.append(Record(key, item["text"], "open", 0.0, None, "", "",
                                  LABELS[right], item["feedback"][right]))
            continue
        ok = pick == right
        score += ok
        records.append(Record(key, item["text"], "right" if ok else "wrong", float(ok),
                              pick, LABELS[pick], item["feedback"][pick],
                              "" if ok else LABELS[right],
                              "" if ok else item["feedback"][right]))
    return _tally(records, score, len(items), left,
                  "Choose a category for at least one statement, then press Check.",
                  f"You placed {score} of {len(items)} statements well.",
                  f" {left} still to place.",
                  " Read the notes below, change your picks and check again.")


def _scenario(ex: dict, answer) -> Result:
    best = next(o for o in ex["options"] if o["correct"])
    pick = next((o for o in ex["options"] if o["id"] == answer), None)
    if pick is None:  # nothing chosen, or an id the question does not have
        return Result("empty", "Choose an answer first, then press Check.", total=1,
                      records=(Record(ex["id"], "", "open", 0.0, None, "", "",
                                      best["text"], best["explanation"]),), open=1)
    ok = pick is best
    record = Record(ex["id"], "", "right" if ok else "wrong", float(ok), pick["id"],
                    pick["text"], pick["explanation"], "" if ok else best["text"],
                    "" if ok else best["explanation"])
    if ok:
        return Result("right", "Well chosen.", 1, 1, (record,))
    return Result("wrong", "Read why, then try another answer.", 0, 1, (record,))


def _multi(ex: dict, answer) -> Result:
    options = ex["options"]
    given = set(answer) if isinstance(answer, list | tuple) else set()
    total = len(options)
    if not given or unknown_options(ex, list(given)):
        choices = tuple(Choice(o["id"], o["text"], False, o["correct"], o["explanation"])
                        for o in options)
        return Result("empty", "Tick every option you think applies, then press Check.",
                      total=total, records=(Record(ex["id"], "", "open", 0.0, None, "", "",
                                                   choices=choices),), open=1)
    choices = tuple(Choice(o["id"], o["text"], o["id"] in given, o["correct"],
                           o["explanation"]) for o in options)
    score = sum(c.ok for c in choices)
    status = _verdict(score, total)
    ticked = tuple(c.id for c in choices if c.ticked)
    record = Record(ex["id"], "", status, score / total, ticked,
                    "; ".join(c.text for c in choices if c.ticked), "", choices=choices)
    summary = (f"{score} of {total} options judged right." +
               ("" if score == total else " Adjust your ticks and check again."))
    return Result(status, summary, score, total, (record,))


def placed(exercise: dict, answer) -> dict[str, tuple[str, str]]:
    """The items of a place ``answer`` with both parts chosen among the exercise's own
    differences and the two sides: ``{item_id: (difference, side)}``."""
    if not isinstance(answer, dict):
        return {}
    out = {}
    for key, pick in answer.items():
        if not isinstance(pick, dict):
            continue
        diff, side = pick.get("difference"), pick.get("side")
        if diff in exercise["differences"] and side in POLES:
            out[key] = (diff, side)
    return out


def place_label(difference: str, side: str) -> str:
    """A place answer in words: ``Change, management side``."""
    return f"{DIFFERENCE_LABELS[difference]}, {side} side"


def _place(ex: dict, answer) -> Result:
    chosen = placed(ex, answer)
    records, score, left, total = [], 0, 0, len(ex["items"])
    for item in ex["items"]:
        key = f"{ex['id']}/{item['id']}"
        right = (item["difference"], item["side"])
        why = f"{item['feedback'][right[0]]} {item['side_feedback'][right[1]]}"
        pick = chosen.get(item["id"])
        if pick is None:
            left += 1
            records.append(Record(key, item["text"], "open", 0.0, None, "", "",
                                  place_label(*right), why))
            continue
        parts = (pick[0] == right[0]) + (pick[1] == right[1])
        score += parts == 2
        status = ("right", "partly", "wrong")[2 - parts]
        said = f"{item['feedback'][pick[0]]} {item['side_feedback'][pick[1]]}"
        records.append(Record(key, item["text"], status, parts / 2, pick,
                              place_label(*pick), said,
                              "" if parts == 2 else place_label(*right),
                              "" if parts == 2 else why))
    return _tally(records, score, total, left,
                  "Choose a difference and a side for at least one situation, then press "
                  "Check.",
                  f"You placed {score} of {total} situations fully right.",
                  f" {left} still to place (each needs a difference and a side).",
                  " Read the notes below, change your picks and check again.")


def _example(ex: dict, answer) -> Result:
    chosen = answer if isinstance(answer, dict) else {}
    steps = blanks(ex)
    records, score, left = [], 0, 0
    for step in steps:
        key = f"{ex['id']}/{step['id']}"
        best = next(o for o in step["options"] if o["correct"])
        pick = next((o for o in step["options"] if o["id"] == chosen.get(step["id"])), None)
        if pick is None:
            left += 1
            records.append(Record(key, step["question"], "open", 0.0, None, "", "",
                                  best["text"], best["explanation"]))
            continue
        ok = pick is best
        score += ok
        records.append(Record(key, step["question"], "right" if ok else "wrong", float(ok),
                              pick["id"], pick["text"], pick["explanation"],
                              "" if ok else best["text"], "" if ok else best["explanation"]))
    return _tally(records, score, len(steps), left,
                  "Choose an answer for at least one step, then press Check.",
                  f"You completed {score} of {len(steps)} steps well.",
                  f" {left} still to complete.",
                  " Read why, try another answer, and compare with the worked step.")


def _tally(records: list, score, total: int, left: int, empty: str, done: str,
           still: str, again: str) -> Result:
    """The result of a set of parts answered one by one (statements, situations, steps):
    ``empty`` when none is answered; else ``done``, then ``still`` while some are left
    open, or ``again`` when all are answered and some are not right."""
    if left == total:
        return Result("empty", empty, total=total, records=tuple(records), open=left)
    summary = done + (still if left else again if score < total else "")
    return Result(_verdict(score, total), summary, score, total, tuple(records), left)


def scale_points(exercise: dict) -> dict[int, float]:
    """A self-assessment's scored options: index into the scale -> points from 0 (the first
    label) to 100 (the last scored one). The ``unscored`` option (such as "I have not had
    the chance") has no points, so it is never counted as low.

    >>> scale_points({"scale": ["Never", "Sometimes", "Always", "No chance"],
    ...               "unscored": "No chance"})
    {0: 0.0, 1: 50.0, 2: 100.0}
    """
    scored = [i for i, label in enumerate(exercise["scale"])
              if label != exercise.get("unscored")]
    top = max(len(scored) - 1, 1)
    return {i: rank / top * 100 for rank, i in enumerate(scored)}


def unscored_index(exercise: dict) -> int | None:
    """The index of the self-assessment's unscored option, or None when it has none."""
    label = exercise.get("unscored")
    return exercise["scale"].index(label) if label in exercise["scale"] else None


def pole_scores(exercise: dict, answer: dict) -> dict[str, float | None]:
    """A self-assessment's score on each side, 0-100: the mean points of its items
    answered on the scale. An item answered with the unscored option leaves the score as
    it is; a side with no scored answer is None (missing), never 0."""
    points = scale_points(exercise)
    sums = {p: [] for p in POLES}
    for item in exercise["items"]:
        value = (answer or {}).get(item["id"])
        if isinstance(value, int) and not isinstance(value, bool) and value in points:
            sums[item["pole"]].append(points[value])
    return {p: (round(sum(v) / len(v), 1) if v else None) for p, v in sums.items()}


def _self(ex: dict, answer: dict) -> Result:
    scores = pole_scores(ex, answer)
    answered = sum(1 for item in ex["items"] if item["id"] in answer)
    skip = unscored_index(ex)
    unscored = sum(1 for item in ex["items"] if skip is not None and answer.get(item["id"])
                   == skip)
    total = len(ex["items"])
    if not answered:
        return Result("empty", "Answer at least one question; there are no wrong answers.",
                      total=total, open=total)
    parts = [f"{LABELS[p]} side {scores[p]:.0f} of 100" if scores[p] is not None
             else f"{LABELS[p]} side: no answer on the scale yet" for p in POLES]
    summary = f"Saved. {'; '.join(parts)}."
    if unscored:
        summary += (f" {unscored} answered \u201c{ex['unscored']}\u201d, left out of the "
                    "score.")
    if answered < total:
        summary += f" {total - answered} question(s) still open."
    return Result("saved", summary, answered, total, open=total - answered)


def _reflection(answer) -> Result:
    text = (answer or "").strip() if isinstance(answer, str) else ""
    if not text:
        return Result("empty", "Write a few sentences first; nothing is saved while the box "
                      "is empty.", open=1)
    words = len(text.split())
    return Result("saved", f"Saved ({words} word{'s' if words != 1 else ''}).")
