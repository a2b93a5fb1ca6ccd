"""A learner's version-1 progress file, from before the two-scale self-assessments, is
carried over with nothing dropped: what maps is kept, the rest is asked again with the
earlier answer shown, and the old file is kept aside under a versioned name."""

import json

import pytest

from lmcourse.core import content, migrate, progress
from tests.conftest import ROOT

V1 = json.loads((ROOT / "lmcourse" / "data" / "self-v1.json").read_text(encoding="utf-8"))


@pytest.fixture
def course(monkeypatch):
    monkeypatch.setenv("LMCOURSE_EXERCISES", str(ROOT / "exercises"))
    return content.load_course(ROOT / "exercises")


def old_file() -> dict:
    """A version-1 file answering every old self-assessment item, each label in turn, and
    other exercises as version 1 saved them."""
    answers, k = {}, 0
    for ex_id, ex in V1["exercises"].items():
        value = {}
        for item in ex["items"]:
            value[item["id"]] = k % 5
            k += 1
        answers[ex_id] = {"value": value, "status": "saved",
                          "updated": "2026-03-01T10:00:00+00:00"}
    answers["focus-sort"] = {"value": {"x": "leadership"}, "status": "partly", "score": 1,
                             "total": 6, "missed": ["focus-sort/x"],
                             "updated": "2026-03-01T10:00:00+00:00"}
    answers["skills-rating"] = {"value": {"vision": 7, "delegation": 3},
                                "updated": "2026-03-01T10:00:00+00:00"}
    answers["focus-reflect"] = {"value": "A few honest sentences.",
                                "updated": "2026-03-01T10:00:00+00:00"}
    return {"format": "lmcourse-progress", "version": 1,
            "learner": {"name": "Ada", "id": "s1"}, "answers": answers,
            "reviewed": {"focus-sort/y": "2026-03-02T10:00:00+00:00"},
            "updated": "2026-03-02T10:00:00+00:00"}


def accounted(old: dict, new: dict, course) -> None:
    """Every old self-assessment answer is either carried over (same question, same
    label) or kept in 'earlier' with its question and label: nothing dropped."""
    for ex_id, ex in V1["exercises"].items():
        entry, today = new["answers"][ex_id], course.get(ex_id)
        texts = {i["id"]: i["text"] for i in today["items"]}
        earlier = {(e["question"], e["answer"]) for e in entry.get("earlier", [])}
        for item in ex["items"]:
            label = migrate.V1_SCALE[old["answers"][ex_id]["value"][item["id"]]]
            kept = entry["value"].get(item["now"])
            if texts[item["now"]] == item["text"] and label in today["scale"]:
                assert today["scale"][kept] == label, (ex_id, item["id"])
            else:
                assert (item["text"], label) in earlier, (ex_id, item["id"])
                assert any(e["item"] == item["now"] for e in entry["earlier"])


def test_an_old_file_migrates_with_nothing_dropped(progress_file, course):
    old = old_file()
    raw = json.dumps(old).encode()
    progress_file.write_bytes(raw)
    store = progress.Progress(progress_file, course.exercises.get)
    new = store.load()
    assert new["version"] == 2 and new["learner"] == old["learner"]
    assert new["reviewed"] == old["reviewed"]
    for ex_id in ("focus-sort", "skills-rating", "focus-reflect"):
        assert new["answers"][ex_id] == old["answers"][ex_id]
    accounted(old, new, course)
    kept = [p for p in progress_file.parent.iterdir() if ".v1-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == raw  # the old file, as it was
    assert "earlier version of the course" in store.notice and kept[0].name in store.notice
    on_disk = json.loads(progress_file.read_text(encoding="utf-8"))
    assert on_disk["version"] == 2 and on_disk["answers"] == new["answers"]
    progress.Progress(progress_file, course.exercises.get).load()  # read again: once only
    assert len([p for p in progress_file.parent.iterdir() if ".v1-" in p.name]) == 1


def test_about_half_the_time_is_asked_again_and_often_carries_over(course):
    old = {"format": "lmcourse-progress", "version": 1, "answers": {"decision-self": {
        "value": {"go-ahead": 2, "list-risks": 3, "fallback": 0}}}}
    new, report = migrate.from_v1(old, course.exercises.get)
    entry = new["answers"]["decision-self"]
    scale = course.get("decision-self")["scale"]
    assert scale[entry["value"]["list-risks"]] == "Often"
    assert scale[entry["value"]["fallback"]] == "Rarely"
    assert entry["earlier"] == [{"question": course.get("decision-self")["items"][0]["text"],
                                 "answer": "About half the time", "item": "go-ahead"}]
    assert (report.carried, report.again) == (2, 1)


def test_an_old_export_imported_gets_the_same_treatment(tmp_path, course):
    old = old_file()
    store = progress.Progress(tmp_path / "p.json", course.exercises.get)
    report = store.import_bytes(json.dumps(old).encode(), "old.json")
    assert report.again > 0 and "asked again" in report.sentence()
    accounted(old, store.load(), course)
    assert json.loads((tmp_path / "p.json").read_text())["version"] == 2


def test_the_v1_record_names_an_item_asked_today_for_every_old_item(course):
    for ex_id, ex in V1["exercises"].items():
        today = {i["id"]: i for i in course.get(ex_id)["items"]}
        for item in ex["items"]:
            assert item["now"] in today, (ex_id, item["id"])
            assert today[item["now"]]["pole"] == item["pole"], (ex_id, item["id"])


def test_nine_untouched_skill_sliders_become_not_rated_and_are_kept(course):
    nine = {s: 5 for s in ("vision", "integrity", "decision-making", "empathy",
                           "communication", "organization", "problem-solving",
                           "time-management", "delegation")}
    old = {"format": "lmcourse-progress", "version": 1,
           "answers": {"skills-rating": {"value": nine}}}
    new, report = migrate.from_v1(old, course.exercises.get)
    entry = new["answers"]["skills-rating"]
    assert entry["value"] == {} and report.again == 1
    assert "5 for every skill" in entry["earlier"][0]["answer"]
    rated = {**nine, "vision": 6}  # a real rating is carried over as it was
    new, _ = migrate.from_v1({**old, "answers": {"skills-rating": {"value": rated}}},
                             course.exercises.get)
    assert new["answers"]["skills-rating"]["value"] == rated
