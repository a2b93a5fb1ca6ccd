"""The times the course promises are the times it measures (lmcourse.core.durations): each
notebook's "About N minutes", the course map in notebook 00 and the README's map."""

import json
import re

import pytest

from lmcourse.core import content, durations
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.fixture(scope="module")
def measured():
    course = content.load_course(ROOT / "exercises")
    return {p.stem: durations.notebook(p, course).minutes for p in NOTEBOOKS}


def markdown(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_the_model_counts_reading_and_answering(tmp_path, sample):
    course = content.load_course()
    nb = {"cells": [{"cell_type": "markdown", "source": ["word " * 400]},
                    {"cell_type": "code", "source": ['lm.exercise("sample-sort")']},
                    {"cell_type": "code", "source": ["lm.pair_up()"]}]}
    path = tmp_path / "01-x.ipynb"
    path.write_text(json.dumps(nb))
    d = durations.notebook(path, course)
    sort = course.get("sample-sort")
    assert d.prose_words == 400 and d.exercise_words == durations.exercise_words(sort)
    assert d.answer_seconds == 2 * durations.ANSWER_SECONDS["classify"]  # two statements
    assert d.tool_seconds == durations.TOOL_SECONDS["pair_up"]
    assert d.minutes == pytest.approx((400 + d.exercise_words) / 200 + (30 + 300) / 60)
    assert [durations.rounded(m) for m in (1, 12.4, 12.6, 27.4)] == [5, 10, 15, 25]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_states_its_measured_time(path, measured):
    said = re.search(r"About (\d+) minutes", markdown(path))
    assert said, f"{path.name} does not say how long it takes"
    assert int(said.group(1)) == durations.rounded(measured[path.stem]), (
        f"{path.name} says {said.group(1)} minutes; measured {measured[path.stem]:.1f}")


def test_the_course_maps_agree_with_the_measured_times(measured):
    start = markdown(ROOT / "notebooks" / "00-start-here.ipynb")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for stem, minutes in measured.items():
        number = stem[:2]
        want = durations.rounded(minutes)
        row = re.search(rf"\[{number} [^\]]*\]\({stem}\.ipynb\)[^\n]*\| (\d+) min \|", start)
        assert row and int(row.group(1)) == want, f"00's course map, {stem}: want {want}"
        row = re.search(rf"\| {number} \| \[[^\]]*\]\(notebooks/{stem}\.ipynb\)[^\n]*\| (\d+) \|",
                        readme)
        assert row and int(row.group(1)) == want, f"README's course map, {stem}: want {want}"
    total = sum(measured.values())
    said = f"About {durations.hours(total)} in all"
    assert said in readme, f"README should say {said!r} ({total / 60:.2f} h measured)"
    said = f"The whole course takes about {durations.hours(total)}"
    assert said in start, f"notebook 00 should say {said!r}"
