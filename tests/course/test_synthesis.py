"""Notebook 10's evidence panel, without a browser: what it says before and after answers,
and the pair-up presets it sends the learner to."""

import json

import lmcourse as lm
from lmcourse.core import profile, progress
from lmcourse.course import exercises as widgets


def html(box):
    return box.children[0].value


def test_before_any_answer_each_part_says_what_is_missing_and_where_to_go(sample):
    text = html(lm.evidence())
    assert "None of the seven self-assessments is answered yet" in text
    assert "01 to 07, has one near its start" in text and "then press Update" in text
    assert "Nothing recorded yet" in text
    assert "You have not checked a question yet" in text
    assert "Answer at least one self-assessment" in text
    assert "What it adds up to.</strong> Nothing yet" in text
    assert "<table" not in text  # no empty tables


def test_answers_fill_the_tables_and_update_rereads_them(sample):
    box = lm.evidence()
    self_ = widgets.build(sample["sample-self"])
    for item, value in {"a": 4, "b": 4, "e": 4, "c": 0, "d": 0, "f": 0}.items():
        self_.pickers[item].value = value
    place = widgets.build(sample["sample-place"])
    place.diffs["rush"].value, place.sides["rush"].value = "change", "management"
    place.button.click()
    text = html(box)  # saved in this kernel: the panel redraws by itself
    assert "<caption" in text and "scope='col'" in text  # tables a screen reader can read
    assert "the leadership side only" in text
    assert "2a. Differences you mixed up when placing situations" in text
    assert ">Focus and Change</th><td style='padding:2px 10px 2px 0'>1</td>" in text
    assert "Focus placed under Change: 1" in text
    assert "3. Questions you missed, by difference" in text
    assert "Tim Cook" in text and "Focus, management side" in text and "1 of 1" in text
    # the summary: the learner's own counts, the partner who adds most, the worst blur
    assert ("Of the 1 difference you answered, you cover both sides on 0, one side on 1 "
            "and neither yet on 0.") in text
    assert "the two of you would cover both sides on 1" in text
    assert "mixed up most often is Focus and Change (1 time)" in text
    assert "Traceback" not in text


def test_sorting_mixups_are_grouped_by_which_way_they_went(sample):
    box = lm.evidence()
    sort = widgets.build(sample["sample-sort"])
    for wrong in ("management", "both"):
        sort.pickers["roadmap"].value = wrong
        sort.button.click()
    text = html(box)
    assert "2b. Statements sorted onto another side" in text
    assert ">the leadership side</th><td style='padding:2px 10px 2px 0'>both sides</td>" in text
    assert "In the sorting of" in text and ">Focus</td>" in text


def test_an_odd_progress_file_reads_as_sentences(sample, progress_file):
    progress_file.write_text(json.dumps({
        "format": "lmcourse-progress", "version": 1,
        "answers": {"sample-sort": {"value": {"roadmap": "sideways"}, "status": "wrong",
                                    "missed": ["sample-sort/roadmap", "nothing/here"]},
                    "no-such-exercise": {"value": 3, "status": "right"},
                    "sample-self": {"value": {"a": "lots", "zz": 2}}}}), encoding="utf-8")
    progress._SHARED.clear()
    text = html(lm.evidence())
    assert "could not be gathered" not in text and "Traceback" not in text
    assert "3. Questions you missed, by difference" in text


def test_update_reads_answers_saved_by_another_notebook(sample, progress_file):
    box = lm.evidence()
    other = progress.Progress(progress_file)  # another notebook's kernel, same file
    other.record("sample-self", {"a": 4, "b": 4, "e": 4, "c": 0, "d": 0, "f": 0})
    assert "None of the seven self-assessments is answered yet" in html(box)
    update = box.children[1].children[0]
    assert update.description == "Update from my latest answers"
    update.click()
    assert "the leadership side only" in html(box)


def test_a_broken_read_is_a_sentence(sample, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(progress.Progress, "load", boom)
    assert "could not be gathered (RuntimeError: disk on fire)" in html(lm.evidence())


def test_the_pair_up_tool_puts_me_beside_any_person_from_the_cases(sample):
    ex = widgets.build(sample["sample-self"])
    for item, value in {"a": 4, "b": 4, "e": 4, "c": 0, "d": 0, "f": 0}.items():
        ex.pickers[item].value = value
    box = lm.pair_up()
    box.preset.value = "Me, with Tim Cook as person B"
    cook = next(p for pair in profile.cases()["pairs"].values() for p in pair["people"]
                if p["name"] == "Tim Cook")
    want = profile.case_profile(cook)
    assert box.names[1].value == "Tim Cook"
    assert [s.value for s in box.sliders[1]["management"]] == [
        int(round(v / 5) * 5) for v in want["management"]]
    assert box.sliders[0]["leadership"][0].value == 100  # my own focus scores as person A
    assert box.sliders[0]["management"][0].value == 0
    assert "left where they were" in box.said.value  # six of my differences unanswered


def test_a_learner_who_rates_both_sides_high_everywhere_is_not_told_of_gaps(sample):
    ex = widgets.build(sample["sample-self"])
    for item in "abecdf":
        ex.pickers[item].value = 4
    text = html(lm.evidence())
    assert "you cover both sides on 1, one side on 0 and neither yet on 0" in text
    assert "cover both sides everywhere you answered" in text
    assert "none of the four people from the cases did that on more than 3 of the seven" in text
    assert "gaps are ones a partner" not in text and "would cover both sides on" not in text
