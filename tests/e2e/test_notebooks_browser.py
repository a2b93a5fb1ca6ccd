"""Every notebook as a learner sees it: opened in JupyterLab, Run All, then looked at.

nbval runs the notebooks without a frontend, so it cannot see a widget that fails to
render, a chart without alt text or an output area a screen reader cannot use. Here each
notebook runs in a real JupyterLab (headless chromium) and the test asserts: no traceback
and no error output, every widget view rendered, every chart an image whose ``alt`` states
its values, no control whose words are cut off, and no serious or critical axe-core
(WCAG 2 A/AA) violation in the outputs. JupyterLab's own violations around them are held to
a recorded baseline. This runs in JupyterLab Light at 1280 px; a screenshot of each
notebook, in Light and then in Dark, goes to ``screenshots/e2e/`` (git-ignored).
``test_themes_browser.py`` checks the other themes and sizes.
"""

from __future__ import annotations

import re

import pytest

from .conftest import (
    JUPYTERLAB_BASELINE,
    OURS,
    OUTPUTS,
    PANEL,
    ROOT,
    SCREENSHOTS,
    UPSTREAM,
    VIEWS,
    describe,
    expected,
    jupyterlab_grown,
    ours,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-notebooks")]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

VALUE = re.compile(r"\b\d+ of (?:100|10)\b|not answered yet|not rated")

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_renders(lab, open_notebook, path):
    lab.progress.unlink(missing_ok=True)  # a learner who has answered nothing yet
    views, charts = expected(path)
    nb = open_notebook(f"notebooks/{path.name}")
    nb.run_all(views)
    page = nb.page

    text = nb.outputs_text()
    assert "Traceback" not in text, text[max(0, text.index("Traceback") - 200):][:2000]
    assert "Error displaying widget" not in text, text[:2000]
    errors = page.locator(f"{PANEL} .jp-OutputArea [data-mime-type="
                          "'application/vnd.jupyter.stderr']").all_inner_texts()
    assert not errors, "\n".join(errors)[:2000]

    assert page.locator(OUTPUTS).count() == views, "one output per code cell after the import"
    assert page.locator(VIEWS).count() == views, "a widget view that did not render"
    sizes = page.locator(VIEWS).evaluate_all(
        "els => els.map(e => [e.offsetWidth, e.offsetHeight])")
    assert all(w > 0 and h > 0 for w, h in sizes), sizes

    images = page.locator(f"{PANEL} .jp-OutputArea img").evaluate_all(
        """els => els.map(e => ({alt: e.getAttribute('alt'), src: e.getAttribute('src') || '',
                                 loaded: e.complete && e.naturalWidth > 0}))""")
    assert len(images) == charts, f"expected {charts} chart images, found {len(images)}"
    for img in images:
        alt = img["alt"] or ""
        assert alt.startswith("Radar chart: "), f"chart image without alt text: {alt!r}"
        assert len(VALUE.findall(alt)) >= 7, f"alt text does not state the values: {alt!r}"
        assert img["src"].startswith("data:image/png;base64,") and img["loaded"], alt[:80]

    # the slider handles lack names upstream (see UPSTREAM); each slider still shows its name
    labels = page.locator(f"{PANEL} .widget-slider > .widget-label").all_inner_texts()
    assert all(t.strip() for t in labels), f"a slider without a description: {labels}"

    # every option, button and description can be read: nothing cut off (ellipsis),
    # spilling over the next line, or pushed past the cell's edge
    cut = nb.cut_off()
    assert not cut, "words cut off or a row too wide:\n" + "\n".join(cut)

    nb.show_everything()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(PANEL).screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"))

    found = ours(nb.axe(OURS))
    assert not found, f"accessibility violations in {path.name}'s outputs:\n{describe(found)}"

    counts, grown = jupyterlab_grown(nb, path)
    assert not grown, (f"JupyterLab's own violations grew beyond the baseline "
                       f"{JUPYTERLAB_BASELINE}: {counts}\n{describe(grown)}")

    # the same notebook in JupyterLab Dark, to look at (test_themes_browser.py checks the
    # dark theme with axe on the notebooks that hold every kind of widget)
    nb.set_theme("dark")
    page.locator(PANEL).screenshot(path=str(SCREENSHOTS / f"{path.stem}-dark.png"))


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="ipywidgets 8.1 gives noUiSlider handles no accessible name "
                   "(aria-input-field-name); lmcourse cannot set one from Python. "
                   "When this passes, drop UPSTREAM above.")
def test_slider_handles_have_a_name(open_notebook):
    nb = open_notebook("notebooks/08-skills.ipynb")
    nb.run_all(expected(ROOT / "notebooks" / "08-skills.ipynb")[0])
    handles = [v for v in nb.axe(OURS) if v["id"] in UPSTREAM]
    assert not handles, describe(handles)
