"""The review round's plan: missed questions and the round's own situations, dealt out
across the differences."""

from lmcourse.core import content, review
from tests.conftest import ROOT


def q(key, difference):
    return review.Question(key, {}, difference, "", False)


def test_interleave_deals_one_question_per_difference_in_turn():
    due = [q("a1", "focus"), q("a2", "focus"), q("a3", "focus"), q("b1", "change"),
           q("c1", None), q("d1", "results"), q("d2", "results")]
    order = [x.key for x in review.interleave(due)]
    assert order == ["a1", "b1", "d1", "c1", "a2", "d2", "a3"]
    diffs = [x.difference for x in review.interleave(due)]
    assert all(a != b for a, b in zip(diffs[:-1], diffs[1:], strict=True))  # neighbours differ


def test_difference_of_a_question():
    course = content.load_course(ROOT / "exercises")
    assert review.difference_of(course.get("time-check-1"), "time-check-1") == "time-focus"
    assert review.difference_of(course.get("skills-check-1"), "skills-check-1") is None
    place = {"kind": "place", "items": [{"id": "x", "difference": "results"}],
             "_notebook": "04-decision-making"}
    assert review.difference_of(place, "p/x") == "results"  # its own, not the notebook's


def test_pending_holds_missed_questions_until_reviewed(sample):
    course = content.load_course()
    data = {"answers": {"sample-sort": {"missed": ["sample-sort/rota"]},
                        "sample-example": {"missed": ["sample-example/both"]}},
            "reviewed": {}}
    due = review.pending(course, data)
    assert [x.key for x in due] == ["sample-sort/rota", "sample-example/both"]
    assert [i["id"] for i in due[0].exercise["items"]] == ["rota"]  # asked alone
    assert content.questions(due[1].exercise) == ["sample-example/both"]
    assert due[0].difference == "focus" and not due[0].fresh  # from a notebook 01 file
    data["reviewed"] = {"sample-sort/rota": "2026-12-01T00:00:00+00:00"}
    assert [x.key for x in review.pending(course, data)] == ["sample-example/both"]


def test_the_rounds_own_situations_are_due_until_answered_right(sample_dir):
    import json

    data = json.loads((sample_dir / "01-sample.json").read_text())
    own = next(ex for ex in data["exercises"] if ex["kind"] == "place")
    (sample_dir / f"{review.ROUND_NOTEBOOK}.json").write_text(json.dumps({
        "notebook": review.ROUND_NOTEBOOK, "title": "Your profile",
        "exercises": [{**own, "id": "round-place"}]}))
    course = content.load_course(sample_dir)
    saved = {"answers": {}, "reviewed": {"round-place/rush": "2026-12-01T00:00:00+00:00"}}
    due, total = review.plan(course, saved)
    assert [x.key for x in due] == ["round-place/brunch"] and total == 1
    assert due[0].fresh and due[0].difference == "change"
