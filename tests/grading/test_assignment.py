"""Assignment files: checked with file:line messages, exercises resolved, keys stripped."""

import json

import pytest

from lmcourse.grading import assignment
from tests import instructor_fixtures as fx
from tests.conftest import ROOT, write_json
from tests.instructor_fixtures import ASSIGNMENT

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def problems_of(tmp_path, sample_dir, edit):
    data = json.loads(json.dumps(ASSIGNMENT))
    edit(data)
    path = write_json(tmp_path / "a.json", data)
    return assignment.check_file(path, exercises=sample_dir)[1]


def test_the_bundled_assignment_loads():
    found = assignment.load(ROOT / "exercises" / "assignments" / "week-1.json",
                            exercises=ROOT / "exercises")
    assert found.id == "week-1" and found.max_points == 14
    assert "talks-scenario" in found.exercises  # from the instructor's own exercise file
    assert [i["id"] for i in found.exercises["focus-sort"]["items"]] == [
        "growth-map", "routes", "budget-check", "values-call"]


def test_questions_points_and_modes(unit):
    keys = [q.key for q in unit.questions]
    assert keys == ["sample-sort/roadmap", "sample-sort/rota", "sample-s1", "sample-m1"]
    assert unit.max_points == 1 + 1 + 2 + 3
    assert unit.modes["sample-m1"] == "practice" and unit.points["sample-self"] == 0
    assert unit.is_late(assignment.parse_time("2026-12-05T00:00:00Z"))
    assert not unit.is_late(assignment.parse_time("2026-12-04T10:00:00Z"))


@pytest.mark.parametrize("edit, words", [
    (lambda d: d.update(format="lmcourse-assigment"), "'format' is \"lmcourse-assigment\""),
    (lambda d: d.update(id="Week 1"), "'id' is \"Week 1\""),
    (lambda d: d.update(due="next Friday"), "'due' is \"next Friday\""),
    (lambda d: d.update(colour="blue"), "unknown field 'colour'"),
    (lambda d: d["questions"][0].update(exercise="sample-sorted"), "no exercise 'sample-sorted'"),
    (lambda d: d["questions"][0].update(points=-1), "'points' is -1"),
    (lambda d: d["questions"][0].update(mode="exam"), "'mode' is \"exam\""),
    (lambda d: d["questions"][0].update(items=["roadmap", "nope"]), "unknown item(s) 'nope'"),
    (lambda d: d["questions"][1].update(items=["a"]), "only applies to a classify"),
    (lambda d: d["questions"][3].update(points=2), "cannot carry 2 points"),
    (lambda d: d["questions"].append({"exercise": "sample-s1"}), "is listed twice"),
    (lambda d: d.update(questions=[]), "'questions' has 0 entries"),
    (lambda d: d.update(exercise_files=["missing.json"]), "exercise file 'missing.json' not"),
])
def test_each_mistake_is_reported_once_with_its_line(tmp_path, sample_dir, edit, words):
    found = problems_of(tmp_path, sample_dir, edit)
    assert len(found) == 1, found
    assert words in str(found[0])
    assert str(found[0]).startswith(f"{tmp_path / 'a.json'}:{found[0].line}: ")


def test_problem_lines_point_at_the_value(tmp_path, sample_dir):
    (p,) = problems_of(tmp_path, sample_dir, lambda d: d["questions"][2].update(mode="exam"))
    lines = (tmp_path / "a.json").read_text().splitlines()
    assert '"exam"' in lines[p.line - 1]


def test_own_exercise_files_are_resolved_relative_to_the_assignment(tmp_path, sample_dir):
    own = json.loads((ROOT / "exercises" / "assignments" / "team-talks.json").read_text())
    write_json(tmp_path / "team-talks.json", own)
    data = {**ASSIGNMENT, "exercise_files": ["team-talks.json"],
            "questions": [{"exercise": "talks-scenario", "points": 4}]}
    found = assignment.load(write_json(tmp_path / "a.json", data), exercises=sample_dir)
    assert found.max_points == 4


def test_an_id_clash_between_own_and_course_exercises_is_reported(tmp_path, sample_dir):
    own = json.loads((sample_dir / "01-sample.json").read_text())
    own["notebook"] = "mine"
    write_json(tmp_path / "mine.json", own)
    found = problems_of(tmp_path, sample_dir, lambda d: d.update(exercise_files=["mine.json"]))
    assert found and all("is also a course exercise" in str(p) for p in found)
    lines = (tmp_path / "mine.json").read_text().splitlines()
    for p in found:  # each at the line of the clashing id, not line 1
        ex_id = p.message.split("'")[1]
        assert p.file.endswith("mine.json") and f'"id": "{ex_id}"' in lines[p.line - 1], p


def test_invalid_json_is_reported_with_its_line(tmp_path, sample_dir):
    path = tmp_path / "a.json"
    path.write_text('{"format": "lmcourse-assignment",\n "id": }')
    (p,) = assignment.check_file(path, exercises=sample_dir)[1]
    assert p.line == 2 and "not valid JSON" in p.message


def test_student_copy_strips_keys_of_graded_questions_only(unit):
    copy = assignment.student_copy(unit)
    by_id = {e["exercise"]["id"]: e for e in copy["exercises"]}
    for item in by_id["sample-sort"]["exercise"]["items"]:
        assert "answer" not in item and "feedback" not in item
    for option in by_id["sample-s1"]["exercise"]["options"]:
        assert "correct" not in option and "explanation" not in option
    practice = by_id["sample-m1"]["exercise"]["options"]
    assert all("correct" in o and "explanation" in o for o in practice)
    assert "_notebook" not in json.dumps(copy)


def test_parse_time_reads_dates_and_zones():
    assert assignment.parse_time("2026-12-04T10:00:00").tzinfo is not None
    assert assignment.parse_time("2026-12-04T10:00:00Z").hour == 10
    assert assignment.parse_time(12) is None


def schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads((ROOT / "lmcourse" / "data" / "schemas" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(data)
    return jsonschema.Draft202012Validator(data)


def test_the_json_schemas_accept_the_bundled_files_and_reject_mistakes():
    assignments = schema("assignment.schema.json")
    week = json.loads((ROOT / "exercises" / "assignments" / "week-1.json").read_text())
    assert not list(assignments.iter_errors(week))
    assert not list(assignments.iter_errors(ASSIGNMENT))
    for edit in (lambda d: d.update(format="x"), lambda d: d["questions"][0].update(mode="exam"),
                 lambda d: d["questions"][0].update(points=-1), lambda d: d.pop("questions"),
                 lambda d: d.update(colour="blue")):
        bad = json.loads(json.dumps(ASSIGNMENT))
        edit(bad)
        assert list(assignments.iter_errors(bad)), bad
    submissions = schema("submission.schema.json")
    samples = sorted((ROOT / "exercises" / "assignments" / "samples" / "week-1").glob("*.json"))
    assert samples
    for path in samples:
        assert not list(submissions.iter_errors(json.loads(path.read_text()))), path
    good = json.loads(samples[0].read_text())
    for edit in (lambda d: d.pop("checksum"), lambda d: d.update(checksum="md5:x"),
                 lambda d: d["student"].update(id=""), lambda d: d["answers"].update(x=3)):
        bad = json.loads(json.dumps(good))
        edit(bad)
        assert list(submissions.iter_errors(bad)), bad


def test_hidden_lists_graded_exercises_that_have_a_key(unit):
    assert unit.hidden == ["sample-sort", "sample-s1"]  # not the graded reflection


def test_a_misspelt_exercise_id_gets_a_suggestion(tmp_path, sample_dir):
    (p,) = problems_of(tmp_path, sample_dir,
                       lambda d: d["questions"][0].update(exercise="sample-sorted"))
    assert "did you mean 'sample-sort'" in str(p)


def test_student_copy_of_new_kinds_holds_no_key_or_worked_step(tmp_path, sample_dir):
    data = {"format": "lmcourse-assignment", "version": 1, "id": "kinds", "title": "Kinds",
            "questions": [{"exercise": "sample-place", "items": ["brunch"], "mode": "graded"},
                          {"exercise": "sample-example", "mode": "graded"},
                          {"exercise": "sample-reflect", "mode": "graded"}]}
    path = write_json(tmp_path / "kinds.json", data)
    found = assignment.load(path, exercises=sample_dir)
    assert [q.key for q in found.questions] == ["sample-place/brunch", "sample-example/how",
                                                "sample-example/both"]
    text = json.dumps(assignment.student_copy(found))
    ex = found.exercises
    secrets = [ex["sample-place"]["items"][0]["feedback"]["change"],
               ex["sample-place"]["items"][0]["side_feedback"]["leadership"],
               '"difference": "change"', '"side"',
               ex["sample-example"]["steps"][1]["text"],  # the worked step
               ex["sample-example"]["steps"][1]["options"][0]["explanation"], '"correct"',
               ex["sample-reflect"]["exemplar"], '"self_check"']
    for secret in secrets:
        assert secret not in text, secret
    assert ex["sample-example"]["steps"][0]["text"] in text  # a shown step stays shown
    assert ex["sample-example"]["steps"][1]["question"] in text


def test_items_pick_situations_of_a_place_exercise_only(tmp_path, sample_dir):
    data = {"format": "lmcourse-assignment", "version": 1, "id": "kinds", "title": "Kinds",
            "questions": [{"exercise": "sample-example", "items": ["how"]}]}
    path = write_json(tmp_path / "kinds.json", data)
    (problem,) = assignment.check_file(path, exercises=sample_dir)[1]
    assert "'items' only applies to a classify or place exercise" in problem.message
