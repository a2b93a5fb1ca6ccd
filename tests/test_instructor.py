"""The instructor notebook's helpers, and the notebook as a file (nbval runs it)."""

import ast
import json
import re
from pathlib import Path

from lmcourse import instructor

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "instructor" / "grading-a-class.ipynb"
SAMPLES = ["assignments/samples/week-1", "assignments/samples/week-1-lms-download.zip"]


def test_the_walk_through_in_one_go(tmp_path):
    assert "no problems" in repr(instructor.validate("assignments/"))
    shown = instructor.validate_example(tmp_path)
    assert "no exercise 'focus-sorting'" in shown.text and ":" in shown.text
    assert "mode' is \"exam\"" in shown.text
    assert "Released 'week-1'" in repr(instructor.release("assignments/week-1.json",
                                                          tmp_path / "rel"))
    table = instructor.show_release(tmp_path / "rel")
    for line in table.text.splitlines():
        ex, mode, keys = line.split("\t")
        assert (keys == "none") == (mode == "graded" or ex.endswith("-self")
                                    or ex.endswith("-reflect")), line
    graded = repr(instructor.grade("assignments/week-1.json", SAMPLES, tmp_path / "out"))
    assert "Graded 7 students" in graded
    listed = int(graded.split(" problem(s)")[0].rsplit("\n", 1)[-1])
    problems = instructor.show_table(tmp_path / "out" / "problems.csv",
                                     columns=["file", "outcome"], limit=50)
    files = re.findall(r"<tr><td>([^<]*)</td><td>[^<]*</td></tr>", problems.html)
    # what the instructor reads: each file as the walk-through named it, course-relative
    assert len(files) == listed and files, problems.html
    assert all(f.startswith(tuple(SAMPLES)) for f in files), files
    shown = instructor.show_feedback(tmp_path / "out", "s1003")
    assert "Alan Turing" in repr(shown)
    assert shown._repr_html_() is None and "Alan Turing" in shown._repr_markdown_()
    with_roster = repr(instructor.grade("assignments/week-1.json", SAMPLES, tmp_path / "out",
                                        roster="assignments/samples/canvas-roster.csv"))
    assert "(Canvas, 14 students): 7 handed in; 7 did not" in with_roster
    assert "/work/" not in with_roster and "samples/canvas-roster.csv" in with_roster
    canvas = instructor.show_table(tmp_path / "out" / "canvas.csv", limit=20).text
    assert canvas.count("\n") == 15 and "Lamarr, Hedy,5014,s1014" in canvas
    report = instructor.show_report(tmp_path / "out")._repr_html_()
    assert "<svg" in report and "aria-label='Radar chart" in report and "<html" not in report
    # on a narrow page a table scrolls sideways in a region of its own, which the keyboard
    # reaches; the chart sits on its light card in any theme
    for html in (table.html, problems.html, report):
        assert html.count("<table") == html.count('<div role="region" tabindex="0"') > 0
    assert "class='lmcourse-card'" in report
    assert "Item analysis" not in report  # shown on its own, below
    items = instructor.show_item_analysis(tmp_path / "out")._repr_html_()
    assert items.startswith("<style>") and "Questions to look at first" in items
    assert "alt='Bar chart: share of the upper and of the lower 27% group" in items
    assert items.count("<table") == items.count('<div role="region" tabindex="0"') > 0
    assert items.count("class='lmcourse-card'") == items.count("<details id='q-") > 0


def test_workspace_is_a_fresh_temporary_folder_removed_at_exit():
    import subprocess
    import sys

    a, b = instructor.workspace(keep=True), instructor.workspace(keep=True)
    try:
        assert a != b and a.is_dir() and not any(a.iterdir())
        assert not a.is_relative_to(ROOT)
    finally:
        for folder in (a, b):
            folder.rmdir()
    code = "from lmcourse import instructor; print(instructor.workspace())"
    made = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()
    assert made and not Path(made).exists()


def cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def test_notebook_is_committed_without_outputs():
    for cell in cells():
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_notebook_code_is_short_hidden_calls():
    code = [c for c in cells() if c["cell_type"] == "code"]
    assert "".join(code[0]["source"]).startswith("from lmcourse import instructor as teach")
    for cell in code:
        src = "".join(cell["source"])
        assert cell["metadata"]["jupyter"]["source_hidden"] is True, src
        assert len(src.strip().splitlines()) <= 2, src
        tree = ast.parse(src)
        assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef) for n in ast.walk(tree))


def test_notebook_writes_only_into_its_workspace():
    text = "".join("".join(c["source"]) for c in cells() if c["cell_type"] == "code")
    for call in ("teach.release(", "teach.grade(", "teach.validate_example("):
        for line in text.splitlines():
            if call in line:
                assert "work" in line.split(call, 1)[1], line


def test_notebook_covers_every_step():
    text = "".join("".join(c["source"]) for c in cells() if c["cell_type"] == "markdown")
    for step in ("Author", "Validate", "Release", "Collect", "grade", "Canvas", "Moodle",
                 "After this notebook you will be able to"):
        assert step in text, step


def test_the_notebook_reads_its_own_sample_class_rightly(tmp_path):
    """What the item-analysis cell says of the sample class is what the run finds: the
    number of students, the question the list starts with and why, the sorting item after
    it (a wrong category the upper group prefers)."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = next("".join(c["source"]) for c in cells
                if "".join(c["source"]).startswith("### Item analysis"))
    instructor.grade("assignments/week-1.json", SAMPLES, tmp_path / "out")
    out = tmp_path / "out"
    from lmcourse.grading import analysis  # the run's figures, read back from its files

    stats = dict(row.split(",", 1) for row in
                 (out / "test_analysis.csv").read_text().splitlines()[1:])
    words = {"7": "seven", "8": "eight", "9": "nine", "6": "six"}
    assert f"only {words[stats['students']]} students" in text
    items = [row.split(",") for row in (out / "item_analysis.csv").read_text().splitlines()]
    flags = {r[0]: r[8] for r in items[1:]}
    first, second = re.findall(r"`([a-z0-9/-]+)`", text.split("Read the list")[1])[:2]
    assert flags[first].startswith("against_rest") and "against_rest" in analysis.FLAGS
    d, r = (float(x) for x in next(row[4:6] for row in items if row[0] == first))
    assert d > 0 > r and f"D {d:.2f}" in text
    assert "upper_prefers" in flags[second]
