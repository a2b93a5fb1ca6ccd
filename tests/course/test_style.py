"""Every box the course shows carries its stylesheet (colours for every theme, wrapping
rows and labels), and its buttons are as wide as their words."""

import lmcourse as lm
from lmcourse.core import theme
from lmcourse.course import livechart


def test_every_widget_the_course_shows_carries_the_stylesheet(sample):
    shown = {"learner": lm.learner(), "answers": lm.answers(),
             "exercise": lm.exercise("sample-sort"), "self": lm.exercise("sample-self"),
             "skills": lm.skills_rating(), "case": lm.case_chart("apple"),
             "pair up": lm.pair_up(), "profile": lm.my_profile(), "review": lm.review()}
    for name, box in shown.items():
        assert "lmcourse" in box._dom_classes, name
        if name in ("exercise", "self"):  # in the heading, which never changes
            assert box.children[1].value.startswith(theme.STYLE), name
            continue
        sheet = box.children[-1]
        assert sheet.value == theme.STYLE and sheet.layout.display == "none", name


def test_answers_panel_buttons_fit_their_words(sample):
    make, upload = lm.answers().children[1].children
    assert (make.description, upload.description) == ("Prepare download", "Import answers")
    assert make.layout.width == upload.layout.width == "auto"
    save = lm.learner().children[2]
    assert save.description == "Save" and save.layout.width == "auto"
    assert save.layout.align_self == "flex-start"  # not stretched across the form


def test_a_chart_sits_on_its_own_light_card_with_its_size():
    html = livechart.image_html(b"\x89PNG", "Radar chart: x", (414, 414))
    assert 'width="414" height="414"' in html and f'style="{theme.CARD}"' in html
    assert "background:#FFFFFF" in theme.CARD and "border:1px solid" in theme.CARD
    assert 'alt="Radar chart: x"' in html
