"""Marking one answer: points per question from scoring.check, and feedback that teaches."""

from lmcourse.grading import marking
from tests import instructor_fixtures as fx

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def marker(unit, ex_id, render=True):
    return next(m for m in marking.markers(unit, render) if m.id == ex_id)


def test_scenario_right_and_wrong(unit):
    m = marker(unit, "sample-s1")
    contrib, md, poles = m.score("a")
    assert [(pts, text, frac, bad) for _, pts, text, frac, bad in contrib] == [
        (2.0, "2", 1.0, None)]
    assert "✓ Right" in md and "(graded, 2 of 2 points)" in md and poles is None
    contrib, md, _ = m.score("b")
    assert contrib[0][1] == 0 and contrib[0][4] is not None  # the wrong answer, for the report
    assert "The best answer" in md


def test_classify_counts_each_item_and_explains_unanswered(unit):
    m = marker(unit, "sample-sort")
    contrib, md, _ = m.score({"roadmap": "leadership"})
    assert [c[1] for c in contrib] == [1.0, 0.0]
    assert "○ Not answered" in md and "The answer: Management." in md


def test_multi_gives_partial_credit(unit):
    contrib, md, _ = marker(unit, "sample-m1").score(["a"])
    assert round(contrib[0][1], 2) == 2.0  # 2 of 3 options judged right, of 3 points
    assert "you left it out" in md


def test_self_and_reflection_carry_no_points(unit):
    contrib, md, poles = marker(unit, "sample-self").score({"a": 4, "b": 0})
    assert contrib == () and poles["leadership"] is not None and "not scored" in md
    contrib, md, _ = marker(unit, "sample-reflect").score("Line one\nline two")
    assert contrib == () and "  > Line one\n  > line two" in md


def test_answers_are_memoised_and_grades_only_skips_text(unit):
    m = marker(unit, "sample-s1")
    assert m.score("a") is m.score("a")
    quiet = marker(unit, "sample-self", render=False)
    assert quiet.score({"a": 1}) == ((), "", None)

