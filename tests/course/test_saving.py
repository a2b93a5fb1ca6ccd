"""What the learner is told about saving, in the widgets: "not saved" in words, a notice at
the top, nothing saved by display, odd saved values that break nothing, escaped names,
one clear error for a wrong argument, one listener per cell however often it is run."""

import datetime
import errno
import json

import pytest

import lmcourse as lm
from lmcourse.core import progress
from lmcourse.course import charts
from lmcourse.course import exercises as widgets


def build(sample, exercise_id):
    return widgets.build(sample[exercise_id])


def upload(panel, name, content):
    panel.children[1].children[1].value = (
        {"name": name, "type": "", "size": len(content), "content": content,
         "last_modified": datetime.datetime.now(datetime.UTC)},)
    return panel.children[3].value


@pytest.fixture
def unwritable(progress_file, monkeypatch):
    """A home folder nothing can be written in: every new file is refused."""

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("lmcourse.core.files.tempfile.mkstemp", denied)
    monkeypatch.setattr(progress.tempfile, "mkstemp", denied)
    return progress_file


def everything(sample):
    """Every widget a notebook displays, built once."""
    return ([build(sample, i).box for i in sample]
            + [lm.learner(), lm.answers(), lm.skills_rating(), lm.pair_up(),
               lm.my_profile(), lm.review(), lm.case_chart("bulls")])


def test_displaying_never_saves(sample, progress_file):
    everything(sample)
    assert not progress_file.exists()  # nothing answered: nothing written
    store = progress.shared()
    store.record("sample-s1", "a")
    store.record("skills-rating", {"vision": 8})
    before = progress_file.read_bytes()
    progress._SHARED.clear()  # a new kernel shows it all again
    everything(sample)
    assert progress_file.read_bytes() == before


def test_imported_skill_ratings_survive_notebook_08(sample, tmp_path):
    home = progress.Progress(tmp_path / "home.json")
    home.record("skills-rating", {"vision": 9, "empathy": 2})
    exported = home.export_bytes()
    panel = lm.answers()
    assert "Imported 1 answer from mine.json" in upload(panel, "mine.json", exported)
    box = lm.skills_rating()  # displaying 08 again re-saves nothing
    saved = progress.shared().answer("skills-rating")
    assert saved == json.loads(exported)["answers"]["skills-rating"]
    assert "Vision (L) 9 of 10" in box.chart.alt


def test_answers_that_cannot_be_saved_say_so_in_words(sample, unwritable):
    top = lm.start()
    assert top is not None and "Your answers cannot be saved" in top.value
    assert "you do not have permission to write in" in top.value
    assert "LMCOURSE_PROGRESS" in top.value
    ex = build(sample, "sample-s1")
    ex.radio.value = "a"
    assert "Not saved: you do not have permission" in ex.notice.value
    ex.button.click()
    assert "All right." in ex.feedback.value  # the check itself still works
    assert "Traceback" not in ex.feedback.value + ex.notice.value
    assert progress.shared().value("sample-s1") == "a"  # kept while the kernel runs
    box = lm.skills_rating()
    box.sliders["vision"].value = 7
    assert "Not saved" in box.children[0].children[-1].value
    name, sid, button, out = lm.learner().children[:4]  # then the stylesheet
    name.value = "Ada"
    button.click()
    assert "Not saved" in out.value
    panel = lm.answers()
    panel.children[1].children[0].click()
    assert "2 answers" in panel.children[2].value  # the export still has them all
    assert "lmcourse-answers-Ada-" in panel.children[2].value


def test_a_not_saved_notice_clears_once_saving_works(sample, progress_file, monkeypatch):
    ex = build(sample, "sample-s1")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(progress, "atomic_write", full)
    ex.radio.value = "a"
    assert "Not saved: the disk is full" in ex.notice.value
    monkeypatch.undo()
    ex.radio.value = "b"
    assert ex.notice.value == ""
    assert json.loads(progress_file.read_text())["answers"]["sample-s1"]["value"] == "b"


def test_start_says_nothing_when_all_is_well_and_names_a_set_aside_file(sample,
                                                                        progress_file):
    assert lm.start() is None
    progress_file.write_text("{oops")
    progress._SHARED.clear()
    top = lm.start()
    assert "could not be used" not in top.value and "damaged-" in top.value
    ex = build(sample, "sample-s1")  # said once, at the top, not again
    assert ex.notice.value == ""


def test_a_folder_at_the_path_is_said_at_the_top(progress_file):
    progress_file.mkdir()
    top = lm.start()
    assert top.value.count("is a folder, not a file") == 1


def test_odd_saved_values_break_nothing(sample, progress_file):
    progress_file.write_text(json.dumps({
        "format": "lmcourse-progress", "version": 1, "learner": "Ada",
        "answers": {"sample-s1": {"value": ["b"]}, "sample-m1": {"value": 3},
                    "sample-sort": {"value": "leadership", "missed": 4},
                    "sample-self": {"value": [1, 2]}, "sample-reflect": {"value": {"a": 1}},
                    "sample-place": {"value": {"rush": "focus"}},  # a pick must be an object
                    "sample-example": {"value": ["a"]}, "skills-rating": {"value": ["x"]}},
        "reviewed": []}))
    boxes = everything(sample)
    assert len(boxes) == 14
    assert "Please note:" in boxes[0].children[0].value  # the first widget says it once
    assert "could not be used and were left out" in boxes[0].children[0].value
    lm.answers().children[1].children[0].click()
    store = progress.shared()
    assert store.load()["answers"] == {} and store.learner == {"name": "", "id": ""}


def test_a_file_damaged_while_open_is_said_where_the_learner_acts(sample, progress_file):
    first = build(sample, "sample-s1")
    first.radio.value = "a"
    progress_file.write_text("{damaged")
    other = build(sample, "sample-m1")
    other.boxes["a"].value = True
    assert "damaged-" in first.notice.value + other.notice.value
    assert set(progress.shared().load()["answers"]) == {"sample-s1", "sample-m1"}


def test_an_emptied_reflection_keeps_the_saved_text(sample, progress_file):
    ex = build(sample, "sample-reflect")
    ex.button.click()  # nothing saved yet, box empty: the usual nudge
    assert "Nothing to check yet." in ex.feedback.value
    ex.text.value = "Three good words."
    ex.text.value = ""  # leaving the emptied box saves nothing
    ex.button.click()
    assert "nothing was saved: your earlier text (3 words) is still saved" in ex.feedback.value
    assert progress.shared().value("sample-reflect") == "Three good words."


def test_names_and_paths_are_escaped_on_the_page(sample, progress_file, monkeypatch):
    odd = progress_file.parent / "<b>x</b>" / "progress.json"
    monkeypatch.setenv("LMCOURSE_PROGRESS", str(odd))
    panel = lm.answers()
    assert "<b>x</b>" not in panel.children[0].value
    assert "&lt;b&gt;x&lt;/b&gt;" in panel.children[0].value
    said = upload(panel, "<img src=x onerror=alert(1)>.json", b"{")
    assert "<img" not in said and "not valid JSON" in said
    exported = progress.Progress(progress_file.parent / "e.json")
    exported.record("sample-s1", "a")
    said = upload(panel, "<script>.json", exported.export_bytes())
    assert "<script>" not in said and "&lt;script&gt;.json" in said


def test_the_import_panel_says_what_it_took_and_skipped(sample):
    raw = json.dumps({"format": "lmcourse-progress", "version": 1,
                      "answers": {"sample-s1": {"value": "a"},
                                  "sample-m1": {"value": "a"}}}).encode()
    said = upload(lm.answers(), "mine.json", raw)
    assert "Imported 1 answer from mine.json" in said
    assert "Skipped 1: your answer to &#x27;sample-m1&#x27;" in said
    said = upload(lm.answers(), "new.json", raw.replace(b'"version": 1', b'"version": 9'))
    assert "version 9, which this version of the course cannot read" in said


def test_wrong_arguments_raise_one_clear_error_at_the_call(sample):
    with pytest.raises(TypeError, match=r'lm.exercise takes an exercise id as text, such '
                                        r'as "focus-sort"; it was given 42 \(int\)'):
        lm.exercise(42)
    with pytest.raises(ValueError, match="no exercise \"sample-sortt\".*Did you mean "
                                         "'sample-sort'"):
        lm.exercise("sample-sortt")
    with pytest.raises(ValueError, match="lm.case_chart takes one of 'apple' or 'bulls'; "
                                         "it was given \"tesla\""):
        lm.case_chart("tesla")
    with pytest.raises(ValueError, match="lm.case_chart takes"):
        lm.case_chart(["apple"])
    with pytest.raises(TypeError, match=r'a whole number such as 12; it was given "5"'):
        lm.review("5")
    with pytest.raises(TypeError, match="whole number"):
        lm.review(True)
    for n in (0, -1):
        with pytest.raises(ValueError, match=f"1 or more; it was given {n}"):
            lm.review(n)


def test_a_profile_cell_run_again_replaces_its_listener(sample):
    store = progress.shared()
    for _ in range(4):  # each run draws two charts; the count is what matters
        box = lm.my_profile()
    assert store.listeners == 1
    ex = build(sample, "sample-self")
    ex.pickers["a"].value = 4
    assert "Leadership side: Focus 100 of 100" in box.charts[0].alt  # the last one follows


def test_profiles_in_two_cells_each_keep_a_listener(sample, monkeypatch):
    cells = iter(["cell-1", "cell-2", "cell-1"])
    monkeypatch.setattr(charts, "_cell_key", lambda name: (name, next(cells)))
    lm.my_profile(), lm.my_profile(), lm.my_profile()
    assert progress.shared().listeners == 2
