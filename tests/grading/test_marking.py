"""Marking one answer: points per question from its scoring record, and feedback that
teaches, rendered from the same records."""

from lmcourse.grading import marking
from tests import instructor_fixtures as fx

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def marker(unit, ex_id, render=True):
    return next(m for m in marking.markers(unit, render) if m.id == ex_id)


def test_scenario_right_and_wrong(unit):
    m = marker(unit, "sample-s1")
    mark = m.score("a")
    assert mark[:6] == ((2.0,), ("2",), (1.0,), ((),), (True,), ("a",))
    assert "✓ Right" in mark.md and "(graded, 2 of 2 points)" in mark.md
    assert mark.poles is None
    mark = m.score("b")
    picked = unit.exercises["sample-s1"]["options"][1]["text"]
    assert mark.points == (0,) and mark.wrong == ((picked,),)  # the wrong answer, for the report
    assert "✗ Not right: you chose" in mark.md and "The best answer: *Why should" in mark.md


def test_classify_counts_each_item_and_explains_unanswered(unit):
    m = marker(unit, "sample-sort")
    mark = m.score({"roadmap": "leadership"})
    assert (mark.points, mark.said) == ((1.0, 0.0), (True, False))
    assert "○ Not answered" in mark.md and "The answer: Management." in mark.md


def test_multi_gives_partial_credit_and_marks_each_option(unit):
    mark = marker(unit, "sample-m1").score(["a"])
    assert round(mark.points[0], 2) == 2.0  # 2 of 3 options judged right, of 3 points
    assert "◐ Partly right: 2 of 3 options judged right." in mark.md
    assert "✗ *Choosing which customers to serve* It applies; you left it out." in mark.md


def test_an_empty_choose_all_answer_marks_no_option_right(unit):
    mark = marker(unit, "sample-m1").score([])
    assert mark[:6] == ((0.0,), ("0",), (0.0,), ((),), (False,), (None,))
    assert "(practice, 0 of 3 points)" in mark.md and "nothing ticked, so no credit" in mark.md
    assert "✓" not in mark.md and "Right" not in mark.md


def test_explanations_are_shown_as_authored(unit):
    ex = unit.exercises["sample-s1"]
    ex["options"][0]["explanation"] = "Right: purpose comes first."
    m = marker(unit, "sample-s1")
    m.ex = ex
    assert "The note for it reads: “Right: purpose comes first.”" in m.score("b").md


def test_self_and_reflection_carry_no_points(unit):
    mark = marker(unit, "sample-self").score({"a": 4, "b": 0})
    assert mark.points == () and mark.poles["leadership"] is not None
    assert "not scored" in mark.md
    mark = marker(unit, "sample-reflect").score("Line one\nline <two>")
    assert mark.points == () and "> Line one\n> line &#60;two&#62;\n" in mark.md


def test_answers_are_memoised_and_grades_only_skips_text(unit):
    m = marker(unit, "sample-s1")
    assert m.score("a") is m.score("a")
    quiet = marker(unit, "sample-self", render=False)
    assert quiet.score({"a": 1}) == marking.Mark()
    mark = marker(unit, "sample-s1", render=False).score("a")
    assert mark.md == "" and mark.points == (2.0,)


def test_place_example_and_reflection_feedback_in_markdown(tmp_path, sample_dir):
    from lmcourse.grading import assignment
    from tests.conftest import write_json

    data = {"format": "lmcourse-assignment", "version": 1, "id": "kinds", "title": "Kinds",
            "questions": [{"exercise": "sample-place", "points": 2},
                          {"exercise": "sample-example"}, {"exercise": "sample-reflect"}]}
    found = assignment.load(write_json(tmp_path / "k.json", data), exercises=sample_dir)
    place, example, reflect = marking.markers(found, True)
    mark = place.score({"rush": {"difference": "focus", "side": "leadership"},
                        "brunch": {"difference": "change", "side": "leadership"}})
    assert mark.points == (1.0, 2.0)  # half of 2 points, then all of them
    assert mark.wrong[0] == ("Focus, leadership side",)
    assert "◐ Partly right: *A manager moves a cook" in mark.md
    assert "the better fit is Focus, management side" in mark.md
    mark = example.score({"how": "b"})
    assert (mark.points, mark.said) == ((0.0, 0.0), (True, False))
    assert "✗ Not right: *What does the operational side ask?*" in mark.md
    md = reflect.score("I plan the rota.").md
    assert "One way to answer it: The rota is planned on Fridays" in md
    assert "3. Does it say what that costs?" in md
