"""Sliders moved with the arrow keys redraw their radar chart, in JupyterLab.

Also the latency the course promises: key press to new chart shown, measured in the page
(a capture-phase keydown listener and a MutationObserver on the chart image, as in
``bench/bench_browser.py``). The figures are written to
``screenshots/e2e/slider-latency.json`` (git-ignored); the test fails only when the median is
far off (a redraw per change that stopped being in place, say), not on a slow CI machine.
"""

from __future__ import annotations

import json
import statistics

import pytest
from playwright.sync_api import expect

from .conftest import PANEL, ROOT, SCREENSHOTS, expected

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-sliders")]

PRESSES = 20
MEDIAN_LIMIT_MS = 400  # measured ~25-45 ms on 2 cores; the bench's target is 50 ms

ARM_JS = """(chart) => {
  const before = chart.querySelector('img').getAttribute('src');
  const lm = window.__lmLatency = {t0: null};
  document.addEventListener('keydown', () => { if (lm.t0 === null) lm.t0 = performance.now(); },
                            {capture: true, once: true});
  lm.done = new Promise((resolve, reject) => {
    const obs = new MutationObserver(() => {
      const img = chart.querySelector('img');
      if (img && img.getAttribute('src') !== before && lm.t0 !== null) {
        obs.disconnect(); resolve(performance.now() - lm.t0);
      }
    });
    obs.observe(chart, {subtree: true, childList: true, attributes: true});
    setTimeout(() => { obs.disconnect(); reject(new Error('no new chart within 10 s')); }, 10000);
  });
}"""


def press_and_time(nb, chart, key: str) -> float:
    """Press ``key`` (the focus is on a slider handle); ms until the chart's image changed."""
    chart.evaluate(ARM_JS)
    nb.page.keyboard.press(key)
    ms = nb.page.evaluate("() => window.__lmLatency.done")
    nb.settle(quiet=150)
    return ms


def test_pair_up_slider_moves_with_arrow_keys_and_redraws(open_notebook):
    nb = open_notebook("notebooks/09-case-studies.ipynb")
    nb.run_all(expected(ROOT / "notebooks" / "09-case-studies.ipynb")[0])
    box = nb.page.locator(f"{PANEL} .lmcourse-pairup")
    chart = box.locator(".lmcourse-chart")
    img = chart.locator("img")
    handle = box.locator(".noUi-handle").first  # Person A, Focus
    alt = img.get_attribute("alt")
    assert "Leadership side covered: Focus 50 of 100" in alt, alt

    handle.focus()  # as if tabbed there (the hint above the sliders says Tab)
    expect(handle).to_have_attribute("aria-valuenow", "50.0")
    times = [press_and_time(nb, chart, "ArrowRight")]
    expect(handle).to_have_attribute("aria-valuenow", "55.0")
    assert img.get_attribute("alt") != alt, "the alt text did not follow the slider"
    expect(box.locator("p[role=status]")).to_contain_text("Person A and Person B")

    for k in range(PRESSES - 1):
        times.append(press_and_time(nb, chart, "ArrowLeft" if k % 2 == 0 else "ArrowRight"))
    median = statistics.median(times)
    result = {"what": "key press on a pair_up slider to the new chart image, in JupyterLab",
              "presses": len(times), "median_ms": round(median, 1),
              "min_ms": round(min(times), 1), "max_ms": round(max(times), 1),
              "all_ms": [round(t, 1) for t in times]}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "slider-latency.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"\nslider latency: median {median:.1f} ms over {len(times)} presses "
          f"(min {min(times):.1f}, max {max(times):.1f})")
    assert median < MEDIAN_LIMIT_MS, result


def test_skills_slider_moves_with_arrow_keys_and_comes_back(lab, open_notebook):
    lab.progress.unlink(missing_ok=True)  # every skill starts "not rated"
    nb = open_notebook("notebooks/08-skills.ipynb")
    views = expected(ROOT / "notebooks" / "08-skills.ipynb")[0]
    nb.run_all(views)
    box = nb.page.locator(f"{PANEL} .lmcourse-skills")
    chart = box.locator(".lmcourse-chart")
    handle = box.locator(".noUi-handle").first  # Vision
    expect(handle).to_have_attribute("aria-valuenow", "0.0")  # position 0: "not rated"
    assert "Vision (L) not rated" in chart.locator("img").get_attribute("alt")
    handle.focus()
    press_and_time(nb, chart, "ArrowRight")
    press_and_time(nb, chart, "ArrowRight")  # "not rated" -> 0 -> 1
    expect(handle).to_have_attribute("aria-valuenow", "2.0")
    expect(box.locator("p[role=status]")).to_contain_text("Saved.")
    alt = chart.locator("img").get_attribute("alt")
    assert "Vision (L) 1 of 10" in alt and "Integrity (L) not rated" in alt, alt

    nb.restart_kernel()
    nb.run_all(views)
    expect(handle).to_have_attribute("aria-valuenow", "2.0")
    expect(chart.locator("img")).to_have_attribute("alt", alt)
