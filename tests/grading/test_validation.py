"""Checking files by what they hold: exercise, assignment and submission files."""

import json
from pathlib import Path

import pytest

from lmcourse.core import submission
from lmcourse.grading import validation
from tests import instructor_fixtures as fx
from tests.conftest import ROOT, write_json

unit_file = fx.unit_file  # a fixture, shared


def test_the_repository_validates_clean():
    problems, checked = validation.check_paths([ROOT / "exercises"])
    assert problems == []
    assert "12 exercise files" in checked and "2 assignments" in checked


def test_a_submission_is_checked_as_one(tmp_path):
    sub = submission.make("week-1", "s1", "Ada", {"q": "a"})
    sub["answers"]["q"] = "b"
    write_json(tmp_path / "s1.json", sub)
    (problem,) = validation.check_paths([tmp_path])[0]
    assert "checksum does not match" in str(problem)
    assert json.dumps("checksum") in (tmp_path / "s1.json").read_text().splitlines()[
        problem.line - 1]


def test_unknown_formats_and_missing_paths_are_named(tmp_path):
    write_json(tmp_path / "x.json", {"format": "something-else"})
    problems, _ = validation.check_paths([tmp_path / "x.json", tmp_path / "nope.json"])
    assert [p.message for p in problems] == ["unknown 'format' 'something-else'",
                                             "no such file or folder"]


def test_an_id_used_in_two_exercise_files_is_reported(tmp_path, sample_dir):
    data = json.loads((sample_dir / "01-sample.json").read_text())
    write_json(tmp_path / "01-sample.json", data)
    data["notebook"] = "02-copy"
    write_json(tmp_path / "02-copy.json", data)
    problems, _ = validation.check_paths([tmp_path])
    assert problems and all("is also used in" in p.message for p in problems)


def test_course_for_finds_the_exercise_folder_above_an_assignment():
    path = ROOT / "exercises" / "assignments" / "week-1.json"
    assert validation.course_for(path) == (ROOT / "exercises").resolve()


def test_a_broken_exercise_is_reported_once_beside_its_assignment(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    path = tmp_path / "exercises" / "01-focus.json"
    data = json.loads(path.read_text())
    data["exercises"][1]["options"][0]["correct"] = "maybe"
    write_json(path, data)
    monkeypatch.chdir(tmp_path)  # a relative path, as an instructor types it
    problems, _ = validation.check_paths(["exercises"])
    assert [str(p).split(":", 1)[0] for p in problems] == ["exercises/01-focus.json"]
    assert "'correct' is \"maybe\"" in problems[0].message


def test_a_graded_course_exercise_is_warned_about_naming_the_file_with_its_key(unit_file):
    found = validation.check([unit_file])
    assert found.problems == []
    said = {p.message.split(" (")[0]: p for p in found.public}
    graded = [p for p in found.public if "'sample-s1'" in p.message]
    assert len(graded) == 1 and graded[0].warning
    assert "01-sample.json" in graded[0].message and "every student has" in graded[0].message
    lines = unit_file.read_text().splitlines()
    assert '"sample-s1"' in lines[graded[0].line - 1]
    # practice questions, self-assessments and reflections have nothing to hide
    assert not any(x in str(said) for x in ("sample-m1", "sample-self", "sample-reflect"))


@pytest.mark.parametrize(("text", "words", "line"), [
    ('{"format": "lmcourse-assignment",\n "id": "w1",\n "id": "w2"}', 'the key "id" appears '
     "twice", 3),
    ('{"format": "lmcourse-assignment",\n "questions": [1, 2,\n ]}', "a comma before ']'", 2),
    ('{"format": "lmcourse-assignment", "version": NaN}', "NaN is not a JSON number", 1),
    ("<html><body>Sign in</body></html>", "looks like HTML", 1),
])
def test_validate_reads_every_file_strictly_and_names_the_line(tmp_path, text, words, line):
    (tmp_path / "a.json").write_text(text)
    (problem,) = validation.check_paths([tmp_path])[0]
    assert words in problem.message and problem.line == line, problem


def test_validate_lists_links_and_pipes_and_goes_on(tmp_path):
    import os

    (tmp_path / "real.json").write_text("{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    os.mkfifo(tmp_path / "pipe.json")
    problems, _ = validation.check_paths([tmp_path, tmp_path / "pipe.json"])
    said = {Path(p.file).name: p.message for p in problems}
    assert "symbolic link" in said["link.json"] and "named pipe" in said["pipe.json"]
    assert "real.json" in said  # and the rest was checked


def _self(ex_id, difference, items):
    return {"id": ex_id, "kind": "self", "title": "T", "prompt": "P", "difference": difference,
            "scale": ["Never", "Rarely", "Sometimes", "Often", "Almost always",
                      "I have not had the chance"], "unscored": "I have not had the chance",
            "items": [{"id": f"i{k}", "text": text, "pole": pole}
                      for k, (pole, text) in enumerate(items)]}


FILLER = [("leadership", "How often do you picture the team in five years?"),
          ("leadership", "How often do you tell a story about why the work matters?"),
          ("management", "How often do you write the week's rota?"),
          ("management", "How often do you check the budget against spending?")]


def test_validate_refuses_a_behaviour_keyed_to_both_sides(tmp_path):
    small = "How often do you set up a small trial to test an untried idea?"
    write_json(tmp_path / "01-a.json", {"notebook": "01-a", "title": "A", "exercises": [
        _self("a-self", "change", FILLER + [("leadership", small),
                                            ("management", "How often do you file reports?")])]})
    write_json(tmp_path / "02-b.json", {"notebook": "02-b", "title": "B", "exercises": [
        _self("b-self", "decision-making", [
            ("leadership", "How often do you bet on a bold plan?"),
            ("leadership", "How often do you volunteer for risky work?"),
            ("leadership", "How often do you argue for the bolder option?"),
            ("management", small),  # the same words, keyed to the other side
            ("management", "How often do you test an idea on a small scale before rolling "
                           "it out?"),
            ("management", "How often do you prepare a fallback?")])]})
    problems, _ = validation.check_paths([tmp_path])
    said = [p.message for p in problems]
    assert any("'b-self/i3' is item 'a-self/i4' keyed to the other side" in m for m in said)
    assert any("'b-self/i4' nearly repeats item 'a-self/i4'" in m for m in said)
    assert all(p.file.endswith("02-b.json") and p.line > 1 for p in problems)


def test_validate_refuses_near_duplicates_across_differences(tmp_path):
    stuck = "How often do you look at how work moves through your team to find where it gets stuck?"
    write_json(tmp_path / "01-a.json", {"notebook": "01-a", "title": "A", "exercises": [
        _self("a-self", "focus", FILLER + [("leadership", "How often do you scan the market?"),
                                           ("management", stuck)])]})
    write_json(tmp_path / "02-b.json", {"notebook": "02-b", "title": "B", "exercises": [
        _self("b-self", "orientation", FILLER[:2] + [
            ("leadership", "How often do you ask a colleague about their goals?"),
            ("management", "How often do you look at how work passes between people to find "
                           "where it gets stuck?"),
            ("management", "How often do you plan the shifts?"),
            ("management", "How often do you set up a shared checklist?")])]})
    problems, _ = validation.check_paths([tmp_path])
    near = [p for p in problems if "nearly repeats" in p.message]
    assert near and "in another difference (focus)" in near[-1].message


def test_a_self_assessment_needs_three_items_on_each_side(tmp_path):
    write_json(tmp_path / "01-a.json", {"notebook": "01-a", "title": "A", "exercises": [
        _self("a-self", "focus", FILLER)]})
    problems, _ = validation.check_paths([tmp_path])
    assert {p.message for p in problems} == {
        "exercise 'a-self': 2 item(s) keyed to the leadership side",
        "exercise 'a-self': 2 item(s) keyed to the management side"}


@pytest.mark.parametrize(("kind", "most"), [("scenario", 5), ("multi", 6)])
def test_validate_holds_option_counts_to_the_format(tmp_path, sample_dir, kind, most):
    """A one-best-answer question has two to five options, a choose-all one two to six."""
    data = json.loads((sample_dir / "01-sample.json").read_text())
    ex = next(e for e in data["exercises"] if e["kind"] == kind)
    while len(ex["options"]) <= most:
        ex["options"].append(dict(ex["options"][-1], id=f"o{len(ex['options'])}"))
    (tmp_path / "01-sample.json").write_text(json.dumps(data, indent=1))
    problems, _ = validation.check_paths([tmp_path / "01-sample.json"])
    said = [p for p in problems if "'options' has" in p.message]
    assert len(said) == 1 and f"at most {most} options" == said[0].expected, problems
    text = (tmp_path / "01-sample.json").read_text().splitlines()
    assert '"options"' in text[said[0].line - 1]
