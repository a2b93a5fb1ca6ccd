"""Item analysis: how each question, each option and the whole test worked.

What Canvas, Moodle and Brightspace report about a quiz, computed from a grading run, plus
what none of them has (the random-guess score of a choose-all question, the reliability of
the course's own self-assessment scales). Definitions (N students graded, an item's score
``x`` as a fraction of its points, ``t`` a student's total in points):

- ``facility``: the mean of ``x`` over all N students (an unanswered question scores 0);
  ``sd``: its standard deviation (N - 1 in the denominator, as Moodle).
- ``discrimination_index`` D (Kelley): the mean ``x`` of the upper 27% of students by
  total score minus that of the lower 27%. A group holds ``round(0.27 N)`` students; the
  students tied on the total at a group's edge share its remaining places equally (each
  counts as a fraction of a student), so the order of the files never matters.
- ``point_biserial``: the correlation of ``x`` with the rest of the test, ``t`` less this
  item's points (the corrected item-total correlation); for a 0/1 item it is the
  point-biserial.
- ``discriminative_efficiency`` (Moodle): the covariance of ``x`` with the rest of the test
  over the largest covariance the same scores could have (both sorted, then paired).
- ``random_guess_score``: the mean ``x`` of a student who picks at random: 1/n for one of
  n options or categories; for a situation to place, half of 1/n (n differences) plus half
  of 1/2 (the two sides); for a choose-all question, every option ticked or not by a coin
  toss, scored by the course's rule (ticking nothing scores 0). Moodle leaves this blank
  for multiple-answer questions.
- Reliability: KR-20 when every item is scored 0 or 1 and all weigh the same, otherwise
  Cronbach's alpha, both ``k/(k-1) (1 - sum of item variances / variance of t)``; the
  standard error of measurement is ``SD(t) sqrt(1 - reliability)``. The self-assessment
  scales get Cronbach's alpha too, per difference and side, over the students who
  answered all of that side's items.
- Options: how many chose each (ticked, for a choose-all question), the share of all
  students, of the upper and of the lower group, and the correlation of choosing it with
  the rest of the test.

Flags say what to look at (``FLAGS`` has the words and what to do): D below 0 is
"negative"; a corrected r below 0 with D not below 0 runs "against the rest" (the two can
disagree in a small class, and the words say which is which); D below 0.20 is "poor"
(Ebel and Frisbie read .20-.29 marginal, .30-.39 good, .40 and up very good); a wrong
option nobody chose is flagged for scenario, choose-all and worked-example questions, not
for the fixed categories of a sorting item or a situation to place. A value that
cannot be computed (one student, no spread) is None, written as an empty cell: never NaN.

Pure: plain Python arithmetic, no numpy, no widgets; :class:`Collector` is filled during
the run at the cost of two list appends per question and student.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter, mul, sub

from ..core.content import POLES, blanks
from ..core.csvfile import csv_text
from ..core.markdown import oneline
from ..core.scoring import LABELS, place_label

__all__ = ["Question", "Collector", "ItemStats", "OptionStats", "TestStats", "ScaleStats",
           "Analysis", "questions_of", "analyse", "groups", "item_csv", "option_csv",
           "whole_test_csv", "FLAGS", "SHORT", "URGENCY", "SHARE", "POOR",
           "CATEGORICAL"]

#: The share of students in the upper and in the lower group.
SHARE = 0.27
#: A discrimination index below this is poor (Ebel and Frisbie).
POOR = 0.20
_EPS = 1e-12
#: Kinds whose options are fixed categories (a sorting item's; a situation's differences,
#: each on either side), not written distractors: one nobody chose is not flagged.
CATEGORICAL = ("classify", "place")

#: Each flag: (what it means, what to do), in plain words.
FLAGS = {
    "not_answered": ("Nobody answered it.",
                     "Check that it reached the students: is it in their released notebook?"),
    "none_right": ("Nobody earned any credit on it.",
                   "Check the answer key first, then whether the class was taught this."),
    "negative": ("The lower group did better on it than the upper group (D below 0).",
                 "Check the answer key; then look for wording that misleads the students "
                 "who know more."),
    "against_rest": ("It runs against the rest of the test (corrected r below 0): across "
                     "the class, students who did well elsewhere did no better on it, "
                     "though the upper group beat the lower group.",
                     "Check the answer key and the wording; if both are sound, watch it "
                     "with the next class before you drop it."),
    "poor": (f"It barely tells stronger from weaker students (D below {POOR:.2f}).",
             "Rewrite the question or its weakest wrong answer, or drop it."),
    "guessing": ("Its score is no better than picking at random.",
                 "Check the answer key and the wording: it may be unclear."),
    "upper_prefers": ("More of the upper group than of the lower group chose this wrong "
                      "answer.",
                      "It may be defensible as right, or the key wrong: check the key, then "
                      "rewrite this option (or, for a sorting item, the statement)."),
    "unchosen": ("Nobody chose this wrong answer.",
                 "It distracts nobody: replace it with a more plausible wrong answer."),
    "all_right": ("Every student earned full credit on it.",
                  "It tells students apart not at all: keep it as a warm-up, or make it "
                  "harder."),
    "no_spread": ("Every student earned the same score on it.",
                  "It tells students apart not at all: check how it is scored."),
}
#: Each flag in a few words, for tables.
SHORT = {"not_answered": "nobody answered", "none_right": "nobody right",
         "negative": "negative discrimination", "against_rest": "against the rest of the "
         "test", "poor": "poor discrimination",
         "guessing": "at guessing level", "upper_prefers": "a wrong answer the upper group "
         "prefers", "unchosen": "a wrong answer nobody chose", "all_right": "everyone right",
         "no_spread": "everyone the same score"}
#: Most urgent first: the order of the flagged questions in the report.
URGENCY = ["not_answered", "none_right", "negative", "against_rest", "poor", "guessing",
           "upper_prefers", "unchosen", "no_spread", "all_right"]


@dataclass(frozen=True)
class Question:
    """What the analysis needs to know of one scored question: its options are
    ``(id, text, correct)``; for a classify item they are the categories."""

    key: str
    title: str
    kind: str
    points: float
    options: tuple[tuple[str, str, bool], ...]
    guess: float


def _guess(kind: str, options) -> float:
    n = len(options)
    if kind == "multi":
        wrong = sum(1 for o in options if not o[2])
        return 0.5 - wrong / (n * 2 ** n)
    if kind == "place":  # half the credit for each part: the difference, the side
        return (len(POLES) / n + 1 / len(POLES)) / 2
    return 1 / n


def _options_of(ex: dict, part: str | None) -> tuple[str, tuple]:
    """The title and options of one question of ``ex`` (``part``: its item or step)."""
    title = oneline(ex["title"])
    kind = ex["kind"]
    if kind == "classify":
        item = next(i for i in ex["items"] if i["id"] == part)
        return (f"{title}: {oneline(item['text'])}",
                tuple((c, LABELS[c], c == item["answer"]) for c in ex["categories"]))
    if kind == "place":  # each difference on each side, as "difference/side"
        item = next(i for i in ex["items"] if i["id"] == part)
        return (f"{title}: {oneline(item['text'])}",
                tuple((f"{d}/{s}", place_label(d, s), (d, s) == (item["difference"],
                                                                  item["side"]))
                      for d in ex["differences"] for s in POLES))
    if kind == "example":  # a step to complete: its options
        step = next(s for s in blanks(ex) if s["id"] == part)
        title, opts = f"{title}: {oneline(step['question'])}", step["options"]
    else:
        opts = ex["options"]
    return title, tuple((o["id"], oneline(o["text"]), bool(o["correct"])) for o in opts)


def questions_of(assignment) -> list[Question]:
    """The scored questions of an assignment, in its order: a scenario or choose-all
    question, a statement to sort (its options the categories), a situation to place (the
    differences offered, each on either side), a worked example's step to complete."""
    out = []
    for q in assignment.questions:
        ex = assignment.exercises[q.exercise]
        part = q.key.split("/", 1)[1] if "/" in q.key else None
        title, opts = _options_of(ex, part)
        out.append(Question(q.key, title, ex["kind"], q.points, opts, _guess(ex["kind"], opts)))
    return out


def _one(key: str):
    """Like ``itemgetter(key)``, but a tuple of the one value."""
    return lambda value: (value[key],)


class Collector:
    """Filled while grading: per question, each student's credit and answer; the totals;
    the self-assessment answers."""

    def __init__(self, questions: list[Question], self_exercises: list[dict] = ()):
        self.questions = questions
        self.credits: list[list[float]] = [[] for _ in questions]
        self.given: list[list] = [[] for _ in questions]
        self.totals: list[float] = []
        self.max_points = sum(q.points for q in questions)
        # (difference, pole) -> (item ids, rows of answers)
        self.scales: dict[tuple[str, str], tuple[list[str], list[tuple[int, ...]]]] = {}
        # exercise id -> per side with items: (its answers as a tuple, add a row); an
        # itemgetter, since this runs once per student and self-assessment
        self._self: dict[str, list] = {}
        for ex in self_exercises:
            for pole in POLES:
                ids = [i["id"] for i in ex["items"] if i["pole"] == pole]
                rows: list[tuple[int, ...]] = []
                self.scales[(ex["difference"], pole)] = (ids, rows)
                if ids:
                    get = itemgetter(*ids) if len(ids) > 1 else _one(ids[0])
                    self._self.setdefault(ex["id"], []).append((get, rows.append))

    def scale(self, exercise_id: str, value) -> None:
        """One student's answer to a self-assessment: a row for each side whose items
        were all answered."""
        sides = self._self.get(exercise_id)
        if sides is None or not value:
            return
        for get, add in sides:
            try:
                add(get(value))
            except KeyError:  # this side not answered in full
                pass


@dataclass
class OptionStats:
    question: str
    option: str
    text: str
    correct: bool
    chosen: int
    chosen_pct: float
    upper_pct: float | None
    lower_pct: float | None
    point_biserial: float | None
    flags: list[str] = field(default_factory=list)


@dataclass
class ItemStats:
    question: str
    title: str
    kind: str
    points: float
    answered: int
    facility: float | None
    sd: float | None
    discrimination_index: float | None
    point_biserial: float | None
    discriminative_efficiency: float | None
    random_guess_score: float
    flags: list[str] = field(default_factory=list)
    options: list[OptionStats] = field(default_factory=list)

    @property
    def all_flags(self) -> list[str]:
        """The item's flags, then its options' (each once), most urgent first."""
        found = set(self.flags) | {f for o in self.options for f in o.flags}
        return [f for f in URGENCY if f in found]

    @property
    def band(self) -> str:
        """D read as Ebel and Frisbie read it."""
        d = self.discrimination_index
        if d is None:
            return ""
        return ("very good" if d >= 0.40 else "good" if d >= 0.30 else "marginal"
                if d >= POOR else "poor")


@dataclass
class TestStats:
    students: int
    max_points: float
    mean: float | None
    median: float | None
    sd: float | None
    reliability: float | None
    method: str
    sem: float | None
    items: int


@dataclass
class ScaleStats:
    difference: str
    side: str
    items: int
    students: int
    alpha: float | None


@dataclass
class Analysis:
    test: TestStats
    items: list[ItemStats]
    scales: list[ScaleStats]
    group_size: int

    @property
    def flagged(self) -> list[ItemStats]:
        """The items with a flag, most urgent first."""
        marked = [i for i in self.items if i.all_flags]
        return sorted(marked, key=lambda i: URGENCY.index(i.all_flags[0]))


def groups(totals: list[float], size: int) -> tuple[list[float], list[float]]:
    """Weights of each student in the upper and in the lower group of ``size``: 1 inside,
    0 outside, and for the students tied on the total at a group's edge, an equal share
    of the places left.

    >>> groups([1, 2, 2, 3], 1)
    ([0.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.0, 0.0])
    >>> groups([1, 2, 2, 2], 1)[0]
    [0.0, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333]
    """
    n = len(totals)
    keys = [round(t, 9) for t in totals]  # equal totals summed in another order are ties
    ranked = sorted(keys)
    return _side(keys, size, ranked[n - size] if size else None, True), \
        _side(keys, size, ranked[size - 1] if size else None, False)


def _side(keys, size, edge, upper):
    if not size:
        return [0.0] * len(keys)
    inside = sum(1 for k in keys if (k > edge if upper else k < edge))
    tied = sum(1 for k in keys if k == edge)
    share = (size - inside) / tied
    return [1.0 if (k > edge if upper else k < edge) else share if k == edge else 0.0
            for k in keys]


def _corr(sxy, sxx, syy):
    return sxy / math.sqrt(sxx * syy) if sxx > _EPS and syy > _EPS else None


def analyse(col: Collector) -> Analysis:
    """Every statistic of the module docstring, from a filled :class:`Collector`."""
    totals = col.totals
    n_students = len(totals)
    size = int(SHARE * n_students + 0.5)
    up, low = groups(totals, size) if n_students else ([], [])
    s_t = sum(totals)
    ss_t = sum(map(mul, totals, totals)) - s_t * s_t / n_students if n_students else 0.0
    members = ([(i, w) for i, w in enumerate(up) if w], [(i, w) for i, w in enumerate(low) if w])
    items = [_item(q, col.credits[k], col.given[k], totals, s_t, up, low, size, members)
             for k, q in enumerate(col.questions)]
    return Analysis(_test(col, items, ss_t), items, _scales(col), size)


def _item(q: Question, x, given, totals, s_t, up, low, size, members) -> ItemStats:
    n = len(x)
    p = q.points
    answered = n - given.count(None)
    if not n:
        return ItemStats(q.key, q.title, q.kind, p, 0, None, None, None, None, None, q.guess,
                         ["not_answered"])
    s_x = sum(x)
    s_xx = sum(map(mul, x, x))
    s_xt = sum(map(mul, x, totals))
    ss_x = max(s_xx - s_x * s_x / n, 0.0)
    s_r = s_t - p * s_x  # the rest of the test: t - p x
    rest = list(map(sub, totals, map(mul, x, repeat(p))))
    ss_r = sum(map(mul, rest, rest)) - s_r * s_r / n
    s_xr = (s_xt - p * s_xx) - s_x * s_r / n
    top = sum(map(mul, sorted(x), sorted(rest))) - s_x * s_r / n
    facility = s_x / n
    d = ((sum(map(mul, up, x)) - sum(map(mul, low, x))) / size) if size else None
    item = ItemStats(q.key, q.title, q.kind, p, answered, facility,
                     math.sqrt(ss_x / (n - 1)) if n > 1 else None, d,
                     _corr(s_xr, ss_x, ss_r), s_xr / top if top > _EPS else None, q.guess)
    item.options = _options(q, x, given, rest, *members, size, s_r / n, ss_r / n)
    item.flags = _flags(item, ss_x)
    return item


def _flags(item: ItemStats, ss_x: float) -> list[str]:
    if not item.answered:
        return ["not_answered"]
    if ss_x <= _EPS:  # every student the same score: nothing to discriminate
        return ["all_right" if item.facility >= 1 - 1e-9 else
                "none_right" if item.facility <= 1e-9 else "no_spread"]
    found = []
    d, r = item.discrimination_index, item.point_biserial
    if d is not None and d < 0:
        found.append("negative")
    elif r is not None and r < 0:
        found.append("against_rest")
    elif d is not None and d < POOR:
        found.append("poor")
    if item.facility <= item.random_guess_score:
        found.append("guessing")
    return found


def _options(q, x, given, rest, up, low, size, mean_r, var_r) -> list[OptionStats]:
    """Per option: who chose it, in all, in each group, and against the rest of the test.
    Students who gave the same answer are summed together first (one pass over the class,
    then one over each group's members, ``up`` and ``low``: ``(student, weight)``)."""
    counts = Counter(given)
    sums = dict.fromkeys(counts, 0.0)
    for g, r in zip(given, rest, strict=True):
        sums[g] += r
    upper, lower = dict.fromkeys(sums, 0.0), dict.fromkeys(sums, 0.0)
    for members, into in ((up, upper), (low, lower)):
        for i, w in members:
            into[given[i]] += w
    # distinct answer -> [count, sum of rest, upper weight, lower weight]
    acc = {g: [counts[g], sums[g], upper[g], lower[g]] for g in sums}
    n = len(x)
    out = []
    for oid, text, correct in q.options:
        hits = [a for g, a in acc.items() if g is not None  # (a place answer: a pair)
                and (g == oid or isinstance(g, tuple) and (oid in g or "/".join(g) == oid))]
        out.append(_option(q.key, oid, text, correct, hits, n, size, mean_r, var_r))
    if None in acc:
        out.append(_option(q.key, "-", "(no answer)", False, [acc[None]], n, size, mean_r,
                           var_r))
    for o in out:
        if o.correct or o.option == "-":
            continue
        if o.chosen == 0:
            if q.kind not in CATEGORICAL:
                o.flags.append("unchosen")
        elif size and o.upper_pct > o.lower_pct + 1e-9:
            o.flags.append("upper_prefers")
    return out


def _option(key, oid, text, correct, hits, n, size, mean_r, var_r) -> OptionStats:
    chosen = sum(a[0] for a in hits)
    share = chosen / n
    cov = sum(a[1] for a in hits) / n - share * mean_r
    r = (cov / math.sqrt(share * (1 - share) * var_r)
         if 0 < share < 1 and var_r > _EPS else None)
    return OptionStats(key, oid, text, correct, chosen, 100 * share,
                       100 * sum(a[2] for a in hits) / size if size else None,
                       100 * sum(a[3] for a in hits) / size if size else None, r)


def _pvar(values) -> float:
    """The population variance (N in the denominator)."""
    n = len(values)
    s = sum(values)
    return max(sum(map(mul, values, values)) - s * s / n, 0.0) / n


def _alpha(k: int, item_vars: float, total_var: float) -> float | None:
    if k < 2 or total_var <= _EPS:
        return None
    return k / (k - 1) * (1 - item_vars / total_var)


def _test(col: Collector, items: list[ItemStats], ss_t: float) -> TestStats:
    totals = col.totals
    n = len(totals)
    k = len(items)
    if not n:
        return TestStats(0, col.max_points, None, None, None, None, "", None, k)
    var_t = ss_t / n
    item_vars = 0.0
    binary = len({q.points for q in col.questions}) <= 1
    for q, x in zip(col.questions, col.credits, strict=True):
        s_x = sum(x)
        item_vars += q.points ** 2 * max(sum(map(mul, x, x)) - s_x * s_x / n, 0.0) / n
        binary = binary and set(x) <= {0.0, 1.0}
    rel = _alpha(k, item_vars, var_t)
    sd = math.sqrt(ss_t / (n - 1)) if n > 1 else None
    sem = sd * math.sqrt(1 - rel) if sd is not None and rel is not None and rel <= 1 else None
    return TestStats(n, col.max_points, sum(totals) / n, statistics.median(totals), sd, rel,
                     "KR-20" if binary else "Cronbach's alpha", sem, k)


def _scales(col: Collector) -> list[ScaleStats]:
    out = []
    for (diff, pole), (ids, rows) in col.scales.items():
        alpha = None
        if len(rows) > 1:
            item_vars = sum(_pvar(c) for c in zip(*rows, strict=True))
            alpha = _alpha(len(ids), item_vars, _pvar(list(map(sum, rows))))
        out.append(ScaleStats(diff, pole, len(ids), len(rows), alpha))
    return out


# --- CSV files -----------------------------------------------------------------------

def _num(x: float | None, digits: int = 3) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def item_csv(a: Analysis) -> str:
    """``item_analysis.csv``: one row per scored question or sorting item."""
    rows = [["question", "answered", "facility", "sd", "discrimination_index",
             "point_biserial", "discriminative_efficiency", "random_guess_score", "flags",
             "title", "points"]]
    for i in a.items:
        rows.append([i.question, i.answered, _num(i.facility), _num(i.sd),
                     _num(i.discrimination_index), _num(i.point_biserial),
                     _num(i.discriminative_efficiency), _num(i.random_guess_score),
                     "; ".join(i.all_flags), i.title, f"{i.points:g}"])
    return csv_text(rows)


def option_csv(a: Analysis) -> str:
    """``option_analysis.csv``: one row per question and option (and "-" for no answer)."""
    rows = [["question", "option", "correct", "chosen", "chosen_pct", "upper_pct",
             "lower_pct", "point_biserial", "text", "flags"]]
    for i in a.items:
        for o in i.options:
            rows.append([o.question, o.option, "yes" if o.correct else "no", o.chosen,
                         _num(o.chosen_pct, 1), _num(o.upper_pct, 1), _num(o.lower_pct, 1),
                         _num(o.point_biserial), o.text, "; ".join(o.flags)])
    return csv_text(rows)


def whole_test_csv(a: Analysis, bands: list[tuple[str, int]]) -> str:
    """``test_analysis.csv``: the test as a whole, one statistic a row, then the score
    distribution (``bands``: label and count) and the self-assessment scales' alpha."""
    t = a.test
    rows = [["statistic", "value"], ["students", t.students], ["items", t.items],
            ["max_points", f"{t.max_points:g}"], ["mean_points", _num(t.mean)],
            ["median_points", _num(t.median)], ["sd_points", _num(t.sd)],
            ["reliability_method", t.method], ["reliability", _num(t.reliability)],
            ["sem_points", _num(t.sem)], ["group_size_27pct", a.group_size]]
    rows += [[f"students_scoring_{label}", count] for label, count in bands]
    for s in a.scales:
        rows += [[f"self_{s.difference}_{s.side}_alpha", _num(s.alpha)],
                 [f"self_{s.difference}_{s.side}_students", s.students]]
    return csv_text(rows)
