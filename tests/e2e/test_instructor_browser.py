"""The instructor flow end to end: release an assignment, answer it in JupyterLab as a
student, press "Save my submission", grade the file with ``lmcourse grade``.

Runs in the session's temporary course copy (``lmcourse release`` writes into it, the
student's kernel writes the submission next to the released notebook), so nothing in the
checkout changes.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from lmcourse.core import content

from .conftest import PANEL, SIZES, VIEWS, describe, ours

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e-instructor")]

ASSIGNMENT = "exercises/assignments/week-1.json"


def lmcourse(lab, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(lab.root), LMCOURSE_PROGRESS=str(lab.progress))
    return subprocess.run([sys.executable, "-m", "lmcourse", *args], cwd=lab.root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_release_answer_hand_in_and_grade(lab, open_notebook):
    out = lmcourse(lab, "release", ASSIGNMENT, "--out", "release", "--force")
    assert out.returncode == 0, out.stderr
    released = json.loads((lab.root / "release" / "week-1.ipynb").read_text(encoding="utf-8"))
    views = sum(1 for c in released["cells"] if c["cell_type"] == "code") - 1  # not the setup
    for old in (lab.root / "release").glob("week-1-s*.json"):
        old.unlink()

    nb = open_notebook("release/week-1.ipynb")
    nb.run_all(views)
    assert nb.page.locator(VIEWS).count() == views
    assert "Traceback" not in nb.outputs_text()
    title = {i: content.load_course().get(i)["title"]
             for i in ("focus-scenario-1", "focus-sort", "focus-multi",
                       "responsibility-scenario-1")}

    def feedback(ex):
        return ex.locator(":scope > .widget-html").last

    # a practice question: Check, feedback at once
    ex = nb.exercise(title["focus-scenario-1"])
    ex.locator("label", has_text="Make regular time").locator("input").click()
    ex.locator("button", has_text="Check").click()
    expect(feedback(ex)).to_contain_text("All right.")

    # graded questions: Save answer, no key and no score in the page
    ex = nb.exercise(title["focus-sort"])
    for n, label in enumerate(["Leadership", "Management", "Management", "Leadership"]):
        ex.locator(".lmcourse-choices").nth(n).locator("label", has_text=label) \
            .locator("input").click()  # the third is wrong (both)
    ex.locator("button", has_text="Save answer").click()
    expect(feedback(ex)).to_contain_text("Saved.")
    assert "Score" not in feedback(ex).inner_text()

    ex = nb.exercise(title["focus-multi"])
    boxes = ex.locator("input[type=checkbox]")
    for k in (0, 2):  # a and c, the right ones
        boxes.nth(k).click()
    ex.locator("button", has_text="Save answer").click()
    expect(feedback(ex)).to_contain_text("Saved.")

    ex = nb.exercise(title["responsibility-scenario-1"])
    ex.locator("input[type=radio]").nth(0).click()  # a, the right one
    ex.locator("button", has_text="Save answer").click()
    expect(feedback(ex)).to_contain_text("Saved.")

    hand_in = nb.page.locator(f"{PANEL} .lmcourse-handin")
    hand_in.locator("input").nth(0).fill("Ada Browser")
    hand_in.locator("input").nth(1).fill("s9001")
    hand_in.locator("button", has_text="Save my submission").click()
    expect(hand_in.locator("p[role=status]")).to_contain_text("✓ Saved")

    # the sheet, its "Saved." notes and the hand-in, read in JupyterLab Dark and at 200 %
    # zoom too (test_themes_browser.py does this for the course's own notebooks)
    for theme, size in (("dark", "1280"), ("light", "zoom200")):
        nb.set_theme(theme)
        nb.set_width(SIZES[size])
        cut = nb.cut_off()
        assert not cut, f"{theme} at {size}: words cut off:\n" + "\n".join(cut)
        nb.show_everything()
        found = ours(nb.axe_split()[0])
        assert not found, f"{theme} at {size}:\n{describe(found)}"

    files = sorted((lab.root / "release").glob("week-1-s9001*.json"))
    assert len(files) == 1, sorted(p.name for p in (lab.root / "release").iterdir())
    sub = json.loads(files[0].read_text(encoding="utf-8"))
    assert sub["student"] == {"id": "s9001", "name": "Ada Browser"}

    graded = lab.tmp / "graded"
    out = lmcourse(lab, "grade", ASSIGNMENT, str(files[0]), "--out", str(graded), "--force",
                   "--quiet")
    assert out.returncode == 0, out.stdout + out.stderr
    with open(graded / "grades.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    row = rows["s9001"]
    # 1 (practice scenario) + 3 of 4 statements + 2 (multi) + 2 (scenario) of 14 points
    assert (row["focus-scenario-1"], row["focus-sort/budget-check"], row["focus-multi"],
            row["responsibility-scenario-1"], row["talks-scenario"]) == ("1", "0", "2", "2", "0")
    assert float(row["total"]) == 8 and float(row["max_points"]) == 14, row
    assert row["status"].startswith("graded"), row
