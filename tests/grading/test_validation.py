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
    assert "12 exercise files" in checked and "1 assignment" in checked


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
