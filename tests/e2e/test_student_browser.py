"""A learner works through notebook 01 in JupyterLab: every exercise kind there (the place
kind has its own file), by mouse and then by keyboard alone, and finds the answers again
after a kernel restart.

The tests in this file share one page (one kernel) and run in the order written: each
answers its own exercise, and the last restarts the kernel and checks that everything
answered above comes back. Keyboard steps start from the exercise's first control (as if
the learner had tabbed there) and then use only Tab, Shift+Tab, Space and Enter: the
options are native radios and checkboxes, each its own Tab stop.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .conftest import PANEL, ROOT, describe, focused, open_page, ours, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-student")]

NOTEBOOK = "notebooks/01-focus.ipynb"
WIDGETS = 10  # code cells after the import
given: dict[str, dict] = {}  # what the tests above gave, for the restart test to find again


@pytest.fixture(scope="module")
def nb(lab, browser):
    lab.shutdown_kernels()
    lab.progress.unlink(missing_ok=True)  # a learner who has answered nothing yet
    notebook = open_page(lab, browser, NOTEBOOK)
    notebook.run_all(WIDGETS)
    notebook.show_everything()  # all on screen, so axe checks the contrast of all feedback
    yield notebook
    notebook.page.close()
    lab.shutdown_kernels()


def assert_accessible(nb) -> None:
    """No serious or critical axe-core violation in the outputs, feedback shown included."""
    found = ours(nb.axe(f"{PANEL} .jp-OutputArea"))
    assert not found, describe(found)


def box(nb, exercise_id: str):
    """The exercise box of ``exercise_id`` (found by its title)."""
    titles = {ex["id"]: ex["title"] for ex in json.loads(
        (ROOT / "exercises" / "01-focus.json").read_text(encoding="utf-8"))["exercises"]}
    return nb.exercise(titles[exercise_id])


def feedback(ex):
    return ex.locator(":scope > .widget-html").last


def button(ex):
    return ex.locator(":scope > .widget-hbox button")


def option(ex, text: str):
    """The radio or checkbox whose label is ``text`` (the first, when several rows share it)."""
    return ex.locator("label", has_text=text).locator("input").first


def row(ex, n: int):
    """Statement or question ``n`` (from 1) of a classify or self-assessment exercise."""
    return ex.locator(".lmcourse-choices").nth(n - 1)


def test_an_empty_check_says_so_in_words(nb):
    for exercise_id in ("focus-sort", "focus-scenario-1", "focus-multi", "focus-self",
                        "focus-reflect", "focus-example"):
        ex = box(nb, exercise_id)
        button(ex).click()
        expect(feedback(ex)).to_contain_text("Nothing to check yet.")
        assert "Traceback" not in feedback(ex).inner_text()
    assert_accessible(nb)


def test_classify_by_mouse_then_keyboard(nb):
    ex = box(nb, "focus-sort")
    picks = ["Leadership", "Management", "Leadership", "Leadership", "Leadership", "Both"]
    for n, label in enumerate(picks, 1):  # statements 3 and 5 are wrong
        row(ex, n).locator("label", has_text=label).locator("input").click()
    button(ex).click()
    expect(feedback(ex)).to_contain_text("Partly right.")
    expect(feedback(ex)).to_contain_text("Score: 4 of 6.")
    expect(ex.locator("span", has_text="✗ Not right")).to_have_count(2)
    expect(ex.locator("span", has_text="✓ Right")).to_have_count(4)
    assert_accessible(nb)

    # keyboard only: from the first option, Tab to the right answers, Space, Tab to Check
    page = nb.page
    row(ex, 1).locator("input").first.focus()  # as if tabbed there
    tab_to(page, row(ex, 3).locator("label", has_text="Both").locator("input"))
    page.keyboard.press("Space")
    tab_to(page, row(ex, 5).locator("label", has_text="Management").locator("input"))
    page.keyboard.press("Space")
    tab_to(page, button(ex))
    page.keyboard.press("Enter")
    expect(feedback(ex)).to_contain_text("All right.")
    expect(feedback(ex)).to_contain_text("Score: 6 of 6.")
    expect(ex.locator("span", has_text="✓ Right")).to_have_count(6)
    given["focus-sort"] = {"checked": [(3, "Both"), (5, "Management")],
                           "feedback": "Score: 6 of 6."}


def test_scenario_by_mouse_then_keyboard(nb):
    ex = box(nb, "focus-scenario-1")
    option(ex, "Add a second weekly stand-up").click()
    button(ex).click()
    expect(feedback(ex)).to_contain_text("Not right yet.")
    expect(feedback(ex)).to_contain_text("Score: 0 of 1.")
    assert_accessible(nb)

    page = nb.page
    assert focused(button(ex))  # the mouse left it there; from here on, keys only
    tab_to(page, option(ex, "Make regular time"), key="Shift+Tab")
    page.keyboard.press("Space")
    tab_to(page, button(ex))
    page.keyboard.press("Space")
    expect(feedback(ex)).to_contain_text("All right.")
    expect(feedback(ex)).to_contain_text("Score: 1 of 1.")
    given["focus-scenario-1"] = {"checked": ["Make regular time"],
                                 "feedback": "Score: 1 of 1."}


def test_multi_by_mouse_then_keyboard(nb):
    ex = box(nb, "focus-multi")
    boxes = ex.locator("input[type=checkbox]")
    boxes.nth(0).click()  # a and c apply: c is left out
    button(ex).click()
    expect(feedback(ex)).to_contain_text("Partly right.")
    expect(feedback(ex)).to_contain_text("Score: 4 of 5.")
    expect(feedback(ex)).to_contain_text("You left this out, and it applies.")
    assert_accessible(nb)

    page = nb.page
    tab_to(page, boxes.nth(2), key="Shift+Tab")
    page.keyboard.press("Space")
    tab_to(page, button(ex))
    page.keyboard.press("Enter")
    expect(feedback(ex)).to_contain_text("All right.")
    expect(feedback(ex)).to_contain_text("Score: 5 of 5.")
    given["focus-multi"] = {"boxes": [0, 2], "feedback": "Score: 5 of 5."}


def test_worked_example_steps_by_mouse_then_keyboard(nb):
    ex = box(nb, "focus-example")
    worked = ex.locator("text=The worked step:")
    expect(worked).to_have_count(0)  # nothing is given away before a check
    option(ex, "Ask the school to keep its students").click()
    button(ex).click()
    expect(feedback(ex)).to_contain_text("Not right yet.")
    expect(feedback(ex)).to_contain_text("1 still to complete.")
    expect(ex.locator("span", has_text="✗ Not right")).to_have_count(1)
    expect(worked).to_have_count(1)  # the checked step's worked step, and only that one
    assert_accessible(nb)

    page = nb.page
    assert focused(button(ex))
    tab_to(page, option(ex, "Open the empty meeting room"), key="Shift+Tab")
    page.keyboard.press("Space")
    tab_to(page, option(ex, "A one-hour limit for each student"))
    page.keyboard.press("Space")
    tab_to(page, button(ex))
    page.keyboard.press("Enter")
    expect(feedback(ex)).to_contain_text("All right.")
    expect(feedback(ex)).to_contain_text("Score: 2 of 2.")
    expect(worked).to_have_count(2)
    given["focus-example"] = {"checked": ["Open the empty meeting room",
                                          "A one-hour limit for each student"],
                              "feedback": "Score: 2 of 2."}


def test_self_assessment_draws_its_chart_on_a_press_not_per_answer(nb):
    ex = box(nb, "focus-self")
    img = ex.locator(".lmcourse-chart img")
    expect(ex).to_contain_text("appear here when every question is answered")
    assert img.count() == 0

    row(ex, 1).locator("label", has_text="Often").locator("input").click()  # leadership item
    expect(feedback(ex)).to_contain_text("Saved: 1 of 6 answered")
    page = nb.page
    tab_to(page, row(ex, 2).locator("label", has_text="Almost always").locator("input"))
    page.keyboard.press("Space")  # a management item, by keyboard
    expect(feedback(ex)).to_contain_text("Saved: 2 of 6 answered")
    assert img.count() == 0, "the chart moved with an answer"
    tab_to(page, button(ex))
    page.keyboard.press("Enter")
    expect(img).to_have_attribute("alt", _contains("Leadership side: Focus 75 of 100"))
    expect(img).to_have_attribute("alt", _contains("Management side: Focus 100 of 100"))
    expect(feedback(ex)).to_contain_text("Leadership side 75 of 100; Management side 100 of 100")
    given["focus-self"] = {"checked": [(1, "Often"), (2, "Almost always")],
                           "alt": img.get_attribute("alt")}


def test_reflection_is_saved_by_keyboard(nb):
    ex = box(nb, "focus-reflect")
    text = ex.locator("textarea")
    text.focus()
    nb.page.keyboard.type("Our team mostly looks at tickets. A monthly look ahead would help.")
    tab_to(nb.page, button(ex))  # leaving the box saves it too
    nb.page.keyboard.press("Enter")
    expect(feedback(ex)).to_contain_text("Saved (12 words).")
    expect(feedback(ex)).to_contain_text("One way to answer it.")  # the exemplar, once saved
    expect(feedback(ex).locator("li")).to_have_count(3)  # and the three-point self-check
    assert_accessible(nb)
    given["focus-reflect"] = {"text": text.input_value()}


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="ipywidgets' radio inputs have no shared name, so an arrow key on "
                   "one has no native action and JupyterLab takes it (moves the cell "
                   "selection): the focus leaves the exercise. Tab and Space work.")
def test_an_arrow_key_on_an_option_keeps_the_focus_there(nb):
    ex = box(nb, "focus-scenario-2")
    first = ex.locator("input[type=radio]").first
    first.focus()
    nb.page.keyboard.press("ArrowDown")
    inside = ex.evaluate("e => e.contains(document.activeElement)")
    first.focus()  # give the focus back to the exercise either way
    assert inside, "ArrowDown on a radio option moved the focus out of the exercise"


def give_the_rest(nb) -> None:
    """Answer by mouse each exercise the tests above did not (all of them, when the restart
    test runs on its own), and note what was given, as they do."""
    if "focus-sort" not in given:
        ex = box(nb, "focus-sort")
        picks = list(enumerate(["Leadership", "Management", "Both", "Leadership",
                                "Management", "Both"], 1))
        for n, label in picks:
            row(ex, n).locator("label", has_text=label).locator("input").click()
        button(ex).click()
        expect(feedback(ex)).to_contain_text("Score: 6 of 6.")
        given["focus-sort"] = {"checked": picks, "feedback": "Score: 6 of 6."}
    if "focus-scenario-1" not in given:
        ex = box(nb, "focus-scenario-1")
        option(ex, "Make regular time").click()
        button(ex).click()
        expect(feedback(ex)).to_contain_text("Score: 1 of 1.")
        given["focus-scenario-1"] = {"checked": ["Make regular time"],
                                     "feedback": "Score: 1 of 1."}
    if "focus-multi" not in given:
        ex = box(nb, "focus-multi")
        for k in (0, 2):
            ex.locator("input[type=checkbox]").nth(k).click()
        button(ex).click()
        expect(feedback(ex)).to_contain_text("Score: 5 of 5.")
        given["focus-multi"] = {"boxes": [0, 2], "feedback": "Score: 5 of 5."}
    if "focus-example" not in given:
        ex = box(nb, "focus-example")
        steps = ["Open the empty meeting room", "A one-hour limit for each student"]
        for label in steps:
            option(ex, label).click()
        button(ex).click()
        expect(feedback(ex)).to_contain_text("Score: 2 of 2.")
        given["focus-example"] = {"checked": steps, "feedback": "Score: 2 of 2."}
    if "focus-self" not in given:
        ex = box(nb, "focus-self")
        for n, label in ((1, "Often"), (2, "Almost always")):
            row(ex, n).locator("label", has_text=label).locator("input").click()
        expect(feedback(ex)).to_contain_text("Saved: 2 of 6 answered")
        button(ex).click()  # the chart is drawn at Check, not with each answer
        expect(ex.locator(".lmcourse-chart img")).to_have_attribute(
            "alt", _contains("Management side: Focus 100 of 100"))
        given["focus-self"] = {"checked": [(1, "Often"), (2, "Almost always")],
                               "alt": ex.locator(".lmcourse-chart img").get_attribute("alt")}
    if "focus-reflect" not in given:
        ex = box(nb, "focus-reflect")
        ex.locator("textarea").fill("A monthly look ahead would help our team.")
        button(ex).click()
        expect(feedback(ex)).to_contain_text("Saved (8 words).")
        given["focus-reflect"] = {"text": "A monthly look ahead would help our team."}


def test_answers_come_back_after_a_kernel_restart(nb, lab):
    give_the_rest(nb)  # run on its own, this test answers everything itself
    saved = json.loads(lab.progress.read_text(encoding="utf-8"))["answers"]
    assert set(given) <= set(saved), sorted(saved)

    nb.restart_kernel()
    nb.page.evaluate(f"document.querySelector('{PANEL} .jp-WindowedPanel-outer').scrollTop = 0")
    nb.run_all(WIDGETS)

    ex = box(nb, "focus-sort")
    for n, label in given["focus-sort"]["checked"]:
        expect(row(ex, n).locator("label", has_text=label).locator("input")).to_be_checked()
    expect(feedback(ex)).to_contain_text(given["focus-sort"]["feedback"])

    ex = box(nb, "focus-scenario-1")
    expect(option(ex, given["focus-scenario-1"]["checked"][0])).to_be_checked()
    expect(feedback(ex)).to_contain_text(given["focus-scenario-1"]["feedback"])

    ex = box(nb, "focus-multi")
    boxes = ex.locator("input[type=checkbox]")
    for k in range(boxes.count()):
        assert boxes.nth(k).is_checked() == (k in given["focus-multi"]["boxes"]), k
    expect(feedback(ex)).to_contain_text(given["focus-multi"]["feedback"])

    ex = box(nb, "focus-self")
    for n, label in given["focus-self"]["checked"]:
        expect(row(ex, n).locator("label", has_text=label).locator("input")).to_be_checked()
    expect(ex.locator(".lmcourse-chart img")).to_have_attribute("alt", given["focus-self"]["alt"])

    ex = box(nb, "focus-reflect")
    expect(ex.locator("textarea")).to_have_value(given["focus-reflect"]["text"])

    ex = box(nb, "focus-example")
    for label in given["focus-example"]["checked"]:
        expect(option(ex, label)).to_be_checked()
    expect(feedback(ex)).to_contain_text(given["focus-example"]["feedback"])
    expect(ex.locator("text=The worked step:")).to_have_count(2)


def _contains(text: str):
    import re

    return re.compile(re.escape(text))
