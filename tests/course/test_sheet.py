"""The released notebook's widgets: practice checks, graded saves, the submission button;
and the round trip release -> answer -> save -> grade."""

import csv
import json
import re

import pytest

from lmcourse import handin
from lmcourse.grading import release
from lmcourse.grading import run as grading
from tests import instructor_fixtures as fx

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


@pytest.fixture
def sheet(unit, tmp_path):
    release.release(unit, tmp_path / "rel")
    return handin.sheet(tmp_path / "rel" / "unit-1-questions.json")


def widget(box, cls_name):
    """The first widget of a class inside ``box``."""
    todo = [box]
    while todo:
        w = todo.pop(0)
        if type(w).__name__ == cls_name:
            return w
        todo += list(getattr(w, "children", []))
    raise LookupError(cls_name)


def buttons(box):
    todo, found = [box], []
    while todo:
        w = todo.pop(0)
        if type(w).__name__ == "Button":
            found.append(w)
        todo += list(getattr(w, "children", []))
    return found


def test_graded_questions_save_without_feedback(sheet):
    box = sheet.exercise("sample-s1")
    radio = widget(box, "RadioButtons")
    radio.value = "b"
    (button,) = buttons(box)
    assert button.description == "Save answer"
    button.click()
    html = " ".join(w.value for w in box.children if type(w).__name__ == "HTML")
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)  # the theme's class names
    assert "Saved." in html and "feedback reaches you after grading" in html
    # no verdict and no score, in any of the words the feedback uses for one
    for verdict in ("right", "Right", "Score", "✓", "✗", "Nothing to check", "wrong"):
        assert verdict not in html, verdict
    entry = sheet.store.answer("sample-s1")
    assert entry["value"] == "b" and "score" not in entry and "status" not in entry


def test_practice_questions_check_at_once(sheet):
    box = sheet.exercise("sample-m1")
    (button,) = buttons(box)
    assert button.description == "Check"
    for cb in [w for w in box.children if type(w).__name__ == "Checkbox"][:1]:
        cb.value = True
    button.click()
    assert "Score:" in box.children[-1].value


def test_unknown_exercise_is_a_clear_error(sheet):
    with pytest.raises(ValueError, match="no exercise 'nope' in assignment 'unit-1'; it has"):
        sheet.exercise("nope")
    with pytest.raises(ValueError, match="no exercise 3"):
        sheet.exercise(3)


def test_a_course_progress_file_is_not_a_release(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"format": "lmcourse-progress"}))
    with pytest.raises(ValueError, match="not a released assignment"):
        handin.sheet(path)


def test_save_button_needs_an_id_then_writes_a_gradable_file(sheet, unit, tmp_path):
    widget(sheet.exercise("sample-s1"), "RadioButtons").value = "a"
    box = sheet.save_button(tmp_path / "handin")
    sheet.button.click()
    assert "student id first" in sheet.status.value
    sheet.id_box.value, sheet.name_box.value = "s77", "Ada Lovelace"
    sheet.button.click()
    assert "Saved" in sheet.status.value and "download" in sheet.status.value
    (path,) = (tmp_path / "handin").iterdir()
    assert path.name == "unit-1-s77.json"
    assert box.children[0].value == "Ada Lovelace"
    grading.grade(unit, [path], tmp_path / "out")
    with open(tmp_path / "out" / "grades.csv", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["student_id"], row["sample-s1"], row["total"]) == ("s77", "2", "2")
