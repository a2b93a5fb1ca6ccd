"""Item-writing cues and the test-wise simulation, on small hand-made exercises."""

import json

import pytest

from lmcourse.core import content
from lmcourse.core.locate import value_lines
from lmcourse.grading import items
from lmcourse.grading.cli import main
from tests.conftest import ROOT, write_json

EVEN = ["Ask the team which customers matter most.", "Check the backlog against last week.",
        "Write down the plan for the next month.", "Hold a meeting with each client soon."]


def option(i, text, correct):
    return {"id": "abcdef"[i], "text": text, "correct": correct,
            "explanation": "Why this option is or is not the answer."}


def scenario(texts, key=0, ident="q"):
    return {"id": ident, "kind": "scenario", "title": "T", "prompt": "P?",
            "options": [option(i, t, i == key) for i, t in enumerate(texts)]}


def multi(texts, keys, ident="m"):
    return {"id": ident, "kind": "multi", "title": "T", "prompt": "P?",
            "options": [option(i, t, i in keys) for i, t in enumerate(texts)]}


def classify(pairs, ident="s"):
    cats = list(content.CATEGORIES)
    return {"id": ident, "kind": "classify", "title": "T", "prompt": "P?", "categories": cats,
            "items": [{"id": f"i{n}", "text": text, "answer": answer,
                       "feedback": {c: "Because." for c in cats}}
                      for n, (text, answer) in enumerate(pairs)]}


def example(texts, key=0, ident="x"):
    """A worked example with one shown step and one step to complete."""
    return {"id": ident, "kind": "example", "title": "T", "prompt": "P",
            "steps": [{"id": "s1", "title": "Step 1", "text": "Shown."},
                      {"id": "s2", "title": "Step 2", "question": "Which?", "text": "Worked.",
                       "options": [option(i, t, i == key) for i, t in enumerate(texts)]}]}


def place(rows, diffs=("focus", "change", "results"), ident="p"):
    """A place exercise from ``(text, difference, side)`` rows."""
    return {"id": ident, "kind": "place", "title": "T", "prompt": "P?",
            "differences": list(diffs),
            "items": [{"id": f"i{n}", "text": text, "difference": diff, "side": side,
                       "feedback": {d: "Because." for d in diffs},
                       "side_feedback": {"leadership": "Why.", "management": "Why."}}
                      for n, (text, diff, side) in enumerate(rows)]}


def exfile(*exercises):
    return {"notebook": "01-toy", "title": "Toy", "exercises": list(exercises)}


def found(*exercises, name="01-toy.json"):
    """The cue warnings of a file holding ``exercises``, checked valid first."""
    data = exfile(*exercises)
    text = json.dumps(data, indent=1)
    assert content.check_data(data, name, value_lines(text)) == []
    return items.cues(data, name, value_lines(text))


def messages(*exercises):
    cues = found(*exercises)
    assert all(p.warning for p in cues)
    return [f"warning: {p.message}" for p in cues]


# ---- each cue fires on a cued question, not on a clean one ----------------------------

def test_a_clean_file_has_no_cues():
    assert messages(scenario(EVEN, 0, "q1"), scenario(EVEN, 1, "q2"), scenario(EVEN, 2, "q3"),
                    multi(EVEN, {0}, "m1"), multi(EVEN, {1, 2, 3}, "m2")) == []


def test_a_key_much_longer_than_the_others_is_a_cue():
    long = EVEN[:3] + ["Ask each client what they will need next year, then plan around it."]
    (msg,) = messages(scenario(long, 3))
    assert msg.startswith("warning: scenario 'q': the key 'd' is the longest option, 1.7")
    # as long as the longest distractor but not by the margin: no cue
    assert messages(scenario(long, 0)) == []


def test_the_length_margin_is_one_and_a_quarter_of_the_others_mean():
    others = ["x" * 40, "y" * 40, "z" * 40]
    assert messages(scenario(others + ["k" * 50], 3))  # 1.25x: a cue
    assert messages(scenario(others + ["k" * 49], 3)) == []  # 1.225x: none


def test_correct_options_longer_in_a_choose_all_question_are_a_cue():
    texts = ["a" * 60, "b" * 60, "c" * 30, "d" * 30, "e" * 30]
    (msg,) = messages(multi(texts, {0, 1}))
    assert "the correct options are 2.00x as long as the wrong ones" in msg
    assert messages(multi(texts, {0, 2})) == []


def test_absolutes_only_among_distractors_are_a_cue():
    texts = ["Always ask the board before acting.", "Talk it through with the team first.",
             "Wait for the numbers to come in.", "Only the owner decides on this one."]
    (msg,) = messages(scenario(texts, 1))
    assert "absolutes (always, only) appear only in wrong options (2 of 3)" in msg
    assert messages(scenario(texts, 0)) == []  # an absolute in the key as well
    assert messages(scenario(["Talk with the team.", "Wait for the numbers."], 0)) == []


def test_absolutes_are_whole_words_in_any_case():
    assert items.absolutes("Overall, NEVER again; the whole team, all of it, no  one.") == [
        "never", "all", "no one"]
    assert items.absolutes("Nevertheless the tallest only-child") == ["only"]
    assert items.absolutes("Everyday allocation, nonetheless") == []


def test_all_or_none_of_the_above_is_a_cue():
    texts = EVEN[:3] + ["All of the above."]
    assert any("says 'All of the above'" in m for m in messages(scenario(texts, 0)))
    texts = EVEN[:3] + ["None of these options."]
    assert any("says 'None of these'" in m for m in messages(multi(texts, {0, 1})))
    assert messages(scenario(EVEN[:3] + ["Both leaders agree with the above."], 0)) == []


def test_a_choose_all_question_with_every_option_correct_is_a_cue():
    (msg,) = messages(multi(EVEN, {0, 1, 2, 3}))
    assert msg == "warning: multi 'm': every option is correct"
    assert messages(multi(EVEN, {0, 1, 2})) == []


def test_the_same_number_correct_throughout_a_file_is_a_cue():
    (msg,) = messages(multi(EVEN, {0, 1}, "m1"), multi(EVEN, {2, 3}, "m2"))
    assert msg == "warning: all 2 choose-all questions of the file have 2 correct options"
    assert messages(multi(EVEN, {0, 1}, "m1"), multi(EVEN, {2}, "m2")) == []
    assert messages(multi(EVEN, {0, 1}, "m1")) == []  # one question sets no pattern


def test_key_positions_piled_in_one_place_are_a_cue():
    piled = [scenario(EVEN, k, f"q{n}") for n, k in enumerate([0, 0, 0, 1])]
    (msg,) = messages(*piled)
    assert msg == ("warning: the key is option 1 in 3 of the file's 4 one-best-answer "
                   "questions")
    spread = [scenario(EVEN, k, f"q{n}") for n, k in enumerate([0, 3, 1, 0, 2, 3])]
    assert messages(*spread) == []


def test_each_cue_names_the_line_of_what_it_is_about():
    long = EVEN[:3] + ["Ask each client what they will need next year, then plan around it."]
    data = exfile(scenario(EVEN, 1, "q1"), scenario(long, 3, "q2"))
    text = json.dumps(data, indent=1)
    (cue,) = items.cues(data, "01-toy.json", value_lines(text))
    assert str(cue).startswith("01-toy.json:")
    assert long[3] in text.splitlines()[cue.line - 1]


def test_the_warnings_are_sorted_by_line():
    texts = ["Always ask first.", "Talk with the team first.", "Wait for the numbers now."]
    cues = found(multi(texts, {1}, "m1"), multi(texts, {1, 2}, "m2"), scenario(texts, 1, "q"))
    assert [c.line for c in cues] == sorted(c.line for c in cues) and len(cues) >= 3


def test_a_worked_example_step_gets_the_cues_of_a_one_best_answer_question():
    long = EVEN[:2] + ["Ask each client what they will need next year, then plan around it."]
    (msg,) = messages(example(long, 2))
    assert msg.startswith("warning: example 'x', step 's2': the key 'c' is the longest option")
    (msg,) = messages(example(["Only ask the team.", "Check the backlog.", "Plan the month."],
                              1))
    assert "example 'x', step 's2': absolutes (only) appear only in wrong options" in msg
    assert messages(example(EVEN[:3], 1)) == []


def test_a_place_exercise_with_answers_piled_on_one_side_or_difference_is_a_cue():
    rows = [("A.", "focus", "management"), ("B.", "change", "management"),
            ("C.", "results", "management"), ("D.", "focus", "leadership")]
    assert messages(place(rows)) == []  # 3 of 4 on one side: no cue
    piled = rows + [("E.", "change", "management")]  # 4 of 5: over 75%
    (msg,) = messages(place(piled))
    assert msg == "warning: place 'p': the management side is the answer for 4 of its 5 " \
                  "situations"
    one = [(t, "focus", s) for t, _, s in rows] + [("E.", "change", "leadership")]
    (msg,) = messages(place(one))
    assert "'focus' is the answer for 4 of its 5 situations" in msg


# ---- the simulation's arithmetic -------------------------------------------------------

def test_the_test_wise_student_picks_the_longest_option_without_absolutes():
    texts = ["short", "a bit longer", "the longest of all the options"]
    assert items.guesses(scenario(texts, 1), 1) == [("q", 1.0, 1 / 3)]  # 'all' set aside
    assert items.guesses(scenario(texts, 0), 1)[0][1] == 0.0
    tie = ["same length!", "same length?", "short"]
    assert items.guesses(scenario(tie, 0), 1)[0][1] == 0.5
    every = ["only this", "never that"]  # all have absolutes: the longest of them
    assert items.guesses(scenario(every, 1), 1)[0][1] == 1.0


def test_the_test_wise_student_ticks_the_usual_number_of_longest_options():
    texts = ["e" * 50, "d" * 40, "c" * 30, "b" * 20, "a" * 10]
    ex = multi(texts, {0, 1})
    assert items.guesses(ex, 2) == [("m", 1.0, 0.5)]
    assert items.guesses(ex, 3)[0][1] == pytest.approx(4 / 5)  # one wrong tick
    assert items.guesses(ex, 1)[0][1] == pytest.approx(4 / 5)  # one missed
    tied = multi(["x" * 20, "y" * 20, "z" * 20, "w" * 5], {0})
    # one tick among three tied options: each ticked with probability 1/3
    assert items.guesses(tied, 1)[0][1] == pytest.approx((1 / 3 + 2 * (2 / 3) + 1) / 4)


def test_the_usual_count_is_the_most_common_the_smaller_on_a_tie():
    assert items.usual_count([multi(EVEN, {0}), multi(EVEN, {0, 1}), multi(EVEN, {2, 3})]) == 2
    assert items.usual_count([multi(EVEN, {0}), multi(EVEN, {0, 1, 2})]) == 1
    assert items.usual_count([scenario(EVEN)]) == 1


def test_the_test_wise_student_sorts_by_keywords():
    cats = content.CATEGORIES
    assert items.keyword_side("Sharing a bold vision of the future", cats) == {"leadership": 1}
    assert items.keyword_side("Setting the budget and the schedule", cats) == {"management": 1}
    assert items.keyword_side("A vision, and a budget to match", cats) == {"both": 1}
    assert items.keyword_side("Talking to a customer", cats) == {c: 1 / 3 for c in cats}
    assert items.keyword_side("A vision, and a budget", ["leadership", "management"]) == {
        "leadership": 0.5, "management": 0.5}


def test_the_simulation_adds_up_kind_by_kind():
    toy = exfile(
        scenario(["short", "longer one", "the longest one here"], 2, "q1"),  # 1
        scenario(["short", "longer one", "the longest one here", "tiny"], 0, "q2"),  # 0
        multi(["e" * 50, "d" * 40, "c" * 30, "b" * 20], {0, 1}, "m1"),  # 1
        multi(["e" * 50, "d" * 40, "c" * 30, "b" * 20], {2}, "m2"),  # 1/4 (2 ticks, both wrong)
        classify([("Inspiring a vision", "leadership"),  # 1
                  ("Checking the budget", "leadership"),  # 0
                  ("Talking to a customer", "both")]),  # 1/3
    )
    tally = items.simulate([toy])
    assert list(tally) == ["scenario", "multi", "classify"]
    assert tally["scenario"].questions == 2 and tally["scenario"].cue_pct == 50.0
    assert tally["scenario"].chance_pct == pytest.approx(100 * (1 / 3 + 1 / 4) / 2)
    assert tally["multi"].cue_pct == pytest.approx(100 * (1 + 1 / 4) / 2)  # usual count 1:
    assert tally["multi"].chance_pct == 50.0
    assert tally["classify"].cue_pct == pytest.approx(100 * (1 + 0 + 1 / 3) / 3)
    assert tally["classify"].gap == pytest.approx(100 * (4 / 9 - 1 / 3))
    assert items.simulate([toy], usual=2)["multi"].cue_pct == pytest.approx(100 * (1 + 1 / 4)
                                                                            / 2)


def test_the_test_wise_student_places_situations_by_keywords():
    diffs = ("focus", "change", "results")
    assert items.keyword_difference("A new idea for the routine", diffs) == {"change": 1}
    assert items.keyword_difference("Cutting the cost and the waste", diffs) == {"results": 1}
    assert items.keyword_difference("A new way to cut cost", diffs) == {"change": 0.5,
                                                                         "results": 0.5}
    assert items.keyword_difference("Talking to a customer", diffs) == {d: 1 / 3
                                                                         for d in diffs}
    toy = place([("A new idea with a bold vision", "change", "leadership"),  # 1 and 1
                 ("Cutting the cost of the budget", "change", "leadership"),  # 0 and 0
                 ("Talking to a customer", "focus", "management")])  # 1/3 and 1/2
    ((_, a, chance), (_, b, _), (_, c, _)) = items.guesses(toy, 1)
    assert (a, b, c) == (1.0, 0.0, pytest.approx((1 / 3 + 1 / 2) / 2))
    assert chance == pytest.approx((1 / 3 + 1 / 2) / 2)


def test_the_test_wise_student_takes_the_longest_option_in_a_worked_example():
    ex = example(["short", "a bit longer", "the longest one here"], 2)
    assert items.guesses(ex, 1) == [("x/s2", 1.0, 1 / 3)]
    tally = items.simulate([exfile(ex, example(["short", "longest by far"], 0, "y"))])
    assert list(tally) == ["example"] and tally["example"].cue_pct == 50.0


def test_the_simulation_ignores_self_assessments_and_reflections():
    toy = {"exercises": [{"id": "r", "kind": "reflection", "title": "T", "prompt": "P"}]}
    assert items.simulate([toy]) == {}


# ---- in lmcourse validate --------------------------------------------------------------

def test_warnings_are_printed_and_counted_but_do_not_fail(tmp_path, capsys):
    long = EVEN[:3] + ["Ask each client what they will need next year, then plan around it."]
    write_json(tmp_path / "01-toy.json", exfile(scenario(long, 3)))
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / '01-toy.json'}:" in out and ": warning: scenario 'q'" in out
    assert "no problems; 1 item-writing warning(s)." in out and "--test-wise" in out


def test_test_wise_prints_the_simulation_beside_chance(tmp_path, capsys):
    write_json(tmp_path / "01-toy.json", exfile(scenario(EVEN, 1), multi(EVEN, {0})))
    assert main(["validate", "--test-wise", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Test-wise simulation over 1 exercise file(s)" in out
    assert "  scenario           1      0.0%    25.0%     -25.0 pts" in out
    assert "  multi              1    100.0%    50.0%     +50.0 pts  more than 10 points" in out


# ---- the course's own questions --------------------------------------------------------

def test_the_course_keeps_cue_only_answers_near_chance():
    files = [content.load_file(p) for p in sorted((ROOT / "exercises").glob("[0-9][0-9]-*.json"))]
    tally = items.simulate(files)
    assert set(tally) == set(items.SCORED)
    too_high = {k: round(t.gap, 1) for k, t in tally.items() if t.gap > items.MAX_GAP}
    assert too_high == {}, f"cue-only score above chance, in points: {too_high}"
