"""Every notebook as a learner sees it: opened in JupyterLab, Run All, then looked at.

nbval runs the notebooks without a frontend, so it cannot see a widget that fails to
render, a chart without alt text or an output area a screen reader cannot use. Here each
notebook runs in a real JupyterLab (headless chromium) and the test asserts: no traceback
and no error output, every widget view rendered, every chart an image whose ``alt`` states
its values, and no serious or critical axe-core (WCAG 2 A/AA) violation in the output
areas. JupyterLab's own violations around them are held to a recorded baseline. A
screenshot of each notebook goes to ``screenshots/e2e/`` (git-ignored).
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import OUTPUTS, PANEL, ROOT, SCREENSHOTS, UPSTREAM, VIEWS, describe, expected, ours

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-notebooks")]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

VALUE = re.compile(r"\b\d+ of (?:100|10)\b|not answered yet")

# JupyterLab 4.6's own WCAG violations in a notebook panel, around our outputs (all
# critical, none ours), measured with axe-core 4 on every course notebook: the debugger
# toolbar button's aria-pressed, the windowed cell list's role=feed children, and the empty
# heading-collapse buttons of markdown heading cells (one or two were seen, depending on
# which cell is active; at most one per heading cell is allowed). Rule -> (marker in the
# element, most elements). A new rule, a new kind of element or more of them fails the test.
JUPYTERLAB_BASELINE = {
    "aria-allowed-attr": ("jp-DebuggerBugButton", 1),
    "aria-required-children": ("jp-WindowedPanel-viewport", 1),
    "button-name": ("jp-collapseHeadingButton", "headings"),
}

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_renders(open_notebook, path):
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

    # every option can be read: no label cut off (ellipsis) or spilling over the next one
    clipped = page.locator(f"{PANEL} .jp-OutputArea label").evaluate_all(
        """els => els.filter(e => e.offsetParent !== null && e.textContent.trim() &&
                                  (e.scrollWidth > e.clientWidth + 1 ||
                                   e.scrollHeight > e.clientHeight + 1))
                     .map(e => e.textContent.trim().slice(0, 90))""")
    assert not clipped, "option text cut off or overlapping:\n" + "\n".join(clipped)

    # the slider handles lack names upstream (see UPSTREAM); each slider still shows its name
    labels = page.locator(f"{PANEL} .widget-slider > .widget-label").all_inner_texts()
    assert all(t.strip() for t in labels), f"a slider without a description: {labels}"

    nb.show_everything()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(PANEL).screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"))

    found = ours(nb.axe(f"{PANEL} .jp-OutputArea"))
    assert not found, f"accessibility violations in {path.name}'s outputs:\n{describe(found)}"

    theirs = nb.axe(PANEL, exclude=".jp-OutputArea")
    headings = sum(1 for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                   if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("#"))
    limit = {k: headings if n == "headings" else n for k, (_, n) in JUPYTERLAB_BASELINE.items()}
    counts = {v["id"]: len(v["nodes"]) for v in theirs}
    grown = [v for v in theirs if v["id"] not in JUPYTERLAB_BASELINE
             or len(v["nodes"]) > limit[v["id"]]
             or any(JUPYTERLAB_BASELINE[v["id"]][0] not in n["html"] for n in v["nodes"])]
    assert not grown, (f"JupyterLab's own violations grew beyond the baseline "
                       f"{JUPYTERLAB_BASELINE}: {counts}\n{describe(grown)}")

@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="ipywidgets 8.1 gives noUiSlider handles no accessible name "
                   "(aria-input-field-name); lmcourse cannot set one from Python. "
                   "When this passes, drop UPSTREAM above.")
def test_slider_handles_have_a_name(open_notebook):
    nb = open_notebook("notebooks/08-skills.ipynb")
    nb.run_all(expected(ROOT / "notebooks" / "08-skills.ipynb")[0])
    handles = [v for v in nb.axe(f"{PANEL} .jp-OutputArea") if v["id"] in UPSTREAM]
    assert not handles, describe(handles)
