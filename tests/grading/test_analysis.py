"""Item analysis: hand-worked values for small classes, an independent implementation (numpy)
on a large random class, the edge cases, and the files a grading run writes."""

import csv
import io
import math
import random
import re

import numpy as np
import pytest

from lmcourse.grading import analysis as an
from lmcourse.grading import run as grading
from tests import instructor_fixtures as fx
from tests.instructor_fixtures import RIGHT, hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def scenario(key: str, right: str = "a", options: str = "abc", points: float = 1.0):
    opts = tuple((o, f"Option {o}", o == right) for o in options)
    return an.Question(key, key, "scenario", points, opts, 1 / len(opts))


def collect(questions, answers: list[list], right=None):
    """A collector filled as a run fills it: ``answers[student][question]`` is an option
    id (or None); credit 1 for the right one."""
    col = an.Collector(questions)
    for row in answers:
        total = 0.0
        for k, (q, g) in enumerate(zip(questions, row, strict=True)):
            credit = 1.0 if g is not None and dict((o, c) for o, _, c in q.options)[g] else 0.0
            col.credits[k].append(credit)
            col.given[k].append(g)
            total += credit * q.points
        col.totals.append(total)
    return col


# Five students, three 0/1 questions (1 = the key "a", 0 = "b"):
#        q1 q2 q3  total
#   A    1  1  1   3
#   B    1  1  0   2
#   C    1  0  1   2
#   D    0  1  0   1
#   E    0  0  0   0
FIVE = [["a", "a", "a"], ["a", "a", "b"], ["a", "b", "a"], ["b", "a", "b"], ["b", "b", "b"]]


def test_hand_worked_five_students():
    qs = [scenario("q1"), scenario("q2"), scenario("q3")]
    a = an.analyse(collect(qs, FIVE))
    q1, q2, q3 = a.items
    # facility: 3/5, 3/5, 2/5; sd of q1 (n - 1): deviations .4 .4 .4 -.6 -.6, squares sum
    # to 1.2, / 4 = .3
    assert (q1.facility, q2.facility, q3.facility) == pytest.approx((0.6, 0.6, 0.4))
    assert q1.sd == pytest.approx(math.sqrt(0.3))
    # groups of round(.27 * 5) = 1: A above, E below; all three questions D = 1 - 0
    assert a.group_size == 1
    assert [i.discrimination_index for i in a.items] == pytest.approx([1, 1, 1])
    # q1 against the rest (total - q1): x = 1 1 1 0 0, rest = 2 1 1 1 0; sum of products
    # of deviations .4 + .6 = 1.0; sums of squares 1.2 and 2: r = 1 / sqrt(2.4)
    assert q1.point_biserial == pytest.approx(1 / math.sqrt(2.4))
    # q3: x = 1 0 1 0 0, rest = 2 2 1 1 0: cross .6, squares 1.2 and 2.8
    assert q3.point_biserial == pytest.approx(0.6 / math.sqrt(1.2 * 2.8))  # 0.3273
    # discriminative efficiency: the same cross product over the largest one the sorted
    # scores give: q3 sorted x - .4 = -.4 -.4 -.4 .6 .6, sorted rest - 1.2 = -1.2 -.2 -.2
    # .8 .8: .48 + .08 + .08 + .48 + .48 = 1.6, so .6 / 1.6; q1: 1.0 / 1.0
    assert q3.discriminative_efficiency == pytest.approx(0.375)
    assert q1.discriminative_efficiency == pytest.approx(1.0)
    # KR-20: totals 3 2 2 1 0, variance (N) 5.2 / 5 = 1.04; sum pq = 3 x .24 = .72;
    # 3/2 (1 - .72 / 1.04) = 0.4615; SEM = SD (n - 1: sqrt 1.3) sqrt(1 - 0.4615) = sqrt .7
    t = a.test
    assert t.method == "KR-20" and t.reliability == pytest.approx(1.5 * (1 - 0.72 / 1.04))
    assert t.sd == pytest.approx(math.sqrt(1.3)) and t.sem == pytest.approx(math.sqrt(0.7))
    assert (t.mean, t.median) == (pytest.approx(1.6), 2)
    # q1's options: a chosen by A B C (rest 2 1 1), b by D E (rest 1 0)
    a_opt, b_opt, c_opt = q1.options
    assert (a_opt.chosen, a_opt.chosen_pct, a_opt.upper_pct, a_opt.lower_pct) == (
        3, 60.0, 100.0, 0.0)
    # choosing a against the rest: the indicator is q1's own score, so r is q1's r
    assert a_opt.point_biserial == pytest.approx(q1.point_biserial)
    assert b_opt.point_biserial == pytest.approx(-q1.point_biserial)
    assert c_opt.chosen == 0 and c_opt.flags == ["unchosen"] and c_opt.point_biserial is None


# Ties at the boundary: five students, totals 3 2 2 1 1. The lower group (1 place) is D
# and E, tied on 1: each counts as half a student.
#        q1 q2 q3  total
#   A    1  1  1   3
#   B    1  0  1   2
#   C    1  1  0   2
#   D    0  1  0   1
#   E    1  0  0   1
TIES = [["a", "a", "a"], ["a", "b", "a"], ["a", "a", "b"], ["b", "a", "b"], ["a", "b", "b"]]


def test_ties_at_the_27_percent_boundary_share_the_places():
    up, low = an.groups([3, 2, 2, 1, 1], 1)
    assert up == [1, 0, 0, 0, 0] and low == [0, 0, 0, 0.5, 0.5]
    qs = [scenario("q1"), scenario("q2"), scenario("q3")]
    a = an.analyse(collect(qs, TIES))
    # q1: upper A = 1; lower half of D (0) and half of E (1) = .5 -> D = .5
    # q2: 1 - (.5 x 1 + .5 x 0) = .5; q3: 1 - 0 = 1
    assert [i.discrimination_index for i in a.items] == pytest.approx([0.5, 0.5, 1.0])
    # the order of the students does not matter
    again = an.analyse(collect(qs, TIES[::-1]))
    assert [i.discrimination_index for i in again.items] == pytest.approx([0.5, 0.5, 1.0])
    # sum pq = .16 + .24 + .24 = .64 > the variance of the totals (.56): KR-20 below 0
    assert a.test.reliability == pytest.approx(1.5 * (1 - 0.64 / 0.56))
    q2_b = a.items[1].options[1]  # b, a wrong answer: upper 0%, lower 50% (half of E)
    assert (q2_b.upper_pct, q2_b.lower_pct, q2_b.flags) == (0.0, 50.0, [])


def test_a_distractor_the_upper_group_prefers_is_flagged():
    qs = [scenario("q1"), scenario("q2"), scenario("q3")]
    # the two strongest students (totals 2) choose b on q2, the weakest (1) the key
    a = an.analyse(collect(qs, [["a", "b", "a"], ["a", "b", "a"], ["b", "a", "b"],
                                ["b", "a", "b"]]))
    b = a.items[1].options[1]
    assert b.upper_pct > b.lower_pct and b.flags == ["upper_prefers"]
    assert "negative" in a.items[1].flags
    assert a.flagged[0].question == "q2"


def test_random_guess_scores():
    assert scenario("q", options="abcd").guess == 0.25
    opts = tuple((o, o, o in "ac") for o in "abcde")  # 5 options, 3 do not apply
    # a coin per option: each option judged right half the time (2.5 of 5 = .5), less
    # ticking nothing (1 in 32), which scores 0 instead of 3 of 5: .5 - 3/160 = .48125
    assert an._guess("multi", opts) == pytest.approx(0.48125)


def test_scale_alpha_hand_worked():
    ex = {"id": "s", "difference": "focus", "items": [
        {"id": "a", "pole": "leadership"}, {"id": "b", "pole": "leadership"},
        {"id": "c", "pole": "management"}, {"id": "d", "pole": "management"}]}
    col = an.Collector([], [ex])
    for a_, b_ in ((0, 1), (2, 2), (4, 3)):
        col.scale("s", {"a": a_, "b": b_, "c": 1})  # management side incomplete
    col.totals = [0.0, 0.0, 0.0]
    (lead, manage) = an.analyse(col).scales
    # items a = 0 2 4 (variance 8/3), b = 1 2 3 (2/3), sums 1 4 7 (6): 2 (1 - (10/3) / 6)
    assert lead.alpha == pytest.approx(2 * (1 - (10 / 3) / 6)) and lead.students == 3
    assert manage.alpha is None and manage.students == 0


def independent(credit: np.ndarray, points: np.ndarray, chosen: list[np.ndarray]):
    """The statistics again, with numpy, written apart from the module."""
    n, k = credit.shape
    total = credit @ points
    size = int(math.floor(0.27 * n + 0.5))
    order = np.sort(total)
    weights = []
    for edge, above in ((order[n - size], True), (order[size - 1], False)):
        inside = total > edge if above else total < edge
        tied = np.isclose(total, edge, rtol=0, atol=1e-9)
        w = inside.astype(float)
        w[tied] = (size - inside.sum()) / tied.sum()
        weights.append(w)
    up, low = weights
    out = []
    for j in range(k):
        x = credit[:, j]
        rest = total - x * points[j]
        cx, cr = x - x.mean(), rest - rest.mean()
        top = (np.sort(x) - x.mean()) @ (np.sort(rest) - rest.mean())
        out.append({
            "facility": x.mean(), "sd": x.std(ddof=1),
            "discrimination_index": (up @ x - low @ x) / size,
            "point_biserial": np.corrcoef(x, rest)[0, 1],
            "discriminative_efficiency": (cx @ cr) / top,
            "options": [(int(c.sum()), np.corrcoef(c, rest)[0, 1], 100 * (up @ c) / size,
                         100 * (low @ c) / size) for c in chosen[j]]})
    item_var = (credit * points).var(axis=0).sum()
    alpha = k / (k - 1) * (1 - item_var / total.var())
    return out, alpha, total.std(ddof=1) * math.sqrt(1 - alpha)


def test_matches_an_independent_implementation_on_a_large_random_class():
    rng = random.Random(12)
    qs = [scenario(f"s{j}", points=rng.choice([1, 2]), options="abcd") for j in range(6)]
    opts = tuple((o, o, o in "ab") for o in "abcd")
    qs += [an.Question(f"m{j}", "m", "multi", 3, opts, an._guess("multi", opts))
           for j in range(3)]
    n = 2_000
    col = an.Collector(qs)
    credit = np.zeros((n, len(qs)))
    chosen = [[np.zeros(n) for _ in q.options] for q in qs]
    for i in range(n):
        skill = rng.random()
        total = 0.0
        for j, q in enumerate(qs):
            if q.kind == "scenario":
                g = "a" if rng.random() < 0.3 + 0.6 * skill else rng.choice("bcd")
                c = 1.0 if g == "a" else 0.0
            else:
                g = tuple(o for o in "abcd" if rng.random() < (0.2 + 0.7 * skill
                                                                 if o in "ab" else 0.5))
                c = sum((o in g) == (o in "ab") for o in "abcd") / 4 if g else 0.0
                g = g or None
            col.credits[j].append(c)
            col.given[j].append(g)
            credit[i, j] = c
            for m, (oid, _, _) in enumerate(q.options):
                chosen[j][m][i] = g is not None and (oid in g if isinstance(g, tuple)
                                                      else g == oid)
            total += c * q.points
        col.totals.append(total)
    mine = an.analyse(col)
    theirs, alpha, sem = independent(credit, np.array([q.points for q in qs]), chosen)
    for item, ref in zip(mine.items, theirs, strict=True):
        for name in ("facility", "sd", "discrimination_index", "point_biserial",
                     "discriminative_efficiency"):
            assert getattr(item, name) == pytest.approx(ref[name], abs=1e-9), name
        for o, (count, r, upper, lower) in zip(item.options, ref["options"], strict=False):
            assert (o.chosen, o.point_biserial, o.upper_pct, o.lower_pct) == pytest.approx(
                (count, r, upper, lower), abs=1e-9)
    assert mine.test.method == "Cronbach's alpha"
    assert (mine.test.reliability, mine.test.sem) == pytest.approx((alpha, sem), abs=1e-9)


NAN = re.compile(r"\b(nan|inf)\b", re.I)


def every_output(a) -> str:
    from lmcourse.grading import itempage

    return "\n".join([an.item_csv(a), an.option_csv(a), an.whole_test_csv(a, []),
                      itempage.section(a)])


def test_one_student_gives_blanks_not_nan():
    a = an.analyse(collect([scenario("q1"), scenario("q2")], [["a", "b"]]))
    q1 = a.items[0]
    assert (q1.facility, q1.sd, q1.discrimination_index, q1.point_biserial) == (
        1.0, None, None, None)
    assert a.test.reliability is None and a.test.sd is None and a.group_size == 0
    text = every_output(a)
    assert not NAN.search(text)
    assert "with one student, so no question has a discrimination index" in text


def test_everyone_right_nobody_answered_and_no_spread():
    qs = [scenario("easy"), scenario("blank"), scenario("q3")]
    a = an.analyse(collect(qs, [["a", None, "a"], ["a", None, "b"], ["a", None, "a"],
                                ["a", None, "b"]]))
    easy, blank, q3 = a.items
    assert easy.flags == ["all_right"] and easy.point_biserial is None
    assert easy.discrimination_index == 0
    assert blank.answered == 0 and blank.flags == ["not_answered"]
    assert blank.options[-1].option == "-" and blank.options[-1].chosen == 4
    assert q3.point_biserial is None  # the rest of the test does not vary
    same = an.analyse(collect(qs, [["a", "a", "a"]] * 3))
    assert same.test.reliability is None  # every total the same
    for text in (every_output(a), every_output(same)):
        assert not NAN.search(text)


def rows(text: str):
    return list(csv.reader(io.StringIO(text)))


def test_a_grading_run_writes_the_three_files_with_the_named_columns(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", RIGHT)
    hand_in(tmp_path / "in", "s2", {"sample-s1": "b", "sample-m1": ["a"],
                                    "sample-sort": {"roadmap": "both"}})
    hand_in(tmp_path / "in", "s3", {"sample-s1": "c"})
    summary = grading.grade(unit, [tmp_path / "in"], tmp_path / "out")
    out = tmp_path / "out"
    items = rows((out / "item_analysis.csv").read_text())
    assert items[0][:9] == ["question", "answered", "facility", "sd", "discrimination_index",
                            "point_biserial", "discriminative_efficiency",
                            "random_guess_score", "flags"]
    assert [r[0] for r in items[1:]] == [q.key for q in unit.questions]
    options = rows((out / "option_analysis.csv").read_text())
    assert options[0][:8] == ["question", "option", "correct", "chosen", "chosen_pct",
                              "upper_pct", "lower_pct", "point_biserial"]
    s1 = {r[1]: r for r in options[1:] if r[0] == "sample-s1"}
    assert (s1["a"][2], s1["a"][3], s1["b"][3], s1["c"][3]) == ("yes", "1", "1", "1")
    test = dict(rows((out / "test_analysis.csv").read_text())[1:])
    assert test["students"] == "3" and test["reliability_method"] == "Cronbach's alpha"
    assert "self_focus_leadership_alpha" in test
    # the score distribution: ten bands in order, each student in one, 100% in the top one
    bands = [(k, int(v)) for k, v in test.items() if k.startswith("students_scoring_")]
    assert [k for k, _ in bands] == [f"students_scoring_{lo}-{lo + 9}%" for lo in
                                     range(0, 90, 10)] + ["students_scoring_90-100%"]
    assert sum(n for _, n in bands) == 3 and bands[-1][1] == 1  # s1 answered all right
    page = (out / "report.html").read_text()
    assert "Questions to look at first" in page and "alt='Bar chart: share" in page
    assert summary.analysis_seconds > 0


def test_a_worked_example_and_a_place_exercise_are_analysed(tmp_path):
    """An assignment may ask the steps of a worked example and the situations of a place
    exercise: each is a row, its options those of the step, or each difference offered on
    either side."""
    from lmcourse.grading import assignment

    path = tmp_path / "pe.json"
    path.write_text('{"format": "lmcourse-assignment", "version": 1, "id": "pe", "title": '
                    '"Place and example", "questions": [{"exercise": "focus-example", '
                    '"points": 1}, {"exercise": "mix-early", "items": ["rush", "estates"], '
                    '"points": 2}]}')
    unit_ = assignment.load(path)
    qs = an.questions_of(unit_)
    assert [q.key for q in qs] == ["focus-example/together", "focus-example/missing",
                                   "mix-early/rush", "mix-early/estates"]
    together, _, rush, _ = qs
    assert [(o[0], o[2]) for o in together.options] == [("a", False), ("b", True),
                                                        ("c", False)]
    assert together.guess == pytest.approx(1 / 3) and together.kind == "example"
    # rush is focus, management side; mix-early offers four differences
    assert [o[0] for o in rush.options if o[2]] == ["focus/management"]
    assert len(rush.options) == 8 and rush.options[0][:2] == (
        "focus/leadership", "Focus, leadership side")
    # a random pick earns half the credit for the right difference (1 in 4) and half for
    # the right side (1 in 2): not 1 in 8, the chance of both
    assert rush.guess == pytest.approx((1 / 4 + 1 / 2) / 2)
    # two students: one places rush fully right, one picks the right side only
    for sid, pick in (("s1", {"difference": "focus", "side": "management"}),
                      ("s2", {"difference": "change", "side": "management"})):
        hand_in(tmp_path / "in", sid, {"mix-early": {"rush": pick},
                                       "focus-example": {"together": "b"}},
                assignment_id="pe")
    grading.grade(unit_, [tmp_path / "in"], tmp_path / "out")
    items = {r[0]: r for r in rows((tmp_path / "out" / "item_analysis.csv").read_text())}
    assert items["mix-early/rush"][2] == "0.750"  # facility: (1 + .5) / 2
    options = [r for r in rows((tmp_path / "out" / "option_analysis.csv").read_text())
               if r[0] == "mix-early/rush"]
    chosen = {r[1]: r[3] for r in options}
    assert (chosen["focus/management"], chosen["change/management"]) == ("1", "1")
    assert sum(map(int, chosen.values())) == 2
    # the pairs are categories, not written distractors: none flagged unchosen
    assert not any("unchosen" in r[9] for r in options)
    # the chart names a category by its name alone (not "focus/management: Focus, ...")
    page = (tmp_path / "out" / "report.html").read_text()
    assert "Focus, management side (key): upper 100%, lower 0%" in page
    assert "focus/management: Focus" not in page


def test_a_question_against_the_rest_of_the_test_is_not_said_to_favour_the_lower_group():
    # totals 3 3 3 2 2; q1 = 1 1 1 1 0. Upper place: the three on 3 share it (q1 = 1);
    # lower place: D and E on 2 share it (q1 = .5): D = .5 > 0. Against the rest (2 2 2 1 2,
    # mean 1.8; q1 mean .8): cross 3 x .04 - .16 - .16 = -.2, squares .8 and .8: r = -.25
    qs = [scenario("q1"), scenario("q2"), scenario("q3")]
    a = an.analyse(collect(qs, [["a", "a", "a"]] * 3 + [["a", "a", "b"], ["b", "a", "a"]]))
    q1 = a.items[0]
    assert q1.discrimination_index == pytest.approx(0.5)
    assert q1.point_biserial == pytest.approx(-0.25)
    assert q1.flags == ["against_rest"]
    what, todo = an.FLAGS["against_rest"]
    assert "corrected r" in what and "upper group" in what
    # D below 0 is the other flag, and its words say so
    b = an.analyse(collect(qs, [["b", "a", "a"], ["b", "a", "a"], ["a", "b", "b"],
                                ["a", "b", "b"]]))
    assert b.items[0].discrimination_index < 0 and b.items[0].flags == ["negative"]
    assert "D below 0" in an.FLAGS["negative"][0]


def test_a_scale_side_of_one_item_is_collected_but_has_no_alpha():
    ex = {"id": "s", "difference": "focus", "items": [
        {"id": "a", "pole": "leadership"}, {"id": "c", "pole": "management"},
        {"id": "d", "pole": "management"}]}
    col = an.Collector([], [ex])
    for value in ({"a": 1, "c": 0, "d": 1}, {"a": 3, "c": 2, "d": 2}, {"c": 4}):
        col.scale("s", value)
    col.scale("other", {"a": 1})  # not a self-assessment of this assignment
    assert col.scales[("focus", "leadership")] == (["a"], [(1,), (3,)])
    assert col.scales[("focus", "management")][1] == [(0, 1), (2, 2)]
    col.totals = [0.0, 0.0, 0.0]
    lead, manage = an.analyse(col).scales
    assert lead.alpha is None and lead.students == 2  # alpha needs two items
    # c = 0 2 (variance 1), d = 1 2 (.25), sums 1 4 (2.25): 2 (1 - 1.25 / 2.25)
    assert manage.alpha == pytest.approx(2 * (1 - 1.25 / 2.25))
