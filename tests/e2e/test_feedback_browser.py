"""A feedback file holding hostile student text, rendered in the real browser.

A student's name and reflection reach their feedback file. Rendered by JupyterLab's
Markdown preview, or by a renderer that passes raw HTML through (markdown-it's CommonMark
preset and mistune without escaping, as an LMS or a static site might), nothing in them may
run (no alert), fetch (no request leaves the page's own server) or become a
``javascript:`` link.
"""

from __future__ import annotations

import json

import pytest

from lmcourse.core import submission
from lmcourse.grading import assignment
from lmcourse.grading import run as grading

from .conftest import ROOT, TOKEN

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-feedback")]

REMOTE = "https://remote.example"
NAME = ("<script>alert('name')</script><img src=x onerror=\"alert('img')\"> "
        f"![beacon]({REMOTE}/name.png)")
REFLECTION = "\n".join([
    "My team plans on Mondays.",
    f"<iframe src=\"javascript:alert('frame')\"></iframe> <img src=\"{REMOTE}/raw.png\">",
    f"[click me](javascript:alert('link')) ![pic]({REMOTE}/md.png) <{REMOTE}/auto>",
    "<svg onload=\"alert('svg')\"></svg> *emphasis* `tick` \\",
    f"[ref]: {REMOTE}/ref.png",
    "![ref image][ref] <details open ontoggle=\"alert('toggle')\">x</details>",
])


@pytest.fixture(scope="module")
def feedback_md(lab):
    """A graded feedback file of one hostile student, inside the lab's course copy."""
    week = assignment.load(ROOT / "exercises" / "assignments" / "week-1.json")
    folder = lab.root / "hostile-feedback"
    sub = submission.make("week-1", "s666", NAME, {"focus-reflect": REFLECTION,
                                                   "focus-scenario-1": "d"})
    (folder / "in").mkdir(parents=True, exist_ok=True)
    (folder / "in" / "s666.json").write_text(json.dumps(sub), encoding="utf-8")
    grading.grade(week, [folder / "in"], folder / "out", force=True)
    path = folder / "out" / "feedback" / "s666.md"
    assert "alert('name')" in path.read_text(encoding="utf-8")  # the text is there, inert
    return path


def watch(page, own: str) -> tuple[list[str], list[str]]:
    """Record every dialog (dismissed) and every request that leaves ``own`` (aborted)."""
    alerts, remote = [], []

    def on_dialog(dialog):
        alerts.append(dialog.message)
        dialog.dismiss()

    def on_route(route):
        url = route.request.url
        if url.startswith((own, "data:", "blob:", "about:")):
            route.continue_()
        else:
            remote.append(url)
            route.abort()

    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    return alerts, remote


def check_inert(page, alerts, remote, where: str) -> None:
    page.wait_for_timeout(1500)  # let images fail and handlers fire, if any would
    assert alerts == [], f"{where}: alerts fired: {alerts}"
    assert remote == [], f"{where}: remote requests: {remote}"
    assert page.locator("a[href^='javascript:' i]").count() == 0, where


def test_jupyterlab_markdown_preview_shows_hostile_text_as_text(lab, browser, feedback_md):
    assert "Markdown Preview" in lab.overrides.read_text()  # .md files open rendered
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    alerts, remote = watch(page, lab.base)
    try:
        rel = feedback_md.relative_to(lab.root).as_posix()
        page.goto(f"{lab.base}/lab/tree/{rel}?token={TOKEN}&reset")
        shown = page.locator(".jp-RenderedMarkdown").filter(has_text="Feedback:").first
        shown.wait_for(timeout=60_000)
        check_inert(page, alerts, remote, "jupyterlab")
        assert shown.locator("img, iframe, script, svg, details").count() == 0
        text = shown.inner_text()
        assert "<script>alert('name')</script>" in text  # shown to the reader, as written
        assert "[click me](javascript:alert('link'))" in text
    finally:
        page.close()


@pytest.mark.parametrize("renderer", ["markdown-it", "mistune"])
def test_a_renderer_that_passes_html_through_runs_nothing(lab, browser, feedback_md,
                                                          renderer):
    text = feedback_md.read_text(encoding="utf-8")
    if renderer == "markdown-it":
        from markdown_it import MarkdownIt

        body = MarkdownIt("commonmark").render(text)  # raw HTML allowed, links allowed
    else:
        import mistune

        body = mistune.create_markdown(escape=False)(text)
    page = browser.new_page()
    alerts, remote = watch(page, lab.base)
    try:
        page.set_content(f"<!DOCTYPE html><html><body>{body}</body></html>")
        check_inert(page, alerts, remote, renderer)
        assert page.locator("img, iframe, script, svg, details").count() == 0
        assert "<script>alert('name')</script>" in page.inner_text("body")
    finally:
        page.close()
