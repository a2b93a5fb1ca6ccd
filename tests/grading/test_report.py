"""The class report: distribution, per-question difficulty, the class radar with alt text."""

from collections import Counter

from lmcourse.grading import report


def stats():
    s = report.ClassStats("unit-1", "Unit <1>", 10)
    s.questions = [report.QuestionStats("q1", "Easy", 1, earned=3, answered=3),
                   report.QuestionStats("q2", "Hard", 1, earned=0.5, answered=2,
                                        wrong=Counter({"Option B": 2, "Option C": 1}))]
    s.percents = [100.0, 55.0, 9.9]
    s.add_poles("focus", {"leadership": 80.0, "management": 40.0})
    s.add_poles("focus", {"leadership": 60.0, "management": None})
    return s


def test_distribution_and_profile():
    s = stats()
    assert s.distribution() == [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    prof = s.profile()
    assert prof["leadership"][0] == 70.0 and prof["management"][0] == 40.0
    assert prof["leadership"][1] is None


def test_html_lists_hardest_first_with_the_most_chosen_wrong_answer():
    page = report.html(stats(), None, problems=2)
    assert page.index("Hard") < page.index("Easy")
    assert "Option B (2 students)" in page and "17%" in page
    assert "Unit &lt;1&gt;" in page and "2 line(s) in problems.csv" in page
    assert "Mean 55.0%" in page


def test_radar_has_alt_text_with_every_value():
    s = stats()
    svg = report.radar_svg(s)
    page = report.html(s, svg)
    alt = report.radar_alt(s)
    assert "Focus 70 of 100" in alt and "Change not answered yet" in alt
    assert f"role='img' aria-label='{alt.replace(chr(39), '&#x27;')}'" in page
    assert "Focus (2 students)" in page and "does not ask about" in page


def test_no_self_assessment_no_radar():
    s = report.ClassStats("a", "A", 1)
    s.percents = [50.0]
    assert not s.has_profile()
    assert "no class profile" in report.html(s, None)
