"""Notebook 10's evidence panel, without a browser: what it says before and after answers."""

import lmcourse as lm
from lmcourse.core import progress
from lmcourse.course import exercises as widgets


def html(box):
    return box.children[0].value


def test_before_any_answer_each_part_says_what_is_missing_in_words(sample):
    text = html(lm.evidence())
    assert "not answered yet" in text and "1. Your two scores" in text
    assert "Nothing recorded yet" in text
    assert "You have not checked a question yet" in text
    assert "Answer at least one self-assessment" in text


def test_answers_fill_the_tables_and_update_rereads_them(sample):
    box = lm.evidence()
    self_ = widgets.build(sample["sample-self"])
    for item, value in {"a": 4, "b": 4, "e": 4, "c": 0, "d": 0, "f": 0}.items():
        self_.pickers[item].value = value
    place = widgets.build(sample["sample-place"])
    place.diffs["rush"].value, place.sides["rush"].value = "change", "management"
    place.button.click()
    assert "Nothing recorded yet" in html(box)  # not read again until Update
    box.children[1].click()
    text = html(box)
    assert "<caption" in text and "scope='col'" in text  # tables a screen reader can read
    assert "the leadership side only" in text
    assert "2a. Situations placed under another difference" in text
    assert "<th scope='row' style='text-align:left;font-weight:normal;padding:2px 10px 2px 0'>" \
           "Focus</th><td style='padding:2px 10px 2px 0'>Change</td>" in text
    assert "3. Questions you missed, by difference" in text
    assert "Tim Cook" in text and "Focus, management side" in text
    assert "Traceback" not in text


def test_a_broken_read_is_a_sentence(sample, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(progress.Progress, "load", boom)
    assert "could not be gathered (RuntimeError: disk on fire)" in html(lm.evidence())
