""""Which difference is this?" in JupyterLab: the place kind in notebook 04, by mouse and
then by keyboard alone, with the feedback said in words and checked by axe-core."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .conftest import PANEL, ROOT, describe, expected, focused, ours, tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-place")]

NOTEBOOK = "notebooks/04-decision-making.ipynb"


def test_place_by_mouse_then_keyboard(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all(expected(ROOT / NOTEBOOK)[0])
    data = json.loads((ROOT / "exercises" / "04-decision-making.json").read_text("utf-8"))
    mix = next(ex for ex in data["exercises"] if ex["id"] == "mix-early")
    ex = nb.exercise(mix["title"])
    groups = ex.locator(".lmcourse-choices")
    expect(groups).to_have_count(2 * len(mix["items"]))  # a difference and a side each

    def pick(n: int, part: int, label: str):
        """The radio ``label`` of situation ``n`` (from 1); part 0 the difference, 1 the side."""
        return groups.nth(2 * (n - 1) + part).locator("label", has_text=label).locator("input")

    first = mix["items"][0]  # the Friday rush: focus, management side
    pick(1, 0, "Change").click()
    pick(1, 1, "Management side").click()
    ex.locator(":scope > .widget-hbox button").click()
    said = ex.locator(":scope > .widget-html").last
    expect(said).to_contain_text("Not right yet.")
    expect(said).to_contain_text(f"{len(mix['items']) - 1} still to place")
    expect(ex.locator("span", has_text="◐ Partly right")).to_have_count(1)
    expect(ex).to_contain_text("the better fit is Focus, management side")
    expect(ex).to_contain_text(first["feedback"]["change"])  # why the wrong pick tempts
    found = ours(nb.axe(f"{PANEL} .jp-OutputArea"))
    assert not found, describe(found)

    # keyboard only, from situation 1's first option (as if tabbed there): every option of
    # every situation is its own Tab stop, so reaching Check takes many presses
    page = nb.page
    button = ex.locator(":scope > .widget-hbox button")
    groups.nth(0).locator("input").first.focus()
    tab_to(page, pick(1, 0, "Focus"))
    page.keyboard.press("Space")
    assert focused(pick(1, 0, "Focus"))
    tab_to(page, button, most=6 * len(mix["items"]) + 5)
    page.keyboard.press("Enter")
    expect(ex.locator("span", has_text="✓ Right")).to_have_count(1)
    expect(said).to_contain_text("You placed 1 of")
