"""The notebook's feedback HTML, rendered from scoring records: words, symbols, escaping."""

from lmcourse.core import feedback, scoring


def test_scenario_html_marks_the_pick_and_quotes_its_explanation(sample):
    ex = sample["sample-s1"]
    html = feedback.result_html(scoring.check(ex, "b"))
    assert "Not right yet." in html and "Score: 0 of 1." in html
    assert "✗ Not right." in html and ex["options"][1]["explanation"] in html
    assert f"<em>{ex['options'][1]['text']}</em>" in html


def test_multi_html_says_each_tick_and_each_missed_option(sample):
    html = feedback.result_html(scoring.check(sample["sample-m1"], ["a", "b"]))
    assert html.count("✓ Right.") == 1 and html.count("✗ Not right.") == 2
    assert "This one does not apply." in html and "You left this out, and it applies." in html


def test_classify_record_html_and_an_open_item_says_nothing(sample):
    result = scoring.check(sample["sample-sort"], {"roadmap": "management"})
    wrong, open_ = result.records
    html = feedback.record_html(wrong)
    assert "You chose Management; the better fit is Leadership." in html
    assert wrong.explanation in html and wrong.why not in html  # the learner may try again
    assert feedback.record_html(open_) == ""


def test_text_is_escaped(sample):
    ex = dict(sample["sample-s1"])
    ex["options"] = [dict(o) for o in ex["options"]]
    ex["options"][1]["explanation"] = "<b>bold</b> & more"
    html = feedback.result_html(scoring.check(ex, "b"))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html and "<b>" not in html
