"""The ``lmcourse`` command: each verb, its --help, its messages and exit status."""

import json
import subprocess
import sys

import pytest

from lmcourse.grading.cli import main
from tests import instructor_fixtures as fx
from tests.conftest import ROOT, write_json
from tests.instructor_fixtures import RIGHT, hand_in

unit_file = fx.unit_file  # fixtures, shared


@pytest.mark.parametrize("verb", [[], ["validate"], ["release"], ["grade"]])
def test_every_verb_has_help(verb, capsys):
    with pytest.raises(SystemExit) as done:
        main(verb + ["--help"])
    assert done.value.code == 0
    assert "usage: lmcourse" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command():
    out = subprocess.run([sys.executable, "-m", "lmcourse", "--help"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0 and "validate" in out.stdout


def test_validate_the_course_and_its_assignments(capsys):
    assert main(["validate", str(ROOT / "exercises")]) == 0
    last = capsys.readouterr().out.splitlines()[-1]  # after any item-writing warnings
    assert last.startswith("OK: checked ") and "2 assignments" in last
    assert "6 submissions; no problems" in last


def test_validate_reports_file_and_line_and_fails(tmp_path, capsys, sample_dir):
    data = json.loads((sample_dir / "01-sample.json").read_text())
    data["exercises"][1]["options"][1]["correct"] = True
    write_json(tmp_path / "01-sample.json", data)
    (tmp_path / "broken.json").write_text('{"format": "lmcourse-assignment",\n "id": ,}')
    assert main(["validate", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert f"{tmp_path / '01-sample.json'}:" in captured.out
    assert "2 options are marked correct (exactly one correct option" in captured.out
    assert f"{tmp_path / 'broken.json'}:2: not valid JSON" in captured.out
    assert "2 problem(s) in 2 file(s)" in captured.err


def test_validate_checks_assignments_against_their_course(unit_file, capsys):
    data = json.loads(unit_file.read_text())
    data["questions"][0]["exercise"] = "sample-nope"
    write_json(unit_file, data)
    assert main(["validate", str(unit_file)]) == 1
    assert "no exercise 'sample-nope'" in capsys.readouterr().out


def test_validate_an_empty_folder_fails(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "holds no .json files" in capsys.readouterr().out


def test_release_then_refuse_then_force(unit_file, tmp_path, capsys):
    out = tmp_path / "rel"
    assert main(["release", str(unit_file), "--out", str(out)]) == 0
    assert "Released 'unit-1'" in capsys.readouterr().out
    assert main(["release", str(unit_file), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["release", str(unit_file), "--out", str(out), "--force"]) == 0


def test_grade_exit_codes(unit_file, tmp_path, capsys):
    hand_in(tmp_path / "in", "s1", RIGHT)
    (tmp_path / "in" / "junk.json").write_text("{")
    args = ["grade", str(unit_file), str(tmp_path / "in"), "--out", str(tmp_path / "out")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Graded 1 student from 2 files" in out and "1 file(s) not graded" in out
    assert main(args) == 2 and "--force" in capsys.readouterr().err
    assert main(args + ["--force"]) == 0
    (tmp_path / "empty").mkdir()
    nothing = ["grade", str(unit_file), str(tmp_path / "empty"), "--out", str(tmp_path / "o2")]
    assert main(nothing) == 1
    assert "no submission could be graded" in capsys.readouterr().err


def test_grade_refuses_a_broken_assignment(tmp_path, capsys, sample_dir):
    bad = write_json(tmp_path / "a.json", {"format": "lmcourse-assignment"})
    assert main(["grade", str(bad), str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert f"{bad}:" in capsys.readouterr().err


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'lmcourse = "lmcourse.__main__:main"' in text


def test_progress_bar_only_for_large_classes(capsys):
    from lmcourse.grading.cli import _Bar

    bar = _Bar(True)
    bar(0, 50)
    bar(50, 50)
    assert capsys.readouterr().err == ""  # a small class needs no bar
    for done in (0, 500, 1000):
        bar(done, 1000)
    err = capsys.readouterr().err
    assert "1,000/1,000" in err and "#" * 30 in err and err.endswith("\n")
    _Bar(False)(500, 1000)
    assert capsys.readouterr().err == ""


def test_an_output_path_that_is_a_file_is_a_sentence_not_a_traceback(unit_file, tmp_path,
                                                                     capsys):
    hand_in(tmp_path / "in", "s1", RIGHT)
    (tmp_path / "taken").write_text("x")
    args = ["grade", str(unit_file), str(tmp_path / "in"), "--out", str(tmp_path / "taken")]
    assert main(args) == 2
    assert "cannot write to" in capsys.readouterr().err
    assert main(["release", str(unit_file), "--out", str(tmp_path / "taken")]) == 2
    assert "cannot write to" in capsys.readouterr().err


def test_ctrl_c_says_the_grades_are_untouched(unit_file, tmp_path, capsys, monkeypatch):
    from lmcourse.grading import run as grading

    hand_in(tmp_path / "in", "s1", RIGHT)

    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(grading, "grade", interrupted)
    assert main(["grade", str(unit_file), str(tmp_path / "in"), "--out",
                 str(tmp_path / "o")]) == 130
    assert "grades.csv is as it was" in capsys.readouterr().err


def test_grade_with_a_roster_fills_the_gradebook_for_the_whole_class(unit_file, tmp_path,
                                                                     capsys):
    import csv

    from tests.grading.test_roster import CANVAS

    hand_in(tmp_path / "in", "s1001", RIGHT, name="Ada")
    hand_in(tmp_path / "in", "S1002", RIGHT, name="Grace")  # typed in capitals
    (tmp_path / "export.csv").write_text(CANVAS, encoding="utf-8")
    args = ["grade", str(unit_file), str(tmp_path / "in"), "--out", str(tmp_path / "out"),
            "--roster", str(tmp_path / "export.csv"), "--missing", "zero"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "(Canvas, 4 students): 1 handed in; 3 did not (0 points" in out
    assert "No --roster" not in out and "Moodle, Grades > Import > CSV file" not in out
    with open(tmp_path / "out" / "canvas.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert [r[1] for r in rows[2:]] == ["101", "102", "103", "999"]
    # Grace typed S1002: her file waits for a check, so her row is blank, never 0
    assert [r[5] for r in rows[2:]] == ["7", "", "0", "0"]
    assert "1 of those who did not are left blank" in out
    with open(tmp_path / "out" / "problems.csv", newline="", encoding="utf-8") as f:
        lines = list(csv.DictReader(f))
    (grace,) = [x for x in lines if x["student_id"] == "S1002"]
    assert grace["outcome"] == "not in gradebook" and "did you mean 's1002'" in grace["problem"]
    assert "'s1002' is left blank in both" in grace["problem"]


def test_grade_without_a_roster_says_once_what_one_would_add(unit_file, tmp_path, capsys):
    hand_in(tmp_path / "in", "s1", RIGHT)
    assert main(["grade", str(unit_file), str(tmp_path / "in"), "--out",
                 str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.count("No --roster") == 1


def test_grade_refuses_a_roster_it_cannot_read(unit_file, tmp_path, capsys):
    hand_in(tmp_path / "in", "s1", RIGHT)
    (tmp_path / "r.csv").write_text("a,b\n1,2\n")
    assert main(["grade", str(unit_file), str(tmp_path / "in"), "--out", str(tmp_path / "o"),
                 "--roster", str(tmp_path / "r.csv")]) == 2
    assert "no id column" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
