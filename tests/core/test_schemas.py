"""Every file format has one JSON Schema, and that schema is the check.

The schemas must be valid, accept every file the course ships, and agree with the code
that checks the same files: the fast compiled check, the full ``jsonschema`` check and
the package's own loaders give the same verdict on a set of edge cases."""

import copy
import json

import jsonschema
import pytest

from lmcourse.core import content, schemas, submission
from lmcourse.core.locate import value_lines
from lmcourse.grading import assignment
from tests.conftest import ROOT

EXERCISE_FILES = sorted((ROOT / "exercises").glob("[0-9][0-9]-*.json"))
ASSIGNMENTS = sorted((ROOT / "exercises" / "assignments").glob("*.json"))
SUBMISSIONS = sorted((ROOT / "exercises" / "assignments" / "samples").rglob("*.json"))


@pytest.mark.parametrize("kind", [k for k, f in schemas.KINDS.items()
                                  if (ROOT / "lmcourse/data/schemas" / f).exists()])
def test_each_schema_is_a_valid_2020_12_schema(kind):
    jsonschema.Draft202012Validator.check_schema(schemas.schema(kind))


DRAFT_07 = {  # the keywords fastjsonschema's draft-07 check acts on, and annotations
    "$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples",
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "items", "additionalItems",
    "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties",
    "required", "properties", "patternProperties", "additionalProperties", "dependencies",
    "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not", "format",
    "$defs", "definitions"}
MAPS = {"properties", "patternProperties", "$defs", "definitions"}


def keywords(node) -> set[str]:
    """Every keyword used anywhere in the schema ``node``."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in MAPS:
                for sub in value.values():
                    found |= keywords(sub)
            elif key in ("items", "not", "additionalProperties", "if", "then", "else",
                         "contains", "propertyNames", "additionalItems"):
                found |= keywords(value)
            elif key in ("allOf", "anyOf", "oneOf"):
                for sub in value:
                    found |= keywords(sub)
    return found


@pytest.mark.parametrize("kind", sorted(schemas.KINDS))
def test_the_fast_check_knows_every_keyword_it_is_given(kind):
    """fastjsonschema skips a keyword it does not know, and would pass what it forbids."""
    used = keywords(schemas._as_draft_07(schemas.schema(kind)))
    assert {k for k in used if not k.startswith("x-")} <= DRAFT_07  # x-: our annotations


@pytest.mark.parametrize(("kind", "path"), [("exercise", p) for p in EXERCISE_FILES]
                         + [("assignment", p) for p in ASSIGNMENTS
                            if '"lmcourse-assignment"' in p.read_text()]
                         + [("submission", p) for p in SUBMISSIONS], ids=lambda x: str(x)[-30:])
def test_the_bundled_files_pass_their_schema(kind, path):
    data = json.loads(path.read_text())
    assert schemas.errors(kind, data) == []
    assert schemas.is_valid(kind, data)


def _exercise_file():
    return json.loads((ROOT / "tests" / "data" / "01-sample.json").read_text())


def _ex(data, kind):
    return next(e for e in data["exercises"] if e["kind"] == kind)


EXERCISE_EDITS = {
    "good as it is": lambda d: None,
    "a scenario with six options": lambda d: _ex(d, "scenario")["options"].extend(
        dict(_ex(d, "scenario")["options"][-1], id=f"x{i}") for i in range(4)),
    "'correct' as text": lambda d: _ex(d, "scenario")["options"][0].update(correct="yes"),
    "an unknown kind": lambda d: _ex(d, "scenario").update(kind="quiz"),
    "a misspelt field": lambda d: _ex(d, "scenario").update(promt="..."),
    "an id with capitals": lambda d: _ex(d, "scenario").update(id="Sample Check"),
    "a blank title": lambda d: _ex(d, "multi").update(title="   "),
    "an item with no feedback": lambda d: _ex(d, "classify")["items"][0].pop("feedback"),
    "a self pole that does not exist": lambda d: _ex(d, "self")["items"][0].update(pole="x"),
    "no exercises": lambda d: d.update(exercises=[]),
    "a number for a title": lambda d: d.update(title=3),
    "the file a list": lambda d: d.clear() or None,
}


@pytest.mark.parametrize("name", EXERCISE_EDITS)
def test_schema_and_code_agree_on_exercise_files(name, tmp_path):
    data = _exercise_file()
    EXERCISE_EDITS[name](data)
    if name == "the file a list":
        data = [data]
    text = json.dumps(data, indent=1)
    refused_by_schema = bool(schemas.errors("exercise", data))
    assert schemas.is_valid("exercise", data) is not refused_by_schema
    problems = content.check_data(data, str(tmp_path / "01-sample.json"), value_lines(text))
    assert bool(problems) is refused_by_schema or (problems and not refused_by_schema), name
    if refused_by_schema:
        assert problems and all(":" in str(p) for p in problems)
    assert (name == "good as it is") is (not problems)


def _assignment():
    return json.loads((ROOT / "exercises" / "assignments" / "week-1.json").read_text())


ASSIGNMENT_EDITS = {
    "good as it is": lambda d: None,
    "due yesterday in words": lambda d: d.update(due="yesterday"),
    "due as a bare date": lambda d: d.update(due="2026-12-04"),
    "due with no time zone": lambda d: d.update(due="2026-12-04T23:59:00"),
    "due on the 31st of February": lambda d: d.update(due="2026-02-31"),
    "version as text": lambda d: d.update(version="1"),
    "version true": lambda d: d.update(version=True),
    "version 2": lambda d: d.update(version=2),
    "negative points": lambda d: d["questions"][0].update(points=-1),
    "points as text": lambda d: d["questions"][0].update(points="2"),
    "a mode that does not exist": lambda d: d["questions"][0].update(mode="exam"),
    "an unknown field": lambda d: d.update(colour="blue"),
    "no questions": lambda d: d.update(questions=[]),
    "an empty title": lambda d: d.update(title=""),
}
ACCEPTED = {"good as it is", "due as a bare date", "due with no time zone"}


@pytest.mark.parametrize("name", ASSIGNMENT_EDITS)
def test_schema_and_code_agree_on_assignments(name):
    data = _assignment()
    ASSIGNMENT_EDITS[name](data)
    text = json.dumps(data, indent=1)
    refused = bool(schemas.errors("assignment", data))
    assert schemas.is_valid("assignment", data) is not refused
    found, problems = assignment.check_data(
        data, "a.json", value_lines(text),
        base=ROOT / "exercises" / "assignments")
    assert refused is (name not in ACCEPTED)
    assert bool(problems) is refused and (found is None) is refused, problems


def _submission():
    return json.loads(SUBMISSIONS[0].read_text())


SUBMISSION_EDITS = {
    "good as it is": lambda d: None,
    "submitted yesterday in words": lambda d: d.update(submitted="yesterday"),
    "submitted as a number": lambda d: d.update(submitted=20261204),
    "no student id": lambda d: d["student"].pop("id"),
    "a blank student id": lambda d: d["student"].update(id="   "),
    "answers as a list": lambda d: d.update(answers=[]),
    "the wrong format": lambda d: d.update(format="lmcourse-progress"),
    "version 2": lambda d: d.update(version=2),
}


@pytest.mark.parametrize("name", SUBMISSION_EDITS)
def test_schema_and_code_agree_on_submissions(name):
    data = _submission()
    SUBMISSION_EDITS[name](data)
    refused = bool(schemas.errors("submission", data))
    assert schemas.is_valid("submission", data) is not refused
    bad, *_ = submission.check_structure(copy.deepcopy(data))
    assert refused is (name != "good as it is")
    assert bool(bad) is refused, bad


@pytest.mark.parametrize(("edit", "said"), [
    (lambda d: _ex(d, "scenario")["options"][0].update(correct="yes"),
     "option 'a': 'correct' is \"yes\" (true or false)"),
    (lambda d: _ex(d, "scenario").update(promt="..."), "unknown field 'promt' (only id, kind"),
    (lambda d: _ex(d, "multi").update(title="  "), "'title' is empty (a non-empty string)"),
    (lambda d: _ex(d, "scenario")["options"][1].pop("explanation"),
     "has no 'explanation' ('explanation': a non-empty string)"),
])
def test_schema_errors_are_said_in_words_with_the_line(edit, said, tmp_path):
    data = _exercise_file()
    edit(data)
    text = json.dumps(data, indent=1)
    (problem,) = schemas.problems("exercise", data, "f.json", value_lines(text))
    assert said in str(problem)
    assert problem.line > 1
