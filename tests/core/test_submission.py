"""Submission files: made, checksummed, written atomically under a safe name, checked."""

import json

import pytest

from lmcourse.core import submission
from lmcourse.core.ids import safe_name
from tests.instructor_fixtures import RIGHT, when


def test_make_stamps_time_and_checksum():
    sub = submission.make("unit-1", " s1 ", "Ada ", RIGHT, when())
    assert sub["student"] == {"id": "s1", "name": "Ada"}
    assert sub["submitted"] == "2026-12-01T12:00:00+00:00"
    assert sub["checksum"] == submission.checksum(RIGHT)
    assert submission.check_structure(sub, "unit-1")[0] == []


def test_checksum_ignores_key_order_but_not_values():
    a = submission.checksum({"x": "a", "y": ["b"]})
    assert a == submission.checksum({"y": ["b"], "x": "a"})
    assert a != submission.checksum({"x": "b", "y": ["b"]})


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path):
    path = submission.write(submission.make("unit-1", "s1", "Ada", RIGHT), tmp_path)
    assert path.name == "unit-1-s1.json"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert json.loads(path.read_text())["answers"] == RIGHT


@pytest.mark.parametrize("sid", ["../x", "a/b", "/etc/passwd", "..", "C:\\evil", "~root",
                                 "x\x00y", "  ", "é/ü", ".hidden"])
def test_safe_names_never_leave_the_folder(tmp_path, sid):
    name = safe_name(sid)
    assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    target = (tmp_path / f"{name}.md").resolve()
    assert target.parent == tmp_path.resolve()


def test_safe_names_of_different_ids_differ():
    ids = ["a/b", "a_b", "a-b", "a b", "../a_b"]
    assert len({safe_name(i) for i in ids}) == len(ids)


def test_from_progress_takes_saved_values_and_never_scores():
    data = {"answers": {"sample-s1": {"value": "a", "score": 99, "status": "right"},
                        "other": {"value": "x"}, "sample-m1": {"value": []}}}
    sub = submission.from_progress("unit-1", ["sample-s1", "sample-m1"], data, "s1", "Ada")
    assert sub["answers"] == {"sample-s1": "a"}
    assert "score" not in json.dumps(sub)


@pytest.mark.parametrize("edit, words", [
    (lambda d: d.update(format="lmcourse-progress"), "a course answers export"),
    (lambda d: d.update(version=2), "'version' is 2"),
    (lambda d: d.update(student={"name": "x"}), "no student id"),
    (lambda d: d.update(submitted="yesterday"), "'submitted' is \"yesterday\""),
    (lambda d: d.update(answers=[]), "'answers' is a list of 0"),
    (lambda d: d.update(answers=None), "'answers' is null"),  # there, but null
    (lambda d: d.pop("answers"), "'answers' is missing"),
    (lambda d: d.update(submitted=None), "'submitted' is null"),
    (lambda d: d["answers"].update({"sample-s1": "b"}), "checksum does not match"),
    (lambda d: d.update(assignment="unit-2"), 'for assignment "unit-2"'),
])
def test_check_structure_names_each_problem(edit, words):
    sub = submission.make("unit-1", "s1", "Ada", dict(RIGHT), when())
    edit(sub)
    bad = submission.check_structure(sub, "unit-1")[0]
    assert len(bad) == 1 and words in bad[0][1], bad


STEPS = [{"id": "s1", "text": "worked"}, {"id": "s2", "question": "?", "options": [{"id": "a"}]}]


@pytest.mark.parametrize("kind_ex, value, ok", [
    ({"kind": "scenario"}, "a", True),
    ({"kind": "scenario"}, ["a"], False),
    ({"kind": "multi"}, ["a", "b"], True),
    ({"kind": "multi"}, "a, b", False),
    ({"kind": "classify", "categories": ["leadership", "management"]},
     {"x": "leadership"}, True),
    ({"kind": "classify", "categories": ["leadership", "management"]}, {"x": 1}, False),
    ({"kind": "classify", "categories": ["leadership", "management"]}, {"x": "boss"}, False),
    ({"kind": "self", "scale": ["a", "b", "c"], "items": [{"id": "x"}]}, {"x": 2}, True),
    ({"kind": "self", "scale": ["a", "b", "c"], "items": [{"id": "x"}]}, {"x": 3}, False),
    ({"kind": "self", "scale": ["a", "b", "c"], "items": [{"id": "x"}]}, {"x": True}, False),
    ({"kind": "place"}, {"x": {"difference": "focus", "side": "leadership"}}, True),
    ({"kind": "place"}, {"x": {"difference": "focus"}}, True),  # half made: kept, scored open
    ({"kind": "place"}, {"x": "focus"}, False),
    ({"kind": "place"}, {"x": {"difference": "focus", "why": "because"}}, False),
    ({"kind": "example", "steps": STEPS}, {"s2": "a"}, True),
    ({"kind": "example", "steps": STEPS}, {"s2": ["a"]}, False),
    ({"kind": "example", "steps": STEPS}, {"s2": "z"}, False),  # no such option
    ({"kind": "example", "steps": STEPS}, {"s1": "a"}, False),  # a step without a question
    ({"kind": "self", "scale": ["a", "b"], "items": [{"id": "x"}]}, {"old": 1}, False),
    ({"kind": "reflection"}, 42, False),
    ({"kind": "reflection"}, None, True),
])
def test_answer_types(kind_ex, value, ok):
    assert (submission.answer_problem(kind_ex, value) is None) is ok


def readme_example(marker):
    import re

    from tests.conftest import ROOT

    text = (ROOT / "exercises" / "README.md").read_text(encoding="utf-8")
    return next(json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S)
                if marker in b)


def test_the_documented_submission_example_is_valid():
    example = readme_example('"lmcourse-submission"')
    assert submission.check_structure(example, "week-1")[0] == []


def test_the_documented_assignment_example_loads(tmp_path):
    from lmcourse.grading import assignment
    from tests.conftest import ROOT, write_json

    example = readme_example('"lmcourse-assignment"')
    (tmp_path / "team-talks.json").write_text(
        (ROOT / "exercises" / "assignments" / "team-talks.json").read_text())
    found = assignment.load(write_json(tmp_path / "week-1.json", example),
                            exercises=ROOT / "exercises")
    assert found.id == "week-1" and len(found.exercises) == 6


def test_the_documented_python_example_runs(tmp_path, monkeypatch):
    import re

    from tests.conftest import ROOT

    text = (ROOT / "exercises" / "README.md").read_text(encoding="utf-8")
    (code,) = [b for b in re.findall(r"```python\n(.*?)```", text, re.S)
               if "submission.make" in b]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "exercises/README.md", "exec"), {})
    written = json.loads((tmp_path / "hand-in" / "week-1-s1001.json").read_text())
    assert submission.check_structure(written, "week-1")[0] == []


def _edge_cases():
    def sub(**edit):
        data = submission.make("unit-1", "s1", "Ada", {"q": "a"}, when())
        for key, value in edit.items():
            if value is _GONE:
                data.pop(key)
            else:
                data[key] = value
        return data

    student = {"id": "s1", "name": "Ada"}
    return [
        sub(), sub(format="lmcourse-progress"), sub(format=None), sub(version=2),
        sub(version=True), sub(version=1.0), sub(version="1"), sub(assignment=""),
        sub(assignment=3), sub(student={"name": "x"}), sub(student={"id": "  "}),
        sub(student={"id": 7}), sub(student={"id": "s" * 201}), sub(student={"id": "s" * 200}),
        sub(student={**student, "name": 5}), sub(student="s1"), sub(submitted="yesterday"),
        sub(submitted="2026-12-04"), sub(submitted=20261204), sub(answers=[]),
        sub(answers=None), sub(format=_GONE), sub(version=_GONE), sub(assignment=_GONE),
        sub(student=_GONE), sub(submitted=_GONE), sub(answers=_GONE), sub(checksum=_GONE),
        sub(checksum=5), [], "x", None,
    ]


_GONE = object()


@pytest.mark.parametrize("data", _edge_cases())
def test_the_envelope_check_and_the_submission_schema_agree(data):
    """Each answer's shape aside (the grader judges answers one by one), a submission's
    fields pass the hand-written check exactly when they pass the schema."""
    from lmcourse.core import schemas

    envelope = [p for p, *_ in schemas.errors("submission", data)
                if not (len(p) > 1 and p[0] == "answers")]
    assert (submission.check_structure(data).problems == []) == (envelope == []), (
        envelope, submission.check_structure(data).problems)
