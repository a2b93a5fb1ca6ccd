import json

import pytest

from lmcourse.core import content
from lmcourse.core.locate import value_lines
from tests.conftest import ROOT, SAMPLE, write_json


def broken(tmp_path, edit, name="01-sample.json"):
    """The sample file with one edit applied, written to tmp_path; its problems."""
    data = json.loads((SAMPLE / "01-sample.json").read_text())
    edit(data)
    path = write_json(tmp_path / name, data)
    return content.check_file(path)[1]


def test_the_course_loads_with_enough_questions():
    course = content.load_course(ROOT / "exercises")
    total = sum(content.question_count(ex) for ex in course.exercises.values())
    assert total >= 60
    kinds = {ex["kind"] for ex in course.exercises.values()}
    assert kinds == set(content.KINDS)


def test_every_notebook_has_an_exercise_file_and_back():
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}
    files = {p.stem for p in (ROOT / "exercises").glob("[0-9][0-9]-*.json")}
    assert notebooks == files
    assert len(notebooks) == 11


def test_each_difference_has_one_self_assessment():
    course = content.load_course(ROOT / "exercises")
    diffs = sorted(ex["difference"] for ex in course.exercises.values() if ex["kind"] == "self")
    assert diffs == sorted(content.DIFFERENCE_IDS)


def test_sample_is_clean(sample_dir):
    assert content.check_file(sample_dir / "01-sample.json")[1] == []


def test_problem_names_file_line_item_and_expectation(tmp_path):
    def edit(d):
        d["exercises"][0]["items"][1]["answer"] = "nobody"

    (problem,) = broken(tmp_path, edit)
    text = str(problem)
    assert text.startswith(f"{tmp_path / '01-sample.json'}:")
    assert "'sample-sort', item 'rota'" in text and '"nobody"' in text
    assert '(one of "leadership", "management", "both")' in text
    lines = (tmp_path / "01-sample.json").read_text().splitlines()
    assert '"nobody"' in lines[problem.line - 1]


@pytest.mark.parametrize("edit, words", [
    (lambda d: d["exercises"][1]["options"][1].update(correct=True), "2 options are marked"),
    (lambda d: d["exercises"][1]["options"][0].pop("explanation"), "has no 'explanation'"),
    (lambda d: d["exercises"][0]["items"][0]["feedback"].pop("both"), "no feedback for"),
    (lambda d: d["exercises"][2]["options"][0].update(correct="yes"), "'correct' is \"yes\""),
    (lambda d: d["exercises"][3].update(difference="vibes"), "'difference' is \"vibes\""),
    (lambda d: d["exercises"][3]["items"].pop(0), "2 item(s) keyed to the leadership side"),
    (lambda d: d["exercises"][4].update(kind="essay"), "'kind' is \"essay\""),
    (lambda d: d["exercises"][4].update(id=d["exercises"][0]["id"]), "the id is used twice"),
    (lambda d: d["exercises"][4].update(id="Bad Id"), "'id' is \"Bad Id\""),
    (lambda d: d.update(notebook="02-other"), "the file's own stem"),
    (lambda d: d["exercises"][5]["items"][0].update(difference="results"),
     "'difference' is \"results\", which the exercise does not list"),
    (lambda d: d["exercises"][5]["items"][0]["feedback"].pop("change"),
     "one explanation for each listed difference"),
    (lambda d: d["exercises"][5]["items"][0]["feedback"].update(results="Why not."),
     "feedback for 'results', which the exercise does not list"),
    (lambda d: d["exercises"][5]["items"][0]["side_feedback"].pop("leadership"),
     "has no 'leadership'"),
    (lambda d: d["exercises"][5].update(differences=["focus", "focus"]), "repeats an entry"),
    (lambda d: d["exercises"][6]["steps"][1]["options"][1].update(correct=True),
     "step 'how': 2 options are marked correct"),
    (lambda d: d["exercises"][6]["steps"][1].pop("options"),
     "has 'question' but no 'options'"),
    (lambda d: [s.pop(k) for s in d["exercises"][6]["steps"] for k in ("question", "options")
                if k in s], "no step has a question"),
    (lambda d: d["exercises"][6]["steps"][2].update(id="how"), "step id 'how' is used twice"),
    (lambda d: d["exercises"][4].pop("self_check"), "has 'exemplar' but no 'self_check'"),
    (lambda d: d["exercises"][4]["self_check"].pop(), "has 2 entries"),
])
def test_each_kind_of_mistake_is_reported(tmp_path, edit, words):
    problems = broken(tmp_path, edit)
    assert len(problems) == 1
    assert words in str(problems[0])


def test_invalid_json_and_non_utf8_are_reported_with_lines(tmp_path):
    bad = tmp_path / "01-x.json"
    bad.write_text('{"notebook": "01-x",\n "title": "x",\n "exercises": [,]}')
    (p,) = content.check_file(bad)[1]
    assert p.line == 3 and "not valid JSON" in p.message
    raw = tmp_path / "02-y.json"
    raw.write_bytes(b'{"title":\n "\xff"}')
    (p,) = content.check_file(raw)[1]
    assert p.line == 2 and "not UTF-8" in p.message


def test_load_course_refuses_an_id_used_in_two_files(sample_dir):
    data = json.loads((sample_dir / "01-sample.json").read_text())
    data["notebook"] = "02-sample"
    write_json(sample_dir / "02-sample.json", data)
    with pytest.raises(content.ContentError) as err:
        content.load_course(sample_dir)
    assert "is also used in" in str(err.value)


def test_load_course_names_an_empty_folder(tmp_path):
    with pytest.raises(content.ContentError, match="no exercise files found"):
        content.load_course(tmp_path)


def test_unknown_exercise_id_is_a_clear_key_error(sample):
    course = content.load_course()
    with pytest.raises(KeyError, match="no exercise 'nope'"):
        course.get("nope")


def test_value_lines_maps_nested_paths():
    lines = value_lines('{\n "a": [\n  {"b": 1},\n  {"b": "x\\"y"}\n ]\n}')
    assert lines[("a", 1, "b")] == 4 and lines[("a",)] == 2


def test_questions_keys():
    ex = {"id": "e", "kind": "classify", "items": [{"id": "a"}, {"id": "b"}]}
    assert content.questions(ex) == ["e/a", "e/b"]
    assert content.questions({"id": "s", "kind": "self"}) == []


def test_questions_keys_of_place_and_example(sample):
    assert content.questions(sample["sample-place"]) == ["sample-place/rush",
                                                         "sample-place/brunch"]
    assert content.questions(sample["sample-example"]) == ["sample-example/how",
                                                           "sample-example/both"]


def test_narrow_asks_one_question_again(sample):
    place = content.narrow(sample["sample-place"], "sample-place/brunch")
    assert [i["id"] for i in place["items"]] == ["brunch"]
    example = content.narrow(sample["sample-example"], "sample-example/both")
    assert content.questions(example) == ["sample-example/both"]
    shown = example["steps"][1]  # the other step to complete is shown worked
    assert shown == {"id": "how", "title": "Step 2", "text": "It asks who is where, and when."}
    assert content.narrow(sample["sample-s1"], "sample-s1") is sample["sample-s1"]


@pytest.mark.parametrize("kind", ["place", "example", "reflection"])
def test_the_documented_examples_of_each_kind_are_valid(kind):
    import re

    text = (ROOT / "exercises" / "README.md").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S)
              if f'"kind": "{kind}"' in b]
    assert blocks, f"exercises/README.md shows no {kind} exercise"
    data = {"notebook": "01-doc", "title": "Doc", "exercises": blocks}
    assert content.check_data(data, "01-doc.json", value_lines(json.dumps(data))) == []
