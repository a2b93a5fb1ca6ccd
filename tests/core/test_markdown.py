"""The graded Markdown: rendered from scoring records; student text made inert."""

import re

from lmcourse.core import markdown, scoring


def test_records_md_says_the_pick_the_better_answer_and_why(sample):
    ex = sample["sample-sort"]
    md = "\n".join(markdown.records_md(scoring.check(ex, {"roadmap": "both"}).records))
    roadmap, rota = ex["items"]
    assert (f"- ✗ Not right: *{roadmap['text']}* You chose Both; the better fit is "
            f"Leadership. {roadmap['feedback']['both']} The note for Leadership reads: "
            f"“{roadmap['feedback']['leadership']}”") in md
    assert (f"- ○ Not answered: *{rota['text']}* The answer: Management. The note for it "
            f"reads: “{rota['feedback']['management']}”") in md


def test_inert_leaves_no_markup_a_renderer_would_run():
    hostile = ("<script>alert(1)</script> <img src=x onerror=alert(2)> "
               "![p](https://example.org/p.png) [go](javascript:alert(3)) "
               "<iframe src=https://example.org></iframe> `code` *b* a\\\nb &lt;i&gt;")
    made = markdown.inert(hostile)
    left = re.sub(r"&#\d+;", "", made)  # numeric references are shown as text
    assert not set(left) & set("<>[]!`*\\&|\n"), left
    assert markdown.inert("Ana O'Neil-Smith") == "Ana O'Neil-Smith"  # plain text untouched


def test_quote_keeps_lines_and_makes_each_inert():
    assert markdown.quote("one <b>\n\n  two  words\n") == "> one &#60;b&#62;\n>\n> two words"


def test_feedback_file_escapes_the_name_id_and_notes():
    text = markdown.feedback_file("Week 1", "<img src=x onerror=alert(1)>", "s1<", "2026",
                                  False, 1, 2, 50.0, ["answer to 'x<y>' is text"], [])
    assert "<" not in text.replace("Score", "") and "&#60;img src=x onerror=alert(1)&#62;" in text
    assert "(id s1&#60;)" in text and "answer to 'x&#60;y&#62;' is text" in text
