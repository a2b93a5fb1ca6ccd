"""Scoring: one judged record per question or item, with the authored explanations."""

from lmcourse.core import scoring


def test_classify_gives_a_record_per_item_with_the_better_answer(sample):
    ex = sample["sample-sort"]
    result = scoring.check(ex, {"roadmap": "management", "rota": "management"})
    assert (result.status, result.score, result.total) == ("partly", 1, 2)
    wrong, right = result.records
    roadmap, rota = ex["items"]
    assert (wrong.key, wrong.subject, wrong.status, wrong.credit) == (
        "sample-sort/roadmap", roadmap["text"], "wrong", 0.0)
    assert (wrong.given, wrong.given_text) == ("management", "Management")
    assert wrong.explanation == roadmap["feedback"]["management"]  # as authored
    assert (wrong.better, wrong.why) == ("Leadership", roadmap["feedback"]["leadership"])
    assert wrong.wrong_picks == ("Management",)
    assert (right.status, right.credit, right.better, right.why) == ("right", 1.0, "", "")
    assert right.explanation == rota["feedback"]["management"]
    assert result.missed == ["sample-sort/roadmap"]


def test_classify_with_nothing_chosen_asks_for_a_choice(sample):
    result = scoring.check(sample["sample-sort"], {})
    assert result.status == "empty" and "Choose a category" in result.summary
    assert [r.status for r in result.records] == ["open", "open"] and result.missed == []


def test_classify_partial_answers_count_open_items(sample):
    result = scoring.check(sample["sample-sort"], {"roadmap": "leadership"})
    assert result.open == 1 and result.score == 1 and "1 still to place" in result.summary
    assert result.records[1].status == "open" and result.records[1].better == "Management"


def test_scenario_right_wrong_and_empty(sample):
    ex = sample["sample-s1"]
    (right,) = scoring.check(ex, "a").records
    assert (right.status, right.credit, right.given) == ("right", 1.0, "a")
    assert right.explanation == ex["options"][0]["explanation"] and right.better == ""
    wrong = scoring.check(ex, "b")
    assert wrong.status == "wrong" and wrong.missed == ["sample-s1"]
    (record,) = wrong.records
    assert record.explanation == ex["options"][1]["explanation"]
    assert (record.better, record.why) == (ex["options"][0]["text"],
                                           ex["options"][0]["explanation"])
    assert record.wrong_picks == (ex["options"][1]["text"],)
    for nothing in (None, "zzz"):  # an id the question does not have is no answer
        empty = scoring.check(ex, nothing)
        assert empty.status == "empty" and empty.records[0].status == "open"
        assert empty.records[0].credit == 0


def test_multi_is_one_record_with_every_option_judged(sample):
    ex = sample["sample-m1"]
    assert scoring.check(ex, ["a", "c"]).status == "right"
    partly = scoring.check(ex, ["a", "b"])
    assert partly.status == "partly" and partly.score == 1 and partly.total == 3
    (record,) = partly.records
    assert record.status == "partly" and record.credit == 1 / 3 and record.given == ("a", "b")
    assert [(c.id, c.ticked, c.applies, c.ok) for c in record.choices] == [
        ("a", True, True, True), ("b", True, False, False), ("c", False, True, False)]
    assert record.wrong_picks == (ex["options"][1]["text"],)
    assert partly.missed == ["sample-m1"]


def test_multi_repeats_count_once_and_unknown_ids_are_no_answer(sample):
    ex = sample["sample-m1"]
    assert scoring.check(ex, ["a", "a", "c", "c"]).status == "right"
    for answer in (["a", "a", "c", "c", "z"], [], ["z"]):
        result = scoring.check(ex, answer)
        assert result.status == "empty" and result.records[0].credit == 0, answer
        assert not any(c.ticked for c in result.records[0].choices)
    assert scoring.unknown_options(ex, ["a", "z", "z", "y"]) == ["z", "y"]
    assert scoring.unknown_options(sample["sample-s1"], "z") == ["z"]
    assert scoring.unknown_options(sample["sample-s1"], "a") == []


def test_pole_scores_are_means_on_0_to_100(sample):
    ex = sample["sample-self"]
    assert scoring.pole_scores(ex, {"a": 4, "b": 2, "c": 0}) == {
        "leadership": 75.0, "management": 0.0}
    assert scoring.pole_scores(ex, {"a": 4}) == {"leadership": 100.0, "management": None}
    assert scoring.pole_scores(ex, {"a": 9, "b": True}) == {"leadership": None,
                                                             "management": None}


def test_self_and_reflection_are_saved_not_judged(sample):
    result = scoring.check(sample["sample-self"], {"a": 4, "c": 1})
    assert result.status == "saved" and "Leadership side 100 of 100" in result.summary
    assert "4 question(s) still open" in result.summary and result.records == ()
    assert scoring.check(sample["sample-reflect"], "  ").status == "empty"
    assert scoring.check(sample["sample-reflect"], "I saw a plan.").summary == "Saved (4 words)."


def test_place_scores_difference_and_side_half_each(sample):
    ex = sample["sample-place"]
    rush, brunch = ex["items"]
    result = scoring.check(ex, {"rush": {"difference": "focus", "side": "leadership"},
                                "brunch": {"difference": "change", "side": "leadership"}})
    assert (result.status, result.score, result.total) == ("partly", 1, 2)
    half, whole = result.records
    assert (half.key, half.subject, half.status, half.credit) == (
        "sample-place/rush", rush["text"], "partly", 0.5)
    assert (half.given, half.given_text) == (("focus", "leadership"), "Focus, leadership side")
    assert half.explanation == (f"{rush['feedback']['focus']} "
                                f"{rush['side_feedback']['leadership']}")  # as authored
    assert half.better == "Focus, management side"
    assert half.why == f"{rush['feedback']['focus']} {rush['side_feedback']['management']}"
    assert half.wrong_picks == ("Focus, leadership side",)
    assert (whole.status, whole.credit, whole.better) == ("right", 1.0, "")
    assert result.missed == ["sample-place/rush"]
    wrong = scoring.check(ex, {"rush": {"difference": "change", "side": "leadership"}})
    assert wrong.records[0].status == "wrong" and wrong.records[0].credit == 0


def test_place_counts_an_item_only_once_both_parts_are_chosen(sample):
    ex = sample["sample-place"]
    empty = scoring.check(ex, {"rush": {"difference": "focus"}})
    assert empty.status == "empty" and "a difference and a side" in empty.summary
    assert [r.status for r in empty.records] == ["open", "open"]
    assert empty.records[0].better == "Focus, management side"
    some = scoring.check(ex, {"rush": {"difference": "focus", "side": "management"},
                              "brunch": {"side": "leadership"}})
    assert (some.status, some.open) == ("partly", 1) and "1 still to place" in some.summary
    # a difference the exercise does not list, or a side that is not one, is no answer
    odd = scoring.check(ex, {"rush": {"difference": "results", "side": "management"},
                             "brunch": {"difference": "change", "side": "both"}})
    assert odd.status == "empty"


def test_example_judges_each_step_to_complete(sample):
    ex = sample["sample-example"]
    how, both = ex["steps"][1], ex["steps"][2]
    result = scoring.check(ex, {"how": "a", "both": "a"})
    assert (result.status, result.score, result.total) == ("partly", 1, 2)
    right, wrong = result.records
    assert (right.key, right.subject, right.status) == ("sample-example/how", how["question"],
                                                        "right")
    assert (wrong.given, wrong.given_text, wrong.explanation) == (
        "a", both["options"][0]["text"], both["options"][0]["explanation"])
    assert (wrong.better, wrong.why) == (both["options"][1]["text"],
                                         both["options"][1]["explanation"])
    assert result.missed == ["sample-example/both"]
    assert scoring.check(ex, {}).status == "empty"
    assert scoring.check(ex, {"how": "zzz"}).status == "empty"  # no such option: no answer
    assert scoring.check(ex, {"how": "a", "both": "b"}).status == "right"


def test_wrong_given_names_each_wrong_answer_as_a_string(sample):
    place = scoring.check(sample["sample-place"],
                          {"rush": {"difference": "change", "side": "management"},
                           "brunch": {"difference": "change", "side": "leadership"}})
    assert place.wrong_given == {"sample-place/rush": "change/management"}
    sort = scoring.check(sample["sample-sort"], {"roadmap": "both", "rota": "management"})
    assert sort.wrong_given == {"sample-sort/roadmap": "both"}
    assert scoring.check(sample["sample-m1"], ["b"]).wrong_given == {}  # judged per option
