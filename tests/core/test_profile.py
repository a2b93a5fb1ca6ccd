"""The two-scale model: two independent scores per difference, never one lean.

Each test names a rule of issue 10: top answers give 100 and 100 everywhere, drawn as two
full polygons; "I have not had the chance" changes no score and a side without a scored
answer is missing, never 0; a pair's coverage is the better of two scores on each side."""

import json

import pytest

from lmcourse.core import content, profile, radar, scoring
from tests.conftest import ROOT


@pytest.fixture
def course(monkeypatch):
    monkeypatch.setenv("LMCOURSE_EXERCISES", str(ROOT / "exercises"))
    return content.load_course(ROOT / "exercises")


def answers_all(course, pick) -> dict:
    """Progress data answering every item of every self-assessment with ``pick(ex, item)``."""
    data = {"answers": {}}
    for ex in profile.self_exercises(course).values():
        data["answers"][ex["id"]] = {"value": {item["id"]: pick(ex, item)
                                               for item in ex["items"]}}
    return data


def top(ex, item):
    return max(scoring.scale_points(ex), key=scoring.scale_points(ex).get)


def test_the_top_option_everywhere_gives_100_and_100_drawn_as_two_full_polygons(course):
    poles = profile.pole_profile(course, answers_all(course, top))
    assert poles == {"leadership": [100.0] * 7, "management": [100.0] * 7}
    fig, ax = radar.new_figure()
    art = radar.draw(ax, profile.LABELS, [("Leadership side", poles["leadership"]),
                                          ("Management side", poles["management"])])
    for fill in art.fills:  # both areas closed and reaching the rim on every spoke
        radii = [r for _, r in fill.get_xy()]
        assert len(radii) >= 7 and all(r == 100 for r in radii)
    alt = radar.alt_text("Profile", profile.LABELS, [
        ("Leadership side", poles["leadership"]), ("Management side", poles["management"])])
    for side in ("Leadership side", "Management side"):
        said = alt.split(f"{side}: ")[1].split(".")[0]
        assert said == ", ".join(f"{label} 100 of 100" for label in profile.LABELS)


def test_every_course_self_assessment_follows_the_item_rules(course):
    selves = profile.self_exercises(course)
    assert sorted(selves) == sorted(content.DIFFERENCE_IDS)
    for ex in selves.values():
        assert ex["scale"] == ["Never", "Rarely", "Sometimes", "Often", "Almost always",
                               "I have not had the chance"]
        assert ex["unscored"] == "I have not had the chance"
        for side in content.POLES:
            assert sum(item["pole"] == side for item in ex["items"]) >= 3, ex["id"]
        for item in ex["items"]:
            assert item["text"].startswith("How often do you") and item["text"].endswith("?")


def test_not_had_the_chance_changes_no_score(sample):
    ex = sample["sample-self"]
    skip = scoring.unscored_index(ex)
    base = {"a": 3, "c": 1}
    assert scoring.pole_scores(ex, {**base, "b": skip, "d": skip}) == \
        scoring.pole_scores(ex, base) == {"leadership": 75.0, "management": 25.0}
    only = scoring.pole_scores(ex, {"a": skip, "b": skip, "e": skip, "c": 0})
    assert only == {"leadership": None, "management": 0.0}  # missing, never 0
    said = scoring.check(ex, {"a": skip, "c": 0}).summary
    assert "Leadership side: no answer on the scale yet" in said
    assert "1 answered \u201cI have not had the chance\u201d, left out of the score" in said


def test_a_side_with_no_scored_answer_is_drawn_as_missing(sample):
    ex = sample["sample-self"]
    skip = scoring.unscored_index(ex)
    alt = radar.alt_text("Profile", ["Focus"], [
        ("Leadership side", [scoring.pole_scores(ex, {"a": skip})["leadership"]])])
    assert alt.endswith("Leadership side: Focus not answered yet.")


def test_a_pair_with_one_person_strong_at_both_covers_both_sides_fully():
    both = {"leadership": [100] * 7, "management": [100] * 7}
    neither = {"leadership": [0] * 7, "management": [0] * 7}
    assert profile.coverage(both, neither) == both
    assert profile.coverage(neither, both) == both


def test_coverage_takes_the_better_score_on_each_side_separately():
    leader = {"leadership": [90] * 7, "management": [20] * 7}
    manager = {"leadership": [30] * 7, "management": [80] * 7}
    assert profile.coverage(leader, manager) == {"leadership": [90] * 7,
                                                 "management": [80] * 7}
    alike = {"leadership": [85] * 7, "management": [15] * 7}
    assert profile.coverage(alike, leader)["management"] == [20] * 7  # a side left thin


def test_the_gap_is_shown_beside_the_scores_and_cannot_tell_high_from_low():
    assert profile.gap(90, 90) == profile.gap(10, 10) == 0.0
    assert profile.gap(80, 30) == 50.0 and profile.gap(30, 80) == -50.0
    assert profile.gap(None, 30) is None


def test_case_readings_are_two_scores_with_their_sources():
    raw = json.loads((ROOT / "lmcourse" / "data" / "cases.json").read_text())
    assert "lean" not in json.dumps(raw)
    for pair in profile.cases()["pairs"].values():
        for person in pair["people"]:
            two = profile.case_profile(person)
            assert set(two) == {"leadership", "management"}
            assert all(len(v) == 7 for v in two.values())
            assert person["sources"] and person["why"]
    cook = next(p for p in profile.cases()["pairs"]["apple"]["people"] if p["id"] == "cook")
    decision = cook["scores"]["decision-making"]
    assert min(decision.values()) >= 60  # a bold bet and a careful plan: high on both


def test_the_lean_is_gone_from_the_package():
    assert not hasattr(profile, "lean") and not hasattr(profile, "lean_profile")
