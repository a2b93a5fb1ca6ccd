"""What a learner sees in every JupyterLab theme and at every width.

``test_notebooks_browser.py`` runs every notebook in JupyterLab Light at 1280 px. Here a few
notebooks that together hold every kind of widget the course shows (the name form and the
answers panel, the five exercise kinds with their feedback and a notice shown, the sliders
and every chart, the review round, the instructor's pages) run once each; then, in the same
page, they are looked at in JupyterLab Light at 1024 px and at 200 % zoom, and in
JupyterLab Dark and JupyterLab Dark High Contrast at 1280 px (colours and widths are
independent: the course's layout is the same in every theme). In each: no
serious or critical axe-core violation in the outputs (colour contrast included, so every
text colour the course uses is checked against each theme's background), JupyterLab's own
violations within their baseline, no control whose words are cut off, no row wider than its
cell, and a screenshot in ``screenshots/e2e/themes/``.

The tests in this file share one JupyterLab session and run in the order written (notebook
01 answers questions wrong, so that notebook 10's review round has some to ask).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import (
    JUPYTERLAB_BASELINE,
    PANEL,
    ROOT,
    SCREENSHOTS,
    SIZES,
    describe,
    expected,
    jupyterlab_grown,
    ours,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-themes")]

# (theme, size), in an order that switches the theme least
LOOKS = [("light", "1024"), ("light", "zoom200"), ("dark", "1280"), ("high-contrast", "1280")]


def look_everywhere(nb, notebook: str) -> None:
    """Check ``nb`` (run, with whatever it shows) in each of :data:`LOOKS`; fail at the end
    with everything found, so one run shows every look's problems."""
    path = ROOT / notebook
    shots = SCREENSHOTS / "themes"
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for theme, size in LOOKS:
        nb.set_theme(theme)
        nb.set_width(SIZES[size])
        look = f"{theme} at {size}"
        cut = nb.cut_off()
        if cut:
            problems.append(f"{look}: words cut off or a row too wide:\n  " + "\n  ".join(cut))
        nb.show_everything()
        nb.page.locator(PANEL).screenshot(path=str(shots / f"{path.stem}-{theme}-{size}.png"))
        mine, theirs = nb.axe_split()
        found = ours(mine)
        if found:
            problems.append(f"{look}: accessibility violations in the outputs:\n"
                            + describe(found))
        counts, grown = jupyterlab_grown(nb, path, theirs)
        if grown:
            problems.append(f"{look}: JupyterLab's own violations grew beyond the baseline "
                            f"{JUPYTERLAB_BASELINE}: {counts}\n{describe(grown)}")
    assert not problems, f"{notebook}:\n" + "\n".join(problems)


def test_start_page_with_a_notice_and_no_news_prompt(open_notebook):
    nb = open_notebook("notebooks/00-start-here.ipynb")
    nb.run_all(expected(ROOT / "notebooks" / "00-start-here.ipynb")[0])
    # JupyterLab asks new users whether to fetch Jupyter news, in a box over the lower right
    # of the page, a moment after the page is restored (well before Run All is done); the
    # course's settings (jupyterlab-settings/overrides.json, installed by postBuild as on
    # Binder) answer for them
    assert "Jupyter news" not in nb.page.locator("body").inner_text()
    assert nb.page.locator(".Toastify__toast").count() == 0
    form = nb.page.locator(f"{PANEL} .lmcourse-learner")
    for field in form.locator("input").all():
        field.fill("")
    form.locator("button", has_text="Save").click()  # nothing typed: a notice, in words
    expect(form.locator(".lmcourse-fb")).to_contain_text("Please note")
    nb.page.locator(f"{PANEL} .lmcourse-answers button", has_text="Prepare download").click()
    expect(nb.page.locator(f"{PANEL} .lmcourse-answers a[download]")).to_have_count(1)
    nb.settle()
    look_everywhere(nb, "notebooks/00-start-here.ipynb")


def test_every_exercise_kind_with_its_feedback(open_notebook):
    """Every kind answered (the first option everywhere: some right, some wrong), one left
    empty, and checked: right, wrong, partly right and open marks all on screen."""
    nb = open_notebook("notebooks/01-focus.ipynb")
    nb.run_all(expected(ROOT / "notebooks" / "01-focus.ipynb")[0])
    boxes = nb.page.locator(f"{PANEL} .lmcourse-exercise")
    for k in range(boxes.count() - 1):  # the last one stays empty: "Nothing to check yet"
        ex = boxes.nth(k)
        for group in ex.locator(".widget-radio-box").all():
            group.locator("input").first.click()
        for tick in ex.locator("input[type=checkbox]").all()[:1]:
            tick.click()
        for text in ex.locator("textarea").all():
            text.fill("Attention follows what gets measured.")
            text.blur()
        ex.locator(":scope > .widget-hbox button").click()
    boxes.last.locator(":scope > .widget-hbox button").click()
    nb.settle()
    feedback = nb.page.locator(f"{PANEL} .lmcourse-exercise .lmcourse-mark")
    shown = " ".join(feedback.all_inner_texts())
    for word in ("✓ Right.", "✗ Not right.", "Partly right."):
        assert word in shown, f"{word!r} not among the feedback shown: {shown[:300]}"
    expect(nb.page.locator(f"{PANEL} .lmcourse-fb", has_text="Nothing to check yet")) \
        .to_have_count(1)
    look_everywhere(nb, "notebooks/01-focus.ipynb")


@pytest.mark.parametrize("notebook", ["notebooks/08-skills.ipynb",
                                      "notebooks/09-case-studies.ipynb",
                                      "notebooks/10-your-profile.ipynb"])
def test_sliders_charts_and_review(open_notebook, notebook):
    nb = open_notebook(notebook)
    nb.run_all(expected(ROOT / notebook)[0])
    if notebook.startswith("notebooks/10"):
        expect(nb.page.locator(f"{PANEL} .lmcourse-review .lmcourse-exercise").first) \
            .to_be_visible()  # the questions notebook 01 got wrong come back here
    look_everywhere(nb, notebook)


def test_instructor_pages(open_notebook):
    """The instructor's walk-through: files, validation messages, tables, the report."""
    notebook = "notebooks/instructor/grading-a-class.ipynb"
    nb = open_notebook(notebook)
    nb.menu("Run", "runmenu:run-all")
    nb.page.wait_for_function(
        """(sel) => [...document.querySelectorAll(sel)].some(e => e.querySelector('img'))""",
        arg=f"{PANEL} .jp-OutputArea-output", timeout=180_000)  # the report, drawn last
    nb.settle()
    text = nb.outputs_text()
    assert "Traceback" not in text, text[:2000]
    look_everywhere(nb, notebook)
