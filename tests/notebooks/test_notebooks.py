"""The notebooks as files: cleared, prose plus one-line calls, linked, every exercise used.

nbval runs them (``pytest notebooks``); these tests check what running cannot."""

import ast
import json
import re

import pytest

from lmcourse.core import content, review

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CALL = re.compile(r'lm\.exercise\("([a-z0-9-]+)"\)')


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    for cell in cells(path):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short_hidden_calls(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert "".join(code[0]["source"]).strip() == "import lmcourse as lm\nlm.start()"
    for cell in code:
        src = "".join(cell["source"])
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, src
        assert len(src.strip().splitlines()) <= 2, src
        tree = ast.parse(src)
        assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef) for n in ast.walk(tree))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_of_its_file_is_shown_once(path):
    source = "".join("".join(c["source"]) for c in cells(path))
    shown = CALL.findall(source)
    data = content.load_file(ROOT / "exercises" / f"{path.stem}.json")
    assert shown, f"{path.name} has no exercises"
    # the review round's own "which difference is this?" situations are asked in lm.review()
    in_review = [ex["id"] for ex in data["exercises"]
                 if path.stem == review.ROUND_NOTEBOOK and ex["kind"] == "place"]
    assert not in_review or "lm.review()" in source
    assert sorted(shown + in_review) == sorted(ex["id"] for ex in data["exercises"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_links_point_at_notebooks_that_exist(path):
    text = "".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "markdown")
    links = re.findall(r"\]\(([^)#]+\.ipynb)", text)
    assert links, f"{path.name} links nowhere"
    for link in links:
        assert (path.parent / link).exists(), f"{path.name} links to missing {link}"


def test_difference_notebooks_have_the_agreed_parts():
    for path in NOTEBOOKS[1:8]:
        text = "".join("".join(c["source"]) for c in cells(path))
        for part in ("After this notebook you will be able to", "## Check yourself",
                     "## Going further", "Worked example"):
            assert part.lower() in text.lower(), f"{path.name} lacks {part!r}"
        levels = set(re.findall(r"\*\*\[(\w+)\]\*\*", text))
        assert len(levels) >= 3, f"{path.name} objectives use Bloom levels {levels}"


def _calls(path):
    """``(cell index, exercise id)`` of each exercise shown, in order."""
    return [(n, m) for n, c in enumerate(cells(path))
            for m in CALL.findall("".join(c["source"]))]


@pytest.mark.parametrize("path", NOTEBOOKS[1:8], ids=lambda p: p.stem)
def test_worked_example_then_faded_example_then_practice(path):
    course = content.load_course(ROOT / "exercises")
    worked = next(n for n, c in enumerate(cells(path))
                  if "".join(c["source"]).startswith("## Worked example"))
    shown = _calls(path)
    faded = [n for n, ex_id in shown if course.get(ex_id)["kind"] == "example"]
    practice = [n for n, ex_id in shown
                if course.get(ex_id)["kind"] in ("classify", "scenario", "multi")]
    assert len(faded) == 1, f"{path.name}: one faded example, found {len(faded)}"
    assert worked < faded[0] < min(practice), (
        f"{path.name}: the worked example (cell {worked}) and the faded example (cell "
        f"{faded[0]}) come before the first practice question (cell {min(practice)})")


def test_which_difference_sets_come_after_04_and_07_and_cover_the_differences_so_far():
    course = content.load_course(ROOT / "exercises")
    places = {ex["_notebook"]: ex for ex in course.exercises.values() if ex["kind"] == "place"
              if ex["_notebook"] != "10-your-profile"}
    assert set(places) == {"04-decision-making", "07-results"}
    assert places["04-decision-making"]["differences"] == list(content.DIFFERENCE_IDS[:4])
    assert places["07-results"]["differences"] == list(content.DIFFERENCE_IDS)
    for stem, ex in places.items():
        assert {i["difference"] for i in ex["items"]} == set(ex["differences"]), stem
        shown = _calls(ROOT / "notebooks" / f"{stem}.ipynb")
        checks = [n for n, ex_id in shown if "-check-" in ex_id]
        mine = [n for n, ex_id in shown if ex_id == ex["id"]]
        assert mine and mine[0] > max(checks), f"{stem}: the mixed set closes the notebook"


def test_every_reflection_shows_an_exemplar_and_a_three_point_self_check():
    course = content.load_course(ROOT / "exercises")
    reflections = [ex for ex in course.exercises.values() if ex["kind"] == "reflection"]
    assert reflections
    for ex in reflections:
        assert ex.get("exemplar") and len(ex.get("self_check", [])) == 3, ex["id"]


def test_the_synthesis_is_built_from_the_learners_evidence_before_any_theory():
    path = ROOT / "notebooks" / "10-your-profile.ipynb"
    texts = ["".join(c["source"]) for c in cells(path)]
    at = {call: next(n for n, t in enumerate(texts) if t.strip() == call)
          for call in ("lm.my_profile()", "lm.review()", "lm.evidence()")}
    theory = next(n for n, t in enumerate(texts) if "Kotter" in t or "Mintzberg" in t)
    assert at["lm.my_profile()"] < at["lm.evidence()"] < theory, (
        "notebook 10 shows the learner's profile and evidence before it names Kotter or "
        "Mintzberg")
    frame = next(n for n, t in enumerate(texts) if t.startswith("## Is seven the right number?"))
    coin = next(n for n, t in enumerate(texts) if t.startswith("## Two sides of one coin"))
    assert at["lm.evidence()"] < frame < coin
    framework = texts[frame]
    for source in ("Mintzberg", "Simonet and Tett", "Van Knippenberg and Sitkin", "Kotter"):
        assert source in framework, f"the framework section draws on {source}"
