"""Release: the student copy holds no key or explanation of a graded question."""

import json

import pytest

from lmcourse.grading import release
from tests import instructor_fixtures as fx
from tests.conftest import ROOT

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def secrets(assignment):
    """Every key and explanation of the assignment's graded questions."""
    found = []
    for ex_id, ex in assignment.exercises.items():
        if assignment.modes[ex_id] != "graded":
            continue
        for item in ex.get("items", []):
            if ex["kind"] == "classify":
                found += list(item["feedback"].values())
        for option in ex.get("options", []):
            found.append(option["explanation"])
    return found


def all_text(folder):
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())


def test_no_key_or_explanation_of_a_graded_question_reaches_the_release(unit, tmp_path):
    files = release.release(unit, tmp_path / "rel")
    assert sorted(p.name for p in files) == ["unit-1-questions.json", "unit-1.ipynb"]
    text = all_text(tmp_path / "rel")
    hidden = secrets(unit)
    assert hidden
    for secret in hidden:
        assert secret not in text
    data = json.loads((tmp_path / "rel" / "unit-1-questions.json").read_text())
    for entry in data["exercises"]:
        if entry["mode"] != "graded":
            continue
        for part in entry["exercise"].get("items", []) + entry["exercise"].get("options", []):
            assert not {"answer", "feedback", "correct", "explanation"} & set(part), part


def test_the_bundled_assignment_leaks_nothing_either(tmp_path):
    from lmcourse.grading import assignment

    week = assignment.load(ROOT / "exercises" / "assignments" / "week-1.json",
                           exercises=ROOT / "exercises")
    release.release(week, tmp_path)
    text = all_text(tmp_path)
    for secret in secrets(week):
        assert secret not in text
    # practice questions keep theirs: feedback at once
    practice = week.exercises["focus-scenario-1"]["options"][0]["explanation"]
    assert practice in text


def test_the_notebook_is_in_the_course_style(unit, tmp_path):
    (nb, _) = release.release(unit, tmp_path)
    cells = json.loads(nb.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    first = "".join(code[0]["source"])
    assert first.startswith("from lmcourse import handin\nsheet = handin.sheet(")
    assert "".join(code[-1]["source"]) == "sheet.save_button()"
    shown = ["".join(c["source"]) for c in code[1:-1]]
    assert shown == [f'sheet.exercise("{e}")' for e in unit.exercises]
    for cell in code:
        assert cell["metadata"]["jupyter"]["source_hidden"] is True and cell["outputs"] == []
    assert len({c["id"] for c in cells}) == len(cells)
    assert "Save my submission" in "".join("".join(c["source"]) for c in cells)


def test_release_refuses_to_overwrite_without_force(unit, tmp_path):
    release.release(unit, tmp_path)
    with pytest.raises(release.ReleaseError, match="--force"):
        release.release(unit, tmp_path)
    release.release(unit, tmp_path, force=True)
