from lmcourse.core import scoring


def test_classify_scores_each_item_with_its_own_feedback(sample):
    ex = sample["sample-sort"]
    result = scoring.check(ex, {"roadmap": "management", "rota": "management"})
    assert (result.status, result.score, result.total) == ("partly", 1, 2)
    wrong = result.lines[0]
    assert wrong.ok is False
    assert wrong.text.startswith("You chose Management; the better fit is Leadership.")
    assert result.lines[1].text.startswith("Management is the best fit.")
    assert ex["items"][0]["feedback"]["management"] in wrong.text
    assert result.missed == ["sample-sort/roadmap"]


def test_classify_with_nothing_chosen_asks_for_a_choice(sample):
    result = scoring.check(sample["sample-sort"], {})
    assert result.status == "empty" and "Choose a category" in result.summary


def test_classify_partial_answers_count_open_items(sample):
    result = scoring.check(sample["sample-sort"], {"roadmap": "leadership"})
    assert result.open == 1 and result.score == 1 and "1 still to place" in result.summary


def test_scenario_right_wrong_and_empty(sample):
    ex = sample["sample-s1"]
    right = scoring.check(ex, "a")
    assert right.status == "right" and right.score == 1
    assert ex["options"][0]["explanation"] in right.lines[0].text
    wrong = scoring.check(ex, "b")
    assert wrong.status == "wrong" and wrong.missed == ["sample-s1"]
    assert ex["options"][1]["explanation"] in wrong.lines[0].text
    assert scoring.check(ex, None).status == "empty"
    assert scoring.check(ex, "zzz").status == "empty"


def test_multi_needs_the_exact_set(sample):
    ex = sample["sample-m1"]
    assert scoring.check(ex, ["a", "c"]).status == "right"
    partly = scoring.check(ex, ["a", "b"])
    assert partly.status == "partly" and partly.score == 1 and partly.total == 3
    texts = " ".join(line.text for line in partly.lines)
    assert "does not apply" in texts and "You left this out" in texts
    assert scoring.check(ex, []).status == "empty"


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
    assert "2 question(s) still open" in result.summary
    assert scoring.check(sample["sample-reflect"], "  ").status == "empty"
    assert scoring.check(sample["sample-reflect"], "I saw a plan.").summary == "Saved (4 words)."
