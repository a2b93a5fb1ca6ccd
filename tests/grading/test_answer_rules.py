"""How a run treats odd answers, and what the report counts: unknown option ids, repeats,
an empty choose-all list, every wrong tick, and who answered each sorting item."""

import csv
import re

from lmcourse.grading import assignment
from lmcourse.grading import run as grading
from tests import instructor_fixtures as fx
from tests.conftest import ROOT
from tests.instructor_fixtures import hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared
WEEK_1 = ROOT / "exercises" / "assignments" / "week-1.json"


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_unknown_option_ids_are_a_problem_and_repeats_count_once(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", {"sample-s1": "z", "sample-m1": ["a", "a", "c", "c", "z"]})
    hand_in(tmp_path / "in", "s2", {"sample-m1": ["a", "a", "c", "c"]})
    grading.grade(unit, [tmp_path / "in"], tmp_path / "out")
    one, two = rows(tmp_path / "out" / "grades.csv")
    assert (one["sample-s1"], one["sample-m1"], one["total"]) == ("0", "0", "0")
    assert one["status"] == "graded, 2 answers ignored"
    assert two["sample-m1"] == "3"  # [a, a, c, c] is {a, c}: the right set
    listed = {(p["student_id"], p["outcome"], p["problem"])
              for p in rows(tmp_path / "out" / "problems.csv")}
    assert listed == {
        ("s1", "answer ignored", "answer to 'sample-s1' is option 'z', which the question "
         "does not have (its options: a, b, c)"),
        ("s1", "answer ignored", "answer to 'sample-m1' is a list naming option 'z', which "
         "the question does not have (its options: a, b, c)")}
    text = (tmp_path / "out" / "feedback" / "s1.md").read_text()
    assert "Notes from grading:" in text and "option 'z'" in text


def test_an_empty_choose_all_list_scores_0_and_is_shown_as_not_answered(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", {"sample-m1": []})
    grading.grade(unit, [tmp_path / "in"], tmp_path / "out")
    (row,) = rows(tmp_path / "out" / "grades.csv")
    assert row["sample-m1"] == "0"
    text = (tmp_path / "out" / "feedback" / "s1.md").read_text()
    part = text[text.index("Strategic tasks"):text.index("## 4.")]
    assert "0 of 3 points" in part and "○ Not answered: nothing ticked" in part
    assert "✓" not in part and "Right" not in part
    report = (tmp_path / "out" / "report.html").read_text()
    assert re.search(r"<code>sample-m1</code>.*?<td>0%</td><td>0</td>", report)


def report_row(report, key):
    return re.search(rf"<code>{re.escape(key)}</code>.*?</tr>", report).group(0)


def test_report_counts_every_wrong_tick_and_each_item_answered(tmp_path):
    week = assignment.load(WEEK_1)
    # b and e are the two options of focus-multi that do not apply; b comes first
    for sid, ticks in (("s1", ["a", "b", "e"]), ("s2", ["b", "e"]), ("s3", ["e"])):
        hand_in(tmp_path / "in", sid, {"focus-multi": ticks,
                                       "focus-sort": {"routes": "management"}},
                assignment_id="week-1")
    grading.grade(week, [tmp_path / "in"], tmp_path / "out")
    report = (tmp_path / "out" / "report.html").read_text()
    e_text = next(o["text"] for o in week.exercises["focus-multi"]["options"]
                  if o["id"] == "e")
    assert f"{e_text} (3 students)" in report_row(report, "focus-multi")
    assert "<td>100%</td><td>3</td><td>none</td>" in report_row(report, "focus-sort/routes")
    assert "<td>0</td><td>none</td>" in report_row(report, "focus-sort/growth-map")


def test_an_answer_to_items_or_steps_the_exercise_lacks_is_a_problem(tmp_path):
    """A self-assessment saved before its items were rewritten, or an example answer naming
    a step or option it does not have, is listed and not counted: never read as the new
    items' answers, never half-scored."""
    week = assignment.load(WEEK_1)
    hand_in(tmp_path / "in", "s1", {"focus-self": {"direction": 4, "values": 3}},
            assignment_id="week-1")
    hand_in(tmp_path / "in", "s2", {"focus-self": {"big-picture": 4, "values": 3}},
            assignment_id="week-1")
    grading.grade(week, [tmp_path / "in"], tmp_path / "out")
    problems = rows(tmp_path / "out" / "problems.csv")
    assert [(p["student_id"], p["outcome"]) for p in problems] == [("s1", "answer ignored")]
    assert "an answer to item 'direction', which the exercise does not have" in (
        problems[0]["problem"])
    assert "big-picture" in problems[0]["problem"]  # the items it does have


def test_example_answers_name_steps_and_options_the_example_has():
    from lmcourse.core import content, submission
    ex = content.load_course().get("focus-example")
    steps = [s for s in ex["steps"] if "options" in s]
    good = {s["id"]: s["options"][0]["id"] for s in steps}
    assert submission.answer_problem(ex, good) is None
    assert "step 'nowhere'" in submission.answer_problem(ex, {**good, "nowhere": "a"})
    first = steps[0]["id"]
    said = submission.answer_problem(ex, {**good, first: "zz"})
    assert f"option 'zz' for step {first!r}" in said


def test_unknown_choices_in_worked_example_and_place_answers_are_a_problem(tmp_path,
                                                                           sample_dir):
    """The rule of scenario options holds for every kind that names a choice: an option a
    worked-example step does not have, a difference or side a place question does not
    offer, is listed for that answer (never shown silently as not answered)."""
    from tests.conftest import write_json

    data = {"format": "lmcourse-assignment", "version": 1, "id": "unit-1", "title": "Kinds",
            "questions": [{"exercise": "sample-place", "points": 1},
                          {"exercise": "sample-example", "points": 1}]}
    (sample_dir / "assignments").mkdir()
    kinds = assignment.load(write_json(sample_dir / "assignments" / "k.json", data),
                            exercises=sample_dir)
    hand_in(tmp_path / "in", "s1", {"sample-example": {"how": "z"},
                                    "sample-place": {"rush": {"difference": "focus",
                                                              "side": "sideways"}}})
    hand_in(tmp_path / "in", "s2", {"sample-example": {"how": "a"},
                                    "sample-place": {"rush": {"difference": "budget",
                                                              "side": "leadership"}}})
    hand_in(tmp_path / "in", "s3", {"sample-example": {"how": "a", "both": "b"},
                                    "sample-place": {"rush": {"difference": "focus",
                                                              "side": "leadership"}}})
    grading.grade(kinds, [tmp_path / "in"], tmp_path / "out")
    listed = {(p["student_id"], p["problem"]) for p in rows(tmp_path / "out" / "problems.csv")}
    assert listed == {
        ("s1", "answer to 'sample-example' is option 'z' for step 'how', which that step "
         "does not have (its options: a, b)"),
        ("s1", "answer to 'sample-place' is the side 'sideways' for item 'rush', which the "
         "question does not offer (its choices: leadership, management)"),
        ("s2", "answer to 'sample-place' is the difference 'budget' for item 'rush', which "
         "the question does not offer (its choices: focus, change)")}
    status = {r["student_id"]: r["status"] for r in rows(tmp_path / "out" / "grades.csv")}
    assert status == {"s1": "graded, 2 answers ignored", "s2": "graded, 1 answer ignored",
                      "s3": "graded"}
    # the item analysis counts place and worked-example answers too (it once stopped the
    # whole run on an assignment with either kind)
    chosen = {(o["question"], o["option"]): int(o["chosen"])
              for o in rows(tmp_path / "out" / "option_analysis.csv")}
    assert chosen[("sample-place/rush", "focus/leadership")] == 1  # s3's; s1's, s2's ignored
    assert chosen[("sample-example/how", "a")] == 2 and chosen[("sample-example/both", "b")] == 1
