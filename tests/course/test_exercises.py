"""Widget callbacks without a browser: set ``.value``, press the button, read the feedback."""

import datetime
import json
import re

import lmcourse as lm
from lmcourse.core import content, profile, progress
from lmcourse.course import exercises as widgets


def build(sample, exercise_id):
    return widgets.build(sample[exercise_id])


def test_classify_check_says_right_and_wrong_in_words(sample):
    ex = build(sample, "sample-sort")
    ex.pickers["roadmap"].value = "management"
    ex.pickers["rota"].value = "management"
    ex.button.click()
    assert "Partly right." in ex.feedback.value and "Score: 1 of 2." in ex.feedback.value
    assert "✗ Not right" in ex.notes["roadmap"].value
    assert "✓ Right" in ex.notes["rota"].value
    ex.pickers["roadmap"].value = "leadership"  # retry
    ex.button.click()
    assert "All right." in ex.feedback.value and "Score: 2 of 2." in ex.feedback.value


def test_classify_notes_follow_the_item_not_its_text(sample):
    ex_data = dict(sample["sample-sort"])
    twin = dict(ex_data["items"][1], id="rota-2")  # the same statement twice, another key
    ex_data["items"] = [*ex_data["items"], twin]
    ex = widgets.build(ex_data)
    ex.pickers["rota"].value = "management"
    ex.pickers["rota-2"].value = "leadership"
    ex.button.click()
    assert "✓ Right" in ex.notes["rota"].value and "✗ Not right" in ex.notes["rota-2"].value
    assert ex.notes["roadmap"].value == ""  # open: no note, and the answer not given away


def test_check_with_nothing_chosen_gets_a_sentence(sample):
    for exercise_id in ("sample-sort", "sample-s1", "sample-m1", "sample-reflect"):
        ex = build(sample, exercise_id)
        ex.button.click()
        assert "Nothing to check yet." in ex.feedback.value, exercise_id
        assert "Traceback" not in ex.feedback.value


def test_answers_come_back_after_a_restart(sample, progress_file):
    ex = build(sample, "sample-s1")
    ex.radio.value = "b"
    ex.button.click()
    m = build(sample, "sample-m1")
    m.boxes["a"].value = True
    text = build(sample, "sample-reflect")
    text.text.value = "A plan I saw."
    progress._SHARED.clear()  # a new kernel: nothing in memory
    again = build(sample, "sample-s1")
    assert again.radio.value == "b"
    assert "Not right yet." in again.feedback.value  # the checked state comes back too
    assert build(sample, "sample-m1").boxes["a"].value is True
    assert build(sample, "sample-reflect").text.value == "A plan I saw."


def test_scenario_feedback_explains_the_chosen_option(sample):
    ex = build(sample, "sample-s1")
    ex.radio.value = "a"
    ex.button.click()
    assert "All right." in ex.feedback.value
    assert "Purpose and horizon are leadership questions." in ex.feedback.value


def test_self_assessment_chart_appears_once_the_set_is_answered(sample):
    ex = build(sample, "sample-self")
    assert ex.chart is None and "appear here when every question is answered" in \
        ex.chart_box.children[0].value
    ex.pickers["a"].value = 4
    ex.pickers["c"].value = 1
    assert ex.chart is None  # not drawn after each answer
    assert "Saved: 2 of 6 answered" in ex.feedback.value and "of 100" not in ex.feedback.value
    for item_id in ("b", "e", "d"):
        ex.pickers[item_id].value = 3
    assert ex.chart is None
    ex.pickers["f"].value = 5  # the last one, "I have not had the chance": the set is answered
    assert ex.chart is not None and ex.chart_box.children == (ex.chart.widget,)
    assert "Leadership side: Focus 83 of 100" in ex.chart.alt  # (100 + 75 + 75) / 3
    assert "Management side: Focus 50 of 100" in ex.chart.alt  # (25 + 75) / 2; f left out
    assert "left out of the score" in ex.feedback.value
    image = ex.chart.widget.value
    ex.pickers["a"].value = 0  # a change after that redraws only on a press
    assert ex.chart.widget.value == image and "press Show my scores" in ex.feedback.value
    ex.button.click()
    assert ex.chart.widget.value != image and "Leadership side: Focus 50 of 100" in ex.chart.alt


def test_show_my_scores_draws_a_partly_answered_set(sample):
    ex = build(sample, "sample-self")
    ex.pickers["a"].value = 4
    ex.button.click()
    assert "Leadership side: Focus 100 of 100" in ex.chart.alt
    assert "Management side: Focus not answered yet" in ex.chart.alt  # missing, not 0
    progress._SHARED.clear()
    again = build(sample, "sample-self")  # pressed before: drawn again on restore
    assert again.chart is not None and again.pickers["a"].value == 4


def test_a_failing_callback_shows_a_sentence_not_a_traceback(sample, monkeypatch, caplog):
    caplog.set_level("DEBUG", logger="lmcourse.course.exercises")
    ex = build(sample, "sample-s1")
    ex.radio.value = "a"

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ex.store, "record", boom)
    ex.button.click()
    assert "Sorry, something went wrong (RuntimeError: disk on fire)" in ex.feedback.value
    assert "Traceback" not in ex.feedback.value
    # the traceback goes to the log (for whoever debugs the course), not to the learner
    (record,) = [r for r in caplog.records if r.exc_info]
    assert "sample-s1" in record.getMessage() and record.exc_info[0] is RuntimeError


def test_a_damaged_progress_file_is_announced(sample, progress_file):
    progress_file.write_text("{oops")
    ex = build(sample, "sample-s1")
    assert "Please note:" in ex.notice.value and "damaged-" in ex.notice.value


def test_learner_form_and_answers_panel(sample, progress_file):
    form = lm.learner()
    name, sid, button, out = form.children[:4]  # then the stylesheet
    button.click()
    assert "Type a name or a student id first" in out.value
    name.value, sid.value = "Ada", "s1"
    button.click()
    assert progress.shared().learner == {"name": "Ada", "id": "s1"}
    panel = lm.answers()
    make, upload = panel.children[1].children
    make.click()
    link = panel.children[2].value
    assert 'download="lmcourse-answers-s1-' in link and "data:application/json;base64," in link
    upload.value = ({"name": "bad.json", "type": "", "size": 1, "content": b"{",
                     "last_modified": datetime.datetime.now(datetime.UTC)},)
    assert "not valid JSON" in panel.children[3].value


def test_pair_up_has_two_scores_per_person_and_covers_the_better_of_each(sample):
    box = lm.pair_up()
    image = box.chart.widget.value
    box.preset.value = "Jobs and Cook (Apple)"
    assert box.chart.widget.value != image
    assert box.sliders[0]["leadership"][0].value == 90  # Jobs, focus, leadership side
    assert box.sliders[0]["management"][0].value == 50
    box.sliders[1]["management"][0].value = 0  # Cook does no management-side focus work
    assert "Leadership side covered: Focus 90 of 100" in box.chart.alt
    assert "Management side covered: Focus 50 of 100" in box.chart.alt
    assert "the management side of Focus (50)" in box.summary.value


def test_pair_up_one_strong_at_both_covers_everything_and_me_loads_my_scores(sample):
    box = lm.pair_up()
    box.preset.value = "One strong at both sides, one at neither"
    assert "cover both sides well (60 or more) on 7 of 7" in box.summary.value
    ex = build(sample, "sample-self")
    for item_id, v in zip("abecdf", (4, 4, 4, 1, 1, 1), strict=True):
        ex.pickers[item_id].value = v
    box.preset.value = "Me, from my self-assessments (as person A)"
    assert box.sliders[0]["leadership"][0].value == 100
    assert box.sliders[0]["management"][0].value == 25
    assert "left where they were" in box.said.value  # six differences unanswered


def test_skills_rating_saves_only_what_is_rated_and_describes_levels(sample):
    box = lm.skills_rating()
    assert "Vision (L) not rated" in box.chart.alt and "5 of 10" not in box.chart.alt
    assert progress.shared().value("skills-rating") is None  # nothing saved by showing it
    box.sliders["vision"].value = 9
    assert progress.shared().value("skills-rating") == {"vision": 9}
    assert "Vision (L) 9 of 10" in box.chart.alt and "Empathy (L) not rated" in box.chart.alt
    rows = box.children[0].children
    assert "9 of 10, high:" in rows[0].children[1].value
    assert "Not rated yet. Low (0-3):" in rows[1].children[1].value
    box.sliders["vision"].value = -1  # all the way left: not rated again
    assert progress.shared().value("skills-rating") == {}


def test_profile_draws_two_series_and_says_which_side_beside_the_scores(sample):
    box = lm.my_profile()
    sides, compare = box.charts
    assert "Focus not answered yet" in sides.alt
    ex = build(sample, "sample-self")
    for item_id, v in zip("abecdf", (4, 4, 4, 0, 1, 0), strict=True):
        ex.pickers[item_id].value = v
    assert "Leadership side: Focus 100 of 100" in sides.alt  # heard the change
    assert "Management side: Focus 8 of 100" in sides.alt
    assert "leadership side, by 92" in box.table.value
    box.pick.value = "Tim Cook"
    assert "Tim Cook, leadership side: Focus 35 of 100" in compare.alt
    assert "Tim Cook, management side: Focus 90 of 100" in compare.alt


def test_review_round_asks_missed_questions_until_right(sample):
    assert "Nothing to review yet." in lm.review().children[0].value
    ex = build(sample, "sample-sort")
    ex.pickers["roadmap"].value = "both"
    ex.pickers["rota"].value = "management"
    ex.button.click()
    box = lm.review()
    assert "1 question(s) to review" in box.children[0].value
    asked = box.children[2]
    toggles = [c for c in asked.children if hasattr(c, "children")]
    assert any("Deciding which two markets" in getattr(c, "value", "")
               for row in toggles for c in row.children)
    store = progress.shared()
    review_widget = [k for k in asked.children if k.__class__.__name__ == "VBox"]
    picker = review_widget[0].children[1]
    picker.value = "leadership"
    asked.children[-2].children[0].click()
    assert "sample-sort/roadmap" in store.load()["reviewed"]
    assert store.value("sample-sort")["roadmap"] == "both"  # the notebook answer stays
    assert "Nothing to review yet." in lm.review().children[0].value


def test_a_wrong_answer_in_the_review_round_is_kept_for_the_mix_ups(sample):
    ex = build(sample, "sample-sort")
    ex.pickers["roadmap"].value = "both"
    ex.pickers["rota"].value = "management"
    ex.button.click()
    asked = lm.review().children[2]
    picker = [k for k in asked.children if k.__class__.__name__ == "VBox"][0].children[1]
    picker.value = "management"  # wrong again, another way
    asked.children[-2].children[0].click()
    store = progress.shared()
    entry = store.answer("sample-sort")
    assert entry["wrong"]["sample-sort/roadmap"] == ["both", "management"]
    assert entry["value"]["roadmap"] == "both" and entry["status"] == "partly"  # untouched
    assert "sample-sort/roadmap" not in store.load()["reviewed"]


def test_place_says_per_situation_what_is_right_in_words(sample):
    ex = build(sample, "sample-place")
    ex.diffs["rush"].value = "focus"
    ex.sides["rush"].value = "leadership"
    ex.diffs["brunch"].value = "change"
    ex.sides["brunch"].value = "leadership"
    ex.button.click()
    assert "Partly right." in ex.feedback.value and "1 of 2 situations" in ex.feedback.value
    note = ex.notes["rush"].value
    assert "◐ Partly right" in note and "the better fit is Focus, management side" in note
    assert "✓ Right" in ex.notes["brunch"].value
    assert ex.diffs["rush"].description == "Difference:" and ex.sides["rush"].description


def test_place_keeps_a_half_made_choice_and_restores_it(sample, progress_file):
    ex = build(sample, "sample-place")
    ex.diffs["rush"].value = "change"  # the side not chosen yet
    assert ex.value() == {"rush": {"difference": "change"}}
    ex.button.click()
    assert "Nothing to check yet." in ex.feedback.value
    progress._SHARED.clear()
    again = build(sample, "sample-place")
    assert again.diffs["rush"].value == "change" and again.sides["rush"].value is None


def test_example_shows_the_worked_step_only_after_a_check(sample, progress_file):
    ex = build(sample, "sample-example")
    assert "It asks who is where" not in ex.worked["how"].value
    ex.pickers["how"].value = "b"
    assert ex.worked["how"].value == ""  # choosing is not checking
    ex.button.click()
    assert "✗ Not right" in ex.notes["how"].value
    assert "That is the strategic question." in ex.notes["how"].value
    assert "The worked step:" in ex.worked["how"].value
    assert "It asks who is where" in ex.worked["how"].value
    assert ex.worked["both"].value == ""  # not answered: its worked step stays hidden
    assert "0 of 2 steps" in ex.feedback.value and "1 still to complete" in ex.feedback.value
    progress._SHARED.clear()  # a restart brings the checked state back
    again = build(sample, "sample-example")
    assert again.pickers["how"].value == "b" and "The worked step:" in again.worked["how"].value


def test_reflection_shows_an_exemplar_and_self_check_once_saved(sample):
    ex = build(sample, "sample-reflect")
    assert "One way to answer it" not in ex.feedback.value
    ex.text.value = "Nobody owns next year on my team."
    ex.button.click()
    assert "Saved (7 words)." in ex.feedback.value
    assert "One way to answer it." in ex.feedback.value
    assert "<li>Does it say which side is thin?</li>" in ex.feedback.value


def test_case_chart_draws_each_person_on_both_scales_with_sources():
    box = lm.case_chart("apple")
    jobs, cook = box.charts
    assert jobs.alt.startswith("Radar chart: Steve Jobs: both sides")
    assert "Leadership side: Focus 90 of 100" in jobs.alt
    assert "Management side: Focus 50 of 100" in jobs.alt
    assert "Sources for <strong>Steve Jobs" in box.children[1].value
    assert "Simply Managing" in box.children[1].value
    html = box.children[0].children[1].value
    assert re.search(r'alt="Radar chart: Tim Cook', html)


def test_an_answer_from_an_older_self_assessment_is_shown_as_asked_again(progress_file,
                                                                          monkeypatch):
    from tests.conftest import ROOT

    monkeypatch.setenv("LMCOURSE_EXERCISES", str(ROOT / "exercises"))
    progress_file.write_text(json.dumps({
        "format": "lmcourse-progress", "version": 1,
        "answers": {"focus-self": {"value": {"direction": 2, "values": 3}, "status": "saved",
                                   "updated": "2026-01-01T00:00:00+00:00"}}}))
    top = lm.start()
    assert "from an earlier version of the course" in top.value
    ex = widgets.build(content.load_course().get("focus-self"))
    assert ex.pickers["values"].value == 3  # the same question, "Often": carried over
    assert ex.pickers["big-picture"].value is None  # asked again
    note = ex.rows[0].children[2].value
    assert "Asked again; your earlier answer was \u201cAbout half the time\u201d" in note
    assert "to the earlier question \u201cHow often do you step back" in note


def test_untouched_skill_sliders_of_an_old_file_are_shown_as_not_rated(progress_file):
    nine = {s["id"]: 5 for s in profile.skills()}
    progress_file.write_text(json.dumps({
        "format": "lmcourse-progress", "version": 1,
        "answers": {"skills-rating": {"value": nine}}}))
    box = lm.skills_rating()
    assert "Vision (L) not rated" in box.chart.alt and "5 of 10" not in box.chart.alt
    assert "Asked again: your earlier file had 5 for every skill" in \
        box.children[0].children[0].value
