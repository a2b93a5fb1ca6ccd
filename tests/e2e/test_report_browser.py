"""The class report in the real browser: the item analysis's tables sort from the keyboard,
nothing is fetched, the page's one script is the only one allowed, and axe-core finds no
serious or critical WCAG 2 A/AA violation. A screenshot goes to ``screenshots/e2e/``."""

from __future__ import annotations

import pytest

from lmcourse.grading import assignment
from lmcourse.grading import run as grading

from .conftest import ROOT, SCREENSHOTS, axe_script, describe, ours, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-report")]

SAMPLES = ROOT / "exercises" / "assignments" / "samples"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    week = assignment.load(ROOT / "exercises" / "assignments" / "week-1.json")
    out = tmp_path_factory.mktemp("report") / "out"
    grading.grade(week, [SAMPLES / "week-1", SAMPLES / "week-1-lms-download.zip"], out)
    return out / "report.html"


def test_the_item_table_sorts_from_the_keyboard_and_nothing_is_fetched(browser, report):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    outside, problems = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("file:", "data:")) else None)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        page.goto(report.as_uri())
        rows = page.locator("#items tbody tr th")
        before = rows.all_inner_texts()
        button = page.locator("#items thead button", has_text="Facility")
        page.locator("#items caption").click()  # start just before the table, then keys only
        tab_to(page, button)
        page.keyboard.press("Enter")
        heading = page.locator("#items thead th", has=page.locator("button",
                                                                   has_text="Facility"))
        assert heading.get_attribute("aria-sort") == "ascending"
        assert page.locator("#items-sorted").inner_text() == (
            "Sorted by Facility, lowest first.")
        facility = [float(c) for c in page.locator("#items tbody tr td:nth-child(3)")
                    .evaluate_all("cells => cells.map(c => c.dataset.value)")]
        assert facility == sorted(facility) and rows.all_inner_texts() != before
        page.keyboard.press("Space")  # again: highest first
        assert heading.get_attribute("aria-sort") == "descending"
        facility = [float(c) for c in page.locator("#items tbody tr td:nth-child(3)")
                    .evaluate_all("cells => cells.map(c => c.dataset.value)")]
        assert facility == sorted(facility, reverse=True)
        assert outside == [] and problems == []  # no request, no blocked script
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    finally:
        page.close()


def test_every_figure_has_alt_text_and_axe_finds_nothing_serious(browser, report):
    # the page's CSP allows only its own sorter: this context lets axe-core in
    context = browser.new_context(bypass_csp=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    try:
        page.goto(report.as_uri())
        page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")
        alts = page.locator("img").evaluate_all("imgs => imgs.map(i => i.alt)")
        assert len(alts) == 11 and all(len(a) > 40 for a in alts), alts
        assert sum("upper" in a and "lower" in a for a in alts) == 11  # one per question
        radar = page.locator("svg[role=img]")  # the class radar, drawn as SVG
        assert radar.count() == 1
        said = radar.get_attribute("aria-label")
        assert said.startswith("Radar chart: the class's average self-assessment") and all(
            f"{label} " in said for label in ("Focus", "Responsibility", "Results"))
        box = radar.bounding_box()
        assert box["width"] > 400 and box["height"] > 400  # drawn at its size, not squashed
        page.add_script_tag(path=str(axe_script()))
        found = ours(page.evaluate("""async () => {
          const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa']}, resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                                      summary: n.failureSummary}))}));
        }"""))
        assert not found, describe(found)
    finally:
        context.close()


def test_the_self_assessment_scales_sort_from_the_keyboard_blanks_last(browser, report):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        page.goto(report.as_uri())
        button = page.locator("#scales thead button", has_text="Alpha")
        page.locator("#scales caption").click()
        tab_to(page, button)
        alpha = "#scales tbody tr td:nth-child(5)"
        for key, order in (("Enter", "ascending"), ("Space", "descending")):
            page.keyboard.press(key)
            heading = page.locator("#scales thead th",
                                   has=page.locator("button", has_text="Alpha"))
            assert heading.get_attribute("aria-sort") == order
            values = page.locator(alpha).evaluate_all(
                "cells => cells.map(c => c.dataset.value)")
            shown = [float(v) for v in values if v]
            assert values[len(shown):] == [""] * (len(values) - len(shown))  # blanks last
            assert shown == sorted(shown, reverse=order == "descending") and len(shown) >= 2
        assert "Sorted by Alpha" in page.locator("#scales-sorted").inner_text()
    finally:
        page.close()
