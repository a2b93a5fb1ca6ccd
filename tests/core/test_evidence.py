"""The learner's own evidence for notebook 10: two scores and what they cover, mix-ups,
questions missed by difference, and what a partner from the cases would add."""

from collections import Counter

from lmcourse.core import content, evidence, profile

LEAD_ONLY = {"a": 4, "b": 4, "e": 4, "c": 0, "d": 0, "f": 0}  # sample-self: focus


def data(**answers):
    return {"answers": answers, "reviewed": {}}


def test_sides_reads_two_scores_and_what_they_cover(sample):
    course = content.load_course()
    got = evidence.sides(course, data(**{"sample-self": {"value": LEAD_ONLY}}))
    assert [s.difference for s in got] == list(content.DIFFERENCE_IDS)
    focus = got[0]
    assert (focus.leadership, focus.management, focus.covers) == (100, 0, "leadership")
    assert all(s.covers is None for s in got[1:])  # not answered: missing, never "neither"
    both = {k: 3 for k in "abecdf"}
    assert evidence.sides(course, data(**{"sample-self": {"value": both}}))[0].covers == "both"


def test_mixups_count_wrong_answers_even_after_a_correction(sample):
    course = content.load_course()
    saved = data(**{
        "sample-place": {"value": {}, "status": "right",
                         "wrong": {"sample-place/rush": ["change/management",
                                                         "focus/leadership"]}},
        "sample-sort": {"value": {}, "status": "right",
                        "wrong": {"sample-sort/roadmap": ["management", "both"]}}})
    mix = evidence.mixups(course, saved)
    # a right difference on the wrong side is not a mix-up of differences
    assert mix.places == Counter({("focus", "change"): 1})
    # the sample file stands in for notebook 01: its statements are about focus
    assert mix.sorting == Counter({("focus", "leadership", "management"): 1,
                                   ("focus", "leadership", "both"): 1})
    assert evidence.mixups(course, data()).empty


def test_missed_counts_checked_and_missed_questions_by_difference(sample):
    course = content.load_course()
    saved = data(**{
        "sample-sort": {"value": {}, "status": "partly", "missed": ["sample-sort/roadmap"]},
        "sample-s1": {"value": "b", "status": "wrong", "missed": ["sample-s1"]},
        "sample-place": {"value": {}, "status": "partly", "missed": ["sample-place/brunch"]},
        "sample-m1": {"value": ["a"]}})  # saved, never checked: not counted
    saved["reviewed"] = {"sample-s1": "2026-12-01T00:00:00+00:00"}
    rows = {r.about: r for r in evidence.missed(course, saved)}
    assert list(rows) == ["Focus", "Change"]  # course order
    assert (rows["Focus"].checked, rows["Focus"].missed, rows["Focus"].cleared) == (4, 2, 1)
    assert (rows["Change"].checked, rows["Change"].missed) == (1, 1)  # brunch is about change


def test_pairings_say_what_a_partner_adds_on_answered_differences(sample):
    course = content.load_course()
    assert evidence.pairings(course, data()) == []  # nothing answered: nothing to compare
    pairs = {p.person: p for p in evidence.pairings(course, data(**{
        "sample-self": {"value": LEAD_ONLY}}))}
    assert set(pairs) == {"Steve Jobs", "Tim Cook", "Phil Jackson", "Jerry Krause"}
    cook = profile.case_profile(next(
        p for pair in profile.cases()["pairs"].values() for p in pair["people"]
        if p["name"] == "Tim Cook"))
    assert cook["management"][0] >= evidence.COVERED  # our reading of Cook on focus
    assert pairs["Tim Cook"].both == 1 and pairs["Tim Cook"].adds == (("focus", "management"),)


def test_odd_saved_answers_are_passed_over_never_a_crash(sample):
    course = content.load_course()
    saved = data(**{
        "gone-exercise": {"value": {}, "status": "wrong", "missed": ["gone-exercise/x"],
                          "wrong": {"gone-exercise/x": ["management"]}},
        "sample-sort": {"value": {}, "status": "partly", "missed": ["sample-sort/gone-item"],
                        "wrong": {"sample-sort/roadmap": ["banana", "management"],
                                  "sample-sort/gone-item": ["both"]}},
        "sample-place": {"value": {}, "status": "wrong",
                         "wrong": {"sample-place/rush": ["nowhere/leadership", "", "focus"]}},
        "sample-self": {"value": "not a dict of answers"}})
    mix = evidence.mixups(course, saved)
    assert mix.sorting == Counter({("focus", "leadership", "management"): 1})
    assert not mix.places  # no known difference was chosen
    assert [s.covers for s in evidence.sides(course, saved)] == [None] * 7
    assert evidence.pairings(course, saved) == []
    assert {r.about: r.missed for r in evidence.missed(course, saved)} == {"Focus": 0, "Change": 0}


def test_mixups_group_a_pair_once_and_sides_by_which_way_they_went():
    mix = evidence.Mixups(
        Counter({("time-focus", "focus"): 1, ("focus", "time-focus"): 2, ("results", "change"): 3}),
        Counter({("focus", "leadership", "both"): 2, ("change", "leadership", "both"): 1,
                 ("focus", "both", "management"): 1}))
    assert mix.pairs() == [("focus", "time-focus", 2, 1), ("change", "results", 0, 3)]
    assert mix.sides() == [("leadership", "both", 3, Counter({"focus": 2, "change": 1})),
                           ("both", "management", 1, Counter({"focus": 1}))]


def test_summary_counts_answered_differences_and_names_the_partner_who_adds_most(sample):
    course = content.load_course()
    empty = evidence.summary(course, data())
    assert (empty.answered, empty.partner, empty.blur) == (0, None, None)
    saved = data(**{"sample-self": {"value": LEAD_ONLY},
                    "sample-place": {"value": {}, "status": "wrong",
                                     "wrong": {"sample-place/rush": ["change/management"]}}})
    got = evidence.summary(course, saved)
    assert (got.answered, got.both, got.one, got.neither) == (1, 0, 1, 0)
    best = max(p.both for p in evidence.pairings(course, saved))
    assert got.partner.both == best == 1  # someone covers focus's management side
    assert got.blur == ("focus", "change", 1, 0)
    alone = [sum(evidence.covered(a, b) == "both" for a, b in zip(
        them["leadership"], them["management"], strict=True))
        for them in (profile.case_profile(p) for pair in profile.cases()["pairs"].values()
                     for p in pair["people"])]
    assert got.cases_most == max(alone) < 7  # nobody in the cases covers both everywhere
